//! Proofs for the hand-written JSON reader (`json.rs`), natively: the
//! JSONTestSuite parsing cases (vendored in tests/data/JSONTestSuite, MIT) and
//! a differential property test against serde_json. Here, not in tests/, because the reader is private.

use super::json::{parse, Number, Value};
use proptest::prelude::*;

/// `ours` and serde_json's reading agree: the same shape, strings and keys
/// (objects sorted, the last duplicate winning), integers exact and other
/// numbers the same f64 bits. serde_json reads `-0` as the float -0.0, ours
/// as the integer 0; both are zero to a chart, so that one pair is equal.
fn agree(ours: &Value, theirs: &serde_json::Value) -> Result<(), String> {
    use serde_json::Value as J;
    let same = match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::String(a), J::String(b)) => a == b,
        (Value::Number(Number::Int { neg, abs }), J::Number(n)) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => !neg && *abs == u,
            (None, Some(i)) => *neg && *abs == i.unsigned_abs(),
            (None, None) => *abs == 0 && n.as_f64().is_some_and(|x| x == 0.0),
        },
        (Value::Number(Number::Float(a)), J::Number(n)) => {
            n.is_f64() && n.as_f64().is_some_and(|b| a.to_bits() == b.to_bits())
        }
        (Value::Array(a), J::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!("array of {} vs {}", a.len(), b.len()));
            }
            for (x, y) in a.iter().zip(b) {
                agree(x, y)?;
            }
            true
        }
        (Value::Object(a), J::Object(b)) => {
            if a.len() != b.len() {
                return Err(format!("object of {} keys vs {}", a.len(), b.len()));
            }
            for ((k, x), (l, y)) in a.iter().zip(b) {
                if k != l {
                    return Err(format!("key {k:?} vs {l:?}"));
                }
                agree(x, y)?;
            }
            true
        }
        _ => false,
    };
    if same {
        Ok(())
    } else {
        Err(format!("{ours:?} vs {theirs}"))
    }
}

/// Accept/reject agree with serde_json and accepted texts agree in value,
/// but for the reader's documented limits (more than 1000 keys in one
/// object; serde_json's nesting limit is 128 as ours).
fn differential(text: &str) -> Result<(), String> {
    let ours = parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => agree(a, b),
        (Err(_), Err(_)) => Ok(()),
        (Err(e), Ok(_)) if e.message.starts_with("more than 1000 keys") => Ok(()),
        (Err(e), Ok(_)) => Err(format!("we refuse ({}) what serde_json reads", e.message)),
        (Ok(v), Err(e)) => Err(format!("we read {v:?} where serde_json says {e}")),
    }
}

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/JSONTestSuite/test_parsing"
);

/// Each case's name and bytes.
fn suite() -> Vec<(String, Vec<u8>)> {
    let mut cases: Vec<(String, Vec<u8>)> = std::fs::read_dir(SUITE)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    cases.sort();
    cases
}

/// A file as a reader gets it: natively `check-data` reads UTF-8 strictly
/// and refuses anything else, so bytes that are not UTF-8 never reach `parse`.
fn read(bytes: &[u8]) -> Result<Value, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    parse(text).map_err(|e| e.message.to_string())
}

#[test]
fn json_test_suite_y_cases_parse_and_n_cases_are_refused() {
    let cases = suite();
    let (mut y, mut n) = (0, 0);
    let mut wrong = Vec::new();
    for (name, bytes) in &cases {
        let got = read(bytes);
        if name.starts_with("y_") {
            y += 1;
            match (&got, std::str::from_utf8(bytes)) {
                (Ok(_), Ok(text)) => {
                    if let Err(e) = differential(text) {
                        wrong.push(format!("{name}: differs from serde_json: {e}"));
                    }
                }
                (Err(e), _) => wrong.push(format!("{name}: must parse, refused: {e}")),
                (Ok(_), Err(_)) => unreachable!(),
            }
        } else if name.starts_with("n_") {
            n += 1;
            if let Ok(v) = got {
                wrong.push(format!("{name}: must be refused, read as {v:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The suite as vendored: 95 y_, 188 n_, 35 i_ (a smaller count means files went missing).
    assert_eq!((y, n, cases.len()), (95, 188, 318));
}

#[test]
fn json_test_suite_i_cases_do_not_crash_and_agree_with_serde_json_when_read() {
    let mut seen = 0;
    for (name, bytes) in suite().iter().filter(|(n, _)| n.starts_with("i_")) {
        seen += 1;
        // Whatever the answer, it is an answer: no panic, no hang.
        let got = read(bytes);
        if let (Ok(_), Ok(text)) = (&got, std::str::from_utf8(bytes)) {
            if let Err(e) = differential(text) {
                panic!("{name}: {e}");
            }
        }
    }
    assert_eq!(seen, 35);
}

/// JSON texts that are mostly valid: a generated value printed compactly or
/// pretty, then sometimes damaged at one place with a byte JSON cares about.
fn json_texts() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
        "[\"\\\\/\\u{0}-\\u{1f}\\u{7f}é中😀]{0,6}".prop_map(serde_json::Value::String),
    ];
    let value = leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[a-c\"é]{0,3}", inner), 0..8)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    });
    let numbers = "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,25})?([eE][+-]?[0-9]{1,3})?";
    let printed = (value, any::<bool>()).prop_map(|(v, pretty)| {
        if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            v.to_string()
        }
    });
    let text = prop_oneof![printed, numbers.prop_map(String::from)];
    let damage = prop_oneof![
        Just(None),
        (
            any::<prop::sample::Index>(),
            0..3usize,
            prop::sample::select(
                &[
                    "{", "}", "[", "]", ",", ":", "\"", "\\", "-", "+", ".", "e", "0", "1", " ",
                    "\n", "\u{0}", "\u{1f}", "t", "n", "/", "\\u", "\\ud800", "é", "\u{feff}",
                ][..]
            )
        )
            .prop_map(Some),
    ];
    (text, damage).prop_map(|(text, damage)| {
        let Some((at, how, piece)) = damage else {
            return text;
        };
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let i = bounds[at.index(bounds.len())];
        let mut out = text.clone();
        match how {
            0 => out.insert_str(i, piece),
            1 => {
                if let Some(c) = out[i..].chars().next() {
                    out.replace_range(i..i + c.len_utf8(), "");
                }
            }
            _ => {
                if let Some(c) = out[i..].chars().next() {
                    out.replace_range(i..i + c.len_utf8(), piece);
                }
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn reads_as_serde_json_reads(text in json_texts()) {
        if let Err(e) = differential(&text) {
            prop_assert!(false, "{text:?}: {e}");
        }
    }
}
