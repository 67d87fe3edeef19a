//! The fuzz target's properties on the shipped files and the committed seed
//! corpus (including every input that once broke them), so `cargo test`
//! guards what the long fuzz run found.

use std::fs;

use lvdong::data::{ARTICLE_JSON, SUPPLEMENTARY_JSON};
use lvdong::invariants::check_pipeline;

#[test]
fn the_shipped_files_hold_every_scene_property() {
    check_pipeline(ARTICLE_JSON).unwrap();
    check_pipeline(SUPPLEMENTARY_JSON).unwrap();
}

#[test]
fn every_seed_and_regression_input_holds_every_scene_property() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/pipeline");
    let mut n = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check_pipeline(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            n += 1;
        }
    }
    assert!(n >= 10, "the seed corpus is there ({n} files)");
}
