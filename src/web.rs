//! The wasm-bindgen surface: translation only. JS values in, `ChartView`
//! calls, JS values (answers as JSON text) out, and the plan `ChartView::paint` gives carried out on
//! canvases. Every decision about a chart is the view's (src/view.rs).
//!
//! Words go out as `JsValue` (a JS string, `undefined` for none), not as
//! `String` or `Option<String>`: the page gets the same values, but the glue
//! no longer copies each out of wasm memory and frees it there (~0.4 KB gzip).

use std::cell::Cell;
use std::rc::Rc;

use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::canvas::font;
use crate::digits::cat;
use crate::render::{self, Target};
use crate::scene::Scene;
use crate::text::{Cached, Measure};
use crate::view::{self, ChartView, Paint, Switch, ViewData};

thread_local! {
    static LAST_PANIC: Cell<Option<String>> = const { Cell::new(None) };
}

/// Runs once when the module starts: a panic (a bug; input never panics by
/// design) is logged and kept, so the page can show it on the chart whose
/// call trapped while the other charts keep working.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        // Pieces rather than `{info}`: its Display links more of core::fmt.
        let mut msg = cat(&[
            "lvdong: internal error: ",
            info.payload_as_str().unwrap_or("panic"),
        ]);
        if let Some(at) = info.location() {
            msg.push_str(" at ");
            msg.push_str(at.file());
            msg.push(':');
            crate::digits::push_uint(&mut msg, u64::from(at.line()));
        }
        web_sys::console::error_1(&JsValue::from_str(&msg));
        LAST_PANIC.set(Some(msg));
    }));
}

/// The message of the last panic, if any (`undefined`: none), taken once.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> JsValue {
    LAST_PANIC.take().into()
}

fn strings_to_js(list: &[String]) -> JsValue {
    let out = js_sys::Array::new();
    for s in list {
        out.push(&JsValue::from_str(s));
    }
    out.into()
}

fn not_data(why: String) -> JsValue {
    strings_to_js(&[cat(&["(file): not a data object: ", &why])])
}

/// A checked data file, shared by every chart that uses it.
#[wasm_bindgen]
pub struct Data {
    data: Rc<ViewData>,
}

#[wasm_bindgen]
impl Data {
    /// Parses JSON text; throws a list of messages, each naming its path.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(json: &str) -> Result<Data, JsValue> {
        ViewData::from_json(json)
            .map(|data| Data {
                data: Rc::new(data),
            })
            .map_err(|p| strings_to_js(&p))
    }

    /// Checks a JS object (e.g. from `handle.setData`) with the same checks
    /// and paths as a file: the browser's `JSON.stringify`, then our reader.
    /// (serde-wasm-bindgen's deserializer linked serde's float-printing error
    /// paths, ~10 KB gzip of wasm; serde-wasm-bindgen serves the output
    /// direction instead.) What JSON cannot express (a cycle, a BigInt, a
    /// bare `undefined` or function) is refused with a message, like a file.
    #[wasm_bindgen(js_name = fromObject)]
    pub fn from_object(value: JsValue) -> Result<Data, JsValue> {
        match js_sys::JSON::stringify(&value).map(|t| t.as_string()) {
            Ok(Some(t)) => Data::from_text(&t),
            Ok(None) => Err(not_data("JSON cannot express it".into())),
            Err(e) => Err(not_data(e.dyn_ref::<js_sys::Error>().map_or_else(
                || "JSON cannot express it".into(),
                |e| String::from(e.message()),
            ))),
        }
    }

    /// What the checker warned about (the charts draw with them).
    pub fn warnings(&self) -> JsValue {
        strings_to_js(&self.data.warnings)
    }
}

/// `measureText` on the chart's own canvas.
struct CanvasText {
    ctx: CanvasRenderingContext2d,
}

impl Measure for CanvasText {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.ctx.set_font(&font(size, bold));
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0)
    }
}

/// The language (`zh`, `en`) a `lang` attribute stands for, for the card's
/// own words while no chart is drawn.
#[wasm_bindgen(js_name = langCode)]
pub fn lang_code(tag: &str) -> JsValue {
    view::resolve_lang(tag).0.code().into()
}

/// The theme a `theme` attribute stands for, given the system's preference:
/// the card's colours (a view resolves the attribute the same way).
#[wasm_bindgen(js_name = themeName)]
pub fn theme_name(attr: &str, prefers_dark: bool) -> JsValue {
    view::resolve_theme(attr, prefers_dark).name().into()
}

/// One chart bound to one canvas.
#[wasm_bindgen]
pub struct View {
    view: ChartView<Cached<CanvasText>>,
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The picture of the scene's static layer (see `Paint::Layered`).
    layer: Option<HtmlCanvasElement>,
}

fn no_canvas() -> JsError {
    JsError::new("this browser cannot draw on a canvas")
}

// Canvas calls do not fail on a live 2D context; the message only names the
// step (formatting the JS error would link core::fmt's Debug machinery for a
// path that does not happen).
fn failed<E>(_: plotters_backend::DrawingErrorKind<E>) -> JsError
where
    E: std::error::Error + Send + Sync,
{
    JsError::new("drawing failed")
}

fn backend(canvas: &HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(no_canvas)
}

/// Gives `canvas` the scene's size in device px (a no-op when it has it:
/// setting a canvas's size clears it).
fn fit(canvas: &HtmlCanvasElement, scene: &Scene) {
    let (w, h) = (scene.width as u32, scene.height as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
}

#[wasm_bindgen]
impl View {
    /// The chart `chart_id` of `data`, or its first chart for `""`.
    #[wasm_bindgen(constructor)]
    pub fn new(data: &Data, chart_id: &str, canvas: HtmlCanvasElement) -> Result<View, JsError> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(no_canvas)?;
        let measure = Cached::new(CanvasText { ctx: ctx.clone() });
        let view =
            ChartView::new(data.data.clone(), chart_id, measure).map_err(|m| JsError::new(&m))?;
        Ok(View {
            view,
            canvas,
            ctx,
            layer: None,
        })
    }

    /// New data for the same chart (dataset and highlight kept by id).
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&mut self, data: &Data) -> Result<(), JsError> {
        self.view
            .set_data(data.data.clone())
            .map_err(|m| JsError::new(&m))
    }

    /// A new width in CSS px and device pixel ratio: the chart's height in
    /// CSS px, or `undefined` when there is nothing to lay out.
    pub fn resize(&mut self, css_width: f64, dpr: f64) -> Option<f64> {
        self.view.resize(css_width, dpr)
    }

    /// The `lang` attribute as given; returns a warning for a tag lvdong
    /// does not speak.
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, tag: &str) -> JsValue {
        self.view.set_lang(tag).1.into()
    }

    /// The `theme` attribute as given and whether the system prefers dark;
    /// true when the picture changes.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, attr: &str, prefers_dark: bool) -> bool {
        self.view.set_theme(attr, prefers_dark)
    }

    /// Switches to dataset `id`: true when it changed, false when it was
    /// showing; throws a message naming the datasets when there is none.
    #[wasm_bindgen(js_name = setDataset)]
    pub fn set_dataset(&mut self, id: &str) -> Result<bool, JsError> {
        match self.view.set_dataset(id) {
            Ok(Switch::Changed) => Ok(true),
            Ok(Switch::Same) => Ok(false),
            Err(m) => Err(JsError::new(&m)),
        }
    }

    /// Pointer at CSS px `(x, y)` on the canvas; true when the highlight changed.
    pub fn pointer(&mut self, x: f64, y: f64) -> bool {
        self.view.pointer(x, y)
    }

    /// A key press; true when the key was handled.
    pub fn key(&mut self, key: &str) -> bool {
        self.view.key(key)
    }

    /// Drops every highlight; true when there was one.
    pub fn clear(&mut self) -> bool {
        self.view.clear()
    }

    /// Lays out and draws the state at `now` (ms, e.g. the animation frame's
    /// time): true while a transition needs more frames.
    pub fn render(&mut self, now: f64) -> Result<bool, JsError> {
        self.draw(now)?;
        Ok(self.view.animating())
    }

    /// Turns transitions on or off (`prefers-reduced-motion`).
    #[wasm_bindgen(js_name = setMotion)]
    pub fn set_motion(&mut self, on: bool) {
        self.view.set_motion(on);
    }

    /// Highlights the item `id` (a story step's), none for `undefined`. (A
    /// `JsValue` read as a string, not an `Option<String>`: for size.)
    #[wasm_bindgen(js_name = highlightItem)]
    pub fn highlight_item(&mut self, id: JsValue) -> bool {
        self.view.highlight_item(id.as_string().as_deref())
    }

    /// The live region's words for a story step ("显示：烟台").
    pub fn showing(&self) -> JsValue {
        self.view.showing().into()
    }
}

impl View {
    // One path for both paints (for size): a whole paint is the background
    // and every mark; a layered one, the cached layer (redrawn first when
    // asked), its copy, and the marks over it.
    fn draw(&mut self, now: f64) -> Result<(), JsError> {
        let (scene, redraw_layer) = match self.view.paint(true, now) {
            Paint::Nothing => return Ok(()),
            Paint::Whole(scene) => (scene, None),
            Paint::Layered {
                scene,
                redraw_layer,
            } => (scene, Some(redraw_layer)),
        };
        let mut marks = scene.marks.as_slice();
        let layer = match redraw_layer {
            None => {
                self.layer = None;
                None
            }
            Some(redraw) => {
                let (base, rest) = marks.split_at(scene.static_end.min(marks.len()));
                let layer = match self.layer.take() {
                    Some(l) => l,
                    None => self
                        .canvas
                        .owner_document()
                        .and_then(|d| d.create_element("canvas").ok())
                        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                        .ok_or_else(no_canvas)?,
                };
                if redraw {
                    fit(&layer, scene);
                    let mut db = backend(&layer)?;
                    render::draw_background(scene, &mut db).map_err(failed)?;
                    render::draw_marks(base, &mut db, Target::CANVAS).map_err(failed)?;
                }
                marks = rest;
                Some(layer)
            }
        };
        // The size first: setting it resets the context state a backend remembers.
        fit(&self.canvas, scene);
        match layer {
            None => render::draw_background(scene, &mut backend(&self.canvas)?).map_err(failed)?,
            Some(layer) => {
                self.ctx
                    .draw_image_with_html_canvas_element(&layer, 0.0, 0.0)
                    .map_err(|_| {
                        JsError::new("drawing failed: the cached layer could not be copied")
                    })?;
                self.layer = Some(layer);
            }
        }
        // (A second backend for the marks: one without the background's
        // fill remembered, which sets each style it draws with anew.)
        render::draw_marks(marks, &mut backend(&self.canvas)?, Target::CANVAS).map_err(failed)
    }
}

#[wasm_bindgen]
impl View {
    /// The highlighted item's details as JSON text, or `undefined`.
    pub fn tooltip(&self) -> JsValue {
        self.view.tooltip_json().into()
    }

    /// What the live region says about the focused item.
    pub fn announcement(&self) -> JsValue {
        self.view.announcement().into()
    }

    /// Title, tabs, source, aria label and table as JSON text, or `undefined`.
    pub fn info(&self) -> JsValue {
        self.view.info_json().into()
    }
}
