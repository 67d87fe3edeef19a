//! Images where no script runs (newsletters, social cards, print), natively:
//! [`render_svg`] draws a chart with the same layout and renderer as the
//! page, [`render_png`] rasterizes that SVG with resvg and the system's CJK
//! font. Not in the wasm (the browser draws on its canvas).

use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color as SkColor, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use crate::data::DataFile;
use crate::layout::{layout, Options};
use crate::render::to_svg;
use crate::text::FixedMetrics;
use crate::theme::FONT_FAMILY;

/// The social-card preset (Open Graph / X large image): width × height in px.
pub const CARD: (u32, u32) = (1200, 630);

/// The Debian/Ubuntu package with the CJK faces [`FONT_FAMILY`] names.
pub const CJK_FONT_PACKAGE: &str = "fonts-noto-cjk";

/// Why an image could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum RenderError {
    /// No chart with this id in the file.
    UnknownChart(String),
    /// The chart has no dataset with this id: (chart, dataset).
    UnknownDataset(String, String),
    /// None of the CJK faces the charts use is installed: the labels would
    /// be tofu boxes, so no image is made.
    MissingFont { families: Vec<String> },
    /// The SVG could not be drawn, parsed or encoded (a bug, not an input error).
    Draw(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnknownChart(id) => write!(f, "no chart `{id}` in the data file"),
            RenderError::UnknownDataset(chart, ds) => {
                write!(f, "chart `{chart}` has no dataset `{ds}`")
            }
            RenderError::MissingFont { families } => write!(
                f,
                "no CJK font installed (none of {}): Chinese labels would show as empty boxes; \
                 install the `{CJK_FONT_PACKAGE}` package (Debian/Ubuntu: apt-get install {CJK_FONT_PACKAGE})",
                families.join(", ")
            ),
            RenderError::Draw(e) => write!(f, "drawing the image failed: {e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// The chart's SVG: dataset `dataset` (`None`: the chart's first) laid out
/// with `options` (`chrome: true` draws the title, dataset label and
/// source into the picture), with its summary as the SVG's `<title>`.
///
/// ```
/// use lvdong::data::{parse_str, Lang, ARTICLE_JSON};
/// use lvdong::Options;
///
/// let (file, _warnings) = parse_str(ARTICLE_JSON).map_err(|p| format!("{p:?}"))?;
/// let options = Options { width: 600.0, dpr: 2.0, lang: Lang::En, chrome: true, ..Options::default() };
/// let svg = lvdong::render_svg(&file, "energy-mix", Some("yantai"), &options)?;
/// assert!(svg.starts_with("<svg") && svg.contains("Yantai"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_svg(
    file: &DataFile,
    chart: &str,
    dataset: Option<&str>,
    options: &Options,
) -> Result<String, RenderError> {
    let c = file
        .chart(chart)
        .ok_or_else(|| RenderError::UnknownChart(chart.to_string()))?;
    let ds = match dataset {
        None => 0,
        Some(id) => c
            .dataset_index(id)
            .ok_or_else(|| RenderError::UnknownDataset(chart.to_string(), id.to_string()))?,
    };
    let scene = layout(c, ds, options, &FixedMetrics);
    let title = c
        .datasets
        .get(ds)
        .map(|d| crate::interact::summary(c, d, options.lang))
        .unwrap_or_default();
    to_svg(&scene, &title).map_err(RenderError::Draw)
}

/// The same picture as [`render_svg`], as a PNG of `options.width ×
/// options.dpr` pixels across, drawn with the system's fonts
/// ([`Fonts::system`]; a missing CJK font is [`RenderError::MissingFont`]).
///
/// ```no_run
/// use lvdong::data::{parse_str, ARTICLE_JSON};
/// use lvdong::Options;
///
/// let (file, _) = parse_str(ARTICLE_JSON).map_err(|p| format!("{p:?}"))?;
/// let options = Options { width: 600.0, dpr: 2.0, chrome: true, ..Options::default() };
/// let png = lvdong::render_png(&file, "investment", None, &options)?;
/// std::fs::write("investment.png", png)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render_png(
    file: &DataFile,
    chart: &str,
    dataset: Option<&str>,
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    Fonts::system()?.png(&render_svg(file, chart, dataset, options)?, None)
}

/// A 1200×630 social card ([`CARD`]): the chart with its title and source,
/// laid out at the column width that gives the largest type, centred on the
/// card in its theme's background. `options.width`, `dpr` and `chrome` are
/// the preset's; language and theme are the caller's.
pub fn render_card_png(
    file: &DataFile,
    chart: &str,
    dataset: Option<&str>,
    options: &Options,
) -> Result<Vec<u8>, RenderError> {
    Fonts::system()?.card(file, chart, dataset, options)
}

/// The fonts images are drawn with: a font database that holds at least one
/// of the CJK families [`FONT_FAMILY`] names.
#[derive(Clone)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
    default_family: String,
}

/// The named (not generic) families of [`FONT_FAMILY`], in its order.
pub fn cjk_families() -> Vec<String> {
    FONT_FAMILY
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_string())
        .filter(|f| f != "sans-serif" && !f.is_empty())
        .collect()
}

impl Fonts {
    /// The system's fonts, loaded once per process (scanning them takes
    /// tens of milliseconds; a batch shares them).
    pub fn system() -> Result<&'static Fonts, RenderError> {
        static SYSTEM: OnceLock<Result<Fonts, RenderError>> = OnceLock::new();
        SYSTEM
            .get_or_init(|| {
                let mut db = fontdb::Database::new();
                db.load_system_fonts();
                Fonts::new(db)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Only the fonts in `dir` (tests; a newsroom's own font folder).
    pub fn from_dir(dir: &Path) -> Result<Fonts, RenderError> {
        let mut db = fontdb::Database::new();
        db.load_fonts_dir(dir);
        Fonts::new(db)
    }

    /// Checks that `db` can draw Chinese with one of the charts' families.
    pub fn new(db: fontdb::Database) -> Result<Fonts, RenderError> {
        let families = cjk_families();
        let found = families.iter().find(|want| {
            db.faces()
                .any(|f| f.families.iter().any(|(name, _)| name == *want))
        });
        let Some(default_family) = found.cloned() else {
            return Err(RenderError::MissingFont { families });
        };
        Ok(Fonts {
            db: Arc::new(db),
            default_family,
        })
    }

    fn options(&self) -> usvg::Options<'static> {
        usvg::Options {
            font_family: self.default_family.clone(),
            languages: vec!["zh-CN".into(), "en".into()],
            fontdb: self.db.clone(),
            ..usvg::Options::default()
        }
    }

    /// Rasterizes `svg` at its own size, or scaled and centred into `fit`
    /// (width, height in px) on `background`.
    fn raster(&self, svg: &str, fit: Option<((u32, u32), SkColor)>) -> Result<Pixmap, RenderError> {
        let tree = usvg::Tree::from_str(svg, &self.options())
            .map_err(|e| RenderError::Draw(e.to_string()))?;
        let size = tree.size();
        let (w, h) = match fit {
            Some(((w, h), _)) => (w, h),
            None => (size.width().ceil() as u32, size.height().ceil() as u32),
        };
        let mut pixmap = Pixmap::new(w.max(1), h.max(1))
            .ok_or_else(|| RenderError::Draw(format!("no {w}×{h} pixmap")))?;
        let transform = match fit {
            None => Transform::identity(),
            Some((_, bg)) => {
                pixmap.fill(bg);
                let s = (w as f32 / size.width()).min(h as f32 / size.height());
                let dx = (w as f32 - size.width() * s) / 2.0;
                let dy = (h as f32 - size.height() * s) / 2.0;
                Transform::from_row(s, 0.0, 0.0, s, dx, dy)
            }
        };
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        Ok(pixmap)
    }

    /// `svg` as PNG bytes (see [`Fonts::raster`]).
    pub fn png(
        &self,
        svg: &str,
        fit: Option<((u32, u32), crate::theme::Color)>,
    ) -> Result<Vec<u8>, RenderError> {
        let fit = fit.map(|(size, c)| (size, SkColor::from_rgba8(c.r, c.g, c.b, 255)));
        self.raster(svg, fit)?
            .encode_png()
            .map_err(|e| RenderError::Draw(e.to_string()))
    }

    /// [`render_card_png`] with these fonts.
    pub fn card(
        &self,
        file: &DataFile,
        chart: &str,
        dataset: Option<&str>,
        options: &Options,
    ) -> Result<Vec<u8>, RenderError> {
        let (cw, ch) = (CARD.0 as f64, CARD.1 as f64);
        // A margin of 4% all round; the picture's own padding adds to it.
        let (aw, ah) = (cw * 0.92, ch * 0.92);
        let mut best: Option<(f64, String)> = None;
        // Narrow columns stack a chart's parts (tall, small on the card);
        // wide ones spread them: take the width whose picture scales largest.
        for css in [600.0, 720.0, 840.0, 960.0] {
            let o = Options {
                width: css,
                dpr: 2.0,
                chrome: true,
                highlight: None,
                keyboard: false,
                min_height: 0.0,
                ..options.clone()
            };
            let svg = render_svg(file, chart, dataset, &o)?;
            let scale = {
                let tree = usvg::Tree::from_str(&svg, &usvg::Options::default())
                    .map_err(|e| RenderError::Draw(e.to_string()))?;
                let s = tree.size();
                (aw / s.width() as f64).min(ah / s.height() as f64)
            };
            if best.as_ref().is_none_or(|(b, _)| scale > *b) {
                best = Some((scale, svg));
            }
        }
        let Some((_, svg)) = best else {
            return Err(RenderError::Draw("no card layout".into()));
        };
        let bg = crate::theme::Theme::of(options.theme).background;
        self.png(&svg, Some((CARD, bg)))
    }
}

impl fmt::Debug for Fonts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fonts")
            .field("faces", &self.db.len())
            .field("default_family", &self.default_family)
            .finish()
    }
}
