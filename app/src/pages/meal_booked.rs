//! `/booked/:booking`: the success screen. It says what happens next — which
//! day, what time, where (or that the meal comes to the door) — and speaks it.

use api::{BookedService, Booking, Fulfilment, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{Loading, Notice, Screen, Tone};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::offline::reader::use_reader;
use crate::pages::meal_summary::{Facts, MealFacts};
use crate::pages::{AfterBookingActions, LoadProblem, id_param, load_booking, signed_out_home};
use crate::state::{MealsCtx, use_session};

/// "Tomorrow at 11:00, come to Sunshine Canteen, 8 Garden Road, to eat."
fn what_next(lang: Lang, booking: &Booking) -> String {
    let BookedService::Meal(m) = &booking.service else {
        return crate::pages::bookings::headline(lang, booking);
    };
    let day = dates::day_label(lang, m.date, dates::today_for(&m.serve_from));
    let time = dates::time_range(lang, &m.serve_from, &m.serve_until);
    let args = [
        ("day", day.as_str()),
        ("time", time.as_str()),
        ("canteen", m.canteen.get(lang)),
        ("address", m.address.get(lang)),
        ("meal", &crate::words::meal(lang, m.meal)),
    ];
    match m.fulfilment {
        Fulfilment::DineIn => tr_with(lang, "booked.next_dine_in", &args),
        Fulfilment::Pickup => tr_with(lang, "booked.next_pickup", &args),
        Fulfilment::Delivery => tr_with(lang, "booked.next_delivery", &args),
    }
}

#[component]
pub fn MealBooked() -> impl IntoView {
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
    let title = move || i18n.t("booked.title");
    let say = move || match data.get() {
        Some(Ok(Some(b))) => format!("{} {}", title(), what_next(i18n.lang(), &b)),
        _ => title(),
    };
    view! {
        <Screen title say class="booked">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <p class="lead">{move || i18n.t("booked.missing")}</p> }.into_any(),
                Some(Ok(Some(booking))) => {
                    let next = {
                        let booking = booking.clone();
                        Signal::derive(move || Some(what_next(i18n.lang(), &booking)))
                    };
                    view! {
                        <Notice message=next tone=Tone::Success speak=false />
                        {MealFacts::for_booking(&booking).map(|facts| view! { <Facts facts /> })}
                    }
                    .into_any()
                }
            }}
            <AfterBookingActions />
        </Screen>
    }
    .into_any()
}
