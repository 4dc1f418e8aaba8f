//! The engine against a fake platform that, like the real one, remembers each
//! Idempotency-Key with the booking it made.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use api::{
    ApiError, BookedService, Booking, BookingStatus, CreateBookingRequest, Fen, Fulfilment,
    MealBooking, MealKind, PersonKind, PersonRef, PriceSplit, Problem, ProblemType, Text,
};
use chrono::{DateTime, TimeDelta, Utc};

use super::*;

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

fn booking(id: i64, elder: i64) -> Booking {
    let at = t0().fixed_offset();
    let person = PersonRef {
        id: elder,
        name: String::new(),
        kind: PersonKind::Elder,
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
    /// Idempotency-Key → the booking made under it.
    keys: RefCell<HashMap<String, Booking>>,
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
        self.keys.borrow().len()
    }

    fn book(&self, entry: &Entry) -> Booking {
        let mut keys = self.keys.borrow_mut();
        let id = keys.len() as i64 + 100;
        keys.entry(entry.key.clone())
            .or_insert_with(|| booking(id, entry.elder))
            .clone()
    }
}

impl Transport for FakePlatform {
    async fn send(&self, entry: &Entry) -> Result<Booking, ApiError> {
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
    block_on(engine.queue(meal(slot), format!("key-{slot}"), elder, elder, t0())).unwrap()
}

fn run(engine: &TestEngine, at: DateTime<Utc>) -> Report {
    block_on(engine.run_once(at, 0.0)).unwrap()
}

fn delivered_seqs(report: &Report) -> Vec<u64> {
    report.delivered.iter().map(|d| d.entry.seq).collect()
}

// Ordering

#[test]
fn queued_changes_go_out_first_in_first_out() {
    let e = engine(FakePlatform::default());
    for slot in [30, 10, 20] {
        queue(&e, slot, ELDER);
    }
    let report = run(&e, t0());
    assert_eq!(delivered_seqs(&report), [1, 2, 3]);
    assert_eq!(e.transport().sent_seqs(), [1, 2, 3]);
    assert_eq!(report.pending, 0);
    assert_eq!(report.next_run, None);
    assert!(e.store().entries().is_empty());
}

#[test]
fn a_head_waiting_to_retry_holds_back_the_rest() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue(&e, 1, ELDER);
    let cancel = block_on(e.queue(
        Change::Cancel { booking: 55 },
        "key-c".into(),
        ELDER,
        ELDER,
        t0(),
    ))
    .unwrap();

    let report = run(&e, t0());
    assert!(report.delivered.is_empty());
    assert_eq!(report.next_run, Some(t0() + secs(5)));
    assert_eq!(report.pending, 2);
    assert_eq!(
        e.transport().sent_seqs(),
        [1],
        "the cancel must not overtake"
    );

    let early = run(&e, t0() + secs(4));
    assert_eq!(early.next_run, Some(t0() + secs(5)));
    assert_eq!(e.transport().sent_seqs(), [1]);

    let report = run(&e, t0() + secs(5));
    assert_eq!(delivered_seqs(&report), [1, cancel.seq]);
}

#[test]
fn a_refused_head_does_not_hold_back_the_rest() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::SlotFull,
        409,
    )]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert_eq!(delivered_seqs(&report), [2]);
    let refused = &report.needs_attention;
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].seq, 1);
    let EntryState::NeedsAttention { refusal } = &refused[0].state else {
        panic!("{:?}", refused[0].state);
    };
    assert_eq!(refusal.kind, RefusalKind::Unavailable);
    assert_eq!(refusal.problem.kind, ProblemType::SlotFull);
    assert_eq!(report.pending, 0);

    // Kept, not dropped, and not sent again.
    assert_eq!(e.store().entries(), refused.clone());
    run(&e, t0() + secs(600));
    assert_eq!(e.transport().sent_seqs(), [1, 2]);
    block_on(e.dismiss(1)).unwrap();
    assert!(e.store().entries().is_empty());
}

#[test]
fn sequence_numbers_only_grow() {
    let store = Rc::new(MemoryStore::new());
    let e = engine_over(store.clone(), FakePlatform::default());
    queue(&e, 1, ELDER);
    run(&e, t0());
    assert_eq!(
        queue(&e, 2, ELDER).seq,
        2,
        "not reused after the queue emptied"
    );

    let restarted = engine_over(store, FakePlatform::default());
    assert_eq!(queue(&restarted, 3, ELDER).seq, 3);
}

// Retry and backoff

#[test]
fn retries_back_off_from_five_seconds_to_five_minutes() {
    let e = engine(FakePlatform::answering(vec![Answer::Offline; 9]));
    queue(&e, 1, ELDER);
    let mut at = t0();
    let mut waits = Vec::new();
    for _ in 0..9 {
        let next = run(&e, at).next_run.unwrap();
        waits.push((next - at).num_seconds());
        at = next;
    }
    assert_eq!(waits, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
    assert_eq!(e.store().entries()[0].attempts, 9);

    let report = run(&e, at);
    assert_eq!(delivered_seqs(&report), [1]);
    assert_eq!(e.transport().bookings_made(), 1);
}

#[test]
fn jitter_from_the_caller_shortens_the_wait() {
    let e = engine(FakePlatform::answering([Answer::Offline]));
    queue(&e, 1, ELDER);
    let report = block_on(e.run_once(t0(), 0.5)).unwrap();
    assert_eq!(report.next_run, Some(t0() + TimeDelta::milliseconds(4_500)));
}

#[test]
fn a_busy_platform_is_not_asked_again_before_it_says() {
    let retry_at = t0() + secs(120);
    let e = engine(FakePlatform::answering([
        Answer::Busy { retry_at },
        Answer::Refuse(ProblemType::ServerError, 500),
    ]));
    queue(&e, 1, ELDER);
    assert_eq!(run(&e, t0()).next_run, Some(retry_at));
    // A server error backs off as usual: second attempt, 10 s.
    assert_eq!(run(&e, retry_at).next_run, Some(retry_at + secs(10)));
}

// Replay after a crash

#[test]
fn the_sending_state_is_stored_before_the_request_goes_out() {
    let store = Rc::new(MemoryStore::new());
    let platform = FakePlatform {
        watch: Some(store.clone()),
        ..FakePlatform::default()
    };
    let e = engine_over(store, platform);
    queue(&e, 1, ELDER);
    run(&e, t0());
    assert_eq!(*e.transport().seen.borrow(), [Some(EntryState::Sending)]);
}

/// The app stopped mid-send after the platform had made the booking.
#[test]
fn a_crash_after_the_platform_booked_is_replayed_into_the_same_booking() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    entry.state = EntryState::Sending;
    entry.attempts = 1;
    let platform = FakePlatform::default();
    let made = platform.book(&entry);

    let e = engine_over(Rc::new(MemoryStore::with([entry.clone()])), platform);
    let report = run(&e, t0() + secs(1));
    assert_eq!(report.delivered.len(), 1);
    assert_eq!(report.delivered[0].booking, made);
    assert_eq!(e.transport().sent.borrow().clone(), [(1, entry.key)]);
    assert_eq!(e.transport().bookings_made(), 1);
    assert!(e.store().entries().is_empty());
}

/// The app stopped mid-send before the request left the device.
#[test]
fn a_crash_before_the_request_left_is_sent_once() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    entry.state = EntryState::Sending;
    entry.attempts = 1;
    let e = engine_over(Rc::new(MemoryStore::with([entry])), FakePlatform::default());
    assert_eq!(delivered_seqs(&run(&e, t0())), [1]);
    assert_eq!(e.transport().bookings_made(), 1);
}

#[test]
fn a_lost_answer_is_retried_with_the_same_key_and_books_once() {
    let e = engine(FakePlatform::answering([
        Answer::BookThenDrop,
        Answer::BookThenDrop,
    ]));
    queue(&e, 1, ELDER);
    let mut at = t0();
    for _ in 0..2 {
        at = run(&e, at).next_run.unwrap();
    }
    let report = run(&e, at);
    assert_eq!(report.delivered.len(), 1);
    let keys: Vec<String> = e
        .transport()
        .sent
        .borrow()
        .iter()
        .map(|s| s.1.clone())
        .collect();
    assert_eq!(keys, ["key-1", "key-1", "key-1"]);
    assert_eq!(e.transport().bookings_made(), 1);
}

// Answer classes through the engine

#[test]
fn an_ended_session_pauses_the_queue_until_sign_in() {
    let e = engine(FakePlatform::answering([Answer::Refuse(
        ProblemType::SessionExpired,
        401,
    )]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);

    let report = run(&e, t0());
    assert!(report.paused_for_sign_in);
    assert_eq!(report.next_run, None);
    assert_eq!(report.pending, 2);
    let head = &e.store().entries()[0];
    assert_eq!(head.state, EntryState::NeedsSignIn);
    assert_eq!(
        head.attempts, 0,
        "an ended session is not the entry's fault"
    );

    let later = run(&e, t0() + secs(3600));
    assert!(later.paused_for_sign_in);
    assert_eq!(e.transport().sent_seqs(), [1], "nothing sent while paused");

    block_on(e.resume_after_sign_in(t0() + secs(7200))).unwrap();
    let report = run(&e, t0() + secs(7200));
    assert!(!report.paused_for_sign_in);
    assert_eq!(delivered_seqs(&report), [1, 2]);
    assert_eq!(e.transport().sent_seqs(), [1, 1, 2]);
}

#[test]
fn another_booking_holding_the_place_is_reported_as_already_booked() {
    let e = engine(FakePlatform::answering([
        Answer::Refuse(ProblemType::AlreadyBooked, 409),
        Answer::Refuse(ProblemType::IdempotencyKeyReused, 422),
    ]));
    queue(&e, 1, ELDER);
    queue(&e, 2, ELDER);
    let report = run(&e, t0());
    let kinds: Vec<RefusalKind> = report
        .needs_attention
        .iter()
        .map(|e| match &e.state {
            EntryState::NeedsAttention { refusal } => refusal.kind,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(kinds, [RefusalKind::AlreadyBooked, RefusalKind::Bug]);
    assert!(report.delivered.is_empty());
    assert_eq!(report.pending, 0);
}

// Per elder

#[test]
fn entries_are_listed_and_dropped_per_elder() {
    let e = engine(FakePlatform::default());
    queue(&e, 1, ELDER);
    queue(&e, 2, OTHER_ELDER);
    block_on(e.queue(meal(3), "key-3".into(), ELDER, DAUGHTER, t0())).unwrap();

    let mine: Vec<(u64, i64)> = block_on(e.entries_for(ELDER))
        .unwrap()
        .iter()
        .map(|e| (e.seq, e.principal))
        .collect();
    assert_eq!(mine, [(1, ELDER), (3, DAUGHTER)]);

    assert_eq!(block_on(e.drop_elder(ELDER)).unwrap(), 2);
    assert!(block_on(e.entries_for(ELDER)).unwrap().is_empty());
    assert_eq!(delivered_seqs(&run(&e, t0())), [2]);
}

#[test]
fn an_entry_dropped_while_in_flight_stays_dropped() {
    let store = Rc::new(MemoryStore::new());
    let platform = FakePlatform {
        watch: Some(store.clone()),
        drop_elder_during_send: true,
        script: RefCell::new([Answer::Offline].into()),
        ..FakePlatform::default()
    };
    let e = engine_over(store, platform);
    queue(&e, 1, ELDER);
    let report = run(&e, t0());
    assert!(e.store().entries().is_empty());
    assert_eq!(report.next_run, None);
}

// Runs and storage

#[test]
fn a_second_run_while_one_is_sending_does_nothing() {
    let e = engine(FakePlatform {
        slow: true,
        ..FakePlatform::default()
    });
    queue(&e, 1, ELDER);
    let mut cx = Context::from_waker(Waker::noop());
    let mut first = Box::pin(e.run_once(t0(), 0.0));
    assert!(first.as_mut().poll(&mut cx).is_pending());

    let second = block_on(e.run_once(t0(), 0.0)).unwrap();
    assert!(second.already_running);
    assert_eq!(e.transport().sent_seqs(), [1]);

    let Poll::Ready(Ok(report)) = first.as_mut().poll(&mut cx) else {
        panic!("the first run finishes");
    };
    assert_eq!(delivered_seqs(&report), [1]);
}

#[test]
fn an_abandoned_run_does_not_block_the_next() {
    let e = engine(FakePlatform {
        slow: true,
        ..FakePlatform::default()
    });
    queue(&e, 1, ELDER);
    let mut abandoned = Box::pin(e.run_once(t0(), 0.0));
    let _ = abandoned
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()));
    drop(abandoned);

    // Left `Sending`, as after a crash: the next run sends it again with its key.
    assert_eq!(e.store().entries()[0].state, EntryState::Sending);
    let mut next = Box::pin(e.run_once(t0(), 0.0));
    let mut cx = Context::from_waker(Waker::noop());
    assert!(next.as_mut().poll(&mut cx).is_pending());
    let Poll::Ready(Ok(report)) = next.as_mut().poll(&mut cx) else {
        panic!("the run finishes");
    };
    assert!(!report.already_running);
    assert_eq!(delivered_seqs(&report), [1]);
}

/// The IndexedDB adapter stores entries as JSON-like values; every state survives.
#[test]
fn entries_round_trip_through_serde() {
    let mut entry = queue(&engine(FakePlatform::default()), 1, ELDER);
    let refusal = match classify(
        &entry.change,
        Err(ApiError::Problem(Box::new(Problem::new(
            ProblemType::CutoffPassed,
            409,
            "closed",
        )))),
    ) {
        Outcome::Refused(r) => r,
        other => panic!("{other:?}"),
    };
    for state in [
        EntryState::Waiting,
        EntryState::Sending,
        EntryState::NeedsSignIn,
        EntryState::NeedsAttention { refusal },
    ] {
        entry.state = state;
        let json = serde_json::to_string(&entry).unwrap();
        assert_eq!(
            serde_json::from_str::<Entry>(&json).unwrap(),
            entry,
            "{json}"
        );
    }
    let cancel = Change::Cancel { booking: 4 };
    let json = serde_json::to_string(&cancel).unwrap();
    assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), cancel);
}
