//! Voice on every tap (UX.md, Voice: "every tap on a tile or option speaks its label"):
//! whatever is pressed, a button, a tile, a keypad key or a link, says its name, and a
//! control reached with Tab says its name too (keyboard and switch users hear where they
//! are). Done once for the whole app, not screen by screen, so no new button can forget.
//!
//! A control whose own handler already spoke (a choice that says its name and the next
//! step, the PIN keypad that says only how many digits are in) is not echoed over. The
//! name is the control's accessible name (`aria-label`, else its visible text); its
//! language is the nearest `lang` attribute inside the page (the 中文 / English buttons
//! name themselves in their own language), else the app's.

use std::cell::Cell;

use api::Lang;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

use crate::i18n::{I18n, use_i18n};
use crate::speech;

/// What counts as a control to name.
const CONTROLS: &str = "button, a[href], [role=button], summary";

/// The words to say for a control's text as the browser lays it out: one line per
/// block (label, time, price), joined with a pause so the voice does not run them together.
pub fn spoken_name(rendered: &str, lang: Lang) -> String {
    let (pause, ends) = match lang {
        Lang::ZhCn => ("，", &['。', '，', '！', '？', '：', '；', '、'][..]),
        Lang::En => (", ", &['.', ',', '!', '?', ':', ';'][..]),
    };
    let mut out = String::new();
    for line in rendered.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            if out.ends_with(ends) {
                out.push(' ');
            } else {
                out.push_str(pause);
            }
        }
        out.push_str(&line);
    }
    out
}

/// A control's accessible name, roughly as a screen reader computes it.
fn name_of(el: &Element) -> String {
    if let Some(label) = el
        .get_attribute("aria-label")
        .filter(|l| !l.trim().is_empty())
    {
        return label;
    }
    if let Some(ids) = el.get_attribute("aria-labelledby")
        && let Some(doc) = el.owner_document()
    {
        let parts: Vec<String> = ids
            .split_whitespace()
            .filter_map(|id| doc.get_element_by_id(id))
            .map(|e| rendered_text(&e))
            .collect();
        if !parts.is_empty() {
            return parts.join("\n");
        }
    }
    rendered_text(el)
}

fn rendered_text(el: &Element) -> String {
    match el.dyn_ref::<HtmlElement>() {
        Some(html) => html.inner_text(),
        None => el.text_content().unwrap_or_default(),
    }
}

/// The language of `el`'s words: the nearest `lang` below `<html>`, else the app's.
fn lang_of(el: &Element, app: Lang) -> Lang {
    let mut node = Some(el.clone());
    while let Some(e) = node {
        if e.tag_name().eq_ignore_ascii_case("html") {
            break;
        }
        if let Some(lang) = e.get_attribute("lang").and_then(|t| Lang::from_tag(&t)) {
            return lang;
        }
        node = e.parent_element();
    }
    app
}

fn say_name(control: &Element) {
    let Some(app) = APP.get().and_then(|i18n| i18n.try_lang_untracked()) else {
        return;
    };
    let lang = lang_of(control, app);
    let words = spoken_name(&name_of(control), lang);
    speech::echo(&words, lang);
}

fn control_at(ev: &Event) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(CONTROLS)
        .ok()?
}

thread_local! {
    /// The language source of the app that asked for echoes (none: silent).
    static APP: Cell<Option<I18n>> = const { Cell::new(None) };
    /// The listeners are added once per page.
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// `speech::requests()` when the click began, so its end can tell whether the
    /// control's own handler spoke.
    static AT_CLICK: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Names every tap and every Tab stop while the calling owner (the App, or a test) lives.
pub fn speak_every_tap() {
    APP.set(Some(use_i18n()));
    on_cleanup(|| APP.set(None));
    if !LISTENING.replace(true) {
        listen();
    }
}

/// Order matters: Leptos handles `on:click` with one listener on the window, added when
/// the first view with a click handler mounted. The echo must come after the control's
/// own handler, so it is decided by a listener added at the first click (after Leptos'),
/// with the request count noted by a capturing listener that runs before everything.
/// Both live as long as the page.
fn listen() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let after = Closure::<dyn Fn(Event)>::new(|ev: Event| {
        let Some(started) = AT_CLICK.take() else {
            return;
        };
        if speech::requests() == started
            && let Some(control) = control_at(&ev)
        {
            say_name(&control);
        }
    })
    .into_js_value();
    let before = {
        let window = window.clone();
        let added = Cell::new(false);
        Closure::<dyn Fn(Event)>::new(move |_: Event| {
            AT_CLICK.set(Some(speech::requests()));
            if !added.replace(true) {
                let _ = window.add_event_listener_with_callback("click", after.unchecked_ref());
            }
        })
        .into_js_value()
    };
    let tabbed = Closure::<dyn Fn(KeyboardEvent)>::new(|ev: KeyboardEvent| {
        if ev.key() != "Tab" {
            return;
        }
        let focused = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        if let Some(control) = focused.filter(|f| f.matches(CONTROLS).unwrap_or(false)) {
            say_name(&control);
        }
    })
    .into_js_value();
    let _ = window.add_event_listener_with_callback_and_bool("click", before.unchecked_ref(), true);
    let _ = window.add_event_listener_with_callback("keyup", tabbed.unchecked_ref());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_is_said_as_it_is() {
        assert_eq!(spoken_name("  助餐 ", Lang::ZhCn), "助餐");
        assert_eq!(spoken_name("My  bookings", Lang::En), "My bookings");
    }

    #[test]
    fn lines_are_joined_with_a_pause() {
        assert_eq!(
            spoken_name("午餐\n11:00–12:30\n还剩 5 位\n", Lang::ZhCn),
            "午餐，11:00–12:30，还剩 5 位"
        );
        assert_eq!(
            spoken_name("Lunch\n\n11:00 to 12:30\nYou pay 5.00 yuan", Lang::En),
            "Lunch, 11:00 to 12:30, You pay 5.00 yuan"
        );
    }

    #[test]
    fn a_line_that_already_ends_a_phrase_gets_no_extra_mark() {
        assert_eq!(
            spoken_name("已满。\n请选别的", Lang::ZhCn),
            "已满。 请选别的"
        );
        assert_eq!(
            spoken_name("Full.\nChoose another", Lang::En),
            "Full. Choose another"
        );
    }

    #[test]
    fn nothing_to_say_is_empty() {
        assert_eq!(spoken_name(" \n \n", Lang::En), "");
    }
}
