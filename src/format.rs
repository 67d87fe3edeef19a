//! Quantities → text per locale, in the article's own style: 万/亿/万亿 and
//! 万千瓦 in Chinese, billion/trillion and GW in English. Scales are picked so
//! a value reads with 1–4 integer digits; decimals are only those the value has.

use crate::data::{Dataset, Item, Lang, Relation, Text, Unit};

/// Most decimals ever shown; enough for every figure a source gives.
const MAX_DECIMALS: usize = 4;

/// `x` with the fewest decimals (≤ 4) that represent it, no float noise.
pub fn decimal(x: f64) -> String {
    let mut s = String::new();
    push_decimal(&mut s, x);
    s
}

/// Appends [`decimal`]`(x)`: callers build whole strings in one buffer,
/// which keeps `format!` and its `core::fmt` machinery out of the wasm.
pub fn push_decimal(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push('–');
        return;
    }
    let mut d = 0;
    while d < MAX_DECIMALS {
        let p = 10f64.powi(d as i32);
        let r = (x * p).round() / p;
        if (r - x).abs() <= 1e-9 * x.abs().max(1.0) {
            break;
        }
        d += 1;
    }
    push_fixed(out, x, d);
    // At the decimal limit the rounding may leave trailing zeros ("1.0000").
    if d > 0 {
        while out.as_bytes().last() == Some(&b'0') {
            out.pop();
        }
        if out.as_bytes().last() == Some(&b'.') {
            out.pop();
        }
    }
}

/// Appends the decimal digits of `n`.
pub fn push_uint(out: &mut String, n: u64) {
    if n >= 10 {
        push_uint(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// `x` rounded to `d` decimals.
#[cfg(test)]
fn fixed(x: f64, d: usize) -> String {
    let mut s = String::new();
    push_fixed(&mut s, x, d);
    s
}

/// Appends `x` rounded to `d` decimals, with integer arithmetic only:
/// `core::fmt`'s float printing would add ~15 KB to the wasm for this one call.
fn push_fixed(out: &mut String, x: f64, d: usize) {
    let scale = 10u64.pow(d as u32);
    let exact = x.abs() * scale as f64;
    let mut scaled = exact.round();
    // Ties to even, as `format!` does.
    if (scaled - exact).abs() == 0.5 && scaled % 2.0 == 1.0 {
        scaled -= 1.0;
    }
    // u64 holds every integer below 1.8e19; beyond it an f64 has no more
    // than 17 significant digits anyway, so print those and pad with zeros.
    let (n, zeros) = if scaled < 1.8e19 {
        (scaled as u64, 0)
    } else {
        let e = scaled.log10().floor() as i32 - 17;
        ((scaled / 10f64.powi(e)).round() as u64, e.max(0) as usize)
    };
    if n == 0 && zeros == 0 {
        out.push('0');
    } else {
        if x < 0.0 {
            out.push('-');
        }
        push_uint(out, n / scale);
        out.extend(std::iter::repeat_n('0', zeros));
    }
    if d > 0 {
        out.push('.');
        let mut div = scale;
        while div > 1 {
            div /= 10;
            out.push(char::from(b'0' + (n / div % 10) as u8));
        }
    }
}

/// Like [`decimal`], with thousands separators in the integer part.
pub fn grouped(x: f64) -> String {
    let mut s = String::new();
    push_number(&mut s, x, true);
    s
}

/// Appends `x` as [`decimal`] does, or as [`grouped`] does when `group`.
fn push_number(out: &mut String, x: f64, group: bool) {
    if !group {
        push_decimal(out, x);
        return;
    }
    let s = decimal(x);
    let rest = s.strip_prefix('-').unwrap_or(&s);
    if rest.len() < s.len() {
        out.push('-');
    }
    let int = rest.find('.').unwrap_or(rest.len());
    for (i, c) in rest.char_indices() {
        if i > 0 && i < int && (int - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

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

/// Concatenates `parts`: one loop shared by every sentence the chart says,
/// instead of a `format!` (and its `core::fmt` call) per sentence.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts {
        s.push_str(p);
    }
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

#[cfg(test)]
mod fixed_tests {
    use super::fixed;

    #[test]
    fn fixed_matches_core_formatting() {
        for x in [
            0.0,
            -0.0,
            0.5,
            1.25,
            41.8,
            54.3,
            -3.75,
            8382.0,
            6248.1,
            1.72,
            0.0004,
            7622.5,
            1e15,
            8.45e12,
            123456789.125,
            -0.00001,
        ] {
            for d in 0..=4 {
                let want = format!("{:.*}", d, x);
                let want = if want.trim_start_matches(['-', '0', '.']).is_empty() {
                    want.trim_start_matches('-').to_string()
                } else {
                    want
                };
                assert_eq!(fixed(x, d), want, "{x} with {d} decimals");
            }
        }
        assert_eq!(fixed(2.5e20, 0), "250000000000000000000");
    }
}
