//! `/council/:meeting`: one meeting, read aloud. Before it: the agenda, the elder's reply
//! (线上参加 / 到场参加 / 不能来, changeable) and, from half an hour before the start, the
//! way into the room. After it: the minutes, each decision with its votes and what is being
//! done about it.

use api::{ApiError, Meeting, MeetingStatus, Reply, ReplyRequest};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::words;
use crate::components::{BigButton, IconKind, Loading, Notice, OptionButton, Screen};
use crate::i18n::{join_sentences, use_i18n};
use crate::pages::feedback::KeyPerBody;
use crate::pages::{LoadProblem, id_param, signed_out_home, use_explainer};
use crate::problems;
use crate::state::{SignOutReason, use_session, use_sign_out};

/// The room opens this long before the start (the platform's rule too).
const ROOM_OPENS_EARLY: Duration = Duration::minutes(30);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Whether the elder can go into the room now.
pub fn room_open(m: &Meeting, now: DateTime<Utc>) -> bool {
    match m.status {
        MeetingStatus::Live => true,
        MeetingStatus::Scheduled => now >= (m.starts_at - ROOM_OPENS_EARLY).with_timezone(&Utc),
        MeetingStatus::Ended | MeetingStatus::Cancelled => false,
    }
}

/// When the room opens, in the meeting's own time.
fn opens_at(m: &Meeting) -> DateTime<FixedOffset> {
    m.starts_at - ROOM_OPENS_EARLY
}

#[component]
pub fn MeetingDetail() -> impl IntoView {
    let session = use_session();
    let Some(signed_in) = session.get_untracked() else {
        return view! { <Redirect path=signed_out_home(session.mode) /> }.into_any();
    };
    let i18n = use_i18n();
    let id = id_param("meeting").unwrap_or_default();
    let may_reply = signed_in.permissions().book;
    // Only the elder goes into the room; family follow from afar.
    let own = !signed_in.is_on_behalf();
    let meeting = RwSignal::new(None::<Meeting>);
    let data = LocalResource::new(move || {
        let client = session.client();
        async move {
            let m = client.meeting(id).await?;
            meeting.set(Some(m.clone()));
            Ok::<_, ApiError>(m)
        }
    });
    let title = move || {
        meeting
            .get()
            .map(|m| m.topic.get(i18n.lang()).to_owned())
            .unwrap_or_else(|| i18n.t("council.title"))
    };
    // The meeting as it was when the screen opened: a reply changes `meeting`, and the
    // reply button already says what happened, so the screen must not read it all again.
    let say = move || {
        let lang = i18n.lang();
        let Some(Ok(m)) = data.get() else {
            return title();
        };
        let mut parts = vec![words::spoken(lang, &m)];
        match m.status {
            MeetingStatus::Scheduled | MeetingStatus::Live => {
                parts.push(match m.my_reply {
                    Some(r) => {
                        i18n.t_with("council.your_reply", &[("reply", &words::reply(lang, r))])
                    }
                    None => i18n.t("council.ask_reply"),
                });
                if own && room_open(&m, now()) {
                    parts.push(i18n.t("council.say_join"));
                }
            }
            MeetingStatus::Cancelled => parts.push(i18n.t("council.cancelled")),
            MeetingStatus::Ended => {
                if let Some(minutes) = &m.minutes {
                    parts.push(
                        i18n.t_with("council.say_minutes", &[("text", minutes.text.get(lang))]),
                    );
                }
                for d in &m.decisions {
                    parts.push(decision_words(lang, d));
                }
            }
        }
        join_sentences(lang, &parts)
    };
    view! {
        <Screen title say back="/council" class="meeting-detail">
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(err)) => view! { <LoadProblem err retry=move || data.refetch() /> }.into_any(),
                Some(Ok(_)) => view! { <Details meeting may_reply own /> }.into_any(),
            }}
        </Screen>
    }
    .into_any()
}

/// A decision read aloud: the motion, the result, and what is being done.
pub fn decision_words(lang: api::Lang, d: &api::Decision) -> String {
    let mut parts = vec![
        crate::i18n::tr_with(lang, "council.say_decision", &[("text", d.text.get(lang))]),
        words::result(lang, &d.result),
    ];
    if d.result.outcome == api::Outcome::Carried {
        parts.push(words::follow_up_line(lang, &d.follow_up));
    }
    join_sentences(lang, &parts)
}

#[component]
fn Details(meeting: RwSignal<Option<Meeting>>, may_reply: bool, own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let m = move || meeting.get();
    let agenda = move || {
        m().map(|m| {
            m.agenda
                .into_iter()
                .map(|a| view! { <li>{move || a.title.get(i18n.lang()).to_owned()}</li> })
                .collect_view()
        })
    };
    let open = move || {
        m().is_some_and(|m| matches!(m.status, MeetingStatus::Scheduled | MeetingStatus::Live))
    };
    view! {
        <p class="meeting-when lead" data-testid="meeting-when">
            {move || m().map(|m| words::when_where(i18n.lang(), &m))}
        </p>
        <p class="meeting-scope">{move || m().map(|m| m.scope.get(i18n.lang()).to_owned())}</p>
        <h2 class="section-title">{move || i18n.t("council.agenda")}</h2>
        <ol class="agenda" data-testid="agenda">{agenda}</ol>
        {move || open().then(|| view! { <Coming meeting may_reply own /> })}
        {move || m().filter(|m| m.status == MeetingStatus::Ended).map(|m| view! { <After meeting=m /> })}
        {move || m().filter(|m| m.status == MeetingStatus::Cancelled).map(|_| view! {
            <p class="lead">{move || i18n.t("council.cancelled")}</p>
        })}
    }
}

/// Before and during: the reply, the way in, and raising a concern.
#[component]
fn Coming(meeting: RwSignal<Option<Meeting>>, may_reply: bool, own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let explainer = use_explainer();
    let sign_out = use_sign_out();
    let navigate = use_navigate();
    let refusal = RwSignal::new(None::<ApiError>);
    let keys = KeyPerBody::<ReplyRequest>::new();
    let id = meeting
        .with_untracked(|m| m.as_ref().map(|m| m.id))
        .unwrap_or_default();
    let send = Action::new_local(move |(body, key): &(ReplyRequest, String)| {
        let client = session.client();
        let (body, key) = (*body, key.clone());
        async move { client.reply_to_meeting(id, &body, &key).await }
    });
    Effect::new(move |_| match send.value().get() {
        Some(Ok(m)) => {
            refusal.set(None);
            meeting.set(Some(m));
        }
        Some(Err(err)) if problems::is_session_end(&err) => sign_out(SignOutReason::Expired),
        Some(Err(err)) => refusal.set(Some(err)),
        None => {}
    });
    let reply_button = move |r: Reply| {
        let pressed = Signal::derive(move || meeting.get().and_then(|m| m.my_reply) == Some(r));
        let label = Signal::derive(move || words::reply(i18n.lang(), r));
        let say = Signal::derive(move || {
            i18n.t_with(
                "council.replied",
                &[("reply", &words::reply(i18n.lang(), r))],
            )
        });
        view! {
            <OptionButton
                label
                icon=words::reply_icon(r)
                pressed
                say
                on_press=move || {
                    let body = ReplyRequest { reply: r };
                    send.dispatch_local((body, keys.key(&body)));
                }
                testid=words::reply_slug(r)
            />
        }
    };
    let message = Signal::derive(move || refusal.get().map(|e| explainer.explain(&e)));
    let room = move || {
        let m = meeting.get()?;
        if !own {
            return None;
        }
        let navigate = navigate.clone();
        Some(if room_open(&m, now()) {
            view! {
                <div class="actions">
                    <BigButton
                        label=move || i18n.t("council.join")
                        icon=IconKind::Council
                        on_press=move || navigate(&format!("/council/{id}/join"), Default::default())
                        testid="join-meeting"
                    />
                </div>
            }
            .into_any()
        } else {
            let at = crate::dates::time_label(&opens_at(&m));
            view! { <p class="note" data-testid="room-opens">{move || i18n.t_with("council.room_opens", &[("time", &at)])}</p> }
                .into_any()
        })
    };
    let to_concern = use_navigate();
    view! {
        {room}
        {may_reply.then(|| view! {
            <h2 class="section-title" id="reply-question">{move || i18n.t("council.ask_reply")}</h2>
            <div class="options" role="group" aria-labelledby="reply-question">
                {reply_button(Reply::Online)}
                {reply_button(Reply::InPerson)}
                {reply_button(Reply::Cannot)}
            </div>
        })}
        <Notice message />
        {may_reply.then(|| view! {
            <div class="actions">
                <BigButton
                    label=move || i18n.t("concern.raise_for_meeting")
                    icon=IconKind::Chat
                    kind=crate::components::ButtonKind::Secondary
                    on_press=move || to_concern(&format!("/council/concerns/new?meeting={id}"), Default::default())
                    testid="raise-concern"
                />
            </div>
        })}
    }
}

/// After: the minutes and the decisions.
#[component]
fn After(meeting: Meeting) -> impl IntoView {
    let i18n = use_i18n();
    let minutes = meeting.minutes.clone();
    view! {
        <h2 class="section-title">{move || i18n.t("council.minutes")}</h2>
        {match minutes {
            Some(minutes) => view! {
                <div class="minutes" data-testid="minutes">
                    {move || minutes.text.get(i18n.lang()).lines().map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}
                </div>
            }
            .into_any(),
            None => view! { <p class="lead">{move || i18n.t("council.minutes_not_yet")}</p> }.into_any(),
        }}
        {(!meeting.decisions.is_empty()).then(|| view! {
            <h2 class="section-title">{move || i18n.t("council.decisions")}</h2>
            <ul class="decisions">
                {meeting.decisions.into_iter().map(|d| view! { <DecisionItem decision=d /> }).collect_view()}
            </ul>
        })}
    }
}

#[component]
pub fn DecisionItem(decision: api::Decision) -> impl IntoView {
    let i18n = use_i18n();
    let d = StoredValue::new(decision);
    let carried = d.with_value(|d| d.result.outcome == api::Outcome::Carried);
    view! {
        <li class="decision" data-testid="decision">
            <p class="decision-text">{move || d.with_value(|d| d.text.get(i18n.lang()).to_owned())}</p>
            <p class=if carried { "decision-result carried" } else { "decision-result rejected" }>
                {move || d.with_value(|d| words::result(i18n.lang(), &d.result))}
            </p>
            {carried.then(|| view! {
                <p class="follow-up" data-testid="follow-up">
                    {move || d.with_value(|d| words::follow_up_line(i18n.lang(), &d.follow_up))}
                </p>
            })}
        </li>
    }
}
