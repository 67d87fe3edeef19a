//! An existing data file back into drafts (a table and its options per chart),
//! so the editor can open a `.json` for editing and write it back unchanged:
//! ids, units, targets and every field the table cannot show ride along.

use lvdong::data::{parse_str, Chart, Relation, Unit};
use serde::Serialize;
use serde_json::Value;

use crate::convert::{DatasetOptions, Draft, Options};
use crate::number;

/// Why a file cannot be opened, at its JSON path, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenProblem {
    pub path: String,
    pub zh: String,
    pub en: String,
}

/// The drafts of every chart in `json`, or the checker's errors when it is not a valid file.
pub fn drafts(json: &str) -> Result<Vec<Draft>, Vec<OpenProblem>> {
    let (file, _) = parse_str(json).map_err(|ps| {
        ps.iter()
            .filter(|p| p.severity == lvdong::data::Severity::Error)
            .map(|p| OpenProblem {
                path: p.path.clone(),
                zh: crate::zh::checker(&p.path, &p.message),
                en: p.to_string(),
            })
            .collect::<Vec<_>>()
    })?;
    // The checked file is valid JSON, so this reads it again as plain values.
    let raw: Value = serde_json::from_str(json).unwrap_or(Value::Null);
    let charts = raw.get("charts").and_then(Value::as_array);
    let schema_ref = raw.get("$schema").and_then(Value::as_str);
    Ok(file
        .charts
        .iter()
        .enumerate()
        .map(|(i, c)| draft(c, charts.and_then(|l| l.get(i)).cloned(), schema_ref))
        .collect())
}

/// `v` written `v / 10^scale` as a decimal, by moving the point in its
/// shortest round-trip form (no division, so 624810000000 at 亿 is 6248.1).
fn shifted(v: f64, scale: i32) -> String {
    let s = format!("{}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let digits = format!("{int}{frac}");
    let point = int.len() as i64 - i64::from(scale);
    let (int, frac) = if point <= 0 {
        (
            "0".to_string(),
            "0".repeat(point.unsigned_abs() as usize) + &digits,
        )
    } else {
        let p = (point as usize).min(digits.len());
        let pad = "0".repeat(point as usize - p);
        (
            digits.get(..p).unwrap_or("").to_string() + &pad,
            digits.get(p..).unwrap_or("").to_string(),
        )
    };
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.trim_end_matches('0');
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

/// A cell for `v` in a column written at `scale`, with its relation, when
/// the number reader gives back exactly `v` from it.
fn cell(v: f64, scale: i32, relation: Relation) -> Option<String> {
    let x = shifted(v, scale);
    let text = match relation {
        Relation::Exact => x,
        Relation::AtLeast => format!("≥{x}"),
        Relation::About => format!("≈{x}"),
        Relation::AtMost => format!("≤{x}"),
        Relation::MoreThan => format!("{x}多"),
    };
    let back = number::read(&text).ok()?;
    (back.value(scale) == v).then_some(text)
}

/// The scales a column of `unit` may be written in, largest first: (power, name).
fn scales(unit: &Unit) -> &'static [(i32, &'static str)] {
    match unit {
        Unit::Cny => &[(8, "亿"), (4, "万"), (0, "元")],
        Unit::Kw => &[(4, "万千瓦"), (0, "kW")],
        _ => &[(0, "1")],
    }
}

/// The largest scale the column's values reach and read back exactly in.
fn scale_for(unit: &Unit, values: &[(f64, Relation)]) -> (i32, &'static str) {
    let max = values.iter().map(|(v, _)| v.abs()).fold(0.0, f64::max);
    scales(unit)
        .iter()
        .copied()
        .find(|&(sc, _)| {
            (sc == 0 || max >= 10f64.powi(sc))
                && values.iter().all(|&(v, r)| cell(v, sc, r).is_some())
        })
        .unwrap_or((0, "1"))
}

/// A TSV cell: quoted when it holds a tab, newline or quote.
fn tsv(s: &str) -> String {
    if s.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn unit_names(u: &Unit) -> (String, Option<String>) {
    match u {
        Unit::Cny => ("CNY".into(), None),
        Unit::Kw => ("kW".into(), None),
        Unit::Percent => ("percent".into(), None),
        Unit::Count => ("count".into(), None),
        Unit::UgM3 => ("ug/m3".into(), None),
        Unit::Rank => ("rank".into(), None),
        Unit::Custom(t) => (t.zh.clone(), t.en.clone()),
    }
}

fn draft(chart: &Chart, original: Option<Value>, schema_ref: Option<&str>) -> Draft {
    let has_en = chart
        .datasets
        .iter()
        .flat_map(|d| &d.items)
        .any(|i| i.label.en.is_some());
    // Rows by item id and label, in order of first appearance across the
    // datasets (one id labelled differently in two tabs takes two rows).
    let mut rows: Vec<(&str, &lvdong::data::Text)> = Vec::new();
    for it in chart.datasets.iter().flat_map(|d| &d.items) {
        if !rows.iter().any(|(id, l)| *id == it.id && **l == it.label) {
            rows.push((&it.id, &it.label));
        }
    }
    let first = |id: &str| {
        chart
            .datasets
            .iter()
            .find_map(|d| d.items.iter().find(|i| i.id == id))
    };
    // One target column when every tab agrees on each item's target.
    let target_of = |id: &str| first(id).and_then(|i| i.target.as_ref());
    let agree = chart.datasets.iter().flat_map(|d| &d.items).all(|i| {
        i.target.as_ref().map(|t| (t.value, t.relation))
            == target_of(&i.id).map(|t| (t.value, t.relation))
    });
    let with_targets = agree && chart.kind.spec().needs_target;
    let column_scales: Vec<(i32, &str)> = chart
        .datasets
        .iter()
        .map(|ds| {
            let values: Vec<_> = ds.items.iter().map(|i| (i.value, i.relation)).collect();
            scale_for(&ds.unit, &values)
        })
        .collect();
    let targets: Vec<(f64, Relation)> = rows
        .iter()
        .filter_map(|(id, _)| target_of(id).map(|t| (t.value, t.relation)))
        .collect();
    let unit = chart.datasets.first().map(|d| &d.unit);
    let chart_scale = match (with_targets, unit) {
        (true, Some(u)) => scale_for(u, &targets),
        _ => column_scales.first().copied().unwrap_or((0, "1")),
    };

    let first_value = 1 + usize::from(has_en);
    let target_column = first_value + chart.datasets.len();
    let mut head = vec!["名称".to_string()];
    if has_en {
        head.push("English".into());
    }
    head.extend(chart.datasets.iter().map(|d| tsv(&d.label.zh)));
    if with_targets {
        head.push("目标".into());
    }
    let mut lines = vec![head.join("\t")];
    let mut derived = Vec::new();
    let mut accent = Vec::new();
    for (r, (id, label)) in rows.iter().enumerate() {
        let mut line = vec![tsv(&label.zh)];
        if has_en {
            line.push(tsv(label.en.as_deref().unwrap_or("")));
        }
        for (d, ds) in chart.datasets.iter().enumerate() {
            let it = ds.items.iter().find(|i| i.id == *id && i.label == **label);
            if it.is_some_and(|i| i.accent) && !accent.contains(&(r + 1)) {
                accent.push(r + 1);
            }
            if it.is_some_and(|i| i.derived) {
                derived.push((r + 1, first_value + d));
            }
            let sc = column_scales.get(d).map_or(0, |s| s.0);
            line.push(it.map_or(String::new(), |i| {
                cell(i.value, sc, i.relation).unwrap_or_default()
            }));
        }
        if with_targets {
            line.push(
                target_of(id)
                    .and_then(|t| cell(t.value, chart_scale.0, t.relation))
                    .unwrap_or_default(),
            );
        }
        lines.push(line.join("\t"));
    }
    let opt = |t: &Option<lvdong::data::Text>, en: bool| {
        t.as_ref()
            .and_then(|t| if en { t.en.clone() } else { Some(t.zh.clone()) })
    };
    let (unit_name, unit_en) = unit.map(unit_names).unwrap_or_default();
    Draft {
        table: lines.join("\n") + "\n",
        options: Options {
            id: Some(chart.id.clone()),
            kind: Some(chart.kind.name().into()),
            unit: Some(unit_name),
            unit_en,
            scale: Some(chart_scale.1.into()),
            title_zh: Some(chart.title.zh.clone()),
            title_en: chart.title.en.clone(),
            subtitle_zh: opt(&chart.subtitle, false),
            subtitle_en: opt(&chart.subtitle, true),
            source_zh: Some(chart.source.text.zh.clone()),
            source_en: chart.source.text.en.clone(),
            url: chart.source.url.clone(),
            date: chart.source.date.clone(),
            label_column: Some(0),
            label_en_column: has_en.then_some(1),
            no_label_en: !has_en,
            value_columns: Some((first_value..target_column).collect()),
            target_column: with_targets.then_some(target_column),
            no_target: !with_targets,
            sort: Some(chart.sort),
            derived,
            accent,
            categories: chart.categories,
            row_ids: rows.iter().map(|(id, _)| id.to_string()).collect(),
            schema_ref: schema_ref.map(str::to_owned),
            datasets: chart
                .datasets
                .iter()
                .enumerate()
                .map(|(d, ds)| {
                    // Only what differs from the chart's, so the form's unit and
                    // scale still change the other tabs.
                    let own = Some(&ds.unit) != unit;
                    let (unit, unit_en) = unit_names(&ds.unit);
                    let scale = column_scales.get(d).filter(|s| s.0 != chart_scale.0 || own);
                    DatasetOptions {
                        column: first_value + d,
                        id: Some(ds.id.clone()),
                        unit: own.then_some(unit),
                        unit_en: unit_en.filter(|_| own),
                        scale: scale.map(|s| s.1.to_string()),
                        label_en: ds.label.en.clone(),
                        note_zh: opt(&ds.note, false),
                        note_en: opt(&ds.note, true),
                    }
                })
                .collect(),
            original,
        },
    }
}
