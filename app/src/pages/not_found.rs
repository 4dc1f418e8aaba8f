//! Any unknown address: say so kindly and offer the way home.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::{BigButton, Screen};
use crate::i18n::use_i18n;
use crate::state::use_session;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let home = move || {
        let to = if session.is_signed_in() { "/home" } else { "/" };
        navigate(to, Default::default());
    };
    view! {
        <Screen
            title=move || i18n.t("not_found.title")
            say=move || format!("{} {}", i18n.t("not_found.title"), i18n.t("not_found.text"))
        >
            <p class="lead">{move || i18n.t("not_found.text")}</p>
            <div class="actions">
                <BigButton label=Signal::derive(move || i18n.t("common.home")) on_press=home />
            </div>
        </Screen>
    }
}
