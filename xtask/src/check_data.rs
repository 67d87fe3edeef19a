//! `cargo xtask check-data FILE...`: every error and warning by JSON path;
//! exit 1 when any file has an error. The report itself is built by
//! `lvdong::data::check_files`, where the tests exercise it.

use anyhow::{bail, Result};
use lvdong::data::check_files;

pub fn run(args: &[String]) -> Result<()> {
    if args.is_empty() {
        bail!("usage: cargo xtask check-data FILE...");
    }
    let report = check_files(args);
    for line in &report.lines {
        println!("{line}");
    }
    let code = report.exit_code();
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}
