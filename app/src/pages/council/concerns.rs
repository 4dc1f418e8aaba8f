//! `/council/concerns`: the concerns the elder raised, newest first, each with what became of
//! it in words: received, on a meeting's agenda (which, when), sorted out another way, or
//! not taken up and why; and once voted, the decision and what is being done. All spoken.

use api::{Concern, ConcernStatus, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::detail::{DecisionItem, decision_words};
use super::words;
use crate::components::{BigButton, Icon, Loading, Screen};
use crate::dates;
use crate::i18n::{join_sentences, tr_with, use_i18n};
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::use_session;

/// Where a concern went, as shown under it: its status, the agenda it is on, what staff said.
fn where_it_went(lang: Lang, c: &Concern) -> String {
    let mut parts = vec![words::concern_status(lang, c.status)];
    if let Some(agenda) = &c.agenda {
        let today = dates::today_for(&agenda.starts_at);
        parts.push(tr_with(
            lang,
            "concern.on_agenda_of",
            &[
                ("topic", agenda.topic.get(lang)),
                (
                    "day",
                    &dates::day_label(lang, agenda.starts_at.date_naive(), today),
                ),
                ("item", agenda.item.title.get(lang)),
            ],
        ));
    }
    if let Some(note) = &c.note {
        parts.push(tr_with(lang, "concern.staff_said", &[("note", note)]));
    }
    join_sentences(lang, &parts)
}

/// Where a concern went, as said aloud: as shown, and the decision on it (shown as its own card).
pub fn fate(lang: Lang, c: &Concern) -> String {
    match &c.decision {
        Some(d) => join_sentences(lang, &[where_it_went(lang, c), decision_words(lang, d)]),
        None => where_it_went(lang, c),
    }
}

#[component]
pub fn MyConcerns() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let navigate = use_navigate();
    let data = LocalResource::new(move || {
        let client = session.client();
        async move { client.concerns().await }
    });
    let title = move || i18n.t("concern.mine");
    let say = move || {
        let lang = i18n.lang();
        let mut parts = vec![title()];
        match data.get() {
            Some(Ok(list)) if list.is_empty() => parts.push(i18n.t("concern.none")),
            Some(Ok(list)) => parts.extend(list.iter().map(|c| {
                let what = words::topic(lang, c.topic);
                tr_with(
                    lang,
                    "council.follow_note",
                    &[("status", &what), ("note", &fate(lang, c))],
                )
            })),
            _ => {}
        }
        join_sentences(lang, &parts)
    };
    view! {
        <Screen title say back="/council" class="concerns">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="lead" data-testid="no-concerns">{move || i18n.t("concern.none")}</p>
                }
                .into_any(),
                Some(Ok(list)) => view! {
                    <ul class="booking-list">
                        {list.into_iter().map(|concern| view! { <ConcernItem concern /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("concern.raise")
                    icon=crate::components::IconKind::Chat
                    on_press=move || navigate("/council/concerns/new", Default::default())
                    testid="raise-concern"
                />
            </div>
        </Screen>
    }
    .into_any()
}

#[component]
fn ConcernItem(concern: Concern) -> impl IntoView {
    let i18n = use_i18n();
    let id = concern.id;
    let heading = format!("concern-{id}");
    let c = StoredValue::new(concern.clone());
    let decision = concern.decision.clone();
    let status_class = match concern.status {
        ConcernStatus::Received => "concern-status received",
        ConcernStatus::OnAgenda => "concern-status on-agenda",
        ConcernStatus::Handled => "concern-status handled",
        ConcernStatus::Declined => "concern-status declined",
    };
    view! {
        <li class="booking concern" data-testid=format!("concern-{id}")>
            <article aria-labelledby=heading.clone()>
                <h2 id=heading.clone()>
                    <Icon kind=words::topic_icon(concern.topic) />
                    <span>{move || c.with_value(|c| words::topic(i18n.lang(), c.topic))}</span>
                </h2>
                {concern.text.clone().map(|t| view! { <p class="concern-text">{t}</p> })}
                <p class=status_class data-testid="concern-status">
                    {move || c.with_value(|c| where_it_went(i18n.lang(), c))}
                </p>
                {decision.map(|d| view! { <ul class="decisions"><DecisionItem decision=d /></ul> })}
            </article>
        </li>
    }
}
