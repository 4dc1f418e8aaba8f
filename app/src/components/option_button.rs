//! A big toggle for one choice among a few (a text size, a language): an icon and words,
//! `aria-pressed`, and the chosen one shown by a fill, a thick outline and a check mark,
//! never by colour alone. When pressed it says its name (or its own `say`, such as a
//! sample sentence at the speed just chosen) after its action has run, so the voice
//! already speaks the new way.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::speech;

#[component]
pub fn OptionButton(
    #[prop(into)] label: Signal<String>,
    icon: IconKind,
    #[prop(into)] pressed: Signal<bool>,
    #[prop(into)] on_press: UnsyncCallback<()>,
    /// Said when pressed; the label when absent.
    #[prop(optional, into)]
    say: Option<Signal<String>>,
    /// The words' own language (a language named in itself), also used for the voice.
    #[prop(optional)]
    lang: Option<api::Lang>,
    #[prop(optional)] testid: Option<&'static str>,
    /// Shown under the label (a sample of the text size).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let press = move |_| {
        on_press.run(());
        let text = say.unwrap_or(label).get_untracked();
        speech::echo(&text, lang.unwrap_or_else(|| i18n.lang_untracked()));
    };
    view! {
        <button
            type="button"
            class="option"
            lang=lang.map(|l| l.tag())
            aria-pressed=move || pressed.get().to_string()
            data-testid=testid
            on:click=press
        >
            <Icon kind=icon />
            <span class="option-text">
                <span class="option-label">{move || label.get()}</span>
                {children.map(|c| c())}
            </span>
            <span class="option-check" aria-hidden="true">
                {move || pressed.get().then(|| view! { <Icon kind=IconKind::Check /> })}
            </span>
        </button>
    }
}
