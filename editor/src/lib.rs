//! Authoring for lvdong: a table (pasted from a spreadsheet or a CSV/TSV file)
//! to a data file that passes the reader's checker. The one conversion behind
//! `cargo xtask import` and the editor page (whose own wasm is this crate).

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod convert;
pub mod load;
pub mod number;
pub mod table;
#[cfg(target_arch = "wasm32")]
mod web;
pub mod zh;

pub use convert::{build, convert, Build, Conversion, Draft, Options, Problem, Severity};
