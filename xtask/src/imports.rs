//! Short import and export names for the wasm and its wasm-bindgen glue: the
//! wasm is read with `wasmparser` and its import and export sections written
//! anew with `wasm-encoder` (every other section copied as it is); the glue is
//! edited to match.
//!
//! Why: wasm-bindgen names each JS import after its Rust path plus a
//! 16-hex-digit hash (`__wbg_fillText_89d353a9ad9f4a1a`); the hashes are
//! random to gzip and appear twice, in the import section and as keys of the
//! glue's import object: ~1.4 KB gzip of the payload. So every function import
//! of the glue's module gets a short name (`a`, `b`, …, `ba`, …) in both files,
//! and the build fails unless each old name is a key exactly once in the glue.
//! Exports (`view_render`, `__wbindgen_malloc`, …; ~0.25 KB gzip) get short
//! names too, except `memory`, which pages and tests read (the glue reads
//! exports only as `wasm.<name>`, so that is what is renamed there). Exports
//! the glue never reads (the `#[no_mangle]` math shims a cdylib exports) are
//! dropped from the export section.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Encoding, ExportSectionReader, ImportSectionReader, Parser, Payload, TypeRef};

/// The module name wasm-bindgen gives the glue's imports (`--target web`).
const GLUE_MODULE: &str = "./lvdong_bg.js";
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
            if identifier_hits(&js, &export_use(field)).is_empty() {
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
fn identifier_hits(js: &str, word: &str) -> Vec<usize> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    js.match_indices(word)
        .map(|(i, _)| i)
        .filter(|&i| !js[..i].ends_with(is_ident) && !js[i + word.len()..].starts_with(is_ident))
        .collect()
}

/// `old` must occur exactly once in `js`, as a whole identifier followed by
/// `:` (an object key); it becomes `new`.
fn rename_key(js: &str, old: &str, new: &str) -> Result<String> {
    let hits: Vec<usize> = identifier_hits(js, old)
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
    let uses = identifier_hits(js, &from);
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
/// keep it) and `export(name)` what becomes of an export. Every other
/// section is copied byte for byte, in its place.
fn rewrite(
    bytes: &[u8],
    mut import: impl FnMut(&str, &str) -> Option<String>,
    mut export: impl FnMut(&str) -> Export,
) -> Result<Vec<u8>> {
    let mut out = Module::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.context("reading the wasm")? {
            // wasm-encoder writes the header; it knows only this one.
            Payload::Version {
                num: 1,
                encoding: Encoding::Module,
                ..
            } => {}
            Payload::Version { .. } => bail!("the wasm is not a version 1 core module"),
            Payload::ImportSection(section) => {
                out.section(&imports(section, &mut import)?);
            }
            Payload::ExportSection(section) => {
                out.section(&exports(section, &mut export)?);
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    let data = bytes.get(range).context("truncated wasm section")?;
                    out.section(&RawSection { id, data });
                }
            }
        }
    }
    Ok(out.finish())
}

fn imports(
    section: ImportSectionReader<'_>,
    rename: &mut impl FnMut(&str, &str) -> Option<String>,
) -> Result<ImportSection> {
    let mut out = ImportSection::new();
    for import in section.into_imports() {
        let import = import.context("reading the wasm's imports")?;
        let new = match import.ty {
            TypeRef::Func(_) => rename(import.module, import.name),
            _ => None,
        };
        let ty = RoundtripReencoder.entity_type(import.ty)?;
        out.import(import.module, new.as_deref().unwrap_or(import.name), ty);
    }
    Ok(out)
}

fn exports(
    section: ExportSectionReader<'_>,
    decide: &mut impl FnMut(&str) -> Export,
) -> Result<ExportSection> {
    let mut out = ExportSection::new();
    for export in section {
        let export = export.context("reading the wasm's exports")?;
        let kind = RoundtripReencoder.export_kind(export.kind)?;
        match decide(export.name) {
            Export::Drop => {}
            Export::Keep => {
                out.export(export.name, kind, export.index);
            }
            Export::Rename(name) => {
                out.export(&name, kind, export.index);
            }
        }
    }
    Ok(out)
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

    use wasm_encoder::{
        CodeSection, CustomSection, EntityType, ExportKind, Function, FunctionSection, Instruction,
        MemoryType, TypeSection, ValType,
    };
    use wasmparser::{ExternalKind, Validator};

    const LOG: &str = "__wbg_log_0123456789abcdef";
    const NOW: &str = "__wbg_now_fedcba9876543210";

    /// A module shaped like lvdong's: two glue function imports and an `env`
    /// memory; exports `memory`, `view_render` (which calls both imports),
    /// `cos`; a custom section after the code.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], []);
        types.ty().function([], [ValType::F64]);
        let mut imports = ImportSection::new();
        imports.import(GLUE_MODULE, LOG, EntityType::Function(0));
        imports.import(
            "env",
            "memory",
            MemoryType {
                minimum: 1,
                maximum: None,
                memory64: false,
                shared: false,
                page_size_log2: None,
            },
        );
        imports.import(GLUE_MODULE, NOW, EntityType::Function(1));
        let mut funcs = FunctionSection::new();
        funcs.function(0).function(1);
        let mut exports = ExportSection::new();
        exports
            .export("memory", ExportKind::Memory, 0)
            .export("view_render", ExportKind::Func, 2)
            .export("cos", ExportKind::Func, 3);
        let mut code = CodeSection::new();
        let mut render = Function::new([]);
        render
            .instruction(&Instruction::LocalGet(0))
            .instruction(&Instruction::Call(0))
            .instruction(&Instruction::Call(1))
            .instruction(&Instruction::Drop)
            .instruction(&Instruction::End);
        code.function(&render);
        let mut cos = Function::new([]);
        cos.instruction(&Instruction::F64Const(1.0.into()))
            .instruction(&Instruction::End);
        code.function(&cos);
        let mut m = Module::new();
        m.section(&types)
            .section(&imports)
            .section(&funcs)
            .section(&exports)
            .section(&code)
            .section(&CustomSection {
                name: "note".into(),
                data: b"kept".as_slice().into(),
            });
        m.finish()
    }

    /// The (module, name, function type) of each import, in order.
    fn imports_of(wasm: &[u8]) -> Vec<(String, String, Option<u32>)> {
        let mut out = Vec::new();
        for p in Parser::new(0).parse_all(wasm) {
            if let Payload::ImportSection(s) = p.unwrap() {
                for i in s.into_imports() {
                    let i = i.unwrap();
                    let ty = match i.ty {
                        TypeRef::Func(t) => Some(t),
                        _ => None,
                    };
                    out.push((i.module.to_string(), i.name.to_string(), ty));
                }
            }
        }
        out
    }

    /// The (name, kind, index) of each export, in order.
    fn exports_of(wasm: &[u8]) -> Vec<(String, ExternalKind, u32)> {
        let mut out = Vec::new();
        for p in Parser::new(0).parse_all(wasm) {
            if let Payload::ExportSection(s) = p.unwrap() {
                for e in s {
                    let e = e.unwrap();
                    out.push((e.name.to_string(), e.kind, e.index));
                }
            }
        }
        out
    }

    /// Every section but imports and exports, as (id, bytes), in order.
    fn other_sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        Parser::new(0)
            .parse_all(wasm)
            .filter_map(|p| p.unwrap().as_section())
            .filter(|(id, _)| ![2, 7].contains(id))
            .map(|(id, r)| (id, wasm[r].to_vec()))
            .collect()
    }

    #[test]
    fn rewrites_glue_function_imports_and_exports_keeping_the_rest() {
        let wasm = module();
        let out = rewrite(
            &wasm,
            |m, f| (m == GLUE_MODULE).then(|| format!("{}!", &f[6..9])),
            |f| match f {
                KEPT_EXPORT => Export::Keep,
                "cos" => Export::Drop,
                _ => Export::Rename("r".into()),
            },
        )
        .unwrap();
        Validator::new().validate_all(&out).unwrap();
        assert_eq!(
            imports_of(&out),
            [
                (GLUE_MODULE.into(), "log!".into(), Some(0)),
                ("env".into(), "memory".into(), None),
                (GLUE_MODULE.into(), "now!".into(), Some(1)),
            ]
        );
        assert_eq!(
            exports_of(&out),
            [
                ("memory".into(), ExternalKind::Memory, 0),
                ("r".into(), ExternalKind::Func, 2),
            ]
        );
        assert_eq!(other_sections(&out), other_sections(&wasm));
        // type, function, code and the custom section
        assert_eq!(other_sections(&out).len(), 4);
        // Renaming nothing gives the module back byte for byte.
        let same = rewrite(&wasm, |_, _| None, |_| Export::Keep).unwrap();
        assert_eq!(same, wasm);
    }

    #[test]
    fn rejects_what_is_not_a_wasm_module() {
        let keep = |_: &str| Export::Keep;
        assert!(rewrite(b"\0asm", |_, _| None, keep).is_err());
        assert!(rewrite(b"<!doctype html>", |_, _| None, keep).is_err());
        let mut cut = module();
        cut.truncate(cut.len() - 3);
        assert!(rewrite(&cut, |_, _| None, keep).is_err());
    }

    /// The glue as wasm-bindgen writes it (`--target web`), trimmed.
    const GLUE: &str = r#"function view_render(p) { wasm.view_render(p); }
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_log_0123456789abcdef: function(arg0) { console.log(arg0); },
        __wbg_now_fedcba9876543210: function() { return Date.now(); },
    };
    return { __proto__: null, "./lvdong_bg.js": import0 };
}
function mem() { return wasm.memory; }
"#;

    fn temp_pair(tag: &str, glue: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("lvdong-imports-{tag}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let (wasm, js) = (dir.join("m.wasm"), dir.join("m.js"));
        fs::write(&wasm, module()).unwrap();
        fs::write(&js, glue).unwrap();
        (wasm, js)
    }

    #[test]
    fn shortens_the_wasm_and_the_glue_consistently() {
        let (wasm, js) = temp_pair("ok", GLUE);
        assert_eq!(shorten(&wasm, &js).unwrap(), 2);
        let out = fs::read(&wasm).unwrap();
        let glue = fs::read_to_string(&js).unwrap();
        Validator::new().validate_all(&out).unwrap();
        // The wasm's import `a` of type 0 is the glue's key `a`, which logs.
        assert_eq!(
            imports_of(&out),
            [
                (GLUE_MODULE.into(), "a".into(), Some(0)),
                ("env".into(), "memory".into(), None),
                (GLUE_MODULE.into(), "b".into(), Some(1)),
            ]
        );
        assert!(glue.contains("a: function(arg0) { console.log(arg0); }"));
        assert!(glue.contains("b: function() { return Date.now(); }"));
        assert!(!glue.contains(LOG) && !glue.contains(NOW));
        // `view_render` became `a` on both sides; `cos`, unread, is gone.
        assert_eq!(
            exports_of(&out),
            [
                ("memory".into(), ExternalKind::Memory, 0),
                ("a".into(), ExternalKind::Func, 2),
            ]
        );
        assert!(glue.contains("function view_render(p) { wasm.a(p); }"));
        assert!(glue.contains("return wasm.memory;"));
        fs::remove_dir_all(wasm.parent().unwrap()).unwrap();
    }

    #[test]
    fn leaves_both_files_alone_when_the_glue_lacks_an_import() {
        let glue = GLUE.replace(NOW, "__wbg_now_0000000000000000");
        let (wasm, js) = temp_pair("missing", &glue);
        let err = shorten(&wasm, &js).unwrap_err().to_string();
        assert!(err.contains(NOW), "{err}");
        assert_eq!(fs::read(&wasm).unwrap(), module());
        assert_eq!(fs::read_to_string(&js).unwrap(), glue);
        fs::remove_dir_all(wasm.parent().unwrap()).unwrap();
    }
}
