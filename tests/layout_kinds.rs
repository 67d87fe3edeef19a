//! What each kind says in its marks: the donut's centre (highlighted item,
//! total, or the clean share of a percent dataset), the bar axis in the
//! locale's units with round ticks, and progress targets for ≥ and ≈.

use std::fs;

use lvdong::data::{parse_str, Chart, Lang};
use lvdong::layout::{layout, Options};
use lvdong::scene::{Scene, Shape};
use lvdong::text::FixedMetrics;

fn fixture(kind: &str) -> Chart {
    let path = format!("{}/tests/fixtures/{kind}.json", env!("CARGO_MANIFEST_DIR"));
    let (file, _) = parse_str(&fs::read_to_string(path).unwrap()).unwrap();
    file.charts[0].clone()
}

fn texts(s: &Scene) -> Vec<String> {
    s.marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn lay(chart: &Chart, ds: usize, lang: Lang, highlight: Option<usize>) -> Scene {
    let o = Options {
        lang,
        highlight,
        ..Options::default()
    };
    layout(chart, ds, &o, &FixedMetrics)
}

#[test]
fn donut_centre_shows_total_highlighted_item_or_clean_share() {
    let chart = fixture("donut");
    let t = texts(&lay(&chart, 0, Lang::Zh, None));
    assert!(
        // 8382万千瓦 ÷ 41.8%, to the three digits of 41.8%.
        t.contains(&"≈2.01亿千瓦".to_string()) && t.contains(&"合计".to_string()),
        "{t:?}"
    );
    let t = texts(&lay(&chart, 0, Lang::En, Some(0)));
    assert!(!t.contains(&"Total".to_string()), "{t:?}");
    // Yantai is in percent: a total of 100% says nothing, the clean share does.
    let t = texts(&lay(&chart, 1, Lang::Zh, None));
    assert!(!t.iter().any(|s| s == "合计" || s == "100%"), "{t:?}");
    assert!(t.iter().filter(|s| *s == "54.3%").count() >= 1);
    assert!(t.contains(&"清洁能源".to_string()));
    let t = texts(&lay(&chart, 1, Lang::Zh, Some(1)));
    assert!(
        t.iter().filter(|s| *s == "≈45.7%").count() >= 2,
        "centre and legend: {t:?}"
    );
}

#[test]
fn bar_axis_has_round_ticks_and_the_locale_unit() {
    let chart = fixture("bar");
    let zh = texts(&lay(&chart, 0, Lang::Zh, None));
    assert!(zh.contains(&"万亿元".to_string()), "{zh:?}");
    let en = texts(&lay(&chart, 0, Lang::En, None));
    assert!(en.contains(&"trillion yuan".to_string()), "{en:?}");
    // Ticks from 0 past the largest bar (8.45 trillion), in round steps.
    let ticks: Vec<f64> = zh.iter().filter_map(|s| s.parse::<f64>().ok()).collect();
    assert_eq!(ticks.first(), Some(&0.0), "{ticks:?}");
    assert!(*ticks.last().unwrap() >= 8.45);
    let step = ticks[1] - ticks[0];
    assert!([1.0, 2.0, 2.5, 5.0].contains(&step), "step {step}");
    // Sorted: the first value label is the largest.
    let first_value = zh
        .iter()
        .find(|s| s.ends_with("元") && s.contains('.'))
        .unwrap();
    assert_eq!(first_value, "8.45万亿元");
}

#[test]
fn progress_marks_at_least_and_about_targets() {
    let json = r#"{"schema":1,"charts":[{"id":"p","kind":"progress","title":{"zh":"t"},
      "source":{"zh":"s"},"datasets":[{"id":"d","label":{"zh":"d"},"unit":"percent","items":[
      {"id":"a","label":{"zh":"高新技术产业产值占比","en":"High-tech share"},"value":45,
       "target":{"value":60,"relation":"at-least"}},
      {"id":"b","label":{"zh":"制造业增加值占比","en":"Manufacturing share"},"value":30,
       "target":{"value":33,"relation":"about","label":{"zh":"计划","en":"Plan"}}}]}]}]}"#;
    let (file, _) = parse_str(json).unwrap();
    let t = texts(&lay(&file.charts[0], 0, Lang::Zh, None));
    assert!(t.contains(&"目标 ≥60%".to_string()), "{t:?}");
    assert!(t.contains(&"计划 ≈33%".to_string()), "{t:?}");
    assert!(t.contains(&"45% · 75%".to_string()), "{t:?}");
    let fixture = fixture("progress");
    let t = texts(&lay(&fixture, 0, Lang::En, None));
    assert!(t.iter().any(|s| s.ends_with("55.7%")), "{t:?}");
}

#[test]
fn progress_on_a_phone_gives_label_and_figures_their_own_lines_rather_than_ellipses() {
    let chart = fixture("progress");
    for width in [280.0, 320.0, 360.0, 900.0] {
        let o = Options {
            width,
            lang: Lang::En,
            ..Options::default()
        };
        let t = texts(&layout(&chart, 0, &o, &FixedMetrics));
        assert!(
            t.iter().any(|s| s == "Investment completed"),
            "{width}px: the label is whole: {t:?}"
        );
        assert!(
            t.iter()
                .any(|s| s.contains("762.25 billion yuan") && s.contains("55.7%")),
            "{width}px: value and share reached are whole: {t:?}"
        );
    }
}

#[test]
fn the_source_line_explains_the_derived_mark_wherever_it_is_shown() {
    use lvdong::data::ARTICLE_JSON;
    use lvdong::interact::table;
    use lvdong::layout::source_line;
    let (file, _) = parse_str(ARTICLE_JSON).unwrap();
    // energy-mix has derived slices; shandong-h1 has none.
    let derived = file.chart("energy-mix").unwrap();
    let plain = file.chart("shandong-h1").unwrap();
    assert_eq!(
        source_line(derived, Lang::Zh),
        "来源：烟台日报 YMG全媒体，2023-08-30；≈ 为据原文数字推算的值"
    );
    assert!(source_line(derived, Lang::En)
        .ends_with("; ≈ marks values derived from the reported figures"));
    assert_eq!(
        source_line(plain, Lang::En),
        "Source: Yantai Daily (YMG), 2023-08-30"
    );
    // The data table (screen readers) carries the same line.
    assert_eq!(
        table(derived, &derived.datasets[0], Lang::Zh).foot,
        source_line(derived, Lang::Zh)
    );
}

#[test]
fn a_highlight_moves_no_hit_region_or_anchor_so_hover_needs_no_new_layout() {
    // …and leaves the cached layer (`Scene::static_end`) as it was, so the browser
    // may reuse its picture of it.
    use lvdong::data::ARTICLE_JSON;
    let (file, _) = parse_str(ARTICLE_JSON).unwrap();
    let mut charts = file.charts.clone();
    charts.extend(["donut", "bar", "stacked", "progress", "kpi", "units"].map(fixture));
    for chart in &charts {
        for ds in 0..chart.datasets.len() {
            for width in [280.0, 900.0] {
                let plain = layout(
                    chart,
                    ds,
                    &Options {
                        width,
                        ..Options::default()
                    },
                    &FixedMetrics,
                );
                for hl in 0..plain.anchors.len() {
                    for keyboard in [false, true] {
                        let o = Options {
                            width,
                            highlight: Some(hl),
                            keyboard,
                            ..Options::default()
                        };
                        let lit = layout(chart, ds, &o, &FixedMetrics);
                        assert_eq!(
                            lit.hits, plain.hits,
                            "{} [{ds}] item {hl}: hit regions",
                            chart.id
                        );
                        assert_eq!(
                            lit.anchors, plain.anchors,
                            "{} [{ds}] item {hl}: anchors",
                            chart.id
                        );
                        assert_eq!(
                            lit.height, plain.height,
                            "{} [{ds}] item {hl}: height",
                            chart.id
                        );
                        assert_eq!(
                            lit.static_end, plain.static_end,
                            "{} [{ds}]: static_end",
                            chart.id
                        );
                        assert!(lit.static_end <= lit.marks.len());
                        assert_eq!(
                            lit.marks[..lit.static_end],
                            plain.marks[..plain.static_end],
                            "{} [{ds}] item {hl}: the cached layer changed",
                            chart.id
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_units_hover_redraws_a_few_marks_over_the_cached_dots() {
    use lvdong::data::Item;
    let mut chart = fixture("units");
    // The benchmark's scale case: 3,186 dots in 4 categories.
    let values = [1786.0, 800.0, 400.0, 200.0];
    let template = chart.datasets[0].items[0].clone();
    chart.datasets[0].items = values
        .iter()
        .enumerate()
        .map(|(i, v)| Item {
            id: format!("c{i}"),
            value: *v,
            ..template.clone()
        })
        .collect();
    let plain = lay(&chart, 0, Lang::Zh, None);
    let dots = plain.marks[..plain.static_end]
        .iter()
        .filter(|m| matches!(m.shape, Shape::Circle { .. }))
        .count();
    assert_eq!(dots, 3186, "every dot is in the cached layer");
    for h in 0..values.len() {
        let lit = lay(&chart, 0, Lang::Zh, Some(h));
        let over = &lit.marks[lit.static_end..];
        assert!(
            !over.iter().any(|m| matches!(m.shape, Shape::Circle { .. })),
            "item {h}: a pointer hover redraws no dot"
        );
        // At most four veil rectangles, plus the legend (4 rows of swatch and 3 texts).
        assert!(
            over.len() <= 4 + 4 * 4,
            "item {h}: {} marks redrawn",
            over.len()
        );
        // The veil is the background at the dim strength: the same colours as dimming each dot.
        let veils: Vec<_> = over
            .iter()
            .filter_map(|m| match m.shape {
                Shape::Rect { fill: Some(c), .. } if m.item.is_none() => Some(c),
                _ => None,
            })
            .collect();
        assert!(
            !veils.is_empty() && veils.len() <= 4,
            "item {h}: {} veils",
            veils.len()
        );
        for c in veils {
            assert_eq!(
                (c.r, c.g, c.b),
                (plain.background.r, plain.background.g, plain.background.b)
            );
            assert_eq!(c.a, lvdong::layout::DIM);
        }
    }
}

/// Counts the distinct sizes each text is measured at.
struct Counting(std::cell::RefCell<std::collections::HashMap<String, Vec<u64>>>);

impl lvdong::text::Measure for Counting {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let mut seen = self.0.borrow_mut();
        let sizes = seen.entry(text.to_string()).or_default();
        if !sizes.contains(&size.to_bits()) {
            sizes.push(size.to_bits());
        }
        lvdong::text::Measure::width(&FixedMetrics, text, size, bold)
    }
}

#[test]
fn fitting_a_big_number_measures_it_at_a_few_sizes_not_one_per_pixel_step() {
    // Each new font size is a cold measurement in the browser (1–5 ms each).
    use lvdong::data::ARTICLE_JSON;
    let (file, _) = parse_str(ARTICLE_JSON).unwrap();
    for id in ["energy-mix", "yantai-2025"] {
        let chart = file.chart(id).unwrap();
        for width in [280.0, 360.0, 900.0] {
            for dpr in [1.0, 2.0] {
                let m = Counting(Default::default());
                let o = Options {
                    width,
                    dpr,
                    ..Options::default()
                };
                let scene = layout(chart, 0, &o, &m);
                let plain = layout(chart, 0, &o, &FixedMetrics);
                assert_eq!(scene, plain, "{id}: measuring does not change the layout");
                for (text, sizes) in m.0.borrow().iter() {
                    assert!(
                        sizes.len() <= 3,
                        "{id} at {width} px ×{dpr}: \"{text}\" measured at {} sizes",
                        sizes.len()
                    );
                }
            }
        }
    }
}

/// The fill of each item's bar, by item index.
fn bar_fills(s: &Scene) -> Vec<(usize, lvdong::theme::Color)> {
    let mut fills: Vec<_> = s
        .marks
        .iter()
        .filter_map(|m| match (&m.shape, m.item) {
            (Shape::Rect { fill: Some(c), .. }, Some(i)) => Some((i, *c)),
            _ => None,
        })
        .collect();
    fills.sort_by_key(|(i, _)| *i);
    fills
}

#[test]
fn one_series_of_bars_is_one_colour_with_an_accent_and_categories_only_when_asked() {
    // 31 provinces, a plain count: what a new user pastes.
    let mut chart = fixture("bar");
    chart.datasets.truncate(1);
    let template = chart.datasets[0].items[0].clone();
    chart.datasets[0].unit = lvdong::data::Unit::Count;
    chart.datasets[0].items = (0..31)
        .map(|i| lvdong::data::Item {
            id: format!("p{i}"),
            value: 100.0 + i as f64,
            role: None,
            ..template.clone()
        })
        .collect();
    let fills = bar_fills(&lay(&chart, 0, Lang::Zh, None));
    assert_eq!(fills.len(), 31);
    assert!(
        fills.iter().all(|(_, c)| *c == fills[0].1),
        "31 bars of one series in one colour, not a rainbow"
    );
    // An accent for chosen items.
    chart.datasets[0].items[7].accent = true;
    let fills = bar_fills(&lay(&chart, 0, Lang::Zh, None));
    let accent = fills.iter().find(|(i, _)| *i == 7).unwrap().1;
    assert!(fills.iter().all(|(i, c)| (*i == 7) == (*c == accent)));
    // Categories: each bar its own colour (as far as the palette goes).
    chart.categories = true;
    let fills = bar_fills(&lay(&chart, 0, Lang::Zh, None));
    assert_ne!(fills[0].1, fills[1].1);
    assert_ne!(fills[1].1, fills[2].1);
}
