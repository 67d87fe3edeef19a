//! An existing data file back into drafts (a table and its options per chart),
//! so the editor can open a `.json` for editing. Values are written in the
//! scale that keeps them short (亿, 万千瓦…), exactly as the file has them.

use lvdong::data::{parse_str, Chart, Relation, Unit};

use crate::convert::{DatasetOptions, Draft, Options};

/// The drafts of every chart in `json`, or the checker's messages when it is not a valid file.
pub fn drafts(json: &str) -> Result<Vec<Draft>, Vec<String>> {
    let (file, _) =
        parse_str(json).map_err(|ps| ps.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    Ok(file.charts.iter().map(draft).collect())
}

fn scale_for(chart: &Chart) -> (i32, &'static str) {
    let unit = chart.datasets.first().map(|d| &d.unit);
    let max = chart
        .datasets
        .iter()
        .flat_map(|d| &d.items)
        .map(|i| i.value.abs())
        .fold(0.0, f64::max);
    match unit {
        Some(Unit::Cny) if max >= 1e8 => (8, "亿"),
        Some(Unit::Cny) if max >= 1e4 => (4, "万"),
        Some(Unit::Kw) if max >= 1e4 => (4, "万千瓦"),
        _ => (0, ""),
    }
}

fn cell(v: f64, scale: i32, relation: Relation) -> String {
    let x = v / 10f64.powi(scale);
    let (lead, tail) = match relation {
        Relation::Exact => ("", ""),
        Relation::AtLeast => ("≥", ""),
        Relation::About => ("≈", ""),
        Relation::AtMost => ("≤", ""),
        Relation::MoreThan => ("", "多"),
    };
    format!("{lead}{x}{tail}")
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn draft(chart: &Chart) -> Draft {
    let (scale, scale_name) = scale_for(chart);
    let has_en = chart
        .datasets
        .iter()
        .flat_map(|d| &d.items)
        .any(|i| i.label.en.is_some());
    // Rows by item id, in order of first appearance across the datasets.
    let mut rows: Vec<(&str, &lvdong::data::Text)> = Vec::new();
    for it in chart.datasets.iter().flat_map(|d| &d.items) {
        if !rows.iter().any(|(id, _)| *id == it.id) {
            rows.push((&it.id, &it.label));
        }
    }
    let mut lines = Vec::new();
    let mut head = vec!["名称".to_string()];
    if has_en {
        head.push("English".into());
    }
    head.extend(chart.datasets.iter().map(|d| clean(&d.label.zh)));
    lines.push(head.join("\t"));
    let mut derived = Vec::new();
    let mut accent = Vec::new();
    for (r, (id, label)) in rows.iter().enumerate() {
        let mut line = vec![clean(&label.zh)];
        if has_en {
            line.push(clean(label.en.as_deref().unwrap_or("")));
        }
        for (d, ds) in chart.datasets.iter().enumerate() {
            let it = ds.items.iter().find(|i| i.id == *id);
            if it.is_some_and(|i| i.accent) && !accent.contains(&(r + 1)) {
                accent.push(r + 1);
            }
            if it.is_some_and(|i| i.derived) {
                derived.push((r + 1, d + 1 + usize::from(has_en)));
            }
            line.push(it.map_or(String::new(), |i| cell(i.value, scale, i.relation)));
        }
        lines.push(line.join("\t"));
    }
    let opt = |t: &Option<lvdong::data::Text>, en: bool| {
        t.as_ref()
            .and_then(|t| if en { t.en.clone() } else { Some(t.zh.clone()) })
    };
    Draft {
        table: lines.join("\n") + "\n",
        options: Options {
            id: Some(chart.id.clone()),
            kind: Some(chart.kind.name().into()),
            unit: chart.datasets.first().map(|d| unit_name(&d.unit)),
            scale: Some(scale_name.into()),
            title_zh: Some(chart.title.zh.clone()),
            title_en: chart.title.en.clone(),
            subtitle_zh: opt(&chart.subtitle, false),
            subtitle_en: opt(&chart.subtitle, true),
            source_zh: Some(chart.source.text.zh.clone()),
            source_en: chart.source.text.en.clone(),
            url: chart.source.url.clone(),
            date: chart.source.date.clone(),
            sort: Some(chart.sort),
            derived,
            accent,
            categories: chart.categories,
            datasets: chart
                .datasets
                .iter()
                .enumerate()
                .map(|(d, ds)| DatasetOptions {
                    column: d + 1 + usize::from(has_en),
                    label_en: ds.label.en.clone(),
                    note_zh: opt(&ds.note, false),
                    note_en: opt(&ds.note, true),
                })
                .collect(),
            ..Options::default()
        },
    }
}

fn unit_name(u: &Unit) -> String {
    match u {
        Unit::Cny => "CNY".into(),
        Unit::Kw => "kW".into(),
        Unit::Percent => "percent".into(),
        Unit::Count => "count".into(),
        Unit::UgM3 => "ug/m3".into(),
        Unit::Rank => "rank".into(),
        // The editor offers the built-in units only; a custom one is flagged there.
        Unit::Custom(t) => t.zh.clone(),
    }
}
