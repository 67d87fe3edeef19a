//! `cargo xtask test`: native tests, wasm tests in headless Chromium, then the
//! end-to-end suite against a fresh `dist/` on loopback ports (its
//! cross-engine part also in Firefox and WebKit). Fails when a suite fails or
//! runs no test, or when an engine ran none of the cross-engine tests.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::{bench, build, cli, engines, project_root, serve, tools};

pub fn run(args: &[String]) -> Result<()> {
    cli::none(args, "cargo xtask test")?;
    let root = project_root();
    crate::vendor::check()?;
    tools::browser()?;
    tools::engines()?;
    tools::ensure_wasm_target()?;

    let native = counted(
        Command::new("cargo")
            .args(["test", "--workspace"])
            .current_dir(&root),
        rust_count,
    )?;
    if native == 0 {
        bail!("native suite ran no test");
    }

    let runner = tools::wasm_bindgen_test_runner()?;
    let wasm = counted(
        Command::new("cargo")
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "wasm",
            ])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
            .current_dir(&root),
        rust_count,
    )?;
    if wasm == 0 {
        bail!("wasm suite ran no test");
    }

    let dist = build::run(&[])?;
    // The benchmark's pages must keep working; timings are not checked here.
    bench::drive(dist.clone(), true, None)?;
    // The crate packs and builds alone (as crates.io would), and the npm
    // package and PNG pairs the end-to-end suite checks are made.
    crate::package::cargo_package()?;
    let tgz = crate::package::make(&dist)?;
    let artifacts = root.join("tests").join("artifacts");
    let png_dir = artifacts.join("png");
    crate::png::pairs(&png_dir)?;
    let (url, _a) = serve::spawn(dist.clone(), false)?;
    let (csp_url, _b) = serve::spawn(dist, true)?;
    std::fs::create_dir_all(&artifacts)?;
    let webkit = engines::start_webkit()?;
    let mut per_engine = [0usize; ENGINES.len()];
    let e2e = counted_with(
        Command::new("node")
            .args(["--test", "--test-concurrency=1", "--test-reporter=tap"])
            .arg(root.join("tests/e2e"))
            .env("LVDONG_URL", &url)
            .env("LVDONG_CSP_URL", &csp_url)
            .env("LVDONG_CHROMIUM", tools::CHROMIUM)
            .env("LVDONG_FIREFOX", tools::FIREFOX)
            .env("LVDONG_MINIBROWSER", tools::MINIBROWSER)
            .env("LVDONG_WEBKIT_DRIVER", &webkit.driver_url)
            .env("DISPLAY", &webkit.display)
            .env("LVDONG_ARTIFACTS", &artifacts)
            .env("LVDONG_PACKAGE", &tgz)
            .env("LVDONG_PNG_DIR", &png_dir)
            .current_dir(&root),
        |line| {
            if let Some(i) = engine_pass(line) {
                per_engine[i] += 1;
            }
            tap_count(line)
        },
    );
    drop(webkit);
    let e2e = e2e?;
    if e2e == 0 {
        bail!("end-to-end suite ran no test");
    }
    for (engine, n) in ENGINES.iter().zip(per_engine) {
        if n == 0 {
            bail!("{engine}: no cross-engine test passed");
        }
    }
    let engines: Vec<String> = ENGINES
        .iter()
        .zip(per_engine)
        .map(|(e, n)| format!("{e} {n}"))
        .collect();
    println!(
        "{native} native, {wasm} wasm, {e2e} end-to-end tests passed (cross-engine: {})",
        engines.join(", ")
    );
    println!("{} passed, 0 failed", native + wasm + e2e);
    Ok(())
}

/// Sum of `test result: ok. N passed` lines.
fn rust_count(line: &str) -> Option<usize> {
    let rest = line.split("test result: ").nth(1)?;
    let n = rest.split(". ").nth(1)?.split(' ').next()?;
    n.parse().ok()
}

const ENGINES: [&str; 3] = ["chromium", "firefox", "webkit"];

/// The engine of a passed cross-engine test (`ok 3 - [firefox] every chart…`).
fn engine_pass(line: &str) -> Option<usize> {
    let rest = line.trim_start().strip_prefix("ok ")?;
    let name = rest.split_once(" - [")?.1;
    let (engine, test) = name.split_once("] ")?;
    (!test.trim().is_empty()).then_some(())?;
    ENGINES.iter().position(|e| *e == engine)
}

/// TAP's `# pass N`.
fn tap_count(line: &str) -> Option<usize> {
    line.trim().strip_prefix("# pass ")?.trim().parse().ok()
}

/// Runs `cmd`, echoing its output, and adds up the counts `parse` finds.
fn counted(cmd: &mut Command, parse: fn(&str) -> Option<usize>) -> Result<usize> {
    counted_with(cmd, parse)
}

fn counted_with(cmd: &mut Command, mut parse: impl FnMut(&str) -> Option<usize>) -> Result<usize> {
    eprintln!("$ {:?}", cmd);
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .context("starting test suite")?;
    let mut total = 0;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let line = line?;
            println!("{line}");
            total += parse(&line).unwrap_or(0);
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("test suite failed ({status})");
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_passed_tests() {
        assert_eq!(
            rust_count("test result: ok. 12 passed; 0 failed; 0 ignored"),
            Some(12)
        );
        assert_eq!(rust_count("running 3 tests"), None);
        assert_eq!(tap_count("# pass 7"), Some(7));
        assert_eq!(tap_count("# fail 0"), None);
        assert_eq!(
            engine_pass("    ok 4 - [webkit] a tap shows the tooltip"),
            Some(2)
        );
        assert_eq!(engine_pass("ok 2 - [firefox]"), None, "a suite, not a test");
        assert_eq!(engine_pass("not ok 1 - [chromium] x"), None);
    }
}
