//! The report `cargo xtask check-data` prints: every error and warning of each
//! file by JSON path, and the exit code (1 when any file has an error). Kept in
//! the library, natively, so tests check exactly what an editor sees.

use std::path::Path;

use super::parse::{parse_str, Severity};

/// What checking one or more files found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// One line per file summary and per problem, as printed.
    pub lines: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

impl Report {
    /// 1 when any file had an error (or could not be read), else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.errors > 0)
    }
}

/// Checks one file's text; `name` prefixes every line.
pub fn check_text(name: &str, text: &str, report: &mut Report) {
    let problems = match parse_str(text) {
        Ok((file, warnings)) => {
            let datasets: usize = file.charts.iter().map(|c| c.datasets.len()).sum();
            let items: usize = file
                .charts
                .iter()
                .flat_map(|c| &c.datasets)
                .map(|d| d.items.len())
                .sum();
            report.lines.push(format!(
                "{name}: ok — {} charts, {datasets} datasets, {items} items",
                file.charts.len()
            ));
            warnings
        }
        Err(problems) => problems,
    };
    let mut errors = 0;
    for p in &problems {
        let tag = match p.severity {
            Severity::Error => {
                errors += 1;
                "error"
            }
            Severity::Warning => {
                report.warnings += 1;
                "warning"
            }
        };
        report.lines.push(format!("{name}: {tag}: {p}"));
    }
    if errors > 0 {
        report.lines.push(format!("{name}: {errors} error(s)"));
    }
    report.errors += errors;
}

/// Reads and checks each file; a file that cannot be read counts as an error.
pub fn check_files<P: AsRef<Path>>(paths: &[P]) -> Report {
    let mut report = Report::default();
    for path in paths {
        let path = path.as_ref();
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(text) => check_text(&name, &text, &mut report),
            Err(e) => {
                report.errors += 1;
                report
                    .lines
                    .push(format!("{name}: error: cannot read the file: {e}"));
            }
        }
    }
    report
}
