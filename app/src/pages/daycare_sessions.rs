//! `/daycare`, tap 1 of 3 after the tile: "which day, which session?" The centre's
//! sessions grouped by day, each with its time, places left and what the elder pays.
//! Full or closed sessions stay visible, disabled, with the reason in words; days the
//! centre is shut say so and offer nothing to press.

use api::{ClosedDay, DaycareCentre, DaycarePeriod, DaycareSchedule, DaycareSession};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{Loading, Screen};
use crate::dates;
use crate::i18n::use_i18n;
use crate::offline::reader::use_reader;
use crate::pages::care::{availability, load_daycare};
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::use_session;
use crate::words;

/// One day on screen: its sessions, or the reason the centre is shut.
#[derive(Debug, Clone, PartialEq)]
enum Day {
    Open(Vec<DaycareSession>),
    Closed(ClosedDay),
}

impl Day {
    fn date(&self) -> NaiveDate {
        match self {
            Day::Open(s) => s[0].date,
            Day::Closed(c) => c.date,
        }
    }
}

fn days(schedule: DaycareSchedule) -> Vec<Day> {
    let closed = |date: NaiveDate| schedule.closed_days.iter().any(|c| c.date == date);
    let mut days: Vec<Day> = Vec::new();
    // A closed day shows only its reason, even if sessions were published for it.
    for session in schedule
        .sessions
        .iter()
        .filter(|s| !closed(s.date))
        .cloned()
    {
        match days.last_mut() {
            Some(Day::Open(day)) if day[0].date == session.date => day.push(session),
            _ => days.push(Day::Open(vec![session])),
        }
    }
    days.extend(schedule.closed_days.into_iter().map(Day::Closed));
    days.sort_by_key(Day::date);
    days
}

pub fn period_slug(period: DaycarePeriod) -> &'static str {
    match period {
        DaycarePeriod::Morning => "morning",
        DaycarePeriod::Afternoon => "afternoon",
        DaycarePeriod::FullDay => "full-day",
    }
}

#[component]
pub fn DaycareSessions() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { load_daycare(&reader).await }
    });
    let title = move || i18n.t("daycare.title");
    let say = move || match data.get() {
        Some(Ok(Some((centre, _)))) => {
            i18n.t_with("daycare.say", &[("centre", centre.name.get(i18n.lang()))])
        }
        Some(Ok(None)) => i18n.t("daycare.no_centre"),
        _ => title(),
    };
    view! {
        <Screen title say back="/home" class="meals daycare">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(None)) => view! { <p class="lead">{move || i18n.t("daycare.no_centre")}</p> }.into_any(),
                Some(Ok(Some((centre, schedule)))) => view! { <SessionDays centre schedule /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn SessionDays(centre: DaycareCentre, schedule: DaycareSchedule) -> impl IntoView {
    let i18n = use_i18n();
    let name = centre.name.clone();
    let address = centre.address.clone();
    let days = days(schedule);
    if days.iter().all(|d| matches!(d, Day::Closed(_))) {
        return view! {
            <p class="lead">{move || i18n.t_with("daycare.none", &[("centre", name.get(i18n.lang()))])}</p>
        }
        .into_any();
    }
    // "Today" in the centre's time zone, from its first session.
    let today = days
        .iter()
        .find_map(|d| match d {
            Day::Open(s) => Some(dates::today_for(&s[0].starts_at)),
            Day::Closed(_) => None,
        })
        .unwrap_or_default();
    view! {
        <p class="place">
            {move || format!("{} · {}", name.get(i18n.lang()), address.get(i18n.lang()))}
        </p>
        <p class="question">{move || i18n.t("daycare.question")}</p>
        {days.into_iter().map(|day| view! { <SessionDay day today /> }).collect_view()}
    }
    .into_any()
}

#[component]
fn SessionDay(day: Day, today: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let date = day.date();
    let heading = move || dates::day_label(i18n.lang(), date, today);
    let heading_id = format!("day-{date}-heading");
    let labelled_by = heading_id.clone();
    let body = match day {
        Day::Closed(closed) => {
            let reason = closed.reason.clone();
            view! {
                <p class="closed-day" data-testid=format!("closed-{date}")>
                    {move || i18n.t_with("daycare.closed_day", &[("reason", reason.get(i18n.lang()))])}
                </p>
            }
            .into_any()
        }
        Day::Open(sessions) => view! {
            <ul class="choices choices-row">
                {sessions
                    .into_iter()
                    .map(|s| {
                        let navigate = navigate.clone();
                        let id = s.id;
                        let testid = format!("session-{}-{}", s.date, period_slug(s.period));
                        let disabled = !s.open;
                        let period = s.period;
                        let detail = move || {
                            let lang = i18n.lang();
                            let time = dates::time_range(lang, &s.starts_at, &s.ends_at);
                            let status = availability(lang, s.open, s.places_left);
                            if s.open {
                                let pay = i18n.t_with("slots.you_pay", &[("amount", &words::money(lang, s.price.you_pay))]);
                                format!("{time}\n{status}\n{pay}")
                            } else {
                                format!("{time}\n{status}")
                            }
                        };
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="btn btn-choice"
                                    disabled=disabled
                                    data-testid=testid
                                    on:click=move |_| navigate(&format!("/daycare/{id}"), Default::default())
                                >
                                    <span class="btn-text">
                                        <span class="btn-label">{move || words::daycare_period(i18n.lang(), period)}</span>
                                        <span class="btn-detail">{detail}</span>
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="day" data-testid=format!("day-{date}") aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            {body}
        </section>
    }
}
