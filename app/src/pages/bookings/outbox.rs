//! The elder's changes that have not reached the platform yet (issue 4), at the top of My
//! bookings: "waiting to send" at once after they were made offline, and, when the
//! platform refused one on replay, why in words with the nearest alternatives. A refused
//! one stays until the elder has read it: nothing is dropped silently. A help request made
//! offline is listed here too ("求助"), and if refused, offers the hotline.

use api::{ApiError, CreateBookingRequest, Lang};
use leptos::prelude::*;

use super::alternatives::Alternatives;
use crate::components::{BigButton, ButtonKind, HotlineCall, Icon, IconKind};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::offline::{Change, Entry, EntryState, RefusalKind};
use crate::pages::use_explainer;
use crate::problems::Service;
use crate::state::{use_session, use_sync};

/// "明天 12月1日 星期二 午餐"; "取消：…" for a cancellation; "求助" for a help request; the
/// kind alone for an entry queued without a summary.
pub fn summary_line(lang: Lang, entry: &Entry) -> String {
    if entry.change.is_help() {
        return crate::i18n::tr(lang, "outbox.help");
    }
    let what = match &entry.summary {
        Some(s) => {
            let day = dates::day_label(
                lang,
                s.starts_at.date_naive(),
                dates::today_for(&s.starts_at),
            );
            tr_with(
                lang,
                "outbox.summary",
                &[("day", &day), ("what", s.what.get(lang))],
            )
        }
        None => crate::i18n::tr(lang, "outbox.a_change"),
    };
    match entry.change {
        Change::Cancel { .. } => tr_with(lang, "outbox.cancel_what", &[("what", &what)]),
        Change::Create { .. } | Change::Help { .. } => what,
    }
}

fn icon(entry: &Entry) -> IconKind {
    match &entry.change {
        Change::Create {
            request: CreateBookingRequest::Meal { .. },
        } => IconKind::Meals,
        Change::Create {
            request: CreateBookingRequest::Daycare { .. },
        } => IconKind::DayCare,
        Change::Create {
            request: CreateBookingRequest::Visit { .. },
        } => IconKind::HomeVisit,
        Change::Cancel { .. } => IconKind::Cross,
        Change::Help { .. } => IconKind::Help,
    }
}

/// Which words explain a refusal: day care and home visits have their own.
fn service(entry: &Entry) -> Option<Service> {
    match &entry.change {
        Change::Create {
            request: CreateBookingRequest::Daycare { .. },
        } => Some(Service::Daycare),
        Change::Create {
            request: CreateBookingRequest::Visit { .. },
        } => Some(Service::Visit),
        _ => None,
    }
}

/// What My bookings says first about refused changes: each one and why, so the elder
/// hears it as well as reads it (tracked).
pub fn spoken_refusals() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    let sync = use_sync();
    let explainer = use_explainer();
    let elder = use_session().get_untracked().map(|s| s.elder.id);
    move || {
        let lang = i18n.lang();
        let entries = elder.map(|id| sync.entries_for(id)).unwrap_or_default();
        entries
            .iter()
            .filter_map(|e| match &e.state {
                EntryState::NeedsAttention { refusal } => {
                    let err = ApiError::Problem(Box::new(refusal.problem.clone()));
                    let why = match service(e) {
                        Some(s) => explainer.explain_for(&err, s),
                        None => explainer.explain(&err),
                    };
                    let what = summary_line(lang, e);
                    Some(match e.change.is_help() {
                        true => tr_with(lang, "outbox.say_help_refused", &[("why", &why)]),
                        false => tr_with(
                            lang,
                            "outbox.say_refused",
                            &[("what", &what), ("why", &why)],
                        ),
                    })
                }
                _ => None,
            })
            .map(|line| format!("{line} "))
            .collect()
    }
}

/// Nothing when the elder has nothing queued.
#[component]
pub fn OutboxSection() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let elder = session.get_untracked().map(|s| s.elder.id);
    let entries = Memo::new(move |_| elder.map(|id| sync.entries_for(id)).unwrap_or_default());
    move || {
        let list = entries.get();
        (!list.is_empty()).then(|| {
            let (waiting, refused): (Vec<Entry>, Vec<Entry>) =
                list.into_iter().partition(Entry::is_pending);
            view! {
                <section class="bookings-section" aria-labelledby="bookings-outbox" data-testid="outbox">
                    <h2 id="bookings-outbox">{move || i18n.t("outbox.heading")}</h2>
                    <ul class="booking-list">
                        {refused.into_iter().map(|entry| view! { <RefusedRow entry /> }).collect_view()}
                        {waiting.into_iter().map(|entry| view! { <WaitingRow entry /> }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

#[component]
fn WaitingRow(entry: Entry) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let line = {
        let entry = entry.clone();
        move || summary_line(i18n.lang(), &entry)
    };
    let status = move || match sync.online.get() {
        true => i18n.t("outbox.sending"),
        false => i18n.t("outbox.waiting"),
    };
    let paused = entry.state == EntryState::NeedsSignIn;
    view! {
        <li class="booking booking-waiting" data-testid="waiting-entry">
            <span class="booking-headline">
                <Icon kind=icon(&entry) />
                <span>{line}</span>
            </span>
            <p class="booking-state" data-testid="waiting-status">
                {move || if paused { i18n.t("outbox.needs_sign_in") } else { status() }}
            </p>
        </li>
    }
}

#[component]
fn RefusedRow(entry: Entry) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let explainer = use_explainer();
    let EntryState::NeedsAttention { refusal } = entry.state.clone() else {
        return ().into_any();
    };
    let seq = entry.seq;
    let err = ApiError::Problem(Box::new(refusal.problem.clone()));
    let why = {
        let (err, service) = (err.clone(), service(&entry));
        move || match service {
            Some(s) => explainer.explain_for(&err, s),
            None => explainer.explain(&err),
        }
    };
    let line = {
        let entry = entry.clone();
        move || summary_line(i18n.lang(), &entry)
    };
    // The nearest alternatives when the place itself went; other refusals say in their
    // own words what to do (already booked, call the hotline…).
    let alternatives = match (&entry.change, refusal.kind, &entry.summary) {
        (Change::Create { request }, RefusalKind::Unavailable | RefusalKind::Overlaps, Some(s)) => {
            Some(view! { <Alternatives request=request.clone() wanted=s.starts_at /> }.into_any())
        }
        // Help that could not be sent: the centre's number, to call now.
        (Change::Help { .. }, ..) => use_session()
            .get_untracked()
            .map(|s| view! { <HotlineCall hotline=s.me.hotline /> }.into_any()),
        _ => None,
    };
    let help = entry.change.is_help();
    let state = move || match help {
        true => i18n.t("outbox.help_refused"),
        false => i18n.t("outbox.refused"),
    };
    view! {
        <li class="booking booking-refused" data-testid="refused-entry">
            <span class="booking-headline">
                <Icon kind=IconKind::Warning />
                <span>{line}</span>
            </span>
            <p class="booking-state">{state}</p>
            <p class="why-not" data-testid="refusal">{why}</p>
            {alternatives}
            <BigButton
                label=move || i18n.t("outbox.dismiss")
                kind=ButtonKind::Secondary
                on_press=move || sync.dismiss(seq)
                testid="dismiss-refusal"
            />
        </li>
    }
    .into_any()
}
