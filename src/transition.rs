//! Transitions: the scene at time t between two laid-out scenes, as a pure
//! function. Marks are matched by the item they show (its id, not its place)
//! and their shape and order within that item; matched marks morph, new ones
//! grow from nothing, gone ones shrink away, numbers count in the final format.

use crate::digits::push_fixed;
use crate::scene::{Mark, Scene, Shape};
use crate::theme::Color;

/// How long a transition runs, in ms.
pub const DURATION: f64 = 350.0;

/// Share of the duration over which a units chart's dots start changing, so
/// the change sweeps across the grid as a wave.
const WAVE: f64 = 0.45;

/// Ease-out cubic: fast at first, settling gently.
pub fn ease(t: f64) -> f64 {
    let u = 1.0 - t.clamp(0.0, 1.0);
    1.0 - u * u * u
}

/// A scene with the identity of what each item key shows: `ids[key]` is the
/// item's id (for kinds that show every dataset, prefixed by its dataset's).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Keyed {
    pub scene: Scene,
    pub ids: Vec<String>,
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

fn lerp_color(a: Color, b: Color, t: f64) -> Color {
    let ch = |x: u8, y: u8| {
        lerp(f64::from(x), f64::from(y), t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color {
        r: ch(a.r, b.r),
        g: ch(a.g, b.g),
        b: ch(a.b, b.b),
        a: lerp(a.a, b.a, t),
    }
}

fn faded(c: Color, alpha: f64) -> Color {
    c.with_alpha(c.a * alpha.clamp(0.0, 1.0))
}

/// What a mark is, for matching: its shape's kind.
fn variant(s: &Shape) -> u8 {
    match s {
        Shape::Sector { .. } => 0,
        Shape::Rect { .. } => 1,
        Shape::Circle { .. } => 2,
        Shape::Line { .. } => 3,
        Shape::Text { .. } => 4,
    }
}

/// Kinds of shape a mark can have (see [`variant`]).
const VARIANTS: usize = 5;

/// Each mark's index among the marks of its item and shape kind: marks are
/// matched across scenes by (item id, shape kind, this ordinal).
fn ordinals(k: &Keyed) -> Vec<usize> {
    let slots = (k.ids.len() + 1) * VARIANTS;
    let mut seen = vec![0usize; slots];
    k.scene
        .marks
        .iter()
        .map(|m| {
            let key = m.item.filter(|&i| i < k.ids.len()).unwrap_or(k.ids.len());
            let slot = key * VARIANTS + usize::from(variant(&m.shape));
            let n = seen.get(slot).copied().unwrap_or(0);
            if let Some(c) = seen.get_mut(slot) {
                *c += 1;
            }
            n
        })
        .collect()
}

/// Pairs of (from mark, to mark) indices: both for a mark in both scenes.
pub type Pairs = Vec<(Option<usize>, Option<usize>)>;

/// Matches the marks of two scenes by identity, in the target's drawing
/// order, after the marks only in `from` (drawn first, under the rest).
/// Linear in the marks: no sort, which the wasm would pay for in size.
pub fn pair(from: &Keyed, to: &Keyed) -> Pairs {
    // `from`'s marks by (key, shape kind), in order: the ordinal indexes it.
    let nf = from.ids.len();
    let mut slots: Vec<Vec<usize>> = vec![Vec::new(); (nf + 1) * VARIANTS];
    for (i, m) in from.scene.marks.iter().enumerate() {
        let key = m.item.filter(|&k| k < nf).unwrap_or(nf);
        if let Some(s) = slots.get_mut(key * VARIANTS + usize::from(variant(&m.shape))) {
            s.push(i);
        }
    }
    // Each target key's key in `from`: the same item id (unitemed to unitemed).
    let from_key = |k: Option<usize>| match k.and_then(|k| to.ids.get(k)) {
        Some(id) => from.ids.iter().position(|x| x == id),
        None => Some(nf),
    };
    let keys: Vec<Option<usize>> = (0..to.ids.len()).map(|k| from_key(Some(k))).collect();
    let mut used = vec![false; from.scene.marks.len()];
    let mut matched = Vec::with_capacity(to.scene.marks.len());
    for (m, n) in to.scene.marks.iter().zip(ordinals(to)) {
        let fk = match m.item.filter(|&k| k < to.ids.len()) {
            Some(k) => keys.get(k).copied().flatten(),
            None => Some(nf),
        };
        let f = fk
            .and_then(|fk| slots.get(fk * VARIANTS + usize::from(variant(&m.shape))))
            .and_then(|s| s.get(n))
            .copied();
        if let Some(u) = f.and_then(|f| used.get_mut(f)) {
            *u = true;
        }
        matched.push(f);
    }
    let mut pairs: Pairs = Vec::with_capacity(matched.len() + used.len());
    for (k, u) in used.iter().enumerate() {
        if !u {
            pairs.push((Some(k), None));
        }
    }
    for (k, f) in matched.into_iter().enumerate() {
        pairs.push((f, Some(k)));
    }
    pairs
}

/// The shape a mark grows from (or shrinks to): no area, no ink.
fn nothing(s: &Shape) -> Shape {
    let mut s = s.clone();
    match &mut s {
        Shape::Sector { start, end, .. } => *end = *start,
        Shape::Rect {
            w, fill, stroke, ..
        } => {
            *w = 0.0;
            if let Some(f) = fill {
                *f = faded(*f, 0.0);
            }
            if let Some((c, _)) = stroke {
                *c = faded(*c, 0.0);
            }
        }
        Shape::Circle { r, .. } => *r = 0.0,
        Shape::Line { color, .. } => *color = faded(*color, 0.0),
        Shape::Text { color, .. } => *color = faded(*color, 0.0),
    }
    s
}

/// A number inside a text: (text before it, its value, its decimals,
/// whether it is grouped with commas, text after it).
fn split_number(s: &str) -> Option<(&str, f64, usize, bool, &str)> {
    let start = s.find(|c: char| c.is_ascii_digit())?;
    let rest = s.get(start..)?;
    let len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let num = rest.get(..len)?.trim_end_matches([',', '.']);
    let after = s.get(start + num.len()..)?;
    let plain: String = num.chars().filter(|&c| c != ',').collect();
    let value: f64 = parse_plain(&plain)?;
    let decimals = plain.find('.').map_or(0, |p| plain.len() - p - 1);
    Some((s.get(..start)?, value, decimals, num.contains(','), after))
}

/// Digits with at most one point, read without the float parser (whose
/// error paths the wasm does not otherwise link).
fn parse_plain(s: &str) -> Option<f64> {
    let (mut v, mut scale, mut point) = (0.0f64, 1.0f64, false);
    for c in s.chars() {
        match c {
            '.' if !point => point = true,
            '0'..='9' => {
                let d = f64::from(c as u8 - b'0');
                if point {
                    scale /= 10.0;
                    v += d * scale;
                } else {
                    v = v * 10.0 + d;
                }
            }
            _ => return None,
        }
    }
    Some(v)
}

/// The text between `a` and `b` at `t`: a number that both say with the same
/// words around it counts from one to the other, always written with `b`'s
/// decimals and grouping, so no intermediate is more precise than the final
/// figure. Other texts change at the midpoint (with the fade in `blend`).
pub fn count(a: &str, b: &str, t: f64) -> String {
    if t >= 1.0 || a == b {
        return b.to_string();
    }
    if t <= 0.0 {
        return a.to_string();
    }
    let (Some(x), Some(y)) = (split_number(a), split_number(b)) else {
        return if t < 0.5 { a } else { b }.to_string();
    };
    if x.0 != y.0 || x.4 != y.4 {
        return if t < 0.5 { a } else { b }.to_string();
    }
    let mut digits = String::new();
    push_fixed(&mut digits, lerp(x.1, y.1, t), y.2);
    let mut out = String::from(y.0);
    if y.3 {
        let int = digits.find('.').unwrap_or(digits.len());
        for (i, c) in digits.char_indices() {
            if i > 0 && i < int && (int - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
    } else {
        out.push_str(&digits);
    }
    out.push_str(y.4);
    out
}

/// Whether `a` counts to `b`: both say one number with the same words around it.
fn counts(a: &str, b: &str) -> bool {
    match (split_number(a), split_number(b)) {
        (Some(x), Some(y)) => x.0 == y.0 && x.4 == y.4,
        _ => false,
    }
}

/// Shape `a` morphed toward `b` by `t` (both of one kind; otherwise `b`).
fn blend(a: &Shape, b: &Shape, t: f64) -> Shape {
    match (a, b) {
        (
            Shape::Sector {
                cx,
                cy,
                r0,
                r1,
                start,
                end,
                fill,
            },
            Shape::Sector {
                cx: cx2,
                cy: cy2,
                r0: r02,
                r1: r12,
                start: s2,
                end: e2,
                fill: f2,
            },
        ) => Shape::Sector {
            cx: lerp(*cx, *cx2, t),
            cy: lerp(*cy, *cy2, t),
            r0: lerp(*r0, *r02, t),
            r1: lerp(*r1, *r12, t),
            start: lerp(*start, *s2, t),
            end: lerp(*end, *e2, t),
            fill: lerp_color(*fill, *f2, t),
        },
        (
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            },
            Shape::Rect {
                x: x2,
                y: y2,
                w: w2,
                h: h2,
                fill: f2,
                stroke: s2,
            },
        ) => Shape::Rect {
            x: lerp(*x, *x2, t),
            y: lerp(*y, *y2, t),
            w: lerp(*w, *w2, t),
            h: lerp(*h, *h2, t),
            fill: match (fill, f2) {
                (Some(a), Some(b)) => Some(lerp_color(*a, *b, t)),
                (None, Some(b)) => Some(faded(*b, t)),
                (Some(a), None) => Some(faded(*a, 1.0 - t)),
                (None, None) => None,
            },
            stroke: match (stroke, s2) {
                (Some(a), Some(b)) => Some((lerp_color(a.0, b.0, t), lerp(a.1, b.1, t))),
                (None, Some(b)) => Some((faded(b.0, t), b.1)),
                (Some(a), None) => Some((faded(a.0, 1.0 - t), a.1)),
                (None, None) => None,
            },
        },
        (
            Shape::Circle { cx, cy, r, fill },
            Shape::Circle {
                cx: cx2,
                cy: cy2,
                r: r2,
                fill: f2,
            },
        ) => Shape::Circle {
            cx: lerp(*cx, *cx2, t),
            cy: lerp(*cy, *cy2, t),
            r: lerp(*r, *r2, t),
            fill: lerp_color(*fill, *f2, t),
        },
        (
            Shape::Line {
                x0,
                y0,
                x1,
                y1,
                width,
                color,
            },
            Shape::Line {
                x0: a0,
                y0: b0,
                x1: a1,
                y1: b1,
                width: w2,
                color: c2,
            },
        ) => Shape::Line {
            x0: lerp(*x0, *a0, t),
            y0: lerp(*y0, *b0, t),
            x1: lerp(*x1, *a1, t),
            y1: lerp(*y1, *b1, t),
            width: lerp(*width, *w2, t),
            color: lerp_color(*color, *c2, t),
        },
        (
            Shape::Text {
                x,
                y,
                text,
                size,
                bold,
                color,
                align,
                baseline,
            },
            Shape::Text {
                x: x2,
                y: y2,
                text: t2,
                size: s2,
                bold: bold2,
                color: c2,
                align: align2,
                baseline: baseline2,
            },
        ) => {
            // A number with the same words and style counts and moves; any
            // other change fades the old text out and the new one in, each
            // where and as it is drawn, switching at the midpoint.
            let same = (bold, align, baseline) == (bold2, align2, baseline2);
            if same && (text == t2 || counts(text, t2)) {
                Shape::Text {
                    x: lerp(*x, *x2, t),
                    y: lerp(*y, *y2, t),
                    text: count(text, t2, t),
                    size: lerp(*size, *s2, t),
                    bold: *bold2,
                    color: lerp_color(*color, *c2, t),
                    align: *align2,
                    baseline: *baseline2,
                }
            } else if t < 0.5 {
                let mut out = a.clone();
                if let Shape::Text { color, .. } = &mut out {
                    *color = faded(*color, 1.0 - 2.0 * t);
                }
                out
            } else {
                let mut out = b.clone();
                if let Shape::Text { color, .. } = &mut out {
                    *color = faded(*color, 2.0 * t - 1.0);
                }
                out
            }
        }
        _ => b.clone(),
    }
}

/// The local progress of mark `k` of `n` dots: dots start one after another
/// across `WAVE` of the run, each taking the rest.
fn wave(t: f64, k: usize, n: usize) -> f64 {
    if n <= 1 {
        return t;
    }
    let delay = WAVE * k as f64 / (n - 1) as f64;
    ((t - delay) / (1.0 - WAVE)).clamp(0.0, 1.0)
}

/// The scene `e` of the way (eased) from `from` to `to`, with `pairs` from
/// [`pair`]. Its item keys are `to`'s; marks on their way out have none
/// (they cannot be hovered). Hit regions and anchors move with the marks.
pub fn frame(from: &Keyed, to: &Keyed, pairs: &Pairs, t: f64) -> Keyed {
    let e = ease(t);
    let mut dots = 0;
    for m in &to.scene.marks {
        dots += usize::from(matches!(m.shape, Shape::Circle { .. }));
    }
    let mut dot = 0;
    let mut marks = Vec::with_capacity(pairs.len());
    for &(a, b) in pairs {
        let (fm, tm) = (
            a.and_then(|i| from.scene.marks.get(i)),
            b.and_then(|i| to.scene.marks.get(i)),
        );
        let mark = match (fm, tm) {
            (Some(f), Some(m)) => {
                let local = if matches!(m.shape, Shape::Circle { .. }) {
                    dot += 1;
                    ease(wave(t, dot - 1, dots))
                } else {
                    e
                };
                Mark {
                    shape: blend(&f.shape, &m.shape, local),
                    item: m.item,
                }
            }
            (None, Some(m)) => Mark {
                shape: blend(&nothing(&m.shape), &m.shape, e),
                item: m.item,
            },
            (Some(f), None) => Mark {
                shape: blend(&f.shape, &nothing(&f.shape), e),
                item: None,
            },
            (None, None) => continue,
        };
        marks.push(mark);
    }
    let mut anchors = Vec::with_capacity(to.scene.anchors.len());
    for (k, &(x, y)) in to.scene.anchors.iter().enumerate() {
        let was = to
            .ids
            .get(k)
            .and_then(|id| from.ids.iter().position(|x| x == id))
            .and_then(|j| from.scene.anchors.get(j));
        anchors.push(match was {
            Some(&(fx, fy)) => (lerp(fx, x, e), lerp(fy, y, e)),
            None => (x, y),
        });
    }
    Keyed {
        scene: Scene {
            width: to.scene.width,
            height: to.scene.height,
            background: lerp_color(from.scene.background, to.scene.background, e),
            marks,
            // Mid-way the pointer finds marks where they are drawn: see [`hit`].
            hits: Vec::new(),
            anchors,
            static_end: 0,
        },
        ids: to.ids.clone(),
    }
}

/// The item under the device-pixel point `(x, y)` in a frame: the topmost
/// shape of an item that contains it. A frame lasts a few milliseconds and
/// its marks are wherever the morph put them, so this scans the marks
/// rather than a layout's hit index (which a settled scene uses).
pub fn hit(frame: &Scene, x: f64, y: f64) -> Option<usize> {
    for m in frame.marks.iter().rev() {
        let Some(item) = m.item else { continue };
        let inside = match m.shape {
            Shape::Rect {
                x: rx, y: ry, w, h, ..
            } => x >= rx && x <= rx + w && y >= ry && y <= ry + h,
            Shape::Circle { cx, cy, r, .. } => (x - cx).hypot(y - cy) <= r.max(2.0),
            Shape::Sector {
                cx,
                cy,
                r0,
                r1,
                start,
                end,
                ..
            } => {
                let d = (x - cx).hypot(y - cy);
                let a = crate::scene::clock_angle(x - cx, y - cy);
                d >= r0 && d <= r1 && a >= start && a < end
            }
            _ => false,
        };
        if inside {
            return Some(item);
        }
    }
    None
}
