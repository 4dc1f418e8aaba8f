//! The read cache in IndexedDB, for personal devices: object store [`CACHE`] of the app's
//! database, beside the outbox (`idb.rs` creates both). Keys are text (`"7/canteens"`),
//! values the JSON text of a [`Cached`](super::cache::Cached) answer.
//!
//! Each call opens the database, runs one transaction and closes it again: no connection
//! is held between reads, so a kiosk's database deletion or a newer tab's upgrade never
//! waits on the cache. As in `idb.rs`, nothing but IndexedDB is awaited inside a
//! transaction, and every write path ends in `commit`.

use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};

use super::cache::Shelf;
use super::idb::{CACHE, DB_NAME, err, open_database};
use super::store::StoreError;

/// The cache in the database called `name` (the app's unless a test says otherwise).
#[derive(Debug, Clone)]
pub struct IdbShelf {
    name: Rc<str>,
}

impl Default for IdbShelf {
    fn default() -> Self {
        Self::named(DB_NAME)
    }
}

/// An open database, closed when dropped (not whenever it is garbage-collected).
struct Open(Database);

impl Drop for Open {
    fn drop(&mut self) {
        self.0.clone().close();
    }
}

impl Open {
    fn transaction(&self, mode: TransactionMode) -> Result<Transaction<'_>, StoreError> {
        self.0
            .transaction(CACHE)
            .with_mode(mode)
            .build()
            .map_err(|e| err("start cache transaction", e))
    }
}

impl IdbShelf {
    pub fn named(name: &str) -> Self {
        IdbShelf { name: name.into() }
    }

    async fn open(&self) -> Result<Open, StoreError> {
        Ok(Open(open_database(&self.name).await?))
    }

    /// The JSON text kept under `key`, if any.
    pub async fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        let db = self.open().await?;
        let tx = db.transaction(TransactionMode::Readonly)?;
        let json = {
            let store = tx.object_store(CACHE).map_err(|e| err("cache read", e))?;
            store
                .get::<String, _, _>(key)
                .primitive()
                .map_err(|e| err("cache read", e))?
                .await
                .map_err(|e| err("cache read", e))?
        };
        tx.commit().await.map_err(|e| err("cache read", e))?;
        Ok(json)
    }

    /// Keeps `json` under `key`, replacing what was there.
    pub async fn write(&self, key: &str, json: String) -> Result<(), StoreError> {
        let db = self.open().await?;
        let tx = db.transaction(TransactionMode::Readwrite)?;
        {
            let store = tx.object_store(CACHE).map_err(|e| err("cache write", e))?;
            store
                .put(json)
                .with_key(key)
                .without_key_type()
                .primitive()
                .map_err(|e| err("cache write", e))?
                .await
                .map_err(|e| err("cache write", e))?;
        }
        tx.commit().await.map_err(|e| err("cache write", e))
    }

    /// Every key kept, in order.
    pub async fn keys(&self) -> Result<Vec<String>, StoreError> {
        let db = self.open().await?;
        let tx = db.transaction(TransactionMode::Readonly)?;
        let keys = {
            let store = tx.object_store(CACHE).map_err(|e| err("cache keys", e))?;
            store
                .get_all_keys::<String>()
                .primitive()
                .map_err(|e| err("cache keys", e))?
                .await
                .map_err(|e| err("cache keys", e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| err("cache keys", e))?
        };
        tx.commit().await.map_err(|e| err("cache keys", e))?;
        Ok(keys)
    }

    /// Removes every cached answer (sign-out); the outbox beside it is left alone.
    pub async fn clear(&self) -> Result<(), StoreError> {
        let db = self.open().await?;
        let tx = db.transaction(TransactionMode::Readwrite)?;
        {
            let store = tx.object_store(CACHE).map_err(|e| err("cache clear", e))?;
            store
                .clear()
                .map_err(|e| err("cache clear", e))?
                .await
                .map_err(|e| err("cache clear", e))?;
        }
        tx.commit().await.map_err(|e| err("cache clear", e))
    }
}

fn warn(e: &StoreError) {
    web_sys::console::warn_1(&format!("Linli cache: {e}").into());
}

impl Shelf for IdbShelf {
    async fn get(&self, key: &str) -> Option<String> {
        self.read(key).await.unwrap_or_else(|e| {
            warn(&e);
            None
        })
    }

    async fn put(&self, key: &str, json: String) {
        if let Err(e) = self.write(key, json).await {
            warn(&e);
        }
    }
}
