//! Command-line arguments for every command, through `lexopt`: each command
//! names its flags in one `match` and ends it with `other => return
//! Err(unexpected(other, USAGE))`, so anything else (an unknown flag, a stray
//! argument, a missing or unreadable value) is an error with its usage line.

use std::ffi::OsString;
use std::str::FromStr;

use anyhow::{anyhow, Error, Result};
pub use lexopt::Arg::{Long, Value};

/// One command's arguments, with the usage line its errors end with.
pub struct Args {
    parser: lexopt::Parser,
    usage: &'static str,
}

impl Args {
    /// `usage` is the command's line, e.g. `cargo xtask render --out DIR`.
    pub fn new(args: &[String], usage: &'static str) -> Self {
        Args {
            parser: lexopt::Parser::from_args(args.iter().map(OsString::from)),
            usage,
        }
    }

    /// The next flag or argument, or `None` at the end.
    pub fn next(&mut self) -> Result<Option<lexopt::Arg<'_>>> {
        let usage = self.usage;
        self.parser.next().map_err(|e| usage_error(e, usage))
    }

    /// The value of the flag just returned by [`Args::next`], parsed as `T`;
    /// `flag` names it in the error (`--port takes a number: …`).
    pub fn value<T: FromStr>(&mut self, flag: &str) -> Result<T>
    where
        T::Err: std::fmt::Display,
    {
        let usage = self.usage;
        let raw = self
            .parser
            .value()
            .map_err(|e| usage_error(e, usage))?
            .into_string()
            .map_err(|v| anyhow!("{flag}: not valid UTF-8 ({v:?})\n\nusage: {usage}"))?;
        raw.parse()
            .map_err(|e| anyhow!("{flag}: cannot read {raw:?}: {e}\n\nusage: {usage}"))
    }
}

/// The error for an argument the command's `match` did not take.
pub fn unexpected(arg: lexopt::Arg<'_>, usage: &str) -> Error {
    usage_error(arg.unexpected(), usage)
}

/// For a command that takes no arguments: refuses any.
pub fn none(args: &[String], usage: &'static str) -> Result<()> {
    let mut a = Args::new(args, usage);
    match a.next()? {
        Some(arg) => Err(unexpected(arg, usage)),
        None => Ok(()),
    }
}

fn usage_error(e: lexopt::Error, usage: &str) -> Error {
    anyhow!("{e}\n\nusage: {usage}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// A command like `serve`: `--port N` and `--csp`.
    fn serve_like(v: &[&str]) -> Result<(u16, bool)> {
        const USAGE: &str = "cargo xtask serve [--port N] [--csp]";
        let mut a = Args::new(&args(v), USAGE);
        let (mut port, mut csp) = (8080, false);
        while let Some(arg) = a.next()? {
            match arg {
                Long("port") => port = a.value("--port")?,
                Long("csp") => csp = true,
                other => return Err(unexpected(other, USAGE)),
            }
        }
        Ok((port, csp))
    }

    #[test]
    fn known_flags_are_read() {
        assert_eq!(serve_like(&[]).unwrap(), (8080, false));
        assert_eq!(
            serve_like(&["--port", "9000", "--csp"]).unwrap(),
            (9000, true)
        );
        assert_eq!(serve_like(&["--port=9001"]).unwrap(), (9001, false));
    }

    #[test]
    fn unknown_flags_and_arguments_are_refused_with_the_usage() {
        for bad in [&["--prot", "9000"][..], &["extra"], &["-x"], &["--csp=yes"]] {
            let e = serve_like(bad).unwrap_err().to_string();
            assert!(
                e.contains("usage: cargo xtask serve [--port N] [--csp]"),
                "{bad:?}: {e}"
            );
        }
        let e = serve_like(&["--prot"]).unwrap_err().to_string();
        assert!(e.contains("--prot"), "{e}");
        let e = serve_like(&["--port"]).unwrap_err().to_string();
        assert!(e.contains("missing argument"), "{e}");
        let e = serve_like(&["--port", "eighty"]).unwrap_err().to_string();
        assert!(e.contains("--port: cannot read \"eighty\""), "{e}");
    }
}
