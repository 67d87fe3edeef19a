//! The editor's Chinese UI shows every data-checker message in Chinese: the
//! reader's checker writes English (inside the reader's wasm, which must not
//! grow), and `lvdong_editor::zh` says each of its sentences again.

use lvdong_editor::{build, load, zh, Draft, Options};
use serde_json::{json, Value};

/// A valid progress chart, for the broken variants below.
fn base() -> Value {
    json!({"schema": 1, "charts": [{
        "id": "c", "kind": "progress",
        "title": {"zh": "标题", "en": "Title"},
        "source": {"zh": "来源", "en": "Source", "date": "2023-08-30"},
        "datasets": [{"id": "d", "label": {"zh": "甲", "en": "A"}, "unit": "CNY",
            "items": [{"id": "a", "label": {"zh": "甲", "en": "A"}, "value": 5, "target": {"value": 10}}]}]
    }]})
}

/// Files that make the checker say each of its sentences.
fn broken() -> Vec<String> {
    let mut out = vec![
        String::new(),
        "{\"schema\": 1,".into(),
        "<!doctype html><p>not here</p>".into(),
        "{\"schema\": 1 \"charts\": []}".into(),
        "[1, 2".into(),
        "{\"a\": \"\\q\"}".into(),
        "{\"a\": 1} x".into(),
        "{\"a\": \"open".into(),
        "{a: 1}".into(),
        "{\"a\" 1}".into(),
        "{\"a\": -}".into(),
    ];
    let edits: Vec<(&str, Value)> = vec![
        ("/schema", json!(2)),
        ("/charts", json!([])),
        ("/charts", json!("x")),
        ("/charts/0/titel", json!("x")),
        ("/charts/0/zzzzzz", json!("x")),
        ("/charts/0/kind", json!("pie")),
        ("/charts/0/kind", json!(3)),
        ("/charts/0/id", json!("a b")),
        ("/charts/0/title/en", json!("")),
        ("/charts/0/title/en", json!("x".repeat(600))),
        ("/charts/0/title", json!("只有中文")),
        ("/charts/0/subtitle", json!({"zh": "副"})),
        ("/charts/0/source/url", json!("ftp://x")),
        ("/charts/0/source/date", json!("30.8.2023")),
        ("/charts/0/sort", json!("yes")),
        ("/charts/0/datasets/0/unit", json!("吨")),
        ("/charts/0/datasets/0/scale", json!({"zh": "千", "en": "k"})),
        ("/charts/0/datasets/0/items/0/value", json!("5")),
        ("/charts/0/datasets/0/items/0/value", json!(-5)),
        ("/charts/0/datasets/0/items/0/value", json!(1e17)),
        ("/charts/0/datasets/0/items/0/relation", json!("roughly")),
        ("/charts/0/datasets/0/items/0/role", json!("green")),
        ("/charts/0/datasets/0/items/0/plan", json!({"value": 3})),
        ("/charts/0/datasets/0/items/0/target", json!({"value": 0})),
        ("/charts/0/datasets/0/items/0/derived", json!(true)),
        ("/charts/0/datasets/0/items/0/share", json!(120)),
        ("/charts/0/datasets/0/items/0/details", json!({})),
        ("/charts/0/datasets/0/items/0/details", json!([])),
        ("/charts/0/datasets/0/items/0", json!([])),
    ];
    for (at, v) in edits {
        let mut f = base();
        let (parent, key) = at.rsplit_once('/').expect("a path");
        let target = f.pointer_mut(parent).expect("parent");
        match target {
            Value::Object(m) => {
                m.insert(key.into(), v);
            }
            Value::Array(a) => a[key.parse::<usize>().expect("index")] = v,
            _ => unreachable!(),
        }
        out.push(f.to_string());
    }
    let mut f = base();
    f["charts"][0]
        .as_object_mut()
        .expect("chart")
        .remove("source");
    f["charts"][0]["datasets"][0]["items"][0]
        .as_object_mut()
        .expect("item")
        .remove("target");
    out.push(f.to_string());
    let mut f = base();
    let item = f["charts"][0]["datasets"][0]["items"][0].clone();
    f["charts"][0]["datasets"][0]["items"] = json!([item.clone(), item]);
    out.push(f.to_string());
    // Kind rules: zero whole, too many dots, non-whole dots, a change in a donut, a rank.
    for (kind, unit, values, change) in [
        ("donut", "count", vec![0, 0], false),
        ("units", "count", vec![20000, 1], false),
        ("units", "count", vec![1, 2], true),
        ("kpi", "rank", vec![0, 1], false),
    ] {
        let items: Vec<Value> = values
            .iter()
            .enumerate()
            .map(|(i, v)| json!({"id": format!("i{i}"), "label": {"zh": "甲", "en": "A"}, "value": v, "change": change}))
            .collect();
        let mut f = base();
        f["charts"][0]["kind"] = json!(kind);
        f["charts"][0]["datasets"][0]["unit"] = json!(unit);
        f["charts"][0]["datasets"][0]["items"] = json!(items);
        out.push(f.to_string());
    }
    let mut f = base();
    f["charts"][0]["kind"] = json!("kpi");
    f["charts"][0]["datasets"][0]["items"] = json!((0..7)
        .map(|i| json!({"id": format!("i{i}"), "label": {"zh": "甲", "en": "A"}, "value": 1.5}))
        .collect::<Vec<_>>());
    out.push(f.to_string());
    let mut f = base();
    f["charts"][0]["kind"] = json!("units");
    f["charts"][0]["datasets"][0]["items"][0]["value"] = json!(1.5);
    out.push(f.to_string());
    out
}

/// English left in a Chinese message: ASCII words outside quotes, other
/// than a web address's scheme.
fn english_in(zh: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut quoted = false;
    for c in zh.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            _ if !quoted => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !matches!(*w, "http"))
        .map(String::from)
        .collect()
}

#[test]
fn every_checker_message_reads_in_chinese_in_the_zh_ui() {
    let mut seen = std::collections::BTreeSet::new();
    for file in broken() {
        let problems = match lvdong::data::parse_str(&file) {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        };
        assert!(
            !problems.is_empty(),
            "a broken file finds a problem: {file}"
        );
        for p in problems {
            let zh = zh::checker(&p.path, &p.message);
            assert!(
                english_in(&zh).is_empty(),
                "untranslated English {:?} in {zh:?} (for {:?})",
                english_in(&zh),
                p.message
            );
            assert!(
                !zh.contains("不符合数据文件的要求"),
                "a sentence without its own translation: {:?}",
                p.message
            );
            seen.insert(
                p.message
                    .split(['"', '(', '0', '1', '2', '5'])
                    .next()
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    assert!(
        seen.len() >= 35,
        "the corpus covers the checker's sentences: {seen:#?}"
    );
}

/// A draft of `table` with a Chinese title and source only.
fn titled(table: &str) -> Draft {
    Draft {
        table: table.into(),
        options: Options {
            title_zh: Some("标题".into()),
            source_zh: Some("来源".into()),
            ..Options::default()
        },
    }
}

#[test]
fn a_checker_message_is_placed_at_its_field_in_chinese() {
    // No English title: the checker's warning sits at the English title field.
    let d = titled("项目\t总投资（亿元）\n甲\t1\n乙\t2\n");
    let out = build(&[d]);
    let p = out.charts[0]
        .problems
        .iter()
        .find(|p| p.field.as_deref() == Some("title_en"))
        .expect("a warning at title_en");
    assert_eq!(p.zh, "标题（英文）缺少英文：英文版读者会看到中文");
    for p in &out.charts[0].problems {
        assert!(english_in(&p.zh).is_empty(), "{:?}", p.zh);
    }
    // A file that cannot be opened says why in Chinese, by field.
    let bad = base().to_string().replace("\"schema\":1", "\"schema\":2");
    let errors = load::drafts(&bad).expect_err("not opened");
    assert_eq!(errors[0].zh, "版本号应为 1（现为 2）");
}

#[test]
fn a_checker_error_lands_on_its_cell_when_a_tab_skips_a_row() {
    // Tab B has no value for row 2, so its first item is row 3's.
    let d = titled("名称\t甲（%）\t乙（%）\nA\t50\t\nB\t30\t150\n");
    let out = build(&[d]);
    let p = out.charts[0]
        .problems
        .iter()
        .find(|p| p.severity == lvdong_editor::Severity::Error)
        .expect("the checker's percent error");
    assert_eq!((p.row, p.column), (Some(2), Some(2)), "{p:?}");
    assert_eq!(
        p.located(true),
        "第3行第C列：数值是百分比，应在 0 到 100 之间（现为 150）"
    );
    assert!(out.file.is_none());
}
