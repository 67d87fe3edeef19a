//! The editor page's wasm surface: JSON text in, JSON text out, no decisions
//! here (they are `convert`'s and `load`'s, tested natively).

use wasm_bindgen::prelude::*;

use lvdong::data::{parse_str, Lang};
use lvdong::layout::{layout, Options};
use lvdong::render::Target;
use lvdong::text::FixedMetrics;
use lvdong::theme::ThemeName;
use lvdong::Scene;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// `[{table, options}, …]` → `{charts: [{chart, settings, problems, header}], file}`.
#[wasm_bindgen(js_name = buildFile)]
pub fn build_file(drafts: &str) -> String {
    let drafts: Vec<crate::Draft> = serde_json::from_str(drafts).unwrap_or_default();
    serde_json::to_string(&crate::build(&drafts)).unwrap_or_default()
}

/// A data file → `{drafts}` or `{errors}`.
#[wasm_bindgen(js_name = openFile)]
pub fn open_file(json: &str) -> String {
    let out = match crate::load::drafts(json) {
        Ok(d) => serde_json::json!({ "drafts": d }),
        Err(e) => serde_json::json!({ "errors": e }),
    };
    out.to_string()
}

/// One chart's dataset laid out whole (title and source line included), as
/// the SVG fallbacks are, with its accessible summary.
fn scene(
    file: &str,
    chart: &str,
    dataset: usize,
    lang: &str,
    dark: bool,
    dpr: f64,
) -> Option<(Scene, String)> {
    let (data, _) = parse_str(file).ok()?;
    let chart = data.chart(chart)?;
    let lang = Lang::parse(lang).unwrap_or_default();
    let o = Options {
        width: 640.0,
        dpr,
        lang,
        theme: if dark {
            ThemeName::Dark
        } else {
            ThemeName::Light
        },
        chrome: true,
        ..Options::default()
    };
    let scene = layout(chart, dataset, &o, &FixedMetrics);
    let alt = chart
        .datasets
        .get(dataset)
        .map(|ds| lvdong::interact::summary(chart, ds, lang))
        .unwrap_or_default();
    Some((scene, alt))
}

/// The SVG download: the reader's layout and renderer, as `cargo xtask render` draws.
#[wasm_bindgen]
pub fn svg(file: &str, chart: &str, dataset: usize, lang: &str, dark: bool) -> String {
    scene(file, chart, dataset, lang, dark, 1.0)
        .and_then(|(s, alt)| lvdong::render::to_svg(&s, &alt).ok())
        .unwrap_or_default()
}

/// The PNG download: the same scene at twice the size on `canvas` (the page
/// then calls `toBlob`); false when the chart cannot be drawn.
#[wasm_bindgen(js_name = drawPng)]
pub fn draw_png(
    file: &str,
    chart: &str,
    dataset: usize,
    lang: &str,
    dark: bool,
    canvas: HtmlCanvasElement,
) -> bool {
    let Some((scene, _)) = scene(file, chart, dataset, lang, dark, 2.0) else {
        return false;
    };
    canvas.set_width(scene.width.max(1.0) as u32);
    canvas.set_height(scene.height.max(1.0) as u32);
    let Some(mut db) = CanvasBackend::with_canvas_object(canvas) else {
        return false;
    };
    lvdong::render::draw(&scene, &mut db, Target::CANVAS).is_ok()
}
