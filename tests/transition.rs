//! Transitions, natively: the frame `ChartView` gives at t = 0, ½ and 1 of a
//! dataset switch or new data for every kind, an interruption mid-way, items
//! entering and leaving, numbers counting in their final format, hover on a
//! moving mark, and reduced motion.

use std::fs;
use std::rc::Rc;

use lvdong::kinds;
use lvdong::scene::{Mark, Scene, Shape};
use lvdong::text::FixedMetrics;
use lvdong::transition::{count, ease, DURATION};
use lvdong::view::{ChartView, Paint, Switch, ViewData};
use serde_json::{json, Value};

const T0: f64 = 1000.0;

fn fixture(kind: &str) -> Value {
    let path = format!("{}/tests/fixtures/{kind}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn data(v: &Value) -> Rc<ViewData> {
    Rc::new(ViewData::from_json(&v.to_string()).unwrap())
}

fn view(v: &Value) -> ChartView<FixedMetrics> {
    let mut view = ChartView::new(data(v), "", FixedMetrics).unwrap();
    view.resize(600.0, 1.0).unwrap();
    view
}

/// The scene `paint` hands the shell at `now`.
fn painted(v: &mut ChartView<FixedMetrics>, now: f64) -> Scene {
    match v.paint(false, now) {
        Paint::Whole(s) => s.clone(),
        other => panic!("expected a whole scene, got {other:?}"),
    }
}

/// Marks that leave ink: a frame's zero-size and transparent marks are not seen.
fn visible(s: &Scene) -> Vec<Shape> {
    s.marks
        .iter()
        .map(|m: &Mark| m.shape.clone())
        .filter(|sh| match sh {
            Shape::Rect {
                w, h, fill, stroke, ..
            } => {
                *w > 0.0
                    && *h > 0.0
                    && (fill.is_some_and(|c| c.a > 0.0) || stroke.is_some_and(|s| s.0.a > 0.0))
            }
            Shape::Sector { start, end, .. } => end > start,
            Shape::Circle { r, .. } => *r > 0.0,
            Shape::Line { color, .. } => color.a > 0.0,
            Shape::Text { color, text, .. } => color.a > 0.0 && !text.is_empty(),
        })
        .collect()
}

fn sorted(mut v: Vec<Shape>) -> Vec<String> {
    let mut out: Vec<String> = v.drain(..).map(|s| format!("{s:?}")).collect();
    out.sort();
    out
}

/// New data for the fixture's chart: the first item of the first dataset
/// half again as large, the last one gone, a new one at the end.
fn changed(v: &Value, kind: &str) -> Value {
    let mut v = v.clone();
    let items = v["charts"][0]["datasets"][0]["items"]
        .as_array_mut()
        .unwrap();
    let first = items[0]["value"].as_f64().unwrap();
    let grown = if kind == "units" {
        (first * 1.5).round()
    } else {
        first * 1.5
    };
    items[0]["value"] = json!(grown);
    if items.len() > 1 {
        items.pop();
    }
    let mut new = items[0].clone();
    new["id"] = json!("newcomer");
    new["label"] = json!({"zh": "新项目", "en": "Newcomer"});
    new.as_object_mut().unwrap().remove("share");
    items.push(new);
    v
}

/// Every kind, new data with the same chart: at t = 0 the frame shows what
/// the reader saw, at ½ something in between, at 1 the new layout exactly.
#[test]
fn every_kind_morphs_from_what_was_shown_to_the_new_layout() {
    for spec in kinds::ALL {
        let before = fixture(spec.name);
        let mut v = view(&before);
        let old = painted(&mut v, 0.0);
        v.set_data(data(&changed(&before, spec.name))).unwrap();
        assert!(v.animating(), "{}: new data animates", spec.name);

        let start = painted(&mut v, T0);
        assert_eq!(
            sorted(visible(&start)),
            sorted(visible(&old)),
            "{}: t = 0 is the old picture",
            spec.name
        );
        let mid = painted(&mut v, T0 + DURATION / 2.0);
        let mid_seen = sorted(visible(&mid));
        assert_ne!(
            mid_seen,
            sorted(visible(&old)),
            "{}: t = ½ has moved",
            spec.name
        );

        let end = painted(&mut v, T0 + DURATION);
        assert!(!v.animating(), "{}: done at t = 1", spec.name);
        let mut fresh = view(&changed(&before, spec.name));
        assert_eq!(
            end,
            painted(&mut fresh, 0.0),
            "{}: t = 1 is the new layout",
            spec.name
        );
        assert_ne!(
            mid_seen,
            sorted(visible(&end)),
            "{}: t = ½ is not the end",
            spec.name
        );
    }
}

/// The widths of the bars (the rects of item keys) in a bar scene, by key.
fn bar_widths(s: &Scene) -> Vec<(usize, f64)> {
    let mut out: Vec<(usize, f64)> = s
        .marks
        .iter()
        .filter_map(|m| match (&m.shape, m.item) {
            (
                Shape::Rect {
                    w, fill: Some(_), ..
                },
                Some(k),
            ) => Some((k, *w)),
            _ => None,
        })
        .collect();
    out.sort_by_key(|e| e.0);
    out.dedup_by_key(|e| e.0);
    out
}

#[test]
fn bars_grow_to_their_new_length_and_the_item_under_the_pointer_is_found_mid_way() {
    let article: Value = serde_json::from_str(lvdong::data::ARTICLE_JSON).unwrap();
    let mut v = ChartView::new(data(&article), "investment", FixedMetrics).unwrap();
    v.resize(640.0, 1.0).unwrap();
    let from = bar_widths(&painted(&mut v, 0.0));
    assert_eq!(v.set_dataset("projects"), Ok(Switch::Changed));
    let mid = painted(&mut v, T0);
    assert_eq!(bar_widths(&mid), from, "t = 0: the amounts' bars");
    let mid = painted(&mut v, T0 + DURATION / 2.0);
    let to = {
        let mut fresh = ChartView::new(data(&article), "investment", FixedMetrics).unwrap();
        fresh.resize(640.0, 1.0).unwrap();
        fresh.set_motion(false);
        fresh.set_dataset("projects").unwrap();
        bar_widths(&painted(&mut fresh, 0.0))
    };
    let e = ease(0.5);
    for ((k, w), ((_, a), (_, b))) in bar_widths(&mid).iter().zip(from.iter().zip(&to)) {
        let want = a + (b - a) * e;
        assert!(
            (w - want).abs() < 1e-6,
            "bar {k}: {w} at ½, want {want} (from {a} to {b})"
        );
    }
    // Hover a bar where it is drawn now: the pointer finds it.
    let (k, rect) = mid
        .marks
        .iter()
        .find_map(|m| match (&m.shape, m.item) {
            (
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill: Some(_),
                    ..
                },
                Some(k),
            ) if *w > 4.0 => Some((k, (*x, *y, *w, *h))),
            _ => None,
        })
        .unwrap();
    assert!(v.pointer(rect.0 + rect.2 - 2.0, rect.1 + rect.3 / 2.0));
    assert_eq!(v.highlight(), Some(k));
    let tip = v.tooltip().unwrap();
    assert_eq!(tip.dataset, "projects");
    assert!(
        tip.y >= rect.1 - 40.0 && tip.y <= rect.1 + rect.3 + 40.0,
        "the tooltip points near the moving bar"
    );
}

#[test]
fn an_interrupted_transition_starts_from_where_the_marks_are() {
    let article: Value = serde_json::from_str(lvdong::data::ARTICLE_JSON).unwrap();
    let mut v = ChartView::new(data(&article), "energy-mix", FixedMetrics).unwrap();
    v.resize(640.0, 1.0).unwrap();
    painted(&mut v, 0.0);
    v.set_dataset("yantai").unwrap();
    painted(&mut v, T0);
    let at = painted(&mut v, T0 + DURATION * 0.4);
    // Back to Shandong before the first switch has finished.
    v.set_dataset("shandong").unwrap();
    let resumed = painted(&mut v, T0 + DURATION * 0.4 + 16.0);
    let ends = |s: &Scene| -> Vec<(usize, f64)> {
        let mut v: Vec<(usize, f64)> = s
            .marks
            .iter()
            .filter_map(|m| match (&m.shape, m.item) {
                (Shape::Sector { end, .. }, Some(k)) => Some((k, *end)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|e| e.0);
        v
    };
    let jump: Vec<f64> = ends(&at)
        .iter()
        .zip(ends(&resumed))
        .map(|(a, b)| {
            assert_eq!(a.0, b.0);
            (a.1 - b.1).abs()
        })
        .collect();
    assert!(!jump.is_empty());
    assert!(
        jump.iter().all(|d| *d < 0.05),
        "one frame later the slices are where they were: {jump:?}"
    );
    let end = painted(&mut v, T0 + DURATION * 2.0);
    let mut fresh = ChartView::new(data(&article), "energy-mix", FixedMetrics).unwrap();
    fresh.resize(640.0, 1.0).unwrap();
    assert_eq!(end, painted(&mut fresh, 0.0), "it ends on Shandong");
}

#[test]
fn items_that_leave_shrink_away_and_cannot_be_hovered_while_new_ones_grow() {
    let before = fixture("bar");
    let mut v = view(&before);
    painted(&mut v, 0.0);
    v.set_data(data(&changed(&before, "bar"))).unwrap();
    painted(&mut v, T0);
    let mid = painted(&mut v, T0 + DURATION / 2.0);
    let leaving: Vec<f64> = mid
        .marks
        .iter()
        .filter_map(|m| match (&m.shape, m.item) {
            (
                Shape::Rect {
                    w, fill: Some(_), ..
                },
                None,
            ) if *w > 0.0 => Some(*w),
            _ => None,
        })
        .collect();
    assert!(
        !leaving.is_empty(),
        "the removed item's bar is still shrinking"
    );
    let n = before["charts"][0]["datasets"][0]["items"]
        .as_array()
        .unwrap()
        .len();
    let newcomer = n - 1; // the last key of the new data
    let grown = bar_widths(&mid)
        .into_iter()
        .find(|e| e.0 == newcomer)
        .unwrap()
        .1;
    let end = painted(&mut v, T0 + DURATION);
    let full = bar_widths(&end)
        .into_iter()
        .find(|e| e.0 == newcomer)
        .unwrap()
        .1;
    assert!(
        grown > 0.0 && grown < full,
        "the new bar is on its way: {grown} of {full}"
    );
}

#[test]
fn numbers_count_in_the_final_format() {
    // The same words around the number: it counts, with the final decimals.
    let mid = count("41.8%", "54.3%", 0.5);
    assert!(mid.ends_with('%') && mid.len() == "48.1%".len(), "{mid}");
    let v: f64 = mid.trim_end_matches('%').parse().unwrap();
    assert!(v > 41.8 && v < 54.3);
    assert_eq!(
        count("6.9%", "10%", 0.5),
        "8%",
        "the final figure's precision, not more"
    );
    assert_eq!(count("1,000亿元", "6,248.2亿元", 0.5), "3,624.1亿元");
    assert_eq!(count("≈41.1亿元", "≈31.2亿元", 1.0), "≈31.2亿元");
    // Different scales or words never produce a wrongly formatted figure.
    assert_eq!(count("1.72万亿元", "6248.1亿元", 0.3), "1.72万亿元");
    assert_eq!(count("1.72万亿元", "6248.1亿元", 0.7), "6248.1亿元");
    assert_eq!(count("+6.9%", "−12.6%", 0.4), "+6.9%");

    // In a KPI card: a value that changes counts through rounded figures.
    let mut before = fixture("kpi");
    let mut v = view(&before);
    painted(&mut v, 0.0);
    let item = &mut before["charts"][0]["datasets"][0]["items"][0];
    let old = item["value"].as_f64().unwrap();
    item["value"] = json!((old * 0.55 * 10.0).round() / 10.0);
    v.set_data(data(&before)).unwrap();
    painted(&mut v, T0);
    let mid = painted(&mut v, T0 + DURATION / 3.0);
    let end = painted(&mut v, T0 + DURATION);
    let texts = |s: &Scene| -> Vec<String> {
        s.marks
            .iter()
            .filter_map(|m| match &m.shape {
                Shape::Text { text, .. } if m.item == Some(0) => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let (mid, end) = (texts(&mid), texts(&end));
    assert_eq!(mid.len(), end.len());
    let decimals = |s: &str| {
        s.split_once('.').map_or(0, |(_, r)| {
            r.chars().take_while(char::is_ascii_digit).count()
        })
    };
    let changed: Vec<_> = mid.iter().zip(&end).filter(|(a, b)| a != b).collect();
    assert!(
        !changed.is_empty(),
        "the big number is counting: {mid:?} → {end:?}"
    );
    for (a, b) in changed {
        assert_eq!(decimals(a), decimals(b), "{a} is written like {b}");
    }
}

#[test]
fn reduced_motion_shows_the_final_frame_at_once() {
    let before = fixture("donut");
    let mut v = view(&before);
    v.set_motion(false);
    painted(&mut v, 0.0);
    v.set_dataset("yantai").unwrap();
    assert!(!v.animating());
    let now = painted(&mut v, T0);
    let mut fresh = view(&before);
    fresh.set_dataset("yantai").unwrap();
    fresh.set_motion(false);
    fresh.set_dataset("shandong").unwrap();
    fresh.set_dataset("yantai").unwrap();
    assert_eq!(now, painted(&mut fresh, T0));
    // Turning motion off mid-way ends the transition on its final frame.
    let mut v = view(&before);
    painted(&mut v, 0.0);
    v.set_dataset("yantai").unwrap();
    painted(&mut v, T0);
    v.set_motion(false);
    assert!(!v.animating());
    assert_eq!(painted(&mut v, T0 + 10.0), now);
}

#[test]
fn a_resize_across_a_breakpoint_morphs_and_a_small_one_does_not() {
    let mut v = view(&fixture("bar"));
    painted(&mut v, 0.0);
    v.resize(560.0, 1.0).unwrap();
    assert!(!v.animating(), "600 → 560 keeps the same layout shape");
    v.resize(400.0, 1.0).unwrap();
    assert!(v.animating(), "560 → 400 puts labels above the bars");
    painted(&mut v, T0);
    // Another resize while it runs (a window being dragged) settles it.
    v.resize(600.0, 1.0).unwrap();
    assert!(!v.animating(), "a resize storm never animates");
    let mut fresh = view(&fixture("bar"));
    assert_eq!(painted(&mut v, T0 + 10.0), painted(&mut fresh, 0.0));
}

#[test]
fn the_highlight_survives_a_switch_and_a_story_step_can_set_it() {
    let mut v = view(&fixture("donut"));
    painted(&mut v, 0.0);
    assert!(v.highlight_item(Some("renewable")));
    let key = v.highlight();
    assert!(key.is_some());
    v.set_dataset("yantai").unwrap();
    assert_eq!(v.highlight(), key, "the same item in the new dataset");
    assert_eq!(v.tooltip().unwrap().id, "renewable");
    assert!(v.highlight_item(None));
    assert_eq!(v.highlight(), None);
    assert!(!v.highlight_item(Some("no-such-item")));
    assert_eq!(v.showing(), "显示：烟台");
    v.set_lang("en");
    assert!(v.showing().starts_with("Showing: "));
}
