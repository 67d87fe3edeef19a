//! Function order for compression: gzip finds a repeat only in the 32 KB
//! before it, and wasm-opt leaves functions in the compiler's order, so like
//! code (the kinds' layouts, the checker's field rules) lies far apart. Here
//! the optimised wasm's functions get names in a better order, greedily, each
//! next function the one that compresses best after the last few; binaryen's
//! `--reorder-functions-by-name` then moves them (and every index that names
//! one). Nothing but the order changes: ~0.47 KB gzip off the reader's wasm.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context, Result};
use flate2::write::DeflateEncoder;
use flate2::Compression;
use wasm_encoder::{IndirectNameMap, Module, NameMap, NameSection, RawSection};
use wasmparser::{Encoding, Parser, Payload, TypeRef};

/// How much code before a candidate the greedy choice compresses it after:
/// the last few functions. Longer windows were measured no better (2–16 KB).
const WINDOW: usize = 4096;

/// Gives every function defined in the wasm at `path` a name (`f00000`, …)
/// in the order [`order`] chooses, in place, dropping any other names.
pub fn name_in_order(path: &Path) -> Result<()> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let out = with_names(&bytes)?;
    fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

fn with_names(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Module::new();
    let mut imported = 0u32;
    let mut bodies = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        let payload = payload.context("reading the wasm")?;
        match &payload {
            Payload::Version {
                num: 1,
                encoding: Encoding::Module,
                ..
            } => continue,
            Payload::Version { .. } => bail!("the wasm is not a version 1 core module"),
            Payload::ImportSection(section) => {
                for import in section.clone().into_imports() {
                    if let TypeRef::Func(_) = import.context("reading the imports")?.ty {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                bodies.push(bytes.get(range).context("truncated function body")?);
            }
            // Old names would only be dropped by the reordering anyway.
            Payload::CustomSection(c) if c.name() == "name" => continue,
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            let data = bytes.get(range).context("truncated wasm section")?;
            out.section(&RawSection { id, data });
        }
    }
    let mut names = NameMap::new();
    for (rank, f) in order(&bodies).into_iter().enumerate() {
        names.append(imported + f as u32, &format!("f{rank:05}"));
    }
    let mut section = NameSection::new();
    section.functions(&names);
    section.locals(&IndirectNameMap::new());
    out.section(&section);
    Ok(out.finish())
}

/// Bytes `data` deflates to (level 6: it ranks like 9, faster).
fn packed(data: &[u8]) -> usize {
    let mut z = DeflateEncoder::new(Vec::new(), Compression::new(6));
    // Writing to a Vec cannot fail.
    let _ = z.write_all(data);
    z.finish().map_or(data.len(), |v| v.len())
}

/// Greedy orders from this many first functions are tried; the one whose
/// concatenation packs smallest wins. The first function sets the course:
/// on the reader's wasm, starts differ by ~0.3 KB gzip.
const STARTS: usize = 8;

/// An order of `bodies` (indices) in which like code is close: the best of
/// [`greedy`] orders from [`STARTS`] first functions (the largest, then
/// evenly spread), two at a time.
pub fn order(bodies: &[&[u8]]) -> Vec<usize> {
    let n = bodies.len();
    let Some(largest) = (0..n).max_by_key(|&i| (bodies[i].len(), usize::MAX - i)) else {
        return Vec::new();
    };
    let mut starts = vec![largest];
    for k in 1..STARTS.min(n) {
        let s = k * n / STARTS;
        if !starts.contains(&s) {
            starts.push(s);
        }
    }
    let alone: Vec<usize> = bodies.iter().map(|b| packed(b).max(1)).collect();
    let scored = |start: usize| {
        let o = greedy(bodies, &alone, start);
        let all: Vec<u8> = o.iter().flat_map(|&i| bodies[i].iter().copied()).collect();
        (packed(&all), o)
    };
    let mut best: Option<(usize, Vec<usize>)> = None;
    for pair in starts.chunks(2) {
        let results: Vec<(usize, Vec<usize>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&s| scope.spawn(move || scored(s)))
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for r in results {
            if best.as_ref().is_none_or(|b| r.0 < b.0) {
                best = Some(r);
            }
        }
    }
    best.map_or_else(|| (0..n).collect(), |b| b.1)
}

/// From `first`, each time the function whose bytes cost the least after the
/// previous [`WINDOW`] bytes, relative to what they cost `alone`.
fn greedy(bodies: &[&[u8]], alone: &[usize], first: usize) -> Vec<usize> {
    let mut left: Vec<usize> = (0..bodies.len()).filter(|&i| i != first).collect();
    let mut out = vec![first];
    let mut window: Vec<u8> = bodies[first].to_vec();
    while !left.is_empty() {
        let start = window.len().saturating_sub(WINDOW);
        window.drain(..start);
        let base = packed(&window);
        let mut best = (f64::INFINITY, 0);
        for (at, &i) in left.iter().enumerate() {
            let len = window.len();
            window.extend_from_slice(bodies[i]);
            let cost = packed(&window).saturating_sub(base) as f64 / alone[i] as f64;
            window.truncate(len);
            if cost < best.0 {
                best = (cost, at);
            }
        }
        let next = left.remove(best.1);
        window.extend_from_slice(bodies[next]);
        out.push(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{CodeSection, Function, FunctionSection, Instruction, TypeSection};
    use wasmparser::{KnownCustom, Name, Validator};

    /// A body that pushes `seed`-derived constants: like seeds, like bytes.
    fn body(seed: u8) -> Vec<u8> {
        (0..200u32)
            .map(|i| (i as u8).wrapping_mul(seed).wrapping_add(seed))
            .collect()
    }

    #[test]
    fn like_code_ends_up_side_by_side() {
        let (a, b) = (body(7), body(101));
        let (a2, b2) = (a.clone(), b.clone());
        let bodies: Vec<&[u8]> = vec![&a, &b, &a2, &b2];
        let o = order(&bodies);
        let mut seen = o.clone();
        seen.sort();
        assert_eq!(seen, [0, 1, 2, 3], "a permutation");
        let at = |i: usize| o.iter().position(|&x| x == i).unwrap();
        assert_eq!(at(0).abs_diff(at(2)), 1, "{o:?}");
        assert_eq!(at(1).abs_diff(at(3)), 1, "{o:?}");
    }

    #[test]
    fn names_every_defined_function_after_the_imports() {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        m.section(&types);
        let mut imports = wasm_encoder::ImportSection::new();
        imports.import("env", "f", wasm_encoder::EntityType::Function(0));
        m.section(&imports);
        let mut funcs = FunctionSection::new();
        let mut code = CodeSection::new();
        for k in 0..3 {
            funcs.function(0);
            let mut f = Function::new([]);
            for _ in 0..k * 20 {
                f.instruction(&Instruction::Call(0));
            }
            f.instruction(&Instruction::End);
            code.function(&f);
        }
        m.section(&funcs);
        m.section(&code);
        let out = with_names(&m.finish()).unwrap();
        Validator::new().validate_all(&out).unwrap();
        let mut names = Vec::new();
        for p in Parser::new(0).parse_all(&out) {
            if let Payload::CustomSection(c) = p.unwrap() {
                if let KnownCustom::Name(reader) = c.as_known() {
                    for n in reader {
                        if let Name::Function(map) = n.unwrap() {
                            for f in map {
                                let f = f.unwrap();
                                names.push((f.index, f.name.to_string()));
                            }
                        }
                    }
                }
            }
        }
        names.sort();
        // The import keeps no name and each defined function has one.
        let indices: Vec<u32> = names.iter().map(|n| n.0).collect();
        assert_eq!(indices, [1, 2, 3]);
        let mut ranks: Vec<&str> = names.iter().map(|n| n.1.as_str()).collect();
        ranks.sort();
        assert_eq!(ranks, ["f00000", "f00001", "f00002"]);
    }
}
