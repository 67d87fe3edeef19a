//! `cargo xtask import TABLE.csv|.tsv [--kind K] [--unit U] [--scale S]
//! [--title-zh T] [--title-en T] [--source S] [--date D] [--out FILE]`: a table
//! to a data file by `lvdong_editor` (the editor page's own conversion); exit 1
//! with every unread cell by row and column.

use std::fs;
use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use lvdong_editor::table::{decode, Encoding};
use lvdong_editor::{build, Draft, Options, Severity};

const USAGE: &str = "usage: cargo xtask import TABLE.csv|.tsv [--kind K] [--unit U] [--scale S] \
[--title-zh T] [--title-en T] [--source S] [--source-en S] [--date D] [--url U] [--id ID] \
[--no-sort] [--out FILE]";

pub fn run(args: &[String]) -> Result<()> {
    let out = import(args)?;
    for line in &out.lines {
        eprintln!("{line}");
    }
    match (out.file, out.errors) {
        (Some(file), 0) => match crate::flag_value(args, "--out") {
            Some(o) => {
                fs::write(&o, file).with_context(|| format!("writing {o}"))?;
                eprintln!("wrote {o}");
                Ok(())
            }
            None => {
                print!("{file}");
                Ok(())
            }
        },
        (_, n) => {
            eprintln!("{n} error(s); no data file written");
            std::process::exit(1);
        }
    }
}

/// What an import found: the data file (none when a cell or field is in
/// error), the lines to print, and the number of errors.
struct Imported {
    file: Option<String>,
    lines: Vec<String>,
    errors: usize,
}

fn import(args: &[String]) -> Result<Imported> {
    let flag = |name: &str| crate::flag_value(args, name);
    // The table is the one argument that is neither a flag nor a flag's value.
    let mut table = None;
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "--no-sort" {
        } else if a.starts_with("--") {
            skip = true;
        } else if table.replace(a.clone()).is_some() {
            bail!("one table at a time\n{USAGE}");
        }
    }
    let path = PathBuf::from(table.ok_or_else(|| anyhow!(USAGE))?);
    let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let (text, encoding) = decode(&bytes);
    let name = path.display();
    let mut lines = Vec::new();
    if encoding == Encoding::Gb18030 {
        lines.push(format!("{name}: read as GB18030 (not UTF-8)"));
    }
    let options = Options {
        id: flag("--id"),
        kind: flag("--kind"),
        unit: flag("--unit"),
        scale: flag("--scale"),
        title_zh: flag("--title-zh"),
        title_en: flag("--title-en"),
        source_zh: flag("--source"),
        source_en: flag("--source-en"),
        url: flag("--url"),
        date: flag("--date"),
        sort: args.iter().any(|a| a == "--no-sort").then_some(false),
        ..Options::default()
    };
    let out = build(&[Draft {
        table: text,
        options,
    }]);
    let mut errors = 0;
    for conv in &out.charts {
        for p in &conv.problems {
            let tag = match p.severity {
                Severity::Error => {
                    errors += 1;
                    "error"
                }
                Severity::Warning => "warning",
            };
            lines.push(format!("{name}: {tag}: {}", p.located(false)));
        }
        let s = &conv.settings;
        lines.push(format!(
            "{name}: kind {}, unit {}, numbers in 10^{}, {} dataset(s)",
            s.kind,
            s.unit,
            s.scale,
            s.value_columns.len()
        ));
    }
    Ok(Imported {
        file: out.file,
        lines,
        errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// A GBK file as Chinese Excel saves it, with one unreadable cell: the
    /// import names its row and column and writes no file; fixed, the file
    /// passes the data checker.
    #[test]
    fn import_reads_gbk_names_bad_cells_and_writes_a_checked_file() {
        let dir = std::env::temp_dir().join(format!("lvdong-import-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let table = "项目,投资额（亿元）\n大会优选项目,\"17,200\"\n烟台集中推介项目,6248.1待核实\n";
        let path = dir.join("bad.csv");
        fs::write(&path, encoding_rs::GB18030.encode(table).0).unwrap();
        let common = ["--title-zh", "投资", "--source", "烟台日报"];
        let mut a = args(&common);
        a.push(path.display().to_string());
        let out = import(&a).unwrap();
        assert!(out.file.is_none());
        assert_eq!(out.errors, 1, "{:?}", out.lines);
        assert!(out.lines.iter().any(|l| l.contains("read as GB18030")));
        assert!(
            out.lines
                .iter()
                .any(|l| l.contains("error: row 3, column B")),
            "{:?}",
            out.lines
        );
        fs::write(
            &path,
            encoding_rs::GB18030.encode(&table.replace("待核实", "")).0,
        )
        .unwrap();
        let out = import(&a).unwrap();
        let file = out.file.expect("a data file");
        let mut report = lvdong::data::Report::default();
        lvdong::data::check_text("import", &file, &mut report);
        assert_eq!(report.errors, 0, "{:?}", report.lines);
        assert!(
            file.contains("624810000000"),
            "6248.1 in a 亿元 column is 624,810,000,000 yuan"
        );
        assert!(file.contains("1720000000000"));
        fs::remove_dir_all(&dir).ok();
    }
}
