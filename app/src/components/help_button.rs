//! 求助 / Help, in the top bar of every screen (UX.md, Screens): one tap opens the help
//! screen, which sends the request at once. Each tap is one request: it carries its own
//! Idempotency-Key in the address, so a reload of the help screen repeats that same
//! request (the platform answers with what it stored) instead of asking twice.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::keys;

pub const HELP_PATH: &str = "/help";

/// The help screen's address for one tap on Help on the screen at `from`.
pub fn help_href(from: &str, press: &str) -> String {
    format!("{HELP_PATH}?from={}&press={}", encode(from), encode(press))
}

/// Percent-encodes all but letters, digits, `-._~` and `/`, for a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn HelpButton() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let location = use_location();
    let press = move |_| {
        let here = location.pathname.get_untracked();
        // Pressed again on the help screen: still about the screen the elder came from.
        let from = match here == HELP_PATH {
            true => location
                .query
                .with_untracked(|q| q.get("from"))
                .unwrap_or_default(),
            false => here,
        };
        navigate(
            &help_href(&from, &keys::idempotency_key()),
            Default::default(),
        );
    };
    view! {
        <button type="button" class="btn btn-help" data-testid="help" on:click=press>
            <Icon kind=IconKind::Help />
            <span class="btn-label">{move || i18n.t("help.button")}</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::help_href;

    #[test]
    fn each_tap_has_its_own_address() {
        assert_eq!(help_href("/meals", "ab12"), "/help?from=/meals&press=ab12");
        assert_eq!(
            help_href("/a b&c", "k"),
            "/help?from=/a%20b%26c&press=k",
            "nothing in a path can break the query"
        );
    }
}
