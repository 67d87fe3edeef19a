//! Layout invariants over random datasets (1–200 items, 280–1200 CSS px,
//! dpr 1–3, both languages and themes, every kind): every mark inside the
//! canvas, no NaN or infinity, text ≥ 12 CSS px, donut slices making a full
//! turn, text labels never overlapping, and each anchor hitting its own item.

use std::f64::consts::TAU;

use lvdong::data::{
    Chart, Dataset, Item, Kind, Lang, Reference, Relation, Role, Source, Text, Unit,
};
use lvdong::layout::{layout, Options};
use lvdong::scene::{Align, Baseline, HitIndex, Scene, Shape};
use lvdong::text::{FixedMetrics, Measure};
use lvdong::theme::ThemeName;
use proptest::prelude::*;

const WORDS: [&str; 8] = [
    "新能源和可再生能源",
    "Other sources",
    "烟台",
    "Shandong major-project library",
    "A",
    "高新技术产业产值占比",
    "R&D spending growth a year",
    "现场签约",
];

fn item(i: usize, value: f64, word: usize, kind: Kind, role: Option<Role>) -> Item {
    let w = WORDS[word % WORDS.len()];
    Item {
        id: format!("i{i}"),
        label: Text::new(&format!("{w}{i}"), &format!("{w} {i}")),
        value,
        derived: i.is_multiple_of(3),
        relation: [Relation::Exact, Relation::AtLeast, Relation::About][i % 3],
        change: !kind.spec().parts_of_whole && i % 2 == 1,
        unit: None,
        note: i
            .is_multiple_of(2)
            .then(|| Text::new("由报道数字推算", "Derived from the reported figures")),
        target: kind.spec().needs_target.then(|| Reference {
            value: value * [0.5, 1.0, 1.8, 3.0][i % 4],
            label: Some(Text::new("计划", "Plan")),
            derived: i.is_multiple_of(2),
            relation: [Relation::About, Relation::AtLeast][i % 2],
        }),
        role,
        share: None,
        details: Vec::new(),
        accent: false,
    }
}

fn dataset(id: usize, kind: Kind, values: &[f64], words: &[usize], unit: Unit) -> Dataset {
    let items = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let role = match (i + id) % 5 {
                0 => Some(Role::Clean),
                1 => Some(Role::Other),
                _ => None,
            };
            item(i, *v, words.get(i).copied().unwrap_or(0), kind, role)
        })
        .collect();
    Dataset {
        id: format!("d{id}"),
        label: Text::new(&format!("数据集{id}"), &format!("Dataset {id}")),
        unit,
        noun: Some(Text::new("个", "projects")),
        note: None,
        scale: None,
        items,
    }
}

fn chart(kind: Kind, sets: Vec<Dataset>) -> Chart {
    Chart {
        id: "c".into(),
        kind,
        title: Text::new("烟台“碳”路，绿“动”未来", "Yantai's green low-carbon road"),
        subtitle: None,
        source: Source {
            text: Text::new("烟台日报 YMG", "Yantai Daily (YMG)"),
            url: None,
            date: Some("2023-08-30".into()),
            as_of: None,
        },
        sort: true,
        categories: false,
        datasets: sets,
    }
}

fn kind_strategy() -> impl Strategy<Value = Kind> {
    prop::sample::select(
        lvdong::kinds::ALL
            .iter()
            .map(|s| s.kind)
            .collect::<Vec<_>>(),
    )
}

/// A random chart of `kind` with 1–200 items (1–6 for KPIs, 1–4 stacked rows).
fn chart_strategy() -> impl Strategy<Value = Chart> {
    kind_strategy().prop_flat_map(|kind| {
        let max = kind.spec().max_items.min(200);
        let rows = if kind.spec().all_datasets {
            1..5usize
        } else {
            1..2usize
        };
        let value = if kind.spec().dots {
            (1u32..60).prop_map(f64::from).boxed()
        } else {
            (1.0f64..1000.0, 0i32..10)
                .prop_map(|(m, e)| (m * 10f64.powi(e)).round().max(1.0))
                .boxed()
        };
        let unit = prop::sample::select(vec![Unit::Cny, Unit::Kw, Unit::Percent, Unit::Count]);
        (
            prop::collection::vec(
                (
                    prop::collection::vec(value, 1..=max),
                    prop::collection::vec(0usize..8, max),
                    unit,
                ),
                rows,
            ),
            Just(kind),
        )
            .prop_map(|(sets, kind)| {
                let sets = sets
                    .into_iter()
                    .enumerate()
                    .map(|(i, (values, words, unit))| {
                        let unit = if kind.spec().dots { Unit::Count } else { unit };
                        dataset(i, kind, &values, &words, unit)
                    })
                    .collect();
                chart(kind, sets)
            })
    })
}

fn options_strategy() -> impl Strategy<Value = Options> {
    (
        280.0f64..1200.0,
        prop::sample::select(vec![1.0, 1.5, 2.0, 3.0]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0usize..200),
        any::<bool>(),
    )
        .prop_map(
            |(width, dpr, en, dark, chrome, highlight, keyboard)| Options {
                width,
                dpr,
                lang: if en { Lang::En } else { Lang::Zh },
                theme: if dark {
                    ThemeName::Dark
                } else {
                    ThemeName::Light
                },
                chrome,
                highlight,
                keyboard,
                min_height: 0.0,
            },
        )
}

/// Bounding box (x0, y0, x1, y1) of a text mark.
fn text_box(x: f64, y: f64, text: &str, size: f64, bold: bool, a: Align, b: Baseline) -> [f64; 4] {
    let w = FixedMetrics.width(text, size, bold);
    let x0 = match a {
        Align::Left => x,
        Align::Center => x - w / 2.0,
        Align::Right => x - w,
    };
    let y0 = match b {
        Baseline::Top => y,
        Baseline::Middle => y - size / 2.0,
        Baseline::Bottom => y - size,
    };
    [x0, y0, x0 + w, y0 + size]
}

fn bbox(shape: &Shape) -> [f64; 4] {
    match shape {
        Shape::Sector { cx, cy, r1, .. } => [cx - r1, cy - r1, cx + r1, cy + r1],
        Shape::Rect { x, y, w, h, .. } => [*x, *y, x + w, y + h],
        Shape::Circle { cx, cy, r, .. } => [cx - r, cy - r, cx + r, cy + r],
        Shape::Line { x0, y0, x1, y1, .. } => [x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1)],
        Shape::Text {
            x,
            y,
            text,
            size,
            bold,
            align,
            baseline,
            ..
        } => text_box(*x, *y, text, *size, *bold, *align, *baseline),
    }
}

fn numbers(shape: &Shape) -> Vec<f64> {
    match shape {
        Shape::Sector {
            cx,
            cy,
            r0,
            r1,
            start,
            end,
            ..
        } => vec![*cx, *cy, *r0, *r1, *start, *end],
        Shape::Rect {
            x, y, w, h, stroke, ..
        } => {
            vec![*x, *y, *w, *h, stroke.map_or(0.0, |s| s.1)]
        }
        Shape::Circle { cx, cy, r, .. } => vec![*cx, *cy, *r],
        Shape::Line {
            x0,
            y0,
            x1,
            y1,
            width,
            ..
        } => vec![*x0, *y0, *x1, *y1, *width],
        Shape::Text { x, y, size, .. } => vec![*x, *y, *size],
    }
}

fn check(chart: &Chart, o: &Options, s: &Scene) -> Result<(), TestCaseError> {
    let tol = 0.5;
    prop_assert!(s.width.is_finite() && s.height.is_finite() && s.height > 0.0);
    for m in &s.marks {
        for v in numbers(&m.shape) {
            prop_assert!(v.is_finite(), "non-finite number in {:?}", m.shape);
        }
        let [x0, y0, x1, y1] = bbox(&m.shape);
        prop_assert!(
            x0 >= -tol && y0 >= -tol && x1 <= s.width + tol && y1 <= s.height + tol,
            "mark outside the {}×{} canvas: {:?}",
            s.width,
            s.height,
            m.shape
        );
        if let Shape::Text { size, .. } = &m.shape {
            prop_assert!(
                *size >= 12.0 * o.dpr - 1e-9,
                "text below 12 CSS px: {:?}",
                m.shape
            );
        }
    }
    for (x, y) in &s.anchors {
        prop_assert!(x.is_finite() && y.is_finite());
    }
    // Text labels never overlap one another.
    let texts: Vec<([f64; 4], &str)> = s
        .marks
        .iter()
        .filter_map(|m| match &m.shape {
            Shape::Text { text, .. } if !text.is_empty() => Some((bbox(&m.shape), text.as_str())),
            _ => None,
        })
        .collect();
    for (i, (a, ta)) in texts.iter().enumerate() {
        for (b, tb) in texts.iter().skip(i + 1) {
            let apart = a[2] <= b[0] + tol
                || b[2] <= a[0] + tol
                || a[3] <= b[1] + tol
                || b[3] <= a[1] + tol;
            prop_assert!(apart, "labels overlap: {ta:?} {a:?} and {tb:?} {b:?}");
        }
    }
    // Donut slices tile the full turn, in order.
    if chart.kind == Kind::Donut {
        let slices = s
            .hits
            .iter()
            .find_map(|h| match h {
                HitIndex::Ring { slices, .. } => Some(slices.clone()),
                _ => None,
            })
            .ok_or_else(|| TestCaseError::fail("a donut without a ring"))?;
        let sum: f64 = slices.iter().map(|(a, b, _)| b - a).sum();
        prop_assert!((sum - TAU).abs() < 1e-9, "slices sum to {sum}");
        prop_assert!(slices.first().is_some_and(|f| f.0 == 0.0));
        for w in slices.windows(2) {
            prop_assert!(w[0].1 == w[1].0);
        }
    }
    // Each item's anchor hits that item.
    for (key, (x, y)) in s.anchors.iter().enumerate() {
        prop_assert_eq!(
            s.hit(*x, *y),
            Some(key),
            "anchor of item {} at ({}, {})",
            key,
            x,
            y
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn layout_invariants_hold_for_random_data(chart in chart_strategy(), o in options_strategy()) {
        let s = layout(&chart, 0, &o, &FixedMetrics);
        check(&chart, &o, &s)?;
    }
}
