//! Colours and type for the light and dark themes. Meaning first: clean and
//! renewable energy in greens, fossil and "other" in warm greys, money in
//! blues; Okabe–Ito for categories beyond that.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f64,
}

impl Default for Color {
    fn default() -> Self {
        Color::rgb(255, 255, 255)
    }
}

impl Color {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Color { r, g, b, a: 1.0 }
    }

    pub const fn hex(v: u32) -> Self {
        Color::rgb((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    pub fn with_alpha(self, a: f64) -> Self {
        Color { a, ..self }
    }

    /// Mix toward `other` by `t` (0 = self, 1 = other); used to dim marks.
    pub fn mix(self, other: Color, t: f64) -> Color {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Color::rgb(m(self.r, other.r), m(self.g, other.g), m(self.b, other.b))
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two opaque colours.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    pub fn css(self) -> String {
        if self.a >= 1.0 {
            format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
        } else {
            format!("rgba({},{},{},{})", self.r, self.g, self.b, self.a)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Light,
    Dark,
}

impl ThemeName {
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "light" => Some(ThemeName::Light),
            "dark" => Some(ThemeName::Dark),
            _ => None,
        }
    }
}

/// A family of fill colours, chosen by what an item means (its data
/// `Role`) or, for plain categories, by its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    Clean,
    Other,
    Money,
    Category(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub background: Color,
    pub text: Color,
    pub muted: Color,
    pub grid: Color,
    pub target: Color,
    pub focus: Color,
    pub clean: [Color; 3],
    pub other: [Color; 2],
    pub money: [Color; 3],
    pub categories: [Color; 7],
}

/// The reader's system CJK sans, in the order DESIGN.md gives.
pub const FONT_FAMILY: &str =
    "\"PingFang SC\", \"Noto Sans CJK SC\", \"Microsoft YaHei\", sans-serif";

static LIGHT: Theme = Theme {
    name: ThemeName::Light,
    background: Color::hex(0xffffff),
    text: Color::hex(0x1f2328),
    muted: Color::hex(0x595f66),
    grid: Color::hex(0xd8dce0),
    target: Color::hex(0x1f2328),
    focus: Color::hex(0x0b57d0),
    clean: [
        Color::hex(0x1e8a4c),
        Color::hex(0x3f9a5c),
        Color::hex(0x0d5c2f),
    ],
    other: [Color::hex(0x9a8f84), Color::hex(0x6f655c)],
    money: [
        Color::hex(0x1f5fbf),
        Color::hex(0x5b8fd9),
        Color::hex(0x143f80),
    ],
    categories: [
        // Okabe–Ito, with orange and sky blue deepened to 3:1 on white.
        Color::hex(0x0072b2),
        Color::hex(0xb27800),
        Color::hex(0x009e73),
        Color::hex(0xcc79a7),
        Color::hex(0x3b8fc8),
        Color::hex(0xd55e00),
        Color::hex(0x8a7f00),
    ],
};

static DARK: Theme = Theme {
    name: ThemeName::Dark,
    background: Color::hex(0x16191d),
    text: Color::hex(0xe8eaed),
    muted: Color::hex(0xa9afb6),
    grid: Color::hex(0x3a4047),
    target: Color::hex(0xf1f3f4),
    focus: Color::hex(0x8ab4f8),
    clean: [
        Color::hex(0x4cc37a),
        Color::hex(0x8fdca8),
        Color::hex(0x2e9e5b),
    ],
    other: [Color::hex(0x8d847b), Color::hex(0xb3aaa0)],
    money: [
        Color::hex(0x6ea3f0),
        Color::hex(0x9cc2f7),
        Color::hex(0x4a84d9),
    ],
    categories: [
        Color::hex(0x56b4e9),
        Color::hex(0xe69f00),
        Color::hex(0x2fc29a),
        Color::hex(0xe08cc0),
        Color::hex(0x8fd3f7),
        Color::hex(0xf07c3c),
        Color::hex(0xd6c94a),
    ],
};

impl Theme {
    /// A copy of the named theme.
    pub fn get(name: ThemeName) -> Theme {
        Theme::of(name).clone()
    }

    /// The named theme itself: constants, so the wasm neither runs code
    /// that stores each colour nor copies the palette into every layout.
    pub fn of(name: ThemeName) -> &'static Theme {
        match name {
            ThemeName::Light => &LIGHT,
            ThemeName::Dark => &DARK,
        }
    }

    /// Every mark colour of the theme, for contrast checks.
    pub fn mark_colors(&self) -> Vec<Color> {
        let mut v = Vec::new();
        v.extend_from_slice(&self.clean);
        v.extend_from_slice(&self.other);
        v.extend_from_slice(&self.money);
        v.extend_from_slice(&self.categories);
        v
    }

    /// The background of a KPI card: a tint of the grid colour.
    pub fn card(&self) -> Color {
        self.grid.mix(self.background, 0.6)
    }

    /// Fill for the `n`th mark of a swatch.
    pub fn fill(&self, swatch: Swatch, n: usize) -> Color {
        let pick = |s: &[Color], k: usize| s.get(k % s.len().max(1)).copied().unwrap_or(self.text);
        match swatch {
            Swatch::Clean => pick(&self.clean, n),
            Swatch::Other => pick(&self.other, n),
            Swatch::Money => pick(&self.money, n),
            Swatch::Category(i) => pick(&self.categories, i),
        }
    }
}

/// Text colour for a label drawn on `fill`: white or black, whichever
/// contrasts more (every palette colour reaches 4.5:1 with one of them).
///
/// White's contrast with a fill of luminance L is 1.05 / (L + 0.05), black's
/// (L + 0.05) / 0.05: white wins while (L + 0.05)² ≤ 1.05 × 0.05. One
/// luminance instead of four, and no `contrast` in the wasm (written for
/// size; every 24-bit colour was checked to pick as the two contrasts do).
pub fn ink_on(fill: Color) -> Color {
    let l = fill.luminance() + 0.05;
    if l * l <= 1.05 * 0.05 {
        Color::hex(0xffffff)
    } else {
        Color::hex(0x000000)
    }
}

#[cfg(test)]
mod tests {
    use super::{ink_on, Color};

    /// `ink_on`'s one comparison picks as comparing the two contrasts does.
    /// Every 61st 24-bit colour (a quarter of a second); with `step_by(1)`,
    /// every one of the 16.7 million colours (12 s in a debug build) passed.
    #[test]
    fn ink_on_picks_the_higher_contrast() {
        let (white, black) = (Color::hex(0xffffff), Color::hex(0x000000));
        for v in (0..1u32 << 24).step_by(61) {
            let c = Color::hex(v);
            let want = if white.contrast(c) >= black.contrast(c) {
                white
            } else {
                black
            };
            assert_eq!(ink_on(c), want, "{v:06x}");
        }
    }
}
