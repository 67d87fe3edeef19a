//! `cargo xtask check-data FILE...`: every error and warning by JSON path;
//! exit 1 when any file has an error. The report itself is built by
//! `lvdong::data::check_files`, where the tests exercise it.

use anyhow::{bail, Result};
use lvdong::data::check_files;

use crate::cli::{unexpected, Args, Value};

const USAGE: &str = "cargo xtask check-data FILE...";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let mut files = Vec::new();
    while let Some(arg) = a.next()? {
        match arg {
            // `--` ends the flags, so a file named `-x` can be checked as `-- -x`.
            Value(v) => files.push(v.to_string_lossy().into_owned()),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    if files.is_empty() {
        bail!("check-data needs at least one FILE\n\nusage: {USAGE}");
    }
    let report = check_files(&files);
    for line in &report.lines {
        println!("{line}");
    }
    let code = report.exit_code();
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}
