//! Interaction state (hover, keyboard focus, current dataset) and the words a
//! reader gets from it: tooltip content, the aria summary, the live-region
//! announcement and the data table. Placement is the page's job.

use crate::data::{Chart, Dataset, Lang, Relation, Unit};
use crate::format::{self, cat};
use crate::kinds::{self, shows_share};
use crate::layout::{self, source_line};

/// What the reader is pointing at or has focused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub dataset: usize,
    pub hover: Option<usize>,
    pub focus: Option<usize>,
}

impl State {
    /// The item to highlight: keyboard focus wins over the pointer.
    pub fn highlight(&self) -> Option<usize> {
        self.focus.or(self.hover)
    }

    pub fn keyboard(&self) -> bool {
        self.focus.is_some()
    }

    /// Pointer now over `hit`; true when that changes what is highlighted.
    pub fn pointer(&mut self, hit: Option<usize>) -> bool {
        let before = self.highlight();
        self.hover = hit;
        if hit.is_some() {
            self.focus = None;
        }
        before != self.highlight()
    }

    /// A key press over `n` items; true when the highlight changed.
    pub fn key(&mut self, key: &str, n: usize) -> bool {
        if n == 0 {
            return false;
        }
        let before = self.highlight();
        let cur = self.highlight();
        let last = n - 1;
        self.focus = match key {
            "ArrowRight" | "ArrowDown" => Some(cur.map_or(0, |c| (c + 1).min(last))),
            "ArrowLeft" | "ArrowUp" => Some(cur.map_or(last, |c| c.saturating_sub(1))),
            "Home" => Some(0),
            "End" => Some(last),
            "Escape" => {
                self.hover = None;
                None
            }
            _ => return false,
        };
        before != self.highlight() || key != "Escape"
    }

    /// Switches dataset, keeping the highlighted item if the new dataset has
    /// one with the same id.
    pub fn switch(&mut self, chart: &Chart, to: usize) {
        let keep = |i: Option<usize>| {
            let id = &chart.datasets.get(self.dataset)?.items.get(i?)?.id;
            chart
                .datasets
                .get(to)?
                .items
                .iter()
                .position(|it| &it.id == id)
        };
        self.hover = keep(self.hover);
        self.focus = keep(self.focus);
        self.dataset = to;
    }
}

/// The details of one item, in the reader's language. Its id, note and
/// derived note are borrowed from the data and the engine, not copied (for
/// size: fewer allocations to make and drop in the wasm).
#[derive(Clone, Debug, PartialEq)]
pub struct Tooltip<'a> {
    pub id: &'a str,
    pub label: String,
    pub value: String,
    /// Raw value in base units, for events.
    pub raw: f64,
    pub share: Option<String>,
    /// Extra lines: (label, value).
    pub lines: Vec<(String, String)>,
    pub note: Option<&'a str>,
    /// "≈ derived: …" explanation when the value is computed, not reported.
    pub derived: Option<&'static str>,
}

pub fn share_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "占比",
        Lang::En => "Share",
    }
}

fn derived_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "≈ 推算值：由报道中的数字计算得出，非原文数字",
        Lang::En => "≈ Derived: computed from the reported figures, not stated in the source",
    }
}

/// The punctuation of a sentence in the reader's language.
pub(crate) struct Words {
    /// Between a label and its value ("：", ": ").
    pub sep: &'static str,
    /// Between list entries ("，", ", ").
    pub list: &'static str,
    /// Between groups of entries ("；", "; ").
    pub rows: &'static str,
    /// Between a name and a figure ("", " ").
    pub space: &'static str,
    /// End of a sentence ("。", ".").
    pub stop: &'static str,
}

/// A reference to one of two statics, not a struct built at each call:
/// callers read the words they use (written for size).
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &Words {
            sep: "：",
            list: "，",
            rows: "；",
            space: "",
            stop: "。",
        },
        Lang::En => &Words {
            sep: ": ",
            list: ", ",
            rows: "; ",
            space: " ",
            stop: ".",
        },
    }
}

/// The details of item key `key` of the scene of dataset `ds` (keys resolve
/// through [`layout::item_ref`], so stacked rows find their own dataset).
pub fn tooltip(chart: &Chart, ds: usize, key: usize, lang: Lang) -> Option<Tooltip<'_>> {
    let (d, i) = kinds::item_ref(chart, ds, key)?;
    let set = chart.datasets.get(d)?;
    // Where every dataset shows at once, the label names its dataset.
    let (name, sep) = if chart.kind.spec().all_datasets {
        (set.label.get(lang), words(lang).sep)
    } else {
        ("", "")
    };
    tip(chart, set, i, lang, name, sep)
}

/// The details of item `i` of dataset `ds`.
pub fn item_tooltip<'a>(
    chart: &Chart,
    ds: &'a Dataset,
    i: usize,
    lang: Lang,
) -> Option<Tooltip<'a>> {
    tip(chart, ds, i, lang, "", "")
}

/// [`item_tooltip`] with its label after `name` and `sep`: the label is
/// built once, not replaced (written for size).
fn tip<'a>(
    chart: &Chart,
    ds: &'a Dataset,
    i: usize,
    lang: Lang,
    name: &str,
    sep: &str,
) -> Option<Tooltip<'a>> {
    let item = ds.items.get(i)?;
    let share = shows_share(chart).then(|| format::item_share(ds, item));
    let mut lines = Vec::new();
    if let Some(t) = &item.target {
        lines.push((
            kinds::target_word(t, lang).to_string(),
            kinds::target_value(t, item, ds, lang),
        ));
        if let Some(done) = kinds::reached(item).filter(|_| chart.kind.spec().needs_target) {
            let word = match lang {
                Lang::Zh => "完成",
                Lang::En => "Reached",
            };
            lines.push((word.into(), format::share(done)));
        }
    }
    for d in &item.details {
        let noun = d.noun.as_ref();
        let v =
            format::dataset_figure(ds, d.value, &d.unit, noun, d.derived, Relation::Exact, lang);
        lines.push((d.label.get(lang).to_string(), v));
    }
    let any_derived = layout::any_derived(item);
    Some(Tooltip {
        id: &item.id,
        label: cat(&[name, sep, item.label.get(lang)]),
        value: format::item_value(item, ds, lang),
        raw: item.value,
        share,
        lines,
        note: item.note.as_ref().map(|n| n.get(lang)),
        derived: any_derived.then(|| derived_note(lang)),
    })
}

/// One sentence for the live region when keyboard focus moves.
pub fn announce(chart: &Chart, ds: usize, key: usize, lang: Lang) -> String {
    let Some(t) = tooltip(chart, ds, key, lang) else {
        return String::new();
    };
    let w = words(lang);
    // The tooltip's own label grows into the sentence (no new String).
    let mut s = t.label;
    s.push_str(w.sep);
    s.push_str(&t.value);
    if let Some(sh) = t.share {
        s.push_str(w.list);
        s.push_str(share_word(lang));
        s.push_str(w.sep);
        s.push_str(&sh);
    }
    let (a, b, c) = match lang {
        Lang::Zh => ("（第", "项，共", "项）"),
        Lang::En => (" (", " of ", ")"),
    };
    s.push_str(a);
    format::push_uint(&mut s, key as u64 + 1);
    s.push_str(b);
    format::push_uint(&mut s, kinds::item_count(chart, ds) as u64);
    s.push_str(c);
    s
}

/// The canvas's accessible name and the fallback image's alt text, as
/// sentences an editor would sign: the title (and the dataset where tabs
/// show one), each item with its value, share or target, the total of parts
/// where it means something, and the dataset's note.
pub fn summary(chart: &Chart, ds: &Dataset, lang: Lang) -> String {
    let w = words(lang);
    let mut s = match chart.kind.spec().summary {
        Some(own) => own(chart, lang),
        None => items_summary(chart, ds, lang),
    };
    if let Some(note) = layout::dataset_note(chart, ds, lang) {
        s.push_str(w.space);
        s.push_str(&note);
    }
    s
}

/// [`summary`] for the kinds that show one dataset at a time: every item in
/// the chart's order (the table has them too), each with its share of the
/// whole or its share of its target.
fn items_summary(chart: &Chart, ds: &Dataset, lang: Lang) -> String {
    let w = words(lang);
    let parts = chart.kind.spec().parts_of_whole;
    let zh = lang == Lang::Zh;
    let mut s = String::from(chart.title.get(lang));
    // The dataset's label only where tabs show it: otherwise it repeats the
    // title ("山东省2023年上半年（2023年上半年）").
    if kinds::has_tabs(chart) {
        s.push_str(w.list);
        s.push_str(ds.label.get(lang));
    }
    s.push_str(w.stop);
    for (k, it) in ds.items.iter().enumerate() {
        s.push_str(if k > 0 { w.rows } else { w.space });
        s.push_str(it.label.get(lang));
        s.push_str(w.space);
        s.push_str(&format::item_value(it, ds, lang));
        // A percentage is its own share ("54.3% (54.3%)" says it twice).
        if parts && !matches!(ds.unit_of(it), Unit::Percent) {
            s.push_str(if zh { "（占" } else { " (" });
            s.push_str(&format::item_share(ds, it));
            s.push_str(if zh { "）" } else { ")" });
        }
        if let (Some(t), Some(done)) = (&it.target, kinds::reached(it)) {
            // "，为2023年度投资计划（≈13700亿元）的55.7%" /
            // ", 55.7% of the 2023 annual investment plan (≈1,370 billion yuan)"
            let done = format::share(done);
            s.push_str(if zh { "，为" } else { ", " });
            if !zh {
                s.push_str(&done);
                s.push_str(" of the ");
            }
            s.push_str(kinds::target_word(t, lang));
            s.push_str(if zh { "（" } else { " (" });
            s.push_str(&kinds::target_value(t, it, ds, lang));
            s.push_str(if zh { "）的" } else { ")" });
            if zh {
                s.push_str(&done);
            }
        }
    }
    s.push_str(w.stop);
    // A total of percentages says nothing ("Total ≈100%").
    if parts && !matches!(ds.unit, Unit::Percent) {
        s.push_str(w.space);
        s.push_str(if zh { "合计" } else { "Total " });
        s.push_str(&layout::total_text(ds, lang));
        s.push_str(w.stop);
    }
    s
}

/// The current dataset as a table for screen readers and the table view.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub foot: String,
}

pub fn table(chart: &Chart, ds: &Dataset, lang: Lang) -> Table {
    // A kind that shows every dataset at once tabulates them all.
    let sets = if chart.kind.spec().all_datasets {
        chart.datasets.as_slice()
    } else {
        std::slice::from_ref(ds)
    };
    let stacked = sets.len() > 1;
    let share = shows_share(chart);
    let (mut any_target, mut any_note) = (false, false);
    // Nested loops, not `flat_map` (its state machine is bigger in the wasm).
    for d in sets {
        for i in &d.items {
            any_target |= i.target.is_some();
            any_note |= i.note.is_some() || i.derived;
        }
    }
    let (item, value, target, note) = match lang {
        Lang::Zh => ("项目", "数值", "目标", "说明"),
        Lang::En => ("Item", "Value", "Target", "Note"),
    };
    let mut head: Vec<String> = Vec::with_capacity(5);
    head.push(item.into());
    head.push(value.into());
    if share {
        head.push(share_word(lang).into());
    }
    if any_target {
        head.push(target.into());
    }
    if any_note {
        head.push(note.into());
    }
    let sep = words(lang).sep;
    let mut rows = Vec::new();
    for ds in sets {
        for it in &ds.items {
            let label = if stacked {
                cat(&[ds.label.get(lang), sep, it.label.get(lang)])
            } else {
                it.label.get(lang).to_string()
            };
            let mut r = Vec::with_capacity(head.len());
            r.push(label);
            r.push(format::item_value(it, ds, lang));
            if share {
                r.push(format::item_share(ds, it));
            }
            if any_target {
                r.push(
                    it.target
                        .as_ref()
                        .map(|t| kinds::target_value(t, it, ds, lang))
                        .unwrap_or_default(),
                );
            }
            if any_note {
                let mut note = String::new();
                if let Some(n) = &it.note {
                    note.push_str(n.get(lang));
                    if it.derived {
                        note.push(' ');
                    }
                }
                if it.derived {
                    note.push_str(derived_note(lang));
                }
                r.push(note);
            }
            rows.push(r);
        }
    }
    Table {
        caption: if stacked {
            chart.title.get(lang).to_string()
        } else {
            cat(&[chart.title.get(lang), " — ", ds.label.get(lang)])
        },
        head,
        rows,
        foot: source_line(chart, lang),
    }
}
