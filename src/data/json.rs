//! JSON text → `serde_json::Value`, by hand. serde_json's own reader goes
//! through serde's generic deserializer (and its float-printing error paths),
//! which cost the wasm more than this whole file; the checks live in `parse.rs`.

use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// A syntax error: what went wrong and where (1-based line and column).
#[derive(Debug, PartialEq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

/// Parses one JSON document (RFC 8259); nothing but whitespace may follow it.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        text,
    };
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.fail("trailing characters after the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn fail(&self, message: &'static str) -> SyntaxError {
        let upto = self
            .text
            .get(..self.i.min(self.s.len()))
            .unwrap_or(self.text);
        let line = upto.matches('\n').count() + 1;
        let column = upto.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        SyntaxError {
            line,
            column,
            message,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Value) -> Result<Value, SyntaxError> {
        if self.s.get(self.i..self.i + word.len()) == Some(word) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.fail("expected a value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("nested too deeply"));
        }
        self.ws();
        match self.peek() {
            None => Err(self.fail("unexpected end of the file")),
            Some(b'{') => {
                self.i += 1;
                let mut map = Map::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                    return Ok(Value::Object(map));
                }
                loop {
                    self.ws();
                    if self.peek() != Some(b'"') {
                        return Err(self.fail("expected a quoted key"));
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.peek() != Some(b':') {
                        return Err(self.fail("expected `:` after a key"));
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    map.insert(key, v);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(Value::Object(map));
                        }
                        _ => return Err(self.fail("expected `,` or `}`")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut list = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(Value::Array(list));
                }
                loop {
                    list.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(Value::Array(list));
                        }
                        _ => return Err(self.fail("expected `,` or `]`")),
                    }
                }
            }
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value")),
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.fail("bad \\u escape"))?;
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stopped on ASCII, so this is whole chars.
            out.push_str(self.text.get(start..self.i).unwrap_or(""));
            match self.peek() {
                None => return Err(self.fail("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
                                    return Err(self.fail("lone surrogate in \\u escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.fail("lone surrogate in \\u escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(
                                char::from_u32(code)
                                    .ok_or_else(|| self.fail("lone surrogate in \\u escape"))?,
                            );
                            continue;
                        }
                        _ => return Err(self.fail("unknown escape in a string")),
                    };
                    self.i += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.fail("control character in a string")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number; integers stay integers, the rest become the nearest f64
    /// for the decimal digits a data file holds.
    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        let int_len = self.digits();
        if int_len == 0 || (int_len > 1 && self.s.get(int_start) == Some(&b'0')) {
            return Err(self.fail("malformed number"));
        }
        let mut frac_len = 0;
        if self.peek() == Some(b'.') {
            self.i += 1;
            frac_len = self.digits();
            if frac_len == 0 {
                return Err(self.fail("malformed number"));
            }
        }
        let mut exp: i64 = 0;
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            let neg = match self.peek() {
                Some(b'-') => {
                    self.i += 1;
                    true
                }
                Some(b'+') => {
                    self.i += 1;
                    false
                }
                _ => false,
            };
            let e_start = self.i;
            if self.digits() == 0 {
                return Err(self.fail("malformed number"));
            }
            for &b in self.s.get(e_start..self.i).unwrap_or(&[]) {
                exp = (exp * 10 + i64::from(b - b'0')).min(100_000);
            }
            if neg {
                exp = -exp;
            }
        }
        let text = self.s.get(start..self.i).unwrap_or(&[]);
        if frac_len == 0 && exp == 0 {
            if let Some(n) = whole(text) {
                return Ok(n);
            }
        }
        // Mantissa from up to 19 significant digits; the rest only scale it.
        let mut mantissa: u64 = 0;
        let mut scale: i64 = 0;
        let mut seen_frac = false;
        let mut kept = 0;
        for &b in text.iter().skip(usize::from(negative)) {
            match b {
                b'.' => seen_frac = true,
                b'e' | b'E' => break,
                b'0'..=b'9' => {
                    if kept < 19 {
                        if mantissa > 0 || b != b'0' {
                            kept += 1;
                        }
                        mantissa = mantissa * 10 + u64::from(b - b'0');
                        if seen_frac {
                            scale -= 1;
                        }
                    } else if !seen_frac {
                        scale += 1;
                    }
                }
                _ => {}
            }
        }
        let e = scale + exp;
        let m = mantissa as f64;
        // Exact when m < 2^53 and |e| ≤ 22: one correctly rounded operation;
        // beyond that the table keeps the error to the last bit.
        let x = if e >= 0 {
            m * pow10(e)
        } else if e >= -308 {
            m / pow10(-e)
        } else {
            m / 1e308 / pow10(-e - 308)
        };
        let x = if negative { -x } else { x };
        Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| self.fail("number out of range"))
    }
}

/// Powers of ten as the compiler rounds their literals: each correctly
/// rounded, so `1e308` reads back as exactly `1e308`.
#[rustfmt::skip]
static POW10: [f64; 309] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    1e32, 1e33, 1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46,
    1e47, 1e48, 1e49, 1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61,
    1e62, 1e63, 1e64, 1e65, 1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76,
    1e77, 1e78, 1e79, 1e80, 1e81, 1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91,
    1e92, 1e93, 1e94, 1e95, 1e96, 1e97, 1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105,
    1e106, 1e107, 1e108, 1e109, 1e110, 1e111, 1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118,
    1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125, 1e126, 1e127, 1e128, 1e129, 1e130, 1e131,
    1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139, 1e140, 1e141, 1e142, 1e143, 1e144,
    1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153, 1e154, 1e155, 1e156, 1e157,
    1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167, 1e168, 1e169, 1e170,
    1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179, 1e180, 1e181, 1e182, 1e183,
    1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195, 1e196,
    1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
    1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222,
    1e223, 1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235,
    1e236, 1e237, 1e238, 1e239, 1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248,
    1e249, 1e250, 1e251, 1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261,
    1e262, 1e263, 1e264, 1e265, 1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274,
    1e275, 1e276, 1e277, 1e278, 1e279, 1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287,
    1e288, 1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300,
    1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];

/// 10^e for e ≥ 0 (infinite past 308).
fn pow10(e: i64) -> f64 {
    usize::try_from(e)
        .ok()
        .and_then(|i| POW10.get(i).copied())
        .unwrap_or(f64::INFINITY)
}

/// An integer literal that fits i64/u64, kept exact.
fn whole(text: &[u8]) -> Option<Value> {
    let s = std::str::from_utf8(text).ok()?;
    if let Ok(n) = s.parse::<i64>() {
        return Some(Value::Number(n.into()));
    }
    s.parse::<u64>().ok().map(|n| Value::Number(n.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_serde_json_parses() {
        let text = r#" {"a": [1, -2, 3.5, 41.8, 6248.1e8, 1e-3, 18446744073709551615, 0],
            "b": {"c": "中文 \"q\" \\ \/ \n \u00e9 \ud83d\ude00", "d": true, "e": false, "f": null},
            "g": [], "h": {}, "big": 12345678901234567890123, "neg": -0.5E+2} "#;
        let ours = parse(text).unwrap();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn extreme_exponents_read_back_as_written() {
        for text in [
            "1e308",
            "-1e308",
            "1.7976931348623157e308",
            "1e-300",
            "2.5e-310",
            "1e22",
            "1e23",
            "123456789e-5",
        ] {
            let v = parse(text).unwrap();
            let want: f64 = text.parse().unwrap();
            assert_eq!(v.as_f64(), Some(want), "{text}");
        }
        assert!(
            parse("1e309").is_err(),
            "out of range is an error, not infinity"
        );
    }

    #[test]
    fn names_where_the_text_is_broken() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!((e.line, e.column), (3, 7));
        assert_eq!(e.message, "expected `:` after a key");
        for bad in [
            "",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "\"\\x\"",
            "[1] 2",
            "\"a",
            "tru",
            "-",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} must fail");
        }
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert_eq!(parse(&deep).unwrap_err().message, "nested too deeply");
    }
}
