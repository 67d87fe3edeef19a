//! `cargo xtask <command>`: build, serve, test, render, bench, check-data.
//! One file per command; paths come from [`project_root`].

mod bench;
mod build;
mod check_data;
mod imports;
mod pages;
mod render;
mod schema;
mod serve;
mod test;
mod tools;
mod vendor;

use std::path::PathBuf;

use anyhow::{bail, Result};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N] [--csp]   build, then serve the demo on http://127.0.0.1:8080/
  test                       every test: native, wasm in headless Chromium, end to end
  build                      the deployable static bundle in dist/
  check-data FILE...         validate data files; exit 1 with every error by path
  render --out DIR           every chart and dataset as SVG
  render --text [--out DIR]  every reader-visible string, one file per chart
                             (default tests/text/, the reviewed snapshot)
  schema [--out FILE]        the data file's JSON Schema (also in dist/)
  bench [--smoke] [--loads N] [--no-build]
                             lvdong vs Chart.js vs raw Canvas2D; fails over budget";

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

/// Value of `--name V` in `args`.
pub fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
