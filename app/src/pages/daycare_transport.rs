//! `/daycare/:session`, tap 2 of 3: "do you need pick-up?" Yes, with its fee and seats
//! left, or no thanks. When the session has no transport, or no seats are left, the
//! screen says so and offers only "no".

use api::{DaycareCentre, DaycareSession, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, Screen, Tone};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::offline::reader::use_reader;
use crate::pages::care::{TimeGone, load_session};
use crate::pages::{LoadProblem, id_param, signed_out_home};
use crate::state::use_session;
use crate::words;

/// "明天 11月24日 星期二 日间照料 上午".
pub fn session_headline(lang: Lang, s: &DaycareSession) -> String {
    let day = dates::day_label(lang, s.date, dates::today_for(&s.starts_at));
    tr_with(
        lang,
        "care.daycare_headline",
        &[
            ("day", &day),
            ("period", &words::daycare_period(lang, s.period)),
        ],
    )
}

/// The URL segment for the transport choice.
pub fn transport_slug(transport: bool) -> &'static str {
    if transport {
        "with-transport"
    } else {
        "without-transport"
    }
}

#[component]
pub fn DaycareTransport() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let id = id_param("session").unwrap_or_default();
    let reader = use_reader();
    let data = LocalResource::new(move || {
        let reader = reader();
        async move { load_session(&reader, id).await }
    });
    let title = move || i18n.t("transport.title");
    let say = move || match data.get() {
        Some(Ok(Some((_, s)))) => i18n.t_with(
            "transport.say",
            &[("what", &session_headline(i18n.lang(), &s))],
        ),
        _ => title(),
    };
    view! {
        <Screen title say back="/daycare" class="fulfilment transport">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(Some((centre, s)))) if s.open => view! { <Choices centre daycare=s /> }.into_any(),
                Some(Ok(_)) => view! { <TimeGone to="/daycare".to_owned() /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

#[component]
fn Choices(centre: DaycareCentre, daycare: DaycareSession) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let s = daycare;
    let headline = {
        let s = s.clone();
        move || session_headline(i18n.lang(), &s)
    };
    let (starts, ends) = (s.starts_at, s.ends_at);
    let time = move || dates::time_range(i18n.lang(), &starts, &ends);
    let name = centre.name.clone();
    let seats = s.transport.clone().filter(|t| t.places_left > 0);
    // Why only "no" is offered, when it is.
    let (offered, free) = (s.transport.is_some(), seats.is_some());
    let why_not = Signal::derive(move || match (offered, free) {
        (false, _) => Some(i18n.t("transport.none")),
        (true, false) => Some(i18n.t("transport.full")),
        _ => None,
    });
    let to = move |transport: bool| format!("/daycare/{}/{}", s.id, transport_slug(transport));
    let yes = seats.map(|t| {
        let navigate = navigate.clone();
        let to = to(true);
        let detail = move || {
            let lang = i18n.lang();
            let fee = i18n.t_with(
                "transport.yes_detail",
                &[
                    ("fee", &words::money(lang, t.fee)),
                    ("n", &t.places_left.to_string()),
                ],
            );
            let pay = i18n.t_with(
                "slots.you_pay",
                &[("amount", &words::money(lang, t.price.you_pay))],
            );
            format!("{fee}\n{pay}")
        };
        view! {
            <li>
                <BigButton
                    label=move || i18n.t("transport.yes")
                    detail=detail
                    icon=IconKind::Delivery
                    kind=ButtonKind::Secondary
                    on_press=move || navigate(&to, Default::default())
                    testid="transport-yes"
                />
            </li>
        }
    });
    let no_to = to(false);
    let pay = s.price.you_pay;
    view! {
        <p class="chosen" data-testid="chosen-session">
            {headline} " · " {time} " · " {move || name.get(i18n.lang()).to_owned()}
        </p>
        <p class="question">{move || i18n.t("transport.question")}</p>
        <Notice message=why_not tone=Tone::Info />
        <ul class="choices">
            {yes}
            <li>
                <BigButton
                    label=move || i18n.t("transport.no")
                    detail=move || i18n.t_with("slots.you_pay", &[("amount", &words::money(i18n.lang(), pay))])
                    icon=IconKind::Person
                    kind=ButtonKind::Secondary
                    on_press=move || navigate(&no_to, Default::default())
                    testid="transport-no"
                />
            </li>
        </ul>
    }
}
