//! Checks that `vendor/plotters-canvas/` is plotters-canvas as published on
//! crates.io plus `vendor/plotters-canvas.patch`, so the vendored copy and the
//! patch (the one we could offer upstream) cannot drift apart.
//!
//! The pristine crate comes through cargo itself: a scratch package that
//! depends on it with no `[patch]` is fetched (checksum-verified against the
//! index), its `.crate` is unpacked with `tar`, the patch applied with
//! `git apply`, and the result compared file by file with the vendored copy.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{project_root, tools};

const NAME: &str = "plotters-canvas";
/// Must equal the vendored Cargo.toml's version.
const VERSION: &str = "0.3.1";

/// Files of the published crate that serve only its own repository and
/// packaging (cargo's records, CI, git and cargo settings); not vendored.
const NOT_VENDORED: [&str; 7] = [
    ".cargo_vcs_info.json",
    "Cargo.toml.orig",
    "Cargo.lock",
    ".gitignore",
    ".github",
    ".cargo",
    ".git",
];

pub fn check() -> Result<()> {
    let root = project_root();
    let vendored = root.join("vendor").join(NAME);
    let patch = root.join("vendor").join(format!("{NAME}.patch"));
    let scratch = root.join("target").join("vendor-check");
    if scratch.exists() {
        fs::remove_dir_all(&scratch).context("clearing target/vendor-check")?;
    }
    let pristine = scratch.join("a");
    unpack(&fetch(&root, &scratch)?, &pristine)?;
    let expected = scratch.join("expected");
    copy_tree(&pristine, &expected)?;
    // A repository of its own, so that git applies the patch here and not
    // relative to the lvdong checkout around target/.
    tools::run(
        Command::new("git")
            .args(["init", "-q"])
            .current_dir(&expected),
    )?;
    tools::run(
        Command::new("git")
            .args(["apply", "--whitespace=nowarn"])
            .arg(&patch)
            .current_dir(&expected),
    )
    .context("vendor/plotters-canvas.patch no longer applies to the published crate")?;
    let drift = differences(&expected, &vendored)?;
    if drift.is_empty() {
        println!("vendor/{NAME} is {NAME} {VERSION} from crates.io + vendor/{NAME}.patch");
        return Ok(());
    }
    let diff = refreshed_diff(&scratch, &vendored)?;
    bail!(
        "vendor/{NAME} is not {NAME} {VERSION} + vendor/{NAME}.patch: {}\n\
         The diff from the published crate to the vendored copy is in {}; put it \
         below the patch's header (and explain a new change there).",
        drift.join(", "),
        diff.display()
    )
}

/// Fetches the published crate through cargo and returns its `.crate` file.
fn fetch(root: &Path, scratch: &Path) -> Result<PathBuf> {
    let pkg = scratch.join("fetch");
    fs::create_dir_all(pkg.join("src"))?;
    fs::write(
        pkg.join("Cargo.toml"),
        format!(
            "[package]\nname = \"vendor-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\n{NAME} = \"={VERSION}\"\n\n[workspace]\n"
        ),
    )?;
    fs::write(pkg.join("src").join("lib.rs"), "")?;
    // The workspace's lock pins the crate's dependencies to versions the
    // build has already downloaded.
    fs::copy(root.join("Cargo.lock"), pkg.join("Cargo.lock"))?;
    tools::run(
        Command::new("cargo")
            .arg("fetch")
            .arg("--manifest-path")
            .arg(pkg.join("Cargo.toml")),
    )?;
    let file = format!("{NAME}-{VERSION}.crate");
    let caches = tools::cargo_home()?.join("registry").join("cache");
    for entry in fs::read_dir(&caches).with_context(|| format!("reading {}", caches.display()))? {
        let candidate = entry?.path().join(&file);
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    bail!(
        "cargo fetched {file} but it is not under {}",
        caches.display()
    )
}

/// Unpacks a `.crate` (a gzipped tar with one top folder) into `dir`,
/// without the files [`NOT_VENDORED`] names.
fn unpack(krate: &Path, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    tools::run(
        Command::new("tar")
            .arg("-xzf")
            .arg(krate)
            .args(["--strip-components=1", "-C"])
            .arg(dir),
    )?;
    for name in NOT_VENDORED {
        let path = dir.join(name);
        if path.is_dir() {
            fs::remove_dir_all(&path)?;
        } else if path.exists() {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The files (relative paths, `/`-separated) under `dir`, without those
/// [`NOT_VENDORED`] names at its top.
fn files(dir: &Path) -> Result<BTreeSet<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) -> Result<()> {
        for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if prefix.is_empty() && NOT_VENDORED.contains(&name.as_str()) {
                continue;
            }
            let rel = format!("{prefix}{name}");
            if entry.file_type()?.is_dir() {
                walk(&entry.path(), &format!("{rel}/"), out)?;
            } else {
                out.insert(rel);
            }
        }
        Ok(())
    }
    let mut out = BTreeSet::new();
    walk(dir, "", &mut out)?;
    Ok(out)
}

/// How `actual` differs from `expected`, one entry per file.
fn differences(expected: &Path, actual: &Path) -> Result<Vec<String>> {
    let (want, have) = (files(expected)?, files(actual)?);
    let mut out = Vec::new();
    for rel in want.union(&have) {
        match (want.contains(rel), have.contains(rel)) {
            (true, false) => out.push(format!("{rel} is missing")),
            (false, true) => out.push(format!("{rel} is not in the patched crate")),
            _ => {
                if fs::read(expected.join(rel))? != fs::read(actual.join(rel))? {
                    out.push(format!("{rel} differs"));
                }
            }
        }
    }
    Ok(out)
}

/// Writes the diff from the pristine crate (`scratch/a`) to the vendored
/// copy as `scratch/plotters-canvas.diff`, with the `a/…` and `b/…` paths a
/// patch in the crate's root needs.
fn refreshed_diff(scratch: &Path, vendored: &Path) -> Result<PathBuf> {
    copy_tree(vendored, &scratch.join("b"))?;
    let out = Command::new("git")
        .args(["diff", "--no-index", "--no-prefix", "a", "b"])
        .current_dir(scratch)
        .output()
        .context("running git diff")?;
    // `git diff --no-index` exits 1 when the trees differ, which they do.
    if out.status.code() != Some(1) {
        bail!(
            "git diff failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let path = scratch.join(format!("{NAME}.diff"));
    fs::write(&path, out.stdout)?;
    Ok(path)
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for rel in files(from)? {
        let target = to.join(&rel);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(from.join(&rel), &target).with_context(|| format!("copying {rel}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path, files: &[(&str, &str)]) {
        for (rel, text) in files {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn names_every_added_missing_and_changed_file_and_ignores_packaging() {
        let dir = std::env::temp_dir().join(format!("lvdong-vendor-{}", std::process::id()));
        let (want, have) = (dir.join("want"), dir.join("have"));
        tree(
            &want,
            &[
                ("Cargo.toml", "[package]"),
                ("src/lib.rs", "mod canvas;"),
                ("src/canvas.rs", "fn a() {}"),
                ("README.md", "x"),
                (".github/workflows/ci.yml", "on: push"),
            ],
        );
        tree(
            &have,
            &[
                ("Cargo.toml", "[package]"),
                ("src/lib.rs", "mod canvas;"),
                ("src/canvas.rs", "fn b() {}"),
                ("src/extra.rs", ""),
                ("Cargo.lock", "# ignored"),
            ],
        );
        assert_eq!(
            differences(&want, &have).unwrap(),
            [
                "README.md is missing",
                "src/canvas.rs differs",
                "src/extra.rs is not in the patched crate",
            ]
        );
        assert!(differences(&want, &want).unwrap().is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    /// What `cargo xtask test` runs; it needs crates.io (or cargo's cache).
    #[test]
    #[ignore = "fetches plotters-canvas from crates.io; cargo xtask test runs it"]
    fn vendored_plotters_canvas_is_the_published_crate_plus_the_patch() {
        check().unwrap();
    }
}
