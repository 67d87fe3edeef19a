//! `cargo xtask check-data FILE...`: every error and warning by JSON path;
//! exit 1 when any file has an error.

use anyhow::{bail, Context, Result};
use lvdong::data::{parse_str, Severity};

pub fn run(args: &[String]) -> Result<()> {
    if args.is_empty() {
        bail!("usage: cargo xtask check-data FILE...");
    }
    let mut failed = 0;
    for path in args {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
        let problems = match parse_str(&text) {
            Ok((file, warnings)) => {
                let datasets: usize = file.charts.iter().map(|c| c.datasets.len()).sum();
                println!(
                    "{path}: ok — {} charts, {datasets} datasets",
                    file.charts.len()
                );
                warnings
            }
            Err(problems) => {
                failed += 1;
                problems
            }
        };
        for p in &problems {
            let tag = match p.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            println!("{path}: {tag}: {p}");
        }
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        if errors > 0 {
            println!("{path}: {errors} error(s)");
        }
    }
    if failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}
