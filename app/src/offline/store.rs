//! Where the outbox lives: IndexedDB in the browser (an adapter elsewhere), memory in
//! tests and until that adapter lands.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;

use super::outbox::Entry;

/// The store could not be read or written (quota, a closed database…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "outbox store: {}", self.0)
    }
}

impl std::error::Error for StoreError {}

/// The outbox's storage. Small on purpose: each method is one IndexedDB transaction.
pub trait Store {
    /// Every entry, in ascending `seq`.
    fn load(&self) -> impl Future<Output = Result<Vec<Entry>, StoreError>>;
    /// Adds a new entry.
    fn insert(&self, entry: &Entry) -> impl Future<Output = Result<(), StoreError>>;
    /// Replaces an existing entry; `false` (and nothing written) when it is gone. An
    /// entry dropped at sign-out while its request was in flight must stay dropped.
    fn update(&self, entry: &Entry) -> impl Future<Output = Result<bool, StoreError>>;
    /// Removes an entry; removing one that is gone is not an error.
    fn remove(&self, seq: u64) -> impl Future<Output = Result<(), StoreError>>;
}

/// An outbox in memory: lost on reload, so only for tests and as a stand-in.
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<u64, Entry>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding `entries`, as if left by an earlier run of the app.
    pub fn with(entries: impl IntoIterator<Item = Entry>) -> Self {
        MemoryStore {
            entries: RefCell::new(entries.into_iter().map(|e| (e.seq, e)).collect()),
        }
    }

    /// A copy of every entry, in order.
    pub fn entries(&self) -> Vec<Entry> {
        self.entries.borrow().values().cloned().collect()
    }
}

impl Store for MemoryStore {
    async fn load(&self) -> Result<Vec<Entry>, StoreError> {
        Ok(self.entries())
    }

    async fn insert(&self, entry: &Entry) -> Result<(), StoreError> {
        let mut entries = self.entries.borrow_mut();
        if entries.contains_key(&entry.seq) {
            return Err(StoreError(format!("entry {} exists", entry.seq)));
        }
        entries.insert(entry.seq, entry.clone());
        Ok(())
    }

    async fn update(&self, entry: &Entry) -> Result<bool, StoreError> {
        Ok(match self.entries.borrow_mut().get_mut(&entry.seq) {
            Some(stored) => {
                *stored = entry.clone();
                true
            }
            None => false,
        })
    }

    async fn remove(&self, seq: u64) -> Result<(), StoreError> {
        self.entries.borrow_mut().remove(&seq);
        Ok(())
    }
}

/// A shared store: the app holds one outbox that the engine and an adapter's own
/// screens (or a test's fakes) both see.
impl<S: Store> Store for std::rc::Rc<S> {
    fn load(&self) -> impl Future<Output = Result<Vec<Entry>, StoreError>> {
        (**self).load()
    }

    fn insert(&self, entry: &Entry) -> impl Future<Output = Result<(), StoreError>> {
        (**self).insert(entry)
    }

    fn update(&self, entry: &Entry) -> impl Future<Output = Result<bool, StoreError>> {
        (**self).update(entry)
    }

    fn remove(&self, seq: u64) -> impl Future<Output = Result<(), StoreError>> {
        (**self).remove(seq)
    }
}
