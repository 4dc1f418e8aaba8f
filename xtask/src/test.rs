//! `cargo xtask test`: every gate CI runs, in order, failing fast.
//!
//! Each stage can also run alone (`--stage NAME`) so one piece can be checked or debugged
//! without the rest. A summary table with each stage's time ends every run, passed or failed.

use std::path::Path;
use std::time::Instant;

use crate::cmd::{Cmd, Result, root, target_dir};
use crate::install::{self, CHROMEDRIVER, Tool};

/// One step of the suite.
struct Stage {
    name: &'static str,
    about: &'static str,
    needs: &'static [Tool],
    run: fn() -> Result,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "fmt",
        about: "cargo fmt --all --check",
        needs: &[Tool::RustComponents],
        run: fmt,
    },
    Stage {
        name: "clippy",
        about: "clippy -D warnings, native workspace and the app for wasm32",
        needs: &[Tool::RustComponents, Tool::WasmTarget],
        run: clippy,
    },
    Stage {
        name: "test",
        about: "cargo test --workspace (native unit and integration tests)",
        needs: &[],
        run: native_tests,
    },
    Stage {
        name: "wasm",
        about: "the app's wasm-bindgen tests in headless Chromium",
        needs: &[Tool::WasmTarget, Tool::WasmBindgen, Tool::Chromium],
        run: wasm_tests,
    },
    Stage {
        name: "build",
        about: "release build of the app (trunk → dist/) and the server binary",
        needs: &[
            Tool::WasmTarget,
            Tool::NodeModules,
            Tool::WasmBindgen,
            Tool::Trunk,
        ],
        run: build,
    },
    Stage {
        name: "e2e",
        about: "Playwright against the real server serving dist/",
        needs: &[Tool::NodeModules, Tool::Chromium],
        run: e2e,
    },
];

pub fn list() {
    println!("Stages of `cargo xtask test`, in order:");
    for stage in STAGES {
        println!("  {:<7} {}", stage.name, stage.about);
    }
}

/// Runs the named stages (all when `names` is empty) in suite order, after installing what
/// they need.
pub fn run(names: &[String]) -> Result {
    for name in names {
        if !STAGES.iter().any(|stage| stage.name == name) {
            let known: Vec<_> = STAGES.iter().map(|stage| stage.name).collect();
            return Err(format!(
                "unknown stage `{name}`; stages are: {}",
                known.join(", ")
            ));
        }
    }
    let chosen: Vec<&Stage> = STAGES
        .iter()
        .filter(|stage| names.is_empty() || names.iter().any(|name| name == stage.name))
        .collect();
    let needs: Vec<Tool> = chosen
        .iter()
        .flat_map(|stage| stage.needs.iter().copied())
        .collect();

    // Installing is timed and reported like a stage, so a slow first run explains itself.
    type Run<'a> = Box<dyn Fn() -> Result + 'a>;
    let mut steps: Vec<(&str, &str, Run)> = vec![(
        "install",
        "install whatever is missing",
        Box::new(move || install::ensure(&needs)),
    )];
    steps.extend(
        chosen
            .iter()
            .map(|stage| (stage.name, stage.about, Box::new(stage.run) as Run)),
    );

    let mut rows = Vec::new();
    let mut failure = None;
    let total = steps.len();
    for (index, (name, about, step)) in steps.into_iter().enumerate() {
        if failure.is_some() {
            rows.push(Row {
                name,
                seconds: None,
                result: "not run",
            });
            continue;
        }
        banner(index + 1, total, name, about);
        let started = Instant::now();
        let outcome = step();
        let seconds = Some(started.elapsed().as_secs_f64());
        match outcome {
            Ok(()) => rows.push(Row {
                name,
                seconds,
                result: "ok",
            }),
            Err(e) => {
                rows.push(Row {
                    name,
                    seconds,
                    result: "FAILED",
                });
                failure = Some(format!("stage `{name}` failed: {e}"));
            }
        }
    }
    summary(&rows);
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

struct Row {
    name: &'static str,
    seconds: Option<f64>,
    result: &'static str,
}

fn banner(index: usize, total: usize, name: &str, about: &str) {
    let line = "=".repeat(72);
    println!("\n{line}\n[{index}/{total}] {name}: {about}\n{line}");
}

fn summary(rows: &[Row]) {
    println!("\n{:<8} {:>8}  result", "stage", "seconds");
    for row in rows {
        let seconds = row
            .seconds
            .map_or_else(|| "-".to_string(), |s| format!("{s:.1}"));
        println!("{:<8} {:>8}  {}", row.name, seconds, row.result);
    }
    let total: f64 = rows.iter().filter_map(|row| row.seconds).sum();
    println!("{:<8} {:>8.1}", "total", total);
}

fn fmt() -> Result {
    Cmd::new("cargo").args(["fmt", "--all", "--check"]).run()
}

fn clippy() -> Result {
    Cmd::new("cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()?;
    // The app's browser-only code (web-sys, cfg(target_arch = "wasm32")) is linted only here.
    Cmd::new("cargo")
        .args([
            "clippy",
            "-p",
            "app",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()
}

fn native_tests() -> Result {
    Cmd::new("cargo").args(["test", "--workspace"]).run()
}

fn wasm_tests() -> Result {
    // From app/, so app/.cargo/config.toml (runner = wasm-bindgen-test-runner) and
    // app/webdriver.json (Chromium's flags) apply.
    Cmd::new("cargo")
        .args(["test", "-p", "app", "--target", "wasm32-unknown-unknown"])
        .cwd("app")
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .run()
}

fn build() -> Result {
    crate::run::build_app()?;
    // Debug is enough for the e2e tests and much quicker to build; playwright.config.ts starts it.
    Cmd::new("cargo")
        .args(["build", "-p", "server", "--bin", "linli-server"])
        .run()
}

fn e2e() -> Result {
    let server = target_dir().join("debug").join("linli-server");
    let index = root().join("dist").join("index.html");
    for built in [&server, &index] {
        if !Path::new(built).is_file() {
            return Err(format!(
                "{} is missing; run `cargo xtask test --stage build` first",
                built.display()
            ));
        }
    }
    // playwright.config.ts reads LINLI_SERVER_BIN, in case CARGO_TARGET_DIR moved the binary.
    Cmd::new("npx")
        .args(["playwright", "test"])
        .cwd("e2e")
        .env("LINLI_SERVER_BIN", &server)
        .run()
}
