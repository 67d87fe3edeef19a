//! `fallback/reserve.css`: the height each fallback image holds for its card
//! while the engine and the data load, so the card that replaces it does not
//! move the host page (issue 16, CLS ≤ 0.01).
//!
//! The fallback SVG is one picture drawn at 400 px and scaled to the column,
//! so its height is proportional to the width; the card's is not (its chart
//! switches layout at breakpoints, labels and titles wrap, the tab bar and
//! the note are DOM). No single image or aspect ratio agrees with the card at
//! every width, and the browser cannot know the card's height before the data
//! arrives. So the build computes it: for every column width it lays the
//! chart out with the same `ChartView` the element uses (its box height is
//! the tallest dataset's, as in the browser) and adds the card's DOM parts as
//! `www/lvdong.css` sizes them. The page applies it with container queries on
//! the element's width, only while scripting is on and the card is not there
//! yet (`data-ready` / `data-error`); without JS the image is shown as drawn.
//! The text metrics are the native approximation (`FixedMetrics`), so a wrap
//! may fall a few pixels either way: a line of error is ~20 px, well inside
//! the budget (the e2e guard measures the real thing).

use std::fmt::Write as _;
use std::rc::Rc;

use lvdong::data::{DataFile, Lang};
use lvdong::text::{FixedMetrics, Measure};
use lvdong::view::{CardInfo, ChartView, ViewData};

use crate::render::Fallback;

/// The column widths (CSS px) the table covers; outside it the image's own
/// box stands.
const WIDTHS: std::ops::RangeInclusive<u32> = 240..=800;
/// How far a straight segment of the table may stray from the computed
/// height (px): coarser means fewer rules, finer means more CSS.
const TOLERANCE: f64 = 3.0;

/// The card's box, from `www/lvdong.css`: `narrow` is its `max-width: 480px`
/// viewport query (smaller padding and title).
struct CardBox {
    pad_top: f64,
    pad_side: f64,
    pad_bottom: f64,
    title: f64,
}

const WIDE_BOX: CardBox = CardBox {
    pad_top: 16.0,
    pad_side: 16.0,
    pad_bottom: 12.0,
    title: 19.0,
};
const NARROW_BOX: CardBox = CardBox {
    pad_top: 12.0,
    pad_side: 10.0,
    pad_bottom: 10.0,
    title: 17.0,
};
const BORDER: f64 = 1.0;
/// Tab and toggle buttons: `min-height: 32px`, 12 px padding each side, 1 px border.
const BUTTON_H: f64 = 32.0;
const BUTTON_X: f64 = 26.0;
const TOGGLE_MIN: f64 = 44.0;

/// Lines `text` takes at `size` px in `max` px, breaking as the browser does
/// for CJK (between any two ideographs) and Latin (at spaces).
fn lines(text: &str, size: f64, bold: bool, max: f64) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    let (mut n, mut line, mut word) = (1.0, 0.0, 0.0);
    let mut buf = [0u8; 4];
    let mut prev = ' ';
    for c in text.chars() {
        let mut w = FixedMetrics.width(c.encode_utf8(&mut buf), size, bold);
        // CSS `text-spacing-trim: normal` (Chromium, WebKit): of two adjacent
        // full-width punctuation marks ("）；"), one is set half as wide.
        if is_cjk_punct(prev) && is_cjk_punct(c) {
            w /= 2.0;
        }
        prev = c;
        let breaks = c == ' ' || c > '\u{2e7f}';
        if breaks {
            // The word before this break point goes on this line or the next.
            if line + word > max && line > 0.0 {
                n += 1.0;
                line = 0.0;
            }
            line += word;
            word = 0.0;
            if line + w > max && line > 0.0 && c != ' ' {
                n += 1.0;
                line = 0.0;
            }
            line += w;
        } else {
            word += w;
        }
    }
    if line + word > max && line > 0.0 {
        n += 1.0;
    }
    n
}

fn is_cjk_punct(c: char) -> bool {
    "，。、；：！？（）《》「」『』【】〔〕“”‘’".contains(c)
}

/// Rows of buttons with `gap` between them, packed in `max` px.
fn rows(widths: &[f64], gap: f64, max: f64) -> f64 {
    let (mut n, mut line) = (0.0, 0.0);
    for &w in widths {
        if n == 0.0 || line + gap + w > max {
            n += 1.0;
            line = w;
        } else {
            line += gap + w;
        }
    }
    n
}

/// The tab bar's height: the tabs (if any) and the chart/table toggle,
/// wrapping as `.bar` and `.tabs` do (flex-wrap, gaps 8 and 6).
fn bar(info: &CardInfo, lang: Lang, max: f64) -> f64 {
    let m = FixedMetrics;
    let button = |t: &str| m.width(t, 13.0, false) + BUTTON_X;
    // The toggle's words, as www/lvdong.js's TEXT has them.
    let (chart, table) = match lang {
        Lang::Zh => ("图表", "表格"),
        Lang::En => ("Chart", "Table"),
    };
    let toggle = button(chart).max(TOGGLE_MIN) + button(table).max(TOGGLE_MIN) - 1.0;
    let tabs: Vec<f64> = info.tabs.iter().map(|t| button(&t.label)).collect();
    if tabs.is_empty() {
        return BUTTON_H;
    }
    let one_line: f64 = tabs.iter().sum::<f64>() + 6.0 * (tabs.len() - 1) as f64;
    if one_line + 8.0 + toggle <= max {
        return BUTTON_H;
    }
    let n = rows(&tabs, 6.0, max);
    n * BUTTON_H + (n - 1.0) * 6.0 + 8.0 + BUTTON_H
}

/// The card's height (CSS px) at column width `width`.
fn card(view: &mut ChartView<FixedMetrics>, width: f64, b: &CardBox) -> Option<f64> {
    let inner = width - 2.0 * (BORDER + b.pad_side);
    let canvas = view.resize(inner.floor(), 1.0)?;
    let info = view.info()?;
    let lang = view.lang();
    let mut h = 2.0 * BORDER + b.pad_top + b.pad_bottom;
    h += lines(&info.title, b.title, true, inner) * b.title * 1.35;
    if let Some(s) = info.subtitle.as_deref().filter(|s| !s.is_empty()) {
        h += 4.0 + lines(s, 13.0, false, inner) * 13.0 * 1.5;
    }
    h += 12.0 + bar(&info, lang, inner) + 8.0;
    h += canvas;
    if let Some(n) = info.note.as_deref().filter(|s| !s.is_empty()) {
        h += 8.0 + lines(n, 13.0, false, inner) * 13.0 * 1.45;
    }
    h += 8.0 + lines(&info.source, 12.0, false, inner) * 12.0 * 1.5;
    Some(h)
}

/// `(from, a, b)`: from column width `from` on, height ≈ `a + b × width`,
/// each segment within [`TOLERANCE`] of the computed heights it covers.
fn segments(heights: &[(f64, f64)]) -> Vec<(f64, f64, f64)> {
    let mut out = Vec::new();
    let mut s = 0;
    while s < heights.len() {
        let (w0, h0) = heights[s];
        let mut best = (h0, 0.0, s);
        for e in s + 1..heights.len() {
            let (w1, h1) = heights[e];
            let b = (h1 - h0) / (w1 - w0);
            let a = h0 - b * w0;
            if heights[s..=e]
                .iter()
                .all(|&(w, h)| (a + b * w - h).abs() <= TOLERANCE)
            {
                best = (a, b, e);
            } else {
                break;
            }
        }
        out.push((w0, best.0, best.1));
        s = best.2 + 1;
    }
    out
}

fn lang_tag(lang: &str) -> &'static str {
    if lang == "en" {
        "en"
    } else {
        "zh"
    }
}

/// The reservation rules for `fallbacks` (those the built pages show),
/// charts looked up in `files`.
pub fn css(files: &[DataFile], fallbacks: &[&Fallback]) -> String {
    // Only while the card is not there yet: the container type makes the
    // element's own width independent of its content, which a page may not
    // expect of a chart in a shrink-to-fit box once it is drawn.
    let mut out = String::from(
        "/* Generated by `cargo xtask build` (xtask/src/reserve.rs): the height of each chart's\n   \
         card at its element's width, held by its fallback image until the card replaces it. */\n\
         @media (scripting: enabled) {\n  \
         lvdong-chart:not([data-ready], [data-error]) { container-type: inline-size; }\n  \
         lvdong-chart:not([data-ready], [data-error]) > img { box-sizing: border-box; margin-top: 0; object-fit: contain; object-position: 0 0; }\n}\n",
    );
    for (narrow, b) in [(true, &NARROW_BOX), (false, &WIDE_BOX)] {
        let media = if narrow {
            "(scripting: enabled) and (max-width: 480px)"
        } else {
            "(scripting: enabled) and (min-width: 481px)"
        };
        let _ = writeln!(out, "@media {media} {{");
        for f in fallbacks {
            let Some(file) = files
                .iter()
                .find(|d| d.charts.iter().any(|c| c.id == f.chart))
            else {
                continue;
            };
            let data = Rc::new(ViewData {
                file: file.clone(),
                warnings: Vec::new(),
            });
            let Ok(mut view) = ChartView::new(data, &f.chart, FixedMetrics) else {
                continue;
            };
            view.set_lang(lang_tag(f.lang));
            if view.set_dataset(&f.dataset).is_err() {
                continue;
            }
            let heights: Vec<(f64, f64)> = WIDTHS
                .filter(|&w| !narrow || w <= 480)
                .filter_map(|w| card(&mut view, w as f64, b).map(|h| (w as f64, h)))
                .collect();
            let sel = format!(
                "lvdong-chart:not([data-ready], [data-error]) > img[src$=\"fallback/{}\"]",
                f.file
            );
            for (from, a, slope) in segments(&heights) {
                let height = if slope.abs() < 1e-9 {
                    format!("{}px", a.round())
                } else {
                    format!("calc({:.1}px + {:.4} * 100cqi)", a, slope)
                };
                let _ = writeln!(
                    out,
                    "  @container (width >= {from}px) {{ {sel} {{ height: {height}; }} }}"
                );
            }
        }
        out.push_str("}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_the_heights_within_the_tolerance() {
        let hs: Vec<(f64, f64)> = (0..100)
            .map(|w| {
                let w = 300.0 + w as f64;
                (w, if w < 350.0 { 500.0 } else { 100.0 + 0.5 * w })
            })
            .collect();
        let segs = segments(&hs);
        assert_eq!(segs.len(), 2, "{segs:?}");
        for &(w, h) in &hs {
            let &(_, a, b) = segs.iter().rev().find(|s| s.0 <= w).unwrap();
            assert!(
                (a + b * w - h).abs() <= TOLERANCE,
                "{w}: {h} vs {}",
                a + b * w
            );
        }
    }

    #[test]
    fn lines_wrap_ideographs_anywhere_and_words_at_spaces() {
        assert_eq!(lines("绿色低碳", 10.0, false, 40.0), 1.0);
        assert_eq!(lines("绿色低碳", 10.0, false, 39.0), 2.0);
        assert_eq!(lines("", 10.0, false, 39.0), 0.0);
        // "Green" is 5 letters; it moves whole to the next line.
        let one = lines("Green", 10.0, false, 1000.0);
        assert_eq!(one, 1.0);
        let w = FixedMetrics.width("Green low", 10.0, false);
        assert_eq!(lines("Green low", 10.0, false, w), 1.0);
        assert_eq!(lines("Green low", 10.0, false, w - 1.0), 2.0);
    }
}
