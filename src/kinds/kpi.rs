//! KPI cards: one to six big numbers (28–40 CSS px, bold) with their label
//! and an optional note, in a grid of 3 columns on desktop, 2 on phones and
//! 1 on the narrowest column; the whole card is the hit region.

use crate::data::{Chart, Dataset, Unit};
use crate::format;
use crate::layout::{wrap, Frame, TextStyle};
use crate::scene::HitIndex;

/// From these CSS widths the cards sit two and three to a row.
const TWO_COLUMNS: f64 = 340.0;
const THREE_COLUMNS: f64 = 720.0;

/// The `kpi` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Kpi,
    name: "kpi",
    about: super::about("One to six big numbers with their labels."),
    parts_of_whole: false,
    all_datasets: false,
    needs_target: false,
    dots: false,
    breakpoints: &[TWO_COLUMNS, THREE_COLUMNS],
    max_items: crate::data::MAX_KPIS,
    layout,
    summary: None,
};

pub fn layout(f: &mut Frame<'_>, _chart: &Chart, ds: &Dataset) {
    let lang = f.options.lang;
    let money = matches!(ds.unit, Unit::Cny);
    let n = ds.items.len();
    if n == 0 {
        return;
    }
    let css_w = f.css_width();
    let max_cols = if css_w >= THREE_COLUMNS {
        3
    } else if css_w >= TWO_COLUMNS {
        2
    } else {
        1
    };
    let cols = max_cols.min(n);
    let gap = f.css(12.0);
    let left = f.pad;
    let inner = f.width - 2.0 * f.pad;
    let card_w = (inner - gap * (cols - 1) as f64) / cols as f64;
    let padding = f.css(12.0);
    let text_w = (card_w - 2.0 * padding - f.css(4.0)).max(f.css(20.0));
    let size = f.label_size();
    let small = f.small();

    // Labels and notes wrap before they are shortened: three lines on the
    // canvas (the tooltip has the whole text), every line in an image.
    let most = if crate::layout::chrome(f.options) {
        usize::MAX
    } else {
        3
    };
    let mut values = Vec::with_capacity(n);
    // Each card's (label, note) lines.
    let mut texts = Vec::with_capacity(n);
    let (mut label_lines, mut note_lines) = (1, 0);
    for it in &ds.items {
        values.push(format::item_value(it, ds, lang));
        let l = wrap(f.measure, it.label.get(lang), size, false, text_w, most);
        label_lines = label_lines.max(l.len());
        let t = it
            .note
            .as_ref()
            .map(|t| wrap(f.measure, t.get(lang), small, false, text_w, most))
            .unwrap_or_default();
        note_lines = note_lines.max(t.len());
        texts.push((l, t));
    }
    // One big-number size for all cards, the largest that fits every value;
    // a value still too wide at the smallest size wraps ("1.72 trillion" /
    // "yuan") rather than losing its unit to an ellipsis.
    let big = f.fit_size(&values, true, f.css(40.0), f.css(20.0), text_w);
    let mut value_lines = Vec::with_capacity(n);
    let mut big_lines = 1;
    for v in &values {
        let l = wrap(f.measure, v, big, true, text_w, most.min(2));
        big_lines = big_lines.max(l.len());
        value_lines.push(l);
    }
    let lh = size * 1.3;
    let nh = small * 1.35;
    let card_h = padding * 2.0
        + lh * label_lines as f64
        + f.css(4.0)
        + big * 1.15 * big_lines as f64
        + if note_lines > 0 {
            f.css(4.0) + nh * note_lines as f64
        } else {
            0.0
        };

    let (text, muted) = (f.theme.text, f.theme.muted);
    let card_bg = f.theme.card();
    let top = f.top + f.css(4.0);
    let mut boxes = Vec::with_capacity(n);
    for (i, (value, (label, note))) in value_lines.iter().zip(&texts).enumerate() {
        let (col, row) = (i % cols, i / cols);
        let x = left + (card_w + gap) * col as f64;
        let y = top + (card_h + gap) * row as f64;
        f.focus_box(x, y, card_w, card_h, i);
        f.fill_rect(
            x,
            y,
            card_w,
            card_h,
            f.dim_unless(card_bg, i),
            Some(i),
        );
        // The accent strip carries the item's colour by meaning.
        let accent = f.item_color(ds, i, money);
        f.fill_rect(x, y, f.css(4.0), card_h, accent, Some(i));
        let tx = x + padding + f.css(4.0);
        // Text keeps full contrast; dimming shows on the card and strip.
        let (tc, mc) = (text, muted);
        f.lines(tx, y + padding, label, lh, TextStyle::new(size, mc), Some(i));
        let ty = y + padding + lh * label_lines as f64 + f.css(4.0);
        let style = TextStyle::new(big, tc).bold();
        f.lines(tx, ty, value, big * 1.15, style, Some(i));
        let ty = y + padding + lh * label_lines as f64 + f.css(4.0) + big * 1.15 * big_lines as f64;
        let ty = ty + f.css(4.0);
        f.lines(tx, ty, note, nh, TextStyle::new(small, mc), Some(i));
        f.anchor(i, (x + card_w / 2.0, y + card_h / 2.0));
        boxes.push((x, y, card_w, card_h, i));
    }
    f.hits.push(HitIndex::Boxes(boxes));
    let rows = n.div_ceil(cols);
    f.plot_height = top + (card_h + gap) * rows as f64 - gap - f.top;
}
