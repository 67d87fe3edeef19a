//! The wasm-bindgen surface: thin. It turns JS calls into calls on data,
//! layout, interact and render, and their results into JS values; it decides
//! nothing itself.

use std::cell::RefCell;
use std::rc::Rc;

use plotters_canvas::CanvasBackend;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::canvas::font;
use crate::data::{self, DataFile, Lang, Problem};
use crate::format::cat;
use crate::interact::{self, State, Table, Tooltip};
use crate::layout::{self, chart_height, Options};
use crate::render::{self, Target};
use crate::scene::{Mark, Scene};
use crate::text::Measure;
use crate::theme::ThemeName;

/// Plain JS objects (maps as objects, `None` as `null`), built directly by
/// serde-wasm-bindgen. (JSON text through serde_json and `JSON.parse` was
/// ~1.9 KB gzip smaller while serde_json also printed floats elsewhere; with
/// data input read by our own JSON reader this is the crate's real use.)
fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
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
            crate::format::push_uint(&mut msg, u64::from(at.line()));
        }
        web_sys::console::error_1(&JsValue::from_str(&msg));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if any, taken once.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

fn problems_to_js(problems: &[Problem]) -> JsValue {
    let list = js_sys::Array::new();
    for p in problems {
        list.push(&JsValue::from_str(&p.to_string()));
    }
    list.into()
}

fn not_data(why: String) -> JsValue {
    let list = js_sys::Array::new();
    list.push(&JsValue::from_str(&cat(&[
        "(file): not a data object: ",
        &why,
    ])));
    list.into()
}

/// A checked data file, shared by every chart that uses it.
#[wasm_bindgen]
pub struct Data {
    file: Rc<DataFile>,
}

#[wasm_bindgen]
impl Data {
    /// Parses JSON text; throws a list of messages, each naming its path.
    #[wasm_bindgen(js_name = fromText)]
    pub fn from_text(json: &str) -> Result<Data, JsValue> {
        data::parse_str(json)
            // Warnings (e.g. a missing English label) are for the editor's
            // `cargo xtask check-data`; the chart shows with them.
            .map(|(file, _warnings)| Data {
                file: Rc::new(file),
            })
            .map_err(|p| problems_to_js(&p))
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
}

/// A text measured at one size and weight: FNV-1a over the three, so a
/// lookup hashes the borrowed text and allocates nothing (the hover path
/// lays out every frame). The page's own texts need no DoS-resistant hash;
/// two of a chart's few hundred texts sharing a 64-bit key (odds ~1e-14)
/// would only mis-size one label.
fn measure_key(text: &str, size: u32, bold: bool) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text
        .bytes()
        .chain(size.to_le_bytes())
        .chain([u8::from(bold)])
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// `measureText` on the chart's own canvas, cached per layout input. The
/// cache is a vector sorted by key (binary search): std's `HashMap` cost
/// the wasm ~1.5 KB gzip for a table of a few hundred entries.
struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    cache: RefCell<Vec<(u64, f64)>>,
}

impl Measure for CanvasMeasure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let key = measure_key(text, (size * 16.0) as u32, bold);
        let at = self.cache.borrow().binary_search_by_key(&key, |e| e.0);
        let at = match at {
            Ok(i) => return self.cache.borrow().get(i).map_or(0.0, |e| e.1),
            Err(i) => i,
        };
        self.ctx.set_font(&font(size, bold));
        let w = self
            .ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        let mut cache = self.cache.borrow_mut();
        if cache.len() > 4096 {
            cache.clear();
        }
        let at = at.min(cache.len());
        cache.insert(at, (key, w));
        w
    }
}

/// Implements `Serialize` as a plain JS object through serde's map path:
/// keys then go through `serialize_str`, so serde-wasm-bindgen's interning
/// cache for struct field names (a pointer-keyed `HashMap`) is not linked.
macro_rules! js_object {
    ($ty:ty { $($key:literal: $($field:ident).+),* $(,)? }) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                $(m.serialize_entry($key, &self.$($field).+)?;)*
                m.end()
            }
        }
    };
}

struct DatasetInfo {
    id: String,
    label: String,
}

js_object!(DatasetInfo { "id": id, "label": label });

struct Info {
    id: String,
    lang: &'static str,
    title: String,
    subtitle: Option<String>,
    source: String,
    source_url: Option<String>,
    datasets: Vec<DatasetInfo>,
    /// Whether a tab list switches datasets (false when all show at once).
    tabs: bool,
    dataset: String,
    aria_label: String,
    table: Table,
}

js_object!(Info {
    "id": id,
    "lang": lang,
    "title": title,
    "subtitle": subtitle,
    "source": source,
    "sourceUrl": source_url,
    "datasets": datasets,
    "tabs": tabs,
    "dataset": dataset,
    "ariaLabel": aria_label,
    "table": table,
});

js_object!(Table {
    "caption": caption,
    "head": head,
    "rows": rows,
    "foot": foot,
});

/// The highlighted item's tooltip, its dataset and its anchor in CSS px
/// (for keyboard and tap placement).
struct TipInfo<'a> {
    tip: Tooltip,
    dataset: &'a str,
    x: f64,
    y: f64,
}

js_object!(TipInfo<'_> {
    "id": tip.id,
    "label": tip.label,
    "value": tip.value,
    "raw": tip.raw,
    "share": tip.share,
    "lines": tip.lines,
    "note": tip.note,
    "derived": tip.derived,
    "dataset": dataset,
    "x": x,
    "y": y,
});

/// A scene's highlight-independent marks (`Scene::layer`), drawn once into a
/// canvas of their own; a hover copies it and draws only the marks after it.
struct Layer {
    canvas: HtmlCanvasElement,
    marks: Vec<Mark>,
    size: (u32, u32),
    background: crate::theme::Color,
}

impl Layer {
    fn shows(&self, scene: &Scene, base: &[Mark], size: (u32, u32)) -> bool {
        self.size == size && self.background == scene.background && self.marks == base
    }
}

/// One chart bound to one canvas.
#[wasm_bindgen]
pub struct View {
    data: Rc<DataFile>,
    chart: usize,
    state: State,
    lang: Lang,
    theme: ThemeName,
    css_width: f64,
    dpr: f64,
    min_height: f64,
    canvas: HtmlCanvasElement,
    measure: CanvasMeasure,
    scene: Scene,
    layer: Option<Layer>,
}

#[wasm_bindgen]
impl View {
    /// The chart `chart_id` of `data`, or its first chart for `""`.
    #[wasm_bindgen(constructor)]
    pub fn new(data: &Data, chart_id: &str, canvas: HtmlCanvasElement) -> Result<View, JsError> {
        let chart = data
            .file
            .charts
            .iter()
            .position(|c| chart_id.is_empty() || c.id == chart_id)
            .ok_or_else(|| {
                let mut msg = cat(&["no chart \"", chart_id, "\" in the data file (it has: "]);
                for (i, c) in data.file.charts.iter().enumerate() {
                    msg.push_str(if i > 0 { ", " } else { "" });
                    msg.push_str(&c.id);
                }
                msg.push(')');
                JsError::new(&msg)
            })?;
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
            .ok_or_else(|| JsError::new("this browser cannot draw on a canvas"))?;
        Ok(View {
            data: data.file.clone(),
            chart,
            state: State::default(),
            lang: Lang::Zh,
            theme: ThemeName::Light,
            css_width: 640.0,
            dpr: 1.0,
            min_height: 0.0,
            canvas,
            measure: CanvasMeasure {
                ctx,
                cache: RefCell::default(),
            },
            scene: Scene::default(),
            layer: None,
        })
    }

    fn chart(&self) -> Option<&crate::data::Chart> {
        self.data.charts.get(self.chart)
    }

    fn options(&self) -> Options {
        Options {
            width: self.css_width,
            dpr: self.dpr,
            lang: self.lang,
            theme: self.theme,
            chrome: false,
            highlight: self.state.highlight(),
            keyboard: self.state.keyboard(),
            min_height: self.min_height,
        }
    }

    /// Re-lays out for a new width; returns the chart's height in CSS px.
    pub fn resize(&mut self, css_width: f64, dpr: f64) -> f64 {
        self.css_width = css_width;
        self.dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        self.min_height = 0.0;
        let h = match self.chart() {
            Some(c) => chart_height(c, &self.options(), &self.measure),
            None => 0.0,
        };
        self.min_height = h;
        self.relayout();
        self.scene.height / self.dpr
    }

    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) -> bool {
        let l = Lang::parse(lang).unwrap_or_default();
        let changed = l != self.lang;
        self.lang = l;
        changed
    }

    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: &str) -> bool {
        let t = ThemeName::parse(theme).unwrap_or_default();
        let changed = t != self.theme;
        self.theme = t;
        changed
    }

    /// Switches to dataset `id`; false when the chart has no such dataset.
    #[wasm_bindgen(js_name = setDataset)]
    pub fn set_dataset(&mut self, id: &str) -> bool {
        let Some(chart) = self.data.charts.get(self.chart) else {
            return false;
        };
        match chart.dataset_index(id) {
            Some(i) => {
                self.state.switch(chart, i);
                self.relayout();
                true
            }
            None => false,
        }
    }

    /// Pointer at CSS px `(x, y)` on the canvas; true when the highlight changed.
    /// A highlight moves no hit region or anchor (a layout invariant with its
    /// own test), so only `render` lays out again, once per drawn frame.
    pub fn pointer(&mut self, x: f64, y: f64) -> bool {
        let hit = self.scene.hit(x * self.dpr, y * self.dpr);
        self.state.pointer(hit)
    }

    /// Pointer left the chart; true when something was highlighted.
    pub fn leave(&mut self) -> bool {
        self.state.pointer(None)
    }

    /// A key press; true when the key was handled.
    pub fn key(&mut self, key: &str) -> bool {
        let n = self
            .chart()
            .map_or(0, |c| crate::kinds::item_count(c, self.state.dataset));
        self.state.key(key, n)
    }

    fn relayout(&mut self) {
        if let Some(chart) = self.data.charts.get(self.chart) {
            self.scene = layout::layout(chart, self.state.dataset, &self.options(), &self.measure);
        }
    }

    /// Lays out and draws the current state.
    pub fn render(&mut self) -> Result<(), JsError> {
        self.relayout();
        let (w, h) = (self.scene.width as u32, self.scene.height as u32);
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        let backend = |canvas: &HtmlCanvasElement| {
            CanvasBackend::with_canvas_object(canvas.clone())
                .ok_or_else(|| JsError::new("this browser cannot draw on a canvas"))
        };
        // Canvas calls do not fail on a live 2D context; the message only
        // names the step (formatting the JS error would link core::fmt's
        // Debug machinery for a path that does not happen).
        let failed = |_: plotters_backend::DrawingErrorKind<_>| JsError::new("drawing failed");
        let scene = &self.scene;
        let Some((base, rest)) = scene
            .marks
            .split_at_checked(scene.layer)
            .filter(|_| scene.layer > 0)
        else {
            self.layer = None;
            let mut db = backend(&self.canvas)?;
            return render::draw(scene, &mut db, Target::CANVAS).map_err(failed);
        };
        let layer = match self.layer.take() {
            Some(l) if l.shows(scene, base, (w, h)) => l,
            old => {
                let canvas = match old {
                    Some(l) => l.canvas,
                    None => self
                        .canvas
                        .owner_document()
                        .and_then(|d| d.create_element("canvas").ok())
                        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                        .ok_or_else(|| JsError::new("this browser cannot draw on a canvas"))?,
                };
                canvas.set_width(w);
                canvas.set_height(h);
                let mut db = backend(&canvas)?;
                render::draw_background(scene, &mut db).map_err(failed)?;
                render::draw_marks(base, &mut db, Target::CANVAS).map_err(failed)?;
                Layer {
                    canvas,
                    marks: base.to_vec(),
                    size: (w, h),
                    background: scene.background,
                }
            }
        };
        self.measure
            .ctx
            .draw_image_with_html_canvas_element(&layer.canvas, 0.0, 0.0)
            .map_err(|_| JsError::new("drawing failed: the cached layer could not be copied"))?;
        self.layer = Some(layer);
        let mut db = backend(&self.canvas)?;
        render::draw_marks(rest, &mut db, Target::CANVAS).map_err(failed)
    }

    /// The highlighted item's details, or `null`.
    pub fn tooltip(&self) -> JsValue {
        let Some(chart) = self.chart() else {
            return JsValue::NULL;
        };
        let Some(i) = self.state.highlight() else {
            return JsValue::NULL;
        };
        let Some(ds) = crate::kinds::item_ref(chart, self.state.dataset, i)
            .and_then(|(d, _)| chart.datasets.get(d))
        else {
            return JsValue::NULL;
        };
        let (ax, ay) = self.scene.anchors.get(i).copied().unwrap_or((0.0, 0.0));
        let Some(tip) = interact::tooltip(chart, self.state.dataset, i, self.lang) else {
            return JsValue::NULL;
        };
        to_js(&TipInfo {
            tip,
            dataset: &ds.id,
            x: ax / self.dpr,
            y: ay / self.dpr,
        })
    }

    /// What the live region says about the focused item.
    pub fn announcement(&self) -> String {
        let Some(chart) = self.chart() else {
            return String::new();
        };
        match self.state.highlight() {
            Some(i) => interact::announce(chart, self.state.dataset, i, self.lang),
            None => String::new(),
        }
    }

    /// Title, tabs, source, aria label and table of the current state.
    pub fn info(&self) -> JsValue {
        let Some(chart) = self.chart() else {
            return JsValue::NULL;
        };
        let Some(ds) = chart.datasets.get(self.state.dataset) else {
            return JsValue::NULL;
        };
        let lang = self.lang;
        let info = Info {
            id: chart.id.clone(),
            lang: match lang {
                Lang::Zh => "zh",
                Lang::En => "en",
            },
            title: chart.title.get(lang).to_string(),
            subtitle: chart.subtitle.as_ref().map(|s| s.get(lang).to_string()),
            source: layout::source_line(chart, lang),
            source_url: chart.source.url.clone(),
            datasets: chart
                .datasets
                .iter()
                .map(|d| DatasetInfo {
                    id: d.id.clone(),
                    label: d.label.get(lang).to_string(),
                })
                .collect(),
            tabs: crate::kinds::has_tabs(chart),
            dataset: ds.id.clone(),
            aria_label: interact::summary(chart, ds, lang),
            table: interact::table(chart, ds, lang),
        };
        to_js(&info)
    }
}
