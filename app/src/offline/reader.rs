//! The platform's reads for the signed-in elder, each through the cache ([`cache::through`]),
//! with one method per read. A screen takes a new [`Reader`] for each load
//! (`let reader = use_reader();` then `reader()` in the resource), and the reader tells
//! [`FreshnessCtx`] whether what the load showed was fresh or from when.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

use api::{
    ApiError, Booking, Canteen, Client, DaycareCentre, DaycareSchedule, ElderProfile, MealSlot,
    VisitService, VisitWindow,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::cache::{self, DeviceShelf, PATIENCE_MS, Runtime, key};
use crate::state::{FreshnessCtx, SessionCtx, older, use_session};

/// Reads for one load of one screen.
pub struct Reader {
    client: Client,
    elder: i64,
    shelf: DeviceShelf,
    report: Option<Report>,
    /// The oldest cached answer this load has shown so far.
    as_of: Cell<Option<DateTime<Utc>>>,
}

/// Where a load says how fresh it was, while the screen that asked is up.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    freshness: FreshnessCtx,
    /// Disposed with the screen, so a load that lands after the elder moved on (Back
    /// during a slow read) does not date the next screen.
    screen: StoredValue<()>,
}

/// Makes a [`Reader`] for each load: `let reader = use_reader();` in the screen, then
/// `reader()` inside the resource, the way screens take `session.client()`.
pub fn use_reader() -> impl Fn() -> Reader + Copy + 'static {
    let session = use_session();
    let report = use_context::<FreshnessCtx>().map(|freshness| Report {
        freshness,
        screen: StoredValue::new(()),
    });
    move || Reader::new(session, report)
}

impl Reader {
    pub fn new(session: SessionCtx, report: Option<Report>) -> Self {
        Reader {
            client: session.client(),
            elder: session.get_untracked().map_or(0, |s| s.elder.id),
            shelf: DeviceShelf::for_device(session.mode),
            report,
            as_of: Cell::new(None),
        }
    }

    async fn read<T>(
        &self,
        key: String,
        fetch: impl Future<Output = Result<T, ApiError>> + 'static,
    ) -> Result<T, ApiError>
    where
        T: Serialize + DeserializeOwned + 'static,
    {
        let served = cache::through(&self.shelf, &Browser, &key, fetch).await?;
        self.as_of.set(older(self.as_of.get(), served.as_of()));
        if let Some(report) = self.report
            && report.screen.try_get_value().is_some()
        {
            report.freshness.report(self.as_of.get());
        }
        Ok(served.into_body())
    }

    pub async fn canteens(&self) -> Result<Vec<Canteen>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.canteens().await };
        self.read(key::canteens(self.elder), fetch).await
    }

    pub async fn meal_slots(&self, canteen: i64, days: u32) -> Result<Vec<MealSlot>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.meal_slots(canteen, None, Some(days)).await };
        self.read(key::meal_slots(self.elder, canteen, days), fetch)
            .await
    }

    pub async fn daycare_centres(&self) -> Result<Vec<DaycareCentre>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.daycare_centres().await };
        self.read(key::daycare_centres(self.elder), fetch).await
    }

    pub async fn daycare_sessions(
        &self,
        centre: i64,
        days: u32,
    ) -> Result<DaycareSchedule, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.daycare_sessions(centre, None, Some(days)).await };
        self.read(key::daycare_sessions(self.elder, centre, days), fetch)
            .await
    }

    pub async fn visit_services(&self) -> Result<Vec<VisitService>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.visit_services().await };
        self.read(key::visit_services(self.elder), fetch).await
    }

    pub async fn visit_windows(
        &self,
        service: i64,
        days: u32,
    ) -> Result<Vec<VisitWindow>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.visit_windows(service, None, Some(days)).await };
        self.read(key::visit_windows(self.elder, service, days), fetch)
            .await
    }

    pub async fn bookings(&self) -> Result<Vec<Booking>, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.bookings().await };
        self.read(key::bookings(self.elder), fetch).await
    }

    pub async fn profile(&self) -> Result<ElderProfile, ApiError> {
        let client = self.client.clone();
        let fetch = async move { client.profile().await };
        self.read(key::profile(self.elder), fetch).await
    }
}

/// The browser's clock, timer and task queue.
#[derive(Debug, Clone, Copy)]
struct Browser;

impl Runtime for Browser {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }

    async fn patience(&self) {
        let wait = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let ms = i32::try_from(PATIENCE_MS).unwrap_or(i32::MAX);
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    }

    fn spawn(&self, work: Pin<Box<dyn Future<Output = ()>>>) {
        leptos::task::spawn_local(work);
    }
}
