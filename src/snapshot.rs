//! The text snapshot editors review: every string a reader can see or hear
//! for each chart × dataset × language — card, canvas and fallback-image
//! labels, tooltips, announcements, table, summary, note, source line — as
//! one plain-text file per chart. A test compares it with `tests/text/`, so
//! a change of wording or number shows in review as a text diff. Native only.

use std::rc::Rc;

use crate::data::{Chart, Lang};
use crate::kinds;
use crate::layout::{layout, Options};
use crate::scene::{Scene, Shape};
use crate::text::FixedMetrics;
use crate::view::{ChartView, ViewData};

/// The width the snapshot lays charts out at: the fallback images' phone column.
const WIDTH: f64 = 400.0;

/// Every chart of a data file as (chart id, snapshot text).
pub fn file_texts(json: &str) -> Result<Vec<(String, String)>, Vec<String>> {
    let data = Rc::new(ViewData::from_json(json)?);
    let mut out = Vec::new();
    for chart in &data.file.charts {
        out.push((chart.id.clone(), chart_text(&data, chart)?));
    }
    Ok(out)
}

/// The texts of a scene in reading order (top to bottom, then left to right).
fn scene_texts(scene: &Scene) -> Vec<String> {
    let mut texts: Vec<(f64, f64, &str)> = Vec::new();
    for m in &scene.marks {
        if let Shape::Text { x, y, text, .. } = &m.shape {
            texts.push((*y, *x, text));
        }
    }
    texts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    texts.into_iter().map(|t| t.2.to_string()).collect()
}

fn push_line(out: &mut String, indent: usize, text: &str) {
    out.push_str(&"  ".repeat(indent));
    out.push_str(text);
    out.push('\n');
}

/// One chart's snapshot.
pub fn chart_text(data: &Rc<ViewData>, chart: &Chart) -> Result<String, Vec<String>> {
    let mut out = String::new();
    push_line(
        &mut out,
        0,
        &format!("# {} ({})", chart.id, chart.kind.name()),
    );
    // A kind that shows every dataset at once has one picture.
    let sets = if chart.kind.spec().all_datasets {
        chart.datasets.get(..1).unwrap_or_default()
    } else {
        &chart.datasets
    };
    for (i, ds) in chart.datasets.iter().enumerate() {
        if !sets.iter().any(|s| s.id == ds.id) {
            continue;
        }
        for (lang, code) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            let mut view =
                ChartView::new(data.clone(), &chart.id, FixedMetrics).map_err(|e| vec![e])?;
            view.set_lang(code);
            view.set_dataset(&ds.id).map_err(|e| vec![e])?;
            view.resize(WIDTH, 1.0);
            push_line(&mut out, 0, "");
            push_line(&mut out, 0, &format!("## {} · {code}", ds.id));
            let info = view.info().ok_or_else(|| vec!["no card".to_string()])?;
            push_line(&mut out, 0, &format!("title: {}", info.title));
            if let Some(s) = &info.subtitle {
                push_line(&mut out, 0, &format!("subtitle: {s}"));
            }
            if !info.tabs.is_empty() {
                let tabs: Vec<String> = info
                    .tabs
                    .iter()
                    .map(|t| {
                        let mark = if t.id == info.dataset { "*" } else { "" };
                        format!("{mark}{}", t.label)
                    })
                    .collect();
                push_line(&mut out, 0, &format!("tabs: {}", tabs.join(" | ")));
            }
            if let Some(n) = &info.note {
                push_line(&mut out, 0, &format!("note: {n}"));
            }
            push_line(&mut out, 0, &format!("source: {}", info.source));
            push_line(&mut out, 0, &format!("summary: {}", info.summary));
            push_line(&mut out, 0, "canvas:");
            for t in scene_texts(view.scene()) {
                push_line(&mut out, 1, &t);
            }
            let o = Options {
                width: WIDTH,
                lang,
                chrome: true,
                ..Options::default()
            };
            push_line(&mut out, 0, "image:");
            for t in scene_texts(&layout(chart, i, &o, &FixedMetrics)) {
                push_line(&mut out, 1, &t);
            }
            push_line(&mut out, 0, "tooltips:");
            for k in 0..kinds::item_count(chart, i) {
                view.key(if k == 0 { "Home" } else { "ArrowRight" });
                let Some(tip) = view.tooltip() else { continue };
                push_line(&mut out, 1, &format!("{}: {}", tip.label, tip.value));
                for (a, b) in &tip.lines {
                    push_line(&mut out, 2, &format!("{a}: {b}"));
                }
                if let Some(n) = &tip.note {
                    push_line(&mut out, 2, &format!("note: {n}"));
                }
                if let Some(d) = &tip.derived {
                    push_line(&mut out, 2, &format!("derived: {d}"));
                }
                push_line(&mut out, 2, &format!("says: {}", view.announcement()));
            }
            let t = &info.table;
            push_line(&mut out, 0, &format!("table: {}", t.caption));
            push_line(&mut out, 1, &t.head.join(" | "));
            for r in &t.rows {
                push_line(&mut out, 1, &r.join(" | "));
            }
            push_line(&mut out, 1, &format!("foot: {}", t.foot));
        }
    }
    Ok(out)
}
