//! A meal in My bookings: the canteen and how the elder gets the meal.

use api::{Booking, MealBooking};
use leptos::prelude::*;

use super::row::{BookingRow, Fact};
use crate::i18n::use_i18n;
use crate::words;

#[component]
pub fn MealRow(booking: Booking, meal: MealBooking, in_day: bool) -> impl IntoView {
    let i18n = use_i18n();
    let MealBooking {
        canteen,
        address,
        fulfilment,
        ..
    } = meal;
    let place = move || {
        format!(
            "{} · {}",
            canteen.get(i18n.lang()),
            address.get(i18n.lang())
        )
    };
    view! {
        <BookingRow booking in_day>
            <Fact label=move || i18n.t("facts.canteen") value=place />
            <Fact
                label=move || i18n.t("facts.how")
                value=move || words::fulfilment(i18n.lang(), fulfilment)
            />
        </BookingRow>
    }
}
