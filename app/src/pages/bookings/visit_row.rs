//! A home visit in My bookings: where the worker comes, who sends them, and the worker's
//! name once staff have assigned one (the stage is the row's status).

use api::{Booking, VisitBooking};
use leptos::prelude::*;

use super::row::{BookingRow, Fact};
use crate::i18n::use_i18n;

#[component]
pub fn VisitRow(booking: Booking, visit: VisitBooking, in_day: bool) -> impl IntoView {
    let i18n = use_i18n();
    let VisitBooking {
        address,
        provider,
        worker,
        ..
    } = visit;
    let place = move || format!("{address} · {}", provider.get(i18n.lang()));
    view! {
        <BookingRow booking in_day>
            <Fact label=move || i18n.t("care.place") value=place />
            {worker.map(|name| view! {
                <Fact label=move || i18n.t("care.worker") value=name testid="visit-worker" />
            })}
        </BookingRow>
    }
}
