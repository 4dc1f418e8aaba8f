//! A day-care session in My bookings: the centre, and the pick-up when the centre's car comes.

use api::{Booking, DaycareBooking};
use leptos::prelude::*;

use super::row::{BookingRow, Fact};
use crate::i18n::use_i18n;

#[component]
pub fn DaycareRow(booking: Booking, daycare: DaycareBooking, in_day: bool) -> impl IntoView {
    let i18n = use_i18n();
    let DaycareBooking {
        centre,
        address,
        transport,
        ..
    } = daycare;
    let place = move || format!("{} · {}", centre.get(i18n.lang()), address.get(i18n.lang()));
    view! {
        <BookingRow booking in_day>
            <Fact label=move || i18n.t("care.place") value=place />
            {transport.then(|| view! {
                <Fact
                    label=move || i18n.t("care.transport")
                    value=move || i18n.t("care.transport_yes")
                />
            })}
        </BookingRow>
    }
}
