//! The room's live state: the platform's server-sent events for one meeting (`live`, each a
//! whole `MeetingLive`), read with the join ticket. `EventSource` reconnects by itself after
//! a dropped connection; the first event after that brings the room up to date.

use api::MeetingLive;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{EventSource, MessageEvent};

/// Puts `next` into `live` unless a newer state is there already: the stream and the answers
/// to the elder's own taps (a vote, a hand) arrive in either order.
pub fn keep_newer(live: RwSignal<Option<MeetingLive>>, next: MeetingLive) {
    let newer = live.with_untracked(|now| now.as_ref().is_none_or(|n| next.version >= n.version));
    if newer {
        live.set(Some(next));
    }
}

/// An open stream; closed on drop.
pub struct LiveStream {
    source: EventSource,
    _on_live: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
    _on_open: Closure<dyn FnMut(JsValue)>,
}

impl LiveStream {
    /// Writes every newer state into `live`; `connected` follows the stream.
    pub fn open(
        url: &str,
        live: RwSignal<Option<MeetingLive>>,
        connected: RwSignal<bool>,
    ) -> Result<LiveStream, JsValue> {
        let source = EventSource::new(url)?;
        let on_live = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            if let Ok(next) = serde_json::from_str::<MeetingLive>(&text) {
                keep_newer(live, next);
            }
        });
        source.add_event_listener_with_callback("live", on_live.as_ref().unchecked_ref())?;
        let on_error = Closure::<dyn FnMut(JsValue)>::new(move |_| connected.set(false));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let on_open = Closure::<dyn FnMut(JsValue)>::new(move |_| connected.set(true));
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        Ok(LiveStream {
            source,
            _on_live: on_live,
            _on_error: on_error,
            _on_open: on_open,
        })
    }
}

impl Drop for LiveStream {
    fn drop(&mut self) {
        self.source.close();
    }
}
