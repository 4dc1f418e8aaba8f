//! "再说一遍": repeats the screen's spoken prompt (UX.md: on every screen).

use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;
use crate::speech;

#[component]
pub fn SpeakAgain(#[prop(into)] say: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="btn btn-tool"
            on:click=move |_| speech::speak(&say.get_untracked(), i18n.lang_untracked())
        >
            <Icon kind=IconKind::Speaker />
            <span class="btn-label">{move || i18n.t("common.speak_again")}</span>
        </button>
    }
}
