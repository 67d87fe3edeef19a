//! CSS strings for the browser canvas (wasm only): the font shorthand the
//! text measurement sets, built with integer arithmetic so no `core::fmt`
//! float code is needed for it.

use crate::theme::FONT_FAMILY;

/// Appends `x` with at most `decimals` decimals, trailing zeros dropped
/// (`12.5`, `0.35`, `3`), for CSS values that are never huge.
pub fn push_number(out: &mut String, x: f64, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let x = if x.is_finite() { x } else { 0.0 };
    if x < 0.0 {
        out.push('-');
    }
    let n = (x.abs() * scale as f64).round() as u64;
    crate::format::push_uint(out, n / scale);
    let mut frac = n % scale;
    if frac == 0 {
        return;
    }
    out.push('.');
    let mut div = scale / 10;
    while frac > 0 && div > 0 {
        let d = frac / div;
        out.push(char::from(b'0' + d as u8));
        frac %= div;
        div /= 10;
    }
}

/// The CSS font for text of `size` device px, spelled exactly as the drawing
/// backend (vendored plotters-canvas) spells it, so measuring and drawing one
/// font set the same string and the browser parses and resolves it once.
pub fn font(size: f64, bold: bool) -> String {
    let mut s = String::with_capacity(FONT_FAMILY.len() + 16);
    s.push_str(if bold { "bold " } else { "normal " });
    push_number(&mut s, size, 2);
    s.push_str("px ");
    s.push_str(FONT_FAMILY);
    s
}
