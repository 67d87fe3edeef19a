//! `ChartView`: everything one chart instance decides — which chart and
//! dataset, language, theme, size and DPR, hover and focus, the box height
//! that tabs never change, and when the cached static layer must be redrawn.
//! It answers in plain Rust types; the browser shell (`web.rs`) and native
//! tools only translate, so every decision here runs in native tests.

use std::rc::Rc;

use crate::data::{self, Chart, DataFile, Lang};
use crate::digits::cat;
use crate::interact::{self, State, Table};
use crate::jsontext::Writer;
use crate::kinds;
use crate::layout::{self, chart_height, device_px, Options};
use crate::scene::Scene;
use crate::text::Measure;
use crate::theme::ThemeName;
use crate::transition::{self, Keyed, DURATION};

/// A checked data file and what the checker warned about (shown by the
/// shell, e.g. as console warnings; the charts draw with them).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewData {
    pub file: DataFile,
    pub warnings: Vec<String>,
}

impl ViewData {
    /// Checks JSON text; `Err` lists every problem, each naming its path.
    pub fn from_json(text: &str) -> Result<ViewData, Vec<String>> {
        match data::parse_str(text) {
            Ok((file, warnings)) => Ok(ViewData {
                file,
                warnings: data::Problem::lines(&warnings),
            }),
            Err(problems) => Err(data::Problem::lines(&problems)),
        }
    }
}

/// The reader's language from a BCP 47 tag (`lang` attribute): English for
/// `en` and its regional forms, Chinese for `zh` and its forms, the default
/// (Chinese) for anything else, with a warning naming the value.
pub fn resolve_lang(tag: &str) -> (Lang, Option<String>) {
    let tag = tag.trim();
    if tag.is_empty() {
        return (Lang::default(), None);
    }
    match Lang::parse(tag) {
        Some(l) => (l, None),
        None => (
            Lang::default(),
            Some(cat(&[
                "lang=\"",
                tag,
                "\" is not a language lvdong speaks (zh or en, e.g. zh-CN, en-US); showing Chinese",
            ])),
        ),
    }
}

/// The theme from the `theme` attribute: `light`, `dark`, or `auto`, which
/// follows the reader's system setting. Anything else is light.
pub fn resolve_theme(attr: &str, prefers_dark: bool) -> ThemeName {
    match attr.trim() {
        "auto" if prefers_dark => ThemeName::Dark,
        other => ThemeName::parse(other).unwrap_or_default(),
    }
}

/// The `lang` of the card element (`zh-CN`, `en`), for fonts and screen readers.
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// One tab of the dataset switcher.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    pub id: String,
    pub label: String,
}

/// Everything the card around the canvas shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CardInfo {
    pub id: String,
    pub lang: Lang,
    pub theme: ThemeName,
    pub title: String,
    pub subtitle: Option<String>,
    pub source: String,
    /// An http(s) link for the source line (the parser keeps no other).
    pub source_url: Option<String>,
    /// The dataset's note (scope, overlap, how a value was derived), shown
    /// under the chart: a caveat no reader may miss.
    pub note: Option<String>,
    /// The tab list: empty when the chart shows one dataset at a time but
    /// has only one, or shows all datasets at once.
    pub tabs: Vec<Tab>,
    /// The current dataset's id.
    pub dataset: String,
    /// The canvas's accessible name.
    pub summary: String,
    pub table: Table,
}

/// The highlighted item's details, complete: the shell lays them out as given.
#[derive(Clone, Debug, PartialEq)]
pub struct TipView {
    pub id: String,
    /// The id of the dataset the item belongs to.
    pub dataset: String,
    pub label: String,
    /// The value as the reader sees it.
    pub value: String,
    /// The value in base units, for events.
    pub raw: f64,
    /// (label, value) lines after the value, the share first where it means something.
    pub lines: Vec<(String, String)>,
    pub note: Option<String>,
    pub derived: Option<String>,
    /// Where the tooltip points, in CSS px from the canvas's top left.
    pub x: f64,
    pub y: f64,
}

/// What a dataset switch did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    Changed,
    /// The dataset was already showing.
    Same,
}

/// How to draw the current frame.
#[derive(Debug, PartialEq)]
pub enum Paint<'a> {
    /// Nothing yet: the chart has no width (not laid out, or a 0×0 box).
    Nothing,
    /// Every mark, in order.
    Whole(&'a Scene),
    /// `marks[..static_end]` come from a cached picture, redrawn first when
    /// `redraw_layer`; the rest are drawn over its copy.
    Layered {
        scene: &'a Scene,
        redraw_layer: bool,
    },
}

/// One chart bound to one drawing surface.
pub struct ChartView<M: Measure> {
    data: Rc<ViewData>,
    chart: usize,
    state: State,
    lang: Lang,
    theme: ThemeName,
    /// CSS width and DPR; `None` until the chart has a real width.
    size: Option<(f64, f64)>,
    /// The tallest dataset's height (device px), so tabs never resize the box.
    min_height: f64,
    scene: Scene,
    /// Counts the layouts whose static layer may differ from the last one's
    /// (any input but the highlight changed): the static-layer cache key.
    /// A highlight leaves `marks[..static_end]` alone (a layout invariant
    /// with its own test), so frames that only move it keep the key.
    generation: u64,
    /// The generation the shell's cached picture of the static layer shows.
    layer: Option<u64>,
    /// The highlight changed since the scene was laid out.
    stale: bool,
    /// Whether changes animate (off under `prefers-reduced-motion`).
    motion: bool,
    /// The transition under way, if any.
    moving: Option<Motion>,
    /// The last frame drawn of it: what the reader sees (and points at).
    frame: Option<Keyed>,
    measure: M,
}

/// A transition from what the reader saw to the current layout.
struct Motion {
    from: Keyed,
    /// When it started (ms, the shell's clock): set by the first frame.
    start: Option<f64>,
    /// The mark pairing, for a target with this many marks.
    pairs: Option<(usize, transition::Pairs)>,
}

/// The index of chart `id` in `file` (the first chart for `""`), or a
/// message naming the charts it has.
fn find_chart(file: &DataFile, id: &str) -> Result<usize, String> {
    file.charts
        .iter()
        .position(|c| id.is_empty() || c.id == id)
        .ok_or_else(|| {
            let mut msg = cat(&["no chart \"", id, "\" in the data file (it has: "]);
            for (i, c) in file.charts.iter().enumerate() {
                msg.push_str(if i > 0 { ", " } else { "" });
                msg.push_str(&c.id);
            }
            msg.push(')');
            msg
        })
}

impl<M: Measure> ChartView<M> {
    /// Chart `chart_id` of `data` (its first chart for `""`).
    pub fn new(data: Rc<ViewData>, chart_id: &str, measure: M) -> Result<ChartView<M>, String> {
        let chart = find_chart(&data.file, chart_id)?;
        Ok(ChartView {
            data,
            chart,
            state: State::default(),
            lang: Lang::default(),
            theme: ThemeName::default(),
            size: None,
            min_height: 0.0,
            scene: Scene::default(),
            generation: 0,
            layer: None,
            stale: false,
            motion: true,
            moving: None,
            frame: None,
            measure,
        })
    }

    pub fn chart(&self) -> Option<&Chart> {
        self.data.file.charts.get(self.chart)
    }

    /// The data's warnings, for the shell to report.
    pub fn warnings(&self) -> &[String] {
        &self.data.warnings
    }

    /// New data for the same chart id: the reader stays on the dataset they
    /// chose where the new data has it; `Err` when the chart is gone.
    pub fn set_data(&mut self, data: Rc<ViewData>) -> Result<(), String> {
        let id = self.chart().map_or("", |c| c.id.as_str());
        let chart = find_chart(&data.file, id)?;
        self.begin_motion();
        let shown = self
            .chart()
            .and_then(|c| c.datasets.get(self.state.dataset))
            .and_then(|d| data.file.charts.get(chart)?.dataset_index(&d.id))
            .unwrap_or(0);
        self.data = data;
        self.state = State {
            dataset: shown,
            ..State::default()
        };
        self.chart = chart;
        self.fit_height();
        Ok(())
    }

    /// Sets the language from a `lang` attribute; the warning names a tag
    /// lvdong does not speak. The shell re-reads the card after a change.
    pub fn set_lang(&mut self, tag: &str) -> (bool, Option<String>) {
        let (lang, warning) = resolve_lang(tag);
        let changed = lang != self.lang;
        self.lang = lang;
        if changed {
            self.fit_height();
        }
        (changed, warning)
    }

    /// Sets the theme from a `theme` attribute; true when the picture changes.
    pub fn set_theme(&mut self, attr: &str, prefers_dark: bool) -> bool {
        let theme = resolve_theme(attr, prefers_dark);
        let changed = theme != self.theme;
        self.theme = theme;
        if changed {
            self.relayout();
        }
        changed
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn theme(&self) -> ThemeName {
        self.theme
    }

    fn options(&self) -> Option<Options> {
        let (width, dpr) = self.size?;
        Some(Options {
            width,
            dpr,
            lang: self.lang,
            theme: self.theme,
            chrome: false,
            highlight: self.state.highlight(),
            keyboard: self.state.keyboard(),
            min_height: self.min_height,
        })
    }

    /// A new width (CSS px) and device pixel ratio. Returns the chart's
    /// height in CSS px, or `None` when there is nothing to lay out (a 0×0
    /// or hidden box): the last picture stays as it was.
    pub fn resize(&mut self, css_width: f64, dpr: f64) -> Option<f64> {
        if !(css_width.is_finite() && css_width >= 1.0) {
            return None;
        }
        let size = (css_width, device_px(dpr));
        if self.size == Some(size) {
            return Some(self.scene.height / size.1);
        }
        let crossed = match (self.size, self.chart()) {
            (Some((was, _)), Some(chart)) => chart
                .kind
                .spec()
                .breakpoints
                .iter()
                .any(|&b| (was < b) != (css_width < b)),
            _ => false,
        };
        // One resize across a breakpoint morphs; a resize while a transition
        // runs (a window being dragged) settles it instead, so a storm of
        // resizes never animates.
        if crossed && self.moving.is_none() {
            self.begin_motion();
        } else {
            self.end_motion();
        }
        self.size = Some((css_width, device_px(dpr)));
        self.fit_height();
        Some(self.scene.height / device_px(dpr))
    }

    /// The height every dataset fits in, then a layout at that height: the
    /// box never changes when the reader switches tabs.
    fn fit_height(&mut self) {
        self.min_height = 0.0;
        if let (Some(chart), Some(o)) = (self.chart(), self.options()) {
            self.min_height = chart_height(chart, &o, &self.measure);
        }
        self.relayout();
    }

    /// Lays out again after an input other than the highlight changed.
    fn relayout(&mut self) {
        self.generation += 1;
        self.highlight_layout();
    }

    /// Lays out again for the current highlight: the static layer stays.
    fn highlight_layout(&mut self) {
        self.stale = false;
        if let (Some(chart), Some(o)) = (self.chart(), self.options()) {
            self.scene = layout::layout(chart, self.state.dataset, &o, &self.measure);
        }
    }

    /// Switches to dataset `id`, keeping the highlighted item where the new
    /// dataset has it; `Err` names the datasets the chart has.
    pub fn set_dataset(&mut self, id: &str) -> Result<Switch, String> {
        // (`self.chart` is always a chart of the data: one message.)
        let chart = self.chart();
        let Some(to) = chart.and_then(|c| c.dataset_index(id)) else {
            return Err(cat(&[
                "chart \"",
                chart.map_or("", |c| &c.id),
                "\" has no dataset \"",
                id,
                "\"",
            ]));
        };
        if to == self.state.dataset {
            return Ok(Switch::Same);
        }
        self.begin_motion();
        let Some(chart) = self.data.file.charts.get(self.chart) else {
            return Ok(Switch::Same);
        };
        self.state.switch(chart, to);
        self.relayout();
        Ok(Switch::Changed)
    }

    /// The pointer at CSS px `(x, y)` over the canvas; true when the
    /// highlight changed. A highlight moves no hit region (a layout
    /// invariant), so the scene on screen answers, mid-transition too.
    pub fn pointer(&mut self, x: f64, y: f64) -> bool {
        let px = self.size.map_or(1.0, |s| s.1);
        let hit = match &self.frame {
            Some(frame) => transition::hit(&frame.scene, x * px, y * px),
            None => self.scene.hit(x * px, y * px),
        };
        let changed = self.state.pointer(hit);
        self.stale |= changed;
        changed
    }

    /// The pointer left the chart; true when something was highlighted.
    pub fn leave(&mut self) -> bool {
        let changed = self.state.pointer(None);
        self.stale |= changed;
        changed
    }

    /// A key press on the canvas; true when the key was handled.
    pub fn key(&mut self, key: &str) -> bool {
        let n = self
            .chart()
            .map_or(0, |c| kinds::item_count(c, self.state.dataset));
        let handled = self.state.key(key, n);
        self.stale |= handled;
        handled
    }

    /// Drops pointer and keyboard highlight (focus left, a tap elsewhere);
    /// true when something was highlighted.
    pub fn clear(&mut self) -> bool {
        let left = self.leave();
        let escaped = self.key("Escape");
        left || escaped
    }

    /// Highlights the item with id `id` (a story step's), or nothing for
    /// `None` or an id the dataset lacks; true when the highlight changed.
    pub fn highlight_item(&mut self, id: Option<&str>) -> bool {
        let key = id.and_then(|id| transition::index_of(&self.ids(), id));
        let before = self.state.highlight();
        self.state.focus = None;
        self.state.hover = key;
        let changed = before != self.state.highlight();
        self.stale |= changed;
        changed
    }

    /// What the live region says when a story step switches the dataset:
    /// "显示：烟台" / "Showing: Yantai".
    pub fn showing(&self) -> String {
        let label = self
            .chart()
            .and_then(|c| c.datasets.get(self.state.dataset))
            .map_or("", |d| d.label.get(self.lang));
        let lead = match self.lang {
            Lang::Zh => "显示：",
            Lang::En => "Showing: ",
        };
        cat(&[lead, label])
    }

    /// The item highlighted now (an item key of the scene).
    pub fn highlight(&self) -> Option<usize> {
        self.state.highlight()
    }

    /// Lays out the current state and says how to draw it at `now` (ms, the
    /// shell's clock). During a transition that is the frame at `now`, drawn
    /// whole; [`ChartView::animating`] then asks for another. With `layered`,
    /// the shell keeps the static layer as a picture of its own, redrawn only
    /// when it changes.
    pub fn paint(&mut self, layered: bool, now: f64) -> Paint<'_> {
        if self.size.is_none() {
            return Paint::Nothing;
        }
        if self.stale {
            self.highlight_layout();
        }
        if self.step(now) {
            self.layer = None;
            if let Some(frame) = &self.frame {
                return Paint::Whole(&frame.scene);
            }
        }
        if !layered || self.scene.static_end == 0 {
            self.layer = None;
            return Paint::Whole(&self.scene);
        }
        let fresh = self.layer == Some(self.generation);
        self.layer = Some(self.generation);
        Paint::Layered {
            scene: &self.scene,
            redraw_layer: !fresh,
        }
    }

    /// Whether a transition is under way (the shell asks for another frame).
    pub fn animating(&self) -> bool {
        self.moving.is_some()
    }

    /// Turns transitions on or off (`prefers-reduced-motion`); off ends one
    /// under way at its final frame.
    pub fn set_motion(&mut self, on: bool) {
        self.motion = on;
        if !on {
            self.end_motion();
        }
    }

    /// The item ids behind the current scene's keys.
    fn ids(&self) -> Vec<String> {
        let Some(chart) = self.chart() else {
            return Vec::new();
        };
        let all = chart.kind.spec().all_datasets;
        let ds = self.state.dataset;
        let n = kinds::item_count(chart, ds);
        let mut ids = Vec::with_capacity(n);
        for k in 0..n {
            let (d, i) = kinds::item_ref(chart, ds, k).unwrap_or((usize::MAX, 0));
            let id = match chart.datasets.get(d) {
                Some(set) => match set.items.get(i) {
                    Some(item) if all => cat(&[&set.id, "/", &item.id]),
                    Some(item) => item.id.clone(),
                    None => String::new(),
                },
                None => String::new(),
            };
            ids.push(id);
        }
        ids
    }

    /// What the reader sees now: the transition's last frame or the scene.
    fn shown(&self) -> &Scene {
        self.frame.as_ref().map_or(&self.scene, |f| &f.scene)
    }

    /// Starts a transition from what the reader sees now (mid-transition
    /// too, so an interruption never jumps) to the next layout.
    fn begin_motion(&mut self) {
        if !self.motion || self.size.is_none() || self.scene.marks.is_empty() {
            self.end_motion();
            return;
        }
        let from = match self.frame.take() {
            Some(frame) => frame,
            // Every caller lays out again next, replacing the scene.
            None => Keyed {
                ids: self.ids(),
                scene: std::mem::take(&mut self.scene),
            },
        };
        self.moving = Some(Motion {
            from,
            start: None,
            pairs: None,
        });
    }

    fn end_motion(&mut self) {
        if self.moving.take().is_some() {
            // The cached layer may show a frame's worth of nothing.
            self.generation += 1;
        }
        self.frame = None;
    }

    /// Advances the transition to `now`; true when there is a frame to draw
    /// (false when there is no transition or it just ended).
    fn step(&mut self, now: f64) -> bool {
        let ids = self.ids();
        let Some(moving) = self.moving.as_mut() else {
            return false;
        };
        let start = *moving.start.get_or_insert(now);
        let t = ((now - start) / DURATION).max(0.0);
        if t >= 1.0 {
            self.end_motion();
            return false;
        }
        let to = Keyed {
            scene: std::mem::take(&mut self.scene),
            ids,
        };
        let n = to.scene.marks.len();
        if moving.pairs.as_ref().is_none_or(|p| p.0 != n) {
            moving.pairs = Some((n, transition::pair(&moving.from, &to)));
        }
        let pairs = moving.pairs.as_ref().map(|p| &p.1);
        let frame = pairs.map(|p| transition::frame(&moving.from, &to, p, t));
        self.scene = to.scene;
        self.frame = frame.map(|scene| Keyed { scene, ids: to.ids });
        self.frame.is_some()
    }

    /// The scene laid out last.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The highlighted item's tooltip, the id of its dataset and where it
    /// points (CSS px): what [`ChartView::tooltip`] and
    /// [`ChartView::tooltip_json`] give.
    fn tip(&self) -> Option<(interact::Tooltip<'_>, &str, f64, f64)> {
        let chart = self.chart()?;
        let key = self.state.highlight()?;
        let (d, _) = kinds::item_ref(chart, self.state.dataset, key)?;
        let ds = chart.datasets.get(d)?;
        let tip = interact::tooltip(chart, self.state.dataset, key, self.lang)?;
        let (ax, ay) = self.shown().anchors.get(key).copied().unwrap_or((0.0, 0.0));
        let px = self.size.map_or(1.0, |s| s.1);
        Some((tip, &ds.id, ax / px, ay / px))
    }

    /// The highlighted item's tooltip, or `None`.
    pub fn tooltip(&self) -> Option<TipView> {
        let (tip, dataset, x, y) = self.tip()?;
        let mut lines = Vec::with_capacity(tip.lines.len() + 1);
        if let Some(share) = tip.share {
            lines.push((interact::share_word(self.lang).to_string(), share));
        }
        lines.extend(tip.lines);
        Some(TipView {
            id: tip.id.to_string(),
            dataset: dataset.to_string(),
            label: tip.label,
            value: tip.value,
            raw: tip.raw,
            lines,
            note: tip.note.map(str::to_string),
            derived: tip.derived.map(str::to_string),
            x,
            y,
        })
    }

    /// [`ChartView::tooltip`] as [`TipView::to_json`] writes it (a test
    /// holds the two equal), written straight from the item's tooltip: no
    /// `TipView` with its lines gathered again (for size).
    pub fn tooltip_json(&self) -> Option<String> {
        let (tip, dataset, x, y) = self.tip()?;
        let mut w = Writer::new();
        w.open();
        w.key("id").str(tip.id);
        w.key("dataset").str(dataset);
        w.key("label").str(&tip.label);
        w.key("value").str(&tip.value);
        w.key("raw").num(tip.raw);
        w.key("lines").open_list();
        // Each (label, value) pair by plain calls, not `strs` of an array (a
        // generic instance of its own in the wasm; for size).
        if let Some(share) = &tip.share {
            w.open_list()
                .str(interact::share_word(self.lang))
                .str(share)
                .close_list();
        }
        for (k, v) in &tip.lines {
            w.open_list().str(k).str(v).close_list();
        }
        w.close_list();
        w.key("note").opt(tip.note);
        w.key("derived").opt(tip.derived);
        w.key("x").num(x);
        w.key("y").num(y);
        w.close();
        Some(w.finish())
    }

    /// What the live region says about the focused item (empty when none).
    pub fn announcement(&self) -> String {
        match (self.chart(), self.state.highlight()) {
            (Some(chart), Some(key)) => {
                interact::announce(chart, self.state.dataset, key, self.lang)
            }
            _ => String::new(),
        }
    }

    /// Title, tabs, source, summary and table of the current state.
    pub fn info(&self) -> Option<CardInfo> {
        let chart = self.chart()?;
        let ds = chart.datasets.get(self.state.dataset)?;
        let lang = self.lang;
        let tabs = if kinds::has_tabs(chart) {
            chart
                .datasets
                .iter()
                .map(|d| Tab {
                    id: d.id.clone(),
                    label: d.label.get(lang).to_string(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Some(CardInfo {
            id: chart.id.clone(),
            lang,
            theme: self.theme,
            title: chart.title.get(lang).to_string(),
            subtitle: chart.subtitle.as_ref().map(|s| s.get(lang).to_string()),
            source: layout::source_line(chart, lang),
            source_url: chart.source.url.clone(),
            note: layout::dataset_note(chart, ds, lang),
            tabs,
            dataset: ds.id.clone(),
            summary: interact::summary(chart, ds, lang),
            table: interact::table(chart, ds, lang),
        })
    }
}

impl<M: Measure> ChartView<M> {
    /// [`ChartView::info`] as [`CardInfo::to_json`] writes it (a test holds
    /// the two equal), written straight from the chart: no `CardInfo` of
    /// copied strings to build and drop in the wasm (for size).
    pub fn info_json(&self) -> Option<String> {
        let chart = self.chart()?;
        let ds = chart.datasets.get(self.state.dataset)?;
        let lang = self.lang;
        let mut w = Writer::new();
        w.open();
        w.key("id").str(&chart.id);
        w.key("lang").str(lang.code());
        w.key("htmlLang").str(html_lang(lang));
        w.key("theme").str(self.theme.name());
        w.key("title").str(chart.title.get(lang));
        w.key("subtitle")
            .opt(chart.subtitle.as_ref().map(|s| s.get(lang)));
        w.key("source").str(&layout::source_line(chart, lang));
        w.key("sourceUrl").opt(chart.source.url.as_deref());
        w.key("note")
            .opt(layout::dataset_note(chart, ds, lang).as_deref());
        w.key("tabs").open_list();
        if kinds::has_tabs(chart) {
            for d in &chart.datasets {
                w.open()
                    .key("id")
                    .str(&d.id)
                    .key("label")
                    .str(d.label.get(lang))
                    .close();
            }
        }
        w.close_list();
        w.key("dataset").str(&ds.id);
        w.key("ariaLabel").str(&interact::summary(chart, ds, lang));
        w.key("table");
        table_json(&mut w, &interact::table(chart, ds, lang));
        w.close();
        Some(w.finish())
    }
}

fn table_json(w: &mut Writer, t: &Table) {
    w.open();
    w.key("caption").str(&t.caption);
    w.key("head").strs(t.head.iter().map(String::as_str));
    w.key("rows").open_list();
    for r in &t.rows {
        w.strs(r.iter().map(String::as_str));
    }
    w.close_list();
    w.key("foot").str(&t.foot);
    w.close();
}

impl CardInfo {
    /// As the page reads it (`JSON.parse`): `lang` and `theme` as codes,
    /// the summary as `ariaLabel`.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.open();
        w.key("id").str(&self.id);
        w.key("lang").str(self.lang.code());
        w.key("htmlLang").str(html_lang(self.lang));
        w.key("theme").str(self.theme.name());
        w.key("title").str(&self.title);
        w.key("subtitle").opt(self.subtitle.as_deref());
        w.key("source").str(&self.source);
        w.key("sourceUrl").opt(self.source_url.as_deref());
        w.key("note").opt(self.note.as_deref());
        w.key("tabs").open_list();
        for t in &self.tabs {
            w.open()
                .key("id")
                .str(&t.id)
                .key("label")
                .str(&t.label)
                .close();
        }
        w.close_list();
        w.key("dataset").str(&self.dataset);
        w.key("ariaLabel").str(&self.summary);
        w.key("table");
        table_json(&mut w, &self.table);
        w.close();
        w.finish()
    }
}

impl TipView {
    /// As the page reads it (`JSON.parse`); `lines` as `[label, value]` pairs.
    pub fn to_json(&self) -> String {
        let mut w = Writer::new();
        w.open();
        w.key("id").str(&self.id);
        w.key("dataset").str(&self.dataset);
        w.key("label").str(&self.label);
        w.key("value").str(&self.value);
        w.key("raw").num(self.raw);
        w.key("lines").open_list();
        for (k, v) in &self.lines {
            w.strs([k.as_str(), v.as_str()]);
        }
        w.close_list();
        w.key("note").opt(self.note.as_deref());
        w.key("derived").opt(self.derived.as_deref());
        w.key("x").num(self.x);
        w.key("y").num(self.y);
        w.close();
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{ARTICLE_JSON, SUPPLEMENTARY_JSON};
    use crate::text::FixedMetrics;

    /// What the page reads (`info_json`, `tooltip_json`) is what the typed
    /// answers write: every chart, dataset, language and item of the data.
    #[test]
    fn json_answers_are_the_typed_answers_written() {
        for text in [ARTICLE_JSON, SUPPLEMENTARY_JSON] {
            let data = Rc::new(ViewData::from_json(text).unwrap());
            for chart in &data.file.charts {
                for ds in &chart.datasets {
                    for lang in ["zh", "en"] {
                        let mut v = ChartView::new(data.clone(), &chart.id, FixedMetrics).unwrap();
                        v.set_lang(lang);
                        v.set_dataset(&ds.id).unwrap();
                        assert_eq!(v.tooltip_json(), None);
                        v.resize(600.0, 2.0);
                        assert_eq!(v.info_json(), v.info().map(|i| i.to_json()));
                        let n = kinds::item_count(chart, v.state.dataset);
                        assert!(v.key("Home"));
                        for _ in 0..n {
                            let tip = v.tooltip_json();
                            assert!(tip.is_some(), "{} {}", chart.id, ds.id);
                            assert_eq!(tip, v.tooltip().map(|t| t.to_json()));
                            v.key("ArrowRight");
                        }
                    }
                }
            }
        }
    }
}
