//! One booking in My bookings, whatever its kind: a single big link to the booking's own
//! screen (icon, what, when, the kind's own facts, status, who booked it, what the elder
//! pays), and under it Cancel, or why it cannot be cancelled here.

use api::Booking;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::facts;
use crate::components::{BigButton, ButtonKind, Icon, IconKind};
use crate::i18n::use_i18n;
use crate::state::use_session;
use crate::words;

/// One line of a booking's facts.
#[component]
pub fn Fact(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] strong: bool,
) -> impl IntoView {
    view! {
        <div class="fact" class:fact-strong=strong data-testid=testid>
            <dt>{move || label.get()}</dt>
            <dd>{move || value.get()}</dd>
        </div>
    }
}

/// The frame every kind of row shares; `children` are the kind's own facts (where, how).
/// `in_day`: the row sits under a day heading, so its headline leaves the day out.
#[component]
pub fn BookingRow(booking: Booking, in_day: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let id = booking.id;
    let active = booking.is_active();
    let b = StoredValue::new(booking.clone());
    let headline = move || {
        b.with_value(|b| match in_day {
            true => facts::what(i18n.lang(), b),
            false => facts::headline(i18n.lang(), b),
        })
    };
    let time = move || b.with_value(|b| facts::time(i18n.lang(), b));
    let status = move || {
        b.with_value(|b| {
            let lang = i18n.lang();
            let status = facts::status(lang, b);
            match b.can_rate {
                true => i18n.t_with("bookings.status_rate", &[("status", &status)]),
                false => status,
            }
        })
    };
    let pay = move || b.with_value(|b| words::money(i18n.lang(), b.price.you_pay));
    // "王丽（女儿）代订": who booked it, when not the elder, with who they are to the elder.
    let booked_by = (booking.booked_by.id != booking.elder.id).then(|| {
        let by = booking.booked_by.clone();
        move || {
            i18n.t_with(
                "bookings.booked_by_line",
                &[("who", &words::person(i18n.lang(), &by))],
            )
        }
    });
    view! {
        <li class="booking" class:booking-inactive=!active data-testid=format!("booking-{id}")>
            <a class="booking-link" href=format!("/bookings/{id}")>
                <span class="booking-headline">
                    <Icon kind=facts::icon(&booking) />
                    <span>{headline}</span>
                </span>
                <dl class="facts facts-compact">
                    <Fact label=move || i18n.t("facts.time") value=time />
                    {children()}
                    <Fact label=move || i18n.t("bookings.status") value=status testid="booking-status" />
                    {booked_by.map(|line| view! {
                        <Fact label=move || i18n.t("bookings.booked_by") value=line testid="booked-by" />
                    })}
                    <Fact label=move || i18n.t("price.you_pay") value=pay strong=true />
                </dl>
                <span class="booking-more">{move || i18n.t("bookings.open")}</span>
            </a>
            <CancelOrWhy booking />
        </li>
    }
}

/// Cancel while it is allowed; after the cutoff (or once the worker has set off), the
/// policy in words with the number to call; nothing for bookings that are over.
#[component]
pub fn CancelOrWhy(booking: Booking) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = booking.id;
    let session = use_session();
    let may_cancel = session
        .get_untracked()
        .is_none_or(|s| s.permissions().cancel);
    if booking.can_cancel && !may_cancel {
        // A family member whose link does not allow cancelling: why, not a dead button.
        let elder = booking.elder.name.clone();
        return view! {
            <p class="why-not" data-testid="no-cancel">
                {move || i18n.t_with("family.no_cancel", &[("elder", &elder)])}
            </p>
        }
        .into_any();
    }
    if booking.can_cancel {
        return view! {
            <BigButton
                label=move || i18n.t("bookings.cancel")
                kind=ButtonKind::Danger
                icon=IconKind::Cross
                on_press=move || navigate(&format!("/bookings/{id}/cancel"), Default::default())
                testid="cancel-booking"
            />
        }
        .into_any();
    }
    let b = StoredValue::new(booking);
    (move || {
        b.with_value(|b| facts::why_not(i18n.lang(), b))
            .map(|text| view! { <p class="why-not">{text}</p> })
    })
    .into_any()
}
