//! Layout: pure functions from (chart, dataset, options, text metrics) to a
//! [`Scene`] in device pixels. One file per chart kind; this file holds what
//! they share — the frame (title, dataset label, source), colours, text marks.

pub mod legend;

use crate::data::{Chart, Dataset, Item, Lang, Role};
use crate::format;
use crate::kinds::{has_tabs, item_count};
use crate::scene::{Align, Baseline, HitIndex, Mark, Scene, Shape};
use crate::text::{fit, Measure};
use crate::theme::{Color, Swatch, Theme, ThemeName};

/// Everything layout needs besides the data.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Width in CSS pixels.
    pub width: f64,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    pub lang: Lang,
    pub theme: ThemeName,
    /// Draw title, dataset label and source into the scene (SVG, share image).
    /// In the page these are HTML around the canvas, so the wasm build
    /// ignores this flag (see [`chrome`]).
    pub chrome: bool,
    /// The hovered or focused item.
    pub highlight: Option<usize>,
    /// Whether the highlight comes from the keyboard (draws a focus ring).
    pub keyboard: bool,
    /// Smallest scene height in device px, so switching datasets keeps the box.
    pub min_height: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 640.0,
            dpr: 1.0,
            lang: Lang::Zh,
            theme: ThemeName::Light,
            chrome: false,
            highlight: None,
            keyboard: false,
            min_height: 0.0,
        }
    }
}

/// Whether the frame draws title, subtitle and source. Only native builds
/// draw them (the page shows them as HTML and never asks), so the wasm
/// carries no code for them.
pub fn chrome(options: &Options) -> bool {
    options.chrome && cfg!(not(target_arch = "wasm32"))
}

/// Device pixels per CSS pixel for a reported `devicePixelRatio`: 1 for a
/// nonsense value, at most 4 (beyond it the canvas only grows).
pub fn device_px(dpr: f64) -> f64 {
    if dpr.is_finite() && dpr > 0.0 {
        dpr.min(4.0)
    } else {
        1.0
    }
}

/// Narrowest and widest widths layout is designed for, in CSS px.
pub const MIN_WIDTH: f64 = 280.0;
pub const MAX_WIDTH: f64 = 1200.0;

/// How far a mark not highlighted moves toward the background (0–1).
pub const DIM: f64 = 0.55;

/// Lays out dataset `ds` of `chart`. Out-of-range `ds` falls back to the first.
pub fn layout(chart: &Chart, ds: usize, options: &Options, measure: &dyn Measure) -> Scene {
    let ds = if ds < chart.datasets.len() { ds } else { 0 };
    let Some(dataset) = chart.datasets.get(ds) else {
        return Scene::default();
    };
    let mut f = Frame::new(chart, dataset, item_count(chart, ds), options, measure);
    (chart.kind.spec().layout)(&mut f, chart, dataset);
    f.finish(chart, dataset)
}

/// Height (device px) of the tallest dataset of `chart`, so tabs never resize the box.
pub fn chart_height(chart: &Chart, options: &Options, measure: &dyn Measure) -> f64 {
    let plain = Options {
        highlight: None,
        keyboard: false,
        min_height: 0.0,
        ..options.clone()
    };
    let mut h = 0.0;
    for i in 0..chart.datasets.len() {
        h = f64::max(h, layout(chart, i, &plain, measure).height);
    }
    h
}

/// How a text mark looks and where its anchor point sits on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextStyle {
    /// Device px.
    pub size: f64,
    pub bold: bool,
    pub color: Color,
    pub align: Align,
    pub baseline: Baseline,
}

impl TextStyle {
    /// Regular weight, anchored at its top left.
    pub fn new(size: f64, color: Color) -> TextStyle {
        TextStyle {
            size,
            bold: false,
            color,
            align: Align::Left,
            baseline: Baseline::Top,
        }
    }

    pub fn bold(self) -> TextStyle {
        self.weight(true)
    }

    /// Bold when `bold`.
    pub fn weight(self, bold: bool) -> TextStyle {
        TextStyle { bold, ..self }
    }

    pub fn align(self, align: Align) -> TextStyle {
        TextStyle { align, ..self }
    }

    pub fn baseline(self, baseline: Baseline) -> TextStyle {
        TextStyle { baseline, ..self }
    }
}

/// The scene under construction, with the plot area left between header and footer.
pub struct Frame<'a> {
    pub options: &'a Options,
    pub measure: &'a dyn Measure,
    pub theme: &'static Theme,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub width: f64,
    /// Top of the plot area.
    pub top: f64,
    /// Plot area height, set by the chart kind.
    pub plot_height: f64,
    pub pad: f64,
    pub marks: Vec<Mark>,
    pub hits: Vec<HitIndex>,
    pub anchors: Vec<(f64, f64)>,
    /// See [`Scene::static_end`].
    pub static_end: usize,
}

impl<'a> Frame<'a> {
    fn new(
        chart: &Chart,
        ds: &Dataset,
        keys: usize,
        options: &'a Options,
        measure: &'a dyn Measure,
    ) -> Frame<'a> {
        let scale = device_px(options.dpr);
        let css_w = if options.width.is_finite() {
            options.width.clamp(MIN_WIDTH, MAX_WIDTH * 2.0)
        } else {
            MIN_WIDTH
        };
        let theme = Theme::of(options.theme);
        let mut f = Frame {
            options,
            measure,
            theme,
            scale,
            width: (css_w * scale).round(),
            top: 0.0,
            plot_height: 0.0,
            pad: 12.0 * scale,
            marks: Vec::new(),
            hits: Vec::new(),
            anchors: vec![(0.0, 0.0); keys],
            static_end: 0,
        };
        if chrome(options) {
            let mut y = f.pad;
            let title = chart.title.get(options.lang);
            let tsize = f.css(if css_w < 480.0 { 17.0 } else { 19.0 });
            let (tc, mc) = (f.theme.text, f.theme.muted);
            y = f.block(title, y, tsize, true, tc);
            let tabs = has_tabs(chart);
            if tabs || chart.subtitle.is_some() {
                let sub = match &chart.subtitle {
                    Some(s) if !tabs => s.get(options.lang),
                    _ => ds.label.get(options.lang),
                };
                y += f.css(4.0);
                let s = f.css(13.0);
                y = f.block(sub, y, s, false, mc);
            }
            f.top = y + f.css(12.0);
        } else {
            f.top = f.css(8.0);
        }
        f
    }

    /// CSS px → device px.
    pub fn css(&self, v: f64) -> f64 {
        v * self.scale
    }

    /// Content width in CSS px, for responsive decisions.
    pub fn css_width(&self) -> f64 {
        self.width / self.scale
    }

    /// A text mark at `(x, y)`, anchored as `style` says.
    pub fn text(&mut self, x: f64, y: f64, text: String, style: TextStyle, item: Option<usize>) {
        let TextStyle {
            size,
            bold,
            color,
            align,
            baseline,
        } = style;
        self.marks.push(Mark {
            shape: Shape::Text {
                x,
                y,
                text,
                size,
                bold,
                color,
                align,
                baseline,
            },
            item,
        });
    }

    /// A filled rectangle.
    pub fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Color, item: Option<usize>) {
        let fill = Some(fill);
        let stroke = None;
        self.shape(
            Shape::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            },
            item,
        );
    }

    /// A filled circle.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: Color, item: Option<usize>) {
        self.shape(Shape::Circle { cx, cy, r, fill }, item);
    }

    /// A straight line.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        width: f64,
        color: Color,
        item: Option<usize>,
    ) {
        self.shape(
            Shape::Line {
                x0,
                y0,
                x1,
                y1,
                width,
                color,
            },
            item,
        );
    }

    pub fn shape(&mut self, shape: Shape, item: Option<usize>) {
        self.marks.push(Mark { shape, item });
    }

    /// Ends the highlight-independent layer: every mark so far is the same
    /// whatever is highlighted (see [`Scene::static_end`]).
    pub fn end_layer(&mut self) {
        self.static_end = self.marks.len();
    }

    /// A full-width block of text at the left padding, wrapped by character
    /// (CJK has no spaces) to at most three lines; returns its bottom.
    /// Never shortened: only fallback images draw these blocks, and an
    /// image has no tooltip to give the rest.
    pub fn block(&mut self, s: &str, y: f64, size: f64, bold: bool, color: Color) -> f64 {
        let lines = wrap(
            self.measure,
            s,
            size,
            bold,
            self.width - 2.0 * self.pad,
            usize::MAX,
        );
        let lh = size * 1.3;
        let n = lines.len().max(1);
        for (i, line) in lines.into_iter().enumerate() {
            self.text(
                self.pad,
                y + lh * i as f64,
                line,
                TextStyle::new(size, color).weight(bold),
                None,
            );
        }
        y + lh * n as f64
    }

    /// `lines` one under another from `(x, y)`, `step` apart, in one style
    /// (a wrapped label); returns the `y` after the last. One loop for every
    /// kind that stacks lines (written for size).
    #[allow(clippy::too_many_arguments)]
    pub fn lines(
        &mut self,
        x: f64,
        mut y: f64,
        lines: &[String],
        step: f64,
        style: TextStyle,
        item: Option<usize>,
    ) -> f64 {
        for l in lines {
            self.text(x, y, l.clone(), style, item);
            y += step;
        }
        y
    }

    /// A text mark of `s` shortened with an ellipsis to `max`, measured in
    /// the style's own font: one call for the kinds' fit-then-draw (written
    /// for size).
    #[allow(clippy::too_many_arguments)]
    pub fn fit_text(
        &mut self,
        x: f64,
        y: f64,
        s: &str,
        max: f64,
        style: TextStyle,
        item: Option<usize>,
    ) {
        let t = self.fit(s, style.size, style.bold, max);
        self.text(x, y, t, style, item);
    }

    /// Fits text to a width with an ellipsis.
    pub fn fit(&self, s: &str, size: f64, bold: bool, max: f64) -> String {
        fit(self.measure, s, size, bold, max)
    }

    /// Not inlined: one call instead of a dynamic dispatch at each of the
    /// kinds' many measurements (written for size).
    #[inline(never)]
    pub fn measure(&self, s: &str, size: f64, bold: bool) -> f64 {
        self.measure.width(s, size, bold)
    }

    /// The largest size, from `base` down to `min` in whole device px, at
    /// which every text fits `max_w`. Width grows with the size, so one
    /// measurement per text finds the step to try and the loop only confirms
    /// it (in the browser each new size is a cold measurement, ~1–5 ms).
    pub fn fit_size(&self, texts: &[String], bold: bool, base: f64, min: f64, max_w: f64) -> f64 {
        let mut widest = 0.0;
        for t in texts {
            widest = f64::max(widest, self.measure(t, base, bold));
        }
        let mut size = if widest > max_w && widest > 0.0 {
            let steps = ((base - base * max_w / widest) / self.scale)
                .ceil()
                .max(0.0);
            let last = base - ((base - min) / self.scale).ceil() * self.scale;
            (base - steps * self.scale).max(last)
        } else {
            base
        };
        'shrink: while size > min {
            for t in texts {
                if self.measure(t, size, bold) > max_w {
                    size -= self.scale;
                    continue 'shrink;
                }
            }
            break;
        }
        size
    }

    /// Fill colour of item `i` by its meaning, dimmed when another item is highlighted.
    pub fn item_color(&self, ds: &Dataset, i: usize, money: bool) -> Color {
        self.dim_unless(self.base_color(ds, i, money), i)
    }

    /// `c`, dimmed when an item other than key `key` is highlighted: one
    /// helper for every kind's colours (written for size).
    pub fn dim_unless(&self, c: Color, key: usize) -> Color {
        match self.options.highlight {
            Some(h) if h != key => self.dim(c),
            _ => c,
        }
    }

    /// A mark colour pushed toward the background, for items not highlighted.
    pub fn dim(&self, c: Color) -> Color {
        c.mix(self.theme.background, DIM)
    }

    /// Text colour with the better contrast on a fill.
    pub fn text_on(&self, fill: Color) -> Color {
        crate::theme::ink_on(fill)
    }

    /// A focus outline around a box when the keyboard highlights `item`;
    /// nothing otherwise. The check is here, not at each kind's call
    /// (written for size).
    pub fn focus_box(&mut self, x: f64, y: f64, w: f64, h: f64, item: usize) {
        if !(self.options.keyboard && self.is_highlighted(item)) {
            return;
        }
        let (c, t) = (self.theme.focus, self.css(2.0));
        let g = self.css(3.0);
        self.shape(
            Shape::Rect {
                x: (x - g).max(0.0),
                y: (y - g).max(0.0),
                w: (w + 2.0 * g).min(self.width - (x - g).max(0.0)),
                h: h + 2.0 * g,
                fill: None,
                stroke: Some((c, t)),
            },
            Some(item),
        );
    }

    /// Sets the anchor of item key `key`.
    pub fn anchor(&mut self, key: usize, at: (f64, f64)) {
        if let Some(a) = self.anchors.get_mut(key) {
            *a = at;
        }
    }

    /// Smallest text size: 12 CSS px.
    pub fn small(&self) -> f64 {
        self.css(12.0)
    }

    /// Label text size: 13 CSS px.
    pub fn label_size(&self) -> f64 {
        self.css(13.0)
    }

    pub fn base_color(&self, ds: &Dataset, i: usize, money: bool) -> Color {
        let Some(item) = ds.items.get(i) else {
            return self.theme.muted;
        };
        let (role, n) = match item.role {
            Some(r) => (
                swatch(r),
                // The nth item of its role takes the role's nth shade.
                ds.items
                    .iter()
                    .take(i)
                    .filter(|it| it.role == Some(r))
                    .count(),
            ),
            None if money => (Swatch::Money, 0),
            None => (Swatch::Category(i), 0),
        };
        self.theme.fill(role, n)
    }

    pub fn is_highlighted(&self, i: usize) -> bool {
        self.options.highlight == Some(i)
    }

    fn finish(mut self, chart: &Chart, ds: &Dataset) -> Scene {
        let mut bottom = self.top + self.plot_height;
        if chrome(self.options) {
            bottom += self.css(12.0);
            let lang = self.options.lang;
            // The dataset's note (scope, overlap, how a value was derived)
            // under the chart, in full, above the source line.
            if let Some(note) = dataset_note(chart, ds, lang) {
                let (size, ink) = (self.css(12.0), self.theme.text);
                bottom = self.block(&note, bottom, size, false, ink) + self.css(6.0);
            }
            let line = source_line(chart, lang);
            let size = self.css(12.0);
            let muted = self.theme.muted;
            bottom = self.block(&line, bottom, size, false, muted);
        }
        let height = (bottom + self.pad).ceil().max(self.options.min_height);
        let (base, rest) = self
            .marks
            .split_at_checked(self.static_end)
            .unwrap_or((&self.marks, &[]));
        let mut marks = Vec::with_capacity(self.marks.len());
        text_last(&mut marks, base);
        text_last(&mut marks, rest);
        Scene {
            width: self.width,
            height,
            background: self.theme.background,
            marks,
            hits: self.hits,
            anchors: self.anchors,
            static_end: self.static_end,
        }
    }
}

/// The colour family of a role.
pub fn swatch(role: Role) -> Swatch {
    match role {
        Role::Clean => Swatch::Clean,
        Role::Other => Swatch::Other,
        Role::Money => Swatch::Money,
    }
}

/// Appends `marks`: shapes in their order, then texts grouped by font in order of first use.
/// Labels never overlap (a tested invariant) and sit on top of shapes, so the
/// picture is the same, but the canvas switches font a few times per frame
/// instead of at every label (each switch parses the CSS font).
fn text_last(out: &mut Vec<Mark>, marks: &[Mark]) {
    let font = |m: &Mark| match m.shape {
        Shape::Text { size, bold, .. } => Some((size.to_bits(), bold)),
        _ => None,
    };
    // Pass 0 takes the shapes (`None`); pass j > 0 takes the marks in the
    // font of mark j - 1 when that is a text whose font is first used
    // there. Marks are cloned out in order, one pass per font, with no
    // vector of fonts nor second vector of marks (written for size; a
    // scene has a few dozen short texts).
    for j in 0..marks.len() + 1 {
        let k = j.saturating_sub(1);
        let f = if j == 0 {
            None
        } else {
            marks.get(k).and_then(font)
        };
        let before = marks.get(..k).unwrap_or_default();
        if j > 0 && (f.is_none() || before.iter().any(|p| font(p) == f)) {
            continue;
        }
        for m in marks.get(k..).unwrap_or_default() {
            if font(m) == f {
                out.push(m.clone());
            }
        }
    }
}

/// "来源：烟台日报 YMG，2023-08-30" / "Source: …, 2023-08-30", with what "≈"
/// means when the chart shows derived values.
pub fn source_line(chart: &Chart, lang: Lang) -> String {
    let s = &chart.source;
    // The words in one match (written for size).
    let (lead, comma, as_of, approx) = match lang {
        Lang::Zh => ("来源：", "，", "；数据截至", "；≈ 为据原文数字推算的值"),
        Lang::En => (
            "Source: ",
            ", ",
            "; figures as of ",
            "; ≈ marks values derived from the reported figures",
        ),
    };
    let mut line = format::cat(&[lead, s.text.get(lang)]);
    if let Some(d) = &s.date {
        line.push_str(comma);
        line.push_str(d);
    }
    // The date the figures describe, when the source says it apart from
    // its publication date ("reported 2023-07-16, as of 2023-06-30").
    if let Some(d) = &s.as_of {
        line.push_str(as_of);
        line.push_str(d);
    }
    if chart
        .datasets
        .iter()
        .any(|d| d.items.iter().any(any_derived))
    {
        line.push_str(approx);
    }
    line
}

/// The note a reader must see under the chart: the dataset's own (for a
/// kind that shows every dataset at once, the first dataset's stands for
/// the chart).
pub fn dataset_note(_chart: &Chart, ds: &Dataset, lang: Lang) -> Option<String> {
    ds.note.as_ref().map(|n| n.get(lang).to_string())
}

/// The dataset's total as it reads (see [`format::total`]).
pub fn total_text(ds: &Dataset, lang: Lang) -> String {
    format::total(ds, lang)
}

/// Whether any figure of `item` (value, target, details) is derived.
pub fn any_derived(item: &Item) -> bool {
    item.derived
        || item.target.as_ref().is_some_and(|t| t.derived)
        || item.details.iter().any(|d| d.derived)
}

/// Punctuation that never starts a line (Chinese line-breaking rules:
/// closing brackets and quotes, 。，、；：？！ and their ASCII forms).
const CLOSING: [char; 30] = [
    '）', '」', '』', '】', '〉', '》', '〕', '］', '｝', '”', '’', '，', '。', '、', '；', '：',
    '？', '！', '…', '·', ')', ']', '}', ',', '.', ';', ':', '?', '!', '%',
];
/// Brackets and quotes that never end a line.
const OPENING: [char; 14] = [
    '（', '「', '『', '【', '〈', '《', '〔', '［', '｛', '“', '‘', '(', '[', '{',
];

/// Whether wrapping follows the Chinese punctuation rules: wherever lvdong
/// draws images and in every native test, but not in the browser's canvas,
/// whose wasm stays under its size budget (~0.6 KB gzip for the rules).
const CJK_RULES: bool = cfg!(not(target_arch = "wasm32"));

// Arrays of chars, not `str::contains`: a char pattern beyond ASCII pulls
// the two-way substring searcher into the wasm (~7 KB gzip).
fn closes(c: char) -> bool {
    CLOSING.contains(&c)
}

fn opens(c: char) -> bool {
    OPENING.contains(&c)
}

/// Greedy wrap by character (CJK has no spaces), preferring breaks at spaces
/// for Latin text, following the Chinese rules where [`CJK_RULES`] holds: no
/// line starts with closing punctuation, none ends with an opening bracket,
/// and a last line is never one CJK character alone. At most `max_lines`,
/// the last shortened with "…" (callers that cannot show the rest elsewhere
/// pass `usize::MAX`).
pub fn wrap(
    measure: &dyn Measure,
    s: &str,
    size: f64,
    bold: bool,
    max: f64,
    max_lines: usize,
) -> Vec<String> {
    let cut = |a: usize, b: usize| s.get(a..b).unwrap_or("");
    let fits = |t: &str| measure.width(t, size, bold) <= max;
    // The end of the break unit starting at `from`: a Latin word with its
    // trailing space, or one wide character.
    let unit_end = |from: usize| {
        for (i, c) in cut(from, s.len()).char_indices() {
            if (c as u32) >= 0x2e80 {
                // A wide character ends the run before it and is a unit of its own.
                return from + if i == 0 { c.len_utf8() } else { i };
            }
            if c == ' ' {
                return from + i + 1;
            }
        }
        s.len()
    };
    let mut lines: Vec<String> = Vec::new();
    // The current line is `s[start..pos]`: lines are runs of `s`, so they
    // are measured in place, never copied until they are done.
    let (mut start, mut pos) = (0, 0);
    let mut ws = 0;
    while ws < s.len() {
        let mut we = unit_end(ws);
        // An opening bracket travels with what follows it, closing
        // punctuation with what precedes it, so no break falls between.
        loop {
            if !CJK_RULES {
                break;
            } else if we < s.len() && matches!(cut(ws, we).chars().next_back(), Some(c) if opens(c))
            {
                we = unit_end(we);
            } else if let Some(c) = cut(we, s.len()).chars().next().filter(|c| closes(*c)) {
                we += c.len_utf8();
            } else {
                break;
            }
        }
        let word = cut(ws, we);
        if fits(cut(start, we).trim_end()) || start == pos {
            if start == pos && !fits(word.trim_end()) {
                // A single over-long run: break it by character, still
                // never before closing or after opening punctuation.
                let mut prev = None;
                for (i, c) in word.char_indices() {
                    let e = ws + i + c.len_utf8();
                    let may = !CJK_RULES || (!closes(c) && !matches!(prev, Some(p) if opens(p)));
                    if may && !fits(cut(start, e)) && start != pos {
                        lines.push(cut(start, pos).to_string());
                        start = pos;
                    }
                    pos = e;
                    prev = Some(c);
                }
            } else {
                pos = we;
            }
        } else {
            lines.push(cut(start, pos).trim_end().to_string());
            start = we - word.trim_start().len();
            pos = start;
            // The word starts the next line: taken again from there, so one
            // too long for a line of its own is broken, not left too wide.
            continue;
        }
        ws = we;
    }
    let cur = cut(start, pos).trim_end();
    if !cur.is_empty() {
        lines.push(cur.to_string());
    }
    if CJK_RULES {
        no_orphan(&mut lines, &fits);
    }
    if lines.len() > max_lines {
        let mut rest = String::new();
        for (k, l) in lines.split_off(max_lines - 1).iter().enumerate() {
            if k > 0 {
                rest.push(' ');
            }
            rest.push_str(l);
        }
        lines.push(fit(measure, &rest, size, bold, max));
    }
    lines
}

/// A last line of one CJK character takes the tail of the line before from
/// its last allowed break, so "…能耗" never leaves "耗" alone.
fn no_orphan(lines: &mut [String], fits: &dyn Fn(&str) -> bool) {
    let wide = |c: char| (c as u32) >= 0x2e80;
    let [.., prev, last] = lines else {
        return;
    };
    let mut chars = last.chars();
    if !(chars.next().is_some_and(wide) && chars.next().is_none()) {
        return;
    }
    // The last place in `prev` a line may start (forward scan: no reverse
    // UTF-8 decoding in the wasm).
    let (mut split, mut before) = (0, ' ');
    for (i, c) in prev.char_indices() {
        if i > 0 && wide(c) && wide(before) && !closes(c) && !opens(before) {
            split = i;
        }
        before = c;
    }
    let moved = format::cat(&[prev.get(split..).unwrap_or(""), last]);
    if split > 0 && fits(&moved) {
        prev.truncate(split);
        *last = moved;
    }
}

/// Share of the whole in percent: the stated share if the data gives one.
pub fn share_of(ds: &Dataset, item: &Item) -> f64 {
    ds.share_of(item)
}
