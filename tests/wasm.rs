//! In headless Chromium: the real canvas backend draws the donut — coloured
//! pixels inside the ring, none in the hole.
#![cfg(target_arch = "wasm32")]

use lvdong::canvas::{font, push_number};
use lvdong::data::{parse_str, ARTICLE_JSON};
use lvdong::layout::{layout, Options};
use lvdong::render::{draw, Target};
use lvdong::text::FixedMetrics;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn pixel(ctx: &CanvasRenderingContext2d, x: f64, y: f64) -> [u8; 4] {
    let d = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data();
    [d[0], d[1], d[2], d[3]]
}

#[wasm_bindgen_test]
fn the_donut_draws_inside_the_ring_and_not_in_the_hole() {
    let (file, _) = parse_str(ARTICLE_JSON).unwrap();
    let chart = file.chart("energy-mix").unwrap();
    let scene = layout(
        chart,
        0,
        &Options {
            width: 600.0,
            dpr: 2.0,
            ..Options::default()
        },
        &FixedMetrics,
    );

    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(scene.width as u32);
    canvas.set_height(scene.height as u32);
    doc.body().unwrap().append_child(&canvas).unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone()).unwrap();
    draw(&scene, &mut backend, Target::CANVAS).unwrap();

    let (cx, cy, r0, r1, slices) = scene.ring().unwrap();
    let bg = [255, 255, 255, 255];
    for (s, e, _) in &slices {
        let mid = (s + e) / 2.0;
        let r = (r0 + r1) / 2.0;
        let p = pixel(&ctx, cx + mid.sin() * r, cy - mid.cos() * r);
        assert_ne!(p, bg, "the ring is painted at the middle of each slice");
        assert_eq!(p[3], 255);
    }
    // Points in the hole away from the centre label.
    for (dx, dy) in [(0.0, -0.8), (0.0, 0.8), (-0.8, 0.3), (0.8, 0.3)] {
        let p = pixel(&ctx, cx + dx * r0, cy + dy * r0);
        assert_eq!(p, bg, "the hole stays background at ({dx}, {dy})");
    }
    // Renewable green: more green than red.
    let first = slices[0];
    let mid = (first.0 + first.1) / 2.0;
    let p = pixel(
        &ctx,
        cx + mid.sin() * (r0 + r1) / 2.0,
        cy - mid.cos() * (r0 + r1) / 2.0,
    );
    assert!(p[1] > p[0] + 40, "the renewable slice is green, got {p:?}");
}

#[wasm_bindgen_test]
fn css_numbers_and_fonts_without_float_formatting() {
    let mut s = String::new();
    for (x, d) in [(13.5, 2), (0.35, 3), (3.0, 2), (-2.25, 1), (0.0004, 3)] {
        push_number(&mut s, x, d);
        s.push(' ');
    }
    assert_eq!(s, "13.5 0.35 3 -2.3 0 ");
    assert!(font(26.0, true).starts_with("bold 26px "));
    assert!(font(12.25, false).starts_with("normal 12.25px "));
}
