//! The chart kinds, listed once (`registry!` below). Each kind's module holds
//! its layout and what its data means (parts of a whole or not, one dataset at
//! a time or all at once, what the parser demands); everyone else asks its [`Spec`].

pub use progress::{reached, target_value, target_word};

use crate::data::{Chart, Dataset, Lang};
use crate::layout::Frame;

/// Declares the kinds from one list: each line names the `Kind` variant and
/// the module that holds the kind. The enum, the modules and [`ALL`] come
/// from the same lines, so they cannot disagree, and a variant's
/// discriminant is its place in [`ALL`].
macro_rules! registry {
    ($($variant:ident => $module:ident,)*) => {
        $(mod $module;)*

        /// A chart kind (see its module for what it draws).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Kind {
            $($variant,)*
        }

        /// Every kind's description, in [`Kind`]'s order. The parser, the
        /// JSON Schema, the docs and the tests read it.
        pub const ALL: &[&Spec] = &[$(&$module::SPEC,)*];
    };
}

// The registry. A new kind is one line here and its module (see
// docs/adding-a-kind.md).
registry! {
    Donut => donut,
    Bar => bar,
    Stacked => stacked,
    Progress => progress,
    Kpi => kpi,
    Units => units,
}

/// What a chart kind is: its name in data files, what its data means, and
/// how it is laid out.
pub struct Spec {
    pub kind: Kind,
    /// The `kind` value in a data file.
    pub name: &'static str,
    /// One line for the schema and the docs.
    pub about: &'static str,
    /// Items are parts of one whole: shares are shown, values must add up to
    /// more than zero, and a signed change cannot be an item.
    pub parts_of_whole: bool,
    /// Every dataset shows at once (as rows), so there are no tabs and item
    /// keys run across the datasets.
    pub all_datasets: bool,
    /// Each item is measured against a target or plan, which it must give.
    pub needs_target: bool,
    /// Each value is a number of dots: whole numbers, at most
    /// [`crate::data::MAX_UNITS`] in a dataset.
    pub dots: bool,
    /// CSS widths where the layout changes shape (labels move, columns
    /// change): a resize across one animates.
    pub breakpoints: &'static [f64],
    /// Most items a dataset may have ([`crate::data::MAX_ITEMS`] unless the
    /// kind shows fewer).
    pub max_items: usize,
    /// Lays out one dataset (all of them when `all_datasets`) into the frame.
    pub layout: fn(&mut Frame<'_>, &Chart, &Dataset),
    /// The accessible summary when the kind's differs from the common one.
    pub summary: Option<fn(&Chart, Lang) -> String>,
}

/// A kind's `about` line as its [`Spec`] holds it: the schema, the docs and
/// the tests read it natively; the reader's wasm never shows it, so there it
/// is empty and the sentences stay out of the module (written for size).
pub const fn about(text: &'static str) -> &'static str {
    if cfg!(target_arch = "wasm32") {
        ""
    } else {
        text
    }
}

impl Kind {
    pub fn spec(self) -> &'static Spec {
        ALL.get(self as usize).copied().unwrap_or(&donut::SPEC)
    }

    /// The kind named `name` in a data file.
    pub fn parse(name: &str) -> Option<Kind> {
        ALL.iter().find(|s| s.name == name).map(|s| s.kind)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

/// Whether the chart shows one dataset at a time (tabs switch) or all at once.
pub fn has_tabs(chart: &Chart) -> bool {
    !chart.kind.spec().all_datasets && chart.datasets.len() > 1
}

/// Whether an item's share of the whole means something in this chart.
pub fn shows_share(chart: &Chart) -> bool {
    chart.kind.spec().parts_of_whole
}

/// The (dataset, item) an item key of the scene stands for. Keys are item
/// indices of the current dataset, except where every dataset shows at once:
/// there keys run row-major across all datasets. Every consumer (tooltip,
/// announcement, keyboard) resolves keys here so they agree.
pub fn item_ref(chart: &Chart, ds: usize, key: usize) -> Option<(usize, usize)> {
    if chart.kind.spec().all_datasets {
        let mut k = key;
        for (d, set) in chart.datasets.iter().enumerate() {
            if k < set.items.len() {
                return Some((d, k));
            }
            k -= set.items.len();
        }
        return None;
    }
    let set = chart.datasets.get(ds)?;
    (key < set.items.len()).then_some((ds, key))
}

/// How many item keys the scene of dataset `ds` has (see [`item_ref`]).
pub fn item_count(chart: &Chart, ds: usize) -> usize {
    if chart.kind.spec().all_datasets {
        return chart.datasets.iter().map(|d| d.items.len()).sum();
    }
    chart.datasets.get(ds).map_or(0, |d| d.items.len())
}
