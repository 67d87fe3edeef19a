//! Draws a [`Scene`] on any plotters `DrawingBackend`: the canvas in the
//! browser, SVG natively. A plain `match` over resolved shapes; no geometry
//! is decided here.

use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

use crate::scene::{sector_outline, Align, Baseline, Mark, Scene, Shape};
use crate::theme::{Color, FONT_FAMILY};

/// Largest distance, in device pixels, between a drawn arc and the true one.
const ARC_TOLERANCE: f64 = 0.35;

/// Backend quirks the renderer must compensate for.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Multiplier for font sizes (plotters' SVG backend writes `size / 1.24`).
    pub font_scale: f64,
}

impl Target {
    pub const CANVAS: Target = Target { font_scale: 1.0 };
    pub const SVG: Target = Target { font_scale: 1.24 };
}

fn color(c: Color) -> BackendColor {
    BackendColor {
        alpha: c.a,
        rgb: (c.r, c.g, c.b),
    }
}

/// A colour and a line width: plotters' style for fills (width 0) and lines alike.
struct Ink(BackendColor, u32);

impl BackendStyle for Ink {
    fn color(&self) -> BackendColor {
        self.0
    }
    fn stroke_width(&self) -> u32 {
        self.1
    }
}

struct TextStyle {
    color: BackendColor,
    size: f64,
    bold: bool,
    anchor: Pos,
}

impl BackendTextStyle for TextStyle {
    type FontError = std::convert::Infallible;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        FontTransform::None
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(FONT_FAMILY)
    }
    fn layout_box(
        &self,
        _text: &str,
    ) -> Result<((i32, i32), (i32, i32)), std::convert::Infallible> {
        // Only used by plotters' own font rasteriser, which we never call.
        Ok(((0, 0), (0, 0)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: (i32, i32),
        _draw: F,
    ) -> Result<Result<(), E>, std::convert::Infallible> {
        Ok(Ok(()))
    }
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Draws the background and every mark of `scene` in order.
pub fn draw<DB: DrawingBackend>(
    scene: &Scene,
    db: &mut DB,
    target: Target,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    draw_background(scene, db)?;
    draw_marks(&scene.marks, db, target)?;
    db.present()
}

/// Fills the whole scene with its background colour.
pub fn draw_background<DB: DrawingBackend>(
    scene: &Scene,
    db: &mut DB,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    db.draw_rect(
        (0, 0),
        pt(scene.width, scene.height),
        &Ink(color(scene.background), 0),
        true,
    )
}

/// Draws `marks` in order over what is already there.
pub fn draw_marks<DB: DrawingBackend>(
    marks: &[Mark],
    db: &mut DB,
    target: Target,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    for mark in marks {
        match &mark.shape {
            Shape::Sector {
                cx,
                cy,
                r0,
                r1,
                start,
                end,
                fill,
            } => {
                let pts = sector_outline((*cx, *cy), (*r0, *r1), (*start, *end), ARC_TOLERANCE);
                db.fill_polygon(
                    pts.into_iter().map(|(x, y)| pt(x, y)),
                    &Ink(color(*fill), 0),
                )?;
            }
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some(c) = fill {
                    db.draw_rect(pt(*x, *y), pt(x + w, y + h), &Ink(color(*c), 0), true)?;
                }
                if let Some((c, width)) = stroke {
                    let s = Ink(color(*c), width.round().max(1.0) as u32);
                    db.draw_rect(pt(*x, *y), pt(x + w, y + h), &s, false)?;
                }
            }
            Shape::Circle { cx, cy, r, fill } => {
                db.draw_circle(
                    pt(*cx, *cy),
                    r.round().max(1.0) as u32,
                    &Ink(color(*fill), 0),
                    true,
                )?;
            }
            Shape::Line {
                x0,
                y0,
                x1,
                y1,
                width,
                color: c,
            } => {
                let s = Ink(color(*c), width.round().max(1.0) as u32);
                db.draw_line(pt(*x0, *y0), pt(*x1, *y1), &s)?;
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                bold,
                color: c,
                align,
                baseline,
            } => {
                let h_pos = match align {
                    Align::Left => HPos::Left,
                    Align::Center => HPos::Center,
                    Align::Right => HPos::Right,
                };
                let v_pos = match baseline {
                    Baseline::Top => VPos::Top,
                    Baseline::Middle => VPos::Center,
                    Baseline::Bottom => VPos::Bottom,
                };
                let style = TextStyle {
                    color: color(*c),
                    size: size * target.font_scale,
                    bold: *bold,
                    anchor: Pos::new(h_pos, v_pos),
                };
                db.draw_text(text, &style, pt(*x, *y))?;
            }
        }
    }
    Ok(())
}

/// The scene as an SVG document (natively: the no-JS fallback and share image;
/// in the editor's wasm, feature `svg`: its SVG download).
#[cfg(any(not(target_arch = "wasm32"), feature = "svg"))]
pub fn to_svg(scene: &Scene, title: &str) -> Result<String, String> {
    use plotters::prelude::SVGBackend;
    let mut buf = String::new();
    {
        let size = (scene.width.max(1.0) as u32, scene.height.max(1.0) as u32);
        let mut db = SVGBackend::with_string(&mut buf, size);
        draw(scene, &mut db, Target::SVG).map_err(|e| e.to_string())?;
    }
    // An accessible name for the image, escaped as text.
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    if let Some(pos) = buf.find('>') {
        buf.insert_str(pos + 1, &format!("\n<title>{escaped}</title>"));
    }
    Ok(buf)
}
