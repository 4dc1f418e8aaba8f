//! `/meals/:slot/:fulfilment`: the confirm screen. It repeats the whole booking
//! in words and speaks it; one full-width Confirm. The idempotency key is made
//! once per visit, so a double tap or a retry after a dropped connection books
//! at most once. For delivery it shows (and says) the address, which the elder may
//! change for this one meal without leaving the screen.

use api::{ApiError, CreateBookingRequest, ElderProfile, Fulfilment, ProblemType};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::components::{Loading, ProviderCard, Screen};
use crate::i18n::use_i18n;
use crate::offline::Summary;
use crate::offline::reader::use_reader;
use crate::pages::address::{AddressChoice, load_profile};
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
    let elder = signed_in.elder.id;
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let found = load_slot(&reader, meals, slot_id).await?;
            // The address on file decides what delivery says, so the profile is needed here.
            let profile = load_profile(&reader, meals, elder).await?;
            // The facts only when this meal still offers this way of getting it.
            Ok::<_, ApiError>(found.and_then(|(slot, canteen)| {
                slot.offer(how).map(|_| Chosen {
                    facts: MealFacts::for_slot(&slot, canteen.as_ref(), Some(how)),
                    profile,
                    provider: canteen.as_ref().map(|c| c.provider.clone()),
                })
            }))
        }
    });
    let address = RwSignal::new(None::<String>);
    let on_behalf = signed_in
        .is_on_behalf()
        .then_some(signed_in.elder.name.clone());

    let title = move || i18n.t("confirm.title");
    let say = move || match data.get() {
        Some(Ok(Some(chosen))) => {
            let lang = i18n.lang();
            let to = (how == Fulfilment::Delivery)
                .then(|| address.get_untracked().or(chosen.profile.address.clone()))
                .flatten()
                .map(|a| i18n.t_with("address.say_deliver_to", &[("address", &a)]))
                .unwrap_or_default();
            format!(
                "{} {}{to}{}",
                title(),
                chosen.facts.spoken(lang),
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
                Some(Ok(Some(chosen))) => view! { <ConfirmBooking chosen slot_id how address /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

/// What the confirm screen shows: the meal, and the elder's address on file.
#[derive(Debug, Clone, PartialEq)]
struct Chosen {
    facts: MealFacts,
    profile: ElderProfile,
    /// The canteen's provider card, when the canteen is known.
    provider: Option<api::ProviderCard>,
}

#[component]
fn ConfirmBooking(
    chosen: Chosen,
    slot_id: i64,
    how: Fulfilment,
    /// The address typed for this delivery; `None` for the one on file.
    address: RwSignal<Option<String>>,
) -> impl IntoView {
    let Chosen {
        facts,
        profile,
        provider,
    } = chosen;
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
    let delivery = how == Fulfilment::Delivery;
    let summary = Summary::worded(facts.serve_from, |lang| words::meal(lang, facts.meal));
    view! {
        <Facts facts />
        {delivery.then(|| view! {
            <AddressChoice on_file=profile.address.clone() chosen=address heading=Signal::derive(move || i18n.t("address.deliver_to")) />
        })}
        <ConfirmActions
            request=move || CreateBookingRequest::Meal {
                slot_id,
                fulfilment: how,
                address: if delivery { address.get_untracked() } else { None },
            }
            summary=move || summary.clone()
            booked="/booked/"
            explain=move |e| explainer.explain(e)
            way_forward
        />
        {provider.map(|card| view! { <ProviderCard card /> })}
    }
}
