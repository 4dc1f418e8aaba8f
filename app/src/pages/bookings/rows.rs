//! Every fact of a booking of any kind as rows (label, value, test id, emphasised), for the
//! screens that repeat all of it: the booking's own screen, cancel, and the success screen.

use api::{BookedService, Booking, Lang};
use chrono::NaiveDate;
use leptos::prelude::*;

use super::facts::{headline_on, status, time, today};
use crate::dates;
use crate::i18n::{tr, tr_with};
use crate::pages::care::{FactRows, Row};
use crate::pages::feedback::words as feedback;
use crate::words;

/// Every fact of a booking, for the screens that repeat all of it.
pub fn rows(lang: Lang, booking: &Booking) -> Vec<Row> {
    rows_on(lang, booking, today(booking))
}

fn row(label: String, value: String, testid: &'static str) -> Row {
    (label, value, testid, false)
}

pub(super) fn rows_on(lang: Lang, b: &Booking, today: NaiveDate) -> Vec<Row> {
    let when = row(
        tr(lang, "facts.when"),
        headline_on(lang, b, today),
        "fact-when",
    );
    let mut rows = vec![when];
    match &b.service {
        BookedService::Meal(m) => {
            rows.push(row(tr(lang, "facts.time"), time(lang, b), "fact-time"));
            rows.push(row(
                tr(lang, "facts.canteen"),
                m.canteen.get(lang).into(),
                "fact-canteen",
            ));
            rows.push(row(
                tr(lang, "facts.address"),
                m.address.get(lang).into(),
                "fact-address",
            ));
            if !m.dishes.is_empty() {
                let names: Vec<&str> = m.dishes.iter().map(|d| d.get(lang)).collect();
                let dishes = names.join(&tr(lang, "common.list_separator"));
                rows.push(row(tr(lang, "facts.dishes"), dishes, "fact-dishes"));
            }
            rows.push(row(
                tr(lang, "facts.how"),
                words::fulfilment(lang, m.fulfilment),
                "fact-how",
            ));
            if let Some(to) = &m.delivery_address {
                rows.push(row(
                    tr(lang, "detail.delivery_address"),
                    to.clone(),
                    "fact-delivery-address",
                ));
            }
        }
        BookedService::Daycare(d) => {
            rows.push(row(tr(lang, "facts.time"), time(lang, b), "fact-time"));
            rows.push(row(
                tr(lang, "care.centre"),
                d.centre.get(lang).into(),
                "fact-centre",
            ));
            rows.push(row(
                tr(lang, "facts.address"),
                d.address.get(lang).into(),
                "fact-address",
            ));
            let transport = match d.transport {
                true => tr(lang, "care.transport_yes"),
                false => tr(lang, "care.transport_no"),
            };
            rows.push(row(tr(lang, "care.transport"), transport, "fact-transport"));
        }
        BookedService::Visit(v) => {
            rows.push(row(tr(lang, "care.window"), time(lang, b), "fact-time"));
            rows.push(row(
                tr(lang, "care.service"),
                v.service.get(lang).into(),
                "fact-service",
            ));
            rows.push(row(
                tr(lang, "care.provider"),
                v.provider.get(lang).into(),
                "fact-provider",
            ));
            rows.push(row(
                tr(lang, "address.visit_at"),
                v.address.clone(),
                "fact-address",
            ));
            if let Some(note) = &v.note {
                rows.push(row(tr(lang, "detail.note"), note.clone(), "fact-note"));
            }
            if let Some(worker) = &v.worker {
                rows.push(row(tr(lang, "care.worker"), worker.clone(), "visit-worker"));
            }
        }
    }
    let status_label = match b.service {
        BookedService::Visit(_) => tr(lang, "care.progress"),
        _ => tr(lang, "bookings.status"),
    };
    rows.push(row(status_label, status(lang, b), "booking-status"));
    rows.push(row(
        tr(lang, "detail.booked_by"),
        words::person(lang, &b.booked_by),
        "fact-booked-by",
    ));
    let p = &b.price;
    rows.push(row(
        tr(lang, "price.full"),
        words::money(lang, p.full_price),
        "fact-full-price",
    ));
    rows.push(row(
        tr(lang, "price.subsidy"),
        words::money(lang, p.subsidy),
        "fact-subsidy",
    ));
    if p.delivery_fee.0 != 0 {
        let label = match b.service {
            BookedService::Daycare(_) => tr(lang, "price.transport_fee"),
            _ => tr(lang, "price.delivery_fee"),
        };
        rows.push(row(
            label,
            words::money(lang, p.delivery_fee),
            "fact-delivery-fee",
        ));
    }
    rows.push((
        tr(lang, "price.you_pay"),
        words::money(lang, p.you_pay),
        "fact-you-pay",
        true,
    ));
    if b.can_cancel {
        let moment = dates::moment_label(lang, &b.cancel_by, today);
        rows.push(row(tr(lang, "facts.cancel_by"), moment, "fact-cancel-by"));
    }
    if let Some(rating) = &b.rating {
        let face = feedback::face(lang, rating.face);
        let given = match &rating.comment {
            Some(comment) => tr_with(
                lang,
                "detail.rating_with_comment",
                &[("face", &face), ("comment", comment)],
            ),
            None => face,
        };
        rows.push(row(tr(lang, "detail.rating"), given, "fact-rating"));
    }
    rows
}

/// A day-care or home-visit booking's facts (the cancel and success screens).
#[component]
pub fn CareFacts(booking: Booking) -> impl IntoView {
    view! { <FactRows rows=move |lang| rows(lang, &booking) /> }
}
