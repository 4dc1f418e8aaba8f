//! Messages that matter (errors, results): large, in words, spoken, and in a
//! polite live region so screen readers hear them too (WCAG 4.1.3).

use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::speech;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Something went wrong; the words say what to do next.
    #[default]
    Problem,
    /// Neutral information ("coming soon").
    Info,
    /// Done ("booking cancelled").
    Success,
}

impl Tone {
    fn class(self) -> &'static str {
        match self {
            Tone::Problem => "notice notice-problem",
            Tone::Info => "notice notice-info",
            Tone::Success => "notice notice-success",
        }
    }

    fn icon(self) -> IconKind {
        match self {
            Tone::Problem => IconKind::Warning,
            Tone::Info => IconKind::Help,
            Tone::Success => IconKind::Check,
        }
    }
}

/// The live region is always in the page (an announcement needs a region that
/// already exists); it shows and speaks `message` whenever it changes to `Some`.
#[component]
pub fn Notice(
    #[prop(into)] message: Signal<Option<String>>,
    #[prop(optional)] tone: Tone,
    /// Whether to speak it; off where the screen's own prompt already says it.
    #[prop(default = true)]
    speak: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    if speak {
        Effect::new(move |_| {
            if let Some(text) = message.get() {
                speech::speak(&text, i18n.lang_untracked());
            }
        });
    }
    view! {
        <div class="notice-region" role="status" aria-live="polite" data-testid="notice">
            {move || {
                message
                    .get()
                    .map(|text| {
                        view! {
                            <div class=tone.class()>
                                <Icon kind=tone.icon() />
                                <p>{text}</p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// "Loading…" in words; the spinner stops for people who prefer less motion (CSS).
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {move || i18n.t("common.loading")}
        </p>
    }
}
