//! `cargo xtask serve [--port N] [--csp] [--no-build]`: serves `dist/` on
//! 127.0.0.1 with correct types (`application/wasm`) and no way out of the
//! served folders. Plain `std::net`, one request per connection: tiny_http
//! 0.12 left Chromium page loads pending (reproduced in the e2e suite), and a
//! static dev server needs no more than GET/HEAD and a status line.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{anyhow, Context, Result};

use crate::{build, flag_value};

/// The strict policy the demo must work under (DESIGN: no inline scripts or styles).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

pub fn run(args: &[String]) -> Result<()> {
    let port: u16 = match flag_value(args, "--port") {
        Some(p) => p
            .parse()
            .with_context(|| format!("--port takes a number (got {p})"))?,
        None => 8080,
    };
    let csp = args.iter().any(|a| a == "--csp");
    let dist = if args.iter().any(|a| a == "--no-build") {
        build::dist()
    } else {
        build::run(&[])?
    };
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = listener.local_addr()?;
    println!(
        "serving {} on http://{addr}/{}",
        dist.display(),
        if csp { " (strict CSP)" } else { "" }
    );
    serve_forever(listener, vec![(String::new(), dist)], csp);
    Ok(())
}

/// Starts a server on a free loopback port in a thread; returns its URL.
pub fn spawn(dist: PathBuf, csp: bool) -> Result<(String, JoinHandle<()>)> {
    spawn_mounts(vec![(String::new(), dist)], csp)
}

/// Like [`spawn`], with more roots: `("/bench", dir)` serves `dir` under
/// `/bench/`. The first mount whose prefix matches wins; `""` is the fallback.
pub fn spawn_mounts(mounts: Vec<(String, PathBuf)>, csp: bool) -> Result<(String, JoinHandle<()>)> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| anyhow!("cannot listen: {e}"))?;
    let addr = listener.local_addr()?;
    let handle = std::thread::spawn(move || serve_forever(listener, mounts, csp));
    Ok((format!("http://{addr}"), handle))
}

/// One thread per connection, one request per connection (`Connection:
/// close`): a static dev server has no need for keep-alive, and without it
/// no client's idle or half-read socket can hold up another's request.
fn serve_forever(listener: TcpListener, mounts: Vec<(String, PathBuf)>, csp: bool) {
    let mounts = Arc::new(mounts);
    for stream in listener.incoming().flatten() {
        let mounts = mounts.clone();
        std::thread::spawn(move || {
            let _ = answer(stream, &mounts, csp);
        });
    }
}

fn answer(stream: TcpStream, mounts: &[(String, PathBuf)], csp: bool) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers (bounded), so the client sees a clean close.
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let url = parts.next().unwrap_or("/");
    let found = mount_for(mounts, url).and_then(|(root, rest)| resolve(root, rest));
    let (status, body, ctype) = match (method, found) {
        ("GET" | "HEAD", Some(p)) => match fs::read(&p) {
            Ok(b) => ("200 OK", b, content_type(&p)),
            Err(_) => (
                "404 Not Found",
                b"not found".to_vec(),
                "text/plain; charset=utf-8",
            ),
        },
        ("GET" | "HEAD", None) => (
            "404 Not Found",
            b"not found".to_vec(),
            "text/plain; charset=utf-8",
        ),
        _ => (
            "405 Method Not Allowed",
            b"GET only".to_vec(),
            "text/plain; charset=utf-8",
        ),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    if csp {
        head.push_str(&format!("Content-Security-Policy: {CSP}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = stream;
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(&body)?;
    }
    out.flush()
}

/// The root and the rest of the URL for the first mount `url` falls under.
fn mount_for<'a>(mounts: &'a [(String, PathBuf)], url: &'a str) -> Option<(&'a Path, &'a str)> {
    mounts.iter().find_map(|(prefix, root)| {
        let rest = url.strip_prefix(prefix.as_str())?;
        (prefix.is_empty() || rest.starts_with('/')).then_some((root.as_path(), rest))
    })
}

/// Maps a URL path to a file under `dist`, refusing anything that leaves it.
fn resolve(dist: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let mut out = dist.to_path_buf();
    for comp in Path::new(decoded.trim_start_matches('/')).components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    let canon = out.canonicalize().ok()?;
    let root = dist.canonicalize().ok()?;
    canon.starts_with(&root).then_some(canon)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    (!s.contains('\0') && !s.contains('\\')).then_some(s)
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_dist() {
        let dir = std::env::temp_dir().join(format!("lvdong-serve-{}", std::process::id()));
        fs::create_dir_all(dir.join("pkg")).unwrap();
        fs::write(dir.join("index.html"), "x").unwrap();
        fs::write(dir.join("pkg/a.wasm"), "x").unwrap();
        assert!(resolve(&dir, "/").is_some());
        assert!(resolve(&dir, "/pkg/a.wasm?v=1").is_some());
        assert_eq!(resolve(&dir, "/../Cargo.toml"), None);
        assert_eq!(resolve(&dir, "/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(resolve(&dir, "/pkg/..%2f..%2fx"), None);
        assert_eq!(content_type(Path::new("a.wasm")), "application/wasm");
        let mounts = vec![
            ("/bench".to_string(), dir.join("pkg")),
            (String::new(), dir.clone()),
        ];
        let (root, rest) = mount_for(&mounts, "/bench/a.wasm").unwrap();
        assert_eq!(resolve(root, rest), resolve(&dir, "/pkg/a.wasm"));
        let (root, rest) = mount_for(&mounts, "/benchmark").unwrap();
        assert_eq!((root, rest), (dir.as_path(), "/benchmark"));
        let (root, rest) = mount_for(&mounts, "/bench/../index.html").unwrap();
        assert_eq!(resolve(root, rest), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
