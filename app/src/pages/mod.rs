//! One screen per file, named after its place in the elder's journey.

mod address;
mod booking_cancel;
mod bookings;
mod care;
mod care_booked;
mod confirm;
mod council;
mod daycare_confirm;
mod daycare_sessions;
mod daycare_transport;
mod family;
mod feedback;
mod help;
mod home;
mod meal_booked;
mod meal_confirm;
mod meal_fulfilment;
mod meal_menu;
mod meal_slots;
mod meal_summary;
mod not_found;
mod queued;
mod settings;
mod sign_in;
mod visit_confirm;
mod visit_services;
mod visit_windows;
mod welcome;

pub use booking_cancel::CancelBooking;
pub use bookings::{BookingDetail, Bookings};
pub use care_booked::CareBooked;
pub use council::{
    MeetingDetail, MeetingRoom, Meetings, MyConcerns, PreJoin, RaiseConcern,
    is_today as council_today,
};
pub use daycare_confirm::DaycareConfirm;
pub use daycare_sessions::DaycareSessions;
pub use daycare_transport::DaycareTransport;
pub use family::{
    EnterLinkCode, FamilyElders, FamilySignIn, FamilySignUp, MakeLinkCode, MyFamily, WhoActedForMe,
    summary,
};
pub use feedback::{MyComplaints, RateBooking, ReportProblem};
pub use help::Help;
pub use home::Home;
pub use meal_booked::MealBooked;
pub use meal_confirm::MealConfirm;
pub use meal_fulfilment::MealFulfilment;
pub use meal_slots::MealSlots;
pub use not_found::NotFound;
pub use queued::Queued;
pub use settings::SettingsScreen;
pub use sign_in::SignIn;
pub use visit_confirm::VisitConfirm;
pub use visit_services::VisitServices;
pub use visit_windows::VisitWindows;
pub use welcome::Welcome;

use api::{ApiError, Booking, Canteen, MealSlot};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::{BigButton, ButtonKind, IconKind};
use crate::config::Config;
use crate::dates;
use crate::i18n::{I18n, use_i18n};
use crate::offline::reader::Reader;
use crate::problems;
use crate::state::{DeviceMode, MealsCtx, SessionCtx, SignOutReason, use_session, use_sign_out};

/// Where someone who is not signed in belongs: the welcome screen on a kiosk,
/// sign-in on a phone.
pub fn signed_out_home(mode: DeviceMode) -> &'static str {
    match mode {
        DeviceMode::Kiosk => "/",
        DeviceMode::Personal => "/sign-in",
    }
}

/// A numeric route parameter (`/meals/:slot`), `None` when absent or not a number.
pub fn id_param(name: &'static str) -> Option<i64> {
    use_params_map().with_untracked(|p| p.get(name)?.parse().ok())
}

/// Turns platform errors into words in the current language, with the
/// community hotline where staff can help.
#[derive(Debug, Clone, Copy)]
pub struct Explainer {
    i18n: I18n,
    session: SessionCtx,
    fallback_hotline: StoredValue<Option<String>>,
}

pub fn use_explainer() -> Explainer {
    let hotline = use_context::<Config>().and_then(|c| c.hotline);
    Explainer {
        i18n: use_i18n(),
        session: use_session(),
        fallback_hotline: StoredValue::new(hotline),
    }
}

impl Explainer {
    fn hotline(&self) -> Option<String> {
        self.session
            .get_untracked()
            .map(|s| s.me.hotline)
            .or_else(|| self.fallback_hotline.get_value())
    }

    /// For a family member refused for the elder they act for: the elder has taken the
    /// permission back (or it ran out, or changed). Said in those words, not as "staff must
    /// help", so they know why and what to do.
    fn link_gone(&self, err: &ApiError) -> Option<String> {
        let s = self.session.get_untracked()?;
        family::is_link_gone(&self.session, err).then(|| {
            self.i18n
                .t_with("family.link_gone", &[("elder", &s.elder.name)])
        })
    }

    /// The message for `err` (tracks the language).
    pub fn explain(&self, err: &ApiError) -> String {
        if let Some(text) = self.link_gone(err) {
            return text;
        }
        problems::explain(
            self.i18n.lang(),
            err,
            self.hotline().as_deref(),
            dates::today_for,
        )
    }

    /// The message for `err` in the words of day care or home visits.
    pub fn explain_for(&self, err: &ApiError, service: problems::Service) -> String {
        if let Some(text) = self.link_gone(err) {
            return text;
        }
        problems::explain_for(
            self.i18n.lang(),
            service,
            err,
            self.hotline().as_deref(),
            dates::today_for,
        )
    }
}

/// A screen's data failed to load: say why, speak it, offer to try again, and
/// send the elder to sign in again if the session has ended.
#[component]
pub fn LoadProblem(
    err: ApiError,
    #[prop(into)] retry: leptos::callback::UnsyncCallback<()>,
) -> impl IntoView {
    let explainer = use_explainer();
    let i18n = use_i18n();
    if problems::is_session_end(&err) {
        let sign_out = use_sign_out();
        // After this render, not during it: navigation replaces this screen.
        Effect::new(move |_| sign_out(SignOutReason::Expired));
    }
    let link_gone = family::is_link_gone(&use_session(), &err);
    let message = {
        let err = err.clone();
        Signal::derive(move || Some(explainer.explain(&err)))
    };
    if link_gone {
        return view! {
            <crate::components::Notice message />
            <family::LinkGone />
        }
        .into_any();
    }
    view! {
        <crate::components::Notice message />
        <div class="actions">
            <crate::components::BigButton
                label=Signal::derive(move || i18n.t("common.try_again"))
                on_press=move || retry.run(())
            />
        </div>
    }
    .into_any()
}

/// Canteens, from memory or the platform (or its cache).
pub async fn load_canteens(reader: &Reader, meals: MealsCtx) -> Result<Vec<Canteen>, ApiError> {
    if let Some(list) = meals.canteens.get_untracked() {
        return Ok(list);
    }
    let list = reader.canteens().await?;
    meals.canteens.set(Some(list.clone()));
    Ok(list)
}

/// One slot and its canteen: from memory when the elder came through the
/// flow, from the platform (or its cache) after a reload or a deep link.
pub async fn load_slot(
    reader: &Reader,
    meals: MealsCtx,
    slot_id: i64,
) -> Result<Option<(MealSlot, Option<Canteen>)>, ApiError> {
    let canteens = load_canteens(reader, meals).await?;
    if meals.slot(slot_id).is_none() {
        for canteen in &canteens {
            // The list's range, so its cached answer also serves a reload offline.
            let slots = reader
                .meal_slots(canteen.id, meal_slots::DAYS_AHEAD)
                .await?;
            meals.remember_slots(&slots);
            if slots.iter().any(|s| s.id == slot_id) {
                break;
            }
        }
    }
    Ok(meals.slot(slot_id).map(|slot| {
        let canteen = canteens.iter().find(|c| c.id == slot.canteen_id).cloned();
        (slot, canteen)
    }))
}

/// One booking, from memory or the elder's list on the platform (or its cache).
pub async fn load_booking(
    reader: &Reader,
    meals: MealsCtx,
    id: i64,
) -> Result<Option<Booking>, ApiError> {
    if let Some(b) = meals.booking(id) {
        return Ok(Some(b));
    }
    let list = reader.bookings().await?;
    meals.bookings.set(list);
    Ok(meals.booking(id))
}

/// Where to go after a booking is made or cancelled: My bookings, or home.
#[component]
pub fn AfterBookingActions() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let to_bookings = navigate.clone();
    view! {
        <div class="actions">
            <BigButton
                label=move || i18n.t("home.bookings")
                icon=IconKind::Bookings
                on_press=move || to_bookings("/bookings", Default::default())
                testid="to-bookings"
            />
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press=move || navigate("/home", Default::default())
                testid="to-home"
            />
        </div>
    }
}
