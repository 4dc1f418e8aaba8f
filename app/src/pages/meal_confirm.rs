//! `/meals/:slot/:fulfilment`: the confirm screen. It repeats the whole booking
//! in words and speaks it; one full-width Confirm. The idempotency key is made
//! once per visit, so a double tap or a retry after a dropped connection books
//! at most once.

use api::{ApiError, Booking, CreateBookingRequest, Fulfilment, ProblemType};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen};
use crate::i18n::use_i18n;
use crate::keys;
use crate::pages::meal_fulfilment::SlotGone;
use crate::pages::meal_summary::{Facts, MealFacts};
use crate::pages::{LoadProblem, id_param, load_slot, signed_out_home, use_explainer};
use crate::problems;
use crate::state::{MealsCtx, SignOutReason, use_session, use_sign_out};
use crate::words;

#[component]
pub fn MealConfirm() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let slot_id = id_param("slot").unwrap_or_default();
    let how = use_params_map().with_untracked(|p| {
        p.get("fulfilment")
            .and_then(|s| words::fulfilment_from_slug(&s))
    });
    let Some(how) = how else {
        return view! { <Redirect path=format!("/meals/{slot_id}") /> }.into_any();
    };
    let data = LocalResource::new(move || {
        let client = session.client();
        async move {
            let found = load_slot(&client, meals, slot_id).await?;
            // The facts only when this meal still offers this way of getting it.
            Ok::<_, ApiError>(found.and_then(|(slot, canteen)| {
                slot.offer(how)
                    .map(|_| MealFacts::for_slot(&slot, canteen.as_ref(), Some(how)))
            }))
        }
    });
    let on_behalf = signed_in
        .is_on_behalf()
        .then_some(signed_in.elder.name.clone());

    let title = move || i18n.t("confirm.title");
    let say = move || match data.get() {
        Some(Ok(Some(facts))) => {
            format!(
                "{} {}{}",
                title(),
                facts.spoken(i18n.lang()),
                i18n.t("confirm.say_press")
            )
        }
        _ => title(),
    };

    view! {
        <Screen title say back=format!("/meals/{slot_id}") class="confirm">
            {on_behalf.map(|elder| view! {
                <p class="on-behalf">{move || i18n.t_with("home.on_behalf", &[("elder", &elder)])}</p>
            })}
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <SlotGone /> }.into_any(),
                Some(Ok(Some(facts))) => view! { <ConfirmBooking facts slot_id how /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn ConfirmBooking(facts: MealFacts, slot_id: i64, how: Fulfilment) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let meals = expect_context::<MealsCtx>();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let sign_out = use_sign_out();
    // One key for this visit: every press of Confirm on this screen is the same request.
    let key = StoredValue::new(keys::idempotency_key());
    let refusal = RwSignal::new(None::<ApiError>);

    let book = Action::new_local(move |_: &()| {
        let client = session.client();
        let key = key.get_value();
        let request = CreateBookingRequest::Meal {
            slot_id,
            fulfilment: how,
        };
        async move { client.create_booking(&request, &key).await }
    });
    let go = navigate.clone();
    let on_result = move |result: Result<Booking, ApiError>| match result {
        Ok(booking) => {
            meals.remember_booking(&booking);
            go(
                &format!("/booked/{}", booking.id),
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

    let message = Signal::derive(move || refusal.get().map(|e| explainer.explain(&e)));
    let kind = move || refusal.get().and_then(|e| problems::kind(&e));
    let way_forward = move || {
        let navigate = navigate.clone();
        let (label, to) = match kind() {
            Some(ProblemType::SlotFull | ProblemType::CutoffPassed | ProblemType::NotFound) => {
                (i18n.t("common.choose_another_meal"), "/meals".to_owned())
            }
            Some(ProblemType::AlreadyBooked) => (i18n.t("home.bookings"), "/bookings".to_owned()),
            Some(ProblemType::FulfilmentUnavailable) => (
                i18n.t("confirm.choose_another_way"),
                format!("/meals/{slot_id}"),
            ),
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

    view! {
        <Facts facts />
        <Notice message />
        <div class="actions">
            {way_forward}
            {move || book.pending().get().then(|| view! { <Loading /> })}
            <BigButton
                label=move || i18n.t("common.home")
                kind=ButtonKind::Secondary
                on_press={
                    let navigate = use_navigate();
                    move || navigate("/home", Default::default())
                }
            />
        </div>
    }
}
