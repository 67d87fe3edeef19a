//! The data file: the shipped files hold every FACTS.md figure with the right
//! value and unit and pass with no problem at all; each validation rule names
//! the exact JSON path of a bad field; the JSON Schema matches the parser.

use lvdong::data::{
    json_schema, json_schema_text, parse_str, parse_value, Chart, DataFile, Dataset, Item, Kind,
    Problem, Relation, Severity, Unit, ARTICLE_JSON, CHART_FIELDS, DATASET_FIELDS, DETAIL_FIELDS,
    FILE_FIELDS, ITEM_FIELDS, REFERENCE_FIELDS, SUPPLEMENTARY_JSON,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------- shipped data

fn article() -> DataFile {
    let (file, warnings) = parse_str(ARTICLE_JSON).expect("article.json has no errors");
    assert!(warnings.is_empty(), "article.json warnings: {warnings:?}");
    file
}

fn supplementary() -> DataFile {
    let (file, warnings) = parse_str(SUPPLEMENTARY_JSON).expect("supplementary.json has no errors");
    assert!(
        warnings.is_empty(),
        "supplementary.json warnings: {warnings:?}"
    );
    file
}

fn chart<'a>(file: &'a DataFile, id: &str, kind: Kind) -> &'a Chart {
    let c = file.chart(id).unwrap_or_else(|| panic!("chart {id}"));
    assert_eq!(c.kind, kind, "kind of chart {id}");
    c
}

fn dataset<'a>(c: &'a Chart, id: &str) -> &'a Dataset {
    let i = c
        .dataset_index(id)
        .unwrap_or_else(|| panic!("dataset {id} in {}", c.id));
    &c.datasets[i]
}

fn item<'a>(d: &'a Dataset, id: &str) -> &'a Item {
    d.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("item {id} in {}", d.id))
}

/// Relative comparison: base-unit values reach 1e13.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Checks an item's value, unit (own or dataset's), relation and derived flag.
fn figure(d: &Dataset, id: &str, value: f64, unit: Unit, relation: Relation, derived: bool) {
    let it = item(d, id);
    assert!(
        same(it.value, value),
        "{}/{id}: {} ≠ {value}",
        d.id,
        it.value
    );
    assert_eq!(d.unit_of(it), &unit, "{}/{id} unit", d.id);
    assert_eq!(it.relation, relation, "{}/{id} relation", d.id);
    assert_eq!(it.derived, derived, "{}/{id} derived", d.id);
}

#[test]
fn both_shipped_files_pass_with_no_errors_and_no_warnings() {
    assert_eq!(article().charts.len(), 10);
    assert!(!supplementary().charts.is_empty());
}

#[test]
fn article_has_exactly_the_agreed_chart_ids_and_kinds() {
    let f = article();
    let got: Vec<(&str, Kind)> = f.charts.iter().map(|c| (c.id.as_str(), c.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("investment", Kind::Bar),
            ("project-status", Kind::Units),
            ("plan-progress", Kind::Progress),
            ("energy-mix", Kind::Donut),
            ("shandong-h1", Kind::Kpi),
            ("yantai-2025", Kind::Kpi),
            ("conference", Kind::Kpi),
            ("henkel-yantai", Kind::Kpi),
            ("yantai-2022", Kind::Kpi),
            ("action-plan", Kind::Kpi),
        ]
    );
}

#[test]
fn every_article_chart_cites_the_ymg_article_of_2023_08_30() {
    for c in &article().charts {
        assert_eq!(c.source.text.zh, "烟台日报 YMG全媒体", "{}", c.id);
        assert_eq!(
            c.source.text.en.as_deref(),
            Some("Yantai Daily (YMG)"),
            "{}",
            c.id
        );
        assert_eq!(c.source.date.as_deref(), Some("2023-08-30"), "{}", c.id);
    }
}

#[test]
fn investment_amounts_counts_and_derived_averages() {
    let f = article();
    let c = chart(&f, "investment", Kind::Bar);
    let amount = dataset(c, "amount");
    let projects = dataset(c, "projects");
    assert_eq!(projects.noun.as_ref().map(|n| n.zh.as_str()), Some("个"));
    assert_eq!(
        projects.noun.as_ref().and_then(|n| n.en.as_deref()),
        Some("projects")
    );
    let rows = [
        ("conference", 1.72e12, 418.0, 4.11e9),
        ("yantai", 6248.1e8, 200.0, 31.2e8),
        ("library", 8.45e12, 3186.0, 26.5e8),
    ];
    for (id, total, count, avg) in rows {
        figure(amount, id, total, Unit::Cny, Relation::Exact, false);
        figure(projects, id, count, Unit::Count, Relation::Exact, false);
        // The derived average really is total ÷ count at the precision shown.
        assert!(
            ((total / count) / 1e8 * 10.0).round() / 10.0 * 1e8 == avg,
            "{id}"
        );
        for (ds, other_value, other_unit) in
            [(amount, count, Unit::Count), (projects, total, Unit::Cny)]
        {
            let it = item(ds, id);
            let d = &it.details;
            assert!(
                d.iter()
                    .any(|x| same(x.value, other_value) && x.unit == other_unit && !x.derived),
                "{}/{id} details carry the {other_unit:?} figure",
                ds.id
            );
            let av = d
                .iter()
                .find(|x| x.derived)
                .unwrap_or_else(|| panic!("{}/{id} derived average", ds.id));
            assert!(
                same(av.value, avg) && av.unit == Unit::Cny,
                "{}/{id}",
                ds.id
            );
            let note = it.note.as_ref().expect("note explains the average");
            assert!(note.zh.contains("推算"), "{}/{id}: {}", ds.id, note.zh);
            assert!(note.en.as_deref().unwrap_or("").contains("derived"), "{id}");
        }
    }
}

#[test]
fn project_status_splits_the_418_into_315_promoted_and_103_signed() {
    let f = article();
    let d = &chart(&f, "project-status", Kind::Units).datasets[0];
    figure(d, "promoted", 315.0, Unit::Count, Relation::Exact, false);
    figure(d, "signed", 103.0, Unit::Count, Relation::Exact, false);
    assert_eq!(d.total(), 418.0);
}

#[test]
fn plan_progress_is_7622_5_yi_and_55_7_percent_of_a_derived_plan() {
    let f = article();
    let d = &chart(&f, "plan-progress", Kind::Progress).datasets[0];
    figure(d, "completed", 7622.5e8, Unit::Cny, Relation::Exact, false);
    let it = item(d, "completed");
    assert_eq!(it.share, Some(55.7));
    let t = it.target.as_ref().expect("target");
    assert!(t.derived && t.relation == Relation::About);
    // ≈13,700亿元: 7622.5 ÷ 55.7% (13,673–13,697 given the rounding of
    // 55.7%) kept to the three significant digits of 55.7%.
    assert!(same(t.value, 13700e8));
    assert!(same(
        lvdong::format::round_sig(7622.5e8 / 0.557, 3),
        t.value
    ));
    assert!(it.note.as_ref().expect("note").zh.contains("推算"));
}

#[test]
fn energy_mix_shandong_and_yantai() {
    let f = article();
    let c = chart(&f, "energy-mix", Kind::Donut);
    let sd = dataset(c, "shandong");
    figure(sd, "renewable", 8382e4, Unit::Kw, Relation::Exact, false);
    figure(sd, "other", 11700e4, Unit::Kw, Relation::Exact, true);
    assert_eq!(item(sd, "renewable").share, Some(41.8));
    assert_eq!(item(sd, "other").share, Some(58.2));
    // Total 8382 ÷ 41.8% and the rest (total less 8382), each kept to the
    // three significant digits of 41.8%.
    let sig3 = |x: f64| lvdong::format::round_sig(x, 3);
    assert!(same(sig3(8382e4 / 0.418), 20100e4));
    assert!(same(sig3(20100e4 - 8382e4), 11700e4));
    let total = &item(sd, "renewable").details[0];
    assert!(total.derived && same(total.value, 20100e4) && total.unit == Unit::Kw);
    // Labelled as the article has it: no as-of date, reported in August 2023.
    assert_eq!(
        sd.label.en.as_deref(),
        Some("Shandong (as reported in August 2023)")
    );
    assert!(!sd.label.zh.contains("年中"));
    let yt = dataset(c, "yantai");
    figure(yt, "renewable", 54.3, Unit::Percent, Relation::Exact, false);
    figure(yt, "other", 45.7, Unit::Percent, Relation::Exact, true);
}

#[test]
fn shandong_first_half_of_2023() {
    let f = article();
    let d = &chart(&f, "shandong-h1", Kind::Kpi).datasets[0];
    figure(d, "industry", 6.9, Unit::Percent, Relation::Exact, false);
    assert!(item(d, "industry").change, "+6.9% is a change");
    figure(d, "pm25", 42.0, Unit::UgM3, Relation::Exact, false);
    figure(d, "good-air", 61.9, Unit::Percent, Relation::Exact, false);
}

#[test]
fn yantai_2025_targets_with_their_relations() {
    let f = article();
    let c = chart(&f, "yantai-2025", Kind::Kpi);
    let pct = Unit::Percent;
    let inn = dataset(c, "innovation");
    figure(
        inn,
        "high-tech",
        60.0,
        pct.clone(),
        Relation::AtLeast,
        false,
    );
    figure(
        inn,
        "rd-growth",
        10.0,
        pct.clone(),
        Relation::AtLeast,
        false,
    );
    figure(inn, "patents", 10.0, Unit::Count, Relation::AtLeast, false);
    let ind = dataset(c, "industry");
    figure(
        ind,
        "manufacturing",
        33.0,
        pct.clone(),
        Relation::About,
        false,
    );
    figure(ind, "services", 47.0, pct.clone(), Relation::About, false);
    let env = dataset(c, "environment");
    figure(
        env,
        "air-quality",
        80.0,
        pct.clone(),
        Relation::AtLeast,
        false,
    );
    figure(env, "non-fossil", 20.0, pct.clone(), Relation::About, false);
    figure(env, "energy-intensity", -12.6, pct, Relation::Exact, false);
    assert!(item(env, "energy-intensity").change);
    for d in &c.datasets {
        assert!(d.items.len() <= 6, "{} has more than 6 numbers", d.id);
    }
}

#[test]
fn every_derived_value_says_how_it_was_derived() {
    for file in [article(), supplementary()] {
        for c in &file.charts {
            for d in &c.datasets {
                for it in &d.items {
                    let derived = it.derived
                        || it.details.iter().any(|x| x.derived)
                        || it.target.as_ref().is_some_and(|t| t.derived);
                    if derived {
                        let n = it
                            .note
                            .as_ref()
                            .unwrap_or_else(|| panic!("{}/{}", c.id, it.id));
                        assert!(n.zh.contains("推算"), "{}/{}: {}", c.id, it.id, n.zh);
                        let en = n.en.as_deref().unwrap_or("");
                        assert!(en.contains("erived"), "{}/{}: {en}", c.id, it.id);
                    }
                }
            }
        }
    }
}

#[test]
fn supplementary_figures_keep_their_own_sources_apart_from_the_article() {
    let art = article();
    let sup = supplementary();
    for c in &sup.charts {
        assert!(art.chart(&c.id).is_none(), "{} also in article.json", c.id);
        assert_ne!(c.source.text.zh, "烟台日报 YMG全媒体", "{}", c.id);
        assert!(
            c.source.as_of.is_some(),
            "{} says what date its figures describe",
            c.id
        );
        for d in &c.datasets {
            let note = d.note.as_ref().map_or("", |n| n.zh.as_str());
            assert!(
                note.contains("文章"),
                "{}/{}: a note relating it to the article",
                c.id,
                d.id
            );
        }
    }
    // Only the charts whose scope differs say so in the title: the signed
    // projects are the article's 103, Haiyang's nuclear figure has no
    // counterpart in the article, Yantai's 2023 figure differs by date.
    for (id, differs) in [
        ("shandong-capacity-may-2023", true),
        ("shandong-renewables-official", true),
        ("haiyang-nuclear", false),
        ("signed-on-site", false),
        ("yantai-clean-2023", false),
    ] {
        let c = sup.chart(id).expect(id);
        let en = c.title.en.as_deref().unwrap_or("");
        assert_eq!(c.title.zh.contains("口径与文章不同"), differs, "{id}");
        assert_eq!(
            en.contains("scope differs from the article"),
            differs,
            "{en}"
        );
    }
    let nuclear = sup.chart("haiyang-nuclear").expect("nuclear");
    assert!(nuclear.source.text.zh.contains("山东核电有限公司"));
    let official = chart(&sup, "shandong-renewables-official", Kind::Donut);
    let d = &official.datasets[0];
    figure(d, "renewable", 10070e4, Unit::Kw, Relation::Exact, false);
    assert_eq!(item(d, "renewable").share, Some(45.6));
    assert!(same(item(d, "renewable").details[0].value, 6353.7e4));
    assert_eq!(official.source.date.as_deref(), Some("2023-07-16"));
    let may = &chart(&sup, "shandong-capacity-may-2023", Kind::Bar).datasets[0];
    figure(may, "solar", 6242e4, Unit::Kw, Relation::Exact, false);
    figure(may, "wind", 2600.4e4, Unit::Kw, Relation::Exact, false);
    figure(may, "biomass", 444.6e4, Unit::Kw, Relation::Exact, false);
    let nuclear = &chart(&sup, "haiyang-nuclear", Kind::Bar).datasets[0];
    assert_eq!(nuclear.total(), 250e4);
    let signed = chart(&sup, "signed-on-site", Kind::Bar);
    let amount = dataset(signed, "amount");
    figure(
        amount,
        "ceremony",
        5197.8e8,
        Unit::Cny,
        Relation::Exact,
        false,
    );
    figure(
        amount,
        "business-meeting",
        1324e8,
        Unit::Cny,
        Relation::Exact,
        false,
    );
    assert!(same(amount.total(), 6521.8e8));
    let projects = dataset(signed, "projects");
    figure(
        projects,
        "ceremony",
        33.0,
        Unit::Count,
        Relation::Exact,
        false,
    );
    figure(
        projects,
        "business-meeting",
        70.0,
        Unit::Count,
        Relation::Exact,
        false,
    );
    let yt = &chart(&sup, "yantai-clean-2023", Kind::Donut).datasets[0];
    figure(yt, "renewable", 1325e4, Unit::Kw, Relation::Exact, false);
    assert_eq!(item(yt, "renewable").share, Some(56.0));
}

// ------------------------------------------------------------- validation

/// A minimal valid file to break one field at a time.
fn base() -> Value {
    json!({
        "schema": 1,
        "charts": [{
            "id": "c", "kind": "donut",
            "title": {"zh": "标题", "en": "Title"},
            "source": {"zh": "来源", "en": "Source", "date": "2023-08-30"},
            "datasets": [{
                "id": "d", "label": {"zh": "甲", "en": "A"}, "unit": "percent",
                "items": [
                    {"id": "a", "label": {"zh": "一", "en": "One"}, "value": 40},
                    {"id": "b", "label": {"zh": "二", "en": "Two"}, "value": 60}
                ]
            }]
        }]
    })
}

/// Sets (or adds) the field at `pointer`.
fn set(v: &mut Value, pointer: &str, x: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer}")) {
        Value::Object(m) => {
            m.insert(key.to_string(), x);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = x,
        other => panic!("{pointer}: parent is {other}"),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
}

fn errors(v: &Value) -> Vec<Problem> {
    match parse_value(v) {
        Ok((_, warnings)) => panic!("expected errors; got a valid file with {warnings:?}"),
        Err(p) => p,
    }
}

/// The error at exactly `path`, whose message contains `says`.
fn assert_error(problems: &[Problem], path: &str, says: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.severity == Severity::Error && p.path == path && p.message.contains(says)),
        "no error at {path} saying {says:?}; got {problems:#?}"
    );
}

const ITEM0: &str = "charts[0].datasets[0].items[0]";

#[test]
fn the_base_file_is_valid_so_each_rule_test_breaks_only_one_thing() {
    let (file, warnings) = parse_value(&base()).expect("valid");
    assert!(warnings.is_empty());
    assert_eq!(file.charts[0].datasets[0].items.len(), 2);
}

#[test]
fn malformed_json_gives_line_and_column() {
    let text = "{\n  \"schema\": 1,\n  \"charts\": [,]\n}";
    let p = parse_str(text).unwrap_err();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].path, "");
    assert!(
        p[0].message.contains("line 3, column 14"),
        "{}",
        p[0].message
    );
    assert!(p[0].to_string().starts_with("(file): not valid JSON"));
    assert_eq!(
        p[0].message.matches("line 3").count(),
        1,
        "the place is said once: {}",
        p[0].message
    );
    // A bare NaN is not JSON either.
    let p = parse_str(r#"{"schema": 1, "charts": NaN}"#).unwrap_err();
    assert!(
        p[0].message.contains("line 1, column 25"),
        "{}",
        p[0].message
    );
}

#[test]
fn html_instead_of_json_says_so() {
    let p = parse_str("<!doctype html><p>404</p>").unwrap_err();
    assert!(p[0].message.contains("looks like HTML"), "{}", p[0].message);
}

#[test]
fn wrong_type_names_the_path_and_what_it_got() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!("abc"));
    let p = errors(&v);
    let e = p
        .iter()
        .find(|p| p.path == format!("{ITEM0}.value"))
        .unwrap();
    assert_eq!(
        e.to_string(),
        "charts[0].datasets[0].items[0].value: must be a finite number ≥ 0 (got \"abc\")"
    );
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items", json!({"a": 1}));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items",
        "must be a list of items",
    );
    let mut v = base();
    set(&mut v, "/charts/0/sort", json!("yes"));
    assert_error(
        &errors(&v),
        "charts[0].sort",
        "must be true or false (got \"yes\")",
    );
}

#[test]
fn a_quoted_number_gets_a_hint() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!("40"));
    assert_error(&errors(&v), &format!("{ITEM0}.value"), "without quotes");
}

#[test]
fn missing_required_fields_are_each_named() {
    let mut v = base();
    remove(&mut v, "/charts/0/datasets/0/items/1/value");
    remove(&mut v, "/charts/0/datasets/0/unit");
    remove(&mut v, "/charts/0/kind");
    let p = errors(&v);
    assert_error(
        &p,
        "charts[0].datasets[0].items[1].value",
        "is required but missing",
    );
    assert_error(&p, "charts[0].datasets[0].unit", "is required but missing");
    assert_error(&p, "charts[0].kind", "is required but missing");
}

#[test]
fn unknown_fields_are_errors_with_did_you_mean() {
    let mut v = base();
    v["charts"][0]["datasets"][0]["items"][0]["vaule"] = json!(40);
    v["charts"][0]["colour"] = json!("red");
    let p = errors(&v);
    assert_error(&p, &format!("{ITEM0}.vaule"), "did you mean \"value\"?");
    assert_error(&p, "charts[0].colour", "unknown field (allowed: id, kind");
}

#[test]
fn every_problem_is_collected_not_just_the_first() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(-1));
    set(&mut v, "/charts/0/datasets/0/items/1/label/zh", json!(""));
    set(&mut v, "/charts/0/kind", json!("pie"));
    let p = errors(&v);
    assert_error(&p, &format!("{ITEM0}.value"), "≥ 0");
    assert_error(
        &p,
        "charts[0].datasets[0].items[1].label.zh",
        "must not be empty",
    );
    assert_error(&p, "charts[0].kind", "unknown chart kind \"pie\"");
}

#[test]
fn duplicate_chart_ids() {
    let mut v = base();
    let c = v["charts"][0].clone();
    v["charts"].as_array_mut().unwrap().push(c);
    assert_error(&errors(&v), "charts[1].id", "duplicate id \"c\"");
}

#[test]
fn duplicate_dataset_ids() {
    let mut v = base();
    let d = v["charts"][0]["datasets"][0].clone();
    v["charts"][0]["datasets"].as_array_mut().unwrap().push(d);
    assert_error(
        &errors(&v),
        "charts[0].datasets[1].id",
        "duplicate id \"d\"",
    );
}

#[test]
fn duplicate_item_ids() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/1/id", json!("a"));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items[1].id",
        "duplicate id \"a\"",
    );
}

#[test]
fn the_same_item_id_in_two_datasets_is_fine() {
    let mut v = base();
    let mut d = v["charts"][0]["datasets"][0].clone();
    d["id"] = json!("e");
    v["charts"][0]["datasets"].as_array_mut().unwrap().push(d);
    assert!(parse_value(&v).is_ok());
}

#[test]
fn a_dataset_with_no_items() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items", json!([]));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items",
        "must hold at least one item",
    );
}

#[test]
fn a_donut_with_a_negative_value() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/1/value", json!(-60));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items[1].value",
        "must be a finite number ≥ 0 (got -60)",
    );
    // Not even as a signed change: a slice cannot be negative.
    set(&mut v, "/charts/0/datasets/0/items/1/change", json!(true));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items[1].change",
        "part of a whole",
    );
}

#[test]
fn a_percent_outside_0_to_100() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/1/value", json!(160));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items[1].value",
        "is a percent and must be between 0 and 100 (got 160)",
    );
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/share", json!(100.5));
    assert_error(&errors(&v), &format!("{ITEM0}.share"), "between 0 and 100");
}

#[test]
fn a_percent_change_may_be_negative_or_above_100() {
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("kpi"));
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(-12.6));
    set(&mut v, "/charts/0/datasets/0/items/0/change", json!(true));
    set(&mut v, "/charts/0/datasets/0/items/1/value", json!(150));
    set(&mut v, "/charts/0/datasets/0/items/1/change", json!(true));
    let (file, _) = parse_value(&v).expect("changes are signed and unbounded");
    assert_eq!(file.charts[0].datasets[0].items[0].value, -12.6);
}

#[test]
fn an_empty_label() {
    let mut v = base();
    set(
        &mut v,
        "/charts/0/datasets/0/items/0/label",
        json!({"zh": "  ", "en": "One"}),
    );
    assert_error(
        &errors(&v),
        &format!("{ITEM0}.label.zh"),
        "must not be empty",
    );
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/label", json!(""));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].label",
        "must not be empty",
    );
}

#[test]
fn a_chart_with_no_source() {
    let mut v = base();
    remove(&mut v, "/charts/0/source");
    assert_error(
        &errors(&v),
        "charts[0].source",
        "where its figures come from",
    );
}

#[test]
fn a_value_too_large_to_show() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/unit", json!("CNY"));
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(1e308));
    assert_error(&errors(&v), &format!("{ITEM0}.value"), "too large to show");
}

#[test]
fn a_number_beyond_f64_is_a_json_error_with_its_position() {
    let text = base()
        .to_string()
        .replace("\"value\":40", "\"value\":1e400");
    assert!(text.contains("1e400"));
    let p = parse_str(&text).unwrap_err();
    assert!(
        p[0].message.contains("number out of range"),
        "{}",
        p[0].message
    );
    assert!(p[0].message.contains("line 1, column"), "{}", p[0].message);
}

#[test]
fn nan_and_infinity_as_strings_are_not_numbers() {
    for bad in ["NaN", "Infinity", "-inf"] {
        let mut v = base();
        set(&mut v, "/charts/0/datasets/0/items/0/value", json!(bad));
        let p = errors(&v);
        assert_error(&p, &format!("{ITEM0}.value"), &format!("(got \"{bad}\")"));
        assert!(
            !p.iter().any(|p| p.message.contains("without quotes")),
            "{bad}"
        );
    }
}

#[test]
fn minus_zero_becomes_zero() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(-0.0));
    let (file, _) = parse_value(&v).expect("-0 is a valid value");
    let x = file.charts[0].datasets[0].items[0].value;
    assert!(x == 0.0 && x.is_sign_positive(), "{x:?}");
}

#[test]
fn missing_english_is_a_warning_not_an_error() {
    let mut v = base();
    set(&mut v, "/charts/0/title", json!({"zh": "标题"}));
    set(&mut v, "/charts/0/datasets/0/items/0/label", json!("一"));
    let (file, warnings) = parse_value(&v).expect("still valid");
    assert!(warnings.iter().all(|w| w.severity == Severity::Warning));
    let paths: Vec<&str> = warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, vec!["charts[0].title.en", &format!("{ITEM0}.label")]);
    // The English reader sees the Chinese.
    assert_eq!(file.charts[0].title.get(lvdong::Lang::En), "标题");
}

#[test]
fn a_derived_value_without_a_note_is_a_warning() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/1/derived", json!(true));
    let (_, warnings) = parse_value(&v).expect("still valid");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, "charts[0].datasets[0].items[1].note");
}

#[test]
fn a_progress_item_needs_a_positive_target() {
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("progress"));
    let p = errors(&v);
    assert_error(
        &p,
        &format!("{ITEM0}.target"),
        "is required in a progress chart",
    );
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("progress"));
    for i in 0..2 {
        set(
            &mut v,
            &format!("/charts/0/datasets/0/items/{i}/target"),
            json!({"value": 0}),
        );
    }
    assert_error(
        &errors(&v),
        &format!("{ITEM0}.target.value"),
        "greater than 0",
    );
}

#[test]
fn plan_is_another_name_for_target_but_not_both() {
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("progress"));
    for i in 0..2 {
        set(
            &mut v,
            &format!("/charts/0/datasets/0/items/{i}/plan"),
            json!({"value": 100}),
        );
    }
    let (file, _) = parse_value(&v).expect("plan works like target");
    assert_eq!(
        file.charts[0].datasets[0].items[0]
            .target
            .as_ref()
            .unwrap()
            .value,
        100.0
    );
    set(
        &mut v,
        "/charts/0/datasets/0/items/0/target",
        json!({"value": 100}),
    );
    assert_error(&errors(&v), &format!("{ITEM0}.plan"), "not both");
}

#[test]
fn a_units_chart_counts_whole_dots() {
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("units"));
    set(&mut v, "/charts/0/datasets/0/unit", json!("count"));
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(2.5));
    assert_error(&errors(&v), &format!("{ITEM0}.value"), "whole number");
    set(&mut v, "/charts/0/datasets/0/items/0/value", json!(20000));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items",
        "at most 10000 dots",
    );
}

#[test]
fn a_kpi_chart_shows_at_most_six_numbers() {
    let mut v = base();
    set(&mut v, "/charts/0/kind", json!("kpi"));
    let items: Vec<Value> = (0..7)
        .map(|i| json!({"id": format!("k{i}"), "label": {"zh": "数", "en": "N"}, "value": i}))
        .collect();
    set(&mut v, "/charts/0/datasets/0/items", Value::Array(items));
    assert_error(
        &errors(&v),
        "charts[0].datasets[0].items",
        "has 7 items; a kpi chart shows at most 6",
    );
}

#[test]
fn a_bad_source_date_and_a_non_http_url() {
    let mut v = base();
    set(&mut v, "/charts/0/source/date", json!("30/08/2023"));
    assert_error(&errors(&v), "charts[0].source.date", "like 2023-08-30");
    let mut v = base();
    set(&mut v, "/charts/0/source/url", json!("javascript:alert(1)"));
    let (file, warnings) = parse_value(&v).expect("a bad link is dropped, not fatal");
    assert_eq!(file.charts[0].source.url, None);
    assert_eq!(warnings[0].path, "charts[0].source.url");
}

#[test]
fn unknown_relation_and_schema_version() {
    let mut v = base();
    set(
        &mut v,
        "/charts/0/datasets/0/items/0/relation",
        json!("roughly"),
    );
    set(&mut v, "/schema", json!(2));
    let p = errors(&v);
    assert_error(
        &p,
        &format!("{ITEM0}.relation"),
        "must be one of \"exact\", \"at-least\"",
    );
    assert_error(&p, "schema", "must be 1");
}

#[test]
fn relation_symbols_are_accepted() {
    let mut v = base();
    set(&mut v, "/charts/0/datasets/0/items/0/relation", json!("≥"));
    set(
        &mut v,
        "/charts/0/datasets/0/items/1/relation",
        json!("about"),
    );
    let (file, _) = parse_value(&v).unwrap();
    let items = &file.charts[0].datasets[0].items;
    assert_eq!(
        (items[0].relation, items[1].relation),
        (Relation::AtLeast, Relation::About)
    );
}

#[test]
fn bad_input_fixtures_fail_with_the_documented_paths() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let cases = [
        ("bad-types.json", "charts[1].datasets[0].items[2].value"),
        ("bad-duplicates.json", "charts[0].datasets[0].items[1].id"),
    ];
    for (name, path) in cases {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        let p = parse_str(&text).unwrap_err();
        assert!(p.iter().any(|p| p.path == path), "{name}: {p:#?}");
    }
}

// ------------------------------------------------------------- schema

fn props<'a>(schema: &'a Value, pointer: &str) -> Vec<&'a str> {
    let mut v: Vec<&str> = schema
        .pointer(pointer)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{pointer}"))
        .keys()
        .map(String::as_str)
        .collect();
    v.sort_unstable();
    v
}

fn sorted<'a>(fields: &[&'a str]) -> Vec<&'a str> {
    let mut v = fields.to_vec();
    v.sort_unstable();
    v
}

#[test]
fn schema_describes_exactly_the_fields_the_parser_accepts() {
    let s = json_schema();
    assert_eq!(props(&s, "/properties"), sorted(FILE_FIELDS));
    assert_eq!(
        props(&s, "/definitions/chart/properties"),
        sorted(CHART_FIELDS)
    );
    assert_eq!(
        props(&s, "/definitions/dataset/properties"),
        sorted(DATASET_FIELDS)
    );
    assert_eq!(
        props(&s, "/definitions/item/properties"),
        sorted(ITEM_FIELDS)
    );
    assert_eq!(
        props(&s, "/definitions/reference/properties"),
        sorted(REFERENCE_FIELDS)
    );
    assert_eq!(
        props(&s, "/definitions/detail/properties"),
        sorted(DETAIL_FIELDS)
    );
    for def in ["chart", "dataset", "item", "reference", "detail"] {
        let p = format!("/definitions/{def}/additionalProperties");
        assert_eq!(
            s.pointer(&p),
            Some(&json!(false)),
            "{def} rejects unknown fields"
        );
    }
    let kinds = s
        .pointer("/definitions/chart/properties/kind/enum")
        .unwrap();
    assert_eq!(
        kinds,
        &json!(["donut", "bar", "stacked", "progress", "kpi", "units"])
    );
}

#[test]
fn schema_file_in_data_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lvdong.schema.json");
    let shipped = std::fs::read_to_string(path).unwrap();
    assert!(
        shipped == json_schema_text(),
        "data/lvdong.schema.json is stale: run `cargo xtask schema --out data/lvdong.schema.json`"
    );
}

#[test]
fn the_embedded_article_is_the_file_without_whitespace() {
    let file =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/article.json")).unwrap();
    let pretty: Value = serde_json::from_str(&file).unwrap();
    let embedded: Value = serde_json::from_str(ARTICLE_JSON).unwrap();
    assert_eq!(embedded, pretty);
    assert!(!ARTICLE_JSON.contains('\n'));
    assert!(
        ARTICLE_JSON.len() * 10 < file.len() * 6,
        "{} of {} bytes",
        ARTICLE_JSON.len(),
        file.len()
    );
}
