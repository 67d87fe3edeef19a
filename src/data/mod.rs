//! The data file: the checked model the layout takes, the parser that builds it
//! from JSON while collecting every problem by path, and the built-in data.

mod json;
mod model;
mod parse;

pub use model::*;
pub use parse::{parse_str, parse_value, Problem, Severity};

/// The article's figures (FACTS.md), embedded so the widget works with no `src`.
pub const ARTICLE_JSON: &str = include_str!("../../data/article.json");

/// Figures from other sources than the article, kept apart with their own sources.
pub const SUPPLEMENTARY_JSON: &str = include_str!("../../data/supplementary.json");
