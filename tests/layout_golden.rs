//! Golden SVG snapshots of every chart kind, in both languages and both
//! themes: `tests/golden/<kind>.<lang>.<theme>.svg` from
//! `tests/fixtures/<kind>.json`. `LVDONG_BLESS=1` rewrites the goldens; on a
//! mismatch the actual SVG and a line diff go to `target/golden-diff/`.

use std::fs;
use std::path::{Path, PathBuf};

use lvdong::data::{parse_str, Lang};
use lvdong::layout::{layout, Options};
use lvdong::render::to_svg;
use lvdong::text::FixedMetrics;
use lvdong::theme::ThemeName;

const KINDS: [&str; 6] = ["donut", "bar", "stacked", "progress", "kpi", "units"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The SVG of a fixture's first chart, first dataset, drawn with its frame.
pub fn render(kind: &str, lang: Lang, theme: ThemeName, width: f64) -> String {
    render_with(kind, lang, theme, width, None)
}

/// As [`render`], with item `focus` highlighted from the keyboard.
pub fn render_with(
    kind: &str,
    lang: Lang,
    theme: ThemeName,
    width: f64,
    focus: Option<usize>,
) -> String {
    let path = root().join("tests/fixtures").join(format!("{kind}.json"));
    let text = fs::read_to_string(&path).unwrap();
    let (file, problems) = parse_str(&text).unwrap_or_else(|p| panic!("{kind}: {p:?}"));
    assert!(problems.is_empty(), "{kind}: {problems:?}");
    let chart = &file.charts[0];
    let o = Options {
        width,
        lang,
        theme,
        chrome: true,
        highlight: focus,
        keyboard: focus.is_some(),
        ..Options::default()
    };
    let scene = layout(chart, 0, &o, &FixedMetrics);
    to_svg(&scene, chart.title.get(lang)).unwrap()
}

fn line_diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut out = String::new();
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            out.push_str(&format!(
                "@@ line {}\n- {}\n+ {}\n",
                i + 1,
                a.unwrap_or(&""),
                b.unwrap_or(&"")
            ));
        }
    }
    out
}

fn check(name: &str, got: &str, failures: &mut Vec<String>) {
    let golden = root().join("tests/golden").join(format!("{name}.svg"));
    if std::env::var("LVDONG_BLESS").is_ok_and(|v| v == "1") {
        fs::write(&golden, got).unwrap();
        return;
    }
    let want = fs::read_to_string(&golden).unwrap_or_default();
    if want != got {
        let dir = root().join("target/golden-diff");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("{name}.actual.svg")), got).unwrap();
        fs::write(dir.join(format!("{name}.diff")), line_diff(&want, got)).unwrap();
        failures.push(format!(
            "{name}: differs from {} (see {}; LVDONG_BLESS=1 to accept)",
            golden.display(),
            Path::new("target/golden-diff")
                .join(format!("{name}.diff"))
                .display()
        ));
    }
}

#[test]
fn every_kind_matches_its_golden_svg_in_both_languages_and_themes() {
    let mut failures = Vec::new();
    for kind in KINDS {
        for (lang, l) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            for (theme, t) in [(ThemeName::Light, "light"), (ThemeName::Dark, "dark")] {
                let svg = render(kind, lang, theme, 640.0);
                check(&format!("{kind}.{l}.{t}"), &svg, &mut failures);
            }
        }
        // The phone column, where legends move below and labels go above bars.
        let svg = render(kind, Lang::Zh, ThemeName::Light, 320.0);
        check(&format!("{kind}.zh.light.narrow"), &svg, &mut failures);
        // Keyboard focus on the first item: focus ring, the others dimmed.
        let svg = render_with(kind, Lang::En, ThemeName::Light, 640.0, Some(0));
        check(&format!("{kind}.en.light.focus"), &svg, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
