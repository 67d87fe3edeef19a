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
    /// A place in a ranking: "第1" / "No. 1".
    Rank,
    /// Any other unit, shown after the number in the reader's language
    /// ("吨" / "t"); a unit without an English form shows the Chinese.
    Custom(Text),
}

impl Unit {
    pub fn parse(s: &str) -> Unit {
        Unit::from_name(s.to_string())
    }

    /// [`Unit::parse`] of an owned name: a custom unit keeps the `String`
    /// rather than copying it (the data reader's one call).
    pub fn from_name(s: String) -> Unit {
        match s.as_str() {
            "CNY" => Unit::Cny,
            "kW" => Unit::Kw,
            "percent" | "%" => Unit::Percent,
            "count" => Unit::Count,
            "ug/m3" | "µg/m³" => Unit::UgM3,
            "rank" => Unit::Rank,
            _ => Unit::Custom(Text { zh: s, en: None }),
        }
    }

    /// The named scales a figure of this unit can be written in, smallest
    /// first: (divisor in base units, name). English names take a space
    /// before them except "%". Custom units and ranks have none.
    pub fn scales(&self, lang: Lang) -> &'static [(f64, &'static str)] {
        match (lang, self) {
            (Lang::Zh, Unit::Cny) => &[(1.0, "元"), (1e4, "万元"), (1e8, "亿元"), (1e12, "万亿元")],
            (Lang::En, Unit::Cny) => &[
                (1.0, "yuan"),
                (1e6, "million yuan"),
                (1e9, "billion yuan"),
                (1e12, "trillion yuan"),
            ],
            (Lang::Zh, Unit::Kw) => &[(1.0, "千瓦"), (1e4, "万千瓦"), (1e8, "亿千瓦")],
            (Lang::En, Unit::Kw) => &[(1.0, "kW"), (1e3, "MW"), (1e6, "GW"), (1e9, "TW")],
            (_, Unit::Percent) => &[(1.0, "%")],
            (Lang::Zh, Unit::UgM3) => &[(1.0, "微克/立方米")],
            (Lang::En, Unit::UgM3) => &[(1.0, "µg/m³")],
            (Lang::Zh, Unit::Count) => &[(1.0, ""), (1e4, "万"), (1e8, "亿")],
            (Lang::En, Unit::Count) => &[(1.0, ""), (1e6, "million"), (1e9, "billion")],
            (_, Unit::Rank | Unit::Custom(_)) => &[],
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
    /// "500多人" / "500+ people": more than the round figure given.
    MoreThan,
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
    /// Publication date, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
    /// The date the figures describe, when it differs from publication
    /// ("end of June 2023" reported on 2023-07-16); same formats.
    pub as_of: Option<String>,
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
    /// Bars: drawn in the accent colour, apart from the series' one colour.
    pub accent: bool,
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
    /// The scale every figure of the dataset's unit is written in, named
    /// per language as in [`Unit::scales`] (`{"zh": "万千瓦", "en": "GW"}`);
    /// `None` (or an unknown name) picks per value, so a value reads with
    /// 1–4 integer digits. A chart keeps its source's unit with it
    /// ("20100万千瓦" beside "8382万千瓦", not "2.01亿千瓦").
    pub scale: Option<Text>,
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
        // A loop, not `map(..).sum()` (one less iterator fold in the wasm),
        // from -0.0 as std's float `sum` starts.
        let mut t = -0.0;
        for i in &self.items {
            t += i.value;
        }
        t
    }

    /// Share of the whole in percent: the stated share if the data gives one.
    pub fn share_of(&self, item: &Item) -> f64 {
        item.share.unwrap_or_else(|| {
            let t = self.total();
            if t > 0.0 {
                item.value / t * 100.0
            } else {
                0.0
            }
        })
    }

    /// Whether the share of `item` is computed here or from a derived
    /// value rather than stated by the source (315 of 418 → "≈75.4%").
    /// Percent items are their own share.
    pub fn share_derived(&self, item: &Item) -> bool {
        item.derived || (item.share.is_none() && !matches!(self.unit_of(item), Unit::Percent))
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
    /// Bars: the items are categories, each in its own colour (otherwise one
    /// series is one colour).
    pub categories: bool,
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
