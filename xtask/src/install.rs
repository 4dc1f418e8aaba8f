//! Installs what the build and the tests need, once.
//!
//! Each tool is checked with a quick version probe, so a second run installs nothing and takes
//! seconds. The versions come from shared/TOOLCHAIN.md: trunk uses a tool from PATH only when its
//! version equals the pin in Trunk.toml, and otherwise tries to download it from GitHub, which
//! these machines cannot reach.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use crate::cmd::{Cmd, Result, npm_bin, root};

/// trunk 0.22 needs rustc ≥ 1.96.1; the workspace is on 1.95.
const TRUNK_VERSION: &str = "0.21.14";
/// What `wasm-opt --version` prints for npm `binaryen@132.0.0` (pinned in e2e/package.json).
const WASM_OPT_VERSION: &str = "version_132";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Something a command needs before it can start.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    /// rustfmt and clippy (absent with rustup's "minimal" profile).
    RustComponents,
    WasmTarget,
    /// e2e/node_modules: Playwright, axe, and binaryen's wasm-opt for trunk.
    NodeModules,
    /// Chromium and chromedriver, for wasm-bindgen-test and Playwright.
    Chromium,
    /// wasm-bindgen-cli, which also provides wasm-bindgen-test-runner.
    WasmBindgen,
    Trunk,
}

impl Tool {
    /// Every tool, in the order they are checked: the quick ones first, so a missing
    /// prerequisite (npm, Chromium) is reported before minutes of compiling.
    pub const ALL: [Tool; 6] = [
        Tool::RustComponents,
        Tool::WasmTarget,
        Tool::NodeModules,
        Tool::Chromium,
        Tool::WasmBindgen,
        Tool::Trunk,
    ];
}

/// Makes sure every tool in `tools` is present at the right version, installing what is not.
pub fn ensure(tools: &[Tool]) -> Result {
    for tool in Tool::ALL.into_iter().filter(|tool| tools.contains(tool)) {
        match tool {
            Tool::RustComponents => rust_components()?,
            Tool::WasmTarget => wasm_target()?,
            Tool::NodeModules => node_modules()?,
            Tool::Chromium => chromium()?,
            Tool::WasmBindgen => wasm_bindgen()?,
            Tool::Trunk => trunk()?,
        }
    }
    Ok(())
}

fn present(what: &str) {
    println!("  ok  {what}");
}

fn installing(what: &str) {
    println!("  ..  installing {what}");
}

fn rust_components() -> Result {
    let fmt = Cmd::new("cargo").args(["fmt", "--version"]).probe();
    let clippy = Cmd::new("cargo").args(["clippy", "--version"]).probe();
    if fmt.is_some() && clippy.is_some() {
        present("rustfmt and clippy");
        return Ok(());
    }
    installing("rustfmt and clippy");
    Cmd::new("rustup")
        .args(["component", "add", "rustfmt", "clippy"])
        .run()
}

fn wasm_target() -> Result {
    let Some(installed) = Cmd::new("rustup")
        .args(["target", "list", "--installed"])
        .probe()
    else {
        return Err(
            "rustup not found: install Rust with rustup (https://rustup.rs); \
                    it is needed to add the wasm32-unknown-unknown target"
                .into(),
        );
    };
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        present(&format!("rust target {WASM_TARGET}"));
        return Ok(());
    }
    installing(&format!("rust target {WASM_TARGET}"));
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
}

fn node_modules() -> Result {
    let e2e = root().join("e2e");
    let installed = e2e.join("node_modules").join(".package-lock.json");
    let fresh = match (
        modified(&installed),
        modified(&e2e.join("package-lock.json")),
    ) {
        (Some(installed), Some(wanted)) => installed >= wanted,
        _ => false,
    };
    if fresh && wasm_opt_ok() {
        present(&format!("e2e/node_modules (wasm-opt {WASM_OPT_VERSION})"));
        return Ok(());
    }
    if Cmd::new("npm").arg("--version").probe().is_none() {
        return Err("npm not found: install Node.js 20 or newer with npm \
                    (Debian 12's own nodejs is 18; use nodejs.org or NodeSource)"
            .into());
    }
    installing("e2e/node_modules (npm ci)");
    // `npm ci` installs exactly package-lock.json. Playwright must not fetch its own browser
    // (it comes from GitHub-hosted CDNs); the tests use Debian's Chromium.
    Cmd::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .cwd("e2e")
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .run()?;
    if !wasm_opt_ok() {
        return Err(format!(
            "after `npm ci`, {}/wasm-opt does not report {WASM_OPT_VERSION}; \
             check that e2e/package.json pins binaryen 132.0.0",
            npm_bin().display()
        ));
    }
    Ok(())
}

fn wasm_opt_ok() -> bool {
    let wasm_opt = npm_bin().join("wasm-opt");
    Cmd::new(&wasm_opt.to_string_lossy())
        .arg("--version")
        .probe()
        .is_some_and(|out| out.contains(WASM_OPT_VERSION))
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

fn chromium() -> Result {
    if Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file() {
        present(&format!("{CHROMIUM} and {CHROMEDRIVER}"));
        return Ok(());
    }
    let debian = Path::new("/etc/debian_version").is_file();
    let is_root = Cmd::new("id")
        .arg("-u")
        .probe()
        .is_some_and(|uid| uid.trim() == "0");
    if !(debian && is_root) {
        return Err(format!(
            "Chromium is missing (need {CHROMIUM} and {CHROMEDRIVER}). On Debian install it with\n\
             \n    sudo apt-get install -y chromium chromium-driver\n\n\
             and run this command again."
        ));
    }
    installing("chromium and chromium-driver (apt-get)");
    Cmd::new("apt-get")
        .arg("update")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Cmd::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
}

fn wasm_bindgen() -> Result {
    // The CLI must equal the library version in Cargo.lock, or the generated JS glue does not
    // match the wasm (and trunk would try to download the matching one).
    let version = locked_version(&read_lock()?, "wasm-bindgen")?;
    check_trunk_pin(&version)?;
    if version_is("wasm-bindgen", &version) {
        present(&format!("wasm-bindgen {version}"));
        return Ok(());
    }
    installing(&format!(
        "wasm-bindgen-cli {version} (one time, ~3 min of compiling)"
    ));
    // Without --locked: its lock file pins a dependency version the registry lacks (TOOLCHAIN.md).
    // A bare version is exact for `cargo install`.
    Cmd::new("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &version])
        .run()
}

/// Trunk.toml pins wasm-bindgen too; if it lags behind Cargo.lock, trunk ignores the installed
/// CLI and fails trying to download the pinned one, with an error that does not say why.
fn check_trunk_pin(locked: &str) -> Result {
    let Ok(trunk_toml) = fs::read_to_string(root().join("Trunk.toml")) else {
        return Ok(());
    };
    let pinned = trunk_toml
        .lines()
        .find_map(|line| string_value(line.trim(), "wasm_bindgen"));
    match pinned {
        Some(pinned) if pinned != locked => Err(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {locked}; \
             make them equal"
        )),
        _ => Ok(()),
    }
}

fn trunk() -> Result {
    if version_is("trunk", TRUNK_VERSION) {
        present(&format!("trunk {TRUNK_VERSION}"));
        return Ok(());
    }
    installing(&format!(
        "trunk {TRUNK_VERSION} (one time, ~8 min of compiling)"
    ));
    Cmd::new("cargo")
        .args(["install", "trunk", "--locked", "--version", TRUNK_VERSION])
        .run()
}

/// Whether `<program> --version` prints "<program> <version>".
fn version_is(program: &str, version: &str) -> bool {
    Cmd::new(program)
        .arg("--version")
        .probe()
        .is_some_and(|out| out.split_whitespace().nth(1) == Some(version))
}

fn read_lock() -> Result<String> {
    let path = root().join("Cargo.lock");
    fs::read_to_string(&path).map_err(|e| {
        format!(
            "cannot read {}: {e} (it is committed; `cargo generate-lockfile` recreates it)",
            path.display()
        )
    })
}

/// The version of package `name` in a Cargo.lock: the `version` that follows `name = "<name>"`
/// in a `[[package]]` entry. Two versions of one package are an error, since a single CLI
/// cannot match both.
pub fn locked_version(lock: &str, name: &str) -> Result<String> {
    let mut found = Vec::new();
    for entry in lock.split("[[package]]").skip(1) {
        let mut entry_name = None;
        let mut entry_version = None;
        for line in entry.lines() {
            let line = line.trim();
            // The entry ends at the next table header (e.g. `[[patch.unused]]`).
            if line.starts_with('[') {
                break;
            }
            if entry_name.is_none() {
                entry_name = string_value(line, "name");
            }
            if entry_version.is_none() {
                entry_version = string_value(line, "version");
            }
        }
        if entry_name == Some(name)
            && let Some(version) = entry_version
        {
            found.push(version.to_string());
        }
    }
    match found.as_slice() {
        [version] => Ok(version.clone()),
        [] => Err(format!("Cargo.lock has no package `{name}`")),
        many => Err(format!(
            "Cargo.lock has several versions of `{name}` ({}); the app needs exactly one",
            many.join(", ")
        )),
    }
}

/// `key = "value"` → `value`.
fn string_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let value = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    value.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::locked_version;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"
dependencies = [
 "wasm-bindgen",
]

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[patch.unused]]
name = "wasm-bindgen"
version = "9.9.9"
"#;

    #[test]
    fn finds_the_exact_package_not_its_namesakes() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen"), Ok("0.2.130".into()));
    }

    #[test]
    fn missing_and_duplicate_packages_are_errors() {
        assert!(locked_version(LOCK, "trunk").is_err());
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&twice, "wasm-bindgen").is_err());
    }
}
