//! `/council`: the council meetings the elder is invited to (their building's, their
//! compound's, the community's), soonest first, each read aloud with its agenda. A meeting
//! today is said first, as the day's reminder. Past meetings follow with their minutes.
//! From here the elder raises a concern or sees what became of theirs.

use api::{Meeting, MeetingStatus};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::words;
use crate::components::{BigButton, ButtonKind, Icon, IconKind, Loading, Notice, Screen, Tone};
use crate::dates;
use crate::i18n::{join_sentences, use_i18n};
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::use_session;

/// Coming (or going on) first, soonest first; then finished ones, latest first.
fn split(list: Vec<Meeting>) -> (Vec<Meeting>, Vec<Meeting>) {
    let (mut coming, mut past): (Vec<_>, Vec<_>) = list
        .into_iter()
        .partition(|m| matches!(m.status, MeetingStatus::Scheduled | MeetingStatus::Live));
    coming.sort_by_key(|m| m.starts_at);
    past.sort_by_key(|m| std::cmp::Reverse(m.starts_at));
    (coming, past)
}

/// Whether a meeting is today, in the community's time.
pub fn is_today(m: &Meeting) -> bool {
    m.starts_at.date_naive() == dates::today_for(&m.starts_at)
}

#[component]
pub fn Meetings() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let navigate = use_navigate();
    let data = LocalResource::new(move || {
        let client = session.client();
        async move { client.meetings().await.map(split) }
    });
    let title = move || i18n.t("council.title");
    let reminder = Signal::derive(move || match data.get() {
        Some(Ok((coming, _))) => coming.iter().find(|m| is_today(m)).map(|m| {
            let lang = i18n.lang();
            i18n.t_with(
                "council.today",
                &[
                    ("topic", m.topic.get(lang)),
                    ("time", &dates::time_label(&m.starts_at)),
                ],
            )
        }),
        _ => None,
    });
    let say = move || {
        let lang = i18n.lang();
        let mut parts = vec![title()];
        match data.get() {
            Some(Ok((coming, _))) if coming.is_empty() => parts.push(i18n.t("council.none")),
            Some(Ok((coming, _))) => {
                parts.extend(reminder.get());
                parts.push(i18n.t_with("council.count", &[("n", &coming.len().to_string())]));
                parts.extend(coming.iter().map(|m| words::spoken(lang, m)));
            }
            _ => {}
        }
        join_sentences(lang, &parts)
    };
    let to_concern = navigate.clone();
    let to_concerns = navigate.clone();
    view! {
        <Screen title say back="/home" class="council">
            <Notice message=reminder tone=Tone::Info speak=false />
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok((coming, past))) => view! {
                    {coming.is_empty().then(|| view! {
                        <p class="lead" data-testid="no-meetings">{move || i18n.t("council.none")}</p>
                    })}
                    <ul class="meeting-list" aria-label=move || i18n.t("council.coming")>
                        {coming.into_iter().map(|meeting| view! { <MeetingItem meeting /> }).collect_view()}
                    </ul>
                    {(!past.is_empty()).then(|| view! {
                        <h2 class="section-title">{move || i18n.t("council.past")}</h2>
                        <ul class="meeting-list past" aria-label=move || i18n.t("council.past")>
                            {past.into_iter().map(|meeting| view! { <MeetingItem meeting /> }).collect_view()}
                        </ul>
                    })}
                }
                .into_any(),
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("concern.raise")
                    icon=IconKind::Chat
                    on_press=move || to_concern("/council/concerns/new", Default::default())
                    testid="raise-concern"
                />
                <BigButton
                    label=move || i18n.t("concern.mine")
                    icon=IconKind::Flag
                    kind=ButtonKind::Secondary
                    on_press=move || to_concerns("/council/concerns", Default::default())
                    testid="my-concerns"
                />
            </div>
        </Screen>
    }
    .into_any()
}

/// One meeting as a big tappable card: topic, whose, when and where, the elder's reply.
#[component]
fn MeetingItem(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let id = meeting.id;
    let meeting = StoredValue::new(meeting);
    let status = move || {
        meeting.with_value(|m| {
            let lang = i18n.lang();
            match (m.status, m.my_reply) {
                (MeetingStatus::Live, _) => i18n.t("council.live_now"),
                (MeetingStatus::Ended, _) if m.minutes.is_some() => i18n.t("council.minutes_ready"),
                (MeetingStatus::Ended, _) => i18n.t("council.ended"),
                (MeetingStatus::Cancelled, _) => i18n.t("council.cancelled"),
                (MeetingStatus::Scheduled, Some(r)) => {
                    i18n.t_with("council.your_reply", &[("reply", &words::reply(lang, r))])
                }
                (MeetingStatus::Scheduled, None) => i18n.t("council.no_reply"),
            }
        })
    };
    view! {
        <li class="meeting" data-testid=format!("meeting-{id}")>
            // The whole card is the button's name, topic first: what is seen is what is said.
            <button
                type="button"
                class="meeting-card"
                on:click=move |_| navigate(&format!("/council/{id}"), Default::default())
            >
                <span class="meeting-topic">
                    {move || meeting.with_value(|m| m.topic.get(i18n.lang()).to_owned())}
                </span>
                <span class="meeting-scope">
                    <Icon kind=IconKind::Council />
                    {move || meeting.with_value(|m| m.scope.get(i18n.lang()).to_owned())}
                </span>
                <span class="meeting-when">
                    <Icon kind=IconKind::Clock />
                    {move || meeting.with_value(|m| words::when_where(i18n.lang(), m))}
                </span>
                <span class="meeting-status" data-testid="meeting-status">{status}</span>
            </button>
        </li>
    }
}
