//! The frame of every screen: a big Back at the top left, Help, "speak again" and the
//! language switch, one `<main>` with one `<h1>`. On arrival (and when the
//! language changes) it speaks the title and the question, and it keeps
//! `document.title` in step. When the screen shows answers from the cache, a note under
//! the title says from when, and is spoken with the prompt.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{
    FreshnessNote, HelpButton, Icon, IconKind, LangSwitch, SpeakAgain, use_freshness_note,
};
use crate::i18n::{join_sentences, use_i18n};
use crate::speech;

#[component]
pub fn Screen(
    #[prop(into)] title: Signal<String>,
    /// What the screen says on arrival and on "speak again": its title and question.
    #[prop(into)]
    say: Signal<String>,
    /// Where Back goes; no Back button when absent.
    #[prop(optional, into)]
    back: MaybeProp<String>,
    /// Back handled by the screen itself (a step inside one route).
    #[prop(optional, into)]
    on_back: Option<UnsyncCallback<()>>,
    /// Shows or hides Back while the screen is up (steps inside one route).
    #[prop(optional, into)]
    back_visible: Option<Signal<bool>>,
    /// A class on `<main>` for the screen's own layout.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let as_of = use_freshness_note();
    let say = Signal::derive(move || match as_of.get() {
        Some(note) => join_sentences(i18n.lang(), &[say.get(), note]),
        None => say.get(),
    });

    // A memo, so the prompt is spoken again only when its words really change
    // (a step, a result, the language), not whenever a signal it reads is touched.
    let prompt = Memo::new(move |_| (say.get(), i18n.lang()));
    Effect::new(move |_| {
        let (text, lang) = prompt.get();
        speech::speak(&text, lang);
    });
    Effect::new(move |_| {
        let page = title.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&i18n.t_with("common.document_title", &[("page", &page)]));
        }
    });

    let has_back = on_back.is_some() || back.get_untracked().is_some();
    let visible = move || back_visible.map_or(has_back, |v| v.get());
    let go_back = move |_| match (on_back, back.get_untracked()) {
        (Some(cb), _) => cb.run(()),
        (None, Some(to)) => navigate(&to, Default::default()),
        (None, None) => {}
    };

    view! {
        <div class="screen">
            <header class="topbar">
                {move || {
                    if visible() {
                        view! {
                            <button type="button" class="btn btn-back" on:click=go_back.clone()>
                                <Icon kind=IconKind::Back />
                                <span class="btn-label">{move || i18n.t("common.back")}</span>
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <span class="topbar-spacer"></span> }.into_any()
                    }
                }}
                <div class="topbar-tools">
                    <HelpButton />
                    <SpeakAgain say />
                    <super::SettingsButton />
                    <LangSwitch />
                </div>
            </header>
            <main id="main" class=format!("content {class}")>
                <super::ActingForBanner />
                <h1>{move || title.get()}</h1>
                <FreshnessNote note=as_of />
                {children()}
            </main>
        </div>
    }
}
