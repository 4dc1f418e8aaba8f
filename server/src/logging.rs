//! Structured logs: JSON lines when not on a terminal (or `LINLI_LOG_FORMAT=json`),
//! readable text on a terminal. `RUST_LOG` filters as usual.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let json = match std::env::var("LINLI_LOG_FORMAT").as_deref() {
        Ok("json") => true,
        Ok("text") => false,
        _ => !std::io::stdout().is_terminal(),
    };
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // try_init: tests may call this more than once.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
