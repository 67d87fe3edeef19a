//! The number reader: one cell as editors type it (`6,248.1`, `6248.1亿`,
//! `1.72万亿`, `41.8%`, `６２４８．１`, `约20%`, `≥60%`, ` ¥300 `) → its
//! digits, the scale and unit the cell itself names and the relation; or why not.

/// How the written figure relates to the real one (the data file's `relation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Exact,
    AtLeast,
    About,
    AtMost,
    /// "500多": more than the figure, short of the next round one.
    MoreThan,
}

impl Relation {
    /// The data file's spelling; `None` for exact (the default, left out).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Relation::Exact => None,
            Relation::AtLeast => Some("at-least"),
            Relation::About => Some("about"),
            Relation::AtMost => Some("at-most"),
            Relation::MoreThan => Some("more-than"),
        }
    }
}

/// A unit a cell or header names (the data file's built-in units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitHint {
    Cny,
    Kw,
    Percent,
    Count,
    UgM3,
    /// A place in a ranking (`第3`, `3名`): the data file's `rank`.
    Rank,
}

impl UnitHint {
    /// The data file's `unit` value.
    pub fn name(self) -> &'static str {
        match self {
            UnitHint::Cny => "CNY",
            UnitHint::Kw => "kW",
            UnitHint::Percent => "percent",
            UnitHint::Count => "count",
            UnitHint::UgM3 => "ug/m3",
            UnitHint::Rank => "rank",
        }
    }

    pub fn parse(s: &str) -> Option<UnitHint> {
        Some(match s {
            "CNY" | "元" | "yuan" => UnitHint::Cny,
            "kW" | "kw" | "千瓦" => UnitHint::Kw,
            "percent" | "%" => UnitHint::Percent,
            "count" | "个" => UnitHint::Count,
            "ug/m3" | "µg/m³" => UnitHint::UgM3,
            "rank" | "排名" | "名次" | "位次" => UnitHint::Rank,
            _ => return None,
        })
    }
}

/// A decimal as written: `mantissa × 10^exp`, exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decimal {
    pub negative: bool,
    pub mantissa: u64,
    pub exp: i32,
}

impl Decimal {
    /// The value times `10^scale`, rounded once (both factors are exact
    /// below 2^53 and 10^22, so `6248.1亿` is exactly 624,810,000,000).
    pub fn scaled(self, scale: i32) -> f64 {
        let e = self.exp + scale;
        let m = self.mantissa as f64;
        let v = if e >= 0 {
            m * 10f64.powi(e)
        } else {
            m / 10f64.powi(-e)
        };
        if self.negative {
            -v
        } else {
            v
        }
    }
}

/// What one cell says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub number: Decimal,
    /// The power of ten the cell names (`亿` → 8, `万千瓦` → 4, `GW` → 6), if any.
    pub scale: Option<i32>,
    pub unit: Option<UnitHint>,
    pub relation: Relation,
}

impl Reading {
    /// The value in base units: the cell's own scale, else the column's.
    pub fn value(&self, column_scale: i32) -> f64 {
        self.number.scaled(self.scale.unwrap_or(column_scale))
    }
}

/// Why a cell cannot be read; [`NumberError::zh`] and [`NumberError::en`] say it to an editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NoDigits,
    /// `1,5`: a comma that does not separate thousands (a decimal comma?).
    Comma,
    TooManyDigits,
    /// Text after the number that is no scale or unit we know.
    Trailing(String),
    /// Text before the number that is no relation, sign or currency we know.
    Leading(String),
}

impl NumberError {
    pub fn zh(&self) -> String {
        match self {
            NumberError::Empty => "单元格是空的，请填写数字".into(),
            NumberError::NoDigits => "这里没有数字".into(),
            NumberError::Comma => "逗号只能用作千位分隔（如 6,248.1）；小数点请用“.”".into(),
            NumberError::TooManyDigits => "数字位数太多（最多 17 位有效数字）".into(),
            NumberError::Trailing(t) => {
                format!("看不懂数字后面的“{t}”（可用：万、亿、万亿、%、元、万千瓦、个）")
            }
            NumberError::Leading(t) => {
                format!("看不懂数字前面的“{t}”（可用：约、≈、≥、≤、¥、+、-）")
            }
        }
    }

    pub fn en(&self) -> String {
        match self {
            NumberError::Empty => "the cell is empty; type a number".into(),
            NumberError::NoDigits => "there is no number here".into(),
            NumberError::Comma => {
                "a comma may only separate thousands (6,248.1); write the decimal point as \".\"".into()
            }
            NumberError::TooManyDigits => "too many digits (at most 17 significant)".into(),
            NumberError::Trailing(t) => format!(
                "cannot read \"{t}\" after the number (known: 万, 亿, 万亿, %, 元, 万千瓦, billion, GW)"
            ),
            NumberError::Leading(t) => format!(
                "cannot read \"{t}\" before the number (known: 约, ≈, ≥, ≤, ¥, +, -)"
            ),
        }
    }
}

/// Full-width forms to ASCII, odd spaces to one space, the minus sign to `-`.
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{A0}' | '\u{2009}' | '\u{202F}' | '\u{2007}' => ' ',
            '\u{2212}' | '\u{2013}' => '-',
            '\u{FFE5}' => '¥',
            '。' => '.',
            '〜' => '~',
            c => c,
        })
        .collect()
}

// Words before the number, longest first where one starts another.
const LEADING: &[(&str, Lead)] = &[
    ("约为", Lead::Rel(Relation::About)),
    ("大约", Lead::Rel(Relation::About)),
    ("约", Lead::Rel(Relation::About)),
    ("近", Lead::Rel(Relation::About)),
    ("≈", Lead::Rel(Relation::About)),
    ("~", Lead::Rel(Relation::About)),
    ("about", Lead::Rel(Relation::About)),
    ("approx.", Lead::Rel(Relation::About)),
    ("≥", Lead::Rel(Relation::AtLeast)),
    (">=", Lead::Rel(Relation::AtLeast)),
    ("不低于", Lead::Rel(Relation::AtLeast)),
    ("不少于", Lead::Rel(Relation::AtLeast)),
    ("至少", Lead::Rel(Relation::AtLeast)),
    ("at least", Lead::Rel(Relation::AtLeast)),
    ("≤", Lead::Rel(Relation::AtMost)),
    ("<=", Lead::Rel(Relation::AtMost)),
    ("不超过", Lead::Rel(Relation::AtMost)),
    ("至多", Lead::Rel(Relation::AtMost)),
    ("at most", Lead::Rel(Relation::AtMost)),
    ("第", Lead::Rank),
    ("No.", Lead::Rank),
    ("¥", Lead::Cny),
    ("RMB", Lead::Cny),
    ("CNY", Lead::Cny),
    ("+", Lead::Plus),
    ("-", Lead::Minus),
];

#[derive(Clone, Copy)]
enum Lead {
    Rel(Relation),
    Cny,
    /// `第3`: a place in a ranking.
    Rank,
    Plus,
    Minus,
}

/// Words after the number: (text, scale, unit), longest first where one ends another.
const TRAILING: &[(&str, i32, Option<UnitHint>)] = &[
    ("万亿元", 12, Some(UnitHint::Cny)),
    ("亿元", 8, Some(UnitHint::Cny)),
    ("万元", 4, Some(UnitHint::Cny)),
    ("元", 0, Some(UnitHint::Cny)),
    ("万亿", 12, None),
    ("亿千瓦", 8, Some(UnitHint::Kw)),
    ("万千瓦", 4, Some(UnitHint::Kw)),
    ("千瓦", 0, Some(UnitHint::Kw)),
    ("亿", 8, None),
    ("万", 4, None),
    ("trillion yuan", 12, Some(UnitHint::Cny)),
    ("billion yuan", 9, Some(UnitHint::Cny)),
    ("million yuan", 6, Some(UnitHint::Cny)),
    ("yuan", 0, Some(UnitHint::Cny)),
    ("trillion", 12, None),
    ("billion", 9, None),
    ("million", 6, None),
    ("bn", 9, None),
    ("GW", 6, Some(UnitHint::Kw)),
    ("MW", 3, Some(UnitHint::Kw)),
    ("kW", 0, Some(UnitHint::Kw)),
    ("%", 0, Some(UnitHint::Percent)),
    ("µg/m³", 0, Some(UnitHint::UgM3)),
    ("ug/m3", 0, Some(UnitHint::UgM3)),
    ("微克/立方米", 0, Some(UnitHint::UgM3)),
    ("个", 0, Some(UnitHint::Count)),
    ("项", 0, Some(UnitHint::Count)),
    ("家", 0, Some(UnitHint::Count)),
    ("名", 0, Some(UnitHint::Rank)),
    ("位", 0, Some(UnitHint::Rank)),
];

/// Reads one cell.
pub fn read(cell: &str) -> Result<Reading, NumberError> {
    let norm = normalize(cell);
    let mut s = norm.trim();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let mut relation = Relation::Exact;
    let mut unit = None;
    let mut negative = false;
    // Accounting style: (123) is −123.
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    loop {
        let found = LEADING.iter().find(|(w, _)| starts_with_ignore_case(s, w));
        let Some((w, lead)) = found else { break };
        match lead {
            Lead::Rel(r) => relation = *r,
            Lead::Cny => unit = Some(UnitHint::Cny),
            Lead::Rank => unit = Some(UnitHint::Rank),
            Lead::Plus => {}
            Lead::Minus => negative = !negative,
        }
        s = s.get(w.len()..).unwrap_or("").trim_start();
    }
    let body_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(s.len());
    let (body, rest) = s.split_at(body_end);
    if body.is_empty() {
        return Err(if s.chars().any(|c| c.is_ascii_digit()) {
            NumberError::Leading(s.chars().take_while(|c| !c.is_ascii_digit()).collect())
        } else {
            NumberError::NoDigits
        });
    }
    let number = digits(body, negative)?;
    let mut rest = rest.trim();
    let mut scale = None;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("多") {
            // "500多": more than 500 (the data file's more-than, shown "500多").
            relation = Relation::MoreThan;
            rest = r.trim_start();
            continue;
        }
        if let Some(r) = rest.strip_prefix("以上") {
            // "60%以上": at least the figure.
            relation = Relation::AtLeast;
            rest = r.trim_start();
            continue;
        }
        let Some((w, sc, u)) = TRAILING
            .iter()
            .find(|(w, _, _)| starts_with_ignore_case(rest, w))
        else {
            return Err(NumberError::Trailing(rest.to_string()));
        };
        if *sc != 0 {
            scale = Some(scale.unwrap_or(0) + sc);
        }
        if u.is_some() {
            unit = *u;
        }
        rest = rest.get(w.len()..).unwrap_or("").trim_start();
    }
    Ok(Reading {
        number,
        scale,
        unit,
        relation,
    })
}

fn starts_with_ignore_case(s: &str, w: &str) -> bool {
    s.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w))
}

/// `6,248.1` → 62481 × 10^-1; commas only between groups of three digits.
fn digits(body: &str, negative: bool) -> Result<Decimal, NumberError> {
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if frac.contains(['.', ',']) || (int.is_empty() && frac.is_empty()) {
        return Err(if frac.contains(',') {
            NumberError::Comma
        } else {
            NumberError::NoDigits
        });
    }
    if int.contains(',') {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        if first.is_empty() || first.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(NumberError::Comma);
        }
    }
    let mut mantissa: u64 = 0;
    let mut significant = 0;
    for c in int.chars().chain(frac.chars()).filter(|c| *c != ',') {
        let d = u64::from(c as u8 - b'0');
        if mantissa > 0 || d > 0 {
            significant += 1;
        }
        if significant > 17 {
            return Err(NumberError::TooManyDigits);
        }
        mantissa = mantissa * 10 + d;
    }
    Ok(Decimal {
        negative: negative && mantissa > 0,
        mantissa,
        exp: -(frac.len() as i32),
    })
}

/// The unit and scale a column header names: `投资额（亿元）` → (CNY, 8),
/// `装机（万千瓦）` → (kW, 4), `占比` → (percent, 0), `项目数` → (count, 0).
pub fn header_hint(header: &str) -> (Option<UnitHint>, Option<i32>) {
    let h = normalize(header);
    for (w, sc, u) in TRAILING {
        // `名` and `位` end ranks in cells but begin 名称 and 单位 in headers.
        if u.is_some() && *u != Some(UnitHint::Rank) && h.contains(w) {
            return (*u, Some(*sc));
        }
    }
    const PERCENT: &[&str] = &[
        "占比",
        "比重",
        "比例",
        "增速",
        "增长率",
        "share",
        "percent",
        "rate",
    ];
    if PERCENT.iter().any(|w| h.to_lowercase().contains(w)) {
        return (Some(UnitHint::Percent), None);
    }
    const RANK: &[&str] = &["排名", "名次", "位次", "rank"];
    if RANK.iter().any(|w| h.to_lowercase().contains(w)) {
        return (Some(UnitHint::Rank), None);
    }
    const COUNT: &[&str] = &["数量", "个数", "项目数", "数", "count", "number"];
    if COUNT.iter().any(|w| h.to_lowercase().contains(w)) {
        return (Some(UnitHint::Count), None);
    }
    for (w, sc, _) in TRAILING {
        if *sc != 0 && h.contains(w) {
            return (None, Some(*sc));
        }
    }
    (None, None)
}

/// A scale as an editor names it (`亿`, `万千瓦`, `billion`, `1`) → its power of ten.
pub fn scale_exp(name: &str) -> Option<i32> {
    let n = normalize(name);
    let n = n.trim();
    if matches!(n, "" | "1" | "元" | "kW" | "个" | "%") {
        return Some(0);
    }
    TRAILING
        .iter()
        .find(|(w, _, _)| w.eq_ignore_ascii_case(n))
        .map(|(_, sc, _)| *sc)
        .or(match n {
            "千" | "thousand" => Some(3),
            _ => None,
        })
}
