//! The editors' text snapshot (`cargo xtask render --text`): every
//! reader-visible string of every built-in chart × dataset × language must
//! match `tests/text/<chart>.txt`, so a change of wording or number shows
//! in review as a text diff. `LVDONG_BLESS=1` rewrites the files.

use std::fs;
use std::path::PathBuf;

use lvdong::data::{ARTICLE_JSON, SUPPLEMENTARY_JSON};
use lvdong::snapshot::file_texts;

#[test]
fn every_reader_visible_string_matches_the_committed_snapshot() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/text"));
    let bless = std::env::var_os("LVDONG_BLESS").is_some();
    let mut wrong = Vec::new();
    let mut names = Vec::new();
    for json in [ARTICLE_JSON, SUPPLEMENTARY_JSON] {
        for (id, text) in file_texts(json).unwrap_or_else(|p| panic!("{p:?}")) {
            let path = dir.join(format!("{id}.txt"));
            names.push(format!("{id}.txt"));
            if bless {
                fs::create_dir_all(&dir).unwrap();
                fs::write(&path, &text).unwrap();
                continue;
            }
            let committed = fs::read_to_string(&path).unwrap_or_default();
            if committed != text {
                let line = committed
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .map_or(committed.lines().count().min(text.lines().count()), |i| i);
                wrong.push(format!(
                    "{}: differs from line {} (now: {:?}); review, then LVDONG_BLESS=1",
                    path.display(),
                    line + 1,
                    text.lines().nth(line).unwrap_or("")
                ));
            }
        }
    }
    for e in fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !names.contains(&name) {
            if bless {
                fs::remove_file(e.path()).unwrap();
            } else {
                wrong.push(format!("{name}: no chart has this id any more"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
