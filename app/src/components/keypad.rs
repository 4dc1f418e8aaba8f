//! The big on-screen number pad for card numbers, phone numbers and PINs:
//! no system keyboard, keys of 64 px and more, Delete and Clear in words.
//! Every key says its name when tapped (components/tap_voice.rs), except on the PIN
//! pad: a PIN said aloud is a PIN told to the room, so its keys say only how many
//! digits are in.

use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::i18n::{I18n, use_i18n};
use crate::speech;

/// Adds `digit` unless `value` is already `max_len` long.
pub fn push_digit(value: &mut String, digit: char, max_len: usize) {
    if digit.is_ascii_digit() && value.chars().count() < max_len {
        value.push(digit);
    }
}

/// Digits in readable groups: "1000 0001" for a card, "138 0000 0001" for a phone.
pub fn group_digits(digits: &str) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let head = if chars.len() > 8 { 3 } else { 0 };
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let in_group = if i < head { i } else { i - head };
        if i > 0 && (i == head || (i > head && in_group % 4 == 0)) {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// "3 of 6 digits entered": what the PIN pad says instead of the digit.
fn pin_count(i18n: I18n, filled: usize, len: usize) -> String {
    i18n.t_with(
        "pin.count",
        &[("n", &filled.to_string()), ("len", &len.to_string())],
    )
}

/// Digits 1–9, then Clear, 0, Delete, laid out like a phone. `secret` (the PIN): keys
/// say the count of digits, never the digit.
#[component]
pub fn Keypad(
    value: RwSignal<String>,
    max_len: usize,
    #[prop(optional)] secret: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let press = move |change: &dyn Fn(&mut String)| {
        value.update(|v| change(v));
        if secret {
            let filled = value.with_untracked(|v| v.chars().count());
            speech::speak(&pin_count(i18n, filled, max_len), i18n.lang_untracked());
        }
    };
    let digit = move |d: char| {
        view! {
            <button
                type="button"
                class="key key-digit"
                on:click=move |_| press(&|v| push_digit(v, d, max_len))
            >
                {d.to_string()}
            </button>
        }
    };
    view! {
        <div class="keypad" role="group" aria-label=move || i18n.t("keypad.label")>
            {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit).collect_view()}
            <button type="button" class="key key-word" on:click=move |_| press(&String::clear)>
                <span>{move || i18n.t("keypad.clear")}</span>
            </button>
            {digit('0')}
            <button
                type="button"
                class="key key-word"
                on:click=move |_| {
                    press(&|v| {
                        v.pop();
                    })
                }
            >
                <Icon kind=IconKind::Delete />
                <span>{move || i18n.t("keypad.delete")}</span>
            </button>
        </div>
    }
}

/// Six boxes that fill as the PIN is typed: masked, but countable, with the
/// count also in words for screen readers and anyone unsure of the dots.
#[component]
pub fn PinDots(#[prop(into)] filled: Signal<usize>, len: usize) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || pin_count(i18n, filled.get(), len);
    view! {
        <div class="pin">
            <div class="pin-dots" role="img" aria-label=count data-testid="pin-dots">
                {(0..len)
                    .map(|i| {
                        view! {
                            <span
                                class="pin-dot"
                                class:filled=move || i < filled.get()
                                data-filled=move || (i < filled.get()).to_string()
                            ></span>
                        }
                    })
                    .collect_view()}
            </div>
            <p class="pin-count" aria-hidden="true">{count}</p>
        </div>
    }
}

/// PIN entry: the dots above the keypad, at most `len` digits.
#[component]
pub fn PinKeypad(
    value: RwSignal<String>,
    #[prop(default = api::validate::PIN_LEN)] len: usize,
) -> impl IntoView {
    let filled = Signal::derive(move || value.with(|v| v.chars().count()));
    view! {
        <PinDots filled len />
        <Keypad value max_len=len secret=true />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_stop_at_the_maximum() {
        let mut v = String::new();
        for d in "1234567".chars() {
            push_digit(&mut v, d, 6);
        }
        assert_eq!(v, "123456");
        push_digit(&mut v, 'x', 9);
        assert_eq!(v, "123456");
    }

    #[test]
    fn groups_cards_and_phones() {
        assert_eq!(group_digits(""), "");
        assert_eq!(group_digits("100"), "100");
        assert_eq!(group_digits("10000001"), "1000 0001");
        assert_eq!(group_digits("13800000001"), "138 0000 0001");
        assert_eq!(group_digits("138000000"), "138 0000 00");
    }
}
