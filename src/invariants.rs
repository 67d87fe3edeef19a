//! Properties every scene must have whatever the input: finite coordinates,
//! every mark inside the canvas, hit-testing that finds each item at its
//! anchor. Shared by the fuzz target and the native regression tests.

use crate::data::{parse_str, Chart, Lang};
use crate::interact::{announce, tooltip, State};
use crate::kinds::item_count;
use crate::layout::{layout, Options};
use crate::render::to_svg;
use crate::scene::{Scene, Shape};
use crate::text::FixedMetrics;
use crate::theme::ThemeName;

/// Half a device pixel of slack for anti-aliased edges and rounding.
const SLACK: f64 = 0.5;

fn inside(scene: &Scene, x0: f64, y0: f64, x1: f64, y1: f64) -> bool {
    x0 >= -SLACK && y0 >= -SLACK && x1 <= scene.width + SLACK && y1 <= scene.height + SLACK
}

/// Checks one scene; the error names the first offending mark.
pub fn check_scene(scene: &Scene) -> Result<(), String> {
    if !(scene.width.is_finite()
        && scene.height.is_finite()
        && scene.width > 0.0
        && scene.height > 0.0)
    {
        return Err(format!("bad canvas size {}×{}", scene.width, scene.height));
    }
    for (k, m) in scene.marks.iter().enumerate() {
        let (x0, y0, x1, y1) = match &m.shape {
            Shape::Sector { cx, cy, r1, .. } => (cx - r1, cy - r1, cx + r1, cy + r1),
            Shape::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Shape::Circle { cx, cy, r, .. } => (cx - r, cy - r, cx + r, cy + r),
            Shape::Line { x0, y0, x1, y1, .. } => {
                (x0.min(*x1), y0.min(*y1), x0.max(*x1), y0.max(*y1))
            }
            Shape::Text { x, y, .. } => (*x, *y, *x, *y),
        };
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return Err(format!(
                "mark {k} has a non-finite coordinate: {:?}",
                m.shape
            ));
        }
        if !inside(scene, x0, y0, x1, y1) {
            return Err(format!(
                "mark {k} leaves the {}×{} canvas: {:?}",
                scene.width, scene.height, m.shape
            ));
        }
    }
    for (i, (x, y)) in scene.anchors.iter().enumerate() {
        if !(x.is_finite() && y.is_finite()) {
            return Err(format!("anchor {i} is not finite"));
        }
    }
    Ok(())
}

/// Parses `text` and, when valid, lays out, hit-tests and renders every
/// chart and dataset at several sizes; returns the first broken property.
pub fn check_pipeline(text: &str) -> Result<(), String> {
    let Ok((file, _)) = parse_str(text) else {
        return Ok(());
    };
    for chart in &file.charts {
        for (d, ds) in chart.datasets.iter().enumerate() {
            for (width, dpr) in [(280.0, 1.0), (640.0, 2.0), (1200.0, 3.0)] {
                for highlight in [None, Some(0), ds.items.len().checked_sub(1)] {
                    for (lang, theme) in [(Lang::Zh, ThemeName::Light), (Lang::En, ThemeName::Dark)]
                    {
                        let o = Options {
                            width,
                            dpr,
                            lang,
                            theme,
                            highlight,
                            chrome: true,
                            ..Options::default()
                        };
                        let scene = layout(chart, d, &o, &FixedMetrics);
                        check_scene(&scene).map_err(|e| {
                            format!("{}[{}] at {width}px×{dpr}: {e}", chart.id, ds.id)
                        })?;
                        check_anchors(chart, d, &scene).map_err(|e| {
                            format!("{}[{}] at {width}px×{dpr}: {e}", chart.id, ds.id)
                        })?;
                        for (x, y) in [
                            (0.0, 0.0),
                            (scene.width / 2.0, scene.height / 2.0),
                            (-5.0, 1e9),
                            (f64::NAN, 3.0),
                        ] {
                            if let Some(i) = scene.hit(x, y) {
                                if i >= chart_keys(chart, ds.items.len()) {
                                    return Err(format!(
                                        "{}: hit at ({x}, {y}) found item {i} beyond the data",
                                        chart.id
                                    ));
                                }
                            }
                        }
                    }
                }
            }
            check_keyboard(chart, d).map_err(|e| format!("{}[{}]: {e}", chart.id, ds.id))?;
            let o = Options {
                chrome: true,
                ..Options::default()
            };
            to_svg(&layout(chart, d, &o, &FixedMetrics), "fuzz")
                .map_err(|e| format!("{}: svg: {e}", chart.id))?;
        }
    }
    Ok(())
}

/// One anchor per item key, and whatever the pointer finds at an anchor is
/// an item of this scene with a tooltip (overlapping marks may hand the
/// point to a neighbour, so the key itself is not required to match).
fn check_anchors(chart: &Chart, ds: usize, scene: &Scene) -> Result<(), String> {
    let n = item_count(chart, ds);
    if scene.anchors.len() != n {
        return Err(format!("{} anchors for {n} items", scene.anchors.len()));
    }
    for (k, &(x, y)) in scene.anchors.iter().enumerate() {
        if let Some(i) = scene.hit(x, y) {
            if i >= n {
                return Err(format!("anchor {k} hits item {i} of {n}"));
            }
            if tooltip(chart, ds, i, Lang::En).is_none() {
                return Err(format!("anchor {k} hits item {i}, which has no tooltip"));
            }
        }
    }
    Ok(())
}

/// Walks the keyboard through every transition the element can send,
/// switching datasets on the way: the highlight stays on an existing item,
/// which always has a tooltip and an announcement.
fn check_keyboard(chart: &Chart, ds: usize) -> Result<(), String> {
    const KEYS: [&str; 12] = [
        "ArrowRight",
        "ArrowRight",
        "End",
        "ArrowDown",
        "ArrowUp",
        "Home",
        "ArrowLeft",
        "Escape",
        "ArrowUp",
        "Tab",
        "ArrowRight",
        "Escape",
    ];
    let mut state = State {
        dataset: ds,
        ..State::default()
    };
    for (step, key) in KEYS.iter().enumerate() {
        let n = item_count(chart, state.dataset);
        state.key(key, n);
        if let Some(k) = state.highlight() {
            if k >= n {
                return Err(format!("after {key} the highlight is {k} of {n}"));
            }
            if tooltip(chart, state.dataset, k, Lang::Zh).is_none()
                || announce(chart, state.dataset, k, Lang::En).is_empty()
            {
                return Err(format!(
                    "after {key} item {k} has no tooltip or announcement"
                ));
            }
        }
        if step == 4 && !chart.datasets.is_empty() {
            state.switch(chart, (state.dataset + 1) % chart.datasets.len());
        }
    }
    let _ = state.pointer(Some(usize::MAX));
    let _ = tooltip(chart, state.dataset, usize::MAX, Lang::En);
    Ok(())
}

/// How many item keys a chart's scene may report (stacked charts key every
/// item of every dataset).
fn chart_keys(chart: &crate::data::Chart, items: usize) -> usize {
    chart
        .datasets
        .iter()
        .map(|d| d.items.len())
        .sum::<usize>()
        .max(items)
}
