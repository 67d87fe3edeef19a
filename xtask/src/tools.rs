//! Installs and locates what the other commands need: the wasm target, the
//! pinned wasm-bindgen CLI (project-local), npm packages, Chromium and its driver.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::project_root;

/// Must equal the `wasm-bindgen` version in Cargo.lock.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

/// Runs a command, echoing it, and fails on a non-zero exit.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(cmd));
    let status = cmd
        .status()
        .with_context(|| format!("could not start {}", show(cmd)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", show(cmd));
    }
    Ok(())
}

fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Where cargo keeps downloaded crates (`CARGO_HOME`, else `~/.cargo`).
pub fn cargo_home() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        return Ok(PathBuf::from(home));
    }
    let home = std::env::var_os("HOME").context("neither CARGO_HOME nor HOME is set")?;
    Ok(PathBuf::from(home).join(".cargo"))
}

pub fn tools_dir() -> PathBuf {
    project_root().join("target").join("tools")
}

pub fn ensure_wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match out {
        Ok(o) if String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown") => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])),
        Err(_) => {
            eprintln!("rustup not found; assuming the wasm32-unknown-unknown target is installed");
            Ok(())
        }
    }
}

fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        std::fs::read_to_string(project_root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

/// The pinned `wasm-bindgen` CLI, installed under `target/tools` when missing.
pub fn wasm_bindgen() -> Result<PathBuf> {
    let locked = locked_wasm_bindgen()?;
    if locked != WASM_BINDGEN_VERSION {
        bail!("Cargo.lock has wasm-bindgen {locked} but xtask pins the CLI at {WASM_BINDGEN_VERSION}; keep them equal");
    }
    let bin = tools_dir().join("bin").join("wasm-bindgen");
    let current = Command::new(&bin).arg("--version").output().ok();
    let ok =
        current.is_some_and(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_BINDGEN_VERSION));
    if !ok {
        eprintln!("installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into target/tools (a few minutes, once)");
        // Not `--locked`: the CLI's lock file names a crate version the registry lacks.
        run(Command::new("cargo")
            .args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &format!("={WASM_BINDGEN_VERSION}"),
                "--force",
                "--root",
            ])
            .arg(tools_dir()))?;
    }
    Ok(bin)
}

pub fn wasm_bindgen_test_runner() -> Result<PathBuf> {
    wasm_bindgen()?;
    Ok(tools_dir().join("bin").join("wasm-bindgen-test-runner"))
}

/// `npm ci` when `node_modules` is missing or older than the lock file.
pub fn npm() -> Result<()> {
    let root = project_root();
    let stamp = root.join("node_modules").join(".package-lock.json");
    let fresh = match (modified(&stamp), modified(&root.join("package-lock.json"))) {
        (Some(a), Some(b)) => a >= b,
        _ => false,
    };
    if !fresh {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&root))?;
    }
    Ok(())
}

fn modified(p: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

pub fn node_bin(name: &str) -> PathBuf {
    project_root().join("node_modules").join(".bin").join(name)
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
pub const MINIBROWSER: &str = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
pub const XVFB: &str = "/usr/bin/Xvfb";

fn has_cjk_font() -> bool {
    Command::new("fc-list")
        .arg(":lang=zh")
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs Debian `packages` when `present` is false: with apt when root,
/// else stops with the line to run.
fn apt(present: bool, what: &str, packages: &str) -> Result<()> {
    if present {
        return Ok(());
    }
    let cmd = format!("apt-get update && apt-get install -y {packages}");
    if !is_root() {
        bail!("{what} is missing; install it with:\n  sudo sh -c '{cmd}'");
    }
    run(Command::new("sh").args(["-c", &format!("DEBIAN_FRONTEND=noninteractive {cmd}")]))
}

/// Debian's Chromium, ChromeDriver and a CJK font; installed with apt when root.
pub fn browser() -> Result<()> {
    let present =
        Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && has_cjk_font();
    apt(
        present,
        "Chromium, ChromeDriver or a CJK font",
        "chromium chromium-driver fonts-noto-cjk",
    )
}

/// The other two engines readers use: Firefox ESR, and WebKitGTK's
/// MiniBrowser with its WebDriver and a virtual display to run in.
pub fn engines() -> Result<()> {
    let present = [FIREFOX, WEBKIT_DRIVER, MINIBROWSER, XVFB]
        .iter()
        .all(|p| Path::new(p).exists());
    apt(
        present,
        "Firefox ESR, WebKitWebDriver or Xvfb",
        "firefox-esr webkit2gtk-driver xvfb",
    )
}
