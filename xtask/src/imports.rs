//! Short import and export names for the wasm and its wasm-bindgen glue.
//! wasm-bindgen names each JS import after its Rust path plus a 16-hex-digit
//! hash (`__wbg_fillText_89d353a9ad9f4a1a`); the hashes are random to gzip and
//! appear twice, in the module's import section and as keys of the glue's
//! import object: ~1.4 KB gzip of the payload. This renames every function
//! import of the glue's module to a short name (`a`, `b`, …, `ba`, …) in both
//! files, and fails unless each old name is a key exactly once in the glue.
//! Exports (`view_render`, `__wbindgen_malloc`, …; ~0.25 KB gzip) get short
//! names too, except `memory`, which pages and tests read (the glue reads
//! exports only as `wasm.<name>`, so that is what is renamed there). Exports
//! the glue never reads (the `#[no_mangle]` math shims a cdylib exports) are
//! dropped from the export section.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// The module name wasm-bindgen gives the glue's imports (`--target web`).
const GLUE_MODULE: &str = "./lvdong_bg.js";
const IMPORT_SECTION: u8 = 2;
const EXPORT_SECTION: u8 = 7;
/// The one export kept by name: `exports.memory` is read by tests and the bench.
const KEPT_EXPORT: &str = "memory";

pub fn shorten(wasm: &Path, glue: &Path) -> Result<usize> {
    let bytes = fs::read(wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let mut js = fs::read_to_string(glue).with_context(|| format!("reading {}", glue.display()))?;
    let mut renamed = Vec::new();
    let mut exported = Vec::new();
    let out = rewrite(
        &bytes,
        |module, field| {
            if module != GLUE_MODULE {
                return None;
            }
            let short = short_name(renamed.len());
            renamed.push((field.to_string(), short.clone()));
            Some(short)
        },
        |field| {
            if field == KEPT_EXPORT {
                return Export::Keep;
            }
            if whole(&js, &export_use(field)).is_empty() {
                return Export::Drop;
            }
            let short = short_name(exported.len());
            exported.push((field.to_string(), short.clone()));
            Export::Rename(short)
        },
    )?;
    for (old, new) in &renamed {
        js = rename_key(&js, old, new)?;
    }
    for (old, new) in &exported {
        js = rename_export(&js, old, new)?;
    }
    fs::write(wasm, out)?;
    fs::write(glue, js)?;
    Ok(renamed.len())
}

/// `a`..`z`, then `ba`, `bb`, … (base 26, never a JS keyword or `__proto__`).
fn short_name(mut n: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Where `word` occurs in `js` with no identifier character just before or
/// after it (so `view_key` is not found inside `view_keys` or `my_view_key`).
fn whole(js: &str, word: &str) -> Vec<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    js.match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| !js[..i].ends_with(is_ident) && !js[i + word.len()..].starts_with(is_ident))
        .collect()
}

/// `old` must occur exactly once in `js`, as a whole identifier followed by
/// `:` (an object key); it becomes `new`.
fn rename_key(js: &str, old: &str, new: &str) -> Result<String> {
    let hits: Vec<usize> = whole(js, old)
        .into_iter()
        .filter(|&i| js[i + old.len()..].trim_start().starts_with(':'))
        .collect();
    let all = js.matches(old).count();
    if hits.len() != 1 || all != 1 {
        bail!(
            "the glue names import `{old}` {all} times ({} as a key); cannot rename it",
            hits.len()
        );
    }
    let i = hits[0];
    Ok(format!("{}{new}{}", &js[..i], &js[i + old.len()..]))
}

/// How the glue reads export `name`: `wasm.<name>` (the instance's exports;
/// another identifier spelled like an export, such as its `start` wrapper,
/// is not one).
fn export_use(name: &str) -> String {
    format!("wasm.{name}")
}

/// Every `wasm.<old>` in `js` becomes `wasm.<new>`; fails when there is none.
fn rename_export(js: &str, old: &str, new: &str) -> Result<String> {
    let from = export_use(old);
    let uses = whole(js, &from);
    if uses.is_empty() {
        bail!("the glue never reads export `{old}` as `{from}`; cannot rename it");
    }
    let to = export_use(new);
    let mut out = String::with_capacity(js.len());
    let mut last = 0;
    for i in uses {
        out.push_str(&js[last..i]);
        out.push_str(&to);
        last = i + from.len();
    }
    out.push_str(&js[last..]);
    Ok(out)
}

/// What becomes of one export.
enum Export {
    Keep,
    Rename(String),
    Drop,
}

/// Copies a wasm module, renaming imports and exports: `import(module,
/// field)` returns the new field name of a function import (or `None` to
/// keep it) and `export(name)` what becomes of an export.
fn rewrite(
    bytes: &[u8],
    mut import: impl FnMut(&str, &str) -> Option<String>,
    mut export: impl FnMut(&str) -> Export,
) -> Result<Vec<u8>> {
    let header = bytes.get(..8).context("not a wasm module")?;
    if header.get(..4) != Some(b"\0asm".as_slice()) {
        bail!("not a wasm module");
    }
    let mut out = header.to_vec();
    let mut r = Reader { b: bytes, i: 8 };
    while r.i < bytes.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let body = r.take(size)?;
        let body = match id {
            IMPORT_SECTION => imports(body, &mut import)?,
            EXPORT_SECTION => exports(body, &mut export)?,
            _ => body.to_vec(),
        };
        out.push(id);
        leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok(out)
}

fn imports(body: &[u8], rename: &mut impl FnMut(&str, &str) -> Option<String>) -> Result<Vec<u8>> {
    let mut r = Reader { b: body, i: 0 };
    let count = r.leb()?;
    let mut out = Vec::with_capacity(body.len());
    leb(&mut out, count);
    for _ in 0..count {
        let module = r.name()?;
        let field = r.name()?;
        let start = r.i;
        let kind = r.byte()?;
        match kind {
            0 => {
                r.leb()?; // type index
            }
            1 => {
                r.byte()?; // reference type
                r.limits()?;
            }
            2 => r.limits()?,
            3 => {
                r.byte()?; // value type
                r.byte()?; // mutability
            }
            4 => {
                r.byte()?; // tag attribute
                r.leb()?;
            }
            k => bail!("unknown import kind {k} in the wasm"),
        }
        let desc = body.get(start..r.i).context("truncated import")?;
        let new = if kind == 0 {
            rename(module, field)
        } else {
            None
        };
        name(&mut out, module);
        name(&mut out, new.as_deref().unwrap_or(field));
        out.extend_from_slice(desc);
    }
    if r.i != body.len() {
        bail!("trailing bytes in the wasm's import section");
    }
    Ok(out)
}

fn exports(body: &[u8], decide: &mut impl FnMut(&str) -> Export) -> Result<Vec<u8>> {
    let mut r = Reader { b: body, i: 0 };
    let count = r.leb()?;
    let mut entries = Vec::with_capacity(body.len());
    let mut kept = 0;
    for _ in 0..count {
        let field = r.name()?;
        let start = r.i;
        r.byte()?; // kind
        r.leb()?; // index
        let desc = body.get(start..r.i).context("truncated export")?;
        let new = match decide(field) {
            Export::Drop => continue,
            Export::Keep => field.to_string(),
            Export::Rename(n) => n,
        };
        name(&mut entries, &new);
        entries.extend_from_slice(desc);
        kept += 1;
    }
    if r.i != body.len() {
        bail!("trailing bytes in the wasm's export section");
    }
    let mut out = Vec::with_capacity(entries.len() + 5);
    leb(&mut out, kept);
    out.extend(entries);
    Ok(out)
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.i).context("truncated wasm")?;
        self.i += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
            if shift > 63 {
                bail!("bad LEB128 in the wasm");
            }
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let s = self.b.get(self.i..self.i + n).context("truncated wasm")?;
        self.i += n;
        Ok(s)
    }

    fn name(&mut self) -> Result<&'a str> {
        let n = self.leb()? as usize;
        std::str::from_utf8(self.take(n)?).context("an import name is not UTF-8")
    }

    fn limits(&mut self) -> Result<()> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Ok(())
    }
}

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..800).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[26], "ba");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn renames_only_whole_keys_found_once() {
        let js = "x = { __wbg_a_12: function() {}, __wbg_ab_34: function() {} };";
        let out = rename_key(js, "__wbg_a_12", "q").unwrap();
        assert_eq!(out, "x = { q: function() {}, __wbg_ab_34: function() {} };");
        assert!(rename_key(js, "__wbg_missing", "q").is_err());
        assert!(rename_key("{ k: 1, k: 2 }", "k", "q").is_err());
    }

    #[test]
    fn renames_exports_only_where_the_glue_reads_them_from_wasm() {
        let js = "function view_key() { wasm.view_key(p); wasm.view_keys(); x.view_key; mywasm.view_key() }";
        let out = rename_export(js, "view_key", "a").unwrap();
        assert_eq!(
            out,
            "function view_key() { wasm.a(p); wasm.view_keys(); x.view_key; mywasm.view_key() }"
        );
        assert!(rename_export("wasm.g(); f()", "f", "a").is_err());
    }

    #[test]
    fn rewrites_an_export_section_keeping_memory() {
        // (export "memory" (memory 0)) (export "view_render" (func 3))
        // (export "cos" (func 4))
        let mut body = Vec::new();
        leb(&mut body, 3);
        name(&mut body, "memory");
        body.extend([2, 0]);
        name(&mut body, "view_render");
        body.extend([0, 3]);
        name(&mut body, "cos");
        body.extend([0, 4]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(EXPORT_SECTION);
        leb(&mut wasm, body.len() as u64);
        wasm.extend(&body);
        let out = rewrite(
            &wasm,
            |_, _| None,
            |f| match f {
                KEPT_EXPORT => Export::Keep,
                "cos" => Export::Drop,
                _ => Export::Rename("a".into()),
            },
        )
        .unwrap();
        let mut want = Vec::new();
        leb(&mut want, 2);
        name(&mut want, "memory");
        want.extend([2, 0]);
        name(&mut want, "a");
        want.extend([0, 3]);
        assert_eq!(out[10..], want[..]);
    }

    #[test]
    fn rewrites_a_module_import_section() {
        // (import "./lvdong_bg.js" "long_name" (func (type 0)))
        // (import "env" "memory" (memory 1))
        let mut body = Vec::new();
        leb(&mut body, 2);
        name(&mut body, GLUE_MODULE);
        name(&mut body, "long_name");
        body.extend([0, 0]);
        name(&mut body, "env");
        name(&mut body, "memory");
        body.extend([2, 0, 1]);
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(IMPORT_SECTION);
        leb(&mut wasm, body.len() as u64);
        wasm.extend(&body);
        wasm.extend([1, 1, 0]); // an unrelated section, kept
        let out = rewrite(
            &wasm,
            |m, f| (m == GLUE_MODULE).then(|| format!("{f}!")),
            |_| Export::Keep,
        )
        .unwrap();
        let s = String::from_utf8_lossy(&out);
        assert!(s.contains("long_name!") && s.contains("memory") && !s.contains("memory!"));
        assert_eq!(out[out.len() - 3..], [1, 1, 0]);
        let again = rewrite(&out, |_, _| None, |_| Export::Keep).unwrap();
        assert_eq!(again, out);
    }
}
