//! `cargo xtask render --png | --card`: every chart and dataset of a data file
//! as PNG (newsletters, social cards, print), rasterized natively by
//! `lvdong::image` from the same SVG, on every core; and the bench's PNG rate.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{anyhow, bail, Context, Result};
use lvdong::data::{parse_str, DataFile, Lang, ARTICLE_JSON};
use lvdong::image::Fonts;
use lvdong::layout::Options;
use lvdong::theme::ThemeName;

use crate::flag_value;

/// One image to make: chart id, dataset id, language.
struct Job {
    chart: String,
    dataset: String,
    lang: Lang,
}

/// What the flags ask for.
struct Ask {
    card: bool,
    width: f64,
    scale: f64,
    langs: Vec<Lang>,
    theme: ThemeName,
}

fn ask(args: &[String]) -> Result<Ask> {
    let num = |name: &str, default: f64, lo: f64, hi: f64| -> Result<f64> {
        let Some(v) = flag_value(args, name) else {
            return Ok(default);
        };
        let n: f64 = v
            .parse()
            .with_context(|| format!("{name} takes a number (got {v})"))?;
        if !(lo..=hi).contains(&n) {
            bail!("{name} must be between {lo} and {hi} (got {v})");
        }
        Ok(n)
    };
    let langs = match flag_value(args, "--lang").as_deref() {
        None => vec![Lang::Zh, Lang::En],
        Some("zh") => vec![Lang::Zh],
        Some("en") => vec![Lang::En],
        Some(other) => bail!("--lang takes zh or en (got {other})"),
    };
    let theme = match flag_value(args, "--theme").as_deref() {
        None | Some("light") => ThemeName::Light,
        Some("dark") => ThemeName::Dark,
        Some(other) => bail!("--theme takes light or dark (got {other})"),
    };
    Ok(Ask {
        card: args.iter().any(|a| a == "--card"),
        width: num("--width", 600.0, lvdong::layout::MIN_WIDTH, 2400.0)?,
        scale: num("--scale", 2.0, 0.5, 4.0)?,
        langs,
        theme,
    })
}

/// The data file of `--data FILE`, or the built-in article.
fn data(args: &[String]) -> Result<DataFile> {
    let (name, text) = match flag_value(args, "--data") {
        Some(path) => {
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
            (path, text)
        }
        None => ("the built-in data".to_string(), ARTICLE_JSON.to_string()),
    };
    let (file, _) = parse_str(&text).map_err(|p| {
        let list: Vec<String> = p.iter().map(|p| p.to_string()).collect();
        anyhow!(
            "{name} is invalid (cargo xtask check-data names every problem):\n  {}",
            list.join("\n  ")
        )
    })?;
    Ok(file)
}

/// Every dataset of every chart (of `--chart ID` only, when given) in each language.
fn jobs(file: &DataFile, only: Option<&str>, langs: &[Lang]) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    for chart in &file.charts {
        if only.is_some_and(|id| id != chart.id) {
            continue;
        }
        for ds in &chart.datasets {
            for &lang in langs {
                jobs.push(Job {
                    chart: chart.id.clone(),
                    dataset: ds.id.clone(),
                    lang,
                });
            }
        }
    }
    if let (Some(id), true) = (only, jobs.is_empty()) {
        bail!("no chart `{id}` in the data file");
    }
    Ok(jobs)
}

pub fn run(args: &[String], out: &Path) -> Result<()> {
    let ask = ask(args)?;
    let file = data(args)?;
    let jobs = jobs(&file, flag_value(args, "--chart").as_deref(), &ask.langs)?;
    // Before any work: a missing CJK font fails the command, naming the package.
    let fonts = Fonts::system()?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let start = Instant::now();
    let threads = parallel(&jobs, |job| {
        let png = make(fonts, &file, job, &ask)?;
        let suffix = if ask.card { ".card" } else { "" };
        let name = format!(
            "{}.{}.{}{suffix}.png",
            job.chart,
            job.dataset,
            job.lang.code()
        );
        std::fs::write(out.join(&name), png).with_context(|| format!("writing {name}"))
    })?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "wrote {} PNG files to {} in {secs:.2} s ({:.1} charts/s on {threads} threads)",
        jobs.len(),
        out.display(),
        jobs.len() as f64 / secs.max(1e-9)
    );
    Ok(())
}

fn make(fonts: &Fonts, file: &DataFile, job: &Job, ask: &Ask) -> Result<Vec<u8>> {
    let options = Options {
        width: ask.width,
        dpr: ask.scale,
        lang: job.lang,
        theme: ask.theme,
        chrome: true,
        ..Options::default()
    };
    let ds = Some(job.dataset.as_str());
    let png = if ask.card {
        fonts.card(file, &job.chart, ds, &options)
    } else {
        lvdong::render_svg(file, &job.chart, ds, &options).and_then(|svg| fonts.png(&svg, None))
    };
    png.map_err(|e| anyhow!("{}.{}: {e}", job.chart, job.dataset))
}

/// Runs `work` on every job, spread over the machine's cores; returns how
/// many threads ran. Every failure is reported, not only the first.
fn parallel(jobs: &[Job], work: impl Fn(&Job) -> Result<()> + Sync) -> Result<usize> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(e) = work(job) {
                        if let Ok(mut list) = errors.lock() {
                            list.push(format!("{e:#}"));
                        }
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        bail!(
            "{} image(s) failed:\n  {}",
            errors.len(),
            errors.join("\n  ")
        );
    }
    Ok(threads)
}

/// The bench's figure: `n` PNG renders of the demo charts (every chart,
/// dataset and language of the built-in data in turn; 600 px, DPR 2),
/// encoded and dropped, on every core. Returns (charts per second, threads).
pub fn rate(n: usize) -> Result<(f64, usize)> {
    let file = data(&[])?;
    let all = jobs(&file, None, &[Lang::Zh, Lang::En])?;
    let jobs: Vec<Job> = all
        .iter()
        .cycle()
        .take(n)
        .map(|j| Job {
            chart: j.chart.clone(),
            dataset: j.dataset.clone(),
            lang: j.lang,
        })
        .collect();
    let ask = ask(&[])?;
    let fonts = Fonts::system()?;
    let start = Instant::now();
    let threads = parallel(&jobs, |job| make(fonts, &file, job, &ask).map(|_| ()))?;
    Ok((jobs.len() as f64 / start.elapsed().as_secs_f64(), threads))
}

/// For the end-to-end check that a PNG looks like its SVG: a few charts
/// (a donut in Chinese, bars in English, the dot grid) as `NAME.svg` and
/// `NAME.png` of the same size in `out`.
pub fn pairs(out: &Path) -> Result<()> {
    let file = data(&[])?;
    let fonts = Fonts::system()?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for (chart, lang) in [
        ("energy-mix", Lang::Zh),
        ("investment", Lang::En),
        ("project-status", Lang::Zh),
    ] {
        let options = Options {
            width: 600.0,
            dpr: 1.0,
            lang,
            chrome: true,
            ..Options::default()
        };
        let svg = lvdong::render_svg(&file, chart, None, &options)?;
        let png = fonts.png(&svg, None)?;
        let name = format!("{chart}.{}", lang.code());
        std::fs::write(out.join(format!("{name}.svg")), &svg)?;
        std::fs::write(out.join(format!("{name}.png")), png)?;
    }
    Ok(())
}
