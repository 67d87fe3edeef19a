//! Opening a data file in the editor and downloading it again loses nothing:
//! every file of the demo and of the golden fixtures comes back as the same
//! charts (the reader's own model compared), ids, notes, targets and details included.

use std::path::Path;

use lvdong_editor::{build, load};

fn files() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["data", "tests/fixtures"] {
        for e in std::fs::read_dir(root.join(dir)).expect("dir") {
            let p = e.expect("entry").path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".json") && !name.ends_with(".schema.json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The demo's data file as written.
fn article() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/article.json"))
        .expect("read")
}

#[test]
fn every_data_file_opens_and_downloads_unchanged() {
    let files = files();
    assert!(
        files.len() >= 8,
        "the demo's and the fixtures' files: {files:?}"
    );
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read");
        let (before, _) = lvdong::data::parse_str(&text).expect("a valid file");
        let drafts = load::drafts(&text).expect("opens");
        let out = build(&drafts);
        let problems: Vec<String> = out
            .charts
            .iter()
            .flat_map(|c| &c.problems)
            .filter(|p| p.severity == lvdong_editor::Severity::Error)
            .map(|p| p.located(false))
            .collect();
        let file = out
            .file
            .unwrap_or_else(|| panic!("{}: no file: {problems:?}", path.display()));
        let (after, _) = lvdong::data::parse_str(&file).expect("the download is valid");
        for (a, b) in before.charts.iter().zip(&after.charts) {
            assert_eq!(a, b, "{}: chart {} changed", path.display(), a.id);
        }
        assert_eq!(before, after, "{}", path.display());
        // The file-level `$schema` line comes back as it was (or stays absent).
        let schema_ref = |t: &str| {
            serde_json::from_str::<serde_json::Value>(t).expect("json")["$schema"].clone()
        };
        assert_eq!(
            schema_ref(&text),
            schema_ref(&file),
            "{}: $schema",
            path.display()
        );
        // And a second round changes nothing either.
        let again = build(&load::drafts(&file).expect("opens"))
            .file
            .expect("file");
        assert_eq!(lvdong::data::parse_str(&again).expect("valid").0, after);
    }
}

#[test]
fn an_opened_file_keeps_what_the_table_cannot_show_while_its_figures_are_edited() {
    let text = article();
    let mut drafts = load::drafts(&text).expect("opens");
    let at = drafts
        .iter()
        .position(|d| d.options.id.as_deref() == Some("plan-progress"))
        .expect("the progress chart");
    // The editor changes one figure: the first item's value.
    let table = drafts[at].table.clone();
    let mut lines: Vec<String> = table.lines().map(String::from).collect();
    let mut cells: Vec<String> = lines[1].split('\t').map(String::from).collect();
    let value_col = drafts[at].options.value_columns.clone().expect("columns")[0];
    cells[value_col] = "1".into();
    lines[1] = cells.join("\t");
    drafts[at].table = lines.join("\n") + "\n";
    let file = build(&drafts).file.expect("file");
    let (after, _) = lvdong::data::parse_str(&file).expect("valid");
    let (before, _) = lvdong::data::parse_str(&text).expect("valid");
    let (b, a) = (
        before.chart("plan-progress").expect("chart"),
        after.chart("plan-progress").expect("chart"),
    );
    let (bi, ai) = (&b.datasets[0].items[0], &a.datasets[0].items[0]);
    assert_ne!(bi.value, ai.value, "the edit is taken");
    assert_eq!(
        (&bi.note, &bi.target, &bi.share, &bi.role),
        (&ai.note, &ai.target, &ai.share, &ai.role)
    );
    assert_eq!(b.datasets[0].items[1..], a.datasets[0].items[1..]);
}

#[test]
fn the_schema_line_survives_removing_and_moving_charts() {
    let text = article();
    let mut drafts = load::drafts(&text).expect("opens");
    assert!(drafts.len() > 2, "the demo's charts");
    drafts.remove(0);
    drafts.reverse();
    let file = build(&drafts).file.expect("file");
    let value: serde_json::Value = serde_json::from_str(&file).expect("json");
    assert_eq!(value["$schema"], "./lvdong.schema.json");
    // A file typed from scratch has none.
    let fresh = build(&[lvdong_editor::Draft {
        table: "地区\t投资额（亿元）\n烟台\t1\n青岛\t2\n".into(),
        options: lvdong_editor::Options {
            title_zh: Some("投资".into()),
            title_en: Some("Investment".into()),
            source_zh: Some("烟台日报".into()),
            source_en: Some("Yantai Daily".into()),
            ..Default::default()
        },
    }]);
    let problems: Vec<String> = fresh.charts[0]
        .problems
        .iter()
        .map(|p| p.located(false))
        .collect();
    let file = fresh.file.unwrap_or_else(|| panic!("{problems:?}"));
    let value: serde_json::Value = serde_json::from_str(&file).expect("json");
    assert!(value.get("$schema").is_none());
}
