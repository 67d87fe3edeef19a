//! The data file: the checked model the layout takes, the parser that builds it
//! from JSON while collecting every problem by path, the built-in data, and
//! (natively) the JSON Schema and the checker's report.

#[cfg(not(target_arch = "wasm32"))]
mod check;
mod json;
mod model;
mod parse;
#[cfg(not(target_arch = "wasm32"))]
mod schema;

#[cfg(not(target_arch = "wasm32"))]
pub use check::{check_files, check_text, Report};
pub use model::*;
pub use parse::{
    parse_str, parse_value, Problem, Severity, CHART_FIELDS, DATASET_FIELDS, DETAIL_FIELDS,
    FILE_FIELDS, ITEM_FIELDS, MAX_ITEMS, MAX_KPIS, MAX_TEXT, MAX_UNITS, MAX_VALUE,
    REFERENCE_FIELDS, SOURCE_FIELDS, TEXT_FIELDS,
};
#[cfg(not(target_arch = "wasm32"))]
pub use schema::{json_schema, json_schema_text};

/// The article's figures (FACTS.md), embedded so the widget works with no `src`.
pub const ARTICLE_JSON: &str = include_str!("../../data/article.json");

/// Figures from other sources than the article, kept apart with their own sources.
pub const SUPPLEMENTARY_JSON: &str = include_str!("../../data/supplementary.json");
