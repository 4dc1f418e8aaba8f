//! The one button shape: at least 64 px tall, full width for primary actions,
//! an icon beside (never instead of) its words.

use leptos::callback::UnsyncCallback;
use leptos::prelude::*;

use super::{Icon, IconKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonKind {
    /// The one main action of a screen: solid, full width.
    #[default]
    Primary,
    /// Another way forward: outlined.
    Secondary,
    /// Gives something up (cancel a booking): outlined in red, with words that say so.
    Danger,
}

impl ButtonKind {
    fn class(self) -> &'static str {
        match self {
            ButtonKind::Primary => "btn btn-primary",
            ButtonKind::Secondary => "btn btn-secondary",
            ButtonKind::Danger => "btn btn-danger",
        }
    }
}

#[component]
pub fn BigButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] on_press: UnsyncCallback<()>,
    #[prop(optional)] kind: ButtonKind,
    #[prop(optional)] icon: Option<IconKind>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// A second line in smaller type (a time, a price); part of the accessible name.
    #[prop(optional, into)]
    detail: Option<Signal<String>>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=kind.class()
            disabled=move || disabled.get()
            data-testid=testid
            on:click=move |_| on_press.run(())
        >
            {icon.map(|kind| view! { <Icon kind /> })}
            <span class="btn-text">
                <span class="btn-label">{move || label.get()}</span>
                {detail.map(|d| view! { <span class="btn-detail">{move || d.get()}</span> })}
            </span>
        </button>
    }
}
