//! `cargo xtask serve [--port N] [--csp] [--no-build]`: serves `dist/` on
//! 127.0.0.1 through tiny_http, with correct types (`application/wasm`) and
//! no way out of the served folders.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{anyhow, Context, Result};
use tiny_http::{Header, Request, Response, Server};

use crate::{build, flag_value};

/// The strict policy the demo must work under (DESIGN: no inline scripts or styles).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// Requests answered at once: a browser opens about six connections per page,
/// and one slow answer must not hold up the others.
const WORKERS: usize = 8;

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
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("no address"))?;
    println!(
        "serving {} on http://{addr}/{}",
        dist.display(),
        if csp { " (strict CSP)" } else { "" }
    );
    serve(server, vec![(String::new(), dist)], csp);
    Ok(())
}

/// Starts a server on a free loopback port in a thread; returns its URL.
pub fn spawn(dist: PathBuf, csp: bool) -> Result<(String, JoinHandle<()>)> {
    spawn_mounts(vec![(String::new(), dist)], csp)
}

/// Like [`spawn`], with more roots: `("/bench", dir)` serves `dir` under
/// `/bench/`. The first mount whose prefix matches wins; `""` is the fallback.
pub fn spawn_mounts(mounts: Vec<(String, PathBuf)>, csp: bool) -> Result<(String, JoinHandle<()>)> {
    let server = Server::http("127.0.0.1:0").map_err(|e| anyhow!("cannot listen: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("no address"))?;
    let handle = std::thread::spawn(move || serve(server, mounts, csp));
    Ok((format!("http://{addr}"), handle))
}

/// Answers requests on [`WORKERS`] threads until the server is dropped.
fn serve(server: Server, mounts: Vec<(String, PathBuf)>, csp: bool) {
    let server = Arc::new(server);
    let mounts = Arc::new(mounts);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, mounts) = (server.clone(), mounts.clone());
            std::thread::spawn(move || {
                for req in server.incoming_requests() {
                    respond(req, &mounts, csp);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
}

fn respond(req: Request, mounts: &[(String, PathBuf)], csp: bool) {
    let url = req.url().to_string();
    let found = mount_for(mounts, &url).and_then(|(root, rest)| resolve(root, rest));
    let (status, body, ctype) = match found.map(|p| (fs::read(&p), p)) {
        Some((Ok(b), p)) => (200, b, content_type(&p)),
        _ => (404, b"not found".to_vec(), "text/plain; charset=utf-8"),
    };
    let mut resp = Response::from_data(body).with_status_code(status);
    let mut headers = vec![
        ("Content-Type", ctype),
        ("Cache-Control", "no-cache"),
        ("X-Content-Type-Options", "nosniff"),
        // A static dev server gains nothing from keep-alive, and an idle
        // kept-alive socket must never hold a worker.
        ("Connection", "close"),
    ];
    if csp {
        headers.push(("Content-Security-Policy", CSP));
    }
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            resp.add_header(h);
        }
    }
    let _ = req.respond(resp);
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
