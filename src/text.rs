//! Text measurement, injected: the browser measures with the canvas's own
//! `measureText`, natively fixed metrics stand in, so layout runs identically
//! (and testably) on both.

/// Measures the advance width of a text run in device pixels.
pub trait Measure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64;
}

/// Deterministic metrics close to a CJK system sans: full-width glyphs are
/// one em, Latin letters and digits about half.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixedMetrics;

pub fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        '0'..='9' => 0.56,
        '.' | ',' | ':' | ';' | '!' | '|' | 'i' | 'l' | 'j' | '\'' => 0.28,
        'm' | 'w' | 'M' | 'W' => 0.86,
        'A'..='Z' => 0.66,
        'a'..='z' => 0.53,
        '%' => 0.86,
        c if (c as u32) < 0x2e80 => 0.6,
        _ => 1.0,
    }
}

impl Measure for FixedMetrics {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let em: f64 = text.chars().map(char_em).sum();
        em * size * if bold { 1.05 } else { 1.0 }
    }
}

/// `text` shortened with "…" so it fits in `max` device pixels.
pub fn fit(m: &dyn Measure, text: &str, size: f64, bold: bool, max: f64) -> String {
    if m.width(text, size, bold) <= max {
        return text.to_string();
    }
    // The first `k` characters and the ellipsis.
    let prefix = |k: usize| {
        let end = text.char_indices().nth(k).map_or(text.len(), |(i, _)| i);
        let mut s = String::from(text.get(..end).unwrap_or(""));
        s.push('…');
        s
    };
    // Binary search the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, text.chars().count());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if m.width(&prefix(mid), size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return String::new();
    }
    prefix(lo)
}
