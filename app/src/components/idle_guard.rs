//! Kiosk idle sign-out (UX.md, Kiosk; WCAG 2.2.1 and 2.2.6): after 90 s without
//! a touch, a spoken and visible "Are you still there?" with a big button; after
//! 30 s more, sign out, wipe personal data, and return to the welcome screen.
//! Any touch or key counts as "still here". Only mounted on kiosks: phones have
//! no time limits. With nobody signed in, the same two minutes quietly put the kiosk back
//! as the next person should find it: the centre's settings and the welcome screen (a
//! half-typed card number does not wait there for a stranger). In a council meeting's room an
//! elder watches and listens without touching for an hour: idle time does not count there.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::i18n::use_i18n;
use crate::speech;
use crate::state::{SettingsCtx, SignOutReason, use_session, use_sign_out};

pub const WARN_AFTER_MS: f64 = 90_000.0;
pub const SIGN_OUT_AFTER_WARNING_MS: f64 = 30_000.0;

/// Whole seconds left before sign-out, or `None` while no warning is due.
pub fn seconds_left(idle_ms: f64) -> Option<u32> {
    let left = WARN_AFTER_MS + SIGN_OUT_AFTER_WARNING_MS - idle_ms;
    (idle_ms >= WARN_AFTER_MS).then(|| (left.max(0.0) / 1000.0).ceil() as u32)
}

/// Whether sitting still on `path` is taking part rather than having walked away: in a
/// council meeting's room (`/council/:meeting/room`).
pub fn watching(path: &str) -> bool {
    path.strip_prefix("/council/")
        .and_then(|rest| rest.strip_suffix("/room"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

#[component]
pub fn IdleGuard() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let sign_out = use_sign_out();
    let settings = use_context::<SettingsCtx>();
    let navigate = use_navigate();
    let location = use_location();
    let last_touch = StoredValue::new(js_sys::Date::now());
    let left = RwSignal::new(None::<u32>);

    let still_here = move || {
        last_touch.set_value(js_sys::Date::now());
        if left.get_untracked().is_some() {
            left.set(None);
        }
    };
    let touch = window_event_listener(ev::pointerdown, move |_| still_here());
    let key = window_event_listener(ev::keydown, move |_| still_here());

    let tick = move || {
        let idle_ms = js_sys::Date::now() - last_touch.get_value();
        if session.get_untracked().is_none() {
            if left.get_untracked().is_some() {
                left.set(None);
            }
            if seconds_left(idle_ms) == Some(0) {
                last_touch.set_value(js_sys::Date::now());
                if let Some(settings) = settings {
                    settings.back_to_centre_default();
                }
                if location.pathname.get_untracked() != "/" {
                    let replace = NavigateOptions {
                        replace: true,
                        ..Default::default()
                    };
                    navigate("/", replace);
                }
            }
            return;
        }
        if watching(&location.pathname.get_untracked()) {
            still_here();
            return;
        }
        match seconds_left(idle_ms) {
            Some(0) => {
                left.set(None);
                sign_out(SignOutReason::Idle);
            }
            Some(n) => {
                if left.get_untracked().is_none() {
                    let text = i18n.t_with("idle.say", &[("seconds", &n.to_string())]);
                    speech::speak(&text, i18n.lang_untracked());
                }
                left.set(Some(n));
            }
            None => {}
        }
    };
    let interval = set_interval_with_handle(tick, Duration::from_secs(1)).ok();
    on_cleanup(move || {
        touch.remove();
        key.remove();
        if let Some(i) = interval {
            i.clear();
        }
    });

    move || {
        left.get().map(|n| {
            view! {
                <div class="idle-overlay">
                    <div
                        class="idle-box"
                        role="alertdialog"
                        aria-modal="true"
                        aria-labelledby="idle-title"
                        aria-describedby="idle-text"
                        data-testid="idle-warning"
                    >
                        <h2 id="idle-title">{move || i18n.t("idle.title")}</h2>
                        <p id="idle-text">
                            {move || i18n.t_with("idle.text", &[("seconds", &n.to_string())])}
                        </p>
                        <button
                            type="button"
                            class="btn btn-primary"
                            autofocus
                            on:click=move |_| still_here()
                        >
                            <span class="btn-text">
                                <span class="btn-label">{move || i18n.t("idle.still_here")}</span>
                            </span>
                        </button>
                    </div>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{seconds_left, watching};

    #[test]
    fn only_a_meeting_room_counts_as_taking_part() {
        assert!(watching("/council/12/room"));
        assert!(!watching("/council/12"));
        assert!(!watching("/council/12/join"));
        assert!(!watching("/council/concerns"));
        assert!(!watching("/council//room"));
        assert!(!watching("/meals/room"));
    }

    #[test]
    fn warns_after_ninety_seconds_and_counts_down_thirty() {
        assert_eq!(seconds_left(0.0), None);
        assert_eq!(seconds_left(89_999.0), None);
        assert_eq!(seconds_left(90_000.0), Some(30));
        assert_eq!(seconds_left(105_500.0), Some(15));
        assert_eq!(seconds_left(120_000.0), Some(0));
        assert_eq!(seconds_left(500_000.0), Some(0));
    }
}
