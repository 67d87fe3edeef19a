//! The table reader: text pasted from a spreadsheet (tab-separated) or a
//! CSV/TSV file (quoted fields with commas, quotes and newlines; BOM; ragged
//! rows) → rows of cells. Natively it also decodes GB18030/GBK bytes.

/// A table: the first row names the columns. Every row has `width` cells.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<String>>,
    /// The separator found: `\t`, `,` or `;`.
    pub separator: char,
}

impl Table {
    pub fn header(&self) -> &[String] {
        self.rows.first().map_or(&[], Vec::as_slice)
    }

    pub fn width(&self) -> usize {
        self.header().len()
    }

    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

/// The separator of the first line outside quotes: a tab wins (spreadsheets
/// copy with tabs, and `6,248.1` may sit in a cell), then `,`, then `;`.
fn separator(text: &str) -> char {
    let mut quoted = false;
    let (mut tabs, mut commas, mut semis) = (0, 0, 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            '\t' if !quoted => tabs += 1,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            _ => {}
        }
    }
    if tabs > 0 || (commas == 0 && semis == 0) {
        '\t'
    } else if commas >= semis {
        ','
    } else {
        ';'
    }
}

/// Reads CSV/TSV text (RFC 4180 quoting, any line ends, a leading BOM).
/// Blank rows go, short rows are padded, columns empty from top to bottom go.
pub fn parse(text: &str) -> Table {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let sep = separator(text);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            c if c == sep => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            c => {
                // Spaces before an opening quote do not stop it being one.
                at_start = at_start && c == ' ';
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows.retain(|r| r.iter().any(|c| !c.trim().is_empty()));
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let keep: Vec<bool> = (0..width)
        .map(|col| {
            rows.iter()
                .any(|r| r.get(col).is_some_and(|c| !c.trim().is_empty()))
        })
        .collect();
    let rows = rows
        .into_iter()
        .map(|mut r| {
            r.resize(width, String::new());
            r.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.trim().to_string())
                .collect()
        })
        .collect();
    Table {
        rows,
        separator: sep,
    }
}

/// Which encoding [`decode`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Gb18030,
}

/// A file's bytes as text: UTF-8 (with or without BOM) when they are valid
/// UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese Excel
/// writes). Native only; the editor page decodes with `TextDecoder` alike.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            Encoding::Utf8Bom,
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), Encoding::Gb18030)
        }
    }
}

/// A column's letter as spreadsheets name it: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}
