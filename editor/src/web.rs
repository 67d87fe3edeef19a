//! The editor page's wasm surface: JSON text in, JSON text out, no decisions
//! here (they are `convert`'s and `load`'s, tested natively).

use wasm_bindgen::prelude::*;

use lvdong::data::{parse_str, Lang};
use lvdong::layout::{layout, Options};
use lvdong::text::FixedMetrics;
use lvdong::theme::ThemeName;

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

/// One chart's dataset as an SVG document, by the reader's own layout and renderer.
#[wasm_bindgen]
pub fn svg(file: &str, chart: &str, dataset: usize, lang: &str, dark: bool) -> String {
    let Ok((data, _)) = parse_str(file) else {
        return String::new();
    };
    let Some(chart) = data.chart(chart) else {
        return String::new();
    };
    let lang = Lang::parse(lang).unwrap_or_default();
    let o = Options {
        width: 640.0,
        dpr: 1.0,
        lang,
        theme: if dark { ThemeName::Dark } else { ThemeName::Light },
        chrome: true,
        ..Options::default()
    };
    let scene = layout(chart, dataset, &o, &FixedMetrics);
    let alt = chart
        .datasets
        .get(dataset)
        .map(|ds| lvdong::interact::summary(chart, ds, lang))
        .unwrap_or_default();
    lvdong::render::to_svg(&scene, &alt).unwrap_or_default()
}
