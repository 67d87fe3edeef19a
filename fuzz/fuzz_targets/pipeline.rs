//! Arbitrary bytes through the whole native pipeline: parse → validate →
//! layout (several sizes, highlights) → hit-test → SVG. Asserts no panic, no
//! NaN or infinite coordinate, and every mark inside the canvas.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lvdong::invariants::check_pipeline;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = check_pipeline(text) {
            panic!("{e}");
        }
    }
});
