//! 中文 / English. Each language is named in itself, so someone who cannot
//! read the current one still finds theirs.

use api::Lang;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let choice = move |lang: Lang, name: Signal<String>| {
        view! {
            <button
                type="button"
                class="btn btn-tool lang-choice"
                lang=lang.tag()
                aria-pressed=move || (i18n.lang() == lang).to_string()
                on:click=move |_| i18n.set_lang(lang)
            >
                {move || name.get()}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t("common.language")>
            {choice(Lang::ZhCn, Signal::derive(move || i18n.t("common.lang_zh")))}
            {choice(Lang::En, Signal::derive(move || i18n.t("common.lang_en")))}
        </div>
    }
}
