//! A home-screen tile: a big icon over a 2–4 character label, spoken when it gets
//! focus (UX.md, Home). Its accessible name is its visible text (WCAG 2.5.3), so a
//! "coming soon" note is part of it.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::speech;

#[component]
pub fn Tile(
    #[prop(into)] label: Signal<String>,
    icon: IconKind,
    #[prop(into)] on_press: UnsyncCallback<()>,
    /// A small note under the label ("coming soon").
    #[prop(optional, into)]
    note: Option<Signal<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="tile-item">
            <button
                type="button"
                class="tile"
                class:tile-soon=note.is_some()
                data-testid=testid
                on:focus=move |_| speech::speak(&label.get_untracked(), i18n.lang_untracked())
                on:click=move |_| on_press.run(())
            >
                <Icon kind=icon />
                <span class="tile-label">{move || label.get()}</span>
                {note.map(|n| view! { <span class="tile-note">{move || n.get()}</span> })}
            </button>
        </li>
    }
}
