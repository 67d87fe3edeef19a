//! The legend of direct labels that donut and units charts share: one row
//! per item with its swatch, label, value and — when there is room and it
//! adds something — its share of the whole. Each row is a hit box.

use super::{share_of, Frame, TextStyle};
use crate::data::Dataset;
use crate::format;
use crate::scene::{Align, Baseline, HitIndex};

/// Where the rows go, in device px.
pub struct Rows {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    /// Row height (≥ 24 CSS px, a touch target).
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
    for (i, item) in ds.items.iter().enumerate() {
        let y = r.y + r.row * i as f64;
        let mid = y + r.row / 2.0;
        let fill = f.item_color(ds, i, r.money);
        f.fill_rect(r.x, mid - sw / 2.0, sw, sw, fill, Some(i));
        let value = format::item_value(item, ds, lang);
        let share = format::share(share_of(ds, item));
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
        let label = f.fit(item.label.get(lang), size, bold, label_max);
        let (m, it) = (Baseline::Middle, Some(i));
        f.text(
            text_x,
            mid,
            label,
            TextStyle::new(size, text).weight(bold).baseline(m),
            it,
        );
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
        boxes.push((r.x, y, r.w, r.row, i));
    }
    f.hits.push(HitIndex::Boxes(boxes));
    r.y + r.row * ds.items.len() as f64
}
