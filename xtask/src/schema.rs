//! `cargo xtask schema [--out FILE]`: the data file's JSON Schema, generated
//! from the parser's field tables; printed, or written to FILE.

use std::path::Path;

use anyhow::{Context, Result};

use crate::cli::{unexpected, Args, Long};

const USAGE: &str = "cargo xtask schema [--out FILE]";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let mut out: Option<String> = None;
    while let Some(arg) = a.next()? {
        match arg {
            Long("out") => out = Some(a.value("--out")?),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    match out {
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
