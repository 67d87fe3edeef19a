//! `cargo xtask build`: the wasm module (cargo → wasm-bindgen → wasm-opt),
//! the page assets, the data files, the SVG fallbacks (also inside each
//! page's chart elements) and the generated gallery, into `dist/`. What
//! `lvdong.js` loads is named by content hash ([`hash_names`]).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;

use crate::{cli, project_root, tools};

pub fn dist() -> PathBuf {
    project_root().join("dist")
}

pub fn run(args: &[String]) -> Result<PathBuf> {
    cli::none(args, "cargo xtask build")?;
    let root = project_root();
    tools::ensure_wasm_target()?;
    let bindgen = tools::wasm_bindgen()?;
    tools::npm()?;
    tools::run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--lib",
                "--package",
                "lvdong",
                "--target",
                "wasm32-unknown-unknown",
                "--config",
                &remapped_sources()?,
            ])
            .current_dir(&root),
    )?;
    let dist = dist();
    if dist.exists() {
        fs::remove_dir_all(&dist).context("clearing dist/")?;
    }
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg)?;
    let wasm = root.join("target/wasm32-unknown-unknown/release/lvdong.wasm");
    tools::run(
        Command::new(&bindgen)
            .arg(&wasm)
            .args(["--target", "web", "--no-typescript"])
            // The page always passes the wasm in, and every browser lvdong
            // supports has `TextEncoder.encodeInto`: neither fallback ships.
            .args(["--omit-default-module-path", "--encode-into", "always"])
            .arg("--out-dir")
            .arg(&pkg),
    )?;
    refuse_heavy_std(&fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?)?;
    let bg = dist.join(WASM);
    tools::run(
        Command::new(tools::node_bin("wasm-opt"))
            .arg(&bg)
            // --converge and the strips: ~0.4 KB gzip off for free; flattening
            // and re-looping the control flow first, another ~0.4 KB.
            // --low-memory-unused (~0.5 KB): Rust puts the stack at the bottom
            // of memory (256 KiB, .cargo/config.toml), growing down, and data
            // above it, so the low 1 KiB is never addressed and
            // constant offsets fold into loads and stores. (Not
            // --traps-never-happen: a trap is how a bug fails only its chart.)
            // Merging near-identical functions (monomorphic copies differing in
            // a constant) before flattening hides nothing from the later passes
            // and, with global effects known to them, is ~0.3 KB gzip off.
            .args([
                // A function with one caller is inlined into it only when
                // small: big ones kept apart gzip better (their code repeats
                // the shapes of other functions, not the caller's locals),
                // ~0.8 KB less than inlining them all (sizes 20–40 measure
                // alike; 10 and 60 lose ~0.2 KB).
                "--one-caller-inline-max-function-size=20",
                "--merge-similar-functions",
                "--generate-global-effects",
                "--flatten",
                "--rereloop",
                "--low-memory-unused",
                "-Oz",
                "-Oz",
                "--converge",
                // Memory packing splits the data into a segment per non-zero
                // run to drop zeros from the raw file; gzip drops zeros for
                // nearly nothing, but not the ~45 segment headers (~0.16 KB gzip).
                "--skip-pass=memory-packing",
                "-o",
            ])
            .arg(&bg),
    )?;
    // Then the functions in an order gzip likes (see order.rs); the strips
    // last, as the reordering run reads the features from the module.
    crate::order::name_in_order(&bg)?;
    tools::run(
        Command::new(tools::node_bin("wasm-opt"))
            .arg(&bg)
            .args([
                "--reorder-functions-by-name",
                "--strip-debug",
                "--strip-producers",
                "--strip-target-features",
                "-o",
            ])
            .arg(&bg),
    )?;
    crate::imports::shorten(&bg, &dist.join(GLUE))?;
    copy_dir(&root.join("www"), &dist)?;
    bundle(&dist)?;
    let data = dist.join("data");
    fs::create_dir_all(&data)?;
    // The built-in data the element fetches when a chart has no `src`:
    // served without insignificant whitespace (~0.4 KB gzip less per page).
    // `data/article.json` stays for pages that name it; the element loads
    // the hashed copy.
    fs::write(data.join("article.json"), lvdong::data::ARTICLE_JSON)?;
    let hashed = hash_names(&dist)?;
    fs::copy(
        root.join("data/supplementary.json"),
        data.join("supplementary.json"),
    )?;
    for schema in [
        dist.join("lvdong.schema.json"),
        data.join("lvdong.schema.json"),
    ] {
        crate::schema::write(&schema)?;
    }
    let fallbacks = crate::render::write_all(&dist.join("fallback"))?;
    let integrity = sri(&fs::read(dist.join(PAGE)).context("reading dist/lvdong.js")?);
    crate::pages::write(&dist, &fallbacks, &integrity)?;
    fs::write(dist.join("_headers"), headers(&hashed))?;
    // The editor page's own wasm and bundle (issue 18), after the reader's.
    crate::editor::build(&dist, &bindgen)?;
    report(&dist, &hashed, &integrity)?;
    crate::editor::report(&dist)?;
    Ok(dist)
}

/// wasm-bindgen's wasm, before [`hash_names`] names it by its content.
const WASM: &str = "pkg/lvdong_bg.wasm";
/// The one page file, the element bundled with the glue and the stylesheet
/// (see [`bundle`]): the only stable name a page loads.
pub const PAGE: &str = "lvdong.js";
/// What [`bundle`] folds into lvdong.js (wasm-bindgen's glue, our
/// stylesheet); not shipped on their own.
const GLUE: &str = "pkg/lvdong.js";
const CSS: &str = "lvdong.css";
/// Story mode's module, which lvdong.js imports on pages that have steps.
const STORY: &str = "lvdong-story.js";
/// The built-in data as dist/ names it for pages (the element loads a hashed copy).
const ARTICLE: &str = "data/article.json";

/// The content-hashed names [`hash_names`] gave (relative to dist/).
pub struct Hashed {
    /// `lvdong.<hash>.wasm`: the payload's wasm.
    pub wasm: String,
    /// `data/article.<hash>.json`: the built-in data the element fetches.
    pub article: String,
    /// `lvdong-story.<hash>.js`: story mode, loaded on pages with steps.
    pub story: String,
}

impl Hashed {
    /// Every hashed file, relative to dist/.
    pub fn all(&self) -> [&str; 3] {
        [&self.wasm, &self.article, &self.story]
    }
}

/// First 8 hex digits of the SHA-256 of `bytes`: a name that changes
/// whenever the content does, so a CDN may keep it forever.
fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `sha384-…`: the Subresource Integrity value of `bytes`.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha384};
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// Writes `dist/<from>`'s bytes as `<stem>.<hash>.<ext>` beside it; `keep`
/// leaves the unhashed file too. Returns the new name relative to dist/.
fn hashed_copy(dist: &Path, from: &str, to_dir: &str, keep: bool) -> Result<String> {
    let bytes = fs::read(dist.join(from)).with_context(|| format!("reading dist/{from}"))?;
    let name = Path::new(from)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(from);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let to = format!("{to_dir}{stem}.{}.{ext}", content_hash(&bytes));
    fs::write(dist.join(&to), &bytes)?;
    if !keep {
        fs::remove_file(dist.join(from))?;
    }
    Ok(to)
}

/// Names the files `lvdong.js` loads by their content (`lvdong.3f9a1c2e.wasm`
/// beside it, `data/article.<hash>.json`, `lvdong-story.<hash>.js`) and
/// points its `new URL(…, import.meta.url)` literals at them, so bundlers
/// follow them too and `lvdong.js` stays the one name a CDN must
/// revalidate. Each old literal must occur exactly once in the bundle (else
/// the build fails: the page would load a name that no longer exists).
fn hash_names(dist: &Path) -> Result<Hashed> {
    let wasm = hashed_copy(dist, WASM, "", false)?;
    fs::remove_dir_all(dist.join("pkg")).context("removing dist/pkg")?;
    // `data/article.json` stays for pages that name it.
    let article = hashed_copy(dist, ARTICLE, "data/", true)?;
    let story = hashed_copy(dist, STORY, "", false)?;
    let page = dist.join(PAGE);
    let mut js = fs::read_to_string(&page).context("reading dist/lvdong.js")?;
    // (wasm-bindgen writes no default path of its own, which bundlers would
    // chase to a file that does not exist: see `--omit-default-module-path`.)
    for (old, new) in [
        (format!("./{WASM}"), &wasm),
        (format!("./{ARTICLE}"), &article),
        (format!("./{STORY}"), &story),
    ] {
        let old = format!("\"{old}\"");
        let n = js.matches(&old).count();
        if n != 1 {
            anyhow::bail!("dist/lvdong.js names {old} {n} times, not once; cannot hash it");
        }
        js = js.replace(&old, &format!("\"./{new}\""));
    }
    fs::write(&page, js)?;
    Ok(Hashed {
        wasm,
        article,
        story,
    })
}

/// `dist/_headers` (Netlify / Cloudflare Pages syntax; README says the same
/// for other servers): hashed files forever, the stable names briefly.
fn headers(h: &Hashed) -> String {
    const FOREVER: &str = "public, max-age=31536000, immutable";
    const BRIEF: &str = "public, max-age=300, must-revalidate";
    let mut out = String::from(
        "# Cache lifetimes for dist/ (cargo xtask build). Content-hashed files never\n\
         # change under their name; lvdong.js and the pages keep their names across\n\
         # releases, so caches must ask again soon.\n",
    );
    let hashed = h.all().map(|f| (format!("/{f}"), FOREVER));
    for (path, rule) in hashed.into_iter().chain([
        (format!("/{PAGE}"), BRIEF),
        (format!("/{ARTICLE}"), BRIEF),
        ("/*.html".to_string(), BRIEF),
        ("/fallback/*".to_string(), BRIEF),
    ]) {
        out.push_str(&format!("{path}\n  Cache-Control: {rule}\n"));
    }
    out
}

/// Extra rustflags (a `--config` value; cargo appends them to
/// .cargo/config.toml's) naming a dependency's source files from their crate
/// folder: a panic location in the wasm then reads `js-sys-0.3.107/src/…`, not
/// the builder's home directory and registry folder. The same bytes from any
/// machine, no local paths in what readers download, and ~40 B gzip less.
fn remapped_sources() -> Result<String> {
    let mut flags = Vec::new();
    let src = tools::cargo_home()?.join("registry").join("src");
    if let Ok(dirs) = fs::read_dir(&src) {
        for dir in dirs.flatten() {
            let path = dir.path().display().to_string();
            // A TOML literal string holds anything but its own quote.
            if !path.contains('\'') {
                flags.push(format!("'--remap-path-prefix={path}/='"));
            }
        }
    }
    Ok(format!(
        "target.wasm32-unknown-unknown.rustflags=[{}]",
        flags.join(",")
    ))
}

/// One file for the page's code, minified with esbuild (www/ keeps the
/// readable source): the element, wasm-bindgen's glue and the stylesheet as
/// text. Three requests in a row before the card could show became one; the
/// first chart drew ~4 ms sooner on loopback, and gzip is ~0.4 KB smaller
/// than the three files minified apart. The banner is Chromium's explicit
/// compile hint: nearly every function in the file runs when a chart loads,
/// so V8 compiles them while the file streams in, on a background thread,
/// not one by one on the main thread as each is first called.
fn bundle(dist: &Path) -> Result<()> {
    const BANNER: &str = "--banner:js=//# allFunctionsCalledOnLoad";
    // The stylesheet goes in as text, which esbuild keeps verbatim: minify it first.
    esbuild_in_place(&dist.join(CSS), &[])?;
    esbuild_in_place(
        &dist.join(PAGE),
        &[
            "--bundle",
            "--format=esm",
            "--loader:.css=text",
            BANNER,
            // `export const version`: the crate's (see www/lvdong.js).
            &format!("--define:LVDONG_VERSION=\"{}\"", lvdong::VERSION),
        ],
    )?;
    // Minified once more, as one file: the bundling pass names each module's
    // identifiers by that module's use, the second by the whole bundle's,
    // which gzip likes better (~0.08 KB; a third pass changes nothing).
    esbuild_in_place(&dist.join(PAGE), &["--format=esm", BANNER])?;
    // Story mode loads on its own, only on pages with steps (not in the payload).
    esbuild_in_place(&dist.join(STORY), &["--format=esm"])?;
    for rel in [GLUE, CSS] {
        fs::remove_file(dist.join(rel)).with_context(|| format!("removing dist/{rel}"))?;
    }
    Ok(())
}

/// Minifies `file` in place with esbuild, with `args` before the output.
fn esbuild_in_place(file: &Path, args: &[&str]) -> Result<()> {
    tools::run(
        Command::new(tools::node_bin("esbuild"))
            .arg(file)
            .args(args)
            .args(["--minify", "--log-level=warning", "--allow-overwrite"])
            .arg(format!("--outfile={}", file.display())),
    )
}

/// Parts of std that cost the wasm ~4–15 KB gzip each and have a small
/// replacement in the crate; named in the linked (pre-strip) wasm's name
/// section, where mangled names keep each module's name whole.
const HEAVY_STD: [(&str, &str); 4] = [
    (
        "dec2flt",
        "core's str::parse::<f64> (read numbers with data::json)",
    ),
    (
        "flt2dec",
        "core's float printing, `{}` of an f64 (write numbers with format::push_decimal)",
    ),
    (
        "libm",
        "compiler_builtins' libm (a C math function src/jsmath.rs does not answer yet)",
    ),
    (
        "dlmalloc",
        "std's dlmalloc allocator (src/heap.rs is the global allocator)",
    ),
];

/// Fails when the linked wasm holds what [`HEAVY_STD`] lists, or has no
/// name section to tell (then the check would pass whatever it linked).
fn refuse_heavy_std(wasm: &[u8]) -> Result<()> {
    let has = |needle: &str| wasm.windows(needle.len()).any(|w| w == needle.as_bytes());
    if !has("6lvdong") {
        bail!("the linked wasm has no symbol names, so the size guard cannot see what it links (keep `strip = \"debuginfo\"` in Cargo.toml)");
    }
    let found: Vec<&str> = HEAVY_STD
        .iter()
        .filter(|(needle, _)| has(needle))
        .map(|(_, what)| *what)
        .collect();
    if !found.is_empty() {
        bail!(
            "the wasm links what the size guard refuses:\n  {}",
            found.join("\n  ")
        );
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    Ok(enc.finish()?.len())
}

/// The budget the build enforces on the reader payload: wasm + lvdong.js,
/// each gzip -9, in bytes (the bench's "payload gzip KB" counts 1 KB = 1000
/// bytes the same way). Transitions, story mode and visible notes took it
/// to 64.5 KB in session 5 (the build then held a 65 KB line); session 6
/// won it back (58.0 KB; see CHANGELOG), so the product's 60 KB holds again.
pub const PAYLOAD_BUDGET: usize = 60_000;

/// Prints raw and gzip size of what a page loads (the hashed wasm and
/// lvdong.js) and lvdong.js's SRI; fails over [`PAYLOAD_BUDGET`].
fn report(dist: &Path, hashed: &Hashed, integrity: &str) -> Result<()> {
    let mut files = Vec::new();
    for rel in [hashed.wasm.as_str(), PAGE] {
        let bytes = fs::read(dist.join(rel)).with_context(|| format!("reading dist/{rel}"))?;
        files.push((rel, bytes));
    }
    let gzip = payload(&files)?;
    println!("lvdong.js integrity=\"{integrity}\"");
    println!("built {}", dist.display());
    check_budget(gzip)
}

/// Prints each file's raw and gzip size and the total; returns the gzip total.
fn payload(files: &[(&str, Vec<u8>)]) -> Result<usize> {
    println!("{:<28} {:>10} {:>10}", "file", "raw", "gzip -9");
    let mut total = (0, 0);
    for (rel, bytes) in files {
        let gz = gzip_len(bytes)?;
        total = (total.0 + bytes.len(), total.1 + gz);
        println!("{rel:<28} {:>10} {:>10}", bytes.len(), gz);
    }
    println!("{:<28} {:>10} {:>10}", "total", total.0, total.1);
    Ok(total.1)
}

fn check_budget(gzip: usize) -> Result<()> {
    if gzip > PAYLOAD_BUDGET {
        bail!(
            "the reader payload is {gzip} bytes gzip, over the {PAYLOAD_BUDGET}-byte budget (wasm + lvdong.js); see docs/architecture.md for what the wasm may link"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes gzip cannot shrink (an xorshift stream), like a wasm that grew.
    fn incompressible(n: usize) -> Vec<u8> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn a_payload_over_budget_fails_the_build() {
        let page = b"export function mount() {}".to_vec();
        let small = payload(&[(WASM, incompressible(20_000)), (PAGE, page.clone())]).unwrap();
        assert!(check_budget(small).is_ok());
        let big = payload(&[(WASM, incompressible(PAYLOAD_BUDGET + 1_000)), (PAGE, page)]).unwrap();
        let err = check_budget(big).unwrap_err().to_string();
        assert!(err.contains("over the 60000-byte budget"), "{err}");
        assert!(check_budget(PAYLOAD_BUDGET).is_ok());
        assert!(check_budget(PAYLOAD_BUDGET + 1).is_err());
    }

    #[test]
    fn a_wasm_linking_heavy_std_fails_the_build() {
        let names =
            |extra: &str| format!("\0name_ZN6lvdong4data4json4read17h0E{extra}").into_bytes();
        assert!(refuse_heavy_std(&names("")).is_ok());
        for (symbol, what) in [
            ("_ZN4core3num7flt2dec8strategy5grisu17h1E", "float printing"),
            ("_ZN4core3num7dec2flt5parse17h2E", "parse::<f64>"),
            ("_ZN17compiler_builtins4math9libm_math3tan3tan17h3E", "libm"),
            ("_ZN8dlmalloc8dlmalloc17Dlmalloc6malloc17h4E", "dlmalloc"),
        ] {
            let err = refuse_heavy_std(&names(symbol)).unwrap_err().to_string();
            assert!(err.contains(what), "{symbol}: {err}");
        }
        let stripped = refuse_heavy_std(b"\0asm no names").unwrap_err().to_string();
        assert!(stripped.contains("no symbol names"), "{stripped}");
    }
}
