//! `cargo xtask bench [--smoke] [--no-build] [--loads N]`: lvdong against
//! Chart.js and a raw Canvas2D baseline in headless Chromium. This file builds
//! `dist/`, serves it with `bench/` and Chart.js on loopback, and runs
//! `bench/run.mjs`, which measures, prints the table, writes
//! `bench/results.json` and fails when a budget is broken.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cli::{unexpected, Args, Long};
use crate::{build, project_root, serve, tools};

const USAGE: &str = "cargo xtask bench [--smoke] [--loads N] [--no-build]";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let (mut smoke, mut no_build, mut loads) = (false, false, None);
    while let Some(arg) = a.next()? {
        match arg {
            Long("smoke") => smoke = true,
            Long("no-build") => no_build = true,
            Long("loads") => loads = Some(a.value::<u32>("--loads")?),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    if loads == Some(0) {
        bail!("--loads must be at least 1");
    }
    let dist = if no_build {
        build::dist()
    } else {
        build::run(&[])?
    };
    drive(dist, smoke, loads)
}

/// Runs the driver against `dist`; `smoke` is one load with no budgets.
pub fn drive(dist: PathBuf, smoke: bool, loads: Option<u32>) -> Result<()> {
    let root = project_root();
    tools::browser()?;
    let chartjs = root.join("node_modules/chart.js/dist");
    if !chartjs.join("chart.umd.min.js").exists() {
        bail!("Chart.js is missing from node_modules (run npm ci)");
    }
    let (url, _server) = serve::spawn_mounts(
        vec![
            ("/bench".to_string(), root.join("bench")),
            ("/chartjs".to_string(), chartjs.clone()),
            (String::new(), dist.clone()),
        ],
        false,
    )?;
    let mut cmd = Command::new("node");
    cmd.arg(root.join("bench/run.mjs"))
        .env("BENCH_URL", &url)
        .env("BENCH_DIST", &dist)
        .env("BENCH_CHARTJS", &chartjs)
        .env("LVDONG_CHROMIUM", tools::CHROMIUM)
        .current_dir(&root);
    if smoke {
        cmd.env("BENCH_SMOKE", "1");
    }
    if let Some(n) = loads {
        cmd.env("BENCH_LOADS", n.to_string());
    }
    let status = cmd.status().context("starting node bench/run.mjs")?;
    if !status.success() {
        bail!("bench failed ({status})");
    }
    Ok(())
}
