//! `/complaints`: the problems the elder reported, newest first: what it was about and
//! when, where it stands in words (已收到 / 处理中 / 已解决) and what staff answered, all of
//! it spoken. From here the elder can report another.

use api::{Complaint, Lang};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::words;
use crate::components::{BigButton, ButtonKind, Icon, IconKind, Loading, Screen};
use crate::dates;
use crate::i18n::{join_sentences, tr_with, use_i18n};
use crate::pages::bookings::{Fact, headline};
use crate::pages::{LoadProblem, signed_out_home};
use crate::state::{MealsCtx, use_session};

/// One complaint as a sentence: topic, where it stands, and the reply if there is one.
fn spoken(lang: Lang, c: &Complaint) -> String {
    let mut parts = vec![tr_with(
        lang,
        "complaints.say_one",
        &[
            ("topic", &words::topic(lang, c.topic)),
            ("status", &words::complaint_status(lang, c.status)),
        ],
    )];
    if let Some(reply) = &c.reply {
        parts.push(tr_with(lang, "complaints.say_reply", &[("reply", reply)]));
    }
    join_sentences(lang, &parts)
}

#[component]
pub fn MyComplaints() -> impl IntoView {
    let session = use_session();
    if !session.is_signed_in() {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    }
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let data = LocalResource::new(move || {
        let client = session.client();
        async move {
            let list = client.complaints().await?;
            // The bookings they are about, to name them: from memory, else asked once.
            let unknown = list
                .iter()
                .any(|c| c.booking_id.is_some_and(|id| meals.booking(id).is_none()));
            if unknown {
                meals.bookings.set(client.bookings().await?);
            }
            Ok::<_, api::ApiError>(list)
        }
    });
    let title = move || i18n.t("complaints.title");
    let say = move || match data.get() {
        Some(Ok(list)) if list.is_empty() => format!("{} {}", title(), i18n.t("complaints.none")),
        Some(Ok(list)) => {
            let lang = i18n.lang();
            let mut parts =
                vec![i18n.t_with("complaints.count", &[("n", &list.len().to_string())])];
            parts.extend(list.iter().map(|c| spoken(lang, c)));
            format!("{} {}", title(), join_sentences(lang, &parts))
        }
        _ => title(),
    };
    let navigate = use_navigate();
    let to_bookings = navigate.clone();
    view! {
        <Screen title say back="/bookings" class="complaints">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="lead" data-testid="no-complaints">{move || i18n.t("complaints.none")}</p> }
                        .into_any()
                }
                Some(Ok(list)) => view! {
                    <ul class="booking-list">
                        {list.into_iter().map(|complaint| view! { <ComplaintItem complaint /> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <div class="actions">
                <BigButton
                    label=move || i18n.t("report.title")
                    icon=IconKind::Flag
                    on_press=move || navigate("/complaints/new", Default::default())
                    testid="report-general"
                />
                <BigButton
                    label=move || i18n.t("home.bookings")
                    icon=IconKind::Bookings
                    kind=ButtonKind::Secondary
                    on_press=move || to_bookings("/bookings", Default::default())
                />
            </div>
        </Screen>
    }
    .into_any()
}

#[component]
fn ComplaintItem(complaint: Complaint) -> impl IntoView {
    let i18n = use_i18n();
    let meals = expect_context::<MealsCtx>();
    let Complaint {
        id,
        booking_id,
        topic,
        text,
        status,
        reply,
        created_at,
        ..
    } = complaint;
    let heading_id = format!("complaint-{id}-topic");
    let when = move || {
        let lang = i18n.lang();
        dates::day_label(lang, created_at.date_naive(), dates::today_for(&created_at))
    };
    let about = booking_id.and_then(|id| meals.booking(id)).map(|b| {
        view! {
            <Fact label=move || i18n.t("complaints.about") value=move || headline(i18n.lang(), &b) />
        }
    });
    view! {
        <li class="booking complaint" data-testid=format!("complaint-{id}")>
            <article aria-labelledby=heading_id.clone()>
                <h2 id=heading_id.clone()>
                    <Icon kind=words::topic_icon(topic) />
                    <span>{move || words::topic(i18n.lang(), topic)}</span>
                </h2>
                <dl class="facts facts-compact">
                    <Fact label=move || i18n.t("complaints.when") value=when />
                    {about}
                    {text.map(|t| view! { <Fact label=move || i18n.t("complaints.text") value=t /> })}
                    <div class="fact fact-strong" data-testid="complaint-status">
                        <dt>{move || i18n.t("complaints.status")}</dt>
                        <dd class="complaint-status">
                            <Icon kind=words::complaint_status_icon(status) />
                            <span>{move || words::complaint_status(i18n.lang(), status)}</span>
                        </dd>
                    </div>
                </dl>
                {reply.map(|reply| view! {
                    <div class="reply" data-testid="complaint-reply">
                        <p class="reply-label">{move || i18n.t("complaints.reply")}</p>
                        <p>{reply}</p>
                    </div>
                })}
            </article>
        </li>
    }
}
