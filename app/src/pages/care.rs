//! What the day-care and home-visit screens share: loading a session or a window again
//! from the platform or its cache (after a reload or a deep link nothing is kept in
//! memory), the facts as a description list, and the Confirm button with its one
//! idempotency key per visit.

use api::{
    ApiError, CreateBookingRequest, DaycareCentre, DaycarePeriod, DaycareSchedule, DaycareSession,
    Lang, ProblemType, VisitService, VisitWindow,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, Notice};
use crate::i18n::use_i18n;
use crate::offline::Summary;
use crate::offline::reader::Reader;
use crate::pages::confirm::ConfirmActions;
use crate::pages::use_explainer;
use crate::problems::Service;

/// How many days of day care ahead the elder sees.
pub const DAYS_AHEAD: u32 = 7;

/// How many days of home-visit windows can be asked for (the provider publishes two weeks);
/// the first [`DAYS_AHEAD`] show at once, the rest behind one button.
pub const VISIT_DAYS_AHEAD: u32 = 14;

/// The community's day-care centre (the first, when there are several) and its schedule.
pub async fn load_daycare(
    reader: &Reader,
) -> Result<Option<(DaycareCentre, DaycareSchedule)>, ApiError> {
    let Some(centre) = reader.daycare_centres().await?.into_iter().next() else {
        return Ok(None);
    };
    let mut schedule = reader.daycare_sessions(centre.id, DAYS_AHEAD).await?;
    // Morning, afternoon, then the full day: the order the elder reads them in.
    schedule.sessions.sort_by_key(|s| {
        let rank = DaycarePeriod::ALL.iter().position(|p| *p == s.period);
        (s.date, rank)
    });
    Ok(Some((centre, schedule)))
}

/// One day-care session and its centre.
pub async fn load_session(
    reader: &Reader,
    id: i64,
) -> Result<Option<(DaycareCentre, DaycareSession)>, ApiError> {
    Ok(load_daycare(reader).await?.and_then(|(centre, schedule)| {
        let session = schedule.sessions.into_iter().find(|s| s.id == id)?;
        Some((centre, session))
    }))
}

/// One service of the home-visit catalogue.
pub async fn load_service(reader: &Reader, id: i64) -> Result<Option<VisitService>, ApiError> {
    Ok(reader
        .visit_services()
        .await?
        .into_iter()
        .find(|s| s.id == id))
}

/// One service and one of its arrival windows.
pub async fn load_window(
    reader: &Reader,
    service_id: i64,
    window_id: i64,
) -> Result<Option<(VisitService, VisitWindow)>, ApiError> {
    let Some(service) = load_service(reader, service_id).await? else {
        return Ok(None);
    };
    let windows = reader.visit_windows(service_id, VISIT_DAYS_AHEAD).await?;
    Ok(windows
        .into_iter()
        .find(|w| w.id == window_id)
        .map(|w| (service, w)))
}

/// One line of facts: label, value, test id, emphasised.
pub type Row = (String, String, &'static str, bool);

/// Facts as a description list, re-rendered when the language changes.
#[component]
pub fn FactRows(rows: impl Fn(Lang) -> Vec<Row> + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts">
            {move || {
                rows(i18n.lang())
                    .into_iter()
                    .map(|(label, value, testid, strong)| {
                        view! {
                            <div class="fact" class:fact-strong=strong data-testid=testid>
                                <dt>{label}</dt>
                                <dd>{value}</dd>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </dl>
    }
}

/// Confirm, and what to do when the platform says no. `again` is where the elder chooses
/// another time; `transport` where they choose again about pick-up (day care only).
#[component]
pub fn ConfirmCare(
    request: impl Fn() -> CreateBookingRequest + Send + Sync + 'static,
    summary: Summary,
    service: Service,
    again: String,
    #[prop(optional)] transport: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let explainer = use_explainer();
    let way_forward = move |kind: ProblemType| match (kind, transport.clone()) {
        (
            ProblemType::SlotFull
            | ProblemType::CutoffPassed
            | ProblemType::NotFound
            | ProblemType::CentreClosed
            | ProblemType::OverlappingBooking,
            _,
        ) => Some((i18n.t("care.choose_another_time"), again.clone())),
        (ProblemType::AlreadyBooked, _) => Some((i18n.t("home.bookings"), "/bookings".to_owned())),
        (ProblemType::TransportFull, Some(to)) => Some((i18n.t("transport.choose_again"), to)),
        _ => None,
    };
    view! {
        <ConfirmActions
            request
            summary=move || summary.clone()
            booked="/care-booked/"
            explain=move |e| explainer.explain_for(e, service)
            way_forward
        />
    }
}

/// The session or window cannot be booked any more: say so, offer another time.
#[component]
pub fn TimeGone(to: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <Notice message=Signal::derive(move || Some(i18n.t("care.gone"))) />
        <div class="actions">
            <BigButton
                label=move || i18n.t("care.choose_another_time")
                on_press=move || navigate(&to, Default::default())
            />
        </div>
    }
}

/// Places left, or why a session or window cannot be booked.
pub fn availability(lang: Lang, open: bool, places_left: u32) -> String {
    use crate::i18n::{tr, tr_with};
    if places_left == 0 {
        tr(lang, "care.full")
    } else if !open {
        tr(lang, "care.closed")
    } else {
        tr_with(lang, "care.places_left", &[("n", &places_left.to_string())])
    }
}
