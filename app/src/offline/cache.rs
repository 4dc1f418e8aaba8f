//! The read side of offline-first: what the app last read from the platform, and when.
//!
//! Everything the app reads is priced or personal for one elder (prices carry the elder's
//! subsidy), so every key starts with the elder's id ([`key`]). A value is a [`Cached`]
//! answer as JSON text: `{"fetched_at": RFC 3339 UTC, "body": what the client returned}`.
//! Where values live is a [`Shelf`] (`shelf.rs`): IndexedDB on a personal device, memory on a
//! kiosk, where nothing personal may reach IndexedDB.
//!
//! The policy is [`through`]; it takes the clock, the timer and the spawner as a
//! [`Runtime`], so it runs natively under test.

use std::cell::Cell;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::task::Poll;

use api::ApiError;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub use super::shelf::{DeviceShelf, MemoryShelf, Shelf};

/// How long an elder waits for a fresh answer before a cached one stands in.
pub const PATIENCE_MS: u32 = 3_000;

/// An answer as the platform gave it, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cached<T> {
    pub fetched_at: DateTime<Utc>,
    pub body: T,
}

/// What a read shows: the platform's answer now, or a cached one.
#[derive(Debug, Clone, PartialEq)]
pub enum Served<T> {
    Fresh(T),
    Cached(Cached<T>),
}

impl<T> Served<T> {
    /// When a cached answer was fetched; `None` when fresh.
    pub fn as_of(&self) -> Option<DateTime<Utc>> {
        match self {
            Served::Fresh(_) => None,
            Served::Cached(c) => Some(c.fetched_at),
        }
    }

    pub fn into_body(self) -> T {
        match self {
            Served::Fresh(body) => body,
            Served::Cached(c) => c.body,
        }
    }
}

/// Cache keys: the elder, then the read, named like its endpoint. A range is part of the
/// key, so a 14-day list never stands in for a 7-day one (or the other way round).
pub mod key {
    pub fn canteens(elder: i64) -> String {
        format!("{elder}/canteens")
    }
    pub fn meal_slots(elder: i64, canteen: i64, days: u32) -> String {
        format!("{elder}/meal_slots/{canteen}?days={days}")
    }
    pub fn daycare_centres(elder: i64) -> String {
        format!("{elder}/daycare_centres")
    }
    pub fn daycare_sessions(elder: i64, centre: i64, days: u32) -> String {
        format!("{elder}/daycare_sessions/{centre}?days={days}")
    }
    pub fn visit_services(elder: i64) -> String {
        format!("{elder}/visit_services")
    }
    pub fn visit_windows(elder: i64, service: i64, days: u32) -> String {
        format!("{elder}/visit_windows/{service}?days={days}")
    }
    pub fn bookings(elder: i64) -> String {
        format!("{elder}/bookings")
    }
    pub fn profile(elder: i64) -> String {
        format!("{elder}/profile")
    }
}

/// Forgets every cached answer, in memory and in IndexedDB (sign-out, either mode). The
/// outbox is not touched: what is queued still goes out.
pub async fn wipe() {
    count_wipe();
    MemoryShelf::kiosk().clear();
    #[cfg(target_arch = "wasm32")]
    if let Err(e) = super::cache_idb::IdbShelf::default().clear().await {
        web_sys::console::warn_1(&format!("Linli cache: {e}").into());
    }
}

thread_local!(static WIPES: Cell<u64> = const { Cell::new(0) });

/// Marks a sign-out: an answer still in flight from before it is not kept for the next
/// person (the wipe itself empties the shelves).
fn count_wipe() {
    WIPES.with(|w| w.set(w.get() + 1));
}

fn wipes() -> u64 {
    WIPES.with(Cell::get)
}

/// The clock, the timer and background work: the browser's in the app, fakes in tests.
pub trait Runtime: Clone + 'static {
    fn now(&self) -> DateTime<Utc>;
    /// Resolves when the elder has waited long enough for a fresh answer.
    fn patience(&self) -> impl Future<Output = ()>;
    /// Lets `work` finish after the screen has moved on.
    fn spawn(&self, work: Pin<Box<dyn Future<Output = ()>>>);
}

/// Reads `key` through the cache: stale if offline or slow, revalidated in the background.
///
/// - The platform answers: the answer is kept (`fetched_at` = now) and shown fresh.
/// - The network is unreachable (`ApiError::Network`): the cached answer, if any.
/// - No answer within [`Runtime::patience`] but a cached one exists: that one, while the
///   fetch finishes in the background and refreshes the shelf.
/// - The platform refuses (a problem such as an expired session): that error, never masked.
///
/// Why not plain stale-while-revalidate (cached at once, fresh when it lands): places
/// left would change under an elder's finger. So the fresh answer wins whenever it comes
/// quickly, and the cache stands in only when it does not.
pub async fn through<T, S, R>(
    shelf: &S,
    rt: &R,
    key: &str,
    fetch: impl Future<Output = Result<T, ApiError>> + 'static,
) -> Result<Served<T>, ApiError>
where
    T: Serialize + DeserializeOwned + 'static,
    S: Shelf,
    R: Runtime,
{
    let mut fetch = Box::pin(fetch_and_keep(
        shelf.clone(),
        rt.clone(),
        key.to_owned(),
        fetch,
    ));
    let first = {
        let mut patience = pin!(rt.patience());
        // The answer is polled first: when both are ready, fresh wins.
        poll_fn(|cx| match fetch.as_mut().poll(cx) {
            Poll::Ready(answer) => Poll::Ready(Some(answer)),
            Poll::Pending => patience.as_mut().poll(cx).map(|()| None),
        })
        .await
    };
    let answer = match first {
        Some(answer) => answer,
        None => match cached(shelf, key).await {
            Some(cached) => {
                rt.spawn(Box::pin(async move {
                    let _ = fetch.await;
                }));
                return Ok(Served::Cached(cached));
            }
            None => fetch.await,
        },
    };
    match answer {
        Ok(body) => Ok(Served::Fresh(body)),
        Err(ApiError::Network(e)) => cached(shelf, key)
            .await
            .map(Served::Cached)
            .ok_or(ApiError::Network(e)),
        Err(refused) => Err(refused),
    }
}

/// The fetch, then its answer kept on the shelf unless someone signed out meanwhile.
async fn fetch_and_keep<T: Serialize, S: Shelf, R: Runtime>(
    shelf: S,
    rt: R,
    key: String,
    fetch: impl Future<Output = Result<T, ApiError>>,
) -> Result<T, ApiError> {
    let started = wipes();
    let answer = fetch.await;
    if let Ok(body) = &answer
        && wipes() == started
        && let Ok(json) = serde_json::to_string(&Cached {
            fetched_at: rt.now(),
            body,
        })
    {
        shelf.put(&key, json).await;
    }
    answer
}

/// The cached answer for `key`; one that no longer reads (an older app's shape) is none.
async fn cached<T: DeserializeOwned>(shelf: &impl Shelf, key: &str) -> Option<Cached<T>> {
    serde_json::from_str(&shelf.get(key).await?).ok()
}

#[cfg(test)]
mod tests;
