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
    if encoding == Encoding::Gb18030 {
        eprintln!("{}: read as GB18030 (not UTF-8)", path.display());
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
    let name = path.display();
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
            eprintln!("{name}: {tag}: {}", p.located(false));
        }
        let s = &conv.settings;
        eprintln!(
            "{name}: kind {}, unit {}, numbers in 10^{}, {} dataset(s)",
            s.kind,
            s.unit,
            s.scale,
            s.value_columns.len()
        );
    }
    match out.file {
        Some(file) if errors == 0 => {
            match flag("--out") {
                Some(o) => {
                    fs::write(&o, file).with_context(|| format!("writing {o}"))?;
                    eprintln!("wrote {o}");
                }
                None => print!("{file}"),
            }
            Ok(())
        }
        _ => {
            eprintln!("{name}: {errors} error(s); no data file written");
            std::process::exit(1);
        }
    }
}
