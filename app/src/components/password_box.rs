//! A password field for family accounts: big, labelled, and with a "show password" toggle so
//! a long password can be checked before sending instead of retyped after a refusal (the
//! toggle is a real button with `aria-pressed`, not an icon alone).

use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::use_i18n;

#[component]
pub fn PasswordBox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    /// `current-password` to sign in, `new-password` to sign up (password managers use it).
    autocomplete: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = RwSignal::new(false);
    let on_input = move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    view! {
        <div class="text-box password-box">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                type=move || if shown.get() { "text" } else { "password" }
                autocomplete=autocomplete
                maxlength=api::validate::PASSWORD_MAX.to_string()
                prop:value=move || value.get()
                on:input=on_input
            />
            <button
                type="button"
                class="btn btn-secondary"
                aria-pressed=move || shown.get().to_string()
                aria-controls=id
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || shown.get().then(|| view! { <Icon kind=IconKind::Check /> })}
                <span class="btn-label">{move || i18n.t("family.show_password")}</span>
            </button>
        </div>
    }
}
