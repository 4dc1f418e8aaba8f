//! Load benchmark of the reference platform: sign-in, reading menus, and booking under
//! contention, against a real server and SQLite file. Run it in release mode:
//!
//!     cargo run --release -p server --example bench [elders] [places]
//!
//! It prints latency percentiles and throughput; figures go in the closing notes.

use std::time::{Duration, Instant};

use api::{Client, CreateBookingRequest, Fulfilment, SignInRequest};
use chrono::NaiveDate;
use futures::future::join_all;
use linli_server::{
    Clock, Config, Seed, auth,
    db::people::{self, NewElder},
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let elders: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let places: i64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let dir = tempfile::tempdir()?;
    let config = Config {
        addr: "127.0.0.1:0".parse()?,
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        dist: None,
        seed: Seed::Demo,
        tz: "+08:00".parse()?,
        session_ttl: Duration::from_secs(3600),
        allowed_origins: Vec::new(),
    };
    let server = linli_server::start(config, Clock::system()).await?;
    let base = format!("http://{}", server.addr);
    let db = server.state.db.clone();

    let hash = auth::hash_secret("246810")?;
    let birth = NaiveDate::from_ymd_opt(1945, 6, 1).ok_or("date")?;
    for i in 0..elders {
        let (name, card, phone) = (format!("长者{i}"), format!("3{i:07}"), format!("16{i:09}"));
        let e = NewElder {
            community_id: 1,
            name: &name,
            card_number: &card,
            phone: &phone,
            secret_hash: &hash,
            birth_date: birth,
            address: "",
        };
        people::insert_elder(&db, &e, 0).await?;
    }

    // Sign-in: argon2 makes this deliberately slow; measured 50 at a time.
    let mut clients = Vec::with_capacity(elders);
    let mut sign_in_times = Vec::with_capacity(elders);
    let started = Instant::now();
    for chunk in (0..elders).collect::<Vec<_>>().chunks(50) {
        let batch = chunk.iter().map(|i| {
            let c = Client::new(&base);
            let req = SignInRequest {
                account: format!("3{i:07}"),
                pin: "246810".into(),
            };
            async move {
                let t = Instant::now();
                let r = c.sign_in(&req).await;
                (
                    t.elapsed(),
                    r.map(|r| c.with_token(r.token).acting_for(r.me.person.id)),
                )
            }
        });
        for (took, client) in join_all(batch).await {
            sign_in_times.push(took);
            clients.push(client?);
        }
    }
    report(
        "sign-in (50 concurrent)",
        &mut sign_in_times,
        started.elapsed(),
    );

    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).ok_or("tz")?)
        .date_naive();
    let tomorrow = today.succ_opt().ok_or("date")?;
    let slots = clients[0].meal_slots(1, Some(tomorrow), Some(7)).await?;
    let slot = slots.first().ok_or("no slots")?;
    sqlx::query("UPDATE meal_slots SET capacity = ? WHERE id = ?")
        .bind(places)
        .bind(slot.id)
        .execute(&db)
        .await?;

    // Reading a week of menus, every elder at once.
    let started = Instant::now();
    let reads = clients.iter().map(|c| async move {
        let t = Instant::now();
        let r = c.meal_slots(1, Some(tomorrow), Some(7)).await;
        (t.elapsed(), r.is_ok())
    });
    let (mut read_times, ok): (Vec<_>, Vec<_>) = join_all(reads).await.into_iter().unzip();
    assert!(ok.iter().all(|o| *o), "every read succeeds");
    report(
        "menus for 7 days (all at once)",
        &mut read_times,
        started.elapsed(),
    );

    // Booking: every elder races for `places` places.
    let started = Instant::now();
    let attempts = clients.iter().enumerate().map(|(i, c)| {
        let c = c.clone();
        let req = CreateBookingRequest::Meal {
            slot_id: slot.id,
            fulfilment: Fulfilment::DineIn,
            address: None,
        };
        tokio::spawn(async move {
            let t = Instant::now();
            let r = c.create_booking(&req, &format!("bench-key-{i:08}")).await;
            (t.elapsed(), r.is_ok())
        })
    });
    let mut book_times = Vec::new();
    let mut booked = 0;
    for r in join_all(attempts).await {
        let (took, ok) = r?;
        book_times.push(took);
        booked += usize::from(ok);
    }
    report(
        &format!("booking race ({elders} for {places} places)"),
        &mut book_times,
        started.elapsed(),
    );
    println!("booked {booked} of {places} places");
    assert_eq!(booked as i64, places.min(elders as i64));
    server.stop().await
}

fn report(what: &str, times: &mut [Duration], wall: Duration) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{what:<40} n={:<5} p50={:>7.1?} p95={:>7.1?} max={:>7.1?} throughput={:>7.0}/s",
        times.len(),
        pct(0.50),
        pct(0.95),
        pct(1.0),
        times.len() as f64 / wall.as_secs_f64()
    );
}
