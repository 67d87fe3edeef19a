//! The plotters `DrawingBackend` on a browser canvas (wasm only). It replaces
//! plotters-canvas so that colour and font strings are built with integer
//! arithmetic (no `core::fmt` float code in the wasm) and sent to the canvas
//! only when they change between marks.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use wasm_bindgen::JsValue;
use web_sys::CanvasRenderingContext2d;

use crate::theme::FONT_FAMILY;

/// A failed canvas call, with what the browser said.
#[derive(Debug)]
pub struct CanvasError(pub String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

fn failed(e: JsValue) -> DrawingErrorKind<CanvasError> {
    DrawingErrorKind::DrawingError(CanvasError(
        e.as_string()
            .unwrap_or_else(|| "the canvas refused a call".into()),
    ))
}

/// Appends `x` with at most `decimals` decimals, trailing zeros dropped
/// (`12.5`, `0.35`, `3`), for CSS values that are never huge.
pub fn push_number(out: &mut String, x: f64, decimals: u32) {
    let scale = 10u64.pow(decimals);
    let x = if x.is_finite() { x } else { 0.0 };
    if x < 0.0 {
        out.push('-');
    }
    let n = (x.abs() * scale as f64).round() as u64;
    out.push_str(&(n / scale).to_string());
    let mut frac = n % scale;
    if frac == 0 {
        return;
    }
    out.push('.');
    let mut div = scale / 10;
    while frac > 0 && div > 0 {
        let d = frac / div;
        out.push(char::from(b'0' + d as u8));
        frac %= div;
        div /= 10;
    }
}

/// The CSS font for text of `size` device px.
pub fn font(size: f64, bold: bool) -> String {
    let mut s = String::with_capacity(FONT_FAMILY.len() + 16);
    if bold {
        s.push_str("bold ");
    }
    push_number(&mut s, size, 2);
    s.push_str("px ");
    s.push_str(FONT_FAMILY);
    s
}

/// `#rrggbb` when opaque, else `rgba(r,g,b,a)`.
fn css_color(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    if c.alpha >= 1.0 {
        let mut s = String::with_capacity(7);
        s.push('#');
        for v in [r, g, b] {
            for nibble in [v >> 4, v & 15] {
                s.extend(char::from_digit(u32::from(nibble), 16));
            }
        }
        s
    } else {
        let mut s = String::with_capacity(24);
        s.push_str("rgba(");
        for v in [r, g, b] {
            s.push_str(&v.to_string());
            s.push(',');
        }
        push_number(&mut s, c.alpha.clamp(0.0, 1.0), 3);
        s.push(')');
        s
    }
}

/// Key of a colour for the change check (alpha to 1/1000).
fn color_key(c: BackendColor) -> (u8, u8, u8, u16) {
    let (r, g, b) = c.rgb;
    (r, g, b, (c.alpha.clamp(0.0, 1.0) * 1000.0).round() as u16)
}

/// Draws on one 2D context; remembers the state it last set.
pub struct Canvas {
    ctx: CanvasRenderingContext2d,
    size: (u32, u32),
    fill: Option<(u8, u8, u8, u16)>,
    stroke: Option<((u8, u8, u8, u16), u32)>,
    font: Option<(u64, bool)>,
    anchor: Option<(&'static str, &'static str)>,
}

impl Canvas {
    pub fn new(ctx: CanvasRenderingContext2d, size: (u32, u32)) -> Canvas {
        Canvas {
            ctx,
            size,
            fill: None,
            stroke: None,
            font: None,
            anchor: None,
        }
    }

    fn set_fill(&mut self, c: BackendColor) {
        let key = color_key(c);
        if self.fill != Some(key) {
            self.ctx.set_fill_style_str(&css_color(c));
            self.fill = Some(key);
        }
    }

    fn set_stroke(&mut self, c: BackendColor, width: u32) {
        let key = (color_key(c), width);
        if self.stroke != Some(key) {
            self.ctx.set_stroke_style_str(&css_color(c));
            self.ctx.set_line_width(f64::from(width));
            self.stroke = Some(key);
        }
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        p: BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if c.alpha > 0.0 {
            self.set_fill(c);
            self.ctx.fill_rect(f64::from(p.0), f64::from(p.1), 1.0, 1.0);
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        self.set_stroke(style.color(), style.stroke_width());
        // Horizontal and vertical lines sit on pixel centres (as plotters-canvas did).
        let (mut a, mut b) = (
            (f64::from(from.0), f64::from(from.1)),
            (f64::from(to.0), f64::from(to.1)),
        );
        if from.0 == to.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if from.1 == to.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        let (x, y) = (f64::from(a.0), f64::from(a.1));
        let (w, h) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
        if fill {
            self.set_fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.set_stroke(style.color(), style.stroke_width());
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        self.set_stroke(style.color(), style.stroke_width());
        self.ctx.begin_path();
        let mut path = path.into_iter();
        if let Some(p) = path.next() {
            self.ctx.move_to(f64::from(p.0), f64::from(p.1));
            for p in path {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
        }
        self.ctx.stroke();
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        self.set_fill(style.color());
        self.ctx.begin_path();
        let mut path = path.into_iter();
        if let Some(p) = path.next() {
            self.ctx.move_to(f64::from(p.0), f64::from(p.1));
            for p in path {
                self.ctx.line_to(f64::from(p.0), f64::from(p.1));
            }
            self.ctx.close_path();
        }
        self.ctx.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha <= 0.0 {
            return Ok(());
        }
        if fill {
            self.set_fill(style.color());
        } else {
            self.set_stroke(style.color(), style.stroke_width());
        }
        self.ctx.begin_path();
        self.ctx
            .arc(
                f64::from(c.0),
                f64::from(c.1),
                f64::from(radius),
                0.0,
                std::f64::consts::TAU,
            )
            .map_err(failed)?;
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        let bold = matches!(style.style(), FontStyle::Bold);
        let key = (style.size().to_bits(), bold);
        if self.font != Some(key) {
            self.ctx.set_font(&font(style.size(), bold));
            self.font = Some(key);
        }
        let anchor = style.anchor();
        let align = match anchor.h_pos {
            HPos::Left => "start",
            HPos::Center => "center",
            HPos::Right => "end",
        };
        let baseline = match anchor.v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.anchor != Some((align, baseline)) {
            self.ctx.set_text_align(align);
            self.ctx.set_text_baseline(baseline);
            self.anchor = Some((align, baseline));
        }
        self.set_fill(color);
        self.ctx
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .map_err(failed)
    }
}
