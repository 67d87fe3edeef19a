//! Units (waffle): one dot per unit, coloured by item and grouped in item
//! order, row by row; a legend with count and share below. Hit-testing is
//! grid arithmetic (`HitIndex::Grid`), so 3,186 dots cost no more than 10.
//! The dots never change with the highlight: other items are dimmed by a
//! veil of background colour over their cells, so a hover redraws a few
//! rectangles over the cached dots instead of thousands of circles.

use crate::data::{Chart, Dataset, Lang, Unit};
use crate::format;
use crate::layout::{legend, Frame, TextStyle};
use crate::scene::HitIndex;

/// The `units` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Units,
    name: "units",
    about: super::about("A waffle: one dot per counted thing, coloured by item."),
    parts_of_whole: true,
    all_datasets: false,
    needs_target: false,
    dots: true,
    breakpoints: &[],
    max_items: crate::data::MAX_ITEMS,
    layout,
    summary: None,
};

/// Most dots drawn; beyond this one dot stands for several units.
pub const MAX_DOTS: f64 = 5000.0;

/// Units per dot: one, or as many as keep the dots within [`MAX_DOTS`].
fn per_dot(ds: &Dataset) -> f64 {
    let mut total = 0.0;
    for i in &ds.items {
        total += i.value.max(0.0);
    }
    if total > MAX_DOTS {
        (total / MAX_DOTS).ceil()
    } else {
        1.0
    }
}

/// The dots a value takes at `per` units a dot. Counted again wherever
/// needed rather than kept in a vector (written for size).
fn dot_count(value: f64, per: f64) -> usize {
    let v = value.max(0.0);
    let n = (v / per).round();
    // A non-empty category never vanishes.
    if v > 0.0 && n < 1.0 {
        1
    } else {
        n as usize
    }
}

pub fn layout(f: &mut Frame<'_>, _chart: &Chart, ds: &Dataset) {
    let lang = f.options.lang;
    let money = matches!(ds.unit, Unit::Cny);
    let left = f.pad;
    let inner = f.width - 2.0 * f.pad;
    let per = per_dot(ds);
    let mut n = 0;
    for it in &ds.items {
        n += dot_count(it.value, per);
    }

    // Pitch from the area a square-ish block of dots may take, whole device px.
    let css_inner = inner / f.scale;
    let budget_h = (css_inner * 0.6).clamp(120.0, 420.0);
    let ideal = (css_inner * budget_h / n.max(1) as f64)
        .sqrt()
        .clamp(4.0, 18.0);
    let pitch = (ideal * f.scale).floor().max(3.0);
    let cols = ((inner / pitch).floor() as usize).max(1);
    let rows = n.div_ceil(cols);
    let r = pitch * 0.4;
    let x0 = left;
    let y0 = f.top + f.css(4.0);

    let center = |k: usize| {
        (
            x0 + pitch * (k % cols) as f64 + pitch / 2.0,
            y0 + pitch * (k / cols) as f64 + pitch / 2.0,
        )
    };
    // Each item's dots in one run: the grid's cells and the circles
    // together; its anchor at its middle dot; where the highlighted
    // item's dots are.
    let mut cells = Vec::with_capacity(n);
    let mut highlighted = None;
    for (i, it) in ds.items.iter().enumerate() {
        let (c, start) = (dot_count(it.value, per), cells.len());
        let fill = f.base_color(ds, i, money);
        for _ in 0..c {
            let (cx, cy) = center(cells.len());
            f.circle(cx, cy, r, fill, Some(i));
            cells.push(i);
        }
        if c > 0 {
            f.anchor(i, center(start + c / 2));
        }
        if f.is_highlighted(i) {
            highlighted = Some((i, start, start + c));
        }
    }
    f.end_layer();

    if let Some((h, start, end)) = highlighted {
        // Dimming = mixing toward the background, which is what a veil of
        // background colour at the dim strength does to an opaque dot.
        let veil = f.theme.background.with_alpha(crate::layout::DIM);
        for r in &cells_outside(start, end, n, cols) {
            let &Some((x, y, w, hh)) = r else {
                continue;
            };
            let (x, y, w, hh) = (x as f64, y as f64, w as f64, hh as f64);
            f.fill_rect(
                x0 + pitch * x,
                y0 + pitch * y,
                pitch * w,
                pitch * hh,
                veil,
                None,
            );
        }
        if f.options.keyboard {
            let ring = f.theme.focus;
            let fill = f.base_color(ds, h, money);
            for k in start..end {
                let (cx, cy) = center(k);
                f.circle(cx, cy, pitch / 2.0, ring, Some(h));
                f.circle(cx, cy, r, fill, Some(h));
            }
        }
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
        let note = format::marked(
            match lang {
                Lang::Zh => "每点代表",
                Lang::En => "One dot = ",
            },
            per,
            &ds.unit,
            ds.noun.as_ref(),
            lang,
        );
        let small = f.small();
        f.fit_text(
            left,
            bottom + f.css(4.0),
            &note,
            inner,
            TextStyle::new(small, f.theme.muted),
            None,
        );
        bottom += f.css(4.0) + small * 1.3;
    }
    f.plot_height = bottom - f.top;
}

/// A cell rectangle `(col, row, cols wide, rows high)`, if there is one.
type Cells = Option<(usize, usize, usize, usize)>;

/// The cell rectangles covering every cell of an `n`-cell row-major grid
/// outside `[start, end)`: at most four.
fn cells_outside(start: usize, end: usize, n: usize, cols: usize) -> [Cells; 4] {
    let c = cols.max(1);
    let rows = n.div_ceil(c);
    let (sr, sc) = (start / c, start % c);
    let (er, ec) = (end / c, end % c);
    let full = |r0: usize, r1: usize| (r1 > r0).then_some((0, r0, c, r1 - r0));
    [
        // Whole rows above the item, then the start of its first row.
        full(0, sr),
        (sc > 0).then_some((0, sr, sc, 1)),
        // The rest of its last row, then whole rows below.
        (ec > 0 && end < n).then_some((ec, er, c - ec, 1)),
        full(if ec > 0 { er + 1 } else { er }, rows),
    ]
}

#[cfg(test)]
mod tests {
    use super::cells_outside;

    /// Marks every covered cell of a grid, panicking on overlap.
    fn covered(start: usize, end: usize, n: usize, cols: usize) -> Vec<bool> {
        let rows = n.div_ceil(cols);
        let mut grid = vec![false; rows * cols];
        for (x, y, w, h) in cells_outside(start, end, n, cols).into_iter().flatten() {
            for r in y..y + h {
                for c in x..x + w {
                    assert!(!grid[r * cols + c], "cell ({c}, {r}) covered twice");
                    grid[r * cols + c] = true;
                }
            }
        }
        grid
    }

    #[test]
    fn the_veil_covers_exactly_the_cells_of_other_items() {
        for cols in 1..7 {
            for n in 1..20 {
                for start in 0..=n {
                    for end in start..=n {
                        let grid = covered(start, end, n, cols);
                        for (k, &c) in grid.iter().enumerate().take(n) {
                            assert_eq!(
                                c,
                                !(start..end).contains(&k),
                                "cell {k}: n {n} cols {cols} item {start}..{end}"
                            );
                        }
                    }
                }
            }
        }
    }
}
