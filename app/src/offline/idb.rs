//! The outbox in IndexedDB: survives reloads, crashes and the browser being closed.
//!
//! Layout: database [`DB_NAME`] (version [`DB_VERSION`]). Object store [`OUTBOX`] holds the
//! queue; object store [`CACHE`] (since version 2) holds what the app last read, see
//! `cache_idb.rs`. The outbox has out-of-line keys: the key is the entry's `seq` as a JavaScript number (never a
//! `BigInt`, which IndexedDB does not accept as a key), the value the entry as a JSON
//! string (`serde_json`, so the format is the same one the native tests see). Numeric
//! keys sort numerically, so `getAll` returns the queue in `seq` order.
//!
//! Each method is one transaction, and nothing but IndexedDB requests is awaited inside
//! it: a transaction commits itself as soon as it has no request pending, so awaiting
//! anything else (a timer, the network) would find it gone. `indexed_db_futures` rolls a
//! transaction back unless it is committed, so every write path ends in `commit`.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::outbox::Entry;
use super::store::{Store, StoreError};

/// The app's IndexedDB database.
pub const DB_NAME: &str = "linli";
/// The schema version: bump it (and extend the upgrade) when the layout changes.
pub const DB_VERSION: u32 = 2;
/// The object store holding the outbox, keyed by `seq`.
pub const OUTBOX: &str = "outbox";
/// The object store holding the read cache, keyed by text (`"{elder}/canteens"`).
pub const CACHE: &str = "cache";

/// The largest `seq` a JavaScript number holds exactly (2^53 − 1).
const MAX_SEQ: u64 = (1 << 53) - 1;

/// The outbox in IndexedDB. Dropping it closes its connection.
#[derive(Debug)]
pub struct IdbStore {
    db: Database,
}

pub(crate) fn err(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError(format!("{what}: {e}"))
}

/// `seq` as an IndexedDB key.
fn key(seq: u64) -> Result<f64, StoreError> {
    if seq > MAX_SEQ {
        return Err(StoreError(format!("seq {seq} is too large for a key")));
    }
    // Exact: every integer up to MAX_SEQ is a double.
    Ok(seq as f64)
}

fn to_json(entry: &Entry) -> Result<String, StoreError> {
    serde_json::to_string(entry).map_err(|e| err("encode entry", e))
}

impl IdbStore {
    /// Opens (creating or upgrading if need be) the app's database.
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(DB_NAME).await
    }

    /// Opens the database called `name`: the app uses [`DB_NAME`]; tests use their own
    /// so they cannot see each other's entries.
    pub async fn open_named(name: &str) -> Result<Self, StoreError> {
        Ok(IdbStore {
            db: open_database(name).await?,
        })
    }

    /// Deletes the whole database (kiosk sign-out): nothing queued is left behind. The
    /// store is closed first; the deletion waits for any other open connection (another
    /// tab) to close.
    pub async fn wipe(self) -> Result<(), StoreError> {
        let name = self.db.name();
        drop(self);
        Self::delete_database(&name).await
    }

    /// Deletes the database called `name`, whether or not it exists.
    pub async fn delete_database(name: &str) -> Result<(), StoreError> {
        Database::delete_by_name(name)
            .map_err(|e| err("delete database", e))?
            .await
            .map_err(|e| err("delete database", e))
    }

    fn transaction(&self, mode: TransactionMode) -> Result<Transaction<'_>, StoreError> {
        self.db
            .transaction(OUTBOX)
            .with_mode(mode)
            .build()
            .map_err(|e| err("start transaction", e))
    }
}

/// Opens the database called `name`, creating or upgrading it. Each step runs only for
/// databases older than it, so a version-1 database keeps its queued entries.
pub(crate) async fn open_database(name: &str) -> Result<Database, StoreError> {
    Database::open(name)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            // Version 0 → 1: the outbox appears.
            if event.old_version() < 1.0 {
                db.create_object_store(OUTBOX).build()?;
            }
            // Version 1 → 2: the read cache appears beside it. Later versions add steps here.
            if event.old_version() < 2.0 {
                db.create_object_store(CACHE).build()?;
            }
            Ok(())
        })
        .await
        .map_err(|e| err("open database", e))
}

impl Drop for IdbStore {
    fn drop(&mut self) {
        // Closed at once rather than when garbage-collected, so a reopen or a
        // `delete_database` is not held up by this connection.
        self.db.clone().close();
    }
}

impl Store for IdbStore {
    async fn load(&self) -> Result<Vec<Entry>, StoreError> {
        let tx = self.transaction(TransactionMode::Readonly)?;
        let values: Vec<String> = {
            let store = tx.object_store(OUTBOX).map_err(|e| err("load", e))?;
            store
                .get_all::<String>()
                .primitive()
                .map_err(|e| err("load", e))?
                .await
                .map_err(|e| err("load", e))?
                .collect::<Result<_, _>>()
                .map_err(|e| err("load", e))?
        };
        tx.commit().await.map_err(|e| err("load", e))?;
        values
            .iter()
            .map(|json| serde_json::from_str(json).map_err(|e| err("decode entry", e)))
            .collect()
    }

    async fn insert(&self, entry: &Entry) -> Result<(), StoreError> {
        let (key, json) = (key(entry.seq)?, to_json(entry)?);
        let tx = self.transaction(TransactionMode::Readwrite)?;
        {
            let store = tx.object_store(OUTBOX).map_err(|e| err("insert", e))?;
            // `add`, not `put`: an existing entry is an error (a ConstraintError), never
            // silently replaced.
            store
                .add(json)
                .with_key(key)
                .without_key_type()
                .primitive()
                .map_err(|e| err("insert", e))?
                .await
                .map_err(|e| err(&format!("insert entry {}", entry.seq), e))?;
        }
        tx.commit().await.map_err(|e| err("insert", e))
    }

    async fn update(&self, entry: &Entry) -> Result<bool, StoreError> {
        let (key, json) = (key(entry.seq)?, to_json(entry)?);
        let tx = self.transaction(TransactionMode::Readwrite)?;
        let exists = {
            let store = tx.object_store(OUTBOX).map_err(|e| err("update", e))?;
            // Checked and written in one transaction: nothing can remove the entry in
            // between, and a removed entry is never written back.
            let found: Option<f64> = store
                .get_key(key)
                .primitive()
                .map_err(|e| err("update", e))?
                .await
                .map_err(|e| err("update", e))?;
            if found.is_some() {
                store
                    .put(json)
                    .with_key(key)
                    .without_key_type()
                    .primitive()
                    .map_err(|e| err("update", e))?
                    .await
                    .map_err(|e| err("update", e))?;
            }
            found.is_some()
        };
        tx.commit().await.map_err(|e| err("update", e))?;
        Ok(exists)
    }

    async fn remove(&self, seq: u64) -> Result<(), StoreError> {
        let key = key(seq)?;
        let tx = self.transaction(TransactionMode::Readwrite)?;
        {
            let store = tx.object_store(OUTBOX).map_err(|e| err("remove", e))?;
            // Deleting a missing key succeeds: removing a gone entry is not an error.
            store
                .delete(key)
                .primitive()
                .map_err(|e| err("remove", e))?
                .await
                .map_err(|e| err("remove", e))?;
        }
        tx.commit().await.map_err(|e| err("remove", e))
    }
}
