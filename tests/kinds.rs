//! The kinds registry is the one list (`registry!` makes the `Kind` enum and
//! `kinds::ALL` from the same lines): each module's Spec names its own kind,
//! and the parser, the schema, the data files, the fixtures, the goldens and
//! the README's list all follow the registry.

use std::fs;
use std::path::Path;

use lvdong::data::{json_schema, parse_str, Kind, ARTICLE_JSON, SUPPLEMENTARY_JSON};
use lvdong::kinds::{self, ALL};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn every_kind_is_registered_once_at_its_own_place() {
    for (i, spec) in ALL.iter().enumerate() {
        assert_eq!(
            spec.kind as usize, i,
            "{} sits at its discriminant",
            spec.name
        );
        assert_eq!(spec.kind.spec().name, spec.name);
        assert_eq!(Kind::parse(spec.name), Some(spec.kind));
        assert!(!spec.about.is_empty());
        assert!(spec.max_items >= 1);
    }
    let mut names: Vec<&str> = ALL.iter().map(|s| s.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ALL.len(), "names are unique");
}

#[test]
fn the_schema_and_the_parser_know_exactly_the_registered_kinds() {
    let schema = json_schema();
    let listed: Vec<&str> = schema["definitions"]["chart"]["properties"]["kind"]["enum"]
        .as_array()
        .expect("the kind enum")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let names: Vec<&str> = ALL.iter().map(|s| s.name).collect();
    assert_eq!(listed, names);

    let file = r#"{"schema":1,"charts":[{"id":"c","kind":"pie","title":{"zh":"t"},"source":{"zh":"s"},
        "datasets":[{"id":"d","label":{"zh":"d"},"unit":"count","items":[{"id":"a","label":{"zh":"a"},"value":1}]}]}]}"#;
    let problems = parse_str(file).unwrap_err();
    let msg = problems[0].to_string();
    assert!(
        msg.contains(&format!("(known: {})", names.join(", "))),
        "{msg}"
    );
}

#[test]
fn every_kind_has_a_fixture_and_its_goldens() {
    for spec in ALL {
        let fixture = Path::new(ROOT).join(format!("tests/fixtures/{}.json", spec.name));
        let text =
            fs::read_to_string(&fixture).unwrap_or_else(|_| panic!("{} exists", fixture.display()));
        let (file, _) = parse_str(&text).unwrap();
        assert_eq!(file.charts[0].kind, spec.kind, "{}", fixture.display());
        let goldens = fs::read_dir(Path::new(ROOT).join("tests/golden"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{}-", spec.name))
            })
            .count();
        assert!(goldens > 0, "tests/golden has pictures of {}", spec.name);
    }
}

/// The README's list of kinds, between its markers, as the registry says it.
fn kinds_block() -> String {
    let mut s = String::from(
        "<!-- kinds: generated from src/kinds (LVDONG_BLESS=1 cargo test --test kinds) -->\n",
    );
    for spec in ALL {
        s.push_str(&format!("- `{}`: {}\n", spec.name, spec.about));
    }
    s.push_str("<!-- /kinds -->");
    s
}

#[test]
fn the_readme_lists_the_registered_kinds() {
    let path = Path::new(ROOT).join("README.md");
    let readme = fs::read_to_string(&path).unwrap();
    let start = readme
        .find("<!-- kinds:")
        .expect("README has the kinds block");
    let end = readme.find("<!-- /kinds -->").expect("the block ends") + "<!-- /kinds -->".len();
    let want = kinds_block();
    if readme[start..end] != want && std::env::var("LVDONG_BLESS").is_ok_and(|v| v == "1") {
        fs::write(
            &path,
            format!("{}{}{}", &readme[..start], want, &readme[end..]),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        want,
        "README's kinds (LVDONG_BLESS=1 to rewrite)"
    );
}

#[test]
fn meaning_helpers_follow_the_spec() {
    let (file, _) = parse_str(
        &fs::read_to_string(Path::new(ROOT).join("tests/fixtures/stacked.json")).unwrap(),
    )
    .unwrap();
    let stacked = &file.charts[0];
    assert!(stacked.kind.spec().all_datasets);
    assert!(!kinds::has_tabs(stacked), "all datasets at once: no tabs");
    let total: usize = stacked.datasets.iter().map(|d| d.items.len()).sum();
    assert_eq!(kinds::item_count(stacked, 0), total);
    let mut seen = Vec::new();
    for key in 0..total {
        seen.push(kinds::item_ref(stacked, 0, key).unwrap());
    }
    seen.dedup();
    assert_eq!(seen.len(), total, "every key is its own item");
    assert_eq!(kinds::item_ref(stacked, 0, total), None);
}

#[test]
fn every_kind_the_shipped_data_uses_is_registered() {
    for text in [ARTICLE_JSON, SUPPLEMENTARY_JSON] {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        for c in v["charts"].as_array().unwrap() {
            let name = c["kind"].as_str().unwrap();
            assert!(Kind::parse(name).is_some(), "{name} is in the registry");
        }
    }
}
