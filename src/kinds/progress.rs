//! Progress: one row per item, its value as a bar against its own target
//! (plan or goal), the target marked by a dark tick and outline with its
//! label ("计划 ≈13685亿元"), and the share reached ("55.7%").

use crate::data::{Chart, Dataset, Item, Lang, Reference, Unit};
use crate::format;
use crate::layout::{Frame, TextStyle};
use crate::scene::{Align, Baseline, HitIndex, Shape};

/// The `progress` kind (see [`super::Spec`]).
pub const SPEC: super::Spec = super::Spec {
    kind: super::Kind::Progress,
    name: "progress",
    about: super::about("Each value against its target or plan, as a filled track."),
    parts_of_whole: false,
    all_datasets: false,
    needs_target: true,
    dots: false,
    breakpoints: &[],
    max_items: crate::data::MAX_ITEMS,
    layout,
    summary: None,
};

/// The share of the target reached, in percent, if there is a target.
pub fn reached(item: &Item) -> Option<f64> {
    let t = item.target.as_ref()?;
    if let Some(s) = item.share {
        return Some(s);
    }
    (t.value != 0.0).then(|| item.value / t.value * 100.0)
}

/// What a target is called: its own label, else "目标" / "Target".
pub fn target_word(t: &Reference, lang: Lang) -> &str {
    t.label.as_ref().map_or(
        match lang {
            Lang::Zh => "目标",
            Lang::En => "Target",
        },
        |l| l.get(lang),
    )
}

/// The target's mark and quantity ("≈13685亿元").
pub fn target_value(t: &Reference, item: &Item, ds: &Dataset, lang: Lang) -> String {
    let unit = ds.unit_of(item);
    format::dataset_figure(
        ds,
        t.value,
        unit,
        ds.noun.as_ref(),
        t.derived,
        t.relation,
        lang,
    )
}

fn target_text(item: &Item, ds: &Dataset, lang: Lang) -> Option<String> {
    let t = item.target.as_ref()?;
    Some(format::cat(&[
        target_word(t, lang),
        " ",
        &target_value(t, item, ds, lang),
    ]))
}

pub fn layout(f: &mut Frame<'_>, _chart: &Chart, ds: &Dataset) {
    let lang = f.options.lang;
    let money = matches!(ds.unit, Unit::Cny);
    let size = f.label_size();
    let small = f.small();
    let left = f.pad;
    let inner = f.width - 2.0 * f.pad;
    let bar_h = f.css(18.0);
    // On a narrow column the label and the figures each get a line of their
    // own rather than an ellipsis; all rows share the choice so they align.
    let mut headers = Vec::with_capacity(ds.items.len());
    let mut two_lines = false;
    for item in &ds.items {
        let mut h = format::item_value(item, ds, lang);
        if let Some(p) = reached(item) {
            h.push_str(" · ");
            h.push_str(&format::share(p));
        }
        two_lines |=
            f.measure(item.label.get(lang), size, true) + f.css(12.0) + f.measure(&h, size, true)
                > inner;
        headers.push(h);
    }
    // In an image a target label too long for the row wraps (there is no
    // tooltip to give the rest); the canvas shortens it, the tooltip has it.
    let image = crate::layout::chrome(f.options);
    let mut targets = Vec::with_capacity(ds.items.len());
    let mut foot_lines = 1;
    for item in &ds.items {
        let lines = target_text(item, ds, lang)
            .map(|t| {
                if image {
                    crate::layout::wrap(f.measure, &t, small, false, inner, usize::MAX)
                } else {
                    vec![f.fit(&t, small, false, inner)]
                }
            })
            .unwrap_or_default();
        foot_lines = foot_lines.max(lines.len());
        targets.push(lines);
    }
    let line_h = size * 1.4;
    let head_h = if two_lines { line_h * 2.0 } else { line_h };
    let foot_h = small * 1.3 * foot_lines as f64 + f.css(6.0);
    let row_gap = f.css(14.0);
    let pitch = head_h + bar_h + foot_h + row_gap;
    let (text, muted, track, target) = (f.theme.text, f.theme.muted, f.theme.grid, f.theme.target);

    let mut boxes = Vec::with_capacity(ds.items.len());
    let top = f.top + f.css(4.0);
    for (i, item) in ds.items.iter().enumerate() {
        let y = top + pitch * i as f64;
        let bar_y = y + head_h;
        let tv = item.target.as_ref().map_or(0.0, |t| t.value.abs());
        // Each row on its own scale: the longer of value and target fills the row.
        let scale = item.value.abs().max(tv);
        let scale = if scale > 0.0 { scale } else { 1.0 };
        let x_of = |v: f64| left + (v.abs() / scale).min(1.0) * inner;

        f.focus_box(left, y, inner, pitch - row_gap, i);
        // Header: label left, value and share reached right.
        let bold = f.is_highlighted(i);
        let header = headers.get(i).map_or("", String::as_str);
        // On two lines each text has the row; on one the figures take
        // up to 60% and the label the rest.
        let right_text = f.fit(header, size, true, if two_lines { inner } else { inner * 0.6 });
        let (label_max, figures_x, figures_y, figures_align) = if two_lines {
            (inner, left, y + line_h * 1.5, Align::Left)
        } else {
            let rw = f.measure(&right_text, size, true);
            let label_max = (inner - rw - f.css(12.0)).max(0.0);
            (label_max, left + inner, y + line_h / 2.0, Align::Right)
        };
        f.fit_text(
            left,
            y + line_h / 2.0,
            item.label.get(lang),
            label_max,
            TextStyle::new(size, text)
                .weight(bold)
                .baseline(Baseline::Middle),
            Some(i),
        );
        f.text(
            figures_x,
            figures_y,
            right_text,
            TextStyle::new(size, text)
                .bold()
                .align(figures_align)
                .baseline(Baseline::Middle),
            Some(i),
        );

        // Track, value, target.
        let fill = f.item_color(ds, i, money);
        let track = f.dim_unless(track, i);
        f.fill_rect(left, bar_y, inner, bar_h, track, None);
        let vx = x_of(item.value);
        f.fill_rect(
            left,
            bar_y,
            (vx - left).max(f.css(1.0)),
            bar_h,
            fill,
            Some(i),
        );
        if let Some(lines) = targets.get(i).filter(|l| !l.is_empty()) {
            let tx = x_of(tv);
            let lw = f.css(1.5);
            // The span up to the target outlined, its end a tick standing out of the bar.
            f.shape(
                Shape::Rect {
                    x: left,
                    y: bar_y,
                    w: (tx - left).max(lw),
                    h: bar_h,
                    fill: None,
                    stroke: Some((target, lw)),
                },
                Some(i),
            );
            let stick = f.css(4.0);
            // max/min, not clamp: clamp keeps a float-printing panic path in the wasm.
            let tx_in = tx.max(left + lw).min(left + inner - lw);
            f.line(
                tx_in,
                bar_y - stick,
                tx_in,
                bar_y + bar_h + stick,
                f.css(3.0),
                target,
                Some(i),
            );
            let mut w = 0.0;
            for l in lines {
                w = f64::max(w, f.measure(l, small, false));
            }
            let (x, align) = if tx_in - w >= left {
                (tx_in, Align::Right)
            } else {
                ((tx_in).min(left + inner - w).max(left), Align::Left)
            };
            let ly = bar_y + bar_h + stick + f.css(2.0);
            let style = TextStyle::new(small, muted).align(align);
            f.lines(x, ly, lines, small * 1.3, style, Some(i));
        }
        f.anchor(i, ((left + vx) / 2.0, bar_y + bar_h / 2.0));
        boxes.push((left, y, inner, pitch, i));
    }
    f.hits.push(HitIndex::Boxes(boxes));
    let n = ds.items.len() as f64;
    f.plot_height = top + pitch * n - row_gap - f.top;
}
