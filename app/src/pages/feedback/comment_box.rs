//! The optional words after a service: phrase chips above a large text box. A chip writes
//! its phrase into the box (and says it); a second tap takes it out. The box takes the
//! device's own keyboard too, since Chinese needs the system input method (pinyin,
//! handwriting or voice); at a kiosk the chips are the no-typing way.

use leptos::prelude::*;

use super::phrases::{self, Phrase};
use crate::i18n::use_i18n;
use crate::speech;

#[component]
pub fn CommentBox(
    /// The element id, for the label and the count.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    text: RwSignal<String>,
    #[prop(into)] phrases: Signal<Vec<Phrase>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let max = api::validate::COMMENT_MAX;
    let left = move || {
        let used = text.with(|t| t.chars().count());
        match max.checked_sub(used) {
            Some(n) => i18n.t_with("comment.left", &[("n", &n.to_string())]),
            None => i18n.t_with("comment.over", &[("n", &(used - max).to_string())]),
        }
    };
    let left_id = format!("{id}-left");
    let chip = move |phrase: Phrase| {
        let sep = move || i18n.t("phrase.separator");
        let words = move || phrase.words(i18n.lang());
        let pressed = move || text.with(|t| phrases::has(t, &words(), &sep()));
        view! {
            <button
                type="button"
                class="btn btn-tool chip"
                aria-pressed=move || pressed().to_string()
                on:click=move |_| {
                    let words = words();
                    text.update(|t| *t = phrases::toggle(t, &words, &sep()));
                    speech::speak(&words, i18n.lang_untracked());
                }
            >
                {words}
            </button>
        }
    };
    view! {
        <div class="comment">
            <fieldset class="note-chips">
                <legend>{move || i18n.t("comment.chips")}</legend>
                {move || phrases.get().into_iter().map(chip).collect_view()}
            </fieldset>
            <label for=id class="comment-label">{move || label.get()}</label>
            <textarea
                id=id
                class="comment-text"
                rows="4"
                aria-describedby=left_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            <p class="comment-left" id=left_id>{left}</p>
        </div>
    }
}
