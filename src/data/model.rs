//! Checked data types. Only the parser builds these, so layout never sees
//! unchecked input: every number is finite, every id unique, every list non-empty.

pub use crate::kinds::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language's tag: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of a BCP 47 tag, by its primary subtag in any case:
    /// `en`, `en-US`, `en-GB` are English; `zh`, `zh-CN`, `zh-Hans` Chinese.
    pub fn parse(tag: &str) -> Option<Lang> {
        // Two letters, then the end or a subtag separator.
        let b = tag.as_bytes();
        if !matches!(b.get(2), None | Some(b'-' | b'_')) {
            return None;
        }
        match (b.first().map(|c| c | 0x20), b.get(1).map(|c| c | 0x20)) {
            (Some(b'z'), Some(b'h')) => Some(Lang::Zh),
            (Some(b'e'), Some(b'n')) => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in the reader's language; a missing English text falls back to Chinese.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Text {
    pub zh: String,
    pub en: Option<String>,
}

impl Text {
    pub fn new(zh: &str, en: &str) -> Text {
        Text {
            zh: zh.to_string(),
            en: Some(en.to_string()),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.zh,
        }
    }
}

/// The unit of a value; values are stored in base units (yuan, kW, %, count).
#[derive(Clone, Debug, PartialEq)]
pub enum Unit {
    Cny,
    Kw,
    Percent,
    Count,
    UgM3,
    /// Any other unit, shown verbatim after the number.
    Custom(String),
}

impl Unit {
    pub fn parse(s: &str) -> Unit {
        match s {
            "CNY" => Unit::Cny,
            "kW" => Unit::Kw,
            "percent" | "%" => Unit::Percent,
            "count" => Unit::Count,
            "ug/m3" | "µg/m³" => Unit::UgM3,
            other => Unit::Custom(other.to_string()),
        }
    }
}

/// How a stated figure relates to the real quantity ("≥60%", "≈20%").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Relation {
    #[default]
    Exact,
    AtLeast,
    About,
    AtMost,
}

/// Colour meaning of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Clean,
    Other,
    Money,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Source {
    pub text: Text,
    /// Only http(s) URLs survive parsing.
    pub url: Option<String>,
    /// As-of or publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
}

/// A goal or plan a progress item is measured against.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub value: f64,
    pub label: Option<Text>,
    pub derived: bool,
    pub relation: Relation,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub label: Text,
    pub value: f64,
    pub derived: bool,
    pub relation: Relation,
    /// A signed change ("+6.9%"), which may be negative.
    pub change: bool,
    pub unit: Option<Unit>,
    pub note: Option<Text>,
    pub target: Option<Reference>,
    pub role: Option<Role>,
    /// The share of the whole as the source states it, in percent.
    pub share: Option<f64>,
    /// Extra facts for the details (e.g. a project count beside an amount).
    pub details: Vec<Detail>,
}

/// One extra line in an item's details: a labelled figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub label: Text,
    pub value: f64,
    pub unit: Unit,
    pub derived: bool,
    pub noun: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub id: String,
    pub label: Text,
    pub unit: Unit,
    /// The counted thing for `count` units ("个" / "projects").
    pub noun: Option<Text>,
    pub note: Option<Text>,
    pub items: Vec<Item>,
}

impl Dataset {
    /// Item indices, largest value first; equal values keep their order.
    /// (Binary insertion, for at most `MAX_ITEMS` items: one small loop in
    /// the wasm instead of two instances of std's stable sort, ~3 KB gzip.)
    pub fn largest_first(&self) -> Vec<usize> {
        let value = |i: usize| self.items.get(i).map_or(0.0, |it| it.value);
        let mut order: Vec<usize> = Vec::with_capacity(self.items.len());
        for (i, it) in self.items.iter().enumerate() {
            let at = order.partition_point(|&j| value(j).total_cmp(&it.value).is_ge());
            order.insert(at, i);
        }
        order
    }

    pub fn unit_of<'a>(&'a self, item: &'a Item) -> &'a Unit {
        item.unit.as_ref().unwrap_or(&self.unit)
    }

    /// Sum of the item values, for shares of the whole.
    pub fn total(&self) -> f64 {
        self.items.iter().map(|i| i.value).sum()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub id: String,
    pub kind: Kind,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub source: Source,
    /// Bars: sort by value, largest first.
    pub sort: bool,
    pub datasets: Vec<Dataset>,
}

impl Chart {
    pub fn dataset_index(&self, id: &str) -> Option<usize> {
        self.datasets.iter().position(|d| d.id == id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DataFile {
    pub schema: u32,
    pub charts: Vec<Chart>,
}

impl DataFile {
    pub fn chart(&self, id: &str) -> Option<&Chart> {
        self.charts.iter().find(|c| c.id == id)
    }
}
