//! `/bookings/:booking/cancel`: "cancel this booking?" It repeats what will be
//! cancelled, asks once, and says (and speaks) the result. One idempotency key
//! per visit, like booking.

use api::{ApiError, Booking, ProblemType};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen, Tone};
use crate::i18n::use_i18n;
use crate::keys;
use crate::offline::reader::use_reader;
use crate::offline::{Change, Summary};
use crate::pages::bookings::{CareFacts, headline, what};
use crate::pages::confirm::queued_change;
use crate::pages::meal_summary::{Facts, MealFacts};
use crate::pages::{
    AfterBookingActions, LoadProblem, id_param, load_booking, signed_out_home, use_explainer,
};
use crate::problems;
use crate::state::{MealsCtx, SignOutReason, use_session, use_sign_out, use_sync};

#[component]
pub fn CancelBooking() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let id = id_param("booking").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { load_booking(&reader, meals, id).await }
    });
    // Set once the platform has cancelled it: the screen then reports instead of asking.
    let cancelled = RwSignal::new(None::<Booking>);

    let title = move || match cancelled.get() {
        Some(_) => i18n.t("cancel.done_title"),
        None => i18n.t("cancel.title"),
    };
    let say = move || match (cancelled.get(), data.get()) {
        (Some(b), _) => done_text(i18n, &b),
        (None, Some(Ok(Some(b)))) => {
            i18n.t_with("cancel.say", &[("what", &headline(i18n.lang(), &b))])
        }
        _ => title(),
    };
    view! {
        <Screen title say back="/bookings" class="cancel">
            {move || match (cancelled.get(), data.get()) {
                (Some(b), _) => view! { <Cancelled booking=b /> }.into_any(),
                (None, None) => view! { <Loading /> }.into_any(),
                (None, Some(Err(err))) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                (None, Some(Ok(None))) => {
                    view! { <p class="lead">{move || i18n.t("cancel.missing")}</p> }.into_any()
                }
                (None, Some(Ok(Some(b)))) => view! { <AskToCancel booking=b cancelled /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

fn done_text(i18n: crate::i18n::I18n, booking: &Booking) -> String {
    i18n.t_with("cancel.done", &[("what", &headline(i18n.lang(), booking))])
}

#[component]
fn AskToCancel(booking: Booking, cancelled: RwSignal<Option<Booking>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let explainer = use_explainer();
    let sign_out = use_sign_out();
    let navigate = use_navigate();
    let key = StoredValue::new(keys::idempotency_key());
    let refusal = RwSignal::new(None::<ApiError>);
    let id = booking.id;
    let sync = use_sync();
    let go = navigate.clone();
    let summary = StoredValue::new(Summary::worded(booking.starts_at(), |lang| {
        what(lang, &booking)
    }));

    let cancel = Action::new_local(move |_: &()| {
        let client = session.client();
        let key = key.get_value();
        async move { client.cancel_booking(id, &key).await }
    });
    let on_result = move |result: Result<Booking, ApiError>| match result {
        Ok(b) => {
            meals.remember_booking(&b);
            cancelled.set(Some(b));
        }
        Err(err) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        // No network: the cancellation waits in the outbox under the same key.
        Err(ApiError::Network(detail)) => {
            let queued = queued_change(
                session,
                Change::Cancel { booking: id },
                key.get_value(),
                Some(summary.get_value()),
            );
            let go = go.clone();
            spawn_local(async move {
                let entry = match queued {
                    Some(q) => sync.queue(q).await.ok(),
                    None => None,
                };
                match entry {
                    Some(entry) => go(&format!("/queued/{}", entry.seq), Default::default()),
                    None => refusal.set(Some(ApiError::Network(detail))),
                }
            });
        }
        Err(err) => refusal.set(Some(err)),
    };
    Effect::new(move |_| {
        if let Some(result) = cancel.value().get() {
            on_result(result);
        }
    });
    let message = Signal::derive(move || refusal.get().map(|e| explainer.explain(&e)));
    let refused = move || {
        matches!(
            refusal.get().and_then(|e| problems::kind(&e)),
            Some(ProblemType::NotCancellable | ProblemType::NotFound)
        )
    };
    let confirm = move || {
        if !cancel.pending().get_untracked() {
            refusal.set(None);
            cancel.dispatch_local(());
        }
    };

    view! {
        <p class="question">{move || i18n.t("cancel.question")}</p>
        {match MealFacts::for_booking(&booking) {
            Some(facts) => view! { <Facts facts /> }.into_any(),
            None => view! { <CareFacts booking=booking.clone() /> }.into_any(),
        }}
        <Notice message />
        <div class="actions">
            {move || (!refused()).then(|| view! {
                <BigButton
                    label=move || i18n.t("cancel.confirm")
                    kind=ButtonKind::Danger
                    icon=IconKind::Cross
                    on_press=confirm
                    disabled=cancel.pending()
                    testid="confirm-cancel"
                />
            })}
            {move || cancel.pending().get().then(|| view! { <Loading /> })}
            <BigButton
                label=move || i18n.t("cancel.keep")
                kind=ButtonKind::Secondary
                on_press=move || navigate("/bookings", Default::default())
                testid="keep-booking"
            />
        </div>
    }
}

#[component]
fn Cancelled(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let message = Signal::derive(move || Some(done_text(i18n, &booking)));
    view! {
        // The screen's own prompt already speaks the result.
        <Notice message tone=Tone::Success speak=false />
        <AfterBookingActions />
    }
}
