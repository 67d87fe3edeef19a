//! JSON → checked model. Walks the JSON tree by hand rather than through
//! derived `Deserialize`, so one pass reports every problem (not just the
//! first) with its JSON path and a plain sentence.

use std::fmt;

use super::json::{Number, Value};
use super::model::*;
// Messages are built from pieces by `cat` rather than a `format!` at each of
// the ~40 call sites (each its own argument table and core::fmt call).
use crate::digits::{cat, push_uint};
use crate::text::{char_count, char_start};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a data file, located by its JSON path.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Problem {
    // Three plain writes, not `write!`: no format arguments to build.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.path.is_empty() {
            "(file)"
        } else {
            &self.path
        })?;
        f.write_str(": ")?;
        f.write_str(&self.message)
    }
}

impl Problem {
    /// The problem as one line, `path: message`, as `Display` shows it. A
    /// plain loop and `cat`, not `to_string()`: no core::fmt in the wasm.
    pub fn lines(problems: &[Problem]) -> Vec<String> {
        let mut out = Vec::with_capacity(problems.len());
        for p in problems {
            let path = if p.path.is_empty() { "(file)" } else { &p.path };
            out.push(cat(&[path, ": ", &p.message]));
        }
        out
    }
}

/// Largest value accepted, in base units: well above any real figure
/// (8.45万亿 = 8.45e12) and far from overflow when summed.
pub const MAX_VALUE: f64 = 1e16;
/// Most items a dataset may hold.
pub const MAX_ITEMS: usize = 1000;
/// Most dots a units chart may draw.
pub const MAX_UNITS: f64 = 10_000.0;
/// Longest text accepted, in characters.
pub const MAX_TEXT: usize = 500;
/// Most numbers a KPI chart shows at once.
pub const MAX_KPIS: usize = 6;

// The fields each object may hold. The JSON Schema (`schema.rs`) is built
// from these same lists, so the parser and the schema cannot drift apart.
pub const FILE_FIELDS: &[&str] = &["$schema", "schema", "charts"];
pub const CHART_FIELDS: &[&str] = &[
    "id",
    "kind",
    "title",
    "subtitle",
    "source",
    "sort",
    "categories",
    "datasets",
];
pub const SOURCE_FIELDS: &[&str] = &["zh", "en", "url", "date", "as_of"];
pub const TEXT_FIELDS: &[&str] = &["zh", "en"];
pub const DATASET_FIELDS: &[&str] = &["id", "label", "unit", "noun", "note", "scale", "items"];
pub const ITEM_FIELDS: &[&str] = &[
    "id", "label", "value", "derived", "relation", "change", "unit", "note", "target", "plan",
    "role", "share", "details", "accent",
];
pub const REFERENCE_FIELDS: &[&str] = &["value", "label", "derived", "relation"];
pub const DETAIL_FIELDS: &[&str] = &["label", "value", "unit", "derived", "noun"];
/// Spellings of each relation; the first is the canonical one.
pub const RELATIONS: &[(&[&str], Relation)] = &[
    (&["exact", "="], Relation::Exact),
    (&["at-least", "≥", ">="], Relation::AtLeast),
    (&["about", "≈", "~"], Relation::About),
    (&["at-most", "≤", "<="], Relation::AtMost),
    (&["more-than", ">"], Relation::MoreThan),
];
pub const ROLES: &[(&str, Role)] = &[
    ("clean", Role::Clean),
    ("other", Role::Other),
    ("money", Role::Money),
];

/// Parses and checks a data file given as JSON text.
/// `Ok` carries the model and any warnings; `Err` carries every problem found.
pub fn parse_str(json: &str) -> Result<(DataFile, Vec<Problem>), Vec<Problem>> {
    // Trimmed once, at the start only: text that is all whitespace is empty either way.
    let start = json.trim_start();
    // One message and one `vec!` for both failures (written for size).
    let mut message = String::new();
    if start.is_empty() {
        message.push_str("the data file is empty");
    } else {
        let e = match super::json::parse(json) {
            Ok(v) => return check(&v),
            Err(e) => e,
        };
        message.push_str("not valid JSON at line ");
        push_uint(&mut message, e.line as u64);
        message.push_str(", column ");
        push_uint(&mut message, e.column as u64);
        message.push_str(": ");
        message.push_str(e.message);
        // The first byte, not `starts_with`: one less function in the wasm.
        if matches!(start.as_bytes().first(), Some(b'<')) {
            message.push_str(" — this looks like HTML, not JSON (is the URL right?)");
        }
    }
    Err(vec![Problem {
        path: String::new(),
        message,
        severity: Severity::Error,
    }])
}

/// Checks a JSON value (already parsed by serde_json) and builds the model;
/// native only, for tests and tools that build values with `json!`.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_value(v: &serde_json::Value) -> Result<(DataFile, Vec<Problem>), Vec<Problem>> {
    check(&Value::from(v))
}

/// Checks a JSON value and builds the model.
#[inline(never)]
fn check(v: &Value) -> Result<(DataFile, Vec<Problem>), Vec<Problem>> {
    let mut cx = Checker::default();
    let file = cx.file(v);
    let has_errors = cx.problems.iter().any(|p| p.severity == Severity::Error);
    match file {
        Some(f) if !has_errors => Ok((f, cx.problems)),
        _ => Err(cx.problems),
    }
}

/// A count or index in decimal, by the crate's one integer printer.
fn count(n: usize) -> String {
    let mut s = String::new();
    push_uint(&mut s, n as u64);
    s
}

fn problem(severity: Severity, path: &str, message: &[&str]) -> Problem {
    Problem {
        path: path.to_string(),
        message: cat(message),
        severity,
    }
}

/// A short, quoted picture of a JSON value for messages.
fn quoted_value(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        Value::Number(n) => super::json::show_number(*n),
        Value::String(s) => {
            // The first 40 characters, and "…" when there are more.
            let end = char_start(s, 40);
            let more = if end < s.len() { "…" } else { "" };
            cat(&["\"", s.get(..end).unwrap_or(s), more, "\""])
        }
        Value::Array(a) => cat(&["a list of ", &count(a.len())]),
        Value::Object(_) => "an object".into(),
    }
}

/// Longest field name in the lists above, plus one: the row [`distance`] keeps.
const ROW: usize = 16;

/// Levenshtein distance between an allowed field name `a` (ASCII, shorter
/// than [`ROW`]: the lists above) and a key `b`, for "did you mean" on
/// unknown fields: one row of the table, over `a`'s bytes, read again for
/// each of `b`'s characters. (The distance is symmetric; a row on the stack
/// rather than a `Vec` over the key, for size.)
fn distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let n = a.len().min(ROW - 1);
    let mut row = [0usize; ROW];
    for (j, slot) in row.iter_mut().enumerate() {
        *slot = j;
    }
    for (i, cb) in b.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for j in 0..n {
            let ca = a.get(j).copied().unwrap_or(0);
            let cur = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let best = (prev + usize::from(char::from(ca) != cb))
                .min(cur + 1)
                .min(left + 1);
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = best;
            }
            prev = cur;
        }
    }
    row.get(n).copied().unwrap_or(0)
}

#[derive(Default)]
/// The parser's state: every problem found so far, errors and warnings, and
/// the JSON path of the value being checked. One path buffer that `enter`
/// extends and `leave` cuts back, rather than a `String` per field and list
/// element: fewer allocations, and fewer drops in the wasm.
struct Checker {
    problems: Vec<Problem>,
    path: String,
}

struct Fields<'a> {
    map: &'a [(String, Value)],
}

impl<'a> Fields<'a> {
    /// A present, non-null field.
    fn opt(&self, key: &str) -> Option<&'a Value> {
        // A plain loop, not an iterator chain: less code in the wasm.
        for (k, v) in self.map {
            if k == key {
                return (!matches!(v, Value::Null)).then_some(v);
            }
        }
        None
    }
}

impl Checker {
    /// Steps into field `key` of the current object; returns the mark that
    /// `leave` steps out to.
    fn enter(&mut self, key: &str) -> usize {
        let mark = self.path.len();
        if mark > 0 {
            self.path.push('.');
        }
        self.path.push_str(key);
        mark
    }

    /// Steps into element `i` of the current list: `path[i]`.
    fn enter_index(&mut self, i: usize) -> usize {
        let mark = self.path.len();
        self.path.push('[');
        push_uint(&mut self.path, i as u64);
        self.path.push(']');
        mark
    }

    fn leave(&mut self, mark: usize) {
        self.path.truncate(mark);
    }

    /// A problem of the current value.
    fn report(&mut self, severity: Severity, message: &[&str]) {
        self.problems.push(problem(severity, &self.path, message));
    }

    fn err(&mut self, message: &[&str]) {
        self.report(Severity::Error, message);
    }

    fn warn(&mut self, message: &[&str]) {
        self.report(Severity::Warning, message);
    }

    /// A problem of field `key` of the current object.
    fn report_at(&mut self, key: &str, severity: Severity, message: &[&str]) {
        let mark = self.enter(key);
        self.report(severity, message);
        self.leave(mark);
    }

    /// "`want` (got …)": the commonest message.
    fn expected(&mut self, want: &str, v: &Value) {
        self.err(&[want, " (got ", &quoted_value(v), ")"]);
    }

    /// [`Checker::expected`] of field `key` of the current object.
    fn expected_at(&mut self, key: &str, want: &str, v: &Value) {
        let mark = self.enter(key);
        self.expected(want, v);
        self.leave(mark);
    }

    fn object<'a>(&mut self, v: &'a Value, allowed: &[&str]) -> Option<Fields<'a>> {
        let Value::Object(map) = v else {
            self.expected("must be an object", v);
            return None;
        };
        for (key, _) in map {
            if !allowed.contains(&key.as_str()) {
                // The closest allowed name within 2 edits; the first on a tie.
                let mut close: Option<(&str, usize)> = None;
                for a in allowed {
                    let d = distance(a, key);
                    if d <= 2 && close.is_none_or(|(_, best)| d < best) {
                        close = Some((a, d));
                    }
                }
                let hint = match close {
                    Some((a, _)) => cat(&[" — did you mean \"", a, "\"?"]),
                    None => {
                        let mut all = String::from(" (allowed: ");
                        for (i, a) in allowed.iter().enumerate() {
                            if i > 0 {
                                all.push_str(", ");
                            }
                            all.push_str(a);
                        }
                        all.push(')');
                        all
                    }
                };
                self.report_at(key, Severity::Error, &["unknown field", &hint]);
            }
        }
        Some(Fields { map })
    }

    fn required<'a>(&mut self, o: &Fields<'a>, key: &str) -> Option<&'a Value> {
        let v = o.opt(key);
        if v.is_none() {
            self.report_at(key, Severity::Error, &["is required but missing"]);
        }
        v
    }

    fn array<'a>(&mut self, v: &'a Value, what: &str) -> Option<&'a Vec<Value>> {
        match v {
            Value::Array(a) if a.is_empty() => {
                self.err(&["must hold at least one ", what, " (the list is empty)"]);
                None
            }
            Value::Array(a) => Some(a),
            other => {
                self.err(&[
                    "must be a list of ",
                    what,
                    "s (got ",
                    &quoted_value(other),
                    ")",
                ]);
                None
            }
        }
    }

    fn string(&mut self, v: &Value) -> Option<String> {
        let Value::String(s) = v else {
            self.expected("must be a text string", v);
            return None;
        };
        if s.trim().is_empty() {
            self.err(&["must not be empty"]);
            return None;
        }
        let n = char_count(s);
        if n > MAX_TEXT {
            self.err(&[
                "is too long (",
                &count(n),
                " characters; at most ",
                &count(MAX_TEXT),
                ")",
            ]);
            return None;
        }
        Some(s.clone())
    }

    /// [`Checker::string`] of field `key`, when present.
    fn string_at(&mut self, v: Option<&Value>, key: &str) -> Option<String> {
        let v = v?;
        let mark = self.enter(key);
        let s = self.string(v);
        self.leave(mark);
        s
    }

    fn bool(&mut self, o: &Fields<'_>, key: &str) -> bool {
        match o.opt(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.expected_at(key, "must be true or false", other);
                false
            }
        }
    }

    /// A finite number within the accepted range; `-0` becomes `0`.
    fn number(&mut self, v: &Value, signed: bool) -> Option<f64> {
        let want = if signed {
            "must be a finite number"
        } else {
            "must be a finite number ≥ 0"
        };
        // A negative number when `!signed` fails here too (its hint is "").
        let Some(n) = v
            .as_f64()
            .filter(|n| n.is_finite() && (signed || *n >= 0.0))
        else {
            let hint = match v {
                // Our JSON reader, not str::parse::<f64>: that one adds ~10 KB of tables to the wasm.
                Value::String(s)
                    if matches!(super::json::parse(s.trim()), Ok(Value::Number(_))) =>
                {
                    " — write the number without quotes"
                }
                _ => "",
            };
            self.err(&[want, " (got ", &quoted_value(v), ")", hint]);
            return None;
        };
        if n.abs() > MAX_VALUE {
            self.err(&[
                "is too large to show (got ",
                &quoted_value(v),
                "; at most 1e16 in base units)",
            ]);
            return None;
        }
        Some(if n == 0.0 { 0.0 } else { n })
    }

    /// A number ≥ 0 that is a percent: at most 100.
    fn percent(&mut self, x: f64) -> bool {
        if x > 100.0 {
            self.err(&[
                "is a percent and must be between 0 and 100 (got ",
                &crate::digits::decimal(x),
                ")",
            ]);
        }
        x <= 100.0
    }

    /// `zh` (required) and `en` (warned about when missing) of an object.
    fn zh_en(&mut self, o: &Fields<'_>) -> (Option<String>, Option<String>) {
        let zh = self.required(o, "zh");
        let zh = self.string_at(zh, "zh");
        let en = match o.opt("en") {
            Some(e) => self.string_at(Some(e), "en"),
            None => {
                self.report_at(
                    "en",
                    Severity::Warning,
                    &["is missing; readers of the English version see the Chinese"],
                );
                None
            }
        };
        (zh, en)
    }

    /// Localized text: `{"zh": …, "en": …}`, or a plain string (Chinese only).
    fn text(&mut self, v: &Value) -> Option<Text> {
        if let Value::String(_) = v {
            let zh = self.string(v)?;
            self.warn(&["has no English text; readers of the English version see the Chinese"]);
            return Some(Text { zh, en: None });
        }
        let o = self.object(v, TEXT_FIELDS)?;
        let (zh, en) = self.zh_en(&o);
        Some(Text { zh: zh?, en })
    }

    /// [`Checker::text`] of field `key`, when present.
    fn text_at(&mut self, v: Option<&Value>, key: &str) -> Option<Text> {
        let v = v?;
        let mark = self.enter(key);
        let t = self.text(v);
        self.leave(mark);
        t
    }

    fn opt_text(&mut self, o: &Fields<'_>, key: &str) -> Option<Text> {
        self.text_at(o.opt(key), key)
    }

    fn required_text(&mut self, o: &Fields<'_>, key: &str) -> Option<Text> {
        let v = self.required(o, key);
        self.text_at(v, key)
    }

    /// Field `id`, which must differ from the ids in `seen` (borrowed from
    /// the JSON: no copy of each id and no list of Strings to drop).
    fn id<'a>(&mut self, o: &Fields<'a>, seen: &mut Vec<&'a str>) -> Option<String> {
        let v = self.required(o, "id")?;
        let mark = self.enter("id");
        let id = self.id_value(v, seen);
        self.leave(mark);
        id
    }

    fn id_value<'a>(&mut self, v: &'a Value, seen: &mut Vec<&'a str>) -> Option<String> {
        let id = self.string(v)?;
        // `v` is the string `id` was copied from.
        let name = v.as_str().unwrap_or_default();
        if char_count(name) > 100 || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            self.expected("must be a short name without spaces", v);
            return None;
        }
        // A list, not a hash set: at most MAX_ITEMS short ids per level, and
        // no hasher in the wasm for it.
        if seen.contains(&name) {
            self.err(&["duplicate id \"", name, "\"; ids must be unique"]);
            return None;
        }
        seen.push(name);
        Some(id)
    }

    /// A unit name, or a custom unit in both languages (`{"zh": "吨", "en": "t"}`).
    fn unit(&mut self, v: &Value) -> Option<Unit> {
        if let Value::Object(_) = v {
            return self.text(v).map(Unit::Custom);
        }
        let unit = self.string(v).map(Unit::from_name);
        // Warnings only reach editors (check-data, the editor page); the
        // browser drops them, so the wasm carries none of this.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(Unit::Custom(t)) = &unit {
            self.warn(&[
                "is a unit lvdong does not know; English readers see \"",
                &t.zh,
                "\" (write {\"zh\": …, \"en\": …} to give its English form)",
            ]);
        }
        unit
    }

    /// [`Checker::unit`] of field `key`, when present.
    fn unit_at(&mut self, v: Option<&Value>, key: &str) -> Option<Unit> {
        let v = v?;
        let mark = self.enter(key);
        let u = self.unit(v);
        self.leave(mark);
        u
    }

    /// Natively (check-data, the editor), a dataset's `scale` names must be
    /// scales of its unit. The browser skips this check: an unknown name
    /// there falls back to the automatic scale, and the wasm stays small.
    #[cfg(not(target_arch = "wasm32"))]
    fn scale_rules(&mut self, scale: &Text, unit: &Unit) {
        for (lang, key, name) in [
            (Lang::Zh, "zh", Some(&scale.zh)),
            (Lang::En, "en", scale.en.as_ref()),
        ] {
            let Some(name) = name else { continue };
            let steps = unit.scales(lang);
            if steps.iter().any(|(_, n)| *n == name.trim()) {
                continue;
            }
            let mut known = String::new();
            for (_, n) in steps {
                known.push_str(" \"");
                known.push_str(n);
                known.push('"');
            }
            self.report_at(
                key,
                Severity::Error,
                &[
                    "is not a scale of this unit (got \"",
                    name,
                    "\"; known:",
                    &known,
                    ")",
                ],
            );
        }
    }

    /// An optional date field: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    #[inline(never)]
    fn date(&mut self, o: &Fields<'_>, key: &str) -> Option<String> {
        let v = o.opt(key)?;
        let mark = self.enter(key);
        let d = self.string(v).filter(|d| {
            is_date(d) || {
                self.err(&["must be a date like 2023-08-30 (got \"", d, "\")"]);
                false
            }
        });
        self.leave(mark);
        d
    }

    fn relation(&mut self, o: &Fields<'_>, key: &str) -> Relation {
        match o.opt(key) {
            None => Relation::Exact,
            Some(Value::String(s)) => {
                // A plain loop, not an iterator chain (for size).
                for (names, r) in RELATIONS {
                    if names.contains(&s.as_str()) {
                        return *r;
                    }
                }
                self.report_at(
                    key,
                    Severity::Error,
                    &[
                        "must be one of \"exact\", \"at-least\", \"about\", \"at-most\", \"more-than\" (got \"",
                        s,
                        "\")",
                    ],
                );
                Relation::Exact
            }
            Some(other) => {
                self.expected_at(key, "must be a text string", other);
                Relation::Exact
            }
        }
    }

    // `file`, `chart`, `source`, `dataset(_rules)`, `items`, `item`,
    // `reference_value` and `detail` are each called once or twice; kept
    // out of line by LLVM (wasm-opt may still inline them) they avoid one
    // huge shared stack frame: ~0.1 KB gzip.
    // `chart`, `dataset`, `item` and `detail` push what they build onto the
    // caller's list (`out`) rather than returning it: the value is written
    // into the list once, not moved through an `Option` first (-0.1 KB gzip).
    #[inline(never)]
    fn file(&mut self, v: &Value) -> Option<DataFile> {
        let o = self.object(v, FILE_FIELDS)?;
        let schema = match self.required(&o, "schema") {
            Some(Value::Number(Number::Int { neg: false, abs: 1 })) => Some(1),
            Some(other) => {
                self.expected_at("schema", "must be 1, the only version there is", other);
                None
            }
            None => None,
        };
        let list = self.required(&o, "charts");
        let mark = self.enter("charts");
        let list = list.and_then(|c| self.array(c, "chart"));
        let mut ids = Vec::new();
        let mut charts = Vec::new();
        if let Some(list) = list {
            for (i, c) in list.iter().enumerate() {
                let at = self.enter_index(i);
                self.chart(c, &mut ids, &mut charts);
                self.leave(at);
            }
        }
        self.leave(mark);
        Some(DataFile {
            schema: schema?,
            charts,
        })
    }

    #[inline(never)]
    fn chart<'a>(&mut self, v: &'a Value, ids: &mut Vec<&'a str>, out: &mut Vec<Chart>) {
        let Some(o) = self.object(v, CHART_FIELDS) else {
            return;
        };
        let id = self.id(&o, ids);
        let kind = match self.required(&o, "kind") {
            Some(Value::String(s)) => {
                let k = Kind::parse(s);
                if k.is_none() {
                    let mut known = String::new();
                    for (i, spec) in crate::kinds::ALL.iter().enumerate() {
                        known.push_str(if i > 0 { ", " } else { "" });
                        known.push_str(spec.name);
                    }
                    self.report_at(
                        "kind",
                        Severity::Error,
                        &["unknown chart kind \"", s, "\" (known: ", &known, ")"],
                    );
                }
                k
            }
            Some(other) => {
                self.expected_at("kind", "must be a text string", other);
                None
            }
            None => None,
        };
        let title = self.required_text(&o, "title");
        let subtitle = self.opt_text(&o, "subtitle");
        let source = match o.opt("source") {
            Some(s) => {
                let mark = self.enter("source");
                let source = self.source(s);
                self.leave(mark);
                source
            }
            None => {
                self.report_at(
                    "source",
                    Severity::Error,
                    &["is missing; every chart must say where its figures come from"],
                );
                None
            }
        };
        let sort = self.bool(&o, "sort");
        let categories = self.bool(&o, "categories");
        let list = self.required(&o, "datasets");
        let mark = self.enter("datasets");
        let list = list.and_then(|d| self.array(d, "dataset"));
        let mut ds_ids = Vec::new();
        let mut datasets = Vec::new();
        if let Some(list) = list {
            for (i, d) in list.iter().enumerate() {
                let at = self.enter_index(i);
                self.dataset(d, kind, &mut ds_ids, &mut datasets);
                self.leave(at);
            }
        }
        self.leave(mark);
        // One match, not a `?` per field: one drop path for the parts.
        if let (Some(id), Some(kind), Some(title), Some(source)) = (id, kind, title, source) {
            out.push(Chart {
                id,
                kind,
                title,
                subtitle,
                source,
                sort,
                categories,
                datasets,
            });
        }
    }

    #[inline(never)]
    fn source(&mut self, v: &Value) -> Option<Source> {
        if let Value::String(_) = v {
            let text = self.text(v)?;
            return Some(Source {
                text,
                url: None,
                date: None,
                as_of: None,
            });
        }
        let o = self.object(v, SOURCE_FIELDS)?;
        let (zh, en) = self.zh_en(&o);
        let url = match o.opt("url") {
            Some(u) => {
                let mark = self.enter("url");
                let url = self.string(u).filter(|url| {
                    let head = |scheme: &[u8]| {
                        url.as_bytes()
                            .get(..scheme.len())
                            .is_some_and(|h| h.eq_ignore_ascii_case(scheme))
                    };
                    head(b"https://") || head(b"http://") || {
                        self.warn(&[
                            "is not an http(s) address and is not shown as a link (got ",
                            &quoted_value(u),
                            ")",
                        ]);
                        false
                    }
                });
                self.leave(mark);
                url
            }
            None => None,
        };
        let date = self.date(&o, "date");
        let as_of = self.date(&o, "as_of");
        Some(Source {
            text: Text { zh: zh?, en },
            url,
            date,
            as_of,
        })
    }

    #[inline(never)]
    fn dataset<'a>(
        &mut self,
        v: &'a Value,
        kind: Option<Kind>,
        ids: &mut Vec<&'a str>,
        out: &mut Vec<Dataset>,
    ) {
        let Some(o) = self.object(v, DATASET_FIELDS) else {
            return;
        };
        let id = self.id(&o, ids);
        let label = self.required_text(&o, "label");
        let unit = self.required(&o, "unit");
        let unit = self.unit_at(unit, "unit");
        let noun = self.opt_text(&o, "noun");
        let note = self.opt_text(&o, "note");
        let scale = self.opt_text(&o, "scale");
        #[cfg(not(target_arch = "wasm32"))]
        if let (Some(sc), Some(u)) = (&scale, &unit) {
            let mark = self.enter("scale");
            self.scale_rules(sc, u);
            self.leave(mark);
        }
        let list = self.required(&o, "items");
        let mark = self.enter("items");
        let items = self.items(list, kind, unit.as_ref());
        if let (Some(items), Some(id), Some(label), Some(unit)) = (items, id, label, unit) {
            out.push(Dataset {
                id,
                label,
                unit,
                noun,
                note,
                scale,
                items,
            });
            if let Some(ds) = out.last() {
                self.dataset_rules(ds, kind);
            }
        }
        self.leave(mark);
    }

    /// A dataset's items (at the current path); `None` when there are more
    /// than [`MAX_ITEMS`], so the dataset is refused without further checks.
    #[inline(never)]
    fn items(
        &mut self,
        v: Option<&Value>,
        kind: Option<Kind>,
        unit: Option<&Unit>,
    ) -> Option<Vec<Item>> {
        let mut items = Vec::new();
        let Some(list) = v.and_then(|i| self.array(i, "item")) else {
            return Some(items);
        };
        if list.len() > MAX_ITEMS {
            self.err(&[
                "has ",
                &count(list.len()),
                " items; a chart can show at most ",
                &count(MAX_ITEMS),
            ]);
            return None;
        }
        let mut item_ids = Vec::new();
        for (i, it) in list.iter().enumerate() {
            let at = self.enter_index(i);
            self.item(it, kind, unit, &mut item_ids, &mut items);
            self.leave(at);
        }
        Some(items)
    }

    /// Rules that need the whole dataset (the current path is its items').
    #[inline(never)]
    fn dataset_rules(&mut self, ds: &Dataset, kind: Option<Kind>) {
        let Some(spec) = kind.map(Kind::spec) else {
            return;
        };
        if spec.parts_of_whole && !ds.items.is_empty() && ds.total() <= 0.0 {
            self.err(&["values add up to zero; there is no whole to divide"]);
        }
        if spec.dots && ds.total() > MAX_UNITS {
            self.err(&[
                "values add up to ",
                &crate::digits::decimal(ds.total()),
                "; a ",
                spec.name,
                " chart draws at most ",
                &crate::digits::decimal(MAX_UNITS),
                " dots",
            ]);
        }
        if ds.items.len() > spec.max_items {
            self.err(&[
                "has ",
                &count(ds.items.len()),
                " items; a ",
                spec.name,
                " chart shows at most ",
                &count(spec.max_items),
            ]);
        }
    }

    #[inline(never)]
    fn item<'a>(
        &mut self,
        v: &'a Value,
        kind: Option<Kind>,
        ds_unit: Option<&Unit>,
        ids: &mut Vec<&'a str>,
        out: &mut Vec<Item>,
    ) {
        let Some(o) = self.object(v, ITEM_FIELDS) else {
            return;
        };
        let id = self.id(&o, ids);
        let label = self.required_text(&o, "label");
        let change = self.bool(&o, "change");
        let accent = self.bool(&o, "accent");
        let derived = self.bool(&o, "derived");
        let relation = self.relation(&o, "relation");
        let unit = self.unit_at(o.opt("unit"), "unit");
        let value = self.required(&o, "value");
        let mark = self.enter("value");
        let value = value.and_then(|val| self.number(val, change));
        let effective = unit.as_ref().or(ds_unit);
        if let (Some(val), Some(Unit::Percent)) = (value, effective) {
            if !change {
                self.percent(val);
            }
        }
        self.leave(mark);
        let spec = kind.map(Kind::spec);
        if change && spec.is_some_and(|k| k.parts_of_whole) {
            self.report_at(
                "change",
                Severity::Error,
                &["a change can be negative, so it cannot be a part of a whole in this chart kind"],
            );
        }
        let mark = self.enter("value");
        // Natively only: in the browser a fractional rank reads rounded.
        #[cfg(not(target_arch = "wasm32"))]
        if let (Some(val), Some(Unit::Rank)) = (value, effective) {
            if val.fract() != 0.0 || val < 1.0 {
                self.err(&[
                    "must be a whole number from 1 for a rank (got ",
                    &crate::digits::decimal(val),
                    ")",
                ]);
            }
        }
        if let (Some(val), Some(spec)) = (value, spec.filter(|k| k.dots)) {
            if val.fract() != 0.0 {
                self.err(&[
                    "must be a whole number in a ",
                    spec.name,
                    " chart, one dot each (got ",
                    &crate::digits::decimal(val),
                    ")",
                ]);
            }
        }
        self.leave(mark);
        let note = self.opt_text(&o, "note");
        // `plan` reads better for a budget, `target` for a goal; they mean the same.
        let target = match (o.opt("target"), o.opt("plan")) {
            (Some(_), Some(_)) => {
                self.report_at(
                    "plan",
                    Severity::Error,
                    &["give either \"target\" or \"plan\", not both (they mean the same)"],
                );
                None
            }
            (Some(t), None) => self.reference(t, "target"),
            (None, Some(p)) => self.reference(p, "plan"),
            (None, None) => {
                if let Some(spec) = spec.filter(|k| k.needs_target) {
                    self.report_at(
                        "target",
                        Severity::Error,
                        &[
                            "is required in a ",
                            spec.name,
                            " chart (the plan or target the value is measured against)",
                        ],
                    );
                }
                None
            }
        };
        let role = match o.opt("role") {
            None => None,
            Some(v) => {
                // A plain loop, not an iterator chain (for size).
                let mut found = None;
                for (name, role) in ROLES {
                    if matches!(v, Value::String(s) if s == name) {
                        found = Some(*role);
                    }
                }
                if found.is_none() {
                    self.expected_at("role", "must be \"clean\", \"other\" or \"money\"", v);
                }
                found
            }
        };
        let share = match o.opt("share") {
            Some(s) => {
                let mark = self.enter("share");
                let share = self.number(s, false).filter(|&s| self.percent(s));
                self.leave(mark);
                share
            }
            None => None,
        };
        let mut details = Vec::new();
        if let Some(list) = o.opt("details") {
            let mark = self.enter("details");
            if let Some(list) = self.array(list, "detail") {
                for (i, d) in list.iter().enumerate() {
                    let at = self.enter_index(i);
                    self.detail(d, &mut details);
                    self.leave(at);
                }
            }
            self.leave(mark);
        }
        let unexplained = derived
            || target.as_ref().is_some_and(|t| t.derived)
            || details.iter().any(|d| d.derived);
        if unexplained && note.is_none() {
            self.report_at(
                "note",
                Severity::Warning,
                &["is missing; a derived value needs a note saying how it was derived"],
            );
        }
        let (Some(id), Some(label), Some(value)) = (id, label, value) else {
            return;
        };
        out.push(Item {
            id,
            label,
            value,
            derived,
            relation,
            change,
            unit,
            note,
            target,
            role,
            share,
            details,
            accent,
        });
    }

    /// The target or plan (field `key`) of an item.
    fn reference(&mut self, v: &Value, key: &str) -> Option<Reference> {
        let mark = self.enter(key);
        let r = self.reference_value(v);
        self.leave(mark);
        r
    }

    #[inline(never)]
    fn reference_value(&mut self, v: &Value) -> Option<Reference> {
        let o = self.object(v, REFERENCE_FIELDS)?;
        let value = self.required(&o, "value");
        let mark = self.enter("value");
        let value = value.and_then(|x| self.number(x, false));
        self.leave(mark);
        let label = self.opt_text(&o, "label");
        let derived = self.bool(&o, "derived");
        let relation = self.relation(&o, "relation");
        if value == Some(0.0) {
            self.report_at(
                "value",
                Severity::Error,
                &["must be greater than 0 (progress is measured against it)"],
            );
            return None;
        }
        Some(Reference {
            value: value?,
            label,
            derived,
            relation,
        })
    }

    #[inline(never)]
    fn detail(&mut self, v: &Value, out: &mut Vec<Detail>) {
        let Some(o) = self.object(v, DETAIL_FIELDS) else {
            return;
        };
        let label = self.required_text(&o, "label");
        let value = self.required(&o, "value");
        let mark = self.enter("value");
        let value = value.and_then(|x| self.number(x, false));
        self.leave(mark);
        let unit = self.required(&o, "unit");
        let unit = self.unit_at(unit, "unit");
        let derived = self.bool(&o, "derived");
        let noun = self.opt_text(&o, "noun");
        if let (Some(x), Some(Unit::Percent)) = (value, &unit) {
            let mark = self.enter("value");
            self.percent(x);
            self.leave(mark);
        }
        let (Some(label), Some(value), Some(unit)) = (label, value, unit) else {
            return;
        };
        out.push(Detail {
            label,
            value,
            unit,
            derived,
            noun,
        });
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, in ASCII digits.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, &c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full table, over characters: what `distance` computes.
    fn levenshtein(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != cb)).min(cur + 1).min(row[j] + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }

    #[test]
    fn distance_row_holds_every_field_name() {
        let lists = [
            FILE_FIELDS,
            CHART_FIELDS,
            SOURCE_FIELDS,
            TEXT_FIELDS,
            DATASET_FIELDS,
            ITEM_FIELDS,
            REFERENCE_FIELDS,
            DETAIL_FIELDS,
        ];
        for name in lists.iter().flat_map(|l| l.iter()) {
            assert!(name.is_ascii() && name.len() < ROW, "{name}");
            for key in [
                "",
                "id",
                "lable",
                "valeu",
                "标签",
                "catgories",
                "x".repeat(40).as_str(),
            ] {
                assert_eq!(distance(name, key), levenshtein(key, name), "{name} {key}");
            }
        }
    }
}
