//! The data file: the checked model the layout takes, the parser that builds it
//! from JSON while collecting every problem by path, the built-in data, and
//! (natively) the JSON Schema and the checker's report.

#[cfg(not(target_arch = "wasm32"))]
mod check;
mod json;
#[cfg(test)]
mod json_proofs;
pub(crate) use json::{push_number, Number};
mod model;
mod parse;
#[cfg(not(target_arch = "wasm32"))]
mod schema;

#[cfg(not(target_arch = "wasm32"))]
pub use check::{check_files, check_text, Report};
pub use model::*;
#[cfg(not(target_arch = "wasm32"))]
pub use parse::parse_value;
pub use parse::{
    parse_str, Problem, Severity, CHART_FIELDS, DATASET_FIELDS, DETAIL_FIELDS, FILE_FIELDS,
    ITEM_FIELDS, MAX_ITEMS, MAX_KPIS, MAX_TEXT, MAX_UNITS, MAX_VALUE, REFERENCE_FIELDS,
    SOURCE_FIELDS, TEXT_FIELDS,
};
#[cfg(not(target_arch = "wasm32"))]
pub use schema::{json_schema, json_schema_text};

/// The article's figures (FACTS.md): `data/article.json` without its
/// insignificant whitespace (at compile time). Natively it feeds the SVG
/// fallbacks and the gallery; the build ships it as `dist/data/article.json`,
/// which the element fetches for a chart without `src`. (Not in the wasm: a
/// page that brings its own data would load ~2.9 KB gzip it never reads.)
pub const ARTICLE_JSON: &str = match std::str::from_utf8(&ARTICLE_MIN) {
    Ok(s) => s,
    Err(_) => "",
};

const ARTICLE_PRETTY: &[u8] = include_str!("../../data/article.json").as_bytes();
// A `static`: the array is over clippy's size for a `const` (which would be
// copied at each use); `ARTICLE_JSON` borrows it.
static ARTICLE_MIN: [u8; minified_len(ARTICLE_PRETTY)] = minified(ARTICLE_PRETTY);

/// Whether byte `b` of JSON text is significant: inside a string, or not
/// whitespace. `state` carries (in a string, after a backslash).
const fn significant(b: u8, state: &mut (bool, bool)) -> bool {
    let (in_str, escaped) = *state;
    *state = if in_str {
        (escaped || b != b'"', !escaped && b == b'\\')
    } else {
        (b == b'"', false)
    };
    in_str || !matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

const fn minified_len(mut json: &[u8]) -> usize {
    let (mut n, mut state) = (0, (false, false));
    while let [b, rest @ ..] = json {
        if significant(*b, &mut state) {
            n += 1;
        }
        json = rest;
    }
    n
}

// Only ever evaluated at compile time: an index out of range there is a
// build error, not a panic in the shipped code.
#[allow(clippy::indexing_slicing)]
const fn minified<const N: usize>(mut json: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    let (mut n, mut state) = (0, (false, false));
    while let [b, rest @ ..] = json {
        if significant(*b, &mut state) {
            out[n] = *b;
            n += 1;
        }
        json = rest;
    }
    out
}

/// Figures from other sources than the article, kept apart with their own sources.
pub const SUPPLEMENTARY_JSON: &str = include_str!("../../data/supplementary.json");
