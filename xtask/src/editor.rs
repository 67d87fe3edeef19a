//! The editor page in `dist/`: `editor.html`, and under `editor/` its own
//! bundle (`editor.js`, `editor.css`) and wasm (`lvdong_editor_bg.wasm`, the
//! `lvdong-editor` crate), so none of it enters the reader's payload.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::{project_root, tools};

/// The editor's files a browser loads, for the size report.
pub const FILES: [&str; 3] = [
    "editor/pkg/lvdong_editor_bg.wasm",
    "editor/editor.js",
    "editor/editor.css",
];

/// Builds the editor's wasm and bundle into `dist` (after the reader's,
/// which it imports as `../lvdong.js` for the live preview).
pub fn build(dist: &Path, bindgen: &Path) -> Result<()> {
    let root = project_root();
    tools::run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--lib",
                "--package",
                "lvdong-editor",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .current_dir(&root),
    )?;
    let out = dist.join("editor");
    let pkg = out.join("pkg");
    fs::create_dir_all(&pkg)?;
    tools::run(
        Command::new(bindgen)
            .arg(root.join("target/wasm32-unknown-unknown/release/lvdong_editor.wasm"))
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&pkg),
    )?;
    let wasm = pkg.join("lvdong_editor_bg.wasm");
    tools::run(
        Command::new(tools::node_bin("wasm-opt"))
            .arg(&wasm)
            .args(["-Oz", "--strip-producers", "-o"])
            .arg(&wasm),
    )?;
    let src = root.join("editor/www");
    fs::copy(src.join("editor.html"), dist.join("editor.html")).context("editor.html")?;
    fs::copy(src.join("editor.css"), out.join("editor.css")).context("editor.css")?;
    // Bundled in place, where `./pkg/…` (the glue) resolves as in the browser.
    let js = out.join("editor.js");
    fs::copy(src.join("editor.js"), &js).context("editor.js")?;
    // One file with wasm-bindgen's glue; the reader's element stays its own
    // module (`../lvdong.js`), shared with any chart on the page.
    tools::run(
        Command::new(tools::node_bin("esbuild"))
            .arg(&js)
            .args([
                "--bundle",
                "--format=esm",
                "--minify",
                "--log-level=warning",
                "--allow-overwrite",
                "--external:../lvdong.js",
            ])
            .arg(format!("--outfile={}", js.display())),
    )?;
    fs::remove_file(pkg.join("lvdong_editor.js")).context("removing the bundled glue")?;
    Ok(())
}

/// Prints the editor's own files, apart from the reader's payload.
pub fn report(dist: &Path) -> Result<()> {
    let mut total = (0, 0);
    for rel in FILES {
        let bytes = fs::read(dist.join(rel)).with_context(|| format!("reading dist/{rel}"))?;
        let gz = crate::build::gzip_len(&bytes)?;
        total = (total.0 + bytes.len(), total.1 + gz);
        println!("{rel:<34} {:>10} {:>10}", bytes.len(), gz);
    }
    println!(
        "{:<34} {:>10} {:>10}  (editor page only)",
        "editor total", total.0, total.1
    );
    Ok(())
}
