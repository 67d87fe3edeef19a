//! `cargo xtask render --out DIR`: every chart and dataset of the built-in data
//! (the article's and the supplementary file's) as SVG, in both languages,
//! drawn by the same layout and render code; with `--png` or `--card`, as
//! PNG images (see [`crate::png`]).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use lvdong::data::{parse_str, DataFile, Lang, ARTICLE_JSON, SUPPLEMENTARY_JSON};
use lvdong::layout::{layout, Options};
use lvdong::render::to_svg;
use lvdong::text::FixedMetrics;
use lvdong::theme::ThemeName;

use crate::cli::{unexpected, Args, Long};

const USAGE: &str = "cargo xtask render [--png | --card] [--width N] [--scale N] [--lang zh|en] \
[--theme light|dark] [--data FILE] [--chart ID] --out DIR | --text [--out DIR]";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let (mut out, mut text, mut png): (Option<PathBuf>, bool, bool) = (None, false, false);
    while let Some(arg) = a.next()? {
        match arg {
            Long("out") => out = Some(a.value("--out")?),
            Long("text") => text = true,
            Long("png") | Long("card") => png = true,
            // The PNG options, read again by `png::run`; checked here so an
            // unknown flag is refused.
            Long("width") | Long("scale") | Long("lang") | Long("theme") | Long("data")
            | Long("chart") => {
                let _: String = a.value("option")?;
            }
            other => return Err(unexpected(other, USAGE)),
        }
    }
    if text {
        let out = out.unwrap_or_else(|| crate::project_root().join("tests/text"));
        let n = write_texts(&out)?;
        println!("wrote {n} text snapshots to {}", out.display());
        return Ok(());
    }
    let out = out.ok_or_else(|| {
        anyhow!(
            "render needs --out DIR

usage: {USAGE}"
        )
    })?;
    if png {
        return crate::png::run(args, &out);
    }
    let n = write_all(&out)?.len();
    println!("wrote {n} SVG files to {}", out.display());
    Ok(())
}

/// A phone-column layout, drawn at twice that in device pixels: readable
/// when an article column shrinks it to 330 px, sharp when it enlarges it.
const WIDTH: f64 = 400.0;
const DPR: f64 = 2.0;

/// One SVG written: which chart, dataset and language it shows, its file
/// name, its size in CSS px and its text alternative (the Rust summary).
pub struct Fallback {
    pub chart: String,
    pub dataset: String,
    pub lang: &'static str,
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The built-in data files: the article's, then the supplementary one
/// (chart ids are unique across both, so a fallback is named by chart id).
pub fn built_in() -> Result<[DataFile; 2]> {
    let parse = |json: &str| {
        parse_str(json).map(|(f, _)| f).map_err(|p| {
            anyhow!(
                "built-in data is invalid: {}",
                p.first().map(|p| p.to_string()).unwrap_or_default()
            )
        })
    };
    Ok([parse(ARTICLE_JSON)?, parse(SUPPLEMENTARY_JSON)?])
}

/// Writes `CHART.DATASET.LANG.svg` for every chart and dataset; returns what it wrote.
pub fn write_all(out: &Path) -> Result<Vec<Fallback>> {
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut written = Vec::new();
    for chart in built_in()?.iter().flat_map(|f| &f.charts) {
        for (i, ds) in chart.datasets.iter().enumerate() {
            for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
                let o = Options {
                    width: WIDTH,
                    dpr: DPR,
                    lang,
                    theme: ThemeName::Light,
                    chrome: true,
                    ..Options::default()
                };
                let scene = layout(chart, i, &o, &FixedMetrics);
                let alt = lvdong::interact::summary(chart, ds, lang);
                let svg = to_svg(&scene, &alt).map_err(|e| anyhow!("{}: {e}", chart.id))?;
                let file = format!("{}.{}.{tag}.svg", chart.id, ds.id);
                fs::write(out.join(&file), svg)?;
                written.push(Fallback {
                    chart: chart.id.clone(),
                    dataset: ds.id.clone(),
                    lang: tag,
                    file,
                    width: (scene.width / DPR).round() as u32,
                    height: (scene.height / DPR).round() as u32,
                    alt,
                });
            }
        }
    }
    Ok(written)
}

/// `--text`: the editors' snapshot, one `CHART.txt` per built-in chart with
/// every reader-visible string (see `lvdong::snapshot`); the committed copy
/// in `tests/text/` is what the text-snapshot test compares with.
pub fn write_texts(out: &Path) -> Result<usize> {
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut n = 0;
    for json in [ARTICLE_JSON, SUPPLEMENTARY_JSON] {
        let texts = lvdong::snapshot::file_texts(json)
            .map_err(|p| anyhow!("built-in data: {}", p.join("; ")))?;
        for (id, text) in texts {
            fs::write(out.join(format!("{id}.txt")), text)?;
            n += 1;
        }
    }
    Ok(n)
}
