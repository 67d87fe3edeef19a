//! Donut: slices clockwise from 12 o'clock, the total in the hole, and a
//! legend of direct labels (label, value, share) beside the ring on wide
//! columns and below it on phones, so labels never overlap however thin a slice.

use std::f64::consts::TAU;

use crate::data::{Chart, Dataset, Lang, Role, Unit};
use crate::format;
use crate::layout::{legend, Frame, TextStyle};
use crate::scene::{Align, Baseline, HitIndex, Shape};

/// From this CSS width the legend sits beside the ring.
const WIDE: f64 = 520.0;

/// The `donut` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Donut,
    name: "donut",
    about: super::about("A ring of parts of one whole, labelled directly, with the total in its centre."),
    parts_of_whole: true,
    all_datasets: false,
    needs_target: false,
    dots: false,
    breakpoints: &[WIDE],
    max_items: crate::data::MAX_ITEMS,
    layout,
    summary: None,
};

pub fn layout(f: &mut Frame<'_>, _chart: &Chart, ds: &Dataset) {
    let lang = f.options.lang;
    let wide = f.css_width() >= WIDE;
    let inner = f.width - 2.0 * f.pad;
    let pull = f.css(6.0);
    let gap = f.css(24.0);
    let diameter = if wide {
        f.css(260.0).min(inner * 0.45)
    } else {
        f.css(240.0).min(inner - 2.0 * pull)
    };
    let r1 = diameter / 2.0;
    let r0 = r1 * 0.6;
    let (cx, cy) = (f.pad + pull + r1, f.top + pull + r1);

    let total = ds.total();
    let money = matches!(ds.unit, Unit::Cny);
    let mut slices = Vec::with_capacity(ds.items.len());
    let mut start = 0.0;
    for (i, item) in ds.items.iter().enumerate() {
        let sweep = if total > 0.0 {
            item.value / total * TAU
        } else {
            0.0
        };
        let end = if i + 1 == ds.items.len() {
            TAU
        } else {
            (start + sweep).min(TAU)
        };
        slices.push((start, end, i));
        start = end;
    }

    // Focus ring first, so the slice draws over it.
    if f.options.keyboard {
        if let Some(&(s, e, i)) = f.options.highlight.and_then(|h| slices.get(h)) {
            let (ox, oy) = offset((s + e) / 2.0, pull);
            let w = f.css(3.0);
            let fill = f.theme.focus;
            f.shape(
                Shape::Sector {
                    cx: cx + ox,
                    cy: cy + oy,
                    r0: r0 - w,
                    r1: r1 + w,
                    start: s,
                    end: e,
                    fill,
                },
                Some(i),
            );
        }
    }
    let r = (r0 + r1) / 2.0;
    for &(s, e, i) in &slices {
        // The anchor and the pull-out share one direction, the slice's middle.
        let (ux, uy) = offset((s + e) / 2.0, 1.0);
        f.anchor(i, (cx + ux * r, cy + uy * r));
        if e <= s {
            continue;
        }
        let (ox, oy) = if f.is_highlighted(i) {
            (ux * pull, uy * pull)
        } else {
            (0.0, 0.0)
        };
        let fill = f.item_color(ds, i, money);
        f.shape(
            Shape::Sector {
                cx: cx + ox,
                cy: cy + oy,
                r0,
                r1,
                start: s,
                end: e,
                fill,
            },
            Some(i),
        );
    }
    // Thin separators in the background colour keep neighbouring slices apart.
    if slices.len() > 1 {
        for &(s, _, _) in &slices {
            let (dx, dy) = (s.sin(), -s.cos());
            let (bg, w) = (f.theme.background, f.css(2.0));
            f.line(
                cx + dx * (r0 - 1.0),
                cy + dy * (r0 - 1.0),
                cx + dx * (r1 + 1.0),
                cy + dy * (r1 + 1.0),
                w,
                bg,
                None,
            );
        }
    }
    centre(f, ds, (cx, cy), r0, lang);

    // Legend of direct labels.
    let row = f.css(26.0);
    let (lx, ly, lw) = if wide {
        let x = cx + r1 + pull + gap;
        (
            x,
            f.top + (pull + r1 - row * ds.items.len() as f64 / 2.0).max(0.0),
            f.width - f.pad - x,
        )
    } else {
        (f.pad, cy + r1 + pull + f.css(16.0), inner)
    };
    let legend_bottom = legend::rows(
        f,
        ds,
        legend::Rows {
            x: lx,
            y: ly,
            w: lw,
            row,
            shares: !matches!(ds.unit, Unit::Percent),
            money,
        },
    );
    f.hits.push(HitIndex::Ring {
        cx,
        cy,
        r0,
        r1: r1 + pull,
        slices,
    });
    let ring_bottom = cy + r1 + pull;
    f.plot_height = ring_bottom.max(legend_bottom) - f.top;
}

/// The hole: the highlighted item (value and label) when there is one, else
/// the total; for `percent` datasets the total says nothing, so the first
/// clean item (or the largest) stands in. Shrunk until it fits the hole.
fn centre(f: &mut Frame<'_>, ds: &Dataset, (cx, cy): (f64, f64), r0: f64, lang: Lang) {
    // The first clean item, else the largest (the last of equals).
    let mut clean = None;
    let mut largest: Option<(usize, f64)> = None;
    for (i, it) in ds.items.iter().enumerate() {
        if clean.is_none() && it.role == Some(Role::Clean) {
            clean = Some(i);
        }
        if largest.is_none_or(|(_, v)| v.total_cmp(&it.value).is_le()) {
            largest = Some((i, it.value));
        }
    }
    let featured = f.options.highlight.filter(|h| *h < ds.items.len()).or_else(|| {
        matches!(ds.unit, Unit::Percent).then(|| clean.or(largest.map(|l| l.0)).unwrap_or(0))
    });
    let (big, caption) = match featured.and_then(|i| ds.items.get(i)) {
        Some(item) => (format::item_value(item, ds, lang), item.label.get(lang)),
        None => (
            crate::layout::total_text(ds, lang),
            match lang {
                Lang::Zh => "合计",
                Lang::En => "Total",
            },
        ),
    };
    let max_w = r0 * 1.7;
    let size = f.fit_size(
        std::slice::from_ref(&big),
        true,
        f.css(26.0),
        f.css(12.0),
        max_w,
    );
    let (text, muted) = (f.theme.text, f.theme.muted);
    let cap = f.css(12.0);
    f.fit_text(
        cx,
        cy - f.css(2.0),
        &big,
        max_w,
        TextStyle::new(size, text)
            .bold()
            .align(Align::Center)
            .baseline(Baseline::Bottom),
        featured,
    );
    f.fit_text(
        cx,
        cy + f.css(4.0),
        caption,
        r0 * 1.5,
        TextStyle::new(cap, muted).align(Align::Center),
        featured,
    );
}

fn offset(angle: f64, d: f64) -> (f64, f64) {
    (angle.sin() * d, -angle.cos() * d)
}
