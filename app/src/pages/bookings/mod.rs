//! `/bookings`: My bookings. What is still to come, under a heading for each day (今天 /
//! 明天 / the weekday and date), then what is over, most recent first. Each booking is one
//! big link to its own screen (`/bookings/:booking`), with Cancel under it while that is
//! still possible and the policy in words when it is not. From here the elder also reaches
//! the problems they reported, or reports a new one.

mod alternatives;
mod daycare_row;
mod detail;
mod facts;
mod meal_row;
mod outbox;
mod row;
mod rows;
mod sections;
mod visit_row;

pub use detail::BookingDetail;
pub use facts::{headline, service_headline, what};
pub use outbox::summary_line;
pub use row::Fact;
pub use rows::CareFacts;

use api::{BookedService, Booking};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::{MealsCtx, use_session};
use daycare_row::DaycareRow;
use meal_row::MealRow;
use outbox::{OutboxSection, spoken_refusals};
use sections::{DayGroup, Sections, sections};
use visit_row::VisitRow;

#[component]
pub fn Bookings() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move {
            let list = reader.bookings().await?;
            meals.bookings.set(list.clone());
            Ok::<_, api::ApiError>(sections(list))
        }
    });
    let title = move || i18n.t("bookings.title");
    let refusals = spoken_refusals();
    let say = move || match data.get() {
        Some(Ok(s)) => {
            let summary = match s.upcoming_count() {
                0 if s.is_empty() => i18n.t("bookings.none"),
                0 => i18n.t("bookings.none_upcoming"),
                n => i18n.t_with("bookings.count", &[("n", &n.to_string())]),
            };
            format!("{} {}{summary}", title(), refusals())
        }
        _ => title(),
    };
    let navigate = use_navigate();
    let go = move |to: &'static str| {
        let navigate = navigate.clone();
        move || navigate(to, Default::default())
    };
    view! {
        <Screen title say back="/home" class="bookings">
            <OutboxSection />
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(s)) if s.is_empty() => {
                    view! { <p class="lead" data-testid="no-bookings">{move || i18n.t("bookings.none")}</p> }
                        .into_any()
                }
                Some(Ok(s)) => view! { <BookingSections sections=s /> }.into_any(),
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("bookings.book_meal")
                    icon=IconKind::Meals
                    kind=ButtonKind::Secondary
                    on_press=go("/meals")
                />
                <BigButton
                    label=move || i18n.t("complaints.title")
                    icon=IconKind::Chat
                    kind=ButtonKind::Secondary
                    on_press=go("/complaints")
                    testid="to-complaints"
                />
                <BigButton
                    label=move || i18n.t("report.title")
                    icon=IconKind::Flag
                    kind=ButtonKind::Secondary
                    on_press=go("/complaints/new")
                    testid="report-general"
                />
            </div>
        </Screen>
    }
    .into_any()
}

#[component]
fn BookingSections(sections: Sections) -> impl IntoView {
    let i18n = use_i18n();
    let Sections { upcoming, past } = sections;
    let has_past = !past.is_empty();
    view! {
        <section class="bookings-section" aria-labelledby="bookings-upcoming" data-testid="upcoming">
            <h2 id="bookings-upcoming">{move || i18n.t("bookings.upcoming")}</h2>
            {if upcoming.is_empty() {
                view! { <p class="lead">{move || i18n.t("bookings.none_upcoming")}</p> }.into_any()
            } else {
                upcoming.into_iter().map(|day| view! { <Day day /> }).collect_view().into_any()
            }}
        </section>
        {has_past.then(|| view! {
            <section class="bookings-section" aria-labelledby="bookings-past" data-testid="past">
                <h2 id="bookings-past">{move || i18n.t("bookings.past")}</h2>
                <ul class="booking-list">
                    {past.into_iter().map(|booking| view! { <BookingItem booking in_day=false /> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

/// One day's bookings under its heading: "今天 11月23日 星期一", "明天 …", "11月28日 星期六".
#[component]
fn Day(day: DayGroup) -> impl IntoView {
    let i18n = use_i18n();
    let DayGroup { date, bookings } = day;
    let today = bookings.first().map(|b| dates::today_for(&b.starts_at()));
    let label = move || dates::day_label(i18n.lang(), date, today.unwrap_or(date));
    view! {
        <div class="day" data-testid=format!("bookings-day-{date}")>
            <h3 class="day-heading">{label}</h3>
            <ul class="booking-list">
                {bookings.into_iter().map(|booking| view! { <BookingItem booking in_day=true /> }).collect_view()}
            </ul>
        </div>
    }
}

/// The row for the booking's kind.
#[component]
fn BookingItem(booking: Booking, in_day: bool) -> impl IntoView {
    match booking.service.clone() {
        BookedService::Meal(meal) => view! { <MealRow booking meal in_day /> }.into_any(),
        BookedService::Daycare(daycare) => {
            view! { <DaycareRow booking daycare in_day /> }.into_any()
        }
        BookedService::Visit(visit) => view! { <VisitRow booking visit in_day /> }.into_any(),
    }
}

#[cfg(test)]
mod tests;
