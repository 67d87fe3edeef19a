//! Differential: lvdong's hand-written JSON reader against serde_json on
//! arbitrary text. Accept/reject must agree (but for the reader's documented
//! limit of 1000 keys in one object), and accepted documents must read to the
//! same values: strings and keys alike, objects sorted with the last duplicate
//! winning, integers exact, other numbers the same f64 bits.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The reader is private to lvdong (its API is the data file, not JSON), so
// the target compiles the very same source file as a module of its own.
#[allow(dead_code)]
#[path = "../../src/data/json.rs"]
mod json;

/// What json.rs borrows from the crate it lives in.
mod digits {
    pub use lvdong::digits::push_uint;
}

use json::{Number, Value};

fn agree(ours: &Value, theirs: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (ours, theirs) {
        (Value::Null, J::Null) => true,
        (Value::Bool(a), J::Bool(b)) => a == b,
        (Value::String(a), J::String(b)) => a == b,
        // serde_json reads `-0` as the float -0.0, the reader as the integer 0.
        (Value::Number(Number::Int { neg, abs }), J::Number(n)) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => !neg && *abs == u,
            (None, Some(i)) => *neg && *abs == i.unsigned_abs(),
            (None, None) => *abs == 0 && n.as_f64() == Some(0.0),
        },
        (Value::Number(Number::Float(a)), J::Number(n)) => {
            n.is_f64() && n.as_f64().map(f64::to_bits) == Some(a.to_bits())
        }
        (Value::Array(a), J::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| agree(x, y))
        }
        (Value::Object(a), J::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((k, x), (l, y))| k == l && agree(x, y))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert!(agree(a, b), "{text:?}: read {a:?}, serde_json {b}"),
        (Err(_), Err(_)) => {}
        (Err(e), Ok(_)) if e.message.starts_with("more than 1000 keys") => {}
        (Err(e), Ok(_)) => panic!("{text:?}: refused ({}) but serde_json reads it", e.message),
        (Ok(v), Err(e)) => panic!("{text:?}: read {v:?} but serde_json refuses it: {e}"),
    }
});
