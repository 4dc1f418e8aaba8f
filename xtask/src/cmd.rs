//! Process helpers shared by the installer, the test stages and `run`.
//!
//! Every child process gets the same PATH (cargo's bin directory and the npm tools first), runs
//! from the repository root unless told otherwise, and a failure becomes an error naming the
//! command and its exit code, so nothing is hidden behind an `unwrap()`.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// Errors are messages for a person: which command, what went wrong, what to do.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The repository root: the directory above `xtask/`.
pub fn root() -> PathBuf {
    // `cargo run` sets CARGO_MANIFEST_DIR for the program it runs; the compile-time value covers
    // running target/debug/xtask by hand.
    let manifest = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    match manifest.parent() {
        Some(parent) => parent.to_path_buf(),
        None => manifest,
    }
}

/// Where `cargo install` puts binaries: `$CARGO_HOME/bin`, by default `~/.cargo/bin`.
pub fn cargo_bin() -> PathBuf {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = env::var_os("HOME").unwrap_or_else(|| OsString::from("/root"));
            Path::new(&home).join(".cargo")
        });
    home.join("bin")
}

/// Where `npm ci` in e2e/ puts `wasm-opt` (npm binaryen) and `playwright`.
pub fn npm_bin() -> PathBuf {
    root().join("e2e").join("node_modules").join(".bin")
}

/// Cargo's target directory (honours CARGO_TARGET_DIR, like cargo does).
pub fn target_dir() -> PathBuf {
    match env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// PATH for children: a freshly installed trunk or wasm-bindgen is found even when the user's
/// shell has not picked up ~/.cargo/bin, and trunk finds npm's wasm-opt 132 before any other
/// (Debian's wasm-opt 108 builds an app that dies at load; see TOOLCHAIN.md).
fn tool_path() -> OsString {
    let mut dirs = vec![cargo_bin(), npm_bin()];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    // join_paths fails only if a directory contains ':'; then keep the user's PATH as it is.
    env::join_paths(dirs).unwrap_or_else(|_| env::var_os("PATH").unwrap_or_default())
}

/// A command to run, with the text shown to the user and used in error messages.
pub struct Cmd {
    inner: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: &str) -> Cmd {
        let mut inner = Command::new(program);
        inner.env("PATH", tool_path()).current_dir(root());
        Cmd {
            inner,
            shown: program.to_string(),
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            let arg = arg.as_ref();
            self.shown.push(' ');
            self.shown.push_str(&arg.to_string_lossy());
            self.inner.arg(arg);
        }
        self
    }

    pub fn arg(self, arg: impl AsRef<OsStr>) -> Cmd {
        self.args([arg])
    }

    /// Run in `dir` (relative to the repository root).
    pub fn cwd(mut self, dir: impl AsRef<Path>) -> Cmd {
        let dir = dir.as_ref();
        self.shown = format!("(cd {} && {})", dir.display(), self.shown);
        self.inner.current_dir(root().join(dir));
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        self.inner.env(key, value);
        self
    }

    /// Run with the terminal attached, and fail if it does not exit 0.
    pub fn run(mut self) -> Result {
        println!("$ {}", self.shown);
        let status = self
            .inner
            .status()
            .map_err(|e| format!("could not start `{}`: {e}", self.shown))?;
        check(&self.shown, status)
    }

    /// Run quietly and return stdout and stderr, or `None` if the program is missing or fails:
    /// for version probes, where "absent" and "broken" both mean "install it".
    pub fn probe(mut self) -> Option<String> {
        let out = self.inner.stdin(Stdio::null()).output().ok()?;
        if !out.status.success() {
            return None;
        }
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        Some(text)
    }

    /// Replace this process with the command, so Ctrl-C reaches it directly and its exit code
    /// is ours; returns only if it could not be started.
    #[cfg(unix)]
    pub fn exec(mut self) -> Result {
        use std::os::unix::process::CommandExt;
        println!("$ {}", self.shown);
        let e = self.inner.exec();
        Err(format!("could not start `{}`: {e}", self.shown))
    }

    #[cfg(not(unix))]
    pub fn exec(self) -> Result {
        self.run()
    }
}

fn check(shown: &str, status: ExitStatus) -> Result {
    if status.success() {
        return Ok(());
    }
    if let Some(code) = status.code() {
        return Err(format!("`{shown}` failed with exit code {code}"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Err(format!("`{shown}` was killed by signal {signal}"));
        }
    }
    Err(format!("`{shown}` failed ({status})"))
}
