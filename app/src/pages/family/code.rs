//! `/my-family/code`: the elder makes a one-time link code for a family member. First what
//! the family member may do (three big toggles; seeing bookings is needed for booking or
//! cancelling, so it turns on with them), then the code: huge, digit-spaced, read aloud digit
//! by digit, with the minutes it still works. The code works once, for 10 minutes.

use std::time::Duration;

use api::{ApiError, LinkCode, LinkCodeRequest, LinkPermissions};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_navigate;

use super::link::spaced;
use super::links::is_elder_self;
use super::permission_words;
use crate::components::{BigButton, ButtonKind, IconKind, Loading, Notice, OptionButton, Screen};
use crate::i18n::{I18n, use_i18n};
use crate::pages::use_explainer;
use crate::state::use_session;

/// The digits one by one, for the voice: "3、8、1、5、0、2" / "3, 8, 1, 5, 0, 2".
fn digit_by_digit(i18n: I18n, code: &str) -> String {
    let sep = i18n.t("family.digit_separator");
    code.chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join(&sep)
}

fn seconds_left(code: &LinkCode) -> i64 {
    let now = DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default();
    (code.expires_at.with_timezone(&Utc) - now)
        .num_seconds()
        .max(0)
}

#[component]
pub fn MakeLinkCode() -> impl IntoView {
    let session = use_session();
    if !is_elder_self(&session) {
        return view! { <Redirect path="/home" /> }.into_any();
    }
    let i18n = use_i18n();
    let explainer = use_explainer();
    let navigate = use_navigate();
    let perms = RwSignal::new(LinkPermissions {
        view: true,
        book: true,
        cancel: false,
    });
    let code = RwSignal::new(None::<LinkCode>);
    let trouble = RwSignal::new(None::<ApiError>);
    let left = RwSignal::new(0_i64);

    let make = Action::new_local(move |req: &LinkCodeRequest| {
        let client = session.client();
        let req = *req;
        async move {
            match client.create_link_code(&req).await {
                Ok(c) => {
                    trouble.set(None);
                    left.set(seconds_left(&c));
                    code.set(Some(c));
                }
                Err(err) => trouble.set(Some(err)),
            }
        }
    });
    let tick = move || {
        if let Some(c) = code.get_untracked() {
            left.set(seconds_left(&c));
        }
    };
    let interval = set_interval_with_handle(tick, Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(i) = interval {
            i.clear();
        }
    });

    let toggle = move |which: u8| {
        perms.update(|p| match which {
            0 => {
                p.view = !p.view;
                // Nobody acts blind: without seeing, no booking or cancelling either.
                if !p.view {
                    p.book = false;
                    p.cancel = false;
                }
            }
            1 => {
                p.book = !p.book;
                p.view |= p.book;
            }
            _ => {
                p.cancel = !p.cancel;
                p.view |= p.cancel;
            }
        })
    };
    let expired = move || code.get().is_some() && left.get() == 0;
    let problem = Signal::derive(move || trouble.get().map(|e| explainer.explain(&e)));
    let title = move || i18n.t("family.make_code");
    // Not the countdown: the prompt would be said again every second.
    let say = move || {
        if make.pending().get() {
            return String::new();
        }
        match code.get() {
            Some(c) => i18n.t_with(
                "family.code_say",
                &[
                    ("digits", &digit_by_digit(i18n, &c.code)),
                    ("may", &permission_words(i18n, c.permissions)),
                ],
            ),
            None => format!("{} {}", title(), i18n.t("family.permissions_question")),
        }
    };
    let countdown = move || {
        let s = left.get();
        match s {
            0 => i18n.t("family.code_expired"),
            _ => i18n.t_with(
                "family.code_left",
                &[
                    ("minutes", &(s / 60).to_string()),
                    ("seconds", &(s % 60).to_string()),
                ],
            ),
        }
    };
    let option = move |which: u8, label: Signal<String>| {
        let pressed = Signal::derive(move || {
            let p = perms.get();
            [p.view, p.book, p.cancel][usize::from(which)]
        });
        view! {
            <OptionButton
                label
                icon=IconKind::Check
                pressed
                on_press=move || toggle(which)
            />
        }
    };

    view! {
        <Screen title say back="/my-family" class="link-code">
            <Notice message=problem />
            {move || match code.get() {
                None => view! {
                    <p class="question">{move || i18n.t("family.permissions_question")}</p>
                    <div class="options" role="group" aria-label=move || i18n.t("family.permissions_question")>
                        {option(0, Signal::derive(move || i18n.t("family.permission_view")))}
                        {option(1, Signal::derive(move || i18n.t("family.permission_book")))}
                        {option(2, Signal::derive(move || i18n.t("family.permission_cancel")))}
                    </div>
                    <p class="lead">{move || permission_words(i18n, perms.get())}</p>
                    <div class="actions">
                        <BigButton
                            label=move || i18n.t("family.make_code_now")
                            on_press=move || { make.dispatch_local(LinkCodeRequest { permissions: perms.get_untracked() }); }
                            disabled=make.pending()
                            testid="make-code-now"
                        />
                    </div>
                    {move || make.pending().get().then(|| view! { <Loading /> })}
                }
                .into_any(),
                Some(c) => {
                    let digits = c.code.clone();
                    let granted = c.permissions;
                    let to_family = navigate.clone();
                    view! {
                        <p class="question">{move || i18n.t("family.code_question")}</p>
                        <p class="link-code-digits" data-testid="link-code" aria-label=digits.clone()>
                            {spaced(&digits)}
                        </p>
                        <p class="lead link-code-left" role="timer" data-testid="code-left">{countdown}</p>
                        <p class="lead">{move || permission_words(i18n, granted)}</p>
                        <div class="actions">
                            {move || expired().then(|| view! {
                                <BigButton
                                    label=move || i18n.t("family.make_code_again")
                                    on_press=move || { make.dispatch_local(LinkCodeRequest { permissions: perms.get_untracked() }); }
                                />
                            })}
                            <BigButton
                                label=move || i18n.t("family.done")
                                kind=ButtonKind::Secondary
                                icon=IconKind::Check
                                on_press=move || to_family("/my-family", Default::default())
                                testid="code-done"
                            />
                        </div>
                    }
                    .into_any()
                }
            }}
        </Screen>
    }
    .into_any()
}
