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

/// The step of `steps` named `fixed`, else the automatic one.
fn pick_step<'a>(v: f64, steps: &[(f64, &'a str)], fixed: Option<&str>) -> (f64, &'a str) {
    fixed
        .and_then(|f| steps.iter().find(|(_, n)| *n == f).copied())
        .unwrap_or_else(|| scale_step(v, steps))
}

/// Significant digits a derived value keeps: the article's least precise
/// inputs are three-digit shares (41.8%, 55.7%), so 8382 ÷ 41.8% reads
/// "≈20100万千瓦", never "≈20052.6万千瓦" (FACTS.md, presentation rules).
/// A value from a cruder input (56%) is stored already rounded further.
pub const DERIVED_DIGITS: u32 = 3;

/// `x` rounded to `n` significant digits (loops, not `log10`: no new
/// math import in the wasm).
pub fn round_sig(x: f64, n: u32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (mut a, mut e) = (x.abs(), 0i32);
    while a >= 10.0 {
        a /= 10.0;
        e += 1;
    }
    while a < 1.0 {
        a *= 10.0;
        e -= 1;
    }
    let p = 10f64.powi(n as i32 - 1 - e);
    (x * p).round() / p
}

/// How a figure is written beyond its value and unit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct How<'a> {
    /// The dataset's chosen scale, by name (see [`Dataset::scale`]).
    pub scale: Option<&'a str>,
    /// Computed, not stated: at most [`DERIVED_DIGITS`] significant digits.
    pub derived: bool,
    /// "500多" / "500+".
    pub more: bool,
}

/// A plain quantity: number, scale and unit, without relation marks.
pub fn quantity(v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) -> String {
    let mut s = String::new();
    push_quantity(&mut s, v, unit, noun, lang);
    s
}

/// Appends [`quantity`] with the automatic scale.
pub fn push_quantity(out: &mut String, v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) {
    push_figure(out, v, unit, noun, lang, How::default());
}

/// Appends a figure: the number in its scale (rounded when derived), "多"
/// or "+" when the source says "more than", the scale's name, then what
/// follows it (the noun of a count, a custom unit's name).
#[inline(never)]
pub fn push_figure(
    out: &mut String,
    v: f64,
    unit: &Unit,
    noun: Option<&Text>,
    lang: Lang,
    how: How,
) {
    let en = lang == Lang::En;
    let (div, name) = pick_step(v, unit.scales(lang), how.scale);
    let x = v / div;
    let x = if how.derived {
        round_sig(x, DERIVED_DIGITS)
    } else {
        x
    };
    if matches!(unit, Unit::Rank) {
        // Ranks are whole places: "第1" / "No. 1".
        out.push_str(if en { "No. " } else { "第" });
        push_uint(out, x.round().max(0.0) as u64);
        return;
    }
    // Percentages are never large enough to need grouping in English.
    push_number(out, x, en && !matches!(unit, Unit::Percent));
    if how.more {
        out.push_str(if en { "+" } else { "多" });
    }
    let tail = match unit {
        Unit::Count => noun.map_or(if en { "" } else { "个" }, |t| t.get(lang)),
        Unit::Custom(t) => t.get(lang),
        _ => "",
    };
    push_word(out, name, en);
    push_word(out, tail, en);
}

/// Appends a unit word after a number: English puts a space before it
/// (except "%"), Chinese none.
fn push_word(out: &mut String, word: &str, en: bool) {
    if !word.is_empty() {
        if en && word != "%" {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The dataset's chosen scale for a figure in `unit`. Only a scale of that
/// unit matches in [`pick_step`], so a percentage in a 万千瓦 dataset still
/// reads "41.8%".
pub fn scale_for<'a>(ds: &'a Dataset, _unit: &Unit, lang: Lang) -> Option<&'a str> {
    ds.scale.as_ref().map(|t| t.get(lang))
}

/// Any figure of a dataset as it reads (a target, a detail, a total): its
/// mark ("≈", "≥"), then the figure in the dataset's scale.
#[allow(clippy::too_many_arguments)]
pub fn dataset_figure(
    ds: &Dataset,
    v: f64,
    unit: &Unit,
    noun: Option<&Text>,
    derived: bool,
    relation: Relation,
    lang: Lang,
) -> String {
    signed_figure(ds, "", v, unit, noun, derived, relation, lang)
}

/// [`dataset_figure`] with `sign` between the mark and the number: one
/// body for it and [`item_value`] (written for size).
#[allow(clippy::too_many_arguments)]
fn signed_figure(
    ds: &Dataset,
    sign: &str,
    v: f64,
    unit: &Unit,
    noun: Option<&Text>,
    derived: bool,
    relation: Relation,
    lang: Lang,
) -> String {
    let mut s = cat(&[relation_mark(relation, derived), sign]);
    let how = How {
        scale: scale_for(ds, unit, lang),
        derived,
        more: relation == Relation::MoreThan,
    };
    push_figure(&mut s, v, unit, noun, lang, how);
    s
}

/// The mark before a figure: "≥", "≈", "≤"; derived values read "≈".
pub fn relation_mark(relation: Relation, derived: bool) -> &'static str {
    match relation {
        Relation::AtLeast => "≥",
        Relation::AtMost => "≤",
        Relation::About => "≈",
        Relation::Exact | Relation::MoreThan if derived => "≈",
        Relation::Exact | Relation::MoreThan => "",
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
    let v = item.value;
    let sign = if !item.change {
        ""
    } else if v > 0.0 {
        "+"
    } else if v < 0.0 {
        "−"
    } else {
        ""
    };
    let v = if item.change { v.abs() } else { v };
    signed_figure(
        ds,
        sign,
        v,
        ds.unit_of(item),
        ds.noun.as_ref(),
        item.derived,
        item.relation,
        lang,
    )
}

/// A share in percent with one decimal: "41.8%".
pub fn share(pct: f64) -> String {
    let mut s = String::new();
    push_share(&mut s, pct);
    s
}

/// Appends [`share`]: an item's share is built in one String.
fn push_share(s: &mut String, pct: f64) {
    push_decimal(s, (pct * 10.0).round() / 10.0);
    s.push('%');
}

/// Significant digits of a stated share as written: 56 has 2, 41.8 has 3
/// (to four decimals; a whole number's trailing zeros do not count).
fn digits_of(x: f64) -> u32 {
    let mut n = (x.abs() * 1e4).round() as u64;
    while n > 0 && n.is_multiple_of(10) {
        n /= 10;
    }
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// A dataset's total as it reads. Reported parts add up exactly ("418个").
/// With a derived part, the total is the source's own arithmetic: a
/// reported item divided by its stated share, kept to that share's digits
/// (8382万千瓦 ÷ 41.8% → "≈20100万千瓦"; 1325万千瓦 ÷ 56% → "≈2400万千瓦"),
/// else the sum rounded as any derived value.
pub fn total(ds: &Dataset, lang: Lang) -> String {
    let derived = ds.items.iter().any(|i| i.derived);
    let from_share = ds
        .items
        .iter()
        .filter(|i| derived && !i.derived)
        .find_map(|i| Some((i.value, i.share.filter(|s| *s > 0.0)?)));
    let v = match from_share {
        Some((v, share)) => round_sig(v / share * 100.0, digits_of(share)),
        None => ds.total(),
    };
    dataset_figure(
        ds,
        v,
        &ds.unit,
        ds.noun.as_ref(),
        derived,
        Relation::Exact,
        lang,
    )
}

/// An item's share of the whole: "41.8%", or "≈75.4%" when the product
/// computed it rather than the source stating it.
pub fn item_share(ds: &Dataset, item: &Item) -> String {
    let mut s = String::from(if ds.share_derived(item) { "≈" } else { "" });
    push_share(&mut s, ds.share_of(item));
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
    axis(max, unit, None, None, lang)
}

/// [`axis_scale`] for a dataset: its chosen scale and its noun ("件", not "个").
pub fn dataset_axis(ds: &Dataset, max: f64, lang: Lang) -> (f64, String) {
    let fixed = ds.scale.as_ref().map(|t| t.get(lang));
    axis(max, &ds.unit, ds.noun.as_ref(), fixed, lang)
}

fn axis(
    max: f64,
    unit: &Unit,
    noun: Option<&Text>,
    fixed: Option<&str>,
    lang: Lang,
) -> (f64, String) {
    let (div, name) = pick_step(max, unit.scales(lang), fixed);
    let caption = match unit {
        Unit::Custom(t) => t.get(lang).to_string(),
        Unit::Count => {
            let noun = noun.map_or(if lang == Lang::Zh { "个" } else { "" }, |t| t.get(lang));
            let space = if lang == Lang::En && !name.is_empty() && !noun.is_empty() {
                " "
            } else {
                ""
            };
            cat(&[name, space, noun])
        }
        _ => name.to_string(),
    };
    (div, caption)
}
