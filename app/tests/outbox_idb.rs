//! The outbox in a real browser's IndexedDB: order, updates of gone entries, reopening,
//! wiping, and one engine run over it.
//! Run: `cargo test --target wasm32-unknown-unknown --test outbox_idb`.
//!
//! Each test works in its own database (deleted first), so they cannot see each other.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use api::{
    ApiError, BookedService, Booking, BookingStatus, CreateBookingRequest, Fen, Fulfilment,
    HelpPlace, HelpRequestCreate, MealBooking, MealKind, PersonKind, PersonRef, PriceSplit, Text,
};
use app::offline::idb::IdbStore;
use app::offline::{Backoff, Change, Engine, Entry, EntryState, Queued, Sent, Store, Transport};
use chrono::{DateTime, TimeDelta, Utc};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ELDER: i64 = 1;

fn t0() -> DateTime<Utc> {
    "2030-03-05T02:00:00Z".parse().expect("a time")
}

fn entry(seq: u64) -> Entry {
    Entry {
        seq,
        key: format!("key-{seq}"),
        change: Change::Create {
            request: CreateBookingRequest::Meal {
                slot_id: seq as i64,
                fulfilment: Fulfilment::Pickup,
                address: None,
            },
        },
        elder: ELDER,
        principal: ELDER,
        delivery_token: None,
        summary: None,
        queued_at: t0(),
        attempts: 0,
        next_attempt: t0(),
        state: EntryState::Waiting,
    }
}

/// A fresh, empty database called `name`.
async fn fresh(name: &str) -> IdbStore {
    IdbStore::delete_database(name).await.expect("deleted");
    IdbStore::open_named(name).await.expect("opened")
}

fn seqs(entries: &[Entry]) -> Vec<u64> {
    entries.iter().map(|e| e.seq).collect()
}

#[wasm_bindgen_test]
async fn entries_come_back_in_seq_order() {
    let store = fresh("linli-test-order").await;
    // Out of order, and 10 after 9: keys sort as numbers, not as text.
    for seq in [10, 2, 9, 1] {
        store.insert(&entry(seq)).await.expect("inserted");
    }
    let loaded = store.load().await.expect("loaded");
    assert_eq!(seqs(&loaded), [1, 2, 9, 10]);
    assert_eq!(loaded[0], entry(1), "stored whole");

    let again = store.insert(&entry(2)).await;
    assert!(again.is_err(), "an existing seq is not replaced by insert");
    assert_eq!(seqs(&store.load().await.expect("loaded")), [1, 2, 9, 10]);
}

#[wasm_bindgen_test]
async fn update_writes_only_entries_still_there() {
    let store = fresh("linli-test-update").await;
    store.insert(&entry(1)).await.expect("inserted");

    let mut sending = entry(1);
    sending.state = EntryState::Sending;
    sending.attempts = 1;
    assert!(store.update(&sending).await.expect("updated"));
    assert_eq!(store.load().await.expect("loaded"), [sending.clone()]);

    store.remove(1).await.expect("removed");
    assert!(!store.update(&sending).await.expect("no error"));
    assert!(
        store.load().await.expect("loaded").is_empty(),
        "a removed entry stays removed"
    );
    store
        .remove(1)
        .await
        .expect("removing a gone entry is fine");
}

#[wasm_bindgen_test]
async fn entries_survive_reopening() {
    let name = "linli-test-reopen";
    let store = fresh(name).await;
    let mut second = entry(2);
    second.state = EntryState::NeedsSignIn;
    // The Help button pressed offline at a kiosk: no summary, a write-only token.
    let mut help = entry(3);
    help.change = Change::Help {
        request: HelpRequestCreate {
            place: HelpPlace::Kiosk {
                location: "一楼大厅".into(),
            },
            screen: Some("/meals".into()),
        },
    };
    help.delivery_token = Some("delivery".into());
    store.insert(&entry(1)).await.expect("inserted");
    store.insert(&second).await.expect("inserted");
    store.insert(&help).await.expect("inserted");
    drop(store);

    let store = IdbStore::open_named(name).await.expect("reopened");
    assert_eq!(
        store.load().await.expect("loaded"),
        [entry(1), second, help]
    );
}

#[wasm_bindgen_test]
async fn wipe_leaves_nothing() {
    let name = "linli-test-wipe";
    let store = fresh(name).await;
    store.insert(&entry(1)).await.expect("inserted");
    store.wipe().await.expect("wiped");

    let store = IdbStore::open_named(name).await.expect("reopened");
    assert!(store.load().await.expect("loaded").is_empty());
}

/// A platform that books everything and remembers what it was sent.
#[derive(Default)]
struct Books {
    sent: RefCell<Vec<String>>,
}

impl Transport for Books {
    async fn send(&self, entry: &Entry) -> Result<Sent, ApiError> {
        self.sent.borrow_mut().push(entry.key.clone());
        Ok(Sent::Booking(Box::new(booking(100, entry.elder))))
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

#[wasm_bindgen_test]
async fn engine_delivers_from_indexed_db_and_removes_the_entry() {
    let name = "linli-test-engine";
    let store = Rc::new(fresh(name).await);
    let engine = Engine::new(store.clone(), Books::default(), Backoff::default());
    let queued = engine
        .queue(
            Queued::new(
                Change::Create {
                    request: CreateBookingRequest::Meal {
                        slot_id: 7,
                        fulfilment: Fulfilment::Pickup,
                        address: None,
                    },
                },
                "key-7",
                ELDER,
                ELDER,
            ),
            t0(),
        )
        .await
        .expect("queued");
    assert_eq!(
        store.load().await.expect("loaded"),
        std::slice::from_ref(&queued)
    );

    let report = engine
        .run_once(t0() + TimeDelta::seconds(1), 0.0)
        .await
        .expect("ran");
    assert_eq!(report.delivered.len(), 1);
    assert_eq!(report.delivered[0].entry.seq, queued.seq);
    assert!(matches!(&report.delivered[0].sent, Sent::Booking(b) if b.id == 100));
    assert_eq!(report.pending, 0);
    assert_eq!(*engine.transport().sent.borrow(), ["key-7"]);
    assert!(store.load().await.expect("loaded").is_empty());

    drop(engine);
    drop(store);
    let reopened = IdbStore::open_named(name).await.expect("reopened");
    assert!(
        reopened.load().await.expect("loaded").is_empty(),
        "gone from IndexedDB itself"
    );
}
