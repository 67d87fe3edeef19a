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

use crate::{build, flag_value, project_root, serve, tools};

pub fn run(args: &[String]) -> Result<()> {
    if args.iter().any(|a| a == "--png") {
        // The PNG rate alone (native; no browser, results.json untouched).
        let (rate, threads) = crate::png::rate(1000)?;
        println!("PNG: 1000 renders at {rate:.1} charts/s on {threads} threads");
        return Ok(());
    }
    let smoke = args.iter().any(|a| a == "--smoke");
    let dist = if args.iter().any(|a| a == "--no-build") {
        build::dist()
    } else {
        build::run(&[])?
    };
    drive(dist, smoke, flag_value(args, "--loads"))
}

/// Runs the driver against `dist`; `smoke` is one load with no budgets.
pub fn drive(dist: PathBuf, smoke: bool, loads: Option<String>) -> Result<()> {
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
        let n: u32 = n
            .parse()
            .with_context(|| format!("--loads takes a number (got {n})"))?;
        if n < 1 {
            bail!("--loads must be at least 1");
        }
        cmd.env("BENCH_LOADS", n.to_string());
    }
    let status = cmd.status().context("starting node bench/run.mjs")?;
    if !status.success() {
        bail!("bench failed ({status})");
    }
    Ok(())
}
