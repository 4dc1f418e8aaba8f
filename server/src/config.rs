//! Configuration from the environment (ARCHITECTURE.md "Running the server": a stable interface).

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use chrono::FixedOffset;

/// What to put in a new, empty database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The 阳光社区 demo: people, a canteen with two weeks of menus, other providers.
    Demo,
    None,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub database_url: String,
    /// The built app to serve; `None` serves the API only.
    pub dist: Option<PathBuf>,
    pub seed: Seed,
    /// The community's time zone. Mainland China has one offset and no daylight saving.
    pub tz: FixedOffset,
    /// How long a sign-in lasts before the person must sign in again.
    pub session_ttl: Duration,
    /// Other origins whose app (pointed here by its `config.json`) may call the API.
    pub allowed_origins: Vec<String>,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr = var("LINLI_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr = addr
            .parse()
            .map_err(|e| format!("LINLI_ADDR={addr:?}: {e}"))?;
        let dist = PathBuf::from(var("LINLI_DIST").unwrap_or_else(|| "dist".into()));
        let seed = match var("LINLI_SEED").as_deref() {
            None | Some("demo") => Seed::Demo,
            Some("none") => Seed::None,
            Some(other) => return Err(format!("LINLI_SEED={other:?}: expected demo or none")),
        };
        let tz = var("LINLI_TZ").unwrap_or_else(|| "+08:00".into());
        let tz = tz
            .parse()
            .map_err(|e| format!("LINLI_TZ={tz:?}: expected like +08:00 ({e})"))?;
        let hours = var("LINLI_SESSION_HOURS").unwrap_or_else(|| "12".into());
        let hours: u64 = hours
            .parse()
            .map_err(|e| format!("LINLI_SESSION_HOURS={hours:?}: {e}"))?;
        Ok(Config {
            addr,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite://data/linli.db".into()),
            dist: dist.join("index.html").is_file().then_some(dist),
            seed,
            tz,
            session_ttl: Duration::from_secs(hours * 3600),
            allowed_origins: var("LINLI_ALLOWED_ORIGINS")
                .map(|v| {
                    v.split(',')
                        .map(|o| o.trim().trim_end_matches('/').to_owned())
                        .filter(|o| !o.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        })
    }
}
