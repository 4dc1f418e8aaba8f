//! Council meeting benchmark (issue 7): how long a vote takes to reach everyone in the room,
//! and a closed vote's result. A real server on a temporary SQLite file; `n` elders in one
//! meeting, each watching the live stream as the app does. Run it in release mode:
//!
//!     cargo run --release -p server --example meeting_bench [elders] [rounds]
//!
//! For each round every elder votes, one after another: the time from a vote's answer to the
//! moment each of the `n` streams shows the new count, then the time from the host closing the
//! vote to each stream showing the result. Prints percentiles; figures go in the closing notes.

use std::time::{Duration, Instant};

use api::{
    AttendMode, Client, JoinRequest, MeetingCreate, MeetingLevel, MeetingLive, MeetingStatus,
    MeetingStatusUpdate, MotionCreate, SignInRequest, StaffSignInRequest, Text, VoteChoice,
    VoteRequest,
};
use chrono::{FixedOffset, Utc};
use futures::future::join_all;
use linli_server::{
    Clock, Config, Seed, auth,
    db::people::{self, NewElder},
};
use tokio::sync::mpsc;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn key() -> String {
    format!("bench-{}", auth::new_token().0)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let dir = tempfile::tempdir()?;
    let tz: FixedOffset = "+08:00".parse()?;
    let config = Config {
        addr: "127.0.0.1:0".parse()?,
        database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
        dist: None,
        seed: Seed::Demo,
        tz,
        session_ttl: Duration::from_secs(3600),
        allowed_origins: Vec::new(),
    };
    let server = linli_server::start(config, Clock::system()).await?;
    let base = format!("http://{}", server.addr);

    let hash = auth::hash_secret("246810")?;
    let birth = chrono::NaiveDate::from_ymd_opt(1945, 6, 1).ok_or("date")?;
    for i in 0..n {
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
        people::insert_elder(&server.state.db, &e, 0).await?;
    }
    let staff = Client::new(&base);
    let token = staff
        .staff_sign_in(&StaffSignInRequest {
            phone: "13700000001".into(),
            password: "linli-staff-2026".into(),
        })
        .await?
        .token;
    let staff = staff.with_token(token);
    let now = Utc::now().with_timezone(&tz);
    let meeting = staff
        .create_meeting(
            &MeetingCreate {
                level: MeetingLevel::Community,
                compound: None,
                building: None,
                topic: Text::new("基准测试", "Benchmark"),
                place: Text::new("活动室", "Room"),
                starts_at: now,
                ends_at: now + chrono::Duration::hours(2),
                external: None,
                agenda: Vec::new(),
            },
            &key(),
        )
        .await?
        .id;
    let live = MeetingStatusUpdate {
        status: MeetingStatus::Live,
    };
    staff.set_meeting_status(meeting, &live, &key()).await?;

    let mut elders = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(25) {
        let batch = chunk.iter().map(|i| {
            let c = Client::new(&base);
            let req = SignInRequest {
                account: format!("3{i:07}"),
                pin: "246810".into(),
            };
            async move {
                let resp = c.sign_in(&req).await?;
                Ok::<_, api::ApiError>(c.with_token(resp.token).acting_for(resp.me.person.id))
            }
        });
        for c in join_all(batch).await {
            elders.push(c?);
        }
    }
    // Everyone joins and opens the stream; every event reaches one channel with its arrival.
    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, Instant, MeetingLive)>();
    let join = JoinRequest {
        mode: AttendMode::Online,
    };
    for (i, elder) in elders.iter().enumerate() {
        let ticket = elder.join_meeting(meeting, &join, &key()).await?.ticket;
        let url = elder.meeting_events_url(meeting, &ticket);
        let tx = tx.clone();
        tokio::spawn(async move {
            let Ok(mut resp) = reqwest::get(url).await else {
                return;
            };
            let mut buf = String::new();
            while let Ok(Some(chunk)) = resp.chunk().await {
                buf.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buf.find("\n\n") {
                    let event: String = buf.drain(..end + 2).collect();
                    if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: "))
                        && let Ok(live) = serde_json::from_str::<MeetingLive>(data)
                    {
                        let _ = tx.send((i, Instant::now(), live));
                    }
                }
            }
        });
    }
    drop(tx);
    // Let every stream deliver its first event.
    let mut first = 0;
    while first < n {
        rx.recv().await.ok_or("streams ended")?;
        first += 1;
    }
    while rx.try_recv().is_ok() {}

    let mut vote_ms = Vec::new();
    let mut result_ms = Vec::new();
    for round in 0..rounds {
        let motion = staff
            .open_motion(
                meeting,
                &MotionCreate {
                    text: Text::new(format!("第{round}项表决"), ""),
                    agenda_item_id: None,
                },
                &key(),
            )
            .await?
            .motion
            .ok_or("no motion")?
            .id;
        for (i, elder) in elders.iter().enumerate() {
            let choice = if i % 2 == 0 {
                VoteChoice::Yes
            } else {
                VoteChoice::No
            };
            let answered = {
                elder.vote(motion, &VoteRequest { choice }, &key()).await?;
                Instant::now()
            };
            let cast = u32::try_from(i + 1)?;
            vote_ms.extend(
                wait_all(&mut rx, n, answered, |l| {
                    l.motion
                        .as_ref()
                        .is_some_and(|m| m.id == motion && m.votes_cast >= cast)
                })
                .await?,
            );
        }
        let closed_at = Instant::now();
        staff.close_motion(motion, &key()).await?;
        result_ms.extend(
            wait_all(&mut rx, n, closed_at, |l| {
                l.motion
                    .as_ref()
                    .is_some_and(|m| m.id == motion && m.result.is_some())
            })
            .await?,
        );
    }
    println!("council meeting: {n} elders watching, {rounds} votes of {n} each");
    report(
        "a vote's answer → each stream shows the new count",
        &mut vote_ms,
    );
    report(
        "closing a vote → each stream shows the result",
        &mut result_ms,
    );
    server.stop().await?;
    Ok(())
}

/// Milliseconds from `since` until each of the `n` streams shows a state satisfying `done`.
async fn wait_all(
    rx: &mut mpsc::UnboundedReceiver<(usize, Instant, MeetingLive)>,
    n: usize,
    since: Instant,
    done: impl Fn(&MeetingLive) -> bool,
) -> Result<Vec<f64>, BoxError> {
    let mut seen = vec![None; n];
    let mut left = n;
    while left > 0 {
        let (i, at, live) = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await?
            .ok_or("streams ended")?;
        if seen[i].is_none() && done(&live) {
            seen[i] = Some(at.saturating_duration_since(since).as_secs_f64() * 1000.0);
            left -= 1;
        }
    }
    Ok(seen.into_iter().flatten().collect())
}

fn report(what: &str, ms: &mut [f64]) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "  {what}: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} deliveries)",
        at(0.5),
        at(0.95),
        at(1.0),
        ms.len()
    );
}
