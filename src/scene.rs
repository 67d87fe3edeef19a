//! The resolved picture: marks in device pixels, each tagged with the item it
//! shows, plus a hit index built by layout so hit-testing is arithmetic on the
//! layout's own structure and never touches the canvas.

use crate::theme::Color;

/// Horizontal text anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Vertical text anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Baseline {
    Top,
    Middle,
    Bottom,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Annulus sector; angles in radians, clockwise from 12 o'clock.
    Sector {
        cx: f64,
        cy: f64,
        r0: f64,
        r1: f64,
        start: f64,
        end: f64,
        fill: Color,
    },
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Option<Color>,
        stroke: Option<(Color, f64)>,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Color,
    },
    Line {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        width: f64,
        color: Color,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        color: Color,
        align: Align,
        baseline: Baseline,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub shape: Shape,
    /// Index of the dataset item this mark shows, if any.
    pub item: Option<usize>,
}

/// How to find the item under a point, resolved by layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum HitIndex {
    #[default]
    None,
    /// A ring: slices as (start, end, item), sorted by start angle.
    Ring {
        cx: f64,
        cy: f64,
        r0: f64,
        r1: f64,
        slices: Vec<(f64, f64, usize)>,
    },
    /// Rectangles (x, y, w, h, item) sorted by `y` then `x`, non-overlapping.
    Boxes(Vec<(f64, f64, f64, f64, usize)>),
    /// A grid of dots: cell (col, row) holds `cells[row * cols + col]`.
    Grid {
        x0: f64,
        y0: f64,
        pitch: f64,
        cols: usize,
        cells: Vec<usize>,
    },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Device pixels.
    pub width: f64,
    pub height: f64,
    pub background: Color,
    pub marks: Vec<Mark>,
    /// Hit regions; the first that finds an item wins.
    pub hits: Vec<HitIndex>,
    /// Anchor point (device px) per item, for tooltips and keyboard focus.
    pub anchors: Vec<(f64, f64)>,
    /// `marks[..static_end]` never change with the highlight (a layout invariant
    /// with its own test): the browser keeps them as a cached picture and a
    /// hover redraws only the rest. 0 when every mark may change.
    pub static_end: usize,
}

/// Angle of `(dx, dy)` clockwise from 12 o'clock, in `[0, 2π)`.
pub fn clock_angle(dx: f64, dy: f64) -> f64 {
    let a = dx.atan2(-dy);
    if a < 0.0 {
        a + std::f64::consts::TAU
    } else {
        a
    }
}

impl HitIndex {
    /// The item under the device-pixel point `(x, y)`.
    pub fn find(&self, x: f64, y: f64) -> Option<usize> {
        match self {
            HitIndex::None => None,
            HitIndex::Ring {
                cx,
                cy,
                r0,
                r1,
                slices,
            } => {
                let (dx, dy) = (x - cx, y - cy);
                let d = dx.hypot(dy);
                if !(d >= *r0 && d <= *r1) {
                    return None;
                }
                let a = clock_angle(dx, dy);
                let i = slices.partition_point(|s| s.0 <= a);
                let (s, e, item) = *slices.get(i.checked_sub(1)?)?;
                (a >= s && a < e).then_some(item)
            }
            HitIndex::Boxes(boxes) => {
                // Sorted by y: binary search the first box whose bottom is below y.
                let start = boxes.partition_point(|b| b.1 + b.3 < y);
                boxes
                    .get(start..)?
                    .iter()
                    .take_while(|b| b.1 <= y)
                    .find(|b| x >= b.0 && x <= b.0 + b.2 && y >= b.1 && y <= b.1 + b.3)
                    .map(|b| b.4)
            }
            HitIndex::Grid {
                x0,
                y0,
                pitch,
                cols,
                cells,
            } => {
                if *pitch <= 0.0 || *cols == 0 {
                    return None;
                }
                let (fx, fy) = ((x - x0) / pitch, (y - y0) / pitch);
                if fx < 0.0 || fy < 0.0 {
                    return None;
                }
                let (col, row) = (fx.floor() as usize, fy.floor() as usize);
                if col >= *cols {
                    return None;
                }
                // The whole cell counts, so gaps between dots do not flicker the tooltip.
                cells
                    .get(row.checked_mul(*cols)?.checked_add(col)?)
                    .copied()
            }
        }
    }
}

/// A donut's ring as its hit index holds it: centre, inner and outer
/// radius, and the slices as (start, end, item).
pub type Ring = (f64, f64, f64, f64, Vec<(f64, f64, usize)>);

impl Scene {
    pub fn hit(&self, x: f64, y: f64) -> Option<usize> {
        self.hits.iter().find_map(|h| h.find(x, y))
    }

    /// The ring hit index, when the scene has one (a donut).
    pub fn ring(&self) -> Option<Ring> {
        self.hits.iter().find_map(|h| match h {
            HitIndex::Ring {
                cx,
                cy,
                r0,
                r1,
                slices,
            } => Some((*cx, *cy, *r0, *r1, slices.clone())),
            _ => None,
        })
    }
}

/// Polygon outline of an annulus sector, with as few segments as keep the
/// chord within `tolerance` device pixels of the true arc.
pub fn sector_outline(
    (cx, cy): (f64, f64),
    (r0, r1): (f64, f64),
    (start, end): (f64, f64),
    tolerance: f64,
) -> Vec<(f64, f64)> {
    let sweep = (end - start).max(0.0);
    let step = if r1 > tolerance {
        2.0 * (1.0 - tolerance / r1).acos()
    } else {
        sweep
    };
    let n = ((sweep / step.max(1e-3)).ceil() as usize).clamp(1, 720);
    let at = |r: f64, a: f64| (cx + r * a.sin(), cy - r * a.cos());
    let mut pts = Vec::with_capacity(2 * n + 2);
    // `0..n + 1`, not `0..=n` (n ≤ 720): no RangeInclusive in the wasm.
    for k in 0..n + 1 {
        pts.push(at(r1, start + sweep * k as f64 / n as f64));
    }
    if r0 > 0.0 {
        for k in (0..n + 1).rev() {
            pts.push(at(r0, start + sweep * k as f64 / n as f64));
        }
    } else {
        pts.push((cx, cy));
    }
    pts
}
