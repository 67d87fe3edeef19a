//! Text measurement, injected: the browser measures with the canvas's own
//! `measureText`, natively fixed metrics stand in, so layout runs identically
//! (and testably) on both. Also counting and cutting text by characters
//! (`char_count`, `char_start`), which the data checker's messages share.

/// Measures the advance width of a text run in device pixels.
pub trait Measure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64;
}

/// Deterministic metrics close to a CJK system sans: full-width glyphs are
/// one em, Latin letters and digits about half.
#[derive(Clone, Copy, Debug, Default)]
pub struct FixedMetrics;

pub fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        '0'..='9' => 0.56,
        '.' | ',' | ':' | ';' | '!' | '|' | 'i' | 'l' | 'j' | '\'' => 0.28,
        'm' | 'w' | 'M' | 'W' => 0.86,
        'A'..='Z' => 0.66,
        'a'..='z' => 0.53,
        '%' => 0.86,
        c if (c as u32) < 0x2e80 => 0.6,
        _ => 1.0,
    }
}

impl Measure for FixedMetrics {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let em: f64 = text.chars().map(char_em).sum();
        em * size * if bold { 1.05 } else { 1.0 }
    }
}

/// `text` shortened with "…" so it fits in `max` device pixels.
pub fn fit(m: &dyn Measure, text: &str, size: f64, bold: bool, max: f64) -> String {
    if m.width(text, size, bold) <= max {
        return text.to_string();
    }
    // The first `k` characters and the ellipsis.
    let prefix = |k: usize| {
        let mut s = String::from(text.get(..char_start(text, k)).unwrap_or(""));
        s.push('…');
        s
    };
    // Binary search the longest prefix that fits with the ellipsis.
    let (mut lo, mut hi) = (0usize, char_count(text));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if m.width(&prefix(mid), size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return String::new();
    }
    prefix(lo)
}

/// `text.chars().count()`: the bytes that start a UTF-8 character. Bytes,
/// not `chars()`: core's optimized char counter costs the wasm ~0.5 KB gzip.
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// The byte offset where character `k` of `text` starts; the text's length
/// when it has no more than `k` characters (`char_indices().nth(k)`, by bytes
/// as [`char_count`]).
pub fn char_start(text: &str, k: usize) -> usize {
    let mut n = 0;
    for (at, b) in text.bytes().enumerate() {
        if b & 0xC0 != 0x80 {
            if n == k {
                return at;
            }
            n += 1;
        }
    }
    text.len()
}

/// Most measurements [`Cached`] keeps; past it the cache starts over (a
/// chart's texts number a few hundred, so only a long session of resizes
/// and language switches gets here).
pub const CACHE_LIMIT: usize = 4096;

/// A text measured at one size and weight: FNV-1a over the three, so a
/// lookup hashes the borrowed text and allocates nothing (the hover path
/// lays out every frame). The page's own texts need no DoS-resistant hash;
/// two of a chart's few hundred texts sharing a 64-bit key (odds ~1e-14)
/// would only mis-size one label.
fn measure_key(text: &str, size: f64, bold: bool) -> u64 {
    // Plain loops over the three parts, not a chain of iterators (written
    // for size: the chain was one more monomorphised loop in the wasm).
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    for b in text.bytes() {
        eat(b);
    }
    for b in ((size * 16.0) as u32).to_le_bytes() {
        eat(b);
    }
    eat(u8::from(bold));
    h
}

/// Remembers another measure's answers, for one whose every call is costly
/// (the canvas's `measureText`). A vector sorted by key, binary searched:
/// std's `HashMap` cost the wasm ~1.5 KB gzip for a table this small.
///
/// The vector lives in a `Cell` and is taken out for each lookup, not in a
/// `RefCell`: no borrow flag and no "already borrowed" panic paths in the wasm.
pub struct Cached<M: Measure> {
    inner: M,
    cache: std::cell::Cell<Vec<(u64, f64)>>,
}

impl<M: Measure> Cached<M> {
    pub fn new(inner: M) -> Cached<M> {
        Cached {
            inner,
            cache: std::cell::Cell::default(),
        }
    }

    pub fn inner(&self) -> &M {
        &self.inner
    }

    /// How many measurements are kept.
    pub fn len(&self) -> usize {
        let cache = self.cache.take();
        let n = cache.len();
        self.cache.set(cache);
        n
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<M: Measure> Measure for Cached<M> {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let key = measure_key(text, size, bold);
        let mut cache = self.cache.take();
        let w = match cache.binary_search_by_key(&key, |e| e.0) {
            Ok(i) => cache.get(i).map_or(0.0, |e| e.1),
            Err(i) => {
                let w = self.inner.width(text, size, bold);
                if cache.len() >= CACHE_LIMIT {
                    cache.clear();
                }
                // `insert` by hand: each entry from `i` on moves up one and
                // the last is pushed (no `insert` panic path in the wasm).
                let mut carry = (key, w);
                for slot in cache.get_mut(i..).unwrap_or_default() {
                    std::mem::swap(slot, &mut carry);
                }
                cache.push(carry);
                w
            }
        };
        self.cache.set(cache);
        w
    }
}
