//! `/meals/:slot`, tap 2 of 3: "how would you like it?" Only the ways this meal
//! offers, each with its price from the platform (堂食 / 自取 / 送餐), under the menu
//! with the dishes that suit the elder marked.

use api::{Canteen, DietTag, Fulfilment, MealSlot};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::i18n::use_i18n;
use crate::offline::reader::{Reader, use_reader};
use crate::pages::address::load_profile;
use crate::pages::meal_menu::{MealMenu, suiting};
use crate::pages::meal_summary::MealFacts;
use crate::pages::{LoadProblem, id_param, load_slot, signed_out_home};
use crate::state::{MealsCtx, use_session};
use crate::words;

fn icon(how: Fulfilment) -> IconKind {
    match how {
        Fulfilment::DineIn => IconKind::DineIn,
        Fulfilment::Pickup => IconKind::Pickup,
        Fulfilment::Delivery => IconKind::Delivery,
    }
}

#[component]
pub fn MealFulfilment() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let slot_id = id_param("slot").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        let elder = session
            .get_untracked()
            .map(|s| s.elder.id)
            .unwrap_or_default();
        async move {
            let found = load_slot(&reader, meals, slot_id).await?;
            Ok::<_, api::ApiError>(match found {
                Some(found) => Some((found, diet_needs(&reader, meals, elder).await)),
                None => None,
            })
        }
    });

    let title = move || i18n.t("fulfilment.title");
    let say = move || match data.get() {
        Some(Ok(Some(((slot, canteen), needs)))) => {
            let what = MealFacts::for_slot(&slot, canteen.as_ref(), None).headline(i18n.lang());
            let ways: Vec<String> = slot
                .offers
                .iter()
                .map(|o| words::fulfilment(i18n.lang(), o.fulfilment))
                .collect();
            let suiting: Vec<&str> = suiting(&slot.dishes, &needs)
                .iter()
                .map(|d| d.name.get(i18n.lang()))
                .collect();
            let suits = match suiting.is_empty() {
                true => String::new(),
                false => i18n.t_with(
                    "menu.say_suits",
                    &[("dishes", &suiting.join(&i18n.t("common.list_separator")))],
                ),
            };
            i18n.t_with(
                "fulfilment.say",
                &[
                    ("what", &what),
                    ("ways", &ways.join(&i18n.t("common.or_separator"))),
                ],
            ) + &suits
        }
        _ => title(),
    };

    view! {
        <Screen title say back="/meals" class="fulfilment">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <SlotGone /> }.into_any(),
                Some(Ok(Some(((slot, canteen), needs)))) => view! { <Ways meal_slot=slot canteen needs /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

/// The elder's standing dietary needs. Only the highlighting depends on them, so a profile
/// that cannot be read leaves the menu unmarked rather than stopping the booking.
pub async fn diet_needs(reader: &Reader, meals: MealsCtx, elder: i64) -> Vec<DietTag> {
    load_profile(reader, meals, elder)
        .await
        .map(|p| p.diet)
        .unwrap_or_default()
}

#[component]
fn Ways(meal_slot: MealSlot, canteen: Option<Canteen>, needs: Vec<DietTag>) -> impl IntoView {
    let slot = meal_slot;
    let i18n = use_i18n();
    let navigate = use_navigate();
    let facts = MealFacts::for_slot(&slot, canteen.as_ref(), None);
    let headline = {
        let facts = facts.clone();
        move || facts.headline(i18n.lang())
    };
    let time = move || crate::dates::time_range(i18n.lang(), &slot.serve_from, &slot.serve_until);
    if !slot.open {
        return view! {
            <p class="chosen">{headline}</p>
            <SlotGone />
        }
        .into_any();
    }
    let offers: Vec<_> = Fulfilment::ALL
        .iter()
        .filter_map(|f| slot.offer(*f).cloned())
        .collect();
    let dishes = slot.dishes.clone();
    view! {
        <p class="chosen" data-testid="chosen-meal">{headline} " · " {time}</p>
        <MealMenu dishes needs />
        <p class="question">{move || i18n.t("fulfilment.question")}</p>
        <ul class="choices">
            {offers
                .into_iter()
                .map(|offer| {
                    let navigate = navigate.clone();
                    let how = offer.fulfilment;
                    let to = format!("/meals/{}/{}", slot.id, words::fulfilment_slug(how));
                    let detail = move || {
                        let lang = i18n.lang();
                        let pay = i18n.t_with("slots.you_pay", &[("amount", &words::money(lang, offer.price.you_pay))]);
                        format!("{}\n{pay}", words::fulfilment_hint(lang, how))
                    };
                    view! {
                        <li>
                            <BigButton
                                label=move || words::fulfilment(i18n.lang(), how)
                                detail=detail
                                icon=icon(how)
                                kind=ButtonKind::Secondary
                                on_press=move || navigate(&to, Default::default())
                                testid=match how {
                                    Fulfilment::DineIn => "fulfilment-dine-in",
                                    Fulfilment::Pickup => "fulfilment-pickup",
                                    Fulfilment::Delivery => "fulfilment-delivery",
                                }
                            />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// The meal cannot be booked any more (or no longer exists): say so and go back to the list.
#[component]
pub fn SlotGone() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <crate::components::Notice message=Signal::derive(move || Some(i18n.t("fulfilment.slot_gone"))) />
        <div class="actions">
            <BigButton
                label=move || i18n.t("common.choose_another_meal")
                on_press=move || navigate("/meals", Default::default())
            />
        </div>
    }
}
