//! A kiosk is a shared screen in a public room: nothing on it may lead away from Linli or
//! leave a trace for the next person (UX.md, Kiosk). Only mounted on kiosks; a phone keeps
//! its pinch-zoom (WCAG 1.4.4), text selection and long-press menus.
//!
//! - `<html class="kiosk">`: no text selection, no long-press callout, no overscroll
//!   (no pull-to-refresh or back-swipe), no pinch-zoom (`touch-action: pan-x pan-y`), in
//!   styles/base.css: a zoomed kiosk would stay zoomed for the next elder; the settings'
//!   three text sizes take zoom's place. The viewport `<meta>` keeps allowing zoom:
//!   `user-scalable=no` fails WCAG 1.4.4 (axe's `meta-viewport` rule).
//! - No context menu (long press or right click) and no dragging links out.
//! - `tel:` links still work: the kiosk hands the number over, it does not navigate.

use leptos::ev;
use leptos::prelude::*;

/// The class on `<html>` that the kiosk's CSS keys on.
pub const KIOSK_CLASS: &str = "kiosk";

fn set_kiosk(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let classes = root.class_list();
        let _ = if on {
            classes.add_1(KIOSK_CLASS)
        } else {
            classes.remove_1(KIOSK_CLASS)
        };
    }
}

#[component]
pub fn KioskGuard() -> impl IntoView {
    set_kiosk(true);
    let menu = window_event_listener(ev::contextmenu, |e| e.prevent_default());
    let drag = window_event_listener(ev::dragstart, |e| e.prevent_default());
    on_cleanup(move || {
        menu.remove();
        drag.remove();
        set_kiosk(false);
    });
}
