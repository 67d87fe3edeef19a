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
        // Exact when m < 2^53 and |e| ≤ 22: one correctly rounded operation.
        let x = if e >= 0 { m * pow10(e) } else { m / pow10(-e) };
        let x = if negative { -x } else { x };
        Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| self.fail("number out of range"))
    }
}

fn pow10(e: i64) -> f64 {
    let e = e.min(400) as i32;
    if e <= 22 {
        10f64.powi(e)
    } else {
        10f64.powi(22) * 10f64.powi(e - 22)
    }
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
