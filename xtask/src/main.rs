//! `cargo xtask <command>`: build, serve, test, render, bench, check-data.
//! One file per command; paths come from [`project_root`].

mod bench;
mod build;
mod check_data;
mod cli;
mod editor;
mod engines;
mod import;
mod imports;
mod order;
mod package;
mod pages;
mod png;
mod render;
mod reserve;
mod schema;
mod serve;
mod test;
mod tools;
mod types;
mod vendor;

use std::path::PathBuf;

use anyhow::{bail, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N] [--csp] [--no-build]
                             build, then serve the demo on http://127.0.0.1:8080/
  test                       every test: native, wasm in headless Chromium, end to end
                             (Chromium; the cross-engine suite also in Firefox and WebKit)
  build                      the deployable static bundle in dist/
  check-data FILE...         validate data files; exit 1 with every error by path
  render --out DIR           every chart and dataset as SVG
  render --png | --card [--width N] [--scale S] [--lang zh|en] [--theme light|dark]
         [--data FILE] [--chart ID] --out DIR
                             the same as PNG (--card: 1200×630 social cards)
  render --text [--out DIR]  every reader-visible string, one file per chart
                             (default tests/text/, the reviewed snapshot)
  schema [--out FILE]        the data file's JSON Schema (also in dist/)
  import TABLE [--kind K] [--unit U] [--unit-en U] [--scale S] [--title-zh T] [--title-en T]
         [--source S] [--date D] [--out FILE]
                             a CSV/TSV table to a data file; exit 1 with every unread cell
  package [--no-build]       the npm package, packed: target/npm/lvdong-VERSION.tgz
  bench [--smoke] [--loads N] [--no-build] [--png]
                             lvdong vs Chart.js vs raw Canvas2D; fails over budget
                             (--png: only the native PNG rate, 1,000 renders)";

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(());
    };
    match cmd.as_str() {
        "build" => build::run(rest).map(|_| ()),
        "serve" => serve::run(rest),
        "test" => test::run(rest),
        "check-data" => check_data::run(rest),
        "render" => render::run(rest),
        "bench" => bench::run(rest),
        "schema" => schema::run(rest),
        "package" => package::run(rest),
        "import" => import::run(rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// The workspace root (parent of `xtask/`).
pub fn project_root() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(PathBuf::from).unwrap_or(dir)
}

/// Value of `--name V` in `args`, for commands whose flags `cli::Args` has
/// already checked (the PNG options, read where they are used).
pub fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
