//! Hit-testing at the edges of every chart kind: points just inside and just
//! outside slices, bars, segments, cards and dots, the gaps between them and
//! the donut's hole; plus the stacked kind's row-major item keys.

use std::f64::consts::TAU;
use std::fs;

use lvdong::data::{parse_str, Chart, Lang};
use lvdong::interact::{self, State};
use lvdong::kinds::{has_tabs, item_count, item_ref};
use lvdong::layout::{layout, Options};
use lvdong::scene::{HitIndex, Scene};
use lvdong::text::FixedMetrics;

const E: f64 = 0.5;

fn fixture(kind: &str) -> Chart {
    let path = format!("{}/tests/fixtures/{kind}.json", env!("CARGO_MANIFEST_DIR"));
    let (file, _) = parse_str(&fs::read_to_string(path).unwrap()).unwrap();
    file.charts[0].clone()
}

fn scene(chart: &Chart, ds: usize, width: f64, dpr: f64) -> Scene {
    let o = Options {
        width,
        dpr,
        ..Options::default()
    };
    layout(chart, ds, &o, &FixedMetrics)
}

fn boxes(s: &Scene) -> Vec<(f64, f64, f64, f64, usize)> {
    s.hits
        .iter()
        .find_map(|h| match h {
            HitIndex::Boxes(b) => Some(b.clone()),
            _ => None,
        })
        .expect("a box hit index")
}

fn at(cx: f64, cy: f64, r: f64, a: f64) -> (f64, f64) {
    (cx + r * a.sin(), cy - r * a.cos())
}

#[test]
fn donut_slice_edges_hole_and_outside() {
    let chart = fixture("donut");
    for dpr in [1.0, 2.0, 3.0] {
        let s = scene(&chart, 0, 640.0, dpr);
        let (cx, cy, r0, r1, slices) = s.ring().unwrap();
        let mid = (r0 + r1) / 2.0;
        let eps = 1e-3;
        // The boundary between slice 0 and 1.
        let b = slices[0].1;
        let p = at(cx, cy, mid, b - eps);
        assert_eq!(s.hit(p.0, p.1), Some(0));
        let p = at(cx, cy, mid, b + eps);
        assert_eq!(s.hit(p.0, p.1), Some(1));
        // Around 12 o'clock: the last slice ends, the first begins.
        let p = at(cx, cy, mid, TAU - eps);
        assert_eq!(s.hit(p.0, p.1), Some(1));
        let p = at(cx, cy, mid, eps);
        assert_eq!(s.hit(p.0, p.1), Some(0));
        // The hole and just inside the ring.
        let p = at(cx, cy, r0 - E, 1.0);
        assert_eq!(s.hit(p.0, p.1), None, "hole at dpr {dpr}");
        assert_eq!(s.hit(cx, cy), None);
        let p = at(cx, cy, r0 + E, 1.0);
        assert_eq!(s.hit(p.0, p.1), Some(0));
        // Outside the ring (its hit radius includes the pull-out).
        let p = at(cx, cy, r1 + E, 4.0);
        assert_eq!(s.hit(p.0, p.1), None, "outside at dpr {dpr}");
        let p = at(cx, cy, r1 - E, 4.0);
        assert_eq!(s.hit(p.0, p.1), Some(1));
    }
}

#[test]
fn donut_one_percent_slice_is_found_and_labelled() {
    let json = r#"{"schema":1,"charts":[{"id":"c","kind":"donut","title":{"zh":"t"},
      "source":{"zh":"s"},"datasets":[{"id":"d","label":{"zh":"d"},"unit":"percent","items":[
      {"id":"a","label":{"zh":"大"},"value":99},{"id":"b","label":{"zh":"小"},"value":1}]}]}]}"#;
    let (file, _) = parse_str(json).unwrap();
    let s = scene(&file.charts[0], 0, 320.0, 2.0);
    let (x, y) = s.anchors[1];
    assert_eq!(s.hit(x, y), Some(1));
    // Its legend row finds it too.
    let b = boxes(&s);
    let row = b.iter().find(|b| b.4 == 1).unwrap();
    assert_eq!(s.hit(row.0 + 2.0, row.1 + row.3 / 2.0), Some(1));
}

#[test]
fn bar_rows_are_whole_bands_and_nothing_outside() {
    let chart = fixture("bar");
    let s = scene(&chart, 0, 640.0, 2.0);
    let b = boxes(&s);
    assert_eq!(b.len(), 5);
    // Sorted largest first: the library (8.45 trillion) tops the chart.
    assert_eq!(b[0].4, 2);
    for w in b.windows(2) {
        let (a, c) = (w[0], w[1]);
        // Rows touch: no dead gap between bars where the tooltip would flicker.
        let y = a.1 + a.3;
        assert!((c.1 - y).abs() < 1e-9);
        assert_eq!(s.hit(a.0 + 100.0, y - E), Some(a.4));
        assert_eq!(s.hit(a.0 + 100.0, y + E), Some(c.4));
    }
    let (first, last) = (b[0], b[4]);
    // The label column finds the bar of its row.
    assert_eq!(s.hit(first.0 + E, first.1 + first.3 / 2.0), Some(first.4));
    assert_eq!(s.hit(first.0 - E, first.1 + first.3 / 2.0), None);
    assert_eq!(s.hit(first.0 + first.2 + E, first.1 + first.3 / 2.0), None);
    assert_eq!(s.hit(first.0 + 50.0, first.1 - E), None);
    assert_eq!(s.hit(first.0 + 50.0, last.1 + last.3 + E), None);
    for (i, &(x, y)) in s.anchors.iter().enumerate() {
        assert_eq!(s.hit(x, y), Some(i));
    }
}

#[test]
fn stacked_segments_split_at_their_edges_and_keys_run_across_datasets() {
    let chart = fixture("stacked");
    assert!(!has_tabs(&chart));
    assert_eq!(item_count(&chart, 0), 6);
    assert_eq!(item_ref(&chart, 0, 2), Some((1, 0)));
    assert_eq!(item_ref(&chart, 0, 5), Some((2, 1)));
    assert_eq!(item_ref(&chart, 0, 6), None);
    let s = scene(&chart, 0, 640.0, 1.0);
    let b = boxes(&s);
    assert_eq!(
        b.iter().map(|b| b.4).collect::<Vec<_>>(),
        vec![0, 1, 2, 3, 4, 5]
    );
    let (seg0, seg1) = (b[0], b[1]);
    let y = seg0.1 + seg0.3 / 2.0;
    let edge = seg0.0 + seg0.2;
    // 315 of 418 projects promoted.
    assert!((seg0.2 / (seg0.2 + seg1.2) - 315.0 / 418.0).abs() < 1e-9);
    assert_eq!(s.hit(edge - E, y), Some(0));
    assert_eq!(s.hit(edge + E, y), Some(1));
    assert_eq!(s.hit(seg0.0 - E, y), None);
    assert_eq!(s.hit(seg1.0 + seg1.2 + E, y), None);
    // Above the bar is the row's label, between rows a gap.
    assert_eq!(s.hit(seg0.0 + 10.0, seg0.1 - E), None);
    assert_eq!(s.hit(seg0.0 + 10.0, seg0.1 + seg0.3 + E), None);
    // Every consumer resolves key 3 to Shandong's "other".
    let tip = interact::tooltip(&chart, 0, 3, Lang::En).unwrap();
    assert_eq!(tip.label, "Shandong installed capacity: Other sources");
    assert_eq!(tip.value, "≈58.2%");
    let said = interact::announce(&chart, 0, 5, Lang::En);
    assert!(said.ends_with("(6 of 6)"), "{said}");
    let mut st = State::default();
    for _ in 0..10 {
        st.key("ArrowRight", item_count(&chart, 0));
    }
    assert_eq!(st.highlight(), Some(5));
}

#[test]
fn progress_rows_and_target_mark() {
    let chart = fixture("progress");
    let s = scene(&chart, 0, 640.0, 1.0);
    let b = boxes(&s);
    let row = b[0];
    assert_eq!(s.hit(row.0 + E, row.1 + E), Some(0));
    assert_eq!(s.hit(row.0 - E, row.1 + 5.0), None);
    assert_eq!(s.hit(row.0 + 5.0, row.1 + row.3 + E), None);
    let tip = interact::tooltip(&chart, 0, 0, Lang::Zh).unwrap();
    assert!(
        tip.lines.iter().any(|(k, v)| k == "完成" && v == "55.7%"),
        "{tip:?}"
    );
}

#[test]
fn kpi_cards_and_the_gaps_between_them() {
    let chart = fixture("kpi");
    let s = scene(&chart, 0, 1000.0, 2.0);
    let b = boxes(&s);
    assert_eq!(b.len(), 6);
    // Three columns on desktop.
    assert!((b[0].1 - b[2].1).abs() < 1e-9 && b[3].1 > b[0].1);
    let (c0, c1) = (b[0], b[1]);
    let y = c0.1 + c0.3 / 2.0;
    assert_eq!(s.hit(c0.0 + c0.2 - E, y), Some(0));
    assert_eq!(s.hit(c0.0 + c0.2 + E, y), None, "gap between cards");
    assert_eq!(s.hit(c1.0 + E, y), Some(1));
    assert_eq!(
        s.hit(c0.0 + 5.0, c0.1 + c0.3 + E),
        None,
        "gap below the card"
    );
    assert_eq!(s.hit(c0.0 + 5.0, b[3].1 + E), Some(3));
    // Two columns at 360 px, one at 280 px.
    let cols = |w: f64| {
        let b = boxes(&scene(&chart, 0, w, 1.0));
        b.iter().filter(|x| (x.1 - b[0].1).abs() < 1e-9).count()
    };
    assert_eq!(cols(360.0), 2);
    assert_eq!(cols(280.0), 1);
}

fn grid(s: &Scene) -> (f64, f64, f64, usize, usize) {
    s.hits
        .iter()
        .find_map(|h| match h {
            HitIndex::Grid {
                x0,
                y0,
                pitch,
                cols,
                cells,
            } => Some((*x0, *y0, *pitch, *cols, cells.len())),
            _ => None,
        })
        .unwrap()
}

#[test]
fn units_dots_by_grid_arithmetic() {
    let chart = fixture("units");
    let s = scene(&chart, 0, 640.0, 2.0);
    let (x0, y0, pitch, cols, n) = grid(&s);
    assert_eq!(n, 418);
    let cell = |k: usize| {
        (
            x0 + pitch * (k % cols) as f64 + pitch / 2.0,
            y0 + pitch * (k / cols) as f64 + pitch / 2.0,
        )
    };
    // The 315th dot is the last promoted one, the 316th the first signed.
    let (x, y) = cell(314);
    assert_eq!(s.hit(x, y), Some(0));
    let (x, y) = cell(315);
    assert_eq!(s.hit(x, y), Some(1));
    // The gap between two dots belongs to the cell: no flicker.
    let (x, y) = cell(0);
    assert_eq!(s.hit(x + pitch / 2.0 - E, y), Some(0));
    // Outside the grid: left, above, right of the last column, after the last dot.
    assert_eq!(s.hit(x0 - E, y), None);
    assert_eq!(s.hit(x, y0 - E), None);
    assert_eq!(s.hit(x0 + pitch * cols as f64 + E, y), None);
    let (x, y) = cell(417);
    if !418usize.is_multiple_of(cols) {
        assert_eq!(s.hit(x + pitch, y), None);
    }
    // Every dot of the hovered category is highlighted together.
    let o = Options {
        width: 640.0,
        highlight: Some(1),
        ..Options::default()
    };
    let lit = layout(&chart, 0, &o, &FixedMetrics);
    let fills: std::collections::HashSet<String> = lit
        .marks
        .iter()
        .filter(|m| m.item == Some(1))
        .filter_map(|m| match &m.shape {
            lvdong::scene::Shape::Circle { fill, .. } => Some(fill.css()),
            _ => None,
        })
        .collect();
    assert_eq!(fills.len(), 1);
}

#[test]
fn units_library_of_3186_dots_hits_every_category_anchor() {
    let chart = fixture("units");
    let s = scene(&chart, 1, 1200.0, 3.0);
    let (_, _, _, _, n) = grid(&s);
    assert_eq!(n, 3186);
    let (x, y) = s.anchors[0];
    assert_eq!(s.hit(x, y), Some(0));
}

#[test]
fn a_pointer_move_within_the_same_item_changes_nothing() {
    let mut st = State::default();
    assert!(st.pointer(Some(2)));
    assert!(!st.pointer(Some(2)), "same item: no relayout, no redraw");
    assert!(st.pointer(None));
    assert!(!st.pointer(None));
}

#[test]
fn stacked_summary_and_table_cover_every_row() {
    let chart = fixture("stacked");
    let ds = &chart.datasets[0];
    let said = interact::summary(&chart, ds, Lang::Zh);
    // 315 of 418 is the product's arithmetic, so it reads as derived.
    assert!(said.contains("重点推介≈75.4%"), "{said}");
    assert!(said.contains("烟台发电装机：清洁能源54.3%"), "{said}");
    let t = interact::table(&chart, ds, Lang::En);
    assert_eq!(t.rows.len(), 6);
    assert_eq!(t.rows[3][0], "Shandong installed capacity: Other sources");
}
