//! The engine against a fake platform that, like the real one, remembers each
//! Idempotency-Key with the booking it made.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use api::{
    ApiError, BookedService, Booking, BookingStatus, CreateBookingRequest, Fen, Fulfilment,
    HelpPlace, HelpRequest, HelpRequestCreate, HelpStatus, MealBooking, MealKind, PersonKind,
    PersonRef, PriceSplit, Problem, ProblemType, Text,
};
use chrono::{DateTime, TimeDelta, Utc};

use super::*;

mod crash;
mod help;
mod ordering;
mod retries;

/// Runs a future that never waits on anything outside: the fakes answer at once.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the fakes never wait"),
    }
}

fn t0() -> DateTime<Utc> {
    "2030-03-05T02:00:00Z".parse().unwrap()
}

fn secs(n: i64) -> TimeDelta {
    TimeDelta::seconds(n)
}

const ELDER: i64 = 1;
const OTHER_ELDER: i64 = 2;
const DAUGHTER: i64 = 9;

fn meal(slot_id: i64) -> Change {
    Change::Create {
        request: CreateBookingRequest::Meal {
            slot_id,
            fulfilment: Fulfilment::Pickup,
            address: None,
        },
    }
}

/// The Help button pressed at a kiosk, on the meals screen.
fn help() -> Change {
    Change::Help {
        request: HelpRequestCreate {
            place: HelpPlace::Kiosk {
                location: "一楼大厅".into(),
            },
            screen: Some("/meals".into()),
        },
    }
}

fn person(id: i64, name: &str, kind: PersonKind) -> PersonRef {
    PersonRef {
        id,
        name: name.into(),
        kind,
        relation: None,
    }
}

/// The platform's answer to a help request: duty staff and the elder's daughter told.
fn help_request(id: i64, elder: i64) -> HelpRequest {
    let me = person(elder, "", PersonKind::Elder);
    HelpRequest {
        id,
        elder: me.clone(),
        requested_by: me,
        place: HelpPlace::Kiosk {
            location: "一楼大厅".into(),
        },
        screen: Some("/meals".into()),
        status: HelpStatus::Open,
        created_at: t0().fixed_offset(),
        handled_by: None,
        notified: vec![
            person(50, "值班员", PersonKind::Staff),
            person(DAUGHTER, "王丽", PersonKind::Family),
        ],
        hotline: "010-6501 2345".into(),
    }
}

fn booking(id: i64, elder: i64) -> Booking {
    let at = t0().fixed_offset();
    let person = PersonRef {
        id: elder,
        name: String::new(),
        kind: PersonKind::Elder,
        relation: None,
    };
    Booking {
        id,
        status: BookingStatus::Booked,
        elder: person.clone(),
        booked_by: person,
        created_at: at,
        service: BookedService::Meal(MealBooking {
            slot_id: 7,
            canteen: Text::default(),
            address: Text::default(),
            hotline: String::new(),
            date: at.date_naive(),
            meal: MealKind::Lunch,
            fulfilment: Fulfilment::Pickup,
            serve_from: at,
            serve_until: at,
            dishes: Vec::new(),
            delivery_address: None,
        }),
        price: PriceSplit {
            you_pay: Fen(500),
            ..Default::default()
        },
        cancel_by: at,
        can_cancel: true,
        provider: Default::default(),
        rating: None,
        can_rate: false,
    }
}

/// How the fake platform answers one request.
#[derive(Debug, Clone)]
enum Answer {
    /// Makes the change (or replays the stored answer for a known key).
    Book,
    /// Makes the change, then the connection drops before the answer arrives.
    BookThenDrop,
    /// Never reached.
    Offline,
    Refuse(ProblemType, u16),
    Busy {
        retry_at: DateTime<Utc>,
    },
}

/// The platform, scripted one answer per request (then `Book` once the script is done).
#[derive(Default)]
struct FakePlatform {
    script: RefCell<VecDeque<Answer>>,
    /// Idempotency-Key → what was made under it (a booking or a help request).
    keys: RefCell<HashMap<String, Sent>>,
    /// Every request as (seq, key), in the order received.
    sent: RefCell<Vec<(u64, String)>>,
    /// The outbox as the app left it when each request went out.
    watch: Option<Rc<MemoryStore>>,
    seen: RefCell<Vec<Option<EntryState>>>,
    /// Someone signs out (dropping the elder's entries) while the request is in flight.
    drop_elder_during_send: bool,
    /// The answer takes a moment: the send waits once before answering.
    slow: bool,
}

impl FakePlatform {
    fn answering(script: impl IntoIterator<Item = Answer>) -> Self {
        FakePlatform {
            script: RefCell::new(script.into_iter().collect()),
            ..Self::default()
        }
    }

    fn sent_seqs(&self) -> Vec<u64> {
        self.sent.borrow().iter().map(|(seq, _)| *seq).collect()
    }

    fn bookings_made(&self) -> usize {
        let keys = self.keys.borrow();
        keys.values()
            .filter(|s| matches!(s, Sent::Booking(_)))
            .count()
    }

    fn help_requests_made(&self) -> usize {
        let keys = self.keys.borrow();
        keys.values().filter(|s| matches!(s, Sent::Help(_))).count()
    }

    /// Makes the change (a booking, or a help request), or replays what its key made.
    fn book(&self, entry: &Entry) -> Sent {
        let mut keys = self.keys.borrow_mut();
        let id = keys.len() as i64 + 100;
        keys.entry(entry.key.clone())
            .or_insert_with(|| match entry.change {
                Change::Help { .. } => Sent::Help(Box::new(help_request(id, entry.elder))),
                _ => Sent::Booking(Box::new(booking(id, entry.elder))),
            })
            .clone()
    }
}

impl Transport for FakePlatform {
    async fn send(&self, entry: &Entry) -> Result<Sent, ApiError> {
        self.sent.borrow_mut().push((entry.seq, entry.key.clone()));
        if let Some(store) = &self.watch {
            let state = store
                .entries()
                .into_iter()
                .find(|e| e.seq == entry.seq)
                .map(|e| e.state);
            self.seen.borrow_mut().push(state);
            if self.drop_elder_during_send {
                for e in store.entries().iter().filter(|e| e.elder == entry.elder) {
                    store.remove(e.seq).await.unwrap();
                }
            }
        }
        if self.slow {
            WaitOnce(false).await;
        }
        let answer = self.script.borrow_mut().pop_front().unwrap_or(Answer::Book);
        match answer {
            Answer::Book => Ok(self.book(entry)),
            Answer::BookThenDrop => {
                self.book(entry);
                Err(ApiError::Network("connection reset".into()))
            }
            Answer::Offline => Err(ApiError::Network("offline".into())),
            Answer::Refuse(kind, status) => Err(ApiError::Problem(Box::new(Problem::new(
                kind, status, "refused",
            )))),
            Answer::Busy { retry_at } => {
                let mut p = Problem::new(ProblemType::ServiceUnavailable, 503, "busy");
                p.retry_at = Some(retry_at.fixed_offset());
                Err(ApiError::Problem(Box::new(p)))
            }
        }
    }
}

/// Pending on its first poll, ready on the next.
struct WaitOnce(bool);

impl Future for WaitOnce {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

type TestEngine = Engine<Rc<MemoryStore>, FakePlatform>;

fn engine(platform: FakePlatform) -> TestEngine {
    engine_over(Rc::new(MemoryStore::new()), platform)
}

fn engine_over(store: Rc<MemoryStore>, platform: FakePlatform) -> TestEngine {
    Engine::new(store, platform, Backoff::default())
}

/// Queues a meal booking for `elder` at `t0`, keyed `key-<slot>`.
fn queue(engine: &TestEngine, slot: i64, elder: i64) -> Entry {
    let queued = Queued::new(meal(slot), format!("key-{slot}"), elder, elder);
    block_on(engine.queue(queued, t0())).unwrap()
}

fn run(engine: &TestEngine, at: DateTime<Utc>) -> Report {
    block_on(engine.run_once(at, 0.0)).unwrap()
}

/// Queues the Help button's request for `elder` at `t0`, keyed `key`.
fn queue_help(engine: &TestEngine, key: &str, elder: i64) -> Entry {
    block_on(engine.queue(Queued::new(help(), key, elder, elder), t0())).unwrap()
}

fn delivered_seqs(report: &Report) -> Vec<u64> {
    report.delivered.iter().map(|d| d.entry.seq).collect()
}
