//! `cargo xtask check-data`: what it prints and its exit code, through the
//! library report the command prints verbatim.

use std::path::PathBuf;

use lvdong::data::{check_files, check_text, Report};

fn root(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn both_shipped_files_pass_with_exit_code_0() {
    let r = check_files(&[root("data/article.json"), root("data/supplementary.json")]);
    assert_eq!(r.exit_code(), 0, "{:#?}", r.lines);
    assert_eq!((r.errors, r.warnings), (0, 0), "{:#?}", r.lines);
    assert_eq!(r.lines.len(), 2);
    assert!(r.lines[0].ends_with("article.json: ok — 10 charts, 14 datasets, 36 items"));
}

#[test]
fn a_bad_file_exits_1_and_names_every_error_by_path() {
    let r = check_files(&[root("data/article.json"), root("tests/data/bad-types.json")]);
    assert_eq!(r.exit_code(), 1);
    assert_eq!(r.errors, 1);
    let want = "bad-types.json: error: charts[1].datasets[0].items[2].value: \
                must be a finite number ≥ 0 (got \"abc\")";
    assert!(r.lines.iter().any(|l| l.ends_with(want)), "{:#?}", r.lines);
    assert!(r
        .lines
        .iter()
        .any(|l| l.ends_with("bad-types.json: 1 error(s)")));
}

#[test]
fn duplicates_fixture_fails() {
    let r = check_files(&[root("tests/data/bad-duplicates.json")]);
    assert_eq!(r.exit_code(), 1);
    assert!(r
        .lines
        .iter()
        .any(|l| l.contains("charts[0].datasets[0].items[1].id: duplicate id \"same\"")));
}

#[test]
fn a_missing_file_is_an_error() {
    let r = check_files(&[root("tests/data/no-such-file.json")]);
    assert_eq!(r.exit_code(), 1);
    assert!(r.lines[0].contains("cannot read the file"), "{:?}", r.lines);
}

#[test]
fn warnings_alone_exit_0_but_are_printed() {
    let mut r = Report::default();
    let text = r#"{"schema": 1, "charts": [{"id": "c", "kind": "kpi", "title": "只有中文",
        "source": {"zh": "来源", "en": "Source"},
        "datasets": [{"id": "d", "label": {"zh": "甲", "en": "A"}, "unit": "percent",
          "items": [{"id": "a", "label": {"zh": "一", "en": "One"}, "value": 5}]}]}]}"#;
    check_text("w.json", text, &mut r);
    assert_eq!(r.exit_code(), 0);
    assert_eq!(r.warnings, 1);
    assert!(r
        .lines
        .iter()
        .any(|l| l.starts_with("w.json: warning: charts[0].title: has no English")));
}

#[test]
fn malformed_json_exits_1_with_line_and_column() {
    let mut r = Report::default();
    check_text("m.json", "{\"schema\": 1,\n \"charts\": [}", &mut r);
    assert_eq!(r.exit_code(), 1);
    assert!(r.lines[0].starts_with("m.json: error: (file): not valid JSON at line 2, column"));
}
