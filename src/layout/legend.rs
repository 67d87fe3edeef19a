//! The legend of direct labels that donut and units charts share: one row
//! per item with its swatch, label, value and — when there is room and it
//! adds something — its share of the whole. Each row is a hit box. In an
//! image a label too long for its row wraps (and the row grows).

use super::{Frame, TextStyle};
use crate::data::Dataset;
use crate::format;
use crate::scene::{Align, Baseline, HitIndex};

/// Where the rows go, in device px.
pub struct Rows {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    /// Row height (≥ 24 CSS px, a touch target); a wrapped label's row is taller.
    pub row: f64,
    /// Whether a share column may show (percent values already are shares).
    pub shares: bool,
    pub money: bool,
}

/// Lays out the rows and their hit boxes; returns the bottom of the legend.
pub fn rows(f: &mut Frame<'_>, ds: &Dataset, r: Rows) -> f64 {
    let lang = f.options.lang;
    let size = f.label_size();
    let sw = f.css(12.0);
    let (text, muted) = (f.theme.text, f.theme.muted);
    let mut boxes = Vec::with_capacity(ds.items.len());
    let image = super::chrome(f.options);
    let lh = size * 1.3;
    let mut y = r.y;
    for (i, item) in ds.items.iter().enumerate() {
        let fill = f.item_color(ds, i, r.money);
        let value = format::item_value(item, ds, lang);
        let share = format::item_share(ds, item);
        let bold = f.is_highlighted(i);
        let value_w = f.measure(&value, size, true);
        let share_w = f.measure(&share, size, false);
        let text_x = r.x + sw + f.css(8.0);
        // The share gives way before the label does; the tooltip still has it.
        let show_share = r.shares && value_w + share_w + f.css(60.0) <= r.x + r.w - text_x;
        let used = value_w
            + if show_share {
                share_w + f.css(8.0)
            } else {
                0.0
            };
        let label_max = (r.x + r.w - used - f.css(12.0) - text_x).max(0.0);
        // Measured bold whatever the highlight, so hovering moves nothing.
        // An image wraps a long label (it has no tooltip to give the rest);
        // the canvas shortens it and its tooltip names the item in full.
        let label = item.label.get(lang);
        let (m, it) = (Baseline::Middle, Some(i));
        let style = TextStyle::new(size, text).weight(bold).baseline(m);
        // The label before its swatch: `text_last` puts every text after
        // the shapes anyway, and the lines of an image stay out of the
        // canvas's branch, so the wasm has no vector of them to drop.
        let row = if image {
            let lines = super::wrap(f.measure, label, size, true, label_max, usize::MAX);
            let row = if lines.len() > 1 {
                f64::max(r.row, lh * lines.len() as f64 + f.css(8.0))
            } else {
                r.row
            };
            let first = y + row / 2.0 - lh * (lines.len() as f64 - 1.0) / 2.0;
            for (k, line) in lines.into_iter().enumerate() {
                f.text(text_x, first + lh * k as f64, line, style, it);
            }
            row
        } else {
            // One line, shortened.
            let line = f.fit(label, size, true, label_max);
            f.text(text_x, y + r.row / 2.0, line, style, it);
            r.row
        };
        let mid = y + row / 2.0;
        f.fill_rect(r.x, mid - sw / 2.0, sw, sw, fill, Some(i));
        f.text(
            r.x + r.w,
            mid,
            value,
            TextStyle::new(size, text)
                .bold()
                .align(Align::Right)
                .baseline(m),
            it,
        );
        if show_share {
            let x = r.x + r.w - value_w - f.css(8.0);
            f.text(
                x,
                mid,
                share,
                TextStyle::new(size, muted).align(Align::Right).baseline(m),
                it,
            );
        }
        boxes.push((r.x, y, r.w, row, i));
        y += row;
    }
    f.hits.push(HitIndex::Boxes(boxes));
    y
}
