//! `cargo xtask bench [--smoke] [--no-build] [--loads N] [--png]`: lvdong against
//! Chart.js and a raw Canvas2D baseline in headless Chromium. This file builds
//! `dist/`, serves it with `bench/` and Chart.js on loopback, and runs
//! `bench/run.mjs`, which measures, prints the table, writes
//! `bench/results.json` and fails when a budget is broken. The PNG rate
//! (native, [`crate::png::rate`]) is measured here and handed to the driver,
//! which prints it and writes it into the results beside the browser figures.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cli::{unexpected, Args, Long};
use crate::{build, project_root, serve, tools};

const USAGE: &str = "cargo xtask bench [--smoke] [--loads N] [--no-build] [--png]";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let (mut smoke, mut no_build, mut loads, mut png) = (false, false, None, false);
    while let Some(arg) = a.next()? {
        match arg {
            Long("smoke") => smoke = true,
            Long("no-build") => no_build = true,
            Long("png") => png = true,
            Long("loads") => loads = Some(a.value::<u32>("--loads")?),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    if loads == Some(0) {
        bail!("--loads must be at least 1");
    }
    if png {
        // The PNG rate alone (native; no browser, results.json untouched).
        let (rate, threads) = crate::png::rate(1000)?;
        println!("PNG: 1000 renders at {rate:.1} charts/s on {threads} threads");
        return Ok(());
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
    // 1,000 renders of the demo charts (PNG, 600 px, DPR 2); a smoke run
    // only checks that images are made.
    let renders = if smoke { 20 } else { 1000 };
    let (rate, threads) = crate::png::rate(renders)?;
    println!("PNG: {renders} renders at {rate:.1} charts/s on {threads} threads");
    cmd.env(
        "BENCH_PNG",
        format!(
            "{{\"renders\":{renders},\"width\":600,\"dpr\":2,\"threads\":{threads},\"chartsPerSecond\":{rate:.2}}}"
        ),
    );
    if let Some(n) = loads {
        cmd.env("BENCH_LOADS", n.to_string());
    }
    let status = cmd.status().context("starting node bench/run.mjs")?;
    if !status.success() {
        bail!("bench failed ({status})");
    }
    Ok(())
}
