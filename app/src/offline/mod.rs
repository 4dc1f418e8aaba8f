//! Offline-first (issue 4): the outbox and the engine that replays it, and the read cache.
//!
//! A booking, cancellation or help request made without a network is queued here with its
//! Idempotency-Key and replayed, in order, when the network returns. The logic is
//! plain Rust behind two small traits, [`Store`] (where the queue lives) and
//! [`Transport`] (how an entry reaches the platform), so it is unit-tested natively;
//! the IndexedDB store and the reqwest transport are thin adapters tested in the browser.
//! Reads go through [`reader::Reader`]: the platform when it answers, [`cache`] when not.
//!
//! Neither the engine nor the cache policy reads the clock or a random source: the caller
//! passes `now` and the jitter in, so every schedule is deterministic under test.

pub mod backoff;
pub mod cache;
#[cfg(target_arch = "wasm32")]
pub mod cache_idb;
pub mod classify;
pub mod device_store;
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod idb;
pub mod outbox;
pub mod reader;
pub mod shelf;
pub mod store;
pub mod transport;

#[cfg(test)]
mod tests;

use std::future::Future;

pub use backoff::Backoff;
pub use classify::{Outcome, Refusal, RefusalKind, classify};
pub use device_store::DeviceStore;
pub use engine::{Delivered, Engine, Report};
pub use outbox::{Change, Entry, EntryState, Queued, Sent, Summary};
pub use store::{MemoryStore, Store, StoreError};
pub use transport::ClientTransport;

/// Sends one queued change to the platform.
///
/// The adapter must send `entry.change` with `entry.key` as the Idempotency-Key, signed
/// in as `entry.principal` and acting for `entry.elder`: the platform remembers keys per
/// principal, so only the same principal's replay is recognised as the same request. With
/// no session for that principal it answers `not-signed-in` and the queue pauses.
///
/// Futures need not be `Send`: in the browser everything runs on one thread.
pub trait Transport {
    fn send(&self, entry: &Entry) -> impl Future<Output = Result<Sent, api::ApiError>>;
}
