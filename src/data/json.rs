//! JSON text → a small JSON value, by hand. serde_json's reader and `Value`
//! (serde's generic deserializer, a BTreeMap per object) cost the wasm more
//! than this whole file; the checks live in `parse.rs`.

/// A JSON value. Objects keep serde_json's map order (keys sorted, each once,
/// the last of duplicates winning), so problems are reported in that order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// A JSON number as serde_json keeps it: an integer that fits i64 or u64
/// stays exact (`neg` only when below zero), anything else is an f64.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int { neg: bool, abs: u64 },
    Float(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int { neg, abs } => {
                let x = abs as f64;
                if neg {
                    -x
                } else {
                    x
                }
            }
            Number::Float(x) => x,
        }
    }
}

impl Value {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// serde_json's value as ours (natively, for `parse_value` and tests).
#[cfg(not(target_arch = "wasm32"))]
impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Number(match (n.as_u64(), n.as_i64()) {
                (Some(abs), _) => Number::Int { neg: false, abs },
                (None, Some(i)) => Number::Int {
                    neg: true,
                    abs: i.unsigned_abs(),
                },
                (None, None) => Number::Float(n.as_f64().unwrap_or(0.0)),
            }),
            J::String(s) => Value::String(s.clone()),
            J::Array(a) => Value::Array(a.iter().map(Value::from).collect()),
            J::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect())
            }
        }
    }
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;
/// Keys in one object: far above any object of the format (a dozen fields),
/// and a bound on keeping keys sorted by insertion, which costs O(n²) for
/// keys given in reverse order (~45 ms for 10,000 natively).
const MAX_KEYS: usize = 1000;

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
        error: "",
    };
    let v = p.value(0).and_then(|v| {
        p.ws();
        if p.i < p.s.len() {
            return p.fail("trailing characters after the JSON value");
        }
        Some(v)
    });
    v.ok_or_else(|| p.error())
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
    /// Why parsing stopped, at `i`: every step returns `None` at once after
    /// a failure, so the position is still the failing one when the line and
    /// column are worked out, once, in `error`.
    error: &'static str,
}

impl Parser<'_> {
    fn fail<T>(&mut self, message: &'static str) -> Option<T> {
        self.error = message;
        None
    }

    fn error(&self) -> SyntaxError {
        // Lines, and characters as the bytes that start one, before the
        // failing byte (always the start of a character: every step stops
        // after an ASCII byte). Bytes, not `chars()`: less code in the wasm.
        let (mut line, mut column) = (1, 1);
        for &b in self.s.get(..self.i).unwrap_or(self.s) {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        SyntaxError {
            line,
            column,
            message: self.error,
        }
    }

    /// The next byte; 0 past the end (a plain byte, not an `Option`, keeps
    /// each test small). A NUL in the text is 0 too, so the two places
    /// where that matters also ask `at_end`.
    fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn rest(&self) -> &[u8] {
        self.s.get(self.i..).unwrap_or(&[])
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn ws(&mut self) {
        while let b' ' | b'\t' | b'\n' | b'\r' = self.peek() {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8], v: Value) -> Option<Value> {
        if self.rest().starts_with(word) {
            self.i += word.len();
            Some(v)
        } else {
            self.fail("expected a value")
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return self.fail("nested too deeply");
        }
        self.ws();
        match self.peek() {
            0 if self.at_end() => self.fail("unexpected end of the file"),
            b'{' => {
                self.i += 1;
                let mut map: Vec<(String, Value)> = Vec::new();
                self.ws();
                if self.peek() == b'}' {
                    self.i += 1;
                    return Some(Value::Object(map));
                }
                loop {
                    self.ws();
                    if self.peek() != b'"' {
                        return self.fail("expected a quoted key");
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.peek() != b':' {
                        return self.fail("expected `:` after a key");
                    }
                    self.i += 1;
                    if map.len() >= MAX_KEYS {
                        return self.fail("more than 1000 keys in one object");
                    }
                    let v = self.value(depth + 1)?;
                    // Sorted, the last of duplicate keys winning: serde_json's map.
                    match map.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
                        Ok(at) => {
                            if let Some(slot) = map.get_mut(at) {
                                slot.1 = v;
                            }
                        }
                        Err(at) => map.insert(at, (key, v)),
                    }
                    self.ws();
                    match self.peek() {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(Value::Object(map));
                        }
                        _ => return self.fail("expected `,` or `}`"),
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut list = Vec::new();
                self.ws();
                if self.peek() == b']' {
                    self.i += 1;
                    return Some(Value::Array(list));
                }
                loop {
                    list.push(self.value(depth + 1)?);
                    self.ws();
                    match self.peek() {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Value::Array(list));
                        }
                        _ => return self.fail("expected `,` or `]`"),
                    }
                }
            }
            b'"' => self.string().map(Value::String),
            b't' => self.literal(b"true", Value::Bool(true)),
            b'f' => self.literal(b"false", Value::Bool(false)),
            b'n' => self.literal(b"null", Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => self.fail("expected a value"),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            let d = char::from(self.peek())
                .to_digit(16)
                .or_else(|| self.fail("bad \\u escape"))?;
            n = n * 16 + d;
            self.i += 1;
        }
        Some(n)
    }

    fn string(&mut self) -> Option<String> {
        self.i += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            loop {
                let b = self.peek();
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we stopped on ASCII, so this is whole chars.
            out.push_str(self.text.get(start..self.i).unwrap_or(""));
            match self.peek() {
                0 if self.at_end() => return self.fail("unterminated string"),
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = match self.peek() {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.i += 1;
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.rest().starts_with(b"\\u") {
                                    return self.fail("lone surrogate in \\u escape");
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.fail("lone surrogate in \\u escape");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(
                                char::from_u32(code)
                                    .or_else(|| self.fail("lone surrogate in \\u escape"))?,
                            );
                            continue;
                        }
                        _ => return self.fail("unknown escape in a string"),
                    };
                    self.i += 1;
                    out.push(c);
                }
                _ => return self.fail("control character in a string"),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.i;
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        self.i - start
    }

    /// A number; integers stay integers, the rest become the nearest f64
    /// for the decimal digits a data file holds.
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let negative = self.peek() == b'-';
        if negative {
            self.i += 1;
        }
        let int_start = self.i;
        let int_len = self.digits();
        // `matches!`, not `== Some(&b'0')`: Option's `eq` is a function of its own in the wasm.
        if int_len == 0 || (int_len > 1 && matches!(self.s.get(int_start), Some(b'0'))) {
            return self.fail("malformed number");
        }
        let mut frac_len = 0;
        if self.peek() == b'.' {
            self.i += 1;
            frac_len = self.digits();
            if frac_len == 0 {
                return self.fail("malformed number");
            }
        }
        let mut exp = false;
        if let b'e' | b'E' = self.peek() {
            exp = true;
            self.i += 1;
            if let b'-' | b'+' = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return self.fail("malformed number");
            }
        }
        let text = self.s.get(start..self.i).unwrap_or(&[]);
        if frac_len == 0 && !exp {
            if let Some(n) = exact_integer(text) {
                return Some(n);
            }
        }
        // The number is ASCII, so its bytes are whole chars of the text.
        let x = nearest(self.text.get(start..self.i).unwrap_or("x"));
        if x.is_finite() {
            Some(Value::Number(Number::Float(x)))
        } else {
            self.fail("number out of range")
        }
    }
}

/// The f64 nearest to a JSON number literal (its grammar is checked above):
/// natively std's reader; in wasm the browser's `parseFloat`, also correctly
/// rounded, instead of core's dec2flt or a table of 309 powers of ten
/// (~2.5 KB gzip of the module). Infinite past the range.
#[cfg(not(target_arch = "wasm32"))]
fn nearest(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

#[cfg(target_arch = "wasm32")]
fn nearest(text: &str) -> f64 {
    js_sys::parse_float(text)
}

/// A number as serde_json prints it (`41.8`, `5.0`, `0.00001`, `1e-6`,
/// `1.5e+16`), from the shortest digits that read back as the same f64:
/// natively from std's `{:e}`, in wasm from the browser's `Number#toString`
/// (also shortest), so the wasm needs no float printer of its own (~1 KB gzip).
pub fn show_number(n: Number) -> String {
    let mut out = String::new();
    push_number(&mut out, n);
    out
}

/// Appends [`show_number`]`(n)`: the JSON writer's numbers go straight
/// into its text, not through a String of their own.
pub fn push_number(out: &mut String, n: Number) {
    match n {
        Number::Int { neg, abs } => {
            if neg {
                out.push('-');
            }
            crate::digits::push_uint(out, abs);
        }
        Number::Float(x) => {
            if x.is_sign_negative() {
                out.push('-');
            }
            push_float(out, &shortest(x.abs()));
        }
    }
}

/// The shortest digits of a float's magnitude, as either printer gives them,
/// shown as serde_json shows the float.
fn push_float(out: &mut String, shortest: &str) {
    let (digits, exp) = decimal_digits(shortest);
    // Digit `i` of the significant digits, zeros past them.
    let digit = |i: i32| {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.as_bytes().get(i))
            .map_or('0', |&b| char::from(b))
    };
    let len = digits.len() as i32;
    // One loop for both shapes (written for size). Plain: `whole` digits
    // before the point (none when below 1: `0.` and zeros), zero-padded up
    // to it and at least one after it; else one digit before the point and
    // an exponent.
    let plain = (-5..16).contains(&exp);
    let whole = if plain { exp + 1 } else { 1 };
    let end = if plain { len.max(whole + 1) } else { len };
    if whole <= 0 {
        out.push_str("0.");
    }
    for i in whole.min(0)..end {
        if i == whole && whole > 0 {
            out.push('.');
        }
        out.push(digit(i));
    }
    if !plain {
        out.push_str(if exp > 0 { "e+" } else { "e-" });
        crate::digits::push_uint(out, u64::from(exp.unsigned_abs()));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn shortest(x: f64) -> String {
    format!("{x:e}")
}

/// `JSON.stringify` of a finite number is its `Number#toString` (ECMA-262
/// SerializeJSONPrimitive); web.rs's `fromObject` imports it already.
#[cfg(target_arch = "wasm32")]
fn shortest(x: f64) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(x))
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_default()
}

/// The significant digits of a plain decimal text (`41.8`, `4.18e1`,
/// `1e+21`, `0.000001`) and the power of ten of the first one.
fn decimal_digits(text: &str) -> (String, i32) {
    // One pass over the characters: no splitting, trimming or integer parser.
    // Zeros before the first other digit are counted (`lead`); zeros after
    // one are held back (`zeros`) until another digit shows they are inside.
    let mut digits = String::new();
    let (mut int_len, mut lead, mut zeros) = (0i32, 0i32, 0);
    let (mut point, mut exp, mut e, mut e_sign) = (false, false, 0i32, 1);
    for c in text.chars() {
        match c {
            'e' | 'E' => exp = true,
            '-' => e_sign = -1,
            '.' => point = true,
            '0'..='9' if exp => e = e * 10 + (c as i32 - '0' as i32),
            '0'..='9' => {
                int_len += i32::from(!point);
                if c != '0' {
                    for _ in 0..zeros {
                        digits.push('0');
                    }
                    zeros = 0;
                    digits.push(c);
                } else if digits.is_empty() {
                    lead += 1;
                } else {
                    zeros += 1;
                }
            }
            _ => {}
        }
    }
    if digits.is_empty() {
        digits.push('0');
    }
    (digits, e_sign * e + int_len - 1 - lead)
}

/// An integer literal (its grammar is checked above) that fits i64/u64,
/// kept exact; `-0` is plain 0, as in serde_json.
fn exact_integer(text: &[u8]) -> Option<Value> {
    let (neg, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    let mut abs: u64 = 0;
    for d in digits {
        let d = u64::from(d.wrapping_sub(b'0'));
        // Compared before multiplying: `checked_mul` links a 128-bit
        // multiply (`__multi3`) into the wasm for this one check.
        if abs > (u64::MAX - d) / 10 {
            return None;
        }
        abs = abs * 10 + d;
    }
    if neg && abs > 1 << 63 {
        return None;
    }
    Some(Value::Number(Number::Int {
        neg: neg && abs != 0,
        abs,
    }))
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
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, Value::from(&theirs));
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
    fn numbers_show_as_serde_json_prints_them() {
        // Values a file holds (few digits): exactly serde_json's text.
        let mut xs = vec![
            1e308,
            1e16,
            1.5e16,
            1e15,
            1.2345678901234568e17,
            1e21,
            1e22,
            0.1,
            1e-5,
            1e-6,
            1e-7,
            0.000123,
            41.8,
            -2.5,
            f64::MAX,
            5e-324,
            12345.678,
            1e7,
            2.5e-310,
            0.0,
            -0.0,
            100.0,
            9.999_999_999_999_998e15,
            1.000_000_000_000_000_2e-5,
            123.456e10,
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let r = next();
            xs.push((r >> 40) as f64 * 10f64.powi((r % 50) as i32 - 25));
        }
        for x in xs {
            let n = serde_json::Number::from_f64(x).unwrap();
            assert_eq!(show_number(Number::Float(x)), n.to_string(), "{x:e}");
        }
        // Integers print exactly (serde_json reads `-0` as the float -0.0;
        // this reader, as before, as the integer 0).
        for (text, want) in [
            ("0", "0"),
            ("-0", "0"),
            ("-1", "-1"),
            ("18446744073709551615", "18446744073709551615"),
            ("-9223372036854775808", "-9223372036854775808"),
        ] {
            let Ok(Value::Number(n)) = parse(text) else {
                panic!("{text}")
            };
            assert_eq!(show_number(n), want, "{text}");
        }
        // Any f64: the same shape and value (where two 17-digit texts are
        // equally short, serde_json may pick the other one).
        for _ in 0..20_000 {
            let x = f64::from_bits(next());
            let Some(n) = serde_json::Number::from_f64(x) else {
                continue;
            };
            let (ours, theirs) = (show_number(Number::Float(x)), n.to_string());
            assert_eq!(ours.parse::<f64>().unwrap(), x, "{ours}");
            assert_eq!(ours.len(), theirs.len(), "{ours} vs {theirs}");
        }
        for (text, want) in [
            ("1e+21", ("1", 21)),
            ("0.000001", ("1", -6)),
            ("41.8", ("418", 1)),
            ("100", ("1", 2)),
            // `Number#toString`'s other shapes, as the wasm sees them.
            ("1.5e-7", ("15", -7)),
            ("1.2345e+21", ("12345", 21)),
            ("10000000000000000", ("1", 16)),
            ("0.000123", ("123", -4)),
            ("0", ("0", -1)),
        ] {
            assert_eq!(decimal_digits(text), (want.0.to_string(), want.1));
        }
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

    #[test]
    fn one_object_holds_at_most_max_keys() {
        let wide = |n: usize| {
            let keys: Vec<String> = (0..n).rev().map(|i| format!("\"k{i:05}\":0")).collect();
            format!("{{{}}}", keys.join(","))
        };
        assert!(parse(&wide(MAX_KEYS)).is_ok());
        let e = parse(&wide(MAX_KEYS + 1)).unwrap_err();
        assert_eq!(e.message, "more than 1000 keys in one object");
    }
}
