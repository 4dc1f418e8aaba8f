//! A big text box for the few things an elder may want to write (an address, a note):
//! large type, a visible label, and how many characters are left, said in words. It takes
//! the device's own keyboard, because Chinese needs the system input method (pinyin,
//! handwriting or voice); everything it is for also has a no-typing way (chips, the address
//! on file).

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn TextBox(
    /// The element id, for the label.
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    /// Most characters allowed (the same limit the platform checks, from `api::validate`).
    max: usize,
    /// One line (an address) or several (a note).
    #[prop(optional)]
    multiline: bool,
    /// The browser's autofill hint for one line (e.g. `street-address`).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// One line's input type (`tel` for a phone number); `text` when absent.
    #[prop(optional)]
    input_type: Option<&'static str>,
    /// Hides "N characters left" where the length is fixed (a phone number).
    #[prop(optional)]
    no_counter: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let left = move || {
        let used = value.with(|v| v.chars().count());
        i18n.t_with(
            "text_box.left",
            &[("n", &max.saturating_sub(used).to_string())],
        )
    };
    let counter_id = format!("{id}-left");
    let described_by = counter_id.clone();
    let on_input = move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    view! {
        <div class="text-box">
            <label for=id>{move || label.get()}</label>
            {if multiline {
                view! {
                    <textarea
                        id=id
                        rows="3"
                        maxlength=max.to_string()
                        aria-describedby=described_by
                        prop:value=move || value.get()
                        on:input=on_input
                    ></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        id=id
                        type=input_type.unwrap_or("text")
                        inputmode=(input_type == Some("tel")).then_some("numeric")
                        autocomplete=autocomplete
                        maxlength=max.to_string()
                        aria-describedby=described_by
                        prop:value=move || value.get()
                        on:input=on_input
                    />
                }
                .into_any()
            }}
            <p class="text-box-left" id=counter_id hidden=no_counter>{left}</p>
        </div>
    }
}
