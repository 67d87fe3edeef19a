//! Images where no script runs: `render_svg` / `render_png` as a Rust
//! program calls them. A PNG carries the scene's marks in their colours and
//! its Chinese text; without a CJK font the answer is an error naming the
//! package, never an image of empty boxes.

use lvdong::data::{parse_str, DataFile, Lang, ARTICLE_JSON};
use lvdong::image::{Fonts, RenderError, CARD, CJK_FONT_PACKAGE};
use lvdong::layout::{layout, Options};
use lvdong::scene::Shape;
use lvdong::text::FixedMetrics;
use resvg::tiny_skia::Pixmap;

fn article() -> DataFile {
    parse_str(ARTICLE_JSON).unwrap().0
}

fn options(lang: Lang) -> Options {
    Options {
        width: 600.0,
        dpr: 2.0,
        lang,
        chrome: true,
        ..Options::default()
    }
}

#[test]
fn a_missing_cjk_font_is_an_error_that_names_the_package() {
    let empty = std::env::temp_dir().join(format!("lvdong-no-fonts-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let err = Fonts::from_dir(&empty).unwrap_err();
    assert!(matches!(err, RenderError::MissingFont { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(CJK_FONT_PACKAGE), "{text}");
    assert!(text.contains("fonts-noto-cjk"), "{text}");
    assert!(
        text.contains("Noto Sans CJK SC"),
        "names what it looked for: {text}"
    );
}

#[test]
fn unknown_chart_or_dataset_is_an_error_not_a_picture() {
    let file = article();
    assert_eq!(
        lvdong::render_svg(&file, "nope", None, &options(Lang::Zh)),
        Err(RenderError::UnknownChart("nope".into()))
    );
    assert_eq!(
        lvdong::render_svg(&file, "energy-mix", Some("nope"), &options(Lang::Zh)),
        Err(RenderError::UnknownDataset(
            "energy-mix".into(),
            "nope".into()
        ))
    );
}

/// Needs the CJK font `cargo xtask test` installs (fonts-noto-cjk).
#[test]
fn png_has_the_scenes_marks_in_their_colours_and_its_cjk_title() {
    let file = article();
    let o = options(Lang::Zh);
    let png = lvdong::render_png(&file, "investment", Some("amount"), &o).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    let chart = file.chart("investment").unwrap();
    let scene = layout(chart, 0, &o, &FixedMetrics);
    assert_eq!(pixmap.width(), scene.width as u32, "width × DPR device px");
    assert_eq!(pixmap.height(), scene.height as u32);
    let at = |x: f64, y: f64| {
        let p = pixmap.pixel(x as u32, y as u32).unwrap();
        (p.red(), p.green(), p.blue())
    };
    // Every bar's middle is the bar's colour.
    let mut bars = 0;
    for mark in &scene.marks {
        if let Shape::Rect {
            x,
            y,
            w,
            h,
            fill: Some(c),
            ..
        } = mark.shape
        {
            if mark.item.is_none() || w < 6.0 || h < 6.0 {
                continue;
            }
            let (r, g, b) = at(x + w / 2.0, y + h / 2.0);
            let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
            assert!(
                close(r, c.r) && close(g, c.g) && close(b, c.b),
                "bar of item {:?} is {:?} at its middle, not {:?}",
                mark.item,
                (r, g, b),
                (c.r, c.g, c.b)
            );
            bars += 1;
        }
    }
    assert!(bars >= 3, "the bars were checked ({bars})");
    // The title (发电… / 绿色低碳…) is the first text: its box holds dark
    // glyph strokes, not nothing (tofu boxes from a font without CJK glyphs
    // are caught by the font check above and the e2e comparison).
    let title = scene
        .marks
        .iter()
        .find_map(|m| match &m.shape {
            Shape::Text {
                x, y, size, text, ..
            } => Some((*x, *y, *size, text.clone())),
            _ => None,
        })
        .unwrap();
    assert!(title
        .3
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    let (x0, y0, size) = (title.0, title.1, title.2);
    let mut ink = 0;
    for y in y0 as u32..(y0 + size) as u32 {
        for x in x0 as u32..(x0 + size * title.3.chars().count() as f64) as u32 {
            if let Some(p) = pixmap.pixel(x, y) {
                if u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 200 {
                    ink += 1;
                }
            }
        }
    }
    let area = size * size * title.3.chars().count() as f64;
    assert!(
        ink as f64 > area * 0.08,
        "the title's glyphs are drawn: {ink} dark px in {area} px²"
    );
}

#[test]
fn a_card_is_1200_by_630_with_its_themes_background() {
    let file = article();
    let fonts = Fonts::system().unwrap();
    let o = Options {
        theme: lvdong::theme::ThemeName::Dark,
        ..options(Lang::En)
    };
    let png = fonts.card(&file, "energy-mix", None, &o).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    assert_eq!((pixmap.width(), pixmap.height()), CARD);
    let bg = lvdong::theme::Theme::of(lvdong::theme::ThemeName::Dark).background;
    let corner = pixmap.pixel(2, 2).unwrap();
    assert_eq!(
        (corner.red(), corner.green(), corner.blue()),
        (bg.r, bg.g, bg.b)
    );
}
