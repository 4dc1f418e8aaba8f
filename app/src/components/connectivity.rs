//! The connectivity banner (issue 4): a calm, large notice above every screen while the
//! network is down, and once when queued changes have gone through (or were refused, or
//! wait for a sign-in). Bookings and help requests are worded apart. Spoken only to
//! someone signed in: a kiosk's welcome screen stays quiet for whoever walks past.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::{BigButton, ButtonKind, Icon, IconKind};
use crate::i18n::{I18n, join_sentences, use_i18n};
use crate::speech;
use crate::state::{Changes, SyncNews, use_session, use_sync};

#[derive(Debug, Clone, PartialEq)]
struct Banner {
    text: String,
    class: &'static str,
    icon: IconKind,
    /// A way forward: My bookings for refusals, sign-in for a paused queue.
    to: Option<(String, &'static str)>,
    dismissible: bool,
}

#[component]
pub fn ConnectivityBanner() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let session = use_session();
    let path = use_location().pathname;

    let banner = Memo::new(move |_| {
        let signed_in = session.get();
        let waiting = signed_in
            .as_ref()
            .map(|s| {
                let mine = sync.entries_for(s.elder.id);
                Changes::count(mine.iter().filter(|e| e.is_pending()))
            })
            .unwrap_or_default();
        if !sync.online.get() {
            let mut parts = vec![i18n.t("banner.offline")];
            if waiting.help > 0 {
                parts.push(i18n.t("banner.help_waiting"));
            }
            if waiting.bookings > 0 {
                let n = waiting.bookings.to_string();
                parts.push(i18n.t_with("banner.waiting", &[("n", &n)]));
            }
            return Some(Banner {
                text: join_sentences(i18n.lang(), &parts),
                class: "notice notice-info",
                icon: IconKind::Warning,
                to: None,
                dismissible: false,
            });
        }
        match sync.news.get()? {
            SyncNews::Sent(count) => Some(Banner {
                text: sent_words(i18n, count),
                class: "notice notice-success",
                icon: IconKind::Check,
                to: None,
                dismissible: true,
            }),
            SyncNews::Refused(count) => Some(Banner {
                text: refused_words(i18n, count),
                class: "notice notice-problem",
                icon: IconKind::Warning,
                to: Some((i18n.t("home.bookings"), "/bookings")),
                dismissible: true,
            }),
            SyncNews::SignIn => Some(Banner {
                text: i18n.t("banner.sign_in"),
                class: "notice notice-problem",
                icon: IconKind::Warning,
                to: signed_in
                    .is_none()
                    .then(|| (i18n.t("sign_in.title"), "/sign-in")),
                dismissible: true,
            }),
        }
    });

    // Said once per change of words, to someone signed in; the "queued" screen says
    // "sent" itself, and the help screen says all of it in its own words (the hotline
    // first), which the banner must not talk over.
    Effect::new(move |_| {
        let Some(b) = banner.get() else { return };
        let here = path.get_untracked();
        let own_words = here.starts_with("/queued/") && b.class.contains("success");
        if session.is_signed_in() && !own_words && here != "/help" {
            speech::speak(&b.text, i18n.lang_untracked());
        }
    });

    let navigate = use_navigate();
    view! {
        <div class="banner-region" role="status" aria-live="polite" data-testid="connectivity">
            {move || banner.get().map(|b| {
                let navigate = navigate.clone();
                let to = b.to.clone().map(|(label, to)| view! {
                    <BigButton
                        label=move || label.clone()
                        kind=ButtonKind::Secondary
                        on_press=move || {
                            sync.news.set(None);
                            navigate(to, Default::default());
                        }
                        testid="banner-action"
                    />
                });
                let ok = b.dismissible.then(|| view! {
                    <BigButton
                        label=move || i18n.t("banner.ok")
                        kind=ButtonKind::Secondary
                        on_press=move || sync.news.set(None)
                        testid="banner-ok"
                    />
                });
                view! {
                    <div class=format!("banner {}", b.class)>
                        <Icon kind=b.icon />
                        <p>{b.text.clone()}</p>
                    </div>
                    <div class="banner-actions">{to}{ok}</div>
                }
            })}
        </div>
    }
}

/// "Your call for help has gone out", then the bookings' sentence, as each applies.
fn sent_words(i18n: I18n, sent: Changes) -> String {
    let mut parts = Vec::new();
    if sent.help > 0 {
        parts.push(i18n.t("banner.help_sent"));
    }
    if sent.bookings > 0 {
        let n = sent.bookings.to_string();
        parts.push(i18n.t_with("banner.sent", &[("n", &n)]));
    }
    join_sentences(i18n.lang(), &parts)
}

/// What could not go through: a help request first (call instead), then bookings.
fn refused_words(i18n: I18n, refused: Changes) -> String {
    let mut parts = Vec::new();
    if refused.help > 0 {
        parts.push(i18n.t("banner.help_refused"));
    }
    if refused.bookings > 0 {
        let n = refused.bookings.to_string();
        parts.push(i18n.t_with("banner.refused", &[("n", &n)]));
    }
    join_sentences(i18n.lang(), &parts)
}
