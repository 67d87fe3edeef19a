//! What the WebKit part of the cross-engine suite needs running: a virtual X
//! display (Xvfb) and WebKitWebDriver on a free loopback port. Started here,
//! and stopped by their process ids when the returned guard drops.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::tools;

/// Xvfb and WebKitWebDriver, killed on drop.
pub struct WebKit {
    xvfb: Child,
    driver: Child,
    /// `:N`, for `DISPLAY`.
    pub display: String,
    /// `http://127.0.0.1:PORT`, for selenium-webdriver.
    pub driver_url: String,
}

impl Drop for WebKit {
    fn drop(&mut self) {
        // The driver first: it leads a process group with the MiniBrowsers it
        // started, so a test that died mid-session leaves no browser behind.
        stop(&mut self.driver, true);
        // Asked, not killed: Xvfb removes its socket and lock file on SIGTERM.
        stop(&mut self.xvfb, false);
    }
}

/// SIGTERM to the process (or its group), then SIGKILL if it is still there after 3 s.
fn stop(child: &mut Child, group: bool) {
    let target = if group {
        format!("-{}", child.id())
    } else {
        child.id().to_string()
    };
    let _ = Command::new("kill")
        .args(["-TERM", "--", &target])
        .stderr(Stdio::null())
        .status();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Starts Xvfb on a free display and WebKitWebDriver on a free loopback port.
pub fn start_webkit() -> Result<WebKit> {
    use std::os::unix::process::CommandExt;
    let n = (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        })
        .context("no free X display number between :90 and :199")?;
    let display = format!(":{n}");
    let mut xvfb = Command::new(tools::XVFB)
        .args([&display, "-nolisten", "tcp", "-screen", "0", "1400x1000x24"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("starting Xvfb")?;
    if !wait_for(|| Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()) {
        stop(&mut xvfb, false);
        bail!("Xvfb did not open display {display} within 10 s");
    }
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let driver = Command::new(tools::WEBKIT_DRIVER)
        .arg(format!("--port={port}"))
        .arg("--host=127.0.0.1")
        .env("DISPLAY", &display)
        .stdout(Stdio::null())
        .process_group(0)
        .spawn();
    let mut driver = match driver {
        Ok(d) => d,
        Err(e) => {
            stop(&mut xvfb, false);
            bail!("starting WebKitWebDriver: {e}");
        }
    };
    if !wait_for(|| TcpStream::connect(("127.0.0.1", port)).is_ok()) {
        stop(&mut driver, true);
        stop(&mut xvfb, false);
        bail!("WebKitWebDriver did not listen on 127.0.0.1:{port} within 10 s");
    }
    Ok(WebKit {
        xvfb,
        driver,
        display,
        driver_url: format!("http://127.0.0.1:{port}"),
    })
}

fn wait_for(ok: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}
