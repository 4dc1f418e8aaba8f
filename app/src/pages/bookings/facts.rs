//! A booking of any kind in words, the same in My bookings, on the booking's own screen, on
//! the cancel screen and on the success screen: what it is, when, its status (a home visit's
//! stage), whom to call, why it cannot be cancelled here, and every fact as a row.

use api::{BookedService, Booking, Lang, VisitStage};
use chrono::NaiveDate;
use leptos::prelude::*;

use crate::components::IconKind;
use crate::dates;
use crate::i18n::{tr, tr_with};
use crate::pages::care::{FactRows, Row};
use crate::pages::feedback::words as feedback;
use crate::words;

pub fn icon(booking: &Booking) -> IconKind {
    match booking.service {
        BookedService::Meal(_) => IconKind::Meals,
        BookedService::Daycare(_) => IconKind::DayCare,
        BookedService::Visit(_) => IconKind::HomeVisit,
    }
}

/// What it is, without the day (under a day heading): "午餐", "日间照料 上午", "上门服务 助洁".
pub fn what(lang: Lang, booking: &Booking) -> String {
    match &booking.service {
        BookedService::Meal(m) => words::meal(lang, m.meal),
        BookedService::Daycare(d) => tr_with(
            lang,
            "bookings.what_daycare",
            &[("period", &words::daycare_period(lang, d.period))],
        ),
        BookedService::Visit(v) => tr_with(
            lang,
            "bookings.what_visit",
            &[("service", &words::visit_kind(lang, v.service_kind))],
        ),
    }
}

/// The community's "today" for this booking.
fn today(booking: &Booking) -> NaiveDate {
    dates::today_for(&booking.starts_at())
}

/// What a booking is, in one line: "明天 11月24日 星期二 午餐", "… 日间照料 上午",
/// "… 上门服务 助洁".
pub fn headline(lang: Lang, booking: &Booking) -> String {
    headline_on(lang, booking, today(booking))
}

fn headline_on(lang: Lang, booking: &Booking, today: NaiveDate) -> String {
    let day = dates::day_label(lang, booking.starts_at().date_naive(), today);
    match &booking.service {
        BookedService::Meal(m) => tr_with(
            lang,
            "facts.headline",
            &[("day", &day), ("meal", &words::meal(lang, m.meal))],
        ),
        BookedService::Daycare(d) => tr_with(
            lang,
            "care.daycare_headline",
            &[
                ("day", &day),
                ("period", &words::daycare_period(lang, d.period)),
            ],
        ),
        BookedService::Visit(v) => tr_with(
            lang,
            "care.visit_headline",
            &[
                ("day", &day),
                ("service", &words::visit_kind(lang, v.service_kind)),
            ],
        ),
    }
}

/// "11:00 至 12:30": serving hours, the day-care session, or the visit's arrival window.
pub fn time(lang: Lang, booking: &Booking) -> String {
    let (from, until) = match &booking.service {
        BookedService::Meal(m) => (m.serve_from, m.serve_until),
        BookedService::Daycare(d) => (d.starts_at, d.ends_at),
        BookedService::Visit(v) => (v.starts_at, v.ends_at),
    };
    dates::time_range(lang, &from, &until)
}

/// Where a booking stands, in words; for a home visit, its stage.
pub fn status(lang: Lang, booking: &Booking) -> String {
    match &booking.service {
        BookedService::Visit(v) => words::visit_stage(lang, v.stage),
        _ => words::status(lang, booking.status),
    }
}

/// The number to call about this booking: the canteen, the centre or the visit provider.
pub fn hotline(booking: &Booking) -> &str {
    match &booking.service {
        BookedService::Meal(m) => &m.hotline,
        BookedService::Daycare(d) => &d.hotline,
        BookedService::Visit(v) => &v.hotline,
    }
}

/// Why an active booking cannot be cancelled here, with the number to call; `None` when it
/// can be, or when it is over.
pub fn why_not(lang: Lang, booking: &Booking) -> Option<String> {
    if booking.can_cancel || !booking.is_active() {
        return None;
    }
    let hotline = hotline(booking);
    if let BookedService::Visit(v) = &booking.service
        && v.stage == VisitStage::OnTheWay
    {
        return Some(tr_with(
            lang,
            "care.on_the_way_call",
            &[("hotline", hotline)],
        ));
    }
    let by = &booking.cancel_by;
    let moment = dates::moment_label(lang, by, dates::today_for(by));
    let args = [("moment", moment.as_str()), ("hotline", hotline)];
    Some(match booking.service {
        BookedService::Meal(_) => tr_with(lang, "bookings.cannot_cancel", &args),
        _ => tr_with(lang, "care.cannot_cancel", &args),
    })
}

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
        b.booked_by.name.clone(),
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
