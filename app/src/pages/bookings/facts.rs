//! A booking of any kind in words, the same in My bookings, on the booking's own screen, on
//! the cancel screen and on the success screen: what it is, when, its status (a home visit's
//! stage), whom to call, and why it cannot be cancelled here.

use api::{BookedService, Booking, Lang, VisitStage};
use chrono::NaiveDate;

use crate::components::IconKind;
use crate::dates;
use crate::i18n::tr_with;
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
pub(super) fn today(booking: &Booking) -> NaiveDate {
    dates::today_for(&booking.starts_at())
}

/// What a booking is, in one line: "明天 11月24日 星期二 午餐", "… 日间照料 上午",
/// "… 上门服务 助洁".
pub fn headline(lang: Lang, booking: &Booking) -> String {
    headline_on(lang, booking, today(booking))
}

pub(super) fn headline_on(lang: Lang, booking: &Booking, today: NaiveDate) -> String {
    service_headline(lang, &booking.service, today)
}

/// When a booked service starts (a booking's own `starts_at`, for a service alone).
fn service_start(service: &BookedService) -> chrono::DateTime<chrono::FixedOffset> {
    match service {
        BookedService::Meal(m) => m.serve_from,
        BookedService::Daycare(d) => d.starts_at,
        BookedService::Visit(v) => v.starts_at,
    }
}

/// [`headline`] for a booked service alone ("who acted for me" carries only the service).
pub fn service_headline(lang: Lang, service: &BookedService, today: NaiveDate) -> String {
    let day = dates::day_label(lang, service_start(service).date_naive(), today);
    match service {
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
