//! `cargo xtask run`: build the app in release mode and start the server that serves it.

use std::env;
use std::fs;

use crate::cmd::{Cmd, Result, root, target_dir};
use crate::install::{self, Tool};

const DEFAULT_ADDR: &str = "127.0.0.1:8080";
const DEFAULT_DATABASE: &str = "sqlite://data/linli.db";

/// The people the server seeds into a new database (server/src/seed.rs; also in the README):
/// name, kiosk card number, phone number, PIN.
const DEMO_SIGN_INS: [(&str, &str, &str, &str); 5] = [
    ("王秀英", "10000001", "13800000001", "123456"),
    ("李建国", "10000002", "13800000002", "234567"),
    ("张桂兰", "10000003", "13800000003", "345678"),
    ("陈志明", "10000004", "13800000004", "456789"),
    ("刘淑芬", "10000005", "13800000005", "567890"),
];

pub fn run() -> Result {
    install::ensure(&[
        Tool::WasmTarget,
        Tool::NodeModules,
        Tool::WasmBindgen,
        Tool::Trunk,
    ])?;
    build_app()?;
    Cmd::new("cargo")
        .args([
            "build",
            "--release",
            "-p",
            "server",
            "--bin",
            "linli-server",
        ])
        .run()?;

    let addr = var("LINLI_ADDR").unwrap_or_else(|| DEFAULT_ADDR.into());
    let database = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE.into());
    if database == DEFAULT_DATABASE {
        let data = root().join("data");
        fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    }
    print_welcome(&addr);

    // exec, not spawn: Ctrl-C then goes straight to the server, which shuts down gracefully,
    // and its exit code becomes ours. LINLI_ADDR and LINLI_SEED pass through as they are.
    Cmd::new(
        &target_dir()
            .join("release")
            .join("linli-server")
            .to_string_lossy(),
    )
    .env("LINLI_DIST", root().join("dist"))
    .env("DATABASE_URL", &database)
    .exec()
}

/// `trunk build --release` → dist/. Shared with the test suite's build stage.
pub fn build_app() -> Result {
    // trunk checks crates.io for a newer trunk on every build; that is noise here, and a
    // network call CI does not need.
    Cmd::new("trunk")
        .args(["build", "--release"])
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .run()
}

fn var(name: &str) -> Option<String> {
    env::var(name).ok().filter(|value| !value.trim().is_empty())
}

fn print_welcome(addr: &str) {
    // A server listening on every interface is still reached locally through 127.0.0.1.
    let host = match addr.strip_prefix("0.0.0.0:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => addr.to_string(),
    };
    println!();
    println!("Linli is starting on http://{host}  (Ctrl-C stops it)");
    println!();
    println!("  Kiosk (community centre screen):  http://{host}/?mode=kiosk");
    println!("  Phone (personal device):          http://{host}/");
    println!();
    println!("  Demo sign-ins (kiosk: card number + PIN; phone: phone number + PIN)");
    // Spaces, not width specifiers: each name is three double-width characters.
    println!("    name      card       phone         PIN");
    for (name, card, phone, pin) in DEMO_SIGN_INS {
        println!("    {name}    {card}   {phone}   {pin}");
    }
    println!();
}
