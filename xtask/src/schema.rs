//! `cargo xtask schema [--out FILE]`: the data file's JSON Schema, generated
//! from the parser's field tables; printed, or written to FILE.

use std::path::Path;

use anyhow::{Context, Result};

use crate::flag_value;

pub fn run(args: &[String]) -> Result<()> {
    match flag_value(args, "--out") {
        Some(out) => write(Path::new(&out)),
        None => {
            print!("{}", lvdong::data::json_schema_text());
            Ok(())
        }
    }
}

pub fn write(path: &Path) -> Result<()> {
    std::fs::write(path, lvdong::data::json_schema_text())
        .with_context(|| format!("writing {}", path.display()))
}
