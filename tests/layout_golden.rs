//! Golden SVG snapshots of every chart kind, in both languages and both
//! themes: `tests/golden/<kind>-<lang>-<theme>.snap.svg` from
//! `tests/fixtures/<kind>.json`, compared by `insta` (binary snapshots, so
//! each golden is a plain SVG file; the `.snap` beside it is insta's record).
//!
//! A difference or a missing golden fails the test. Outside CI insta also
//! writes the new picture beside the golden (`….snap.new.svg`; review with
//! `cargo insta review`); in CI (`CI` set) it writes nothing. `LVDONG_BLESS=1`
//! (the same as `INSTA_UPDATE=always`) accepts every new picture in place.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use lvdong::data::{parse_str, Lang};
use lvdong::kinds::ALL;
use lvdong::layout::{layout, Options};
use lvdong::render::to_svg;
use lvdong::text::FixedMetrics;
use lvdong::theme::ThemeName;

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

/// Compares `got` with golden `name` through insta; returns what failed.
fn check(name: &str, got: String) -> Option<String> {
    // insta panics on the first difference; catching it lets one run report
    // every golden that changed.
    let svg = got.clone();
    let run = catch_unwind(AssertUnwindSafe(|| {
        insta::with_settings!({
            snapshot_path => root().join("tests/golden"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_binary_snapshot!(&format!("{name}.svg"), svg.into_bytes());
        });
    }));
    run.is_err().then(|| {
        let golden = root().join(format!("tests/golden/{name}.snap.svg"));
        let Ok(want) = fs::read_to_string(&golden) else {
            return format!("{name}: no golden {}", golden.display());
        };
        // The first changed lines, for a CI log where no new file is written.
        let diff = similar::TextDiff::from_lines(&want, &got)
            .unified_diff()
            .context_radius(0)
            .header(&format!("{name}.snap.svg"), "new")
            .to_string();
        let short: Vec<&str> = diff.lines().take(12).collect();
        format!("{name}:\n{}", short.join("\n"))
    })
}

#[test]
fn every_kind_matches_its_golden_svg_in_both_languages_and_themes() {
    if std::env::var("LVDONG_BLESS").is_ok_and(|v| v == "1") {
        // Read by insta at its first assertion; this file holds one test, so
        // no other thread is reading the environment.
        std::env::set_var("INSTA_UPDATE", "always");
    }
    let mut failures = Vec::new();
    // Every registered kind: a new one fails here until its goldens are blessed.
    for kind in ALL.iter().map(|spec| spec.name) {
        for (lang, l) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            for (theme, t) in [(ThemeName::Light, "light"), (ThemeName::Dark, "dark")] {
                let svg = render(kind, lang, theme, 640.0);
                failures.extend(check(&format!("{kind}-{l}-{t}"), svg));
            }
        }
        // The phone column, where legends move below and labels go above bars.
        let svg = render(kind, Lang::Zh, ThemeName::Light, 320.0);
        failures.extend(check(&format!("{kind}-zh-light-narrow"), svg));
        // Keyboard focus on the first item: focus ring, the others dimmed.
        let svg = render_with(kind, Lang::En, ThemeName::Light, 640.0, Some(0));
        failures.extend(check(&format!("{kind}-en-light-focus"), svg));
    }
    assert!(
        failures.is_empty(),
        "{} golden(s) differ or are missing (LVDONG_BLESS=1 accepts the new pictures):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
