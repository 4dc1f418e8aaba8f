//! Where cached answers are kept: a [`Shelf`] of JSON text by key. IndexedDB on a personal
//! device (`cache_idb.rs`), memory on a kiosk ([`MemoryShelf::kiosk`]).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::rc::Rc;

use crate::state::DeviceMode;

/// Where cached answers are kept, as JSON text. A shelf that cannot be read or written
/// acts empty: the cache may only ever help a screen, never break it.
pub trait Shelf: Clone + 'static {
    fn get(&self, key: &str) -> impl Future<Output = Option<String>>;
    fn put(&self, key: &str, json: String) -> impl Future<Output = ()>;
}

/// A shelf in memory: the kiosk's (see [`MemoryShelf::kiosk`]), and the tests'.
#[derive(Debug, Clone, Default)]
pub struct MemoryShelf(Rc<RefCell<BTreeMap<String, String>>>);

impl MemoryShelf {
    /// The page's one kiosk shelf, emptied at sign-out.
    pub fn kiosk() -> Self {
        thread_local!(static KIOSK: MemoryShelf = MemoryShelf::default());
        KIOSK.with(Clone::clone)
    }

    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
}

impl Shelf for MemoryShelf {
    async fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }

    async fn put(&self, key: &str, json: String) {
        self.0.borrow_mut().insert(key.to_owned(), json);
    }
}

/// This device's shelf: memory on a kiosk, where nothing personal may be written to
/// IndexedDB (sign-out must leave no personal data behind); IndexedDB on a personal device.
#[derive(Debug, Clone)]
pub enum DeviceShelf {
    Memory(MemoryShelf),
    #[cfg(target_arch = "wasm32")]
    IndexedDb(super::cache_idb::IdbShelf),
}

impl DeviceShelf {
    pub fn for_device(mode: DeviceMode) -> Self {
        match mode {
            DeviceMode::Kiosk => DeviceShelf::Memory(MemoryShelf::kiosk()),
            #[cfg(target_arch = "wasm32")]
            DeviceMode::Personal => DeviceShelf::IndexedDb(Default::default()),
            // Native builds (unit tests) have no IndexedDB.
            #[cfg(not(target_arch = "wasm32"))]
            DeviceMode::Personal => DeviceShelf::Memory(MemoryShelf::default()),
        }
    }
}

impl Shelf for DeviceShelf {
    async fn get(&self, key: &str) -> Option<String> {
        match self {
            DeviceShelf::Memory(shelf) => shelf.get(key).await,
            #[cfg(target_arch = "wasm32")]
            DeviceShelf::IndexedDb(shelf) => shelf.get(key).await,
        }
    }

    async fn put(&self, key: &str, json: String) {
        match self {
            DeviceShelf::Memory(shelf) => shelf.put(key, json).await,
            #[cfg(target_arch = "wasm32")]
            DeviceShelf::IndexedDb(shelf) => shelf.put(key, json).await,
        }
    }
}
