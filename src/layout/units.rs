//! Units (waffle): one dot per unit, coloured by item and grouped in item
//! order, row by row; a legend with count and share below. Hit-testing is
//! grid arithmetic (`HitIndex::Grid`), so 3,186 dots cost no more than 10.

use super::{share_of, Frame, Txt};
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
    let size = f.label_size();
    let row = f.css(24.0);
    let sw = f.css(12.0);
    let ly = y0 + pitch * rows as f64 + f.css(14.0);
    let (text, muted) = (f.theme.text, f.theme.muted);
    let mut boxes = Vec::with_capacity(ds.items.len());
    for (i, item) in ds.items.iter().enumerate() {
        let y = ly + row * i as f64;
        let mid = y + row / 2.0;
        let fill = colors.get(i).copied().unwrap_or(muted);
        f.shape(
            Shape::Rect {
                x: left,
                y: mid - sw / 2.0,
                w: sw,
                h: sw,
                fill: Some(fill),
                stroke: None,
            },
            Some(i),
        );
        let value = format::item_value(item, ds, lang);
        let share = format::share(share_of(ds, item));
        let vw = f.measure(&value, size, true);
        let shw = f.measure(&share, size, false);
        let tx = left + sw + f.css(8.0);
        let show_share = vw + shw + f.css(40.0) < inner * 0.6;
        let used = vw + if show_share { shw + f.css(8.0) } else { 0.0 };
        let bold = f.is_highlighted(i);
        let label = f.fit(
            item.label.get(lang),
            size,
            bold,
            (left + inner - used - f.css(12.0) - tx).max(0.0),
        );
        let cell = |x: f64, text: String, bold: bool, color, align| Txt {
            x,
            y: mid,
            text,
            size,
            bold,
            color,
            align,
            baseline: Baseline::Middle,
            item: Some(i),
        };
        f.text(cell(tx, label, bold, text, Align::Left));
        f.text(cell(left + inner, value, true, text, Align::Right));
        if show_share {
            f.text(cell(
                left + inner - vw - f.css(8.0),
                share,
                false,
                muted,
                Align::Right,
            ));
        }
        boxes.push((left, y, inner, row, i));
    }
    f.hits.push(HitIndex::Boxes(boxes));
    let mut bottom = ly + row * ds.items.len() as f64;
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
            color: muted,
            align: Align::Left,
            baseline: Baseline::Top,
            item: None,
        });
        bottom += f.css(4.0) + small * 1.3;
    }
    f.plot_height = bottom - f.top;
}
