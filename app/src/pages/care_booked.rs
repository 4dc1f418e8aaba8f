//! `/care-booked/:booking`: the success screen for day care and home visits. It says what
//! happens next — when to be ready, whether the centre's car comes, or that staff will
//! assign a worker whose name then shows in My bookings — and speaks it.

use api::{BookedService, Booking, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{Loading, Notice, Screen, Tone};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::offline::reader::use_reader;
use crate::pages::bookings::CareFacts;
use crate::pages::{AfterBookingActions, LoadProblem, id_param, load_booking, signed_out_home};
use crate::state::{MealsCtx, use_session};
use crate::words;

fn what_next(lang: Lang, booking: &Booking) -> String {
    match &booking.service {
        BookedService::Daycare(d) => {
            let args = [
                (
                    "day",
                    dates::day_label(lang, d.date, dates::today_for(&d.starts_at)),
                ),
                ("time", dates::time_range(lang, &d.starts_at, &d.ends_at)),
                ("centre", d.centre.get(lang).to_owned()),
                ("address", d.address.get(lang).to_owned()),
            ];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if d.transport {
                tr_with(lang, "care_booked.next_daycare_transport", &args)
            } else {
                tr_with(lang, "care_booked.next_daycare", &args)
            }
        }
        BookedService::Visit(v) => {
            let day = dates::day_label(lang, v.date, dates::today_for(&v.starts_at));
            let time = dates::time_range(lang, &v.starts_at, &v.ends_at);
            tr_with(
                lang,
                "care_booked.next_visit",
                &[
                    ("service", &words::visit_kind(lang, v.service_kind)),
                    ("day", &day),
                    ("time", &time),
                    ("provider", v.provider.get(lang)),
                ],
            )
        }
        BookedService::Meal(_) => crate::pages::bookings::headline(lang, booking),
    }
}

#[component]
pub fn CareBooked() -> impl IntoView {
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
    let title = move || match data.get() {
        Some(Ok(Some(b))) if matches!(b.service, BookedService::Visit(_)) => {
            i18n.t("care_booked.requested_title")
        }
        _ => i18n.t("booked.title"),
    };
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
                        <CareFacts booking />
                    }
                    .into_any()
                }
            }}
            <AfterBookingActions />
        </Screen>
    }
    .into_any()
}
