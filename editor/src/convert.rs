//! Table → chart: guesses the mapping (label columns, value columns), kind,
//! unit and scale, reads every value cell, builds the chart's JSON and runs
//! the reader's own data checker over the file, every problem placed at its cell or field.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

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
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct DatasetOptions {
    pub column: usize,
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
    item_rows: Vec<usize>,
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
    let value_columns: Vec<usize> = opts.value_columns.clone().unwrap_or_else(|| {
        (0..width)
            .filter(|&c| c != label_column && Some(c) != label_en_column && !column_is_text(c))
            .collect()
    });
    if table.rows.len() < 2 || value_columns.is_empty() {
        problems.push(Problem::field(
            Severity::Error,
            "table",
            "表格至少要有一行标题、一列名称和一列数字",
            "the table needs a header row, a column of labels and a column of numbers",
        ));
    }

    // Every value cell read once; the column's unit and scale from its header,
    // the cells, or the editor's choice.
    let mut readings: Vec<Vec<Option<Reading>>> = Vec::new();
    let mut cell_units: Vec<UnitHint> = Vec::new();
    for &c in &value_columns {
        let mut col = Vec::new();
        for r in body.clone() {
            match number::read(table.cell(r, c)) {
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
    let first_header = value_columns
        .first()
        .map_or((None, None), |&c| header_hint(table.cell(0, c)));
    let unit = match opts.unit.as_deref().filter(|u| !u.is_empty()) {
        Some(u) => match UnitHint::parse(u) {
            Some(h) => h,
            None => {
                problems.push(Problem::field(
                    Severity::Error,
                    "unit",
                    "未知单位（可选：CNY、kW、percent、count、ug/m3）",
                    "unknown unit (choose CNY, kW, percent, count or ug/m3)",
                ));
                UnitHint::Count
            }
        },
        None => first_header
            .0
            .or_else(|| most_common(&cell_units))
            .unwrap_or_else(|| {
                problems.push(Problem::field(
                    Severity::Warning,
                    "unit",
                    "看不出单位，暂按“个”计；请选择单位",
                    "no unit found in the headers or cells; counting for now — choose the unit",
                ));
                UnitHint::Count
            }),
    };
    let scale = match opts.scale.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => scale_exp(s).unwrap_or_else(|| {
            problems.push(Problem::field(
                Severity::Error,
                "scale",
                "未知的数量级（可选：元、万、亿、万亿、万千瓦、billion）",
                "unknown scale (choose 元, 万, 亿, 万亿, 万千瓦 or billion)",
            ));
            0
        }),
        None => first_header.1.unwrap_or(0),
    };
    for (col, &c) in readings.iter().zip(&value_columns) {
        for (x, r) in col.iter().zip(body.clone()) {
            if let Some(u) = x.and_then(|x| x.unit).filter(|u| *u != unit) {
                problems.push(Problem::cell(
                    Severity::Error,
                    r,
                    c,
                    format!("这一格的单位是 {}，图表的单位是 {}", u.name(), unit.name()),
                    format!("this cell is in {}, the chart in {}", u.name(), unit.name()),
                ));
            }
        }
    }

    let values: Vec<Vec<Option<f64>>> = readings
        .iter()
        .map(|col| col.iter().map(|x| x.map(|x| x.value(scale))).collect())
        .collect();
    let all = || values.iter().flatten().flatten().copied();
    let signed = all().any(|v| v < 0.0);
    let rows = body.len();
    let percent_whole = |col: &Vec<Option<f64>>| {
        let sum: f64 = col.iter().flatten().sum();
        // Each share rounded to its last digit may be off by half a unit of it.
        (sum - 100.0).abs() <= 0.05 * rows as f64 + 1e-9
    };
    let parts =
        !signed && rows >= 2 && (unit != UnitHint::Percent || values.iter().all(percent_whole));
    let mut kinds = vec!["bar".to_string()];
    if parts {
        kinds.insert(0, "donut".into());
        kinds.push("stacked".into());
    }
    if !signed && rows <= lvdong::data::MAX_KPIS {
        kinds.push("kpi".into());
    }
    if !signed && unit == UnitHint::Count && all().all(|v| v.fract() == 0.0) {
        kinds.push("units".into());
    }
    let guessed = if signed {
        "bar"
    } else if rows == 1 {
        "kpi"
    } else if unit == UnitHint::Percent && parts && rows <= 8 {
        "donut"
    } else {
        "bar"
    };
    let kind = opts
        .kind
        .clone()
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| guessed.to_string());
    if kind == "donut" && unit == UnitHint::Percent {
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
        unit: unit.name().into(),
        scale,
        label_column,
        label_en_column,
        value_columns: value_columns.clone(),
        sort,
        kinds,
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

    let mut item_ids = Ids::default();
    let labels: Vec<(String, String)> = body
        .clone()
        .map(|r| {
            let zh = table.cell(r, label_column).to_string();
            let en = label_en_column.map_or("", |c| table.cell(r, c)).to_string();
            let id = item_ids.make(if en.is_empty() { &zh } else { &en }, "item");
            (id, zh)
        })
        .collect();
    let mut ds_ids = Ids::default();
    let mut datasets = Vec::new();
    for (d, &c) in value_columns.iter().enumerate() {
        let head = table.cell(0, c);
        let dopt = opts.datasets.iter().find(|o| o.column == c);
        let label_en = dopt
            .and_then(|o| o.label_en.clone())
            .filter(|s| !s.is_empty());
        let mut items = Vec::new();
        for (i, r) in body.clone().enumerate() {
            let Some(Some(x)) = readings.get(d).and_then(|col| col.get(i)) else {
                continue;
            };
            let (id, zh) = labels.get(i).cloned().unwrap_or_default();
            let en = label_en_column.map_or("", |c| table.cell(r, c));
            let mut item = Map::new();
            item.insert("id".into(), json!(id));
            item.insert("label".into(), text(&zh, en));
            item.insert("value".into(), number_json(x.value(scale)));
            if opts.derived.contains(&(r, c)) {
                item.insert("derived".into(), json!(true));
            }
            if let Some(rel) = x.relation.name() {
                item.insert("relation".into(), json!(rel));
            }
            if opts.accent.contains(&r) {
                item.insert("accent".into(), json!(true));
            }
            if signed {
                // Signed values (a year-on-year change) draw as diverging bars.
                item.insert("change".into(), json!(true));
            }
            items.push(Value::Object(item));
        }
        let mut ds = Map::new();
        ds.insert(
            "id".into(),
            json!(ds_ids.make(label_en.as_deref().unwrap_or(head), "series")),
        );
        ds.insert(
            "label".into(),
            text(
                if head.is_empty() { "数值" } else { head },
                label_en.as_deref().unwrap_or(""),
            ),
        );
        ds.insert("unit".into(), json!(unit.name()));
        if let Some(o) = dopt {
            let nz = o.note_zh.clone().unwrap_or_default();
            if !nz.trim().is_empty() {
                ds.insert("note".into(), text(&nz, o.note_en.as_deref().unwrap_or("")));
            }
        }
        ds.insert("items".into(), Value::Array(items));
        datasets.push(Value::Object(ds));
    }

    let mut chart = Map::new();
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
    let mut source = Map::new();
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
    if kind == "bar" {
        chart.insert("sort".into(), json!(sort));
        if opts.categories {
            chart.insert("categories".into(), json!(true));
        }
    }
    chart.insert("datasets".into(), Value::Array(datasets));

    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    Conversion {
        chart: (!failed).then_some(Value::Object(chart)),
        settings,
        problems,
        header,
        rows: table.rows.clone(),
        item_rows: body.collect(),
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
        let value = json!({ "schema": 1, "charts": list });
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
                    zh: checker_zh(&tail, &p.message),
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

/// The checker's frequent sentences in Chinese; others keep its English.
fn checker_zh(tail: &str, message: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        (
            "is missing; readers of the English version",
            "缺少英文：英文版读者会看到中文",
        ),
        ("must be a date like", "日期的格式应为 2023-08-30"),
        (
            "is not an http(s) address",
            "不是 http(s) 网址，不会显示为链接",
        ),
        (
            "values add up to zero",
            "数值相加为零，无法计算各部分的占比",
        ),
        ("items; a", "项目太多，这种图表放不下"),
    ];
    match KNOWN
        .iter()
        .find(|(en, _)| message.starts_with(en) || message.contains(en))
    {
        Some((_, zh)) => (*zh).to_string(),
        None => format!("数据检查 {tail}：{message}"),
    }
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
            p.row = conv.and_then(|c| c.item_rows.get(i).copied());
            p.column = if path.contains(".label") {
                s.map(|s| s.label_column)
            } else {
                s.and_then(|s| s.value_columns.get(d).copied())
            };
        }
        (Some(d), None) => {
            let column = conv.and_then(|c| c.settings.value_columns.get(d).copied());
            if let (Some(col), true) = (column, path.ends_with("label.en")) {
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
