//! `ChartView` sessions, natively: what a reader gets at each step of load →
//! resize → hover → key → switch dataset → resize to 0×0 → new data with
//! warnings, for every chart kind; plus the decisions the browser shell used
//! to make (language tags, themes, the box height, the static layer cache).

use std::fs;
use std::rc::Rc;

use lvdong::data::{Lang, ARTICLE_JSON};
use lvdong::kinds::{self, item_ref};
use lvdong::scene::{HitIndex, Scene};
use lvdong::text::{Cached, FixedMetrics, Measure, CACHE_LIMIT};
use lvdong::theme::ThemeName;
use lvdong::view::{resolve_lang, resolve_theme, ChartView, Paint, Switch, ViewData};
use serde_json::Value;

fn fixture_text(kind: &str) -> String {
    let path = format!("{}/tests/fixtures/{kind}.json", env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(path).unwrap()
}

fn data(text: &str) -> Rc<ViewData> {
    Rc::new(ViewData::from_json(text).unwrap())
}

/// A device-px point inside item key `key`'s hit region, from the scene's
/// own hit index (a ring's slice middle, a box's centre, a dot's cell).
fn point_in(s: &Scene, key: usize) -> Option<(f64, f64)> {
    s.hits.iter().find_map(|h| match h {
        HitIndex::Ring {
            cx,
            cy,
            r0,
            r1,
            slices,
        } => slices.iter().find(|sl| sl.2 == key).map(|&(a, b, _)| {
            let (m, r) = ((a + b) / 2.0, (r0 + r1) / 2.0);
            (cx + m.sin() * r, cy - m.cos() * r)
        }),
        HitIndex::Boxes(b) => b
            .iter()
            .find(|b| b.4 == key)
            .map(|b| (b.0 + b.2 / 2.0, b.1 + b.3 / 2.0)),
        HitIndex::Grid {
            x0,
            y0,
            pitch,
            cols,
            cells,
        } => cells.iter().position(|&c| c == key).map(|i| {
            let (c, r) = ((i % cols) as f64, (i / cols) as f64);
            (x0 + (c + 0.5) * pitch, y0 + (r + 0.5) * pitch)
        }),
        HitIndex::None => None,
    })
}

/// The fixture with the first item's English label removed: a file that
/// parses with a warning.
fn with_warning(text: &str) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let label = &mut v["charts"][0]["datasets"][0]["items"][0]["label"];
    label.as_object_mut().unwrap().remove("en");
    v.to_string()
}

/// The whole scripted session on the first chart of `tests/fixtures/<kind>.json`.
fn session(kind: &str) {
    let text = fixture_text(kind);
    let mut v = ChartView::new(data(&text), "", FixedMetrics).unwrap();
    let chart = v.chart().unwrap().clone();
    let spec = chart.kind.spec();
    assert_eq!(spec.name, kind);

    // Load: the card can be filled before there is a width; nothing to draw.
    let info = v.info().unwrap();
    assert_eq!(info.title, chart.title.zh);
    assert_eq!(info.dataset, chart.datasets[0].id);
    assert_eq!(
        info.tabs.len(),
        if kinds::has_tabs(&chart) {
            chart.datasets.len()
        } else {
            0
        }
    );
    assert!(!info.summary.is_empty() && !info.table.rows.is_empty());
    assert_eq!(
        v.paint(true, 0.0),
        Paint::Nothing,
        "{kind}: no width, no picture"
    );
    assert!(v.tooltip().is_none());

    // Resize: 600 CSS px at DPR 2.
    let h = v.resize(600.0, 2.0).expect("a height");
    assert!(h > 0.0);
    assert_eq!(v.scene().width, 1200.0);
    assert_eq!(v.scene().height / 2.0, h);

    // Hover every item: its tooltip names it, with a share exactly where the
    // kind's items are parts of a whole.
    let n = kinds::item_count(&chart, 0);
    assert!(n > 0);
    for key in 0..n {
        let (x, y) = point_in(v.scene(), key)
            .unwrap_or_else(|| panic!("{kind}: item {key} has a hit region"));
        v.pointer(x / 2.0, y / 2.0);
        assert_eq!(
            v.highlight(),
            Some(key),
            "{kind}: the pointer over item {key} highlights it"
        );
        let tip = v.tooltip().unwrap();
        let (d, i) = item_ref(&chart, 0, key).unwrap();
        let item = &chart.datasets[d].items[i];
        assert!(
            tip.label.ends_with(&item.label.zh),
            "{kind}: {} for {}",
            tip.label,
            item.label.zh
        );
        assert_eq!(tip.raw, item.value);
        assert_eq!(tip.dataset, chart.datasets[d].id);
        assert_eq!(
            tip.lines.first().is_some_and(|l| l.0 == "占比"),
            spec.parts_of_whole,
            "{kind}: the share line"
        );
    }
    assert!(v.leave());
    assert!(v.tooltip().is_none());

    // Keys: End focuses the last item and says where it is.
    assert!(v.key("End"));
    assert_eq!(v.highlight(), Some(n - 1));
    let said = v.announcement();
    assert!(
        said.ends_with(&format!("（第{n}项，共{n}项）")),
        "{kind}: {said}"
    );
    assert!(v.key("Home"));
    assert_eq!(v.highlight(), Some(0));
    assert!(!v.key("x"), "other keys are not handled");

    // Switch dataset where the kind has tabs: the box keeps its height.
    let before = v.scene().height;
    if kinds::has_tabs(&chart) {
        let to = &chart.datasets[1].id;
        assert_eq!(v.set_dataset(to), Ok(Switch::Changed));
        assert_eq!(v.set_dataset(to), Ok(Switch::Same));
        assert_eq!(v.info().unwrap().dataset, *to);
        assert_eq!(
            v.scene().height,
            before,
            "{kind}: tabs never resize the box"
        );
    }
    let err = v.set_dataset("no-such-set").unwrap_err();
    assert!(
        err.contains("no-such-set") && err.contains(&chart.id),
        "{err}"
    );

    // A hidden (0×0) box: nothing to lay out, the last picture stays.
    let last = v.scene().clone();
    assert_eq!(v.resize(0.0, 0.0), None);
    assert_eq!(*v.scene(), last);
    assert_ne!(v.paint(false, 0.0), Paint::Nothing);

    // New data with a warning: it draws, the warning is there to report, and
    // the reader stays on the dataset they chose.
    let shown = v.info().unwrap().dataset;
    v.set_data(data(&with_warning(&text))).unwrap();
    assert_eq!(v.warnings().len(), 1, "{kind}: {:?}", v.warnings());
    assert!(v.warnings()[0].contains("label.en"), "{:?}", v.warnings());
    assert_eq!(v.info().unwrap().dataset, shown);
    v.set_lang("en");
    assert_eq!(v.info().unwrap().title, chart.title.en.clone().unwrap());
}

/// At least one session per kind: every registered kind plays the script.
#[test]
fn every_kind_plays_a_whole_session() {
    for spec in kinds::ALL {
        session(spec.name);
    }
}

#[test]
fn every_kind_in_the_registry_has_a_session_fixture() {
    for spec in kinds::ALL {
        let text = fixture_text(spec.name);
        let d = ViewData::from_json(&text).unwrap();
        assert_eq!(
            d.file.charts[0].kind, spec.kind,
            "tests/fixtures/{}.json",
            spec.name
        );
    }
}

#[test]
fn the_article_energy_mix_reads_as_the_article_says() {
    let mut v = ChartView::new(data(ARTICLE_JSON), "energy-mix", FixedMetrics).unwrap();
    v.resize(640.0, 1.0).unwrap();
    let (x, y) = point_in(v.scene(), 0).unwrap();
    assert!(v.pointer(x, y));
    let tip = v.tooltip().unwrap();
    assert_eq!(tip.value, "8382万千瓦");
    assert_eq!(tip.lines[0], ("占比".to_string(), "41.8%".to_string()));
    assert!(!v.pointer(x + 1.0, y), "the same slice: no change");
    // The highlight survives a switch to a dataset with the same item id.
    assert_eq!(v.set_dataset("yantai"), Ok(Switch::Changed));
    assert_eq!(v.tooltip().unwrap().id, "renewable");
    assert_eq!(v.tooltip().unwrap().dataset, "yantai");
    let lang = v.set_lang("en-US");
    assert_eq!(lang, (true, None));
    assert_eq!(v.tooltip().unwrap().lines[0].0, "Share");
}

#[test]
fn an_unknown_chart_names_the_charts_the_file_has() {
    let err = ChartView::new(data(ARTICLE_JSON), "pie", FixedMetrics)
        .err()
        .unwrap();
    assert!(
        err.starts_with("no chart \"pie\" in the data file (it has: investment, "),
        "{err}"
    );
    let mut v = ChartView::new(data(ARTICLE_JSON), "", FixedMetrics).unwrap();
    assert_eq!(v.info().unwrap().id, "investment", "no id: the first chart");
    let other = r#"{"schema":1,"charts":[{"id":"x","kind":"kpi","title":{"zh":"x"},"source":{"zh":"s"},
        "datasets":[{"id":"d","label":{"zh":"d"},"unit":"count","items":[{"id":"a","label":{"zh":"a"},"value":1}]}]}]}"#;
    let err = v.set_data(data(other)).unwrap_err();
    assert!(err.contains("no chart \"investment\""), "{err}");
}

#[test]
fn language_tags_resolve_as_bcp47_with_a_warning_for_others() {
    for tag in ["en", "en-US", "en-GB", "EN-us", "en_AU"] {
        assert_eq!(resolve_lang(tag), (Lang::En, None), "{tag}");
    }
    for tag in ["zh", "zh-CN", "zh-Hans", "zh-Hant-TW", ""] {
        assert_eq!(resolve_lang(tag), (Lang::Zh, None), "{tag}");
    }
    let (lang, warning) = resolve_lang("fr-FR");
    assert_eq!(lang, Lang::Zh);
    assert!(warning.unwrap().contains("lang=\"fr-FR\""));
    assert!(
        resolve_lang("english").1.is_some(),
        "a primary subtag, not a prefix"
    );
}

#[test]
fn themes_follow_the_attribute_and_auto_the_system() {
    assert_eq!(resolve_theme("dark", false), ThemeName::Dark);
    assert_eq!(resolve_theme("light", true), ThemeName::Light);
    assert_eq!(resolve_theme("auto", true), ThemeName::Dark);
    assert_eq!(resolve_theme("auto", false), ThemeName::Light);
    assert_eq!(
        resolve_theme("", true),
        ThemeName::Light,
        "no attribute: light"
    );
    assert_eq!(resolve_theme("purple", true), ThemeName::Light);
}

#[test]
fn the_box_is_as_tall_as_the_tallest_dataset_in_every_language() {
    // yantai-2025 has datasets of 3, 2 and 3 KPIs.
    let mut v = ChartView::new(data(ARTICLE_JSON), "yantai-2025", FixedMetrics).unwrap();
    for width in [300.0, 640.0] {
        for lang in ["zh", "en"] {
            v.set_lang(lang);
            let h = v.resize(width, 1.0).unwrap();
            for ds in ["innovation", "industry", "environment"] {
                v.set_dataset(ds).unwrap();
                assert_eq!(v.scene().height, h, "{width} {lang} {ds}");
            }
        }
    }
}

#[test]
fn the_static_layer_is_redrawn_only_when_it_changes() {
    let mut v = ChartView::new(data(ARTICLE_JSON), "project-status", FixedMetrics).unwrap();
    v.resize(640.0, 1.0).unwrap();
    let redraws = |p: Paint<'_>| match p {
        Paint::Layered { redraw_layer, .. } => redraw_layer,
        other => panic!("the units chart paints in layers, got {other:?}"),
    };
    assert!(
        redraws(v.paint(true, 0.0)),
        "the first frame draws the layer"
    );
    assert!(!redraws(v.paint(true, 0.0)), "an unchanged frame reuses it");
    let (x, y) = point_in(v.scene(), 1).unwrap();
    assert!(v.pointer(x, y));
    assert!(
        !redraws(v.paint(true, 0.0)),
        "a hover leaves the layer alone"
    );
    v.set_theme("dark", false);
    assert!(redraws(v.paint(true, 0.0)), "a new theme redraws it");
    v.resize(500.0, 1.0).unwrap();
    assert!(redraws(v.paint(true, 0.0)), "a new size redraws it");
    assert!(matches!(v.paint(false, 0.0), Paint::Whole(_)));
    assert!(
        redraws(v.paint(true, 0.0)),
        "after a whole paint the cache is not trusted"
    );
}

#[test]
fn a_nonsense_device_pixel_ratio_lays_out_at_one() {
    let mut v = ChartView::new(data(ARTICLE_JSON), "energy-mix", FixedMetrics).unwrap();
    let h = v.resize(640.0, f64::NAN).unwrap();
    assert_eq!(v.scene().width, 640.0);
    assert_eq!(v.scene().height, h);
    assert_eq!(v.resize(f64::INFINITY, 1.0), None);
}

struct Counting(std::cell::Cell<usize>);

impl Measure for Counting {
    fn width(&self, text: &str, size: f64, _bold: bool) -> f64 {
        self.0.set(self.0.get() + 1);
        text.len() as f64 * size
    }
}

#[test]
fn measurements_are_cached_and_the_cache_is_bounded() {
    let m = Cached::new(Counting(std::cell::Cell::new(0)));
    assert_eq!(m.width("山东", 13.0, false), 6.0 * 13.0);
    assert_eq!(m.width("山东", 13.0, false), 6.0 * 13.0);
    assert_eq!(m.inner().0.get(), 1, "the second is from the cache");
    m.width("山东", 13.0, true);
    m.width("山东", 14.0, false);
    assert_eq!(m.inner().0.get(), 3, "weight and size are part of the key");
    for i in 0..CACHE_LIMIT + 10 {
        m.width(&i.to_string(), 12.0, false);
    }
    assert!(m.len() <= CACHE_LIMIT);
    assert!(!m.is_empty());
}
