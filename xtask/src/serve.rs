//! `cargo xtask serve [--port N] [--csp] [--no-build]`: serves `dist/` on
//! 127.0.0.1 with correct types (`application/wasm`) and no way out of the
//! served folders. Plain `std::net`, one request per connection: tiny_http
//! 0.12 left Chromium page loads pending (reproduced in the e2e suite), and a
//! static dev server needs no more than GET/HEAD and a status line. At most
//! [`Limits::workers`] connections are served at once and each must send its
//! request head within [`Limits::idle`], so idle or trickling clients cannot
//! pile up threads.

use std::fs;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};

use crate::build;
use crate::cli::{unexpected, Args, Long};

/// The strict policy the demo must work under (DESIGN: no inline scripts or styles).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const USAGE: &str = "cargo xtask serve [--port N] [--csp] [--no-build]";

pub fn run(args: &[String]) -> Result<()> {
    let mut a = Args::new(args, USAGE);
    let (mut port, mut csp, mut no_build) = (8080u16, false, false);
    while let Some(arg) = a.next()? {
        match arg {
            Long("port") => port = a.value("--port")?,
            Long("csp") => csp = true,
            Long("no-build") => no_build = true,
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let dist = if no_build {
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
    serve_forever(listener, vec![(String::new(), dist)], csp, Limits::DEFAULT);
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
    let handle = std::thread::spawn(move || serve_forever(listener, mounts, csp, Limits::DEFAULT));
    Ok((format!("http://{addr}"), handle))
}

/// How much one server takes on.
#[derive(Clone, Copy)]
struct Limits {
    /// Connections served at once; further ones wait in the listen backlog.
    workers: usize,
    /// Time a connection has to send its whole request head.
    idle: Duration,
}

impl Limits {
    /// A browser opens ~6 connections per host; the e2e suite and the bench
    /// run one page at a time, so 32 never makes a page wait.
    const DEFAULT: Limits = Limits {
        workers: 32,
        idle: Duration::from_secs(10),
    };
}

/// The largest request head read; a static file server needs a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// A counter of busy workers that [`Slots::take`] waits on at the limit.
struct Slots {
    busy: Mutex<usize>,
    freed: Condvar,
}

impl Slots {
    fn take(&self, max: usize) {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        while *busy >= max {
            busy = self.freed.wait(busy).unwrap_or_else(|e| e.into_inner());
        }
        *busy += 1;
    }

    fn give(&self) {
        let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        *busy = busy.saturating_sub(1);
        self.freed.notify_one();
    }
}

/// One thread per connection, one request per connection (`Connection:
/// close`): a static dev server has no need for keep-alive, and without it
/// no client's idle or half-read socket can hold up another's request.
/// The accept loop waits for a free slot before it accepts.
fn serve_forever(listener: TcpListener, mounts: Vec<(String, PathBuf)>, csp: bool, limits: Limits) {
    let mounts = Arc::new(mounts);
    let slots = Arc::new(Slots {
        busy: Mutex::new(0),
        freed: Condvar::new(),
    });
    loop {
        slots.take(limits.workers);
        let stream = match listener.accept() {
            Ok((s, _)) => s,
            Err(_) => {
                // Out of descriptors, say: wait rather than spin.
                slots.give();
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        let (mounts, slots) = (mounts.clone(), slots.clone());
        std::thread::spawn(move || {
            let _ = answer(stream, &mounts, csp, limits.idle);
            slots.give();
        });
    }
}

/// Reads up to the blank line that ends the request head, within `idle` in
/// all (a client trickling a byte at a time gets no longer) and
/// [`MAX_HEAD`] bytes; `None` when the client is too slow, too long or gone.
fn read_head(stream: &mut TcpStream, idle: Duration) -> Option<String> {
    let deadline = Instant::now() + idle;
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && !head.windows(2).any(|w| w == b"\n\n") {
        let left = deadline.checked_duration_since(Instant::now())?;
        if left.is_zero() || head.len() > MAX_HEAD {
            return None;
        }
        stream.set_read_timeout(Some(left)).ok()?;
        match stream.read(&mut buf) {
            Ok(0) => return None,
            Ok(n) => head.extend_from_slice(buf.get(..n)?),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    String::from_utf8(head).ok()
}

fn answer(
    mut stream: TcpStream,
    mounts: &[(String, PathBuf)],
    csp: bool,
    idle: Duration,
) -> std::io::Result<()> {
    let Some(head) = read_head(&mut stream, idle) else {
        return Ok(());
    };
    stream.set_write_timeout(Some(idle * 3))?;
    let line = head.lines().next().unwrap_or("");
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

    /// A server over a folder holding `index.html`, with small limits.
    fn small_server(name: &str, limits: Limits) -> (std::net::SocketAddr, PathBuf) {
        let dir = std::env::temp_dir().join(format!("lvdong-{name}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), "hello").unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mounts = vec![(String::new(), dir.clone())];
        std::thread::spawn(move || serve_forever(listener, mounts, false, limits));
        (addr, dir)
    }

    /// Sends a GET and returns the whole answer ("" when the server closed first).
    fn get(addr: std::net::SocketAddr) -> std::io::Result<String> {
        let mut s = TcpStream::connect(addr)?;
        s.set_read_timeout(Some(Duration::from_secs(5)))?;
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")?;
        let mut out = String::new();
        s.read_to_string(&mut out)?;
        Ok(out)
    }

    #[test]
    fn idle_and_trickling_connections_are_closed_after_the_timeout() {
        let idle = Duration::from_millis(400);
        let (addr, dir) = small_server("idle", Limits { workers: 4, idle });
        assert!(get(addr).unwrap().ends_with("hello"));

        // Says nothing: closed (read gives 0) soon after the timeout.
        let mut silent = TcpStream::connect(addr).unwrap();
        silent
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let t = Instant::now();
        assert_eq!(silent.read(&mut [0u8; 16]).unwrap_or(0), 0);
        assert!(
            t.elapsed() >= idle && t.elapsed() < Duration::from_secs(3),
            "{:?}",
            t.elapsed()
        );

        // A byte every 100 ms never finishes its head: the deadline is for the whole head.
        let mut slow = TcpStream::connect(addr).unwrap();
        let t = Instant::now();
        let mut closed = false;
        for b in b"GET / HTTP/1.1\r\nHost: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" {
            std::thread::sleep(Duration::from_millis(100));
            if slow.write_all(&[*b]).is_err() {
                closed = true;
                break;
            }
        }
        slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut answer = String::new();
        let _ = slow.read_to_string(&mut answer);
        assert!(
            closed || answer.is_empty(),
            "a trickled head was answered: {answer}"
        );
        assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn connections_beyond_the_worker_limit_wait_for_a_free_worker() {
        let limits = Limits {
            workers: 2,
            idle: Duration::from_secs(30),
        };
        let (addr, dir) = small_server("workers", limits);
        // Two idle connections take both workers…
        let held: Vec<TcpStream> = (0..2).map(|_| TcpStream::connect(addr).unwrap()).collect();
        std::thread::sleep(Duration::from_millis(200));
        // …so a third request is not answered (no third thread)…
        let waiting = std::thread::spawn(move || (Instant::now(), get(addr)));
        std::thread::sleep(Duration::from_millis(600));
        assert!(
            !waiting.is_finished(),
            "a third connection was served beside two busy workers"
        );
        // …until one of them goes away.
        drop(held);
        let (started, answer) = waiting.join().unwrap();
        assert!(answer.unwrap().ends_with("hello"));
        assert!(started.elapsed() < Duration::from_secs(5));
        fs::remove_dir_all(&dir).unwrap();
    }
}
