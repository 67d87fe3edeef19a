//! Numbers as plain digits (no locale, unit or scale rules) and string
//! concatenation: the bottom layer that both the data reader (positions and
//! values in messages) and the formatter print with, so neither imports the other.

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
    // At the decimal limit the rounding may leave trailing zeros ("1.0000").
    push_digits(out, x, d, true);
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
pub(crate) fn fixed(x: f64, d: usize) -> String {
    let mut s = String::new();
    push_fixed(&mut s, x, d);
    s
}

/// Appends `x` rounded to `d` decimals, with integer arithmetic only:
/// `core::fmt`'s float printing would add ~15 KB to the wasm for this one call.
pub fn push_fixed(out: &mut String, x: f64, d: usize) {
    push_digits(out, x, d, false);
}

/// [`push_fixed`], without the fraction's trailing zeros (nor a point left
/// alone) when `trim`. They are dropped from the integer before printing,
/// not popped off the text: `String::pop` decodes the last char backwards,
/// code the wasm has no other use for (written for size).
fn push_digits(out: &mut String, x: f64, d: usize, trim: bool) {
    let mut d = d;
    let mut scale = 10u64.pow(d as u32);
    let exact = x.abs() * scale as f64;
    let mut scaled = exact.round();
    // Ties to even, as `format!` does.
    if (scaled - exact).abs() == 0.5 && scaled % 2.0 == 1.0 {
        scaled -= 1.0;
    }
    // u64 holds every integer below 1.8e19; beyond it an f64 has no more
    // than 17 significant digits anyway, so print those and pad with zeros.
    let (mut n, zeros) = if scaled < 1.8e19 {
        (scaled as u64, 0)
    } else {
        let e = scaled.log10().floor() as i32 - 17;
        ((scaled / 10f64.powi(e)).round() as u64, e.max(0) as usize)
    };
    while trim && d > 0 && n % 10 == 0 {
        (n, scale, d) = (n / 10, scale / 10, d - 1);
    }
    if n == 0 && zeros == 0 {
        out.push('0');
    } else {
        if x < 0.0 {
            out.push('-');
        }
        // `checked_div`: `scale` is a power of ten, never 0, but a plain
        // `/` would keep a division-by-zero panic path in the wasm.
        push_uint(out, n.checked_div(scale).unwrap_or(0));
        // A loop, not `extend(repeat_n(..))`: that is its own function in the wasm.
        for _ in 0..zeros {
            out.push('0');
        }
    }
    if d > 0 {
        out.push('.');
        let mut div = scale;
        while div > 1 {
            div /= 10;
            let digit = n.checked_div(div).unwrap_or(0) % 10;
            out.push(char::from(b'0' + digit as u8));
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
pub(crate) fn push_number(out: &mut String, x: f64, group: bool) {
    if !group {
        push_decimal(out, x);
        return;
    }
    push_grouped(out, &decimal(x));
}

/// Appends the number text `s` (digits, a sign and a point at most) with a
/// comma before each group of three digits of its integer part. Bytes, not
/// chars: the digits are ASCII, anything else is copied whole.
pub(crate) fn push_grouped(out: &mut String, s: &str) {
    let b = s.as_bytes();
    // `matches!`, not `== Some(&b'-')`: no Option `eq` function in the wasm.
    let sign = usize::from(matches!(b.first(), Some(b'-')));
    let mut int = sign;
    while b.get(int).is_some_and(u8::is_ascii_digit) {
        int += 1;
    }
    out.push_str(s.get(..sign).unwrap_or(""));
    for i in sign..int {
        if i > sign && (int - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(b.get(i).copied().unwrap_or(b'0')));
    }
    out.push_str(s.get(int..).unwrap_or(""));
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

    #[test]
    fn trimmed_digits_are_the_fixed_text_without_trailing_zeros() {
        for x in [
            0.0,
            -0.0,
            0.5,
            1.25,
            41.8,
            -3.75,
            8382.0,
            1.0,
            10.0,
            100.5,
            0.0004,
            -0.00001,
            7622.5,
            1e15,
            2.5e20,
            0.1,
            0.30000000000000004,
        ] {
            for d in 0..=4 {
                let full = fixed(x, d);
                let mut want = full.as_str();
                if d > 0 {
                    want = want.trim_end_matches('0');
                    want = want.strip_suffix('.').unwrap_or(want);
                }
                let mut got = String::new();
                super::push_digits(&mut got, x, d, true);
                assert_eq!(got, want, "{x} with {d} decimals");
            }
        }
    }
}
