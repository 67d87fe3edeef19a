//! JSON text out: what the engine tells the page (card info, tooltips) as
//! one JSON string the page reads with `JSON.parse`. A few lines of writer
//! instead of serde and serde-wasm-bindgen building JS objects field by field
//! (~9 KB of wasm), and the same text natively, so tests see what the page gets.

use crate::data::{push_number, Number};

/// A JSON document under construction; callers write keys and values in
/// order and the writer puts the commas.
#[derive(Default)]
pub struct Writer {
    out: String,
    /// Whether the next value in the current container needs a comma.
    comma: bool,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn sep(&mut self) {
        if self.comma {
            self.out.push(',');
        }
        self.comma = true;
    }

    pub fn open(&mut self) -> &mut Writer {
        self.sep();
        self.out.push('{');
        self.comma = false;
        self
    }

    pub fn close(&mut self) -> &mut Writer {
        self.out.push('}');
        self.comma = true;
        self
    }

    pub fn open_list(&mut self) -> &mut Writer {
        self.sep();
        self.out.push('[');
        self.comma = false;
        self
    }

    pub fn close_list(&mut self) -> &mut Writer {
        self.out.push(']');
        self.comma = true;
        self
    }

    /// An object key; the value written next belongs to it.
    pub fn key(&mut self, k: &str) -> &mut Writer {
        self.sep();
        self.quoted(k);
        self.out.push(':');
        self.comma = false;
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Writer {
        self.sep();
        self.quoted(s);
        self
    }

    /// A string, or `null` for `None`.
    pub fn opt(&mut self, s: Option<&str>) -> &mut Writer {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    pub fn null(&mut self) -> &mut Writer {
        self.sep();
        self.out.push_str("null");
        self
    }

    /// A number as `JSON.stringify` writes it (shortest round trip); a
    /// non-finite number, which JSON cannot hold, as `null`.
    pub fn num(&mut self, x: f64) -> &mut Writer {
        if !x.is_finite() {
            return self.null();
        }
        self.sep();
        push_number(&mut self.out, Number::Float(x));
        self
    }

    /// A list of strings.
    pub fn strs<'a>(&mut self, list: impl IntoIterator<Item = &'a str>) -> &mut Writer {
        self.open_list();
        for s in list {
            self.str(s);
        }
        self.close_list()
    }

    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    self.out.push_str("\\u00");
                    let n = c as u32;
                    for d in [n >> 4, n & 0xf] {
                        self.out.push(char::from_digit(d, 16).unwrap_or('0'));
                    }
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_and_escaped() {
        let mut w = Writer::new();
        w.str("a\"b\\c\nd\re\tf\u{1}\u{1f}g 绿动 é");
        assert_eq!(
            w.finish(),
            "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001\\u001fg 绿动 é\""
        );
        let all: String = (0u8..0x80).map(char::from).chain("中文".chars()).collect();
        let mut w = Writer::new();
        w.str(&all);
        let back: String = serde_json::from_str(&w.finish()).unwrap();
        assert_eq!(back, all);
    }
}
