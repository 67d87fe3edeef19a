//! Horizontal bars: one row per item (optionally sorted, largest first), a
//! label column (or the label above the bar on phones), the value at the bar
//! end, and an axis of nicely rounded ticks in the locale's units with gridlines.

use crate::data::{Chart, Dataset, Item, Unit};
use crate::format;
use crate::layout::{swatch, Frame, TextStyle};
use crate::scene::{Align, Baseline, HitIndex};
use crate::theme::{Color, Swatch};

/// The `bar` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Bar,
    name: "bar",
    about: super::about("Horizontal bars, one per item, optionally sorted largest first, with an axis in the locale's units."),
    parts_of_whole: false,
    all_datasets: false,
    needs_target: false,
    dots: false,
    breakpoints: &[NARROW],
    max_items: crate::data::MAX_ITEMS,
    layout,
    summary: None,
};

/// Below this CSS width the label goes above its bar.
const NARROW: f64 = 480.0;

pub fn layout(f: &mut Frame<'_>, chart: &Chart, ds: &Dataset) {
    let lang = f.options.lang;
    let money = matches!(ds.unit, Unit::Cny);
    let narrow = f.css_width() < NARROW;
    let size = f.label_size();
    let small = f.small();
    let left = f.pad;
    let right = f.width - f.pad;
    let inner = right - left;

    let order = rows(&ds.items, chart.sort);

    // One pass for the value texts, the widest value and label, and the domain.
    let mut widths = Vec::with_capacity(ds.items.len());
    let (mut value_w, mut label_w, mut lo, mut hi) = (0.0, 0.0, 0.0, 0.0);
    for it in &ds.items {
        let v = format::item_value(it, ds, lang);
        let w = f.measure(&v, size, true);
        value_w = f64::max(value_w, w);
        widths.push(w);
        if !narrow {
            label_w = f64::max(label_w, f.measure(it.label.get(lang), size, false));
        }
        // Domain from zero, so bars compare by length; negative values grow left.
        lo = f64::min(lo, it.value);
        hi = f64::max(hi, it.value);
    }
    // An image has no tooltip to give back a shortened value, so there the
    // values may take more of the row before anything is cut.
    let value_w = value_w.min(
        inner
            * if crate::layout::chrome(f.options) {
                0.6
            } else {
                0.45
            },
    );
    let label_w = label_w.min(inner * 0.34);
    let gap = f.css(8.0);
    let plot_x = if narrow { left } else { left + label_w + gap };
    let first_w = (right - value_w - gap - plot_x).max(f.css(40.0));

    let (div, caption) = format::dataset_axis(ds, hi.max(-lo), lang);
    let div = if div.is_finite() && div > 0.0 {
        div
    } else {
        1.0
    };
    let ticks = nice_ticks(f, lo / div, hi / div, first_w, small, lang);
    let (t0, t1) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let span = if t1 > t0 { t1 - t0 } else { 1.0 };
    // The axis usually ends past the longest bar, so the plot may take the
    // width as long as every value label still fits beside its bar end.
    let mut plot_w = right - plot_x;
    for (i, it) in ds.items.iter().enumerate() {
        if let Some(w) = widths.get(i).filter(|_| it.value > 0.0) {
            let frac = (it.value / div - t0) / span;
            let room = right - plot_x - gap - w.min(value_w);
            plot_w = f64::min(
                plot_w,
                if frac > 0.0 {
                    room / frac
                } else {
                    f64::INFINITY
                },
            );
        }
    }
    let plot_w = plot_w.max(first_w);
    let x_of = |v: f64| plot_x + (v / div - t0) / span * plot_w;
    let zero = x_of(0.0);

    let bar_h = f.css(if narrow { 18.0 } else { 20.0 });
    let label_h = if narrow { size * 1.3 } else { 0.0 };
    let row_gap = f.css(10.0);
    let pitch = label_h + bar_h + row_gap;
    let top = f.top + f.css(4.0);
    let rows_bottom = top + pitch * order.len() as f64;

    // Gridlines and ticks first, under the bars.
    let (grid, muted, text) = (f.theme.grid, f.theme.muted, f.theme.text);
    for &t in &ticks {
        let x = plot_x + (t - t0) / span * plot_w;
        f.line(
            x,
            top,
            x,
            rows_bottom,
            f.css(1.0),
            if t == 0.0 { muted } else { grid },
            None,
        );
        let label = format::tick(t, lang);
        let half = f.measure(&label, small, false) / 2.0;
        f.text(
            x.max(half).min((f.width - half).max(half)),
            rows_bottom + f.css(4.0),
            label,
            TextStyle::new(small, muted).align(Align::Center),
            None,
        );
    }
    let caption_y = rows_bottom + f.css(4.0) + small * 1.3;
    if !caption.is_empty() {
        f.fit_text(
            plot_x + plot_w,
            caption_y,
            &caption,
            plot_w,
            TextStyle::new(small, muted).align(Align::Right),
            None,
        );
    }

    let mut boxes = Vec::with_capacity(order.len());
    for (row, &i) in order.iter().enumerate() {
        let Some(item) = ds.items.get(i) else {
            continue;
        };
        let y = top + pitch * row as f64;
        let bar_y = y + label_h + row_gap / 2.0;
        let x_end = x_of(item.value);
        let (bx, bw) = if x_end >= zero {
            (zero, x_end - zero)
        } else {
            (x_end, zero - x_end)
        };
        f.focus_box(left, y, inner, pitch, i);
        let fill = bar_color(f, chart, ds, i, money);
        f.fill_rect(bx, bar_y, bw.max(f.css(1.0)), bar_h, fill, Some(i));
        let bold = f.is_highlighted(i);
        let (lx, ly, lmax, lbase) = if narrow {
            (left, y + row_gap / 2.0, inner, Baseline::Top)
        } else {
            (left, bar_y + bar_h / 2.0, label_w, Baseline::Middle)
        };
        f.fit_text(
            lx,
            ly,
            item.label.get(lang),
            lmax,
            TextStyle::new(size, text).weight(bold).baseline(lbase),
            Some(i),
        );
        // Formatted again rather than kept from the first pass (written for size).
        let v = f.fit(&format::item_value(item, ds, lang), size, true, value_w);
        let vx = bx + bw.max(f.css(1.0)) + f.css(6.0);
        let vw = f.measure(&v, size, true);
        f.text(
            vx.min(right - vw),
            bar_y + bar_h / 2.0,
            v,
            TextStyle::new(size, text).bold().baseline(Baseline::Middle),
            Some(i),
        );
        f.anchor(i, (bx + bw / 2.0, bar_y + bar_h / 2.0));
        // The whole row band: hovering the label finds the bar too.
        boxes.push((left, y, inner, pitch, i));
    }
    f.hits.push(HitIndex::Boxes(boxes));
    let bottom = if caption.is_empty() {
        caption_y
    } else {
        caption_y + small * 1.3
    };
    f.plot_height = bottom - f.top;
}

/// The item on each row: largest value first when `sort` (ties in data
/// order, as [`Dataset::largest_first`] orders them), else data order.
/// Each item's row is the count of items before it by key: one loop for
/// both cases and no `Vec::insert` in the wasm (written for size; n² steps
/// over a dataset's items, as `Vec::insert` moves them at worst).
fn rows(items: &[Item], sort: bool) -> Vec<usize> {
    let key = |v: f64| if sort { v } else { 0.0 };
    let mut order = vec![0; items.len()];
    for (i, a) in items.iter().enumerate() {
        let mut at = 0;
        for (j, b) in items.iter().enumerate() {
            let c = key(b.value).total_cmp(&key(a.value));
            at += usize::from(c.is_gt() || (c.is_eq() && j < i));
        }
        if let Some(o) = order.get_mut(at) {
            *o = i;
        }
    }
    order
}

/// One series is one colour, as a graphics desk draws it: every bar takes its
/// meaning's first shade (money blue, clean green…, else the first category
/// colour); an `accent` item stands out in the next category colour; only a
/// chart that says its items are `categories` gives each bar its own colour.
fn bar_color(f: &Frame<'_>, chart: &Chart, ds: &Dataset, i: usize, money: bool) -> Color {
    let item = ds.items.get(i);
    let swatch = match item.and_then(|it| it.role) {
        _ if item.is_some_and(|it| it.accent) => Swatch::Category(ACCENT),
        Some(r) => swatch(r),
        None if money => Swatch::Money,
        None => Swatch::Category(0),
    };
    let base = if chart.categories {
        f.base_color(ds, i, money)
    } else {
        f.theme.fill(swatch, 0)
    };
    // One dimming for both cases (written for size).
    f.dim_unless(base, i)
}

/// The category colour an accented bar takes (the palette's second: apart
/// from the first, which plain series take, and from money blue).
const ACCENT: usize = 1;

/// Round tick values (1, 2, 2.5 or 5 × 10ⁿ) covering `[lo, hi]`, as many as
/// fit in `width` without their labels touching.
pub fn nice_ticks(
    f: &Frame<'_>,
    lo: f64,
    hi: f64,
    width: f64,
    size: f64,
    lang: crate::data::Lang,
) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    let mut want = ((width / f.css(70.0)).floor() as usize).clamp(2, 10);
    loop {
        let ticks = ticks_for(lo, hi, want);
        let mut widest = 0.0;
        for &t in &ticks {
            widest = f64::max(widest, f.measure(&format::tick(t, lang), size, false));
        }
        let room = width / (ticks.len().max(2) - 1) as f64;
        if widest + f.css(8.0) <= room || want <= 1 {
            return ticks;
        }
        want -= 1;
    }
}

fn ticks_for(lo: f64, hi: f64, want: usize) -> Vec<f64> {
    let raw = (hi - lo) / want.max(1) as f64;
    // powi (exact for the few powers a tick step takes), not powf: the wasm
    // gets `pow` from the browser, and V8's Math.pow(10, -5) is not 1e-5.
    let mag = 10f64.powi(raw.log10().floor() as i32);
    let mut step = 10.0 * mag;
    for m in [1.0, 2.0, 2.5, 5.0] {
        if m * mag >= raw {
            step = m * mag;
            break;
        }
    }
    let mut ticks = Vec::with_capacity(2);
    if !(step.is_finite() && step > 0.0) {
        // Pushed, not `vec![lo, hi]`: no boxed array in the wasm.
        ticks.push(lo);
        ticks.push(hi);
        return ticks;
    }
    let start = (lo / step).floor();
    let end = (hi / step).ceil();
    let n = ((end - start) as usize).min(50);
    // `0..n + 1`, not `0..=n` (n ≤ 50): no RangeInclusive::next in the wasm.
    for k in 0..n + 1 {
        let v = (start + k as f64) * step;
        // Snap float noise (0.30000000000000004) to the step's precision.
        ticks.push((v / step).round() * step);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::rows;
    use crate::data::{Dataset, Item, Relation, Text, Unit};

    fn item(value: f64) -> Item {
        Item {
            id: String::new(),
            label: Text::default(),
            value,
            derived: false,
            relation: Relation::Exact,
            change: false,
            unit: None,
            note: None,
            target: None,
            role: None,
            share: None,
            details: Vec::new(),
            accent: false,
        }
    }

    #[test]
    fn rows_are_largest_first_when_sorted_else_data_order() {
        for values in [
            &[][..],
            &[3.0],
            &[1.0, 5.0, 5.0, -2.0, 0.0, -0.0, 5.0, 7.5, -2.0, 0.0],
            &[4.0, 3.0, 2.0, 1.0],
            &[1.0, 2.0, 3.0, 4.0],
        ] {
            let ds = Dataset {
                id: String::new(),
                label: Text::default(),
                unit: Unit::Count,
                noun: None,
                note: None,
                scale: None,
                items: values.iter().map(|&v| item(v)).collect(),
            };
            assert_eq!(rows(&ds.items, true), ds.largest_first(), "{values:?}");
            let data: Vec<usize> = (0..values.len()).collect();
            assert_eq!(rows(&ds.items, false), data, "{values:?}");
        }
    }
}
