//! A real server on an ephemeral port with a fresh SQLite file and a clock the test
//! controls, driven through the real `api::Client`.

#![allow(dead_code)] // each test binary uses its own part of the harness

use std::time::Duration;

use api::{Client, Fulfilment, MealKind, MealSlot, SignInRequest};
use chrono::{DateTime, FixedOffset, Utc};
use linli_server::{Clock, Config, Running, Seed, db::Db};
use tempfile::TempDir;

/// Monday 4 March 2030, 08:00 in Beijing: before the day's lunch cutoff (09:30).
pub const START: &str = "2030-03-04T08:00:00+08:00";

pub const WANG: (&str, &str) = ("10000001", "123456");
pub const LI: (&str, &str) = ("10000002", "234567");
pub const ZHANG: (&str, &str) = ("10000003", "345678");

pub struct TestServer {
    pub running: Running,
    pub clock: Clock,
    pub base: String,
    _dir: TempDir,
}

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let start: DateTime<FixedOffset> = START.parse().expect("start time");
        let clock = Clock::manual(start.with_timezone(&Utc));
        let config = Config {
            addr: "127.0.0.1:0".parse().expect("addr"),
            database_url: format!("sqlite://{}", dir.path().join("linli.db").display()),
            dist: None,
            seed: Seed::Demo,
            tz: *start.offset(),
            session_ttl: Duration::from_secs(12 * 3600),
            allowed_origins: vec!["https://kiosk.example.org".into()],
        };
        let running = linli_server::start(config, clock.clone())
            .await
            .expect("server starts");
        let base = format!("http://{}", running.addr);
        TestServer {
            running,
            clock,
            base,
            _dir: dir,
        }
    }

    pub fn db(&self) -> &Db {
        &self.running.state.db
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    /// Signs in and returns a client acting for the signed-in elder.
    pub async fn sign_in(&self, (account, pin): (&str, &str)) -> Client {
        let resp = self
            .client()
            .sign_in(&SignInRequest {
                account: account.into(),
                pin: pin.into(),
            })
            .await
            .expect("sign in");
        self.client()
            .with_token(resp.token)
            .acting_for(resp.me.person.id)
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }
}

/// The slot for `meal` on the day `days_ahead` after the start day.
pub async fn slot(client: &Client, days_ahead: u64, meal: MealKind) -> MealSlot {
    let start: DateTime<FixedOffset> = START.parse().expect("start time");
    let date = start.date_naive() + chrono::Days::new(days_ahead);
    client
        .meal_slots(1, Some(date), Some(1))
        .await
        .expect("slots")
        .into_iter()
        .find(|s| s.meal == meal)
        .expect("the demo publishes lunch and dinner every day")
}

pub fn meal(slot_id: i64, fulfilment: Fulfilment) -> api::CreateBookingRequest {
    api::CreateBookingRequest::Meal {
        slot_id,
        fulfilment,
    }
}

/// A fresh idempotency key.
pub fn key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "test-key-{:08}-{}",
        N.fetch_add(1, Ordering::Relaxed),
        std::process::id()
    )
}

/// The problem type slug of an error, for terse assertions.
pub fn slug<T: std::fmt::Debug>(r: Result<T, api::ApiError>) -> &'static str {
    match r {
        Err(api::ApiError::Problem(p)) => p.kind.slug(),
        other => panic!("expected a problem, got {other:?}"),
    }
}
