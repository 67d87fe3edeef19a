//! Quantities → text per locale, in the article's own style: 万/亿/万亿 and
//! 万千瓦 in Chinese, billion/trillion and GW in English. Scales are picked so
//! a value reads with 1–4 integer digits; decimals are only those the value has.

use crate::data::{Dataset, Item, Lang, Relation, Text, Unit};

/// Most decimals ever shown; enough for every figure a source gives.
const MAX_DECIMALS: usize = 4;

/// `x` with the fewest decimals (≤ 4) that represent it, no float noise.
pub fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
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
    let mut s = fixed(x, d);
    // At the decimal limit the rounding may leave trailing zeros ("1.0000").
    if s.contains('.') {
        let keep = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(keep);
    }
    s
}

/// `x` rounded to `d` decimals, with integer arithmetic only: `core::fmt`'s
/// float printing would add ~15 KB to the wasm for this one call.
fn fixed(x: f64, d: usize) -> String {
    let scale = 10u64.pow(d as u32);
    let exact = x.abs() * scale as f64;
    let mut scaled = exact.round();
    // Ties to even, as `format!` does.
    if (scaled - exact).abs() == 0.5 && scaled % 2.0 == 1.0 {
        scaled -= 1.0;
    }
    let mut out = String::new();
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
        out.push_str(&(n / scale).to_string());
        out.extend(std::iter::repeat_n('0', zeros));
    }
    if d > 0 {
        let frac = (n % scale).to_string();
        out.push('.');
        out.extend(std::iter::repeat_n('0', d.saturating_sub(frac.len())));
        out.push_str(&frac);
    }
    out
}

/// Like [`decimal`], with thousands separators in the integer part.
pub fn grouped(x: f64) -> String {
    let s = decimal(x);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Picks the largest scale whose value has at least one integer digit.
fn scale<'a>(v: f64, steps: &'a [(f64, &'a str)]) -> (f64, &'a str) {
    let (div, name) = scale_step(v, steps);
    (v / div, name)
}

/// The divisor and name of the scale [`scale`] picks.
fn scale_step<'a>(v: f64, steps: &'a [(f64, &'a str)]) -> (f64, &'a str) {
    let a = v.abs();
    steps
        .iter()
        .rev()
        .find(|(s, _)| a >= *s)
        .or_else(|| steps.first())
        .map(|(s, n)| (*s, *n))
        .unwrap_or((1.0, ""))
}

/// A plain quantity: number, scale and unit, without relation marks.
pub fn quantity(v: f64, unit: &Unit, noun: Option<&Text>, lang: Lang) -> String {
    match (lang, unit) {
        (Lang::Zh, Unit::Cny) => {
            let (x, s) = scale(
                v,
                &[(1.0, "元"), (1e4, "万元"), (1e8, "亿元"), (1e12, "万亿元")],
            );
            format!("{}{s}", decimal(x))
        }
        (Lang::En, Unit::Cny) => {
            let (x, s) = scale(
                v,
                &[
                    (1.0, " yuan"),
                    (1e6, " million yuan"),
                    (1e9, " billion yuan"),
                    (1e12, " trillion yuan"),
                ],
            );
            format!("{}{s}", grouped(x))
        }
        (Lang::Zh, Unit::Kw) => {
            let (x, s) = scale(v, &[(1.0, "千瓦"), (1e4, "万千瓦"), (1e8, "亿千瓦")]);
            format!("{}{s}", decimal(x))
        }
        (Lang::En, Unit::Kw) => {
            let (x, s) = scale(v, &[(1.0, " kW"), (1e3, " MW"), (1e6, " GW"), (1e9, " TW")]);
            format!("{}{s}", grouped(x))
        }
        (_, Unit::Percent) => format!("{}%", decimal(v)),
        (Lang::Zh, Unit::UgM3) => format!("{}微克/立方米", decimal(v)),
        (Lang::En, Unit::UgM3) => format!("{} µg/m³", grouped(v)),
        (Lang::Zh, Unit::Count) => {
            let n = noun.map(|t| t.get(lang)).unwrap_or("个");
            let (x, s) = scale(v, &[(1.0, ""), (1e4, "万"), (1e8, "亿")]);
            format!("{}{s}{n}", decimal(x))
        }
        (Lang::En, Unit::Count) => {
            let (x, s) = scale(v, &[(1.0, ""), (1e6, " million"), (1e9, " billion")]);
            match noun.map(|t| t.get(lang)).filter(|n| !n.is_empty()) {
                Some(n) => format!("{}{s} {n}", grouped(x)),
                None => format!("{}{s}", grouped(x)),
            }
        }
        (Lang::Zh, Unit::Custom(u)) => format!("{}{u}", decimal(v)),
        (Lang::En, Unit::Custom(u)) => format!("{} {u}", grouped(v)),
    }
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

/// An item's value as a reader sees it: "≈41.1亿元", "≥60%", "+6.9%", "−12.6%".
pub fn item_value(item: &Item, ds: &Dataset, lang: Lang) -> String {
    let unit = ds.unit_of(item);
    let noun = item_noun(item, ds);
    let mark = relation_mark(item.relation, item.derived);
    if item.change {
        let sign = if item.value > 0.0 {
            "+"
        } else if item.value < 0.0 {
            "−"
        } else {
            ""
        };
        return format!(
            "{mark}{sign}{}",
            quantity(item.value.abs(), unit, noun, lang)
        );
    }
    format!("{mark}{}", quantity(item.value, unit, noun, lang))
}

fn item_noun<'a>(_item: &'a Item, ds: &'a Dataset) -> Option<&'a Text> {
    ds.noun.as_ref()
}

/// A share in percent with one decimal: "41.8%".
pub fn share(pct: f64) -> String {
    format!("{}%", decimal((pct * 10.0).round() / 10.0))
}

/// Short, scale-aware axis tick text: only the number, the scale goes in the axis title.
pub fn tick(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => decimal(v),
        Lang::En => grouped(v),
    }
}

/// The axis scale for a unit and a maximum: (divisor, unit caption).
pub fn axis_scale(max: f64, unit: &Unit, lang: Lang) -> (f64, String) {
    let pick = |steps: &[(f64, &str)]| {
        let (div, s) = scale_step(max, steps);
        (div, s.trim().to_string())
    };
    match (lang, unit) {
        (Lang::Zh, Unit::Cny) => {
            pick(&[(1.0, "元"), (1e4, "万元"), (1e8, "亿元"), (1e12, "万亿元")])
        }
        (Lang::En, Unit::Cny) => pick(&[
            (1.0, "yuan"),
            (1e6, "million yuan"),
            (1e9, "billion yuan"),
            (1e12, "trillion yuan"),
        ]),
        (Lang::Zh, Unit::Kw) => pick(&[(1.0, "千瓦"), (1e4, "万千瓦"), (1e8, "亿千瓦")]),
        (Lang::En, Unit::Kw) => pick(&[(1.0, "kW"), (1e3, "MW"), (1e6, "GW"), (1e9, "TW")]),
        (_, Unit::Percent) => (1.0, "%".into()),
        (Lang::Zh, Unit::UgM3) => (1.0, "微克/立方米".into()),
        (Lang::En, Unit::UgM3) => (1.0, "µg/m³".into()),
        (Lang::Zh, Unit::Count) => pick(&[(1.0, "个"), (1e4, "万个")]),
        (Lang::En, Unit::Count) => pick(&[(1.0, ""), (1e6, "million")]),
        (_, Unit::Custom(u)) => (1.0, u.clone()),
    }
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
