//! A kiosk is a shared screen in a public room: nothing on it may lead away from Linli or
//! leave a trace for the next person (UX.md, Kiosk). Only mounted on kiosks; a phone keeps
//! its pinch-zoom (WCAG 1.4.4), text selection and long-press menus.
//!
//! - `<html class="kiosk">`: no text selection, no long-press callout, no overscroll
//!   (no pull-to-refresh or back-swipe), no pinch-zoom (`touch-action`), in
//!   styles/base.css; the viewport forbids zooming too, because a zoomed kiosk stays
//!   zoomed for the next elder. The settings' three text sizes take zoom's place.
//! - No context menu (long press or right click) and no dragging links out.
//! - `tel:` links still work: the kiosk hands the number over, it does not navigate.

use leptos::ev;
use leptos::prelude::*;

/// The class on `<html>` that the kiosk's CSS keys on.
pub const KIOSK_CLASS: &str = "kiosk";

/// The viewport each kind of device gets: a phone may zoom, a kiosk may not.
pub fn viewport(kiosk: bool) -> &'static str {
    if kiosk {
        "width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no, viewport-fit=cover"
    } else {
        "width=device-width, initial-scale=1, viewport-fit=cover"
    }
}

fn viewport_meta() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=viewport]")
        .ok()?
}

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
    if let Some(meta) = viewport_meta() {
        let _ = meta.set_attribute("content", viewport(on));
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

#[cfg(test)]
mod tests {
    use super::viewport;

    #[test]
    fn only_the_kiosk_forbids_zoom() {
        assert!(viewport(true).contains("user-scalable=no"));
        assert!(viewport(true).contains("maximum-scale=1"));
        assert!(!viewport(false).contains("user-scalable"));
        assert!(!viewport(false).contains("maximum-scale"));
        assert!(
            include_str!("../../../index.html").contains(viewport(false)),
            "index.html's viewport is the phone's"
        );
    }
}
