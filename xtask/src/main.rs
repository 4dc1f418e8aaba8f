//! Linli's project commands: `cargo xtask run` and `cargo xtask test` (see README.md).
//!
//! Standard library only, so a fresh clone compiles it in seconds.

mod cmd;
mod install;
mod run;
mod test;

use std::process::ExitCode;

use cmd::Result;

const USAGE: &str = "\
Linli project commands

USAGE:
    cargo xtask run                  install what is missing, build the app (release) and start
                                     the server on http://127.0.0.1:8080 (Ctrl-C stops it)
    cargo xtask test                 install what is missing, then run every check CI runs:
                                     fmt, clippy, test, wasm, build, e2e
    cargo xtask test --stage NAME    run only the named stage(s); repeat or comma-separate
    cargo xtask test --list          list the stages
    cargo xtask install              only install what is missing (trunk, wasm-bindgen-cli,
                                     the wasm32 target, e2e npm packages, Chromium)
    cargo xtask help                 show this

The first run on a fresh machine spends about 11 minutes installing, mostly compiling trunk.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result {
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("help", &[][..]),
    };
    match command {
        "run" if rest.is_empty() => run::run(),
        "install" if rest.is_empty() => install::ensure(&install::Tool::ALL),
        "test" => test_command(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown command `{}`\n\n{USAGE}", args.join(" "))),
    }
}

fn test_command(args: &[String]) -> Result {
    let mut stages = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--list" => {
                test::list();
                return Ok(());
            }
            "--stage" => args
                .next()
                .ok_or_else(|| format!("--stage needs a name\n\n{USAGE}"))?
                .as_str(),
            other => match other.strip_prefix("--stage=") {
                Some(value) => value,
                None => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
            },
        };
        stages.extend(value.split(',').map(|name| name.trim().to_string()));
    }
    test::run(&stages)
}
