//! What the day-care and home-visit screens share: loading a session or a window again
//! from the platform (after a reload or a deep link nothing is kept in memory), the facts
//! as a description list, and the Confirm button with its one idempotency key per visit.

use api::{
    ApiError, Booking, Client, CreateBookingRequest, DaycareCentre, DaycarePeriod, DaycareSchedule,
    DaycareSession, Lang, ProblemType, VisitService, VisitWindow,
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice};
use crate::i18n::use_i18n;
use crate::keys;
use crate::pages::use_explainer;
use crate::problems::{self, Service};
use crate::state::{MealsCtx, SignOutReason, use_session, use_sign_out};

/// How many days ahead the elder sees.
pub const DAYS_AHEAD: u32 = 7;

/// The community's day-care centre (the first, when there are several) and its schedule.
pub async fn load_daycare(
    client: &Client,
) -> Result<Option<(DaycareCentre, DaycareSchedule)>, ApiError> {
    let Some(centre) = client.daycare_centres().await?.into_iter().next() else {
        return Ok(None);
    };
    let mut schedule = client
        .daycare_sessions(centre.id, None, Some(DAYS_AHEAD))
        .await?;
    // Morning, afternoon, then the full day: the order the elder reads them in.
    schedule.sessions.sort_by_key(|s| {
        let rank = DaycarePeriod::ALL.iter().position(|p| *p == s.period);
        (s.date, rank)
    });
    Ok(Some((centre, schedule)))
}

/// One day-care session and its centre.
pub async fn load_session(
    client: &Client,
    id: i64,
) -> Result<Option<(DaycareCentre, DaycareSession)>, ApiError> {
    Ok(load_daycare(client).await?.and_then(|(centre, schedule)| {
        let session = schedule.sessions.into_iter().find(|s| s.id == id)?;
        Some((centre, session))
    }))
}

/// One service of the home-visit catalogue.
pub async fn load_service(client: &Client, id: i64) -> Result<Option<VisitService>, ApiError> {
    Ok(client
        .visit_services()
        .await?
        .into_iter()
        .find(|s| s.id == id))
}

/// One service and one of its arrival windows.
pub async fn load_window(
    client: &Client,
    service_id: i64,
    window_id: i64,
) -> Result<Option<(VisitService, VisitWindow)>, ApiError> {
    let Some(service) = load_service(client, service_id).await? else {
        return Ok(None);
    };
    let windows = client
        .visit_windows(service_id, None, Some(DAYS_AHEAD))
        .await?;
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
    service: Service,
    again: String,
    #[prop(optional)] transport: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    // One key for this visit: every press of Confirm on this screen is the same request.
    let key = StoredValue::new(keys::idempotency_key());
    let request = StoredValue::new(request);
    let refusal = RwSignal::new(None::<ApiError>);

    let book = Action::new_local(move |_: &()| {
        let client = session.client();
        let key = key.get_value();
        let body = request.with_value(|r| r());
        async move { client.create_booking(&body, &key).await }
    });
    let go = navigate.clone();
    let on_result = move |result: Result<Booking, ApiError>| match result {
        Ok(booking) => {
            meals.remember_booking(&booking);
            go(
                &format!("/care-booked/{}", booking.id),
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
        Err(err) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        Err(err) => refusal.set(Some(err)),
    };
    Effect::new(move |_| {
        if let Some(result) = book.value().get() {
            on_result(result);
        }
    });
    let confirm = move || {
        if !book.pending().get_untracked() {
            refusal.set(None);
            book.dispatch_local(());
        }
    };

    let message = Signal::derive(move || refusal.get().map(|e| explainer.explain_for(&e, service)));
    let kind = move || refusal.get().and_then(|e| problems::kind(&e));
    let way_forward = move || {
        let navigate = navigate.clone();
        let (label, to) = match (kind(), transport.clone()) {
            (
                Some(
                    ProblemType::SlotFull
                    | ProblemType::CutoffPassed
                    | ProblemType::NotFound
                    | ProblemType::CentreClosed
                    | ProblemType::OverlappingBooking,
                ),
                _,
            ) => (i18n.t("care.choose_another_time"), again.clone()),
            (Some(ProblemType::AlreadyBooked), _) => {
                (i18n.t("home.bookings"), "/bookings".to_owned())
            }
            (Some(ProblemType::TransportFull), Some(to)) => (i18n.t("transport.choose_again"), to),
            // Network and server trouble: Confirm again, with the same key.
            _ => {
                return view! {
                    <BigButton
                        label=move || i18n.t("confirm.submit")
                        icon=IconKind::Check
                        on_press=confirm
                        disabled=book.pending()
                        testid="confirm-booking"
                    />
                }
                .into_any();
            }
        };
        view! {
            <BigButton label=label on_press=move || navigate(&to, Default::default()) testid="way-forward" />
        }
        .into_any()
    };
    let home = use_navigate();
    view! {
        <Notice message />
        <div class="actions">
            {way_forward}
            {move || book.pending().get().then(|| view! { <Loading /> })}
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press=move || home("/home", Default::default())
            />
        </div>
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
