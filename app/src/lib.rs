//! Linli (邻里): community elder care, for people with weak eyesight, unsteady
//! hands and little reading. Large type, big targets, one question per screen,
//! everything spoken, Chinese first.

pub mod components;
pub mod config;
pub mod dates;
pub mod i18n;
pub mod keys;
pub mod offline;
pub mod pages;
pub mod problems;
pub mod speech;
pub mod state;
pub mod words;

use api::Lang;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{ConnectivityBanner, IdleGuard, KioskGuard, speak_every_tap};
use crate::config::Config;
use crate::i18n::I18n;
use crate::pages::*;
use crate::state::{DeviceMode, MealsCtx, SessionCtx, SettingsCtx, SyncCtx};

/// Reports a panic in the browser console (a bug; elders must never see one).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Linli stopped: {info}").into());
    }));
}

/// Reads the deployment config and opens the outbox, then mounts the app.
pub async fn start() {
    let config = config::load().await;
    let outbox = offline::DeviceStore::open().await;
    // index.html's "opening…" splash gives way to the app.
    if let Some(splash) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("splash"))
    {
        splash.remove();
    }
    leptos::mount::mount_to_body(move || view! { <App config outbox /> });
}

#[component]
pub fn App(config: Config, outbox: offline::DeviceStore) -> impl IntoView {
    let mode = DeviceMode::detect();
    // The language is the settings' (SettingsCtx sets it before anything is drawn).
    let i18n = I18n::new(Lang::ZhCn);
    provide_context(i18n);
    provide_context(mode);
    let session = SessionCtx::new(config.api_base.clone(), mode);
    provide_context(SettingsCtx::new(i18n, session, config.settings));
    speak_every_tap();
    let meals = MealsCtx::new();
    let sync = SyncCtx::new(outbox, config.api_base.clone(), session, meals);
    provide_context(session);
    provide_context(meals);
    provide_context(sync);
    provide_context(state::FreshnessCtx::new());
    provide_context(config);
    sync.start();

    view! {
        <Router>
            {mode.is_kiosk().then(|| view! { <KioskGuard /> <IdleGuard /> })}
            <ConnectivityBanner />
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Welcome />
                <Route path=path!("/sign-in") view=SignIn />
                <Route path=path!("/home") view=Home />
                <Route path=path!("/help") view=Help />
                <Route path=path!("/settings") view=SettingsScreen />
                <Route path=path!("/meals") view=MealSlots />
                <Route path=path!("/meals/:slot") view=MealFulfilment />
                <Route path=path!("/meals/:slot/:fulfilment") view=MealConfirm />
                <Route path=path!("/booked/:booking") view=MealBooked />
                <Route path=path!("/daycare") view=DaycareSessions />
                <Route path=path!("/daycare/:session") view=DaycareTransport />
                <Route path=path!("/daycare/:session/:transport") view=DaycareConfirm />
                <Route path=path!("/visits") view=VisitServices />
                <Route path=path!("/visits/:service") view=VisitWindows />
                <Route path=path!("/visits/:service/:window") view=VisitConfirm />
                <Route path=path!("/care-booked/:booking") view=CareBooked />
                <Route path=path!("/queued/:seq") view=Queued />
                <Route path=path!("/bookings") view=Bookings />
                <Route path=path!("/bookings/:booking/cancel") view=CancelBooking />
                <Route path=path!("/bookings/:booking") view=BookingDetail />
                <Route path=path!("/bookings/:booking/rate") view=RateBooking />
                <Route path=path!("/bookings/:booking/problem") view=ReportProblem />
                <Route path=path!("/complaints") view=MyComplaints />
                <Route path=path!("/complaints/new") view=ReportProblem />
                <Route path=path!("/family/sign-in") view=FamilySignIn />
                <Route path=path!("/family/sign-up") view=FamilySignUp />
                <Route path=path!("/family/elders") view=FamilyElders />
                <Route path=path!("/family/link") view=EnterLinkCode />
                <Route path=path!("/my-family") view=MyFamily />
                <Route path=path!("/my-family/code") view=MakeLinkCode />
                <Route path=path!("/my-family/activity") view=WhoActedForMe />
                <Route path=path!("/council") view=Meetings />
                <Route path=path!("/council/concerns") view=MyConcerns />
                <Route path=path!("/council/concerns/new") view=RaiseConcern />
                <Route path=path!("/council/:meeting") view=MeetingDetail />
                <Route path=path!("/council/:meeting/join") view=PreJoin />
                <Route path=path!("/council/:meeting/room") view=MeetingRoom />
            </Routes>
        </Router>
    }
}
