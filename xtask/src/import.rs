//! `cargo xtask import TABLE.csv|.tsv [--kind K] [--unit U] [--scale S]
//! [--title-zh T] [--title-en T] [--source S] [--date D] [--out FILE]`: a table
//! to a data file by `lvdong_editor` (the editor page's own conversion); exit 1
//! with every unread cell by row and column.

use std::fs;
use std::path::PathBuf;

use anyhow::{anyhow, Context, Result};

use crate::cli::{unexpected, Args, Long, Value};
use lvdong_editor::table::{decode, Encoding};
use lvdong_editor::{build, Draft, Options, Severity};

const USAGE: &str =
    "cargo xtask import TABLE.csv|.tsv [--kind K] [--unit U] [--unit-en U] [--scale S] \
[--title-zh T] [--title-en T] [--source S] [--source-en S] [--date D] [--url U] [--id ID] \
[--no-sort] [--out FILE]";

/// The command line: the table, the editor's options, where to write.
struct Request {
    table: PathBuf,
    options: Options,
    out: Option<String>,
}

fn parse(args: &[String]) -> Result<Request> {
    let mut a = Args::new(args, USAGE);
    let mut table = None;
    let mut out = None;
    let mut options = Options::default();
    while let Some(arg) = a.next()? {
        match arg {
            Long("kind") => options.kind = Some(a.value("--kind")?),
            Long("unit") => options.unit = Some(a.value("--unit")?),
            Long("unit-en") => options.unit_en = Some(a.value("--unit-en")?),
            Long("scale") => options.scale = Some(a.value("--scale")?),
            Long("title-zh") => options.title_zh = Some(a.value("--title-zh")?),
            Long("title-en") => options.title_en = Some(a.value("--title-en")?),
            Long("source") => options.source_zh = Some(a.value("--source")?),
            Long("source-en") => options.source_en = Some(a.value("--source-en")?),
            Long("date") => options.date = Some(a.value("--date")?),
            Long("url") => options.url = Some(a.value("--url")?),
            Long("id") => options.id = Some(a.value("--id")?),
            Long("no-sort") => options.sort = Some(false),
            Long("out") => out = Some(a.value("--out")?),
            Value(v) if table.is_none() => table = Some(PathBuf::from(v)),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let table = table.ok_or_else(|| anyhow!("which table?\n\nusage: {USAGE}"))?;
    Ok(Request {
        table,
        options,
        out,
    })
}

pub fn run(args: &[String]) -> Result<()> {
    let request = parse(args)?;
    let target = request.out.clone();
    let out = import(request)?;
    for line in &out.lines {
        eprintln!("{line}");
    }
    match (out.file, out.errors) {
        (Some(file), 0) => match target {
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

fn import(request: Request) -> Result<Imported> {
    let path = request.table;
    let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let (text, encoding) = decode(&bytes);
    let name = path.display();
    let mut lines = Vec::new();
    if encoding == Encoding::Gb18030 {
        lines.push(format!("{name}: read as GB18030 (not UTF-8)"));
    }
    let options = request.options;
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
        let out = import(parse(&a).unwrap()).unwrap();
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
        let out = import(parse(&a).unwrap()).unwrap();
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
