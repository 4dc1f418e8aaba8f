//! The Confirm button every booking flow ends with, and what happens when the platform
//! says no. One idempotency key per visit of the confirm screen, so a double tap or a
//! retry after a dropped connection books at most once. When the platform cannot be
//! reached at all, the booking goes to the outbox under that same key (issue 4) and the
//! elder is told it will be sent by itself.

use api::{ApiError, Booking, CreateBookingRequest, ProblemType};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice};
use crate::i18n::use_i18n;
use crate::keys;
use crate::offline::{Change, Queued, Summary};
use crate::problems;
use crate::state::{MealsCtx, SessionCtx, SignOutReason, use_session, use_sign_out, use_sync};

/// The outbox entry for a change the platform could not be reached for, when this device
/// can send it later: a personal device keeps its session; a kiosk needs the delivery
/// token it fetched at sign-in, since the elder may sign out before the network returns.
/// `summary` names a booking in the "waiting to send" row (a help request needs none).
pub fn queued_change(
    session: SessionCtx,
    change: Change,
    key: String,
    summary: Option<Summary>,
) -> Option<Queued> {
    let s = session.get_untracked()?;
    let delivery_token = match session.mode.is_kiosk() {
        true => Some(s.delivery_token?),
        false => None,
    };
    Some(Queued {
        change,
        key,
        elder: s.elder.id,
        principal: s.me.person.id,
        delivery_token,
        summary,
    })
}

/// Confirm, then the success screen at `booked` + the booking id. A refusal is explained
/// in words (`explain`) and `way_forward` names the next step for its problem type (a
/// button label and a route); `None` offers Confirm again, with the same key. `summary`
/// names the booking in the outbox's "waiting to send" row.
#[component]
pub fn ConfirmActions(
    request: impl Fn() -> CreateBookingRequest + Send + Sync + 'static,
    summary: impl Fn() -> Summary + Send + Sync + 'static,
    booked: &'static str,
    explain: impl Fn(&ApiError) -> String + Send + Sync + 'static,
    way_forward: impl Fn(ProblemType) -> Option<(String, String)> + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    let sync = use_sync();
    let key = StoredValue::new(keys::idempotency_key());
    let request = StoredValue::new(request);
    let summary = StoredValue::new(summary);
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
            let to = format!("{booked}{}", booking.id);
            go(
                &to,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
        Err(err) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        Err(ApiError::Network(detail)) => {
            let change = Change::Create {
                request: request.with_value(|r| r()),
            };
            let queued = queued_change(
                session,
                change,
                key.get_value(),
                Some(summary.with_value(|s| s())),
            );
            let go = go.clone();
            leptos::task::spawn_local(async move {
                match queued.map(|q| sync.queue(q)) {
                    Some(fut) => match fut.await {
                        Ok(entry) => go(
                            &format!("/queued/{}", entry.seq),
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        ),
                        Err(_) => refusal.set(Some(ApiError::Network(detail))),
                    },
                    None => refusal.set(Some(ApiError::Network(detail))),
                }
            });
        }
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

    let message = Signal::derive(move || refusal.get().map(|e| explain(&e)));
    let next_step = move || {
        let navigate = navigate.clone();
        match refusal
            .get()
            .and_then(|e| problems::kind(&e))
            .and_then(&way_forward)
        {
            Some((label, to)) => view! {
                <BigButton
                    label=move || label.clone()
                    on_press=move || navigate(&to, Default::default())
                    testid="way-forward"
                />
            }
            .into_any(),
            None => view! {
                <BigButton
                    label=move || i18n.t("confirm.submit")
                    icon=IconKind::Check
                    on_press=confirm
                    disabled=book.pending()
                    testid="confirm-booking"
                />
            }
            .into_any(),
        }
    };
    let home = use_navigate();
    view! {
        <Notice message />
        <div class="actions">
            {next_step}
            {move || book.pending().get().then(|| view! { <Loading /> })}
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press=move || home("/home", Default::default())
            />
        </div>
    }
}
