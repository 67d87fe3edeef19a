//! Quantities → text per locale, in the article's own style: 万/亿/万亿 and
//! 万千瓦 in Chinese, billion/trillion and GW in English. Scales are picked so
//! a value reads with 1–4 integer digits; decimals are only those the value has.

use crate::data::{Dataset, Item, Lang, Relation, Text, Unit};
use crate::digits::push_number;
pub use crate::digits::{cat, decimal, grouped, push_decimal, push_uint};

/// The divisor and name of the largest scale whose value has at least one
/// integer digit.
fn scale_step<'a>(v: f64, steps: &[(f64, &'a str)]) -> (f64, &'a str) {
    let a = v.abs();
    steps
        .iter()
        .rev()
        .find(|(s, _)| a >= *s)
        .or_else(|| steps.first())
        .map_or((1.0, ""), |&(s, n)| (s, n))
}

/// A plain quantity: number, scale and unit, without relation marks.
pub fn quantity(v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) -> String {
    let mut s = String::new();
    push_quantity(&mut s, v, unit, noun, lang);
    s
}

/// Appends [`quantity`]: one table of scales per (language, unit), then the
/// number, the scale's name and what follows it (noun or custom unit).
pub fn push_quantity(out: &mut String, v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) {
    let noun = noun.map(|t| t.get(lang));
    let (steps, sep, tail): (&[(f64, &str)], &str, &str) = match (lang, unit) {
        (Lang::Zh, Unit::Cny) => (
            &[(1.0, "元"), (1e4, "万元"), (1e8, "亿元"), (1e12, "万亿元")],
            "",
            "",
        ),
        (Lang::En, Unit::Cny) => (
            &[
                (1.0, " yuan"),
                (1e6, " million yuan"),
                (1e9, " billion yuan"),
                (1e12, " trillion yuan"),
            ],
            "",
            "",
        ),
        (Lang::Zh, Unit::Kw) => (&[(1.0, "千瓦"), (1e4, "万千瓦"), (1e8, "亿千瓦")], "", ""),
        (Lang::En, Unit::Kw) => (
            &[(1.0, " kW"), (1e3, " MW"), (1e6, " GW"), (1e9, " TW")],
            "",
            "",
        ),
        (_, Unit::Percent) => (&[(1.0, "%")], "", ""),
        (Lang::Zh, Unit::UgM3) => (&[(1.0, "微克/立方米")], "", ""),
        (Lang::En, Unit::UgM3) => (&[(1.0, " µg/m³")], "", ""),
        (Lang::Zh, Unit::Count) => (
            &[(1.0, ""), (1e4, "万"), (1e8, "亿")],
            "",
            noun.unwrap_or("个"),
        ),
        (Lang::En, Unit::Count) => {
            let n = noun.unwrap_or("");
            (
                &[(1.0, ""), (1e6, " million"), (1e9, " billion")],
                if n.is_empty() { "" } else { " " },
                n,
            )
        }
        (Lang::Zh, Unit::Custom(u)) => (&[], "", u),
        (Lang::En, Unit::Custom(u)) => (&[], " ", u),
    };
    let (div, name) = scale_step(v, steps);
    // Percentages are never large enough to need grouping in English.
    let group = lang == Lang::En && !matches!(unit, Unit::Percent);
    push_number(out, v / div, group);
    out.push_str(name);
    out.push_str(sep);
    out.push_str(tail);
}

/// The mark before a figure: "≥", "≈", "≤"; derived values read "≈".
pub fn relation_mark(relation: Relation, derived: bool) -> &'static str {
    match relation {
        Relation::AtLeast => "≥",
        Relation::AtMost => "≤",
        Relation::About => "≈",
        Relation::Exact if derived => "≈",
        Relation::Exact => "",
    }
}

/// `mark` then [`quantity`]: a target or a total as it reads ("≈13685亿元").
pub fn marked(mark: &str, v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) -> String {
    let mut s = String::from(mark);
    push_quantity(&mut s, v, unit, noun, lang);
    s
}

/// An item's value as a reader sees it: "≈41.1亿元", "≥60%", "+6.9%", "−12.6%".
pub fn item_value(item: &Item, ds: &Dataset, lang: Lang) -> String {
    let mut s = String::from(relation_mark(item.relation, item.derived));
    let mut v = item.value;
    if item.change {
        s.push_str(if v > 0.0 {
            "+"
        } else if v < 0.0 {
            "−"
        } else {
            ""
        });
        v = v.abs();
    }
    push_quantity(&mut s, v, ds.unit_of(item), ds.noun.as_ref(), lang);
    s
}

/// A share in percent with one decimal: "41.8%".
pub fn share(pct: f64) -> String {
    let mut s = decimal((pct * 10.0).round() / 10.0);
    s.push('%');
    s
}

/// Short, scale-aware axis tick text: only the number, the scale goes in the axis title.
pub fn tick(v: f64, lang: Lang) -> String {
    let mut s = String::new();
    push_number(&mut s, v, lang == Lang::En);
    s
}

/// The axis scale for a unit and a maximum: (divisor, unit caption).
pub fn axis_scale(max: f64, unit: &Unit, lang: Lang) -> (f64, String) {
    let steps: &[(f64, &str)] = match (lang, unit) {
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
        (Lang::Zh, Unit::Count) => &[(1.0, "个"), (1e4, "万个")],
        (Lang::En, Unit::Count) => &[(1.0, ""), (1e6, "million")],
        (_, Unit::Custom(u)) => return (1.0, u.clone()),
    };
    let (div, name) = scale_step(max, steps);
    (div, name.into())
}
