//! Big buttons for one choice (a face, a topic): an icon with its words, pressed state
//! shown by shape and an outline as well as colour, and each says its name when tapped,
//! followed by what to do next.

use api::Lang;
use leptos::prelude::*;

use crate::components::{Icon, IconKind};
use crate::i18n::{tr_with, use_i18n};
use crate::speech;

#[component]
pub fn BigChoices<T>(
    options: Vec<T>,
    chosen: RwSignal<Option<T>>,
    label: fn(Lang, T) -> String,
    icon: fn(T) -> IconKind,
    slug: fn(T) -> &'static str,
    /// The id of the question the choices answer (the group's name).
    labelled_by: &'static str,
    /// Spoken after the choice's name: the next step.
    hint: Signal<String>,
    /// `faces` or `topics`: the layout.
    class: &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <div class=format!("big-choices {class}") role="group" aria-labelledby=labelled_by>
            {options
                .into_iter()
                .map(|option| {
                    let name = move || label(i18n.lang(), option);
                    view! {
                        <button
                            type="button"
                            class="big-choice"
                            data-testid=format!("choice-{}", slug(option))
                            aria-pressed=move || (chosen.get() == Some(option)).to_string()
                            on:click=move |_| {
                                chosen.set(Some(option));
                                let lang = i18n.lang_untracked();
                                let text = tr_with(
                                    lang,
                                    "choice.say",
                                    &[("name", &label(lang, option)), ("hint", &hint.get_untracked())],
                                );
                                speech::speak(&text, lang);
                            }
                        >
                            <Icon kind=icon(option) />
                            <span class="big-choice-label">{name}</span>
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
