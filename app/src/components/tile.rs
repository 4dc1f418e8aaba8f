//! A home-screen tile: a big icon over a 2–4 character label, spoken when tapped or
//! reached with Tab (UX.md, Home; both by components/tap_voice.rs, as for every
//! button). Its accessible name is its visible text (WCAG 2.5.3), so a "coming soon"
//! note is part of it.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

use super::{Icon, IconKind};

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
    view! {
        <li class="tile-item">
            <button
                type="button"
                class="tile"
                class:tile-soon=note.is_some()
                data-testid=testid
                on:click=move |_| on_press.run(())
            >
                <Icon kind=icon />
                <span class="tile-label">{move || label.get()}</span>
                {note.map(|n| view! { <span class="tile-note">{move || n.get()}</span> })}
            </button>
        </li>
    }
}
