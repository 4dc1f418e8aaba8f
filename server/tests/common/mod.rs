//! A real server on an ephemeral port with a fresh SQLite file and a clock the test
//! controls, driven through the real `api::Client`.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod family;
pub mod help;
pub mod meetings;

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
/// 陈志明: the one demo elder with a past (yesterday's lunch, a cleaning three days ago).
pub const CHEN: (&str, &str) = ("10000004", "456789");
/// 王丽, 王秀英's daughter (her password is in `family::DAUGHTER`).
pub const DAUGHTER_PHONE: &str = "13900000001";

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

    /// A signed-in client for an existing person acting for `elder`, without going through a
    /// sign-in endpoint (quicker than hashing a password): a session made as sign-in makes one.
    pub async fn session_for(&self, person_id: i64, elder: i64) -> Client {
        use linli_server::{auth, db::people};
        let (token, hash) = auth::new_token();
        let now = self.clock.unix();
        people::create_session(
            self.db(),
            &hash,
            person_id,
            people::Scope::Session,
            now,
            now + 3600,
        )
        .await
        .expect("session");
        self.client().with_token(token).acting_for(elder)
    }

    /// 王丽, signed in and acting for her mother 王秀英 (`elder`).
    pub async fn daughter_for(&self, elder: i64) -> Client {
        let daughter = linli_server::db::people::by_account(self.db(), DAUGHTER_PHONE)
            .await
            .expect("query")
            .expect("the demo has 王丽");
        self.session_for(daughter.id, elder).await
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
        address: None,
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

/// 周敏, the community's duty staff member.
pub const STAFF: (&str, &str) = ("13700000001", "linli-staff-2026");

/// The day `days_ahead` after the start day (day 6 is a Sunday).
pub fn day(days_ahead: u64) -> chrono::NaiveDate {
    let start: DateTime<FixedOffset> = START.parse().expect("start time");
    start.date_naive() + chrono::Days::new(days_ahead)
}

impl TestServer {
    /// Signs staff in and returns a client acting for `elder`.
    pub async fn staff_for(&self, elder: api::PersonId) -> Client {
        let resp = self
            .client()
            .staff_sign_in(&api::StaffSignInRequest {
                phone: STAFF.0.into(),
                password: STAFF.1.into(),
            })
            .await
            .expect("staff sign in");
        self.client().with_token(resp.token).acting_for(elder)
    }

    /// `n` more elders of the demo community, each signed in through the API.
    pub async fn many_elders(&self, n: usize) -> Vec<Client> {
        use linli_server::{
            auth,
            db::people::{self, NewElder},
        };
        let hash = auth::hash_secret("246810").expect("hash");
        let birth = chrono::NaiveDate::from_ymd_opt(1945, 6, 1).expect("date");
        for i in 0..n {
            let (name, card, phone) = (format!("长者{i}"), format!("3{i:07}"), format!("16{i:09}"));
            let elder = NewElder {
                community_id: 1,
                name: &name,
                card_number: &card,
                phone: &phone,
                secret_hash: &hash,
                birth_date: birth,
                address: "阳光社区 8 号楼",
            };
            people::insert_elder(self.db(), &elder, 0)
                .await
                .expect("insert elder");
        }
        let sign_ins = (0..n).map(|i| self.sign_in_owned(format!("3{i:07}"), "246810"));
        futures::future::join_all(sign_ins).await
    }

    async fn sign_in_owned(&self, account: String, pin: &str) -> Client {
        let client = self.client();
        let resp = client
            .sign_in(&SignInRequest {
                account,
                pin: pin.into(),
            })
            .await
            .expect("sign in");
        client.with_token(resp.token).acting_for(resp.me.person.id)
    }
}

/// The demo centre's session for `period` on the day `days_ahead` after the start day.
pub async fn session(
    client: &Client,
    days_ahead: u64,
    period: api::DaycarePeriod,
) -> api::DaycareSession {
    client
        .daycare_sessions(1, Some(day(days_ahead)), Some(1))
        .await
        .expect("sessions")
        .session(day(days_ahead), period)
        .cloned()
        .expect("the demo publishes every session on days the centre is open")
}

pub fn daycare(session_id: i64, transport: bool) -> api::CreateBookingRequest {
    api::CreateBookingRequest::Daycare {
        session_id,
        transport,
    }
}

/// The demo catalogue's service of `kind`.
pub async fn service(client: &Client, kind: api::VisitKind) -> api::VisitService {
    client
        .visit_services()
        .await
        .expect("services")
        .into_iter()
        .find(|s| s.kind == kind)
        .expect("the demo offers every kind of visit")
}

/// The window starting at `hour` on the day `days_ahead` after the start day.
pub async fn window(
    client: &Client,
    service_id: i64,
    days_ahead: u64,
    hour: u32,
) -> api::VisitWindow {
    use chrono::Timelike;
    client
        .visit_windows(service_id, Some(day(days_ahead)), Some(1))
        .await
        .expect("windows")
        .into_iter()
        .find(|w| w.starts_at.hour() == hour)
        .expect("the demo publishes windows from 08:00 to 18:00")
}

pub fn visit(service_id: i64, window_id: i64) -> api::CreateBookingRequest {
    api::CreateBookingRequest::Visit {
        service_id,
        window_id,
        address: None,
        note: None,
    }
}
