//! Units (waffle): one dot per unit, coloured by item and grouped in item
//! order, row by row; a legend with count and share below. Hit-testing is
//! grid arithmetic (`HitIndex::Grid`), so 3,186 dots cost no more than 10.

use super::{legend, Frame, Txt};
use crate::data::{Chart, Dataset, Lang, Unit};
use crate::format;
use crate::scene::{Align, Baseline, HitIndex, Shape};

/// Most dots drawn; beyond this one dot stands for several units.
pub const MAX_DOTS: f64 = 5000.0;

/// Units per dot and the dot count of each item.
pub fn dots(ds: &Dataset) -> (f64, Vec<usize>) {
    let total: f64 = ds.items.iter().map(|i| i.value.max(0.0)).sum();
    let per = if total > MAX_DOTS {
        (total / MAX_DOTS).ceil()
    } else {
        1.0
    };
    let counts = ds
        .items
        .iter()
        .map(|i| {
            let v = i.value.max(0.0);
            let n = (v / per).round();
            // A non-empty category never vanishes.
            if v > 0.0 && n < 1.0 {
                1
            } else {
                n as usize
            }
        })
        .collect();
    (per, counts)
}

pub fn layout(f: &mut Frame<'_>, _chart: &Chart, ds: &Dataset) {
    let lang = f.o.lang;
    let money = ds.unit == Unit::Cny;
    let left = f.pad;
    let inner = f.width - 2.0 * f.pad;
    let (per, counts) = dots(ds);
    let n: usize = counts.iter().sum();

    // Pitch from the area a square-ish block of dots may take, whole device px.
    let css_inner = inner / f.px;
    let budget_h = (css_inner * 0.6).clamp(120.0, 420.0);
    let ideal = (css_inner * budget_h / n.max(1) as f64)
        .sqrt()
        .clamp(4.0, 18.0);
    let pitch = (ideal * f.px).floor().max(3.0);
    let cols = ((inner / pitch).floor() as usize).max(1);
    let rows = n.div_ceil(cols);
    let r = pitch * 0.4;
    let x0 = left;
    let y0 = f.top + f.css(4.0);

    let mut cells = Vec::with_capacity(n);
    for (i, c) in counts.iter().enumerate() {
        cells.extend(std::iter::repeat_n(i, *c));
    }
    let focus = f.o.keyboard.then_some(f.o.highlight).flatten();
    let colors: Vec<_> = (0..ds.items.len())
        .map(|i| f.item_color(ds, i, money))
        .collect();
    let ring = f.theme.focus;
    for (k, &i) in cells.iter().enumerate() {
        let cx = x0 + pitch * (k % cols) as f64 + pitch / 2.0;
        let cy = y0 + pitch * (k / cols) as f64 + pitch / 2.0;
        if focus == Some(i) {
            f.shape(
                Shape::Circle {
                    cx,
                    cy,
                    r: pitch / 2.0,
                    fill: ring,
                },
                Some(i),
            );
        }
        let fill = colors.get(i).copied().unwrap_or(f.theme.muted);
        f.shape(Shape::Circle { cx, cy, r, fill }, Some(i));
    }
    // Anchor each category at its middle dot.
    let mut start = 0usize;
    for (i, c) in counts.iter().enumerate() {
        if *c > 0 {
            let k = start + c / 2;
            f.anchor(
                i,
                (
                    x0 + pitch * (k % cols) as f64 + pitch / 2.0,
                    y0 + pitch * (k / cols) as f64 + pitch / 2.0,
                ),
            );
        }
        start += c;
    }
    f.hits.push(HitIndex::Grid {
        x0,
        y0,
        pitch,
        cols,
        cells,
    });

    // Legend: swatch, label, count and share, one row per item.
    let ly = y0 + pitch * rows as f64 + f.css(14.0);
    let mut bottom = legend::rows(
        f,
        ds,
        legend::Rows {
            x: left,
            y: ly,
            w: inner,
            row: f.css(24.0),
            shares: true,
            money,
        },
    );
    if per > 1.0 {
        let note = match lang {
            Lang::Zh => format!(
                "每点代表{}",
                format::quantity(per, &ds.unit, ds.noun.as_ref(), lang)
            ),
            Lang::En => format!(
                "One dot = {}",
                format::quantity(per, &ds.unit, ds.noun.as_ref(), lang)
            ),
        };
        let small = f.small();
        let note = f.fit(&note, small, false, inner);
        f.text(Txt {
            x: left,
            y: bottom + f.css(4.0),
            text: note,
            size: small,
            bold: false,
            color: f.theme.muted,
            align: Align::Left,
            baseline: Baseline::Top,
            item: None,
        });
        bottom += f.css(4.0) + small * 1.3;
    }
    f.plot_height = bottom - f.top;
}
