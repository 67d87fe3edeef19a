//! Table → chart: guesses the mapping (label columns, value columns), kind,
//! unit and scale, reads every value cell, builds the chart's JSON and runs
//! the reader's own data checker over the file, every problem placed at its cell or field.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::number::{self, header_hint, scale_exp, Reading, UnitHint};
use crate::table::{self, column_letter, Table};

/// What the editor (or `cargo xtask import`'s flags) chose; `None` = guess.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Options {
    pub id: Option<String>,
    pub kind: Option<String>,
    pub unit: Option<String>,
    /// The scale the numbers are written in (`亿`, `万千瓦`, `billion`…).
    pub scale: Option<String>,
    pub title_zh: Option<String>,
    pub title_en: Option<String>,
    pub subtitle_zh: Option<String>,
    pub subtitle_en: Option<String>,
    pub source_zh: Option<String>,
    pub source_en: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub label_column: Option<usize>,
    pub label_en_column: Option<usize>,
    /// No English label column, even if one is guessed.
    pub no_label_en: bool,
    pub value_columns: Option<Vec<usize>>,
    /// Bars largest first (default) or in the table's order.
    pub sort: Option<bool>,
    /// Cells (row, column; 0-based table positions) whose values are derived.
    pub derived: Vec<(usize, usize)>,
    /// Bars: the items are categories, one colour each (else one series, one colour).
    pub categories: bool,
    /// Bars: table rows drawn in the accent colour.
    pub accent: Vec<usize>,
    /// Per value column: English label and note.
    pub datasets: Vec<DatasetOptions>,
    /// A custom unit's English form (`unit` being its Chinese, e.g. 吨 / t).
    pub unit_en: Option<String>,
    /// Progress: the column of targets (plans) each value is measured against.
    pub target_column: Option<usize>,
    /// No target column, even if one is guessed.
    pub no_target: bool,
    /// Item ids by table row (from 1; index 0 is row 1): an opened file keeps its ids.
    pub row_ids: Vec<String>,
    /// The chart as an opened file had it: every field the table cannot
    /// express (item notes, details, targets' labels, nouns…) is kept from here.
    pub original: Option<Value>,
    /// The opened file's `$schema` (where its editor finds the JSON Schema).
    /// A file-level field kept on every chart, so removing or moving charts
    /// cannot lose it; the download writes the first one back.
    pub schema_ref: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DatasetOptions {
    pub column: usize,
    /// The dataset's id (an opened file keeps its own; else made from the header).
    pub id: Option<String>,
    /// This column's unit and scale, when they differ from the chart's.
    pub unit: Option<String>,
    pub unit_en: Option<String>,
    pub scale: Option<String>,
    pub label_en: Option<String>,
    pub note_zh: Option<String>,
    pub note_en: Option<String>,
}

/// What was used: the editor shows it as the form's values.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Settings {
    pub kind: String,
    pub unit: String,
    pub scale: i32,
    pub label_column: usize,
    pub label_en_column: Option<usize>,
    pub value_columns: Vec<usize>,
    pub sort: bool,
    /// Kinds that fit the data (a donut only for parts of a whole).
    pub kinds: Vec<String>,
    /// A custom unit's English form.
    pub unit_en: Option<String>,
    /// Progress: the column of targets.
    pub target_column: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, where the editor sees it: a cell (0-based row and column of
/// the table, the header being row 0) or a form field, in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub row: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub zh: String,
    pub en: String,
}

impl Problem {
    fn cell(severity: Severity, row: usize, column: usize, zh: String, en: String) -> Problem {
        Problem {
            severity,
            row: Some(row),
            column: Some(column),
            field: None,
            zh,
            en,
        }
    }

    fn field(severity: Severity, field: &str, zh: &str, en: &str) -> Problem {
        Problem {
            severity,
            row: None,
            column: None,
            field: Some(field.to_string()),
            zh: zh.to_string(),
            en: en.to_string(),
        }
    }

    /// "Row 3, column C: …" as a spreadsheet names it (rows from 1, header included).
    pub fn located(&self, zh: bool) -> String {
        let text = if zh { &self.zh } else { &self.en };
        match (self.row, self.column, &self.field) {
            (Some(r), Some(c), _) if zh => {
                format!("第{}行第{}列：{text}", r + 1, column_letter(c))
            }
            (Some(r), Some(c), _) => format!("row {}, column {}: {text}", r + 1, column_letter(c)),
            (Some(r), None, _) if zh => format!("第{}行：{text}", r + 1),
            (Some(r), None, _) => format!("row {}: {text}", r + 1),
            (_, _, Some(f)) => format!("{f}: {text}"),
            _ => text.clone(),
        }
    }
}

/// One chart converted: its JSON (when no cell failed), what was used, and
/// every problem; `rows`/`columns` let the checker's paths find cells.
#[derive(Clone, Debug, Serialize)]
pub struct Conversion {
    pub chart: Option<Value>,
    pub settings: Settings,
    pub problems: Vec<Problem>,
    pub header: Vec<String>,
    /// The table as read (header first), for the editor's grid.
    pub rows: Vec<Vec<String>>,
    #[serde(skip)]
    /// Per dataset, the table row of each of its items (a blank cell leaves a row out).
    item_rows: Vec<Vec<usize>>,
}

impl Conversion {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// A cell with text but no number, for telling labels from values.
fn is_text(s: &str) -> bool {
    !s.trim().is_empty() && number::read(s).is_err()
}

fn mostly_ascii(s: &str) -> bool {
    s.chars().filter(char::is_ascii_alphabetic).count() * 2 >= s.chars().count()
}

/// A chart's (or one column's) unit: a built-in one, or a custom one in both
/// languages (`吨` / `t`), which the number reader counts like a plain count.
#[derive(Clone, Debug, PartialEq)]
enum UnitChoice {
    Known(UnitHint),
    Custom { zh: String, en: String },
}

impl UnitChoice {
    fn parse(name: &str, en: Option<&str>) -> UnitChoice {
        match UnitHint::parse(name.trim()) {
            Some(h) => UnitChoice::Known(h),
            None => UnitChoice::Custom {
                zh: name.trim().to_string(),
                en: en.unwrap_or("").trim().to_string(),
            },
        }
    }

    fn hint(&self) -> Option<UnitHint> {
        match self {
            UnitChoice::Known(h) => Some(*h),
            UnitChoice::Custom { .. } => None,
        }
    }

    /// The form's value: the data file's name, or the custom unit's Chinese.
    fn name(&self) -> String {
        match self {
            UnitChoice::Known(h) => h.name().into(),
            UnitChoice::Custom { zh, .. } => zh.clone(),
        }
    }

    fn json(&self) -> Value {
        match self {
            UnitChoice::Known(h) => json!(h.name()),
            UnitChoice::Custom { zh, en } => text(zh, en),
        }
    }
}

/// A header naming a unit the reader has no name for: `产量（吨）` → 吨.
fn custom_unit(header: &str) -> Option<String> {
    let h = number::normalize(header);
    let inner = h
        .rsplit_once('(')
        .map(|(_, r)| r)?
        .strip_suffix(')')?
        .trim();
    let plain = !inner.is_empty()
        && inner.chars().count() <= 6
        && !inner.chars().any(|c| c.is_ascii_digit())
        && header_hint(inner) == (None, None)
        && scale_exp(inner).is_none();
    plain.then(|| inner.to_string())
}

/// A column of targets or plans, for a progress chart.
fn is_target_header(header: &str) -> bool {
    let h = header.to_lowercase();
    ["目标", "计划", "target", "plan", "goal"]
        .iter()
        .any(|w| h.contains(w))
}

/// Reads a table with the options: the one conversion `import` and the editor share.
pub fn convert(table: &Table, opts: &Options, chart_index: usize) -> Conversion {
    let mut problems = Vec::new();
    let width = table.width();
    let body = 1..table.rows.len();
    let header: Vec<String> = table.header().to_vec();
    let column_is_text =
        |c: usize| body.clone().filter(|&r| is_text(table.cell(r, c))).count() * 2 > body.len();

    let label_column = opts
        .label_column
        .unwrap_or_else(|| (0..width).find(|&c| column_is_text(c)).unwrap_or(0));
    let label_en_column = match opts.label_en_column {
        _ if opts.no_label_en => None,
        Some(c) => Some(c),
        None => (label_column + 1..width).find(|&c| {
            column_is_text(c)
                && body
                    .clone()
                    .all(|r| table.cell(r, c).is_empty() || mostly_ascii(table.cell(r, c)))
        }),
    };
    let numeric: Vec<usize> = (0..width)
        .filter(|&c| c != label_column && Some(c) != label_en_column && !column_is_text(c))
        .collect();
    // A target column needs a value column beside it ("目标" alone is a value).
    let target_column = match opts.target_column {
        _ if opts.no_target => None,
        Some(c) => Some(c),
        None if numeric.len() >= 2 => numeric
            .iter()
            .copied()
            .find(|&c| is_target_header(table.cell(0, c))),
        None => None,
    };
    let requested = opts.kind.clone().filter(|k| !k.is_empty());
    let progress = target_column.is_some()
        && requested
            .as_deref()
            .map_or(opts.original.is_none(), |k| k == "progress");
    let value_columns: Vec<usize> = opts
        .value_columns
        .clone()
        .unwrap_or_else(|| numeric.clone())
        .into_iter()
        .filter(|&c| !(progress && Some(c) == target_column))
        .collect();
    if table.rows.len() < 2 || value_columns.is_empty() {
        problems.push(Problem::field(
            Severity::Error,
            "table",
            "表格至少要有一行标题、一列名称和一列数字",
            "the table needs a header row, a column of labels and a column of numbers",
        ));
    }

    // Every value cell read once; the column's unit and scale from its header,
    // the cells, or the editor's choice. In a table of several value columns a
    // blank cell means the row's item is not in that tab.
    let has_value = |r: usize| {
        value_columns
            .iter()
            .any(|&c| !table.cell(r, c).trim().is_empty())
    };
    let mut readings: Vec<Vec<Option<Reading>>> = Vec::new();
    let mut cell_units: Vec<UnitHint> = Vec::new();
    for &c in &value_columns {
        let mut col = Vec::new();
        for r in body.clone() {
            let cell = table.cell(r, c);
            if cell.trim().is_empty() && value_columns.len() > 1 && has_value(r) {
                col.push(None);
                continue;
            }
            match number::read(cell) {
                Ok(x) => {
                    cell_units.extend(x.unit);
                    col.push(Some(x));
                }
                Err(e) => {
                    problems.push(Problem::cell(Severity::Error, r, c, e.zh(), e.en()));
                    col.push(None);
                }
            }
        }
        readings.push(col);
    }
    let first_head = value_columns.first().map_or("", |&c| table.cell(0, c));
    let first_header = header_hint(first_head);
    let unit = match opts.unit.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(u) => UnitChoice::parse(u, opts.unit_en.as_deref()),
        None => match first_header.0.or_else(|| most_common(&cell_units)) {
            Some(h) => UnitChoice::Known(h),
            None => match custom_unit(first_head) {
                Some(zh) => UnitChoice::Custom {
                    zh,
                    en: opts.unit_en.clone().unwrap_or_default(),
                },
                None => {
                    problems.push(Problem::field(
                        Severity::Warning,
                        "unit",
                        "看不出单位，暂按“个”计；请选择单位",
                        "no unit found in the headers or cells; counting for now — choose the unit",
                    ));
                    UnitChoice::Known(UnitHint::Count)
                }
            },
        },
    };
    if let UnitChoice::Custom { en, .. } = &unit {
        if en.trim().is_empty() {
            problems.push(Problem::field(
                Severity::Warning,
                "unit_en",
                "请填写这个单位的英文（如“吨”写 t），否则英文版读者会看到中文",
                "give the unit's English form (吨 → t), or English readers see the Chinese",
            ));
        }
    }
    let scale_of = |name: Option<&str>, problems: &mut Vec<Problem>| {
        name.filter(|s| !s.is_empty()).map(|s| {
            scale_exp(s).unwrap_or_else(|| {
                problems.push(Problem::field(
                    Severity::Error,
                    "scale",
                    "未知的数量级（可选：元、万、亿、万亿、万千瓦、billion）",
                    "unknown scale (choose 元, 万, 亿, 万亿, 万千瓦 or billion)",
                ));
                0
            })
        })
    };
    let scale = scale_of(opts.scale.as_deref(), &mut problems)
        .unwrap_or_else(|| first_header.1.unwrap_or(0));
    // Each column's own unit and scale, when the form (or an opened file) gives one.
    let mut units: Vec<UnitChoice> = Vec::new();
    let mut scales: Vec<i32> = Vec::new();
    for &c in &value_columns {
        let dopt = opts.datasets.iter().find(|o| o.column == c);
        units.push(
            dopt.and_then(|o| o.unit.as_deref())
                .filter(|u| !u.trim().is_empty())
                .map_or(unit.clone(), |u| {
                    UnitChoice::parse(u, dopt.and_then(|o| o.unit_en.as_deref()))
                }),
        );
        scales
            .push(scale_of(dopt.and_then(|o| o.scale.as_deref()), &mut problems).unwrap_or(scale));
    }
    for ((col, &c), u) in readings.iter().zip(&value_columns).zip(&units) {
        for (x, r) in col.iter().zip(body.clone()) {
            if let Some(cu) = x.and_then(|x| x.unit).filter(|cu| Some(*cu) != u.hint()) {
                let chart = u.name();
                problems.push(Problem::cell(
                    Severity::Error,
                    r,
                    c,
                    format!("这一格的单位是 {}，图表的单位是 {chart}", cu.name()),
                    format!("this cell is in {}, the chart in {chart}", cu.name()),
                ));
            }
        }
    }

    let values: Vec<Vec<Option<f64>>> = readings
        .iter()
        .zip(&scales)
        .map(|(col, &sc)| col.iter().map(|x| x.map(|x| x.value(sc))).collect())
        .collect();
    let all = || values.iter().flatten().flatten().copied();
    let signed = all().any(|v| v < 0.0);
    let rows = body.len();
    let hint = unit.hint();
    let percent_whole = |col: &Vec<Option<f64>>| {
        let sum: f64 = col.iter().flatten().sum();
        // Each share rounded to its last digit may be off by half a unit of it.
        (sum - 100.0).abs() <= 0.05 * rows as f64 + 1e-9
    };
    let rank = hint == Some(UnitHint::Rank);
    let parts = !signed
        && !rank
        && rows >= 2
        && (hint != Some(UnitHint::Percent) || values.iter().all(percent_whole));
    let mut kinds = vec!["bar".to_string()];
    if parts {
        kinds.insert(0, "donut".into());
        kinds.push("stacked".into());
    }
    if target_column.is_some() && !signed && !rank {
        kinds.push("progress".into());
    }
    if rows <= lvdong::data::MAX_KPIS {
        kinds.push("kpi".into());
    }
    let counted = matches!(hint, Some(UnitHint::Count) | None);
    if !signed && counted && all().all(|v| v.fract() == 0.0) {
        kinds.push("units".into());
    }
    let guessed = if signed {
        "bar"
    } else if progress {
        "progress"
    } else if rows == 1 || (rank && rows <= lvdong::data::MAX_KPIS) {
        "kpi"
    } else if hint == Some(UnitHint::Percent) && parts && rows <= 8 {
        "donut"
    } else {
        "bar"
    };
    let kind = requested.unwrap_or_else(|| guessed.to_string());
    if kind == "donut" && hint == Some(UnitHint::Percent) {
        for (col, &c) in values.iter().zip(&value_columns) {
            if !percent_whole(col) {
                let sum: f64 = col.iter().flatten().sum();
                let s = lvdong::digits::decimal((sum * 10.0).round() / 10.0);
                problems.push(Problem {
                    severity: Severity::Warning,
                    row: None,
                    column: Some(c),
                    field: Some("kind".into()),
                    zh: format!("份额相加为 {s}%，不是 100%：环形图只适合整体的各部分"),
                    en: format!(
                        "the shares add up to {s}%, not 100%: a donut shows parts of one whole"
                    ),
                });
            }
        }
    }
    // The targets, read like values, in the chart's scale.
    let mut targets: Vec<Option<Reading>> = Vec::new();
    if let (true, Some(tc)) = (kind == "progress", target_column) {
        for r in body.clone() {
            match number::read(table.cell(r, tc)) {
                Ok(x) => targets.push(Some(x)),
                Err(number::NumberError::Empty) if opts.original.is_some() => targets.push(None),
                Err(e) => {
                    problems.push(Problem::cell(Severity::Error, r, tc, e.zh(), e.en()));
                    targets.push(None);
                }
            }
        }
    }
    // Labels that read as an order (years, months, dates) keep the table's order.
    let ordered = body.clone().all(|r| {
        table
            .cell(r, label_column)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    });
    let sort = opts.sort.unwrap_or(kind == "bar" && !ordered && !signed);

    let settings = Settings {
        kind: kind.clone(),
        unit: unit.name(),
        scale,
        label_column,
        label_en_column,
        value_columns: value_columns.clone(),
        sort,
        kinds,
        unit_en: match &unit {
            UnitChoice::Custom { en, .. } => Some(en.clone()),
            UnitChoice::Known(_) => None,
        },
        target_column: target_column.filter(|_| kind == "progress"),
    };
    let title_zh = opts.title_zh.clone().filter(|t| !t.trim().is_empty());
    if title_zh.is_none() {
        problems.push(Problem::field(
            Severity::Error,
            "title_zh",
            "请填写中文标题",
            "give the chart a Chinese title",
        ));
    }
    let source_zh = opts.source_zh.clone().filter(|t| !t.trim().is_empty());
    if source_zh.is_none() {
        problems.push(Problem::field(
            Severity::Error,
            "source_zh",
            "请写明数据来源（每张图都要注明出处）",
            "say where the figures come from (every chart carries its source)",
        ));
    }
    for r in body.clone() {
        if table.cell(r, label_column).is_empty() {
            problems.push(Problem::cell(
                Severity::Error,
                r,
                label_column,
                "这一行没有名称".into(),
                "this row has no label".into(),
            ));
        }
    }

    // Item ids: an opened file's own, else made from the (English) label.
    let mut item_ids = Ids::default();
    let kept = |r: usize| {
        opts.row_ids
            .get(r.wrapping_sub(1))
            .filter(|id| !id.trim().is_empty())
    };
    for r in body.clone() {
        if let Some(id) = kept(r) {
            item_ids.0.push(id.clone());
        }
    }
    let labels: Vec<(String, String)> = body
        .clone()
        .map(|r| {
            let zh = table.cell(r, label_column).to_string();
            let en = label_en_column.map_or("", |c| table.cell(r, c)).to_string();
            let id = match kept(r) {
                Some(id) => id.clone(),
                None => item_ids.make(if en.is_empty() { &zh } else { &en }, "item"),
            };
            (id, zh)
        })
        .collect();
    let original = opts.original.as_ref().and_then(Value::as_object);
    let original_datasets = original
        .and_then(|o| o.get("datasets"))
        .and_then(Value::as_array);
    let mut ds_ids = Ids::default();
    ds_ids
        .0
        .extend(opts.datasets.iter().filter_map(|o| o.id.clone()));
    let mut datasets = Vec::new();
    let mut item_rows = Vec::new();
    for (d, &c) in value_columns.iter().enumerate() {
        let head = table.cell(0, c);
        let dopt = opts.datasets.iter().find(|o| o.column == c);
        let label_en = dopt
            .and_then(|o| o.label_en.clone())
            .filter(|s| !s.is_empty());
        let ds_id = dopt
            .and_then(|o| o.id.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| ds_ids.make(label_en.as_deref().unwrap_or(head), "series"));
        let before = original_datasets.and_then(|list| {
            list.iter()
                .find(|ds| ds.get("id").and_then(Value::as_str) == Some(ds_id.as_str()))
        });
        let before_items = before
            .and_then(|ds| ds.get("items"))
            .and_then(Value::as_array);
        let sc = scales.get(d).copied().unwrap_or(scale);
        let mut items = Vec::new();
        for (i, r) in body.clone().enumerate() {
            let Some(Some(x)) = readings.get(d).and_then(|col| col.get(i)) else {
                continue;
            };
            let (id, zh) = labels.get(i).cloned().unwrap_or_default();
            let en = label_en_column.map_or("", |c| table.cell(r, c));
            let was = before_items.and_then(|list| {
                list.iter()
                    .find(|it| it.get("id").and_then(Value::as_str) == Some(id.as_str()))
            });
            // What the table does not say (notes, details, targets' labels…) is kept.
            let mut item = was.and_then(Value::as_object).cloned().unwrap_or_default();
            for k in ["derived", "relation", "accent"] {
                item.remove(k);
            }
            item.insert("id".into(), json!(id));
            item.insert("label".into(), text(&zh, en));
            item.insert("value".into(), number_json(x.value(sc)));
            if opts.derived.contains(&(r, c)) {
                item.insert("derived".into(), json!(true));
            }
            if let Some(rel) = x.relation.name() {
                item.insert("relation".into(), json!(rel));
            }
            if opts.accent.contains(&r) {
                item.insert("accent".into(), json!(true));
            }
            if signed && was.is_none() {
                // Signed values (a year-on-year change) draw as diverging bars.
                item.insert("change".into(), json!(true));
            }
            if let Some(Some(t)) = targets.get(i) {
                // `plan` or `target`, as the file had it; its label and derived mark kept.
                let key = if item.contains_key("plan") {
                    "plan"
                } else {
                    "target"
                };
                let mut reference = item
                    .get(key)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                reference.insert("value".into(), number_json(t.value(scale)));
                reference.remove("relation");
                if let Some(rel) = t.relation.name() {
                    reference.insert("relation".into(), json!(rel));
                }
                item.insert(key.into(), Value::Object(reference));
            }
            items.push((r, Value::Object(item)));
        }
        if let Some(list) = before_items {
            // An opened file's order within the tab (the table holds every tab's rows).
            let at = |(_, it): &(usize, Value)| {
                list.iter()
                    .position(|b| b.get("id").is_some_and(|id| Some(id) == it.get("id")))
                    .unwrap_or(usize::MAX)
            };
            // Insertion by position: stable, and one small loop in the wasm
            // instead of std's merge sort (~2 KB gzip).
            let mut sorted: Vec<(usize, Value)> = Vec::with_capacity(items.len());
            for it in items {
                let p = at(&it);
                let i = sorted.partition_point(|s| at(s) <= p);
                sorted.insert(i, it);
            }
            items = sorted;
        }
        item_rows.push(items.iter().map(|(r, _)| *r).collect());
        let items: Vec<Value> = items.into_iter().map(|(_, v)| v).collect();
        let mut ds = before
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        ds.remove("note");
        ds.insert("id".into(), json!(ds_id));
        ds.insert(
            "label".into(),
            text(
                if head.is_empty() { "数值" } else { head },
                label_en.as_deref().unwrap_or(""),
            ),
        );
        ds.insert(
            "unit".into(),
            units.get(d).map_or_else(|| unit.json(), UnitChoice::json),
        );
        if let Some(o) = dopt {
            let nz = o.note_zh.clone().unwrap_or_default();
            if !nz.trim().is_empty() {
                ds.insert("note".into(), text(&nz, o.note_en.as_deref().unwrap_or("")));
            }
        }
        ds.insert("items".into(), Value::Array(items));
        datasets.push(Value::Object(ds));
    }

    let mut chart = original.cloned().unwrap_or_default();
    for k in ["subtitle", "sort", "categories"] {
        chart.remove(k);
    }
    let id = opts
        .id
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| {
            let base = opts.title_en.clone().unwrap_or_default();
            let id = Ids::default().make(&base, "");
            if id.starts_with('-') {
                format!("chart-{}", chart_index + 1)
            } else {
                id
            }
        });
    chart.insert("id".into(), json!(id));
    chart.insert("kind".into(), json!(kind));
    chart.insert(
        "title".into(),
        text(
            title_zh.as_deref().unwrap_or(""),
            opts.title_en.as_deref().unwrap_or(""),
        ),
    );
    if let Some(s) = opts.subtitle_zh.as_deref().filter(|s| !s.trim().is_empty()) {
        chart.insert(
            "subtitle".into(),
            text(s, opts.subtitle_en.as_deref().unwrap_or("")),
        );
    }
    // The source's `as_of` (and anything else the form has no field for) is kept.
    let mut source = original
        .and_then(|o| o.get("source"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    for k in ["zh", "en", "url", "date"] {
        source.remove(k);
    }
    source.insert("zh".into(), json!(source_zh.unwrap_or_default()));
    for (k, v) in [
        ("en", &opts.source_en),
        ("url", &opts.url),
        ("date", &opts.date),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            source.insert(k.into(), json!(v.trim()));
        }
    }
    chart.insert("source".into(), Value::Object(source));
    if kind == "bar" && sort {
        // Unsorted is the reader's default: left out, as hand-written files do.
        chart.insert("sort".into(), json!(true));
    }
    if kind == "bar" && opts.categories {
        chart.insert("categories".into(), json!(true));
    }
    chart.insert("datasets".into(), Value::Array(datasets));

    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    Conversion {
        chart: (!failed).then_some(Value::Object(chart)),
        settings,
        problems,
        header,
        rows: table.rows.clone(),
        item_rows,
    }
}

fn most_common(units: &[UnitHint]) -> Option<UnitHint> {
    let mut best = None;
    let mut best_n = 0;
    for u in units {
        let n = units.iter().filter(|v| *v == u).count();
        if n > best_n {
            best = Some(*u);
            best_n = n;
        }
    }
    best
}

/// `{"zh": …, "en": …}`, without an empty English text.
fn text(zh: &str, en: &str) -> Value {
    if en.trim().is_empty() {
        json!({ "zh": zh.trim() })
    } else {
        json!({ "zh": zh.trim(), "en": en.trim() })
    }
}

/// Whole numbers as JSON integers (`624810000000`, not `624810000000.0`).
fn number_json(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// Unique ids from labels: ASCII letters and digits, dashes between words.
#[derive(Default)]
struct Ids(Vec<String>);

impl Ids {
    fn make(&mut self, label: &str, fallback: &str) -> String {
        let mut s = String::new();
        for c in label.chars() {
            if c.is_ascii_alphanumeric() {
                s.push(c.to_ascii_lowercase());
            } else if !s.is_empty() && !s.ends_with('-') {
                s.push('-');
            }
        }
        let s = s.trim_end_matches('-').chars().take(40).collect::<String>();
        let base = if s.is_empty() {
            format!("{fallback}-{}", self.0.len() + 1)
        } else {
            s
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.push(id.clone());
        id
    }
}

/// One chart to convert: its table text and options.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Draft {
    pub table: String,
    pub options: Options,
}

/// Every chart of a file converted and checked together.
#[derive(Clone, Debug, Serialize)]
pub struct Build {
    pub charts: Vec<Conversion>,
    /// The data file (pretty JSON), when nothing is in error: it passes `check-data`.
    pub file: Option<String>,
}

/// Converts each draft, puts the charts in one file and runs the reader's
/// data checker over it, each of its problems placed at its cell or field.
pub fn build(drafts: &[Draft]) -> Build {
    let mut charts: Vec<Conversion> = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| convert(&table::parse(&d.table), &d.options, i))
        .collect();
    let mut file = None;
    if !charts.is_empty() && charts.iter().all(|c| c.chart.is_some()) {
        let list: Vec<Value> = charts.iter().filter_map(|c| c.chart.clone()).collect();
        let mut value = json!({ "schema": 1, "charts": list });
        if let (Some(at), Some(obj)) = (
            drafts.iter().find_map(|d| d.options.schema_ref.clone()),
            value.as_object_mut(),
        ) {
            obj.insert("$schema".into(), Value::String(at));
        }
        let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
        let problems = match lvdong::data::parse_str(&text) {
            Ok((_, warnings)) => warnings,
            Err(problems) => problems,
        };
        for p in problems {
            let (c, placed) = place(&p.path, &charts);
            let sev = match p.severity {
                lvdong::data::Severity::Error => Severity::Error,
                lvdong::data::Severity::Warning => Severity::Warning,
            };
            if let Some(conv) = charts.get_mut(c) {
                // The checker's sentence follows its path's last field ("title.en: is missing").
                let tail = path_tail(&p.path);
                conv.problems.push(Problem {
                    severity: sev,
                    zh: crate::zh::checker(&p.path, &p.message),
                    en: format!("{tail}: {}", p.message),
                    ..placed
                });
            }
        }
        if !charts.iter().any(Conversion::has_errors) {
            file = Some(text);
        }
    }
    Build { charts, file }
}

/// The last two fields of a path without indices: `title.en`, `items.value`.
fn path_tail(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('.')
        .map(|p| p.split('[').next().unwrap_or(p))
        .collect();
    parts
        .get(parts.len().saturating_sub(2)..)
        .unwrap_or_default()
        .join(".")
}

/// A checker path (`charts[0].datasets[1].items[2].value`) → the chart and
/// the cell or field it concerns.
fn place(path: &str, charts: &[Conversion]) -> (usize, Problem) {
    let idx = |key: &str| -> Option<usize> {
        let at = path.find(&format!("{key}["))? + key.len() + 1;
        path.get(at..)?.split(']').next()?.parse().ok()
    };
    let c = idx("charts").unwrap_or(0);
    let mut p = Problem {
        severity: Severity::Error,
        row: None,
        column: None,
        field: None,
        zh: String::new(),
        en: String::new(),
    };
    let conv = charts.get(c);
    match (idx("datasets"), idx("items")) {
        (Some(d), Some(i)) => {
            let s = conv.map(|c| &c.settings);
            p.row = conv.and_then(|c| c.item_rows.get(d)?.get(i).copied());
            p.column = if path.contains(".label") {
                s.map(|s| s.label_column)
            } else if path.contains(".target") || path.contains(".plan") {
                s.and_then(|s| s.target_column.or_else(|| s.value_columns.get(d).copied()))
            } else {
                s.and_then(|s| s.value_columns.get(d).copied())
            };
        }
        (Some(d), None) => {
            let column = conv.and_then(|c| c.settings.value_columns.get(d).copied());
            if path.contains(".unit") {
                // A custom unit's English: the form's field beside the unit.
                p.field = Some("unit_en".into());
            } else if let (Some(col), true) = (column, path.ends_with("label.en")) {
                // The dataset's English label is a field of the form, not a cell.
                p.field = Some(format!("ds-{col}-label_en"));
            } else if let (Some(col), true) = (column, path.contains(".note")) {
                p.field = Some(format!("ds-{col}-note_zh"));
            } else {
                p.row = Some(0);
                p.column = column;
            }
        }
        _ => {
            let rest = path
                .rsplit(']')
                .next()
                .unwrap_or("")
                .trim_start_matches('.');
            let field = match rest {
                "title.en" => "title_en",
                r if r.starts_with("title") => "title_zh",
                "subtitle.en" => "subtitle_en",
                r if r.starts_with("subtitle") => "subtitle_zh",
                "source.url" => "url",
                "source.date" => "date",
                "source.en" => "source_en",
                r if r.starts_with("source") => "source_zh",
                "kind" => "kind",
                _ => "table",
            };
            p.field = Some(field.into());
        }
    }
    (c, p)
}
