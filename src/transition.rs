//! Transitions: the scene at time t between two laid-out scenes, as a pure
//! function. Marks are matched by the item they show (its id, not its place)
//! and their shape and order within that item; matched marks morph, new ones
//! grow from nothing, gone ones shrink away, numbers count in the final format.
//!
//! Written for size (the wasm carries it): plain loops over bytes and
//! indices, each shape's fields morphed in place on a copy of the target.

use crate::digits::{push_fixed, push_grouped};
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

/// The index of `id` in `ids`: one loop for every id lookup (a `position`
/// closure would be compiled once per caller).
pub fn index_of(ids: &[String], id: &str) -> Option<usize> {
    for (i, x) in ids.iter().enumerate() {
        if x == id {
            return Some(i);
        }
    }
    None
}

fn lerp(a: f64, b: f64, t: f64) -> f64 {
    a + (b - a) * t
}

/// Moves `to` back toward `from`: `to` becomes the value at `t` between them.
fn mix(to: &mut f64, from: f64, t: f64) {
    *to = lerp(from, *to, t);
}

/// Channels as [`Color::mix`] gives them, alpha between the two.
fn lerp_color(a: Color, b: Color, t: f64) -> Color {
    a.mix(b, t).with_alpha(lerp(a.a, b.a, t))
}

fn faded(c: Color, alpha: f64) -> Color {
    c.with_alpha(c.a * alpha.clamp(0.0, 1.0))
}

/// An optional ink between two: both there blend, one alone fades out or in.
fn blend_ink(a: Option<Color>, b: Option<Color>, t: f64) -> Option<Color> {
    match (a, b) {
        (Some(a), Some(b)) => Some(lerp_color(a, b, t)),
        (None, Some(b)) => Some(faded(b, t)),
        (Some(a), None) => Some(faded(a, 1.0 - t)),
        (None, None) => None,
    }
}

/// What a mark is, for matching: its shape's kind.
fn variant(s: &Shape) -> usize {
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

/// A mark's item key in a scene with `keys` keys (`keys` for none).
fn key_of(m: &Mark, keys: usize) -> usize {
    match m.item {
        Some(k) if k < keys => k,
        _ => keys,
    }
}

/// Each mark's (item key, shape kind) slot and its index among the marks of
/// that slot: marks are matched across scenes by slot and that ordinal.
fn ordinals(k: &Keyed) -> Vec<(usize, usize)> {
    let keys = k.ids.len();
    let mut seen = vec![0usize; (keys + 1) * VARIANTS];
    let mut out = Vec::with_capacity(k.scene.marks.len());
    for m in &k.scene.marks {
        let slot = key_of(m, keys) * VARIANTS + variant(&m.shape);
        let mut n = 0;
        if let Some(c) = seen.get_mut(slot) {
            n = *c;
            *c += 1;
        }
        out.push((slot, n));
    }
    out
}

/// Pairs of (from mark, to mark) indices: both for a mark in both scenes.
pub type Pairs = Vec<(Option<usize>, Option<usize>)>;

/// Matches the marks of two scenes by identity, in the target's drawing
/// order, after the marks only in `from` (drawn first, under the rest).
/// Linear in the marks: no sort, which the wasm would pay for in size.
pub fn pair(from: &Keyed, to: &Keyed) -> Pairs {
    let nf = from.ids.len();
    // `from`'s marks by slot, in order (a counting sort): slot s holds
    // `order[first[s]..first[s + 1]]`, so (slot, ordinal) finds its mark.
    let fo = ordinals(from);
    let mut first = vec![0usize; (nf + 1) * VARIANTS + 1];
    for &(slot, _) in &fo {
        if let Some(c) = first.get_mut(slot + 1) {
            *c += 1;
        }
    }
    let mut sum = 0;
    for c in &mut first {
        sum += *c;
        *c = sum;
    }
    let mut order = vec![0usize; fo.len()];
    for (i, &(slot, n)) in fo.iter().enumerate() {
        if let Some(o) = first.get(slot).and_then(|&s| order.get_mut(s + n)) {
            *o = i;
        }
    }
    // Each target key's key in `from`: the same item id (unitemed to unitemed).
    let mut keys = Vec::with_capacity(to.ids.len() + 1);
    for id in &to.ids {
        keys.push(index_of(&from.ids, id));
    }
    keys.push(Some(nf));
    let mut used = vec![false; fo.len()];
    let mut matched = Vec::with_capacity(to.scene.marks.len());
    // (Borrowed, as below: no owning iterator to drop; for size.)
    for &(slot, n) in &ordinals(to) {
        let (key, v) = (slot / VARIANTS, slot % VARIANTS);
        let mut found = None;
        if let Some(&Some(fk)) = keys.get(key) {
            let s = fk * VARIANTS + v;
            if let (Some(&a), Some(&b)) = (first.get(s), first.get(s + 1)) {
                if a + n < b {
                    found = order.get(a + n).copied();
                }
            }
        }
        if let Some(u) = found.and_then(|f| used.get_mut(f)) {
            *u = true;
        }
        matched.push(found);
    }
    let mut pairs: Pairs = Vec::with_capacity(matched.len() + used.len());
    // Borrowed, not `into_iter()`.
    for (k, &u) in used.iter().enumerate() {
        if !u {
            pairs.push((Some(k), None));
        }
    }
    for (k, &f) in matched.iter().enumerate() {
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
        Shape::Line { color, .. } | Shape::Text { color, .. } => *color = faded(*color, 0.0),
    }
    s
}

/// A number inside a text and the words around it.
struct Number<'a> {
    before: &'a str,
    value: f64,
    decimals: usize,
    /// Written with thousands commas.
    grouped: bool,
    after: &'a str,
}

/// The first number in `s`: digits with commas and at most one point, read
/// byte by byte without the float parser (whose error paths the wasm does
/// not otherwise link). Trailing commas and points are words after it.
fn split_number(s: &str) -> Option<Number<'_>> {
    let b = s.as_bytes();
    let mut start = 0;
    while !b.get(start)?.is_ascii_digit() {
        start += 1;
    }
    let mut end = start;
    while let Some(b'0'..=b'9' | b',' | b'.') = b.get(end) {
        end += 1;
    }
    // `b[start]` is a digit, so this stops after it.
    while let Some(b',' | b'.') = b.get(end - 1) {
        end -= 1;
    }
    let (mut value, mut scale, mut point, mut decimals, mut grouped) =
        (0.0f64, 1.0f64, false, 0, false);
    for &c in b.get(start..end)? {
        match c {
            b',' => grouped = true,
            b'.' if point => return None,
            b'.' => point = true,
            _ => {
                let d = f64::from(c - b'0');
                if point {
                    scale /= 10.0;
                    value += d * scale;
                    decimals += 1;
                } else {
                    value = value * 10.0 + d;
                }
            }
        }
    }
    Some(Number {
        before: s.get(..start)?,
        value,
        decimals,
        grouped,
        after: s.get(end..)?,
    })
}

/// The numbers of `a` and `b` when both say one with the same words around it.
fn counting<'a>(a: &str, b: &'a str) -> Option<(f64, Number<'a>)> {
    let (x, y) = (split_number(a)?, split_number(b)?);
    (x.before == y.before && x.after == y.after).then_some((x.value, y))
}

/// The text between `a` and `b` at `t`: a number that both say with the same
/// words around it counts from one to the other, always written with `b`'s
/// decimals and grouping, so no intermediate is more precise than the final
/// figure. Other texts change at the midpoint (with the fade in `blend`).
pub fn count(a: &str, b: &str, t: f64) -> String {
    let mut out = b.to_string();
    count_into(a, &mut out, t);
    out
}

/// [`count`] in place: `b` becomes the text at `t`. True when the two are the
/// same or count (their ink blends rather than fading out and in).
fn count_into(a: &str, b: &mut String, t: f64) -> bool {
    if a == b.as_str() {
        return true;
    }
    let num = counting(a, b);
    let counts = num.is_some();
    let text = if t >= 1.0 {
        None
    } else {
        match num {
            Some((from, y)) if t > 0.0 => {
                let mut digits = String::new();
                push_fixed(&mut digits, lerp(from, y.value, t), y.decimals);
                let mut out = String::from(y.before);
                if y.grouped {
                    push_grouped(&mut out, &digits);
                } else {
                    out.push_str(&digits);
                }
                out.push_str(y.after);
                Some(out)
            }
            None if t >= 0.5 => None,
            _ => Some(a.to_string()),
        }
    };
    if let Some(text) = text {
        *b = text;
    }
    counts
}

/// Text `s` as drawn, its ink faded to `alpha`.
fn fading(s: &Shape, alpha: f64) -> Shape {
    let mut out = s.clone();
    if let Shape::Text { color, .. } = &mut out {
        *color = faded(*color, alpha);
    }
    out
}

/// Shape `a` morphed toward `b` (both of one kind; otherwise `b`).
fn blend(a: &Shape, b: &Shape, t: f64) -> Shape {
    let mut out = b.clone();
    match (a, &mut out) {
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
        ) => {
            mix(cx2, *cx, t);
            mix(cy2, *cy, t);
            mix(r02, *r0, t);
            mix(r12, *r1, t);
            mix(s2, *start, t);
            mix(e2, *end, t);
            *f2 = lerp_color(*fill, *f2, t);
        }
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
        ) => {
            mix(x2, *x, t);
            mix(y2, *y, t);
            mix(w2, *w, t);
            mix(h2, *h, t);
            *f2 = blend_ink(*fill, *f2, t);
            let width = match (*stroke, *s2) {
                (Some(a), Some(b)) => lerp(a.1, b.1, t),
                (Some((_, w)), None) | (None, Some((_, w))) => w,
                (None, None) => 0.0,
            };
            *s2 = blend_ink(stroke.map(|s| s.0), s2.map(|s| s.0), t).map(|c| (c, width));
        }
        (
            Shape::Circle { cx, cy, r, fill },
            Shape::Circle {
                cx: cx2,
                cy: cy2,
                r: r2,
                fill: f2,
            },
        ) => {
            mix(cx2, *cx, t);
            mix(cy2, *cy, t);
            mix(r2, *r, t);
            *f2 = lerp_color(*fill, *f2, t);
        }
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
        ) => {
            mix(a0, *x0, t);
            mix(b0, *y0, t);
            mix(a1, *x1, t);
            mix(b1, *y1, t);
            mix(w2, *width, t);
            *c2 = lerp_color(*color, *c2, t);
        }
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
            let same = (bold, align, baseline) == (&*bold2, &*align2, &*baseline2);
            if same && count_into(text, t2, t) {
                mix(x2, *x, t);
                mix(y2, *y, t);
                mix(s2, *size, t);
                *c2 = lerp_color(*color, *c2, t);
            } else if t < 0.5 {
                // (`count_into` changed nothing here that `b` keeps.)
                return fading(a, 1.0 - 2.0 * t);
            } else {
                *c2 = faded(*c2, 2.0 * t - 1.0);
            }
        }
        _ => {}
    }
    out
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

fn is_dot(m: &Mark) -> bool {
    matches!(m.shape, Shape::Circle { .. })
}

/// The scene `e` of the way (eased) from `from` to `to`, with `pairs` from
/// [`pair`]. Its item keys are `to`'s (so are its ids: the caller keeps
/// them, no copy per frame); marks on their way out have none (they cannot
/// be hovered). Hit regions and anchors move with the marks.
pub fn frame(from: &Keyed, to: &Keyed, pairs: &Pairs, t: f64) -> Scene {
    let e = ease(t);
    let mut dots = 0;
    for m in &to.scene.marks {
        dots += usize::from(is_dot(m));
    }
    let mut dot = 0;
    let mut marks = Vec::with_capacity(pairs.len());
    for &(a, b) in pairs {
        let fm = a.and_then(|i| from.scene.marks.get(i));
        let mark = match (fm, b.and_then(|i| to.scene.marks.get(i))) {
            (Some(f), Some(m)) => {
                let mut local = e;
                if is_dot(m) {
                    local = ease(wave(t, dot, dots));
                    dot += 1;
                }
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
    let mut anchors = to.scene.anchors.clone();
    for (k, (x, y)) in anchors.iter_mut().enumerate() {
        let was = to
            .ids
            .get(k)
            .and_then(|id| index_of(&from.ids, id))
            .and_then(|j| from.scene.anchors.get(j));
        if let Some(&(fx, fy)) = was {
            mix(x, fx, e);
            mix(y, fy, e);
        }
    }
    Scene {
        width: to.scene.width,
        height: to.scene.height,
        background: lerp_color(from.scene.background, to.scene.background, e),
        marks,
        // Mid-way the pointer finds marks where they are drawn: see [`hit`].
        hits: Vec::new(),
        anchors,
        static_end: 0,
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
