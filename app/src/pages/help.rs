//! `/help?from=/meals&press=…`: what the Help button opens (issue 5). The request goes at
//! once (the elder has pressed Help; asking "are you sure?" would only delay help), with
//! where they are and the screen they were on. Then the screen says, and speaks, that
//! help is coming and who was told, with the centre's number large as a `tel:` link.
//!
//! With no network the number comes first, and the request waits in the outbox to go
//! by itself when the network returns. With nobody signed in there is no elder to ask
//! for: the screen gives the number and sends them to the desk.
//!
//! `press` is the Idempotency-Key of one tap on Help (see `HelpButton`): a reload repeats
//! that same request, which the platform answers from what it stored.

use api::{ApiError, HelpPlace, HelpRequest, HelpRequestCreate, Lang, PersonKind};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::{
    BigButton, HELP_PATH, HotlineCall, IconKind, Loading, Notice, Screen, help_href,
};
use crate::config::Config;
use crate::i18n::{I18n, join_sentences, tr, use_i18n};
use crate::keys;
use crate::offline::{Change, EntryState};
use crate::pages::confirm::queued_change;
use crate::pages::{signed_out_home, use_explainer};
use crate::state::{DeviceMode, use_session, use_sync};

/// Where Help was pressed, if it is a screen of this app to go back to: a path, never the
/// help screen itself or another site.
pub fn return_path(from: Option<&str>) -> Option<String> {
    let from = from?;
    let inside = from.starts_with('/') && !from.starts_with("//") && !from.contains('\\');
    (inside && from != HELP_PATH).then(|| from.to_owned())
}

/// Where the elder is: the kiosk's configured place (or the words for "the centre's
/// kiosk"), or their own phone.
pub fn help_place(mode: DeviceMode, kiosk_location: Option<&str>, lang: Lang) -> HelpPlace {
    match mode {
        DeviceMode::Kiosk => HelpPlace::Kiosk {
            location: kiosk_location
                .map(str::to_owned)
                .unwrap_or_else(|| tr(lang, "help.kiosk_location")),
        },
        DeviceMode::Personal => HelpPlace::Phone,
    }
}

/// The family told, by name, leaving out whoever pressed Help themself.
pub fn family_told(request: &HelpRequest, me: i64, lang: Lang) -> Option<String> {
    let names: Vec<&str> = request
        .notified
        .iter()
        .filter(|p| p.kind == PersonKind::Family && p.id != me && !p.name.is_empty())
        .map(|p| p.name.as_str())
        .collect();
    (!names.is_empty()).then(|| names.join(&tr(lang, "common.list_separator")))
}

/// Where the request stands, which is what the screen says.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Sending,
    Sent(Box<HelpRequest>),
    /// No network. `queued`: it waits in the outbox; otherwise this device cannot keep it
    /// (a kiosk without a delivery token, or no storage).
    Offline {
        queued: bool,
    },
    Failed(ApiError),
}

#[component]
pub fn Help() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let from = Memo::new(move |_| query.with(|q| return_path(q.get("from").as_deref())));
    let back_to = Signal::derive(move || {
        from.get().unwrap_or_else(|| match session.is_signed_in() {
            true => "/home".to_owned(),
            false => signed_out_home(session.mode).to_owned(),
        })
    });
    let hotline = use_context::<Config>().and_then(|c| c.hotline);
    match session.get_untracked() {
        Some(_) => view! { <AskForHelp from back_to /> }.into_any(),
        None => view! { <NobodyToAskFor hotline back_to /> }.into_any(),
    }
}

/// Nobody is signed in (the welcome and sign-in screens): no elder to ask for.
#[component]
fn NobodyToAskFor(hotline: Option<String>, back_to: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let mode = expect_context::<DeviceMode>();
    let number = hotline.clone();
    let text = move || match mode {
        DeviceMode::Kiosk => i18n.t("help.anonymous_kiosk"),
        DeviceMode::Personal => i18n.t("help.anonymous_phone"),
    };
    let title = move || i18n.t("help.title");
    let say = move || {
        let call = number.as_deref().map(|n| call_words(i18n, n));
        join_sentences(i18n.lang(), &[title(), call.unwrap_or_default(), text()])
    };
    view! {
        <Screen title say back=back_to.get_untracked() class="help">
            {hotline.map(|h| view! { <HotlineCall hotline=h /> })}
            <p class="lead" data-testid="help-words">{text}</p>
            <BackToWhereIWas to=back_to />
        </Screen>
    }
}

/// "Please call 010-6501 2345."
fn call_words(i18n: I18n, hotline: &str) -> String {
    i18n.t_with("help.call_hotline", &[("hotline", hotline)])
}

#[component]
fn AskForHelp(from: Memo<Option<String>>, back_to: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sync = use_sync();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let query = use_query_map();
    let config = use_context::<Config>().unwrap_or_default();
    let kiosk_location = StoredValue::new(config.kiosk_location);
    let press = Memo::new(move |_| query.with(|q| q.get("press")));
    let stage = RwSignal::new(Stage::Sending);
    let me = session.get_untracked().map(|s| s.me);
    let my_id = me.as_ref().map_or(0, |m| m.person.id);
    let my_hotline = me
        .map(|m| m.hotline)
        .filter(|h| !h.is_empty())
        .or(config.hotline);

    let send = Action::new_local(move |key: &String| {
        let key = key.clone();
        let client = session.client();
        // The place is for staff, so in the community's language, whatever the elder reads;
        // and so the same on every try of one tap, since the platform keeps the body with
        // its key and refuses the key with another body.
        let request = HelpRequestCreate {
            place: help_place(
                session.mode,
                kiosk_location.get_value().as_deref(),
                Lang::ZhCn,
            ),
            screen: from.get_untracked(),
        };
        async move {
            let outcome = match client.ask_for_help(&request, &key).await {
                Ok(answer) => Stage::Sent(Box::new(answer)),
                // The number is on screen already; the request waits for the network,
                // under the same key, in case this try reached the platform after all.
                Err(ApiError::Network(_)) => {
                    let change = Change::Help { request };
                    let queued = match queued_change(session, change, key.clone(), None) {
                        Some(q) => sync.queue(q).await.is_ok(),
                        None => false,
                    };
                    Stage::Offline { queued }
                }
                Err(err) => Stage::Failed(err),
            };
            // Only the answer to the latest tap counts.
            if press.try_get_untracked().flatten().as_deref() == Some(key.as_str()) {
                let _ = stage.try_set(outcome);
            }
        }
    });

    // Each tap on Help (a new `press`) sends once. Reached with no `press` (typed, or an
    // old link), it becomes a tap of its own first, so a reload does not ask again.
    Effect::new(move |_| match press.get() {
        Some(key) => {
            stage.set(Stage::Sending);
            send.dispatch_local(key);
        }
        None => navigate(
            &help_href(
                &from.get_untracked().unwrap_or_default(),
                &keys::idempotency_key(),
            ),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        ),
    });

    // Waiting in the outbox: when it goes, say who was told; if it is refused, say so.
    Effect::new(move |_| {
        if stage.with(|s| *s != Stage::Offline { queued: true }) {
            return;
        }
        let Some(key) = press.get() else { return };
        if let Some((sent_key, answer)) = sync.help_sent.get()
            && sent_key == key
        {
            stage.set(Stage::Sent(Box::new(answer)));
            return;
        }
        let refused = sync.entries.with(|all| {
            all.iter()
                .filter(|e| e.key == key)
                .find_map(|e| match &e.state {
                    EntryState::NeedsAttention { refusal } => Some(refusal.problem.clone()),
                    _ => None,
                })
        });
        if let Some(problem) = refused {
            stage.set(Stage::Failed(ApiError::Problem(Box::new(problem))));
        }
    });

    let hotline = Signal::derive(move || match stage.get() {
        Stage::Sent(answer) if !answer.hotline.is_empty() => Some(answer.hotline),
        _ => my_hotline.clone(),
    });
    let kiosk = session.mode.is_kiosk();
    let title = Signal::derive(move || match stage.get() {
        Stage::Sending => i18n.t("help.sending_title"),
        Stage::Sent(_) => i18n.t("help.sent_title"),
        Stage::Offline { .. } => i18n.t("help.offline_title"),
        Stage::Failed(_) => i18n.t("help.failed_title"),
    });
    // What the screen says under its title, stage by stage (tracked).
    let words = Signal::derive(move || match stage.get() {
        Stage::Sending => String::new(),
        Stage::Sent(answer) => {
            let told = match family_told(&answer, my_id, i18n.lang()) {
                Some(family) => i18n.t_with("help.told_staff_and_family", &[("family", &family)]),
                None => i18n.t("help.told_staff"),
            };
            let wait = match kiosk {
                true => i18n.t("help.wait_kiosk"),
                false => i18n.t("help.wait_phone"),
            };
            join_sentences(i18n.lang(), &[told, wait])
        }
        Stage::Offline { queued: true } => i18n.t("help.offline_queued"),
        Stage::Offline { queued: false } => i18n.t("help.offline_not_queued"),
        Stage::Failed(err) => explainer.explain(&err),
    });
    let call = move || {
        hotline
            .get()
            .map(|n| call_words(i18n, &n))
            .unwrap_or_default()
    };
    // Offline or failed, the number is the way forward, so it is said first.
    let say = Signal::derive(move || {
        let parts = match stage.get() {
            Stage::Sending => vec![title.get()],
            Stage::Sent(_) => vec![title.get(), words.get(), call()],
            Stage::Offline { .. } | Stage::Failed(_) => vec![title.get(), call(), words.get()],
        };
        join_sentences(i18n.lang(), &parts)
    });
    let failed = Signal::derive(move || match stage.get() {
        Stage::Failed(_) => Some(words.get()),
        _ => None,
    });
    let number = move || hotline.get().map(|h| view! { <HotlineCall hotline=h /> });

    view! {
        <Screen title say back=back_to.get_untracked() class="help">
            {move || match stage.get() {
                Stage::Sending => view! {
                    <Loading />
                    {number}
                }
                .into_any(),
                Stage::Sent(_) => view! {
                    <p class="lead" data-testid="help-words">{move || words.get()}</p>
                    <p class="help-urgent">{move || i18n.t("help.if_urgent")}</p>
                    {number}
                }
                .into_any(),
                Stage::Offline { .. } => view! {
                    {number}
                    <p class="lead" data-testid="help-words">{move || words.get()}</p>
                }
                .into_any(),
                Stage::Failed(_) => view! {
                    {number}
                    <Notice message=failed speak=false />
                }
                .into_any(),
            }}
            <BackToWhereIWas to=back_to />
        </Screen>
    }
}

/// "Back to where I was": the screen Help was pressed on, or home.
#[component]
fn BackToWhereIWas(to: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <div class="actions help-actions">
            <BigButton
                label=move || i18n.t("help.back")
                icon=IconKind::Back
                on_press=move || {
                    navigate(
                        &to.get_untracked(),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    )
                }
                testid="help-back"
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::{HelpStatus, PersonRef};

    #[test]
    fn only_app_screens_are_returned_to() {
        assert_eq!(return_path(Some("/meals/3")).as_deref(), Some("/meals/3"));
        for outside in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "/help",
            "",
        ] {
            assert_eq!(return_path(Some(outside)), None, "{outside}");
        }
        assert_eq!(return_path(None), None);
    }

    #[test]
    fn a_kiosk_says_where_it_stands_and_a_phone_says_phone() {
        assert_eq!(
            help_place(DeviceMode::Kiosk, Some("一楼大厅"), Lang::ZhCn),
            HelpPlace::Kiosk {
                location: "一楼大厅".into()
            }
        );
        let HelpPlace::Kiosk { location } = help_place(DeviceMode::Kiosk, None, Lang::ZhCn) else {
            panic!("a kiosk");
        };
        assert!(location.contains("服务中心"), "{location}");
        assert_eq!(
            help_place(DeviceMode::Personal, Some("一楼大厅"), Lang::ZhCn),
            HelpPlace::Phone
        );
    }

    #[test]
    fn family_are_named_but_not_the_one_who_pressed() {
        let person = |id, name: &str, kind| PersonRef {
            id,
            name: name.into(),
            kind,
            relation: None,
        };
        let elder = person(1, "张桂兰", PersonKind::Elder);
        let mut request = HelpRequest {
            id: 5,
            elder: elder.clone(),
            requested_by: elder,
            place: HelpPlace::Phone,
            screen: None,
            status: HelpStatus::Open,
            created_at: "2030-01-01T08:00:00+08:00".parse().unwrap(),
            handled_by: None,
            notified: vec![
                person(40, "值班员", PersonKind::Staff),
                person(8, "王丽", PersonKind::Family),
                person(9, "王强", PersonKind::Family),
            ],
            hotline: "010-6501 2345".into(),
        };
        assert_eq!(
            family_told(&request, 1, Lang::ZhCn).as_deref(),
            Some("王丽、王强")
        );
        assert_eq!(
            family_told(&request, 8, Lang::En).as_deref(),
            Some("王强"),
            "王丽 pressed Help for her mother"
        );
        request.notified.truncate(1);
        assert_eq!(family_told(&request, 1, Lang::ZhCn), None);
    }
}
