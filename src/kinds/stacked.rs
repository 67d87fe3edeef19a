//! Stacked 100% bars: one row per dataset, all visible together, segments
//! are the items with their share written inside when it fits, and a legend
//! below. Item keys run row-major across datasets (see `kinds::item_ref`).

use crate::data::{Chart, Dataset, Lang, Unit};
use crate::format;
use crate::format::cat;
use crate::interact::words;
use crate::layout::{Frame, TextStyle};
use crate::scene::{Align, Baseline, HitIndex};

/// The `stacked` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Stacked,
    name: "stacked",
    about: super::about("100% bars, one row per dataset, all shown together."),
    parts_of_whole: true,
    all_datasets: true,
    needs_target: false,
    dots: false,
    breakpoints: &[],
    max_items: crate::data::MAX_ITEMS,
    layout,
    summary: Some(summary),
};

pub fn layout(f: &mut Frame<'_>, chart: &Chart, _first: &Dataset) {
    let lang = f.options.lang;
    let size = f.label_size();
    let left = f.pad;
    let inner = f.width - 2.0 * f.pad;
    let bar_h = f.css(32.0);
    let label_h = size * 1.3 + f.css(4.0);
    let row_gap = f.css(14.0);
    let (text, muted) = (f.theme.text, f.theme.muted);
    // The highlighted item's id, met on the way through the rows (keys
    // run row-major, as `item_ref` resolves them): the legend dims the rest.
    let mut highlight_id = None;

    let mut y = f.top + f.css(4.0);
    let mut key = 0usize;
    let mut boxes = Vec::new();
    for ds in &chart.datasets {
        let money = matches!(ds.unit, Unit::Cny);
        let style = TextStyle::new(size, text).bold();
        f.fit_text(left, y, ds.label.get(lang), inner, style, None);
        let bar_y = y + label_h;
        let total = ds.total();
        let mut x = left;
        for (i, item) in ds.items.iter().enumerate() {
            let w = if total > 0.0 {
                (item.value / total * inner).max(0.0)
            } else {
                inner / ds.items.len().max(1) as f64
            };
            let fill = f.dim_unless(f.base_color(ds, i, money), key);
            f.focus_box(x, bar_y, w, bar_h, key);
            f.fill_rect(x, bar_y, w, bar_h, fill, Some(key));
            // A hairline in the background colour keeps neighbours apart.
            if i > 0 {
                let bg = f.theme.background;
                f.line(x, bar_y, x, bar_y + bar_h, f.css(2.0), bg, None);
            }
            let share = format::item_share(ds, item);
            let sw = f.measure(&share, size, true);
            if sw + f.css(8.0) <= w {
                let c = f.text_on(fill);
                f.text(
                    x + w / 2.0,
                    bar_y + bar_h / 2.0,
                    share,
                    TextStyle::new(size, c)
                        .bold()
                        .align(Align::Center)
                        .baseline(Baseline::Middle),
                    Some(key),
                );
            }
            f.anchor(key, (x + w / 2.0, bar_y + bar_h / 2.0));
            if f.is_highlighted(key) {
                highlight_id = Some(item.id.as_str());
            }
            boxes.push((x, bar_y, w, bar_h, key));
            x += w;
            key += 1;
        }
        y = bar_y + bar_h + row_gap;
    }
    f.hits.push(HitIndex::Boxes(boxes));

    // Legend: one entry per distinct item id, in order of first appearance, flowed.
    let mut seen: Vec<&str> = Vec::new();
    let sw = f.css(12.0);
    let line_h = f.css(22.0);
    let mut lx = left;
    let mut ly = y;
    for ds in &chart.datasets {
        let money = matches!(ds.unit, Unit::Cny);
        for (i, item) in ds.items.iter().enumerate() {
            if seen.contains(&item.id.as_str()) {
                continue;
            }
            seen.push(&item.id);
            let base = f.base_color(ds, i, money);
            let dimmed = highlight_id.is_some_and(|h| h != item.id);
            let fill = if dimmed { f.dim(base) } else { base };
            let label_max = inner - sw - f.css(6.0);
            let label = f.fit(item.label.get(lang), size, false, label_max);
            let w = sw + f.css(6.0) + f.measure(&label, size, false);
            if lx > left && lx + w > left + inner {
                lx = left;
                ly += line_h;
            }
            let mid = ly + line_h / 2.0;
            f.fill_rect(lx, mid - sw / 2.0, sw, sw, fill, None);
            f.text(
                lx + sw + f.css(6.0),
                mid,
                label,
                TextStyle::new(size, if dimmed { muted } else { text }).baseline(Baseline::Middle),
                None,
            );
            lx += w + f.css(16.0);
        }
    }
    let bottom = if seen.is_empty() { y } else { ly + line_h };
    f.plot_height = bottom - f.top;
}

/// Stacked rows are all visible at once, so the name describes each row's split.
fn summary(chart: &Chart, lang: Lang) -> String {
    let w = words(lang);
    let mut s = cat(&[chart.title.get(lang), w.stop, w.space]);
    for (k, d) in chart.datasets.iter().enumerate() {
        if k > 0 {
            s.push_str(w.rows);
        }
        s.push_str(d.label.get(lang));
        s.push_str(w.sep);
        for (j, it) in d.items.iter().enumerate() {
            if j > 0 {
                s.push_str(w.list);
            }
            s.push_str(it.label.get(lang));
            s.push_str(w.space);
            s.push_str(&format::item_share(d, it));
        }
    }
    s.push_str(w.stop);
    s
}
