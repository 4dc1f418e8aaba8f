//! `/meals`, tap 1 of 3: "which day, which meal?" Upcoming meals of the
//! community canteen grouped by day, each with its time, places left and what
//! the elder pays. Full or closed meals stay visible, disabled, with the reason
//! in words. With several canteens the elder first picks one (`?canteen=`).

use api::{ApiError, Canteen, MealSlot};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::{I18n, use_i18n};
use crate::offline::reader::{Reader, use_reader};
use crate::pages::{LoadProblem, load_canteens, signed_out_home};
use crate::state::{MealsCtx, use_session};
use crate::words;

/// How many days ahead the elder sees.
pub const DAYS_AHEAD: u32 = 7;

#[derive(Debug, Clone, PartialEq)]
enum Choices {
    /// More than one canteen and none chosen yet.
    Canteens(Vec<Canteen>),
    Slots {
        // Boxed: a canteen now carries its provider card.
        canteen: Box<Canteen>,
        slots: Vec<MealSlot>,
        several: bool,
    },
    NoCanteen,
}

async fn load(reader: Reader, meals: MealsCtx, chosen: Option<i64>) -> Result<Choices, ApiError> {
    let canteens = load_canteens(&reader, meals).await?;
    let several = canteens.len() > 1;
    let canteen = match (canteens.as_slice(), chosen) {
        ([], _) => return Ok(Choices::NoCanteen),
        ([only], _) => only.clone(),
        (all, Some(id)) => match all.iter().find(|c| c.id == id) {
            Some(c) => c.clone(),
            None => return Ok(Choices::Canteens(canteens)),
        },
        (_, None) => return Ok(Choices::Canteens(canteens)),
    };
    let mut slots = reader.meal_slots(canteen.id, DAYS_AHEAD).await?;
    meals.remember_slots(&slots);
    slots.sort_by_key(|s| (s.date, s.serve_from));
    Ok(Choices::Slots {
        canteen: Box::new(canteen),
        slots,
        several,
    })
}

#[component]
pub fn MealSlots() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let query = use_query_map();
    let chosen = move || query.with(|q| q.get("canteen").and_then(|c| c.parse::<i64>().ok()));
    let reader = use_reader();
    let data = LocalResource::new(move || load(reader(), meals, chosen()));

    let title = move || match data.get() {
        Some(Ok(Choices::Canteens(_))) => i18n.t("slots.choose_canteen"),
        _ => i18n.t("slots.title"),
    };
    let say = move || match data.get() {
        Some(Ok(Choices::Canteens(_))) => i18n.t("slots.choose_canteen_say"),
        Some(Ok(Choices::Slots { canteen, slots, .. })) if slots.is_empty() => {
            i18n.t_with("slots.none", &[("canteen", canteen.name.get(i18n.lang()))])
        }
        Some(Ok(Choices::Slots { canteen, .. })) => {
            i18n.t_with("slots.say", &[("canteen", canteen.name.get(i18n.lang()))])
        }
        _ => i18n.t("slots.title"),
    };
    // Back from a chosen canteen returns to the canteen list, if there is one.
    let back = move || match data.get() {
        Some(Ok(Choices::Slots { several: true, .. })) => "/meals".to_owned(),
        _ => "/home".to_owned(),
    };

    view! {
        <Screen title say back=Signal::derive(move || Some(back())) class="meals">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(Choices::NoCanteen)) => {
                    view! { <p class="lead">{move || i18n.t("slots.no_canteen")}</p> }.into_any()
                }
                Some(Ok(Choices::Canteens(list))) => view! { <CanteenChoice list /> }.into_any(),
                Some(Ok(Choices::Slots { canteen, slots, .. })) => view! { <SlotDays canteen=*canteen slots /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn CanteenChoice(list: Vec<Canteen>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <ul class="choices">
            {list
                .into_iter()
                .map(|c| {
                    let navigate = navigate.clone();
                    let name = c.name.clone();
                    let address = c.address.clone();
                    view! {
                        <li>
                            <BigButton
                                label=move || name.get(i18n.lang()).to_owned()
                                detail=move || address.get(i18n.lang()).to_owned()
                                kind=ButtonKind::Secondary
                                icon=IconKind::Meals
                                on_press=move || navigate(&format!("/meals?canteen={}", c.id), Default::default())
                            />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn SlotDays(canteen: Canteen, slots: Vec<MealSlot>) -> impl IntoView {
    let i18n = use_i18n();
    let name = canteen.name.clone();
    let mut days: Vec<Vec<MealSlot>> = Vec::new();
    for slot in slots {
        match days.last_mut() {
            Some(day) if day[0].date == slot.date => day.push(slot),
            _ => days.push(vec![slot]),
        }
    }
    if days.is_empty() {
        return view! {
            <p class="lead">
                {move || i18n.t_with("slots.none", &[("canteen", name.get(i18n.lang()))])}
            </p>
        }
        .into_any();
    }
    let address = canteen.address.clone();
    view! {
        <p class="place">
            {move || format!("{} · {}", name.get(i18n.lang()), address.get(i18n.lang()))}
        </p>
        <p class="question">{move || i18n.t("slots.question")}</p>
        {days.into_iter().map(|day| view! { <SlotDay day /> }).collect_view()}
    }
    .into_any()
}

#[component]
fn SlotDay(day: Vec<MealSlot>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let first = day[0].clone();
    let date = first.date;
    let heading = move || dates::day_label(i18n.lang(), date, dates::today_for(&first.serve_from));
    let heading_id = format!("day-{date}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="day" data-testid=format!("day-{date}") aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <ul class="choices choices-row">
                {day
                    .into_iter()
                    .map(|slot| {
                        let navigate = navigate.clone();
                        let id = slot.id;
                        let testid = format!("slot-{}-{}", slot.date, meal_slug(&slot));
                        let disabled = !slot.open;
                        let detail = slot_detail(i18n, slot.clone());
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="btn btn-choice"
                                    disabled=disabled
                                    data-testid=testid
                                    on:click=move |_| navigate(&format!("/meals/{id}"), Default::default())
                                >
                                    <span class="btn-text">
                                        <span class="btn-label">{move || words::meal(i18n.lang(), slot.meal)}</span>
                                        <span class="btn-detail">{detail}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

fn meal_slug(slot: &MealSlot) -> &'static str {
    match slot.meal {
        api::MealKind::Lunch => "lunch",
        api::MealKind::Dinner => "dinner",
    }
}

/// Time, then places left (or why it cannot be booked), then what the elder pays.
fn slot_detail(i18n: I18n, slot: MealSlot) -> impl Fn() -> String {
    move || {
        let lang = i18n.lang();
        let time = dates::time_range(lang, &slot.serve_from, &slot.serve_until);
        let status = if slot.places_left == 0 {
            i18n.t("slots.full")
        } else if !slot.open {
            i18n.t("slots.closed")
        } else {
            i18n.t_with("slots.places_left", &[("n", &slot.places_left.to_string())])
        };
        let prices: Vec<_> = slot.offers.iter().map(|o| o.price.you_pay).collect();
        let price = match (prices.iter().min(), prices.iter().max()) {
            (Some(min), Some(max)) if min == max => {
                i18n.t_with("slots.you_pay", &[("amount", &words::money(lang, *min))])
            }
            (Some(min), Some(_)) => i18n.t_with(
                "slots.you_pay_from",
                &[("amount", &words::money(lang, *min))],
            ),
            _ => String::new(),
        };
        if slot.open {
            format!("{time}\n{status}\n{price}")
        } else {
            format!("{time}\n{status}")
        }
    }
}
