//! The read cache in a real browser's IndexedDB: round trips, reopening, the upgrade of a
//! version-1 database that still holds queued bookings, the sign-out wipe, and the kiosk
//! keeping its reads in memory only.
//! Run: `cargo test --target wasm32-unknown-unknown --test cache_idb`.
//!
//! Tests run one at a time; each deletes its database first. The wipe and kiosk tests use
//! the app's own database name, since that is the one the app wipes and writes.
#![cfg(target_arch = "wasm32")]

use std::future::Future;
use std::pin::Pin;

use api::{ApiError, CreateBookingRequest, Fulfilment};
use app::offline::cache::{self, Cached, DeviceShelf, MemoryShelf, Runtime, Served, Shelf};
use app::offline::cache_idb::IdbShelf;
use app::offline::idb::{DB_NAME, IdbStore, OUTBOX};
use app::offline::{Change, Entry, EntryState, Store};
use app::state::DeviceMode;
use chrono::{DateTime, Utc};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn t0() -> DateTime<Utc> {
    "2030-03-05T02:42:00Z".parse().expect("a time")
}

fn entry(seq: u64) -> Entry {
    Entry {
        seq,
        key: format!("key-{seq}"),
        change: Change::Create {
            request: CreateBookingRequest::Meal {
                slot_id: 7,
                fulfilment: Fulfilment::Pickup,
                address: None,
            },
        },
        elder: 1,
        principal: 1,
        delivery_token: None,
        summary: None,
        queued_at: t0(),
        attempts: 0,
        next_attempt: t0(),
        state: EntryState::Waiting,
    }
}

/// A fresh, empty cache in the database called `name`.
async fn fresh(name: &str) -> IdbShelf {
    IdbStore::delete_database(name).await.expect("deleted");
    IdbShelf::named(name)
}

/// The clock stopped at [`t0`], all the patience in the world, the browser's task queue.
#[derive(Clone)]
struct Patient;

impl Runtime for Patient {
    fn now(&self) -> DateTime<Utc> {
        t0()
    }

    fn patience(&self) -> impl Future<Output = ()> {
        std::future::pending()
    }

    fn spawn(&self, work: Pin<Box<dyn Future<Output = ()>>>) {
        wasm_bindgen_futures::spawn_local(work);
    }
}

async fn read_through(shelf: &impl Shelf, answer: Result<Vec<u32>, ApiError>) -> Served<Vec<u32>> {
    cache::through(shelf, &Patient, "1/canteens", async move { answer })
        .await
        .expect("served")
}

#[wasm_bindgen_test]
async fn put_and_get_round_trip() {
    let shelf = fresh("linli-cache-round-trip").await;
    assert_eq!(shelf.read("1/canteens").await.expect("read"), None);
    shelf
        .write("1/canteens", "[1]".into())
        .await
        .expect("written");
    shelf
        .write("1/canteens", "[1,2]".into())
        .await
        .expect("replaced");
    shelf
        .write("2/canteens", "[3]".into())
        .await
        .expect("written");
    assert_eq!(
        shelf.read("1/canteens").await.expect("read").as_deref(),
        Some("[1,2]")
    );
    assert_eq!(
        shelf.keys().await.expect("keys"),
        ["1/canteens", "2/canteens"]
    );
}

#[wasm_bindgen_test]
async fn an_answer_kept_in_indexed_db_stands_in_when_offline_after_reopening() {
    let name = "linli-cache-reopen";
    let shelf = fresh(name).await;
    let fresh_answer = read_through(&shelf, Ok(vec![1, 2])).await;
    assert_eq!(fresh_answer, Served::Fresh(vec![1, 2]));
    drop(shelf);

    let reopened = IdbShelf::named(name);
    let offline = read_through(&reopened, Err(ApiError::Network("offline".into()))).await;
    let kept = Cached {
        fetched_at: t0(),
        body: vec![1, 2],
    };
    assert_eq!(offline, Served::Cached(kept));
}

/// A database as version 1 of the app left it: the outbox alone, one booking queued.
async fn version_1_with_queued(name: &str, queued: &Entry) {
    IdbStore::delete_database(name).await.expect("deleted");
    let db = Database::open(name)
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            db.create_object_store(OUTBOX).build()?;
            Ok(())
        })
        .await
        .expect("opened at version 1");
    let tx = db
        .transaction(OUTBOX)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .expect("transaction");
    {
        let store = tx.object_store(OUTBOX).expect("outbox");
        store
            .add(serde_json::to_string(queued).expect("json"))
            .with_key(queued.seq as f64)
            .without_key_type()
            .primitive()
            .expect("add")
            .await
            .expect("added");
    }
    tx.commit().await.expect("committed");
    db.close();
}

#[wasm_bindgen_test]
async fn a_version_1_database_gains_the_cache_and_keeps_its_queue() {
    let name = "linli-cache-upgrade";
    version_1_with_queued(name, &entry(3)).await;

    let outbox = IdbStore::open_named(name).await.expect("upgraded");
    assert_eq!(outbox.load().await.expect("loaded"), [entry(3)]);
    drop(outbox);

    let shelf = IdbShelf::named(name);
    shelf
        .write("1/bookings", "[]".into())
        .await
        .expect("written");
    assert_eq!(shelf.keys().await.expect("keys"), ["1/bookings"]);
    let db = Database::open(name).await.expect("opened");
    assert_eq!(db.version(), 2.0);
    db.close();
}

#[wasm_bindgen_test]
async fn wipe_removes_every_cached_answer_but_not_the_outbox() {
    let shelf = fresh(DB_NAME).await;
    let outbox = IdbStore::open().await.expect("opened");
    outbox.insert(&entry(1)).await.expect("queued");
    shelf
        .write("1/bookings", "[]".into())
        .await
        .expect("written");
    shelf
        .write("2/profile", "{}".into())
        .await
        .expect("written");
    MemoryShelf::kiosk().put("3/canteens", "[]".into()).await;

    cache::wipe().await;

    assert!(shelf.keys().await.expect("keys").is_empty());
    assert!(MemoryShelf::kiosk().keys().is_empty());
    assert_eq!(
        outbox.load().await.expect("loaded"),
        [entry(1)],
        "still queued"
    );
}

#[wasm_bindgen_test]
async fn a_kiosk_keeps_its_reads_in_memory_and_writes_nothing_to_indexed_db() {
    let shelf = fresh(DB_NAME).await;
    MemoryShelf::kiosk().clear();

    let kiosk = DeviceShelf::for_device(DeviceMode::Kiosk);
    assert_eq!(
        read_through(&kiosk, Ok(vec![1])).await,
        Served::Fresh(vec![1])
    );
    let offline = read_through(&kiosk, Err(ApiError::Network("offline".into()))).await;
    assert_eq!(offline.into_body(), [1], "served from memory");
    assert_eq!(MemoryShelf::kiosk().keys(), ["1/canteens"]);
    assert!(
        shelf.keys().await.expect("keys").is_empty(),
        "nothing in IndexedDB"
    );

    // The same read on a personal device does reach IndexedDB.
    let personal = DeviceShelf::for_device(DeviceMode::Personal);
    read_through(&personal, Ok(vec![2])).await;
    assert_eq!(shelf.keys().await.expect("keys"), ["1/canteens"]);
    cache::wipe().await;
}
