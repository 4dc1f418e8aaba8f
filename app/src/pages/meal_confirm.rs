//! `/meals/:slot/:fulfilment`: the confirm screen. It repeats the whole booking
//! in words and speaks it; one full-width Confirm. The idempotency key is made
//! once per visit, so a double tap or a retry after a dropped connection books
//! at most once.

use api::{ApiError, CreateBookingRequest, Fulfilment, ProblemType};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::components::{Loading, Screen};
use crate::i18n::use_i18n;
use crate::pages::confirm::ConfirmActions;
use crate::pages::meal_fulfilment::SlotGone;
use crate::pages::meal_summary::{Facts, MealFacts};
use crate::pages::{LoadProblem, id_param, load_slot, signed_out_home, use_explainer};
use crate::state::{MealsCtx, use_session};
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
    let explainer = use_explainer();
    let way_forward = move |kind: ProblemType| match kind {
        ProblemType::SlotFull | ProblemType::CutoffPassed | ProblemType::NotFound => {
            Some((i18n.t("common.choose_another_meal"), "/meals".to_owned()))
        }
        ProblemType::AlreadyBooked => Some((i18n.t("home.bookings"), "/bookings".to_owned())),
        ProblemType::FulfilmentUnavailable => Some((
            i18n.t("confirm.choose_another_way"),
            format!("/meals/{slot_id}"),
        )),
        _ => None,
    };
    view! {
        <Facts facts />
        <ConfirmActions
            request=move || CreateBookingRequest::Meal { slot_id, fulfilment: how, address: None }
            booked="/booked/"
            explain=move |e| explainer.explain(e)
            way_forward
        />
    }
}
