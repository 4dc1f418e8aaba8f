//! The outbox store the app runs on: IndexedDB, or memory where the browser refuses
//! IndexedDB (some private windows), so booking still works, only without surviving a
//! reload.

use super::outbox::Entry;
use super::store::{MemoryStore, Store, StoreError};

pub enum DeviceStore {
    #[cfg(target_arch = "wasm32")]
    Idb(super::idb::IdbStore),
    Memory(MemoryStore),
}

impl DeviceStore {
    /// Opens the device's outbox; never fails.
    pub async fn open() -> DeviceStore {
        #[cfg(target_arch = "wasm32")]
        match super::idb::IdbStore::open().await {
            Ok(store) => return DeviceStore::Idb(store),
            Err(e) => web_sys::console::warn_1(&format!("outbox kept in memory: {e}").into()),
        }
        DeviceStore::Memory(MemoryStore::new())
    }

    /// True when queued changes survive a reload.
    pub fn is_durable(&self) -> bool {
        !matches!(self, DeviceStore::Memory(_))
    }
}

impl Store for DeviceStore {
    async fn load(&self) -> Result<Vec<Entry>, StoreError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            DeviceStore::Idb(s) => s.load().await,
            DeviceStore::Memory(s) => s.load().await,
        }
    }

    async fn insert(&self, entry: &Entry) -> Result<(), StoreError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            DeviceStore::Idb(s) => s.insert(entry).await,
            DeviceStore::Memory(s) => s.insert(entry).await,
        }
    }

    async fn update(&self, entry: &Entry) -> Result<bool, StoreError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            DeviceStore::Idb(s) => s.update(entry).await,
            DeviceStore::Memory(s) => s.update(entry).await,
        }
    }

    async fn remove(&self, seq: u64) -> Result<(), StoreError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            DeviceStore::Idb(s) => s.remove(seq).await,
            DeviceStore::Memory(s) => s.remove(seq).await,
        }
    }
}
