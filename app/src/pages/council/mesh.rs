//! The built-in meeting room's media (issue 7): a WebRTC mesh signalled through the
//! platform's WebSocket (`api::signal`). The newcomer offers to everyone already there;
//! those there answer. Offers, answers and ICE candidates travel as the browser's own JSON
//! (`RTCSessionDescriptionInit`, `RTCIceCandidateInit`), so nothing is re-encoded here.
//!
//! Someone listening only sends nothing and still receives everyone (receive-only
//! transceivers), so an elder without a camera, or who would rather not be seen, is in.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use api::PersonRef;
use api::signal::{Peer, SignalFromServer, SignalToServer};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    MediaStream, MediaStreamConstraints, MessageEvent, RtcConfiguration, RtcPeerConnection,
    RtcPeerConnectionIceEvent, RtcRtpTransceiverDirection, RtcRtpTransceiverInit,
    RtcSessionDescriptionInit, RtcTrackEvent, WebSocket,
};

use crate::config::IceServer;

/// Someone else in the room, with their sound and picture once it arrives.
#[derive(Clone)]
pub struct Remote {
    pub peer: u64,
    pub person: PersonRef,
    pub stream: Option<MediaStream>,
}

/// What the room shows about the media.
#[derive(Clone, Copy)]
pub struct MeshView {
    pub remotes: RwSignal<Vec<Remote>, LocalStorage>,
    /// The room already had its six: no sound or picture for this person.
    pub full: RwSignal<bool>,
    /// The signalling socket is down (the network, or the platform restarting).
    pub lost: RwSignal<bool>,
}

impl MeshView {
    pub fn new() -> Self {
        MeshView {
            remotes: RwSignal::new_local(Vec::new()),
            full: RwSignal::new(false),
            lost: RwSignal::new(false),
        }
    }
}

impl Default for MeshView {
    fn default() -> Self {
        Self::new()
    }
}

/// A socket event handler, kept alive as long as the room.
type Handler = Closure<dyn FnMut(JsValue)>;

struct Link {
    pc: RtcPeerConnection,
    _ice: Closure<dyn FnMut(RtcPeerConnectionIceEvent)>,
    _track: Closure<dyn FnMut(RtcTrackEvent)>,
}

struct Inner {
    ws: WebSocket,
    local: Option<MediaStream>,
    ice: JsValue,
    links: RefCell<HashMap<u64, Link>>,
    view: MeshView,
    closed: Cell<bool>,
    handlers: RefCell<Vec<Handler>>,
}

/// A connection to the room; [`Mesh::close`] ends it (also on drop of the last handle). The
/// socket's and connections' handlers hold weak pointers, so they never keep a room alive
/// after its screen is gone.
#[derive(Clone)]
pub struct Mesh(Rc<Inner>);

/// Asks for the camera and microphone (the browser asks the person). `None` if refused or
/// there are none: the elder then listens only.
pub async fn local_media() -> Option<MediaStream> {
    let devices = web_sys::window()?.navigator().media_devices().ok()?;
    let constraints = MediaStreamConstraints::new();
    constraints.set_audio(&JsValue::TRUE);
    constraints.set_video(&JsValue::TRUE);
    let promise = devices.get_user_media_with_constraints(&constraints).ok()?;
    JsFuture::from(promise).await.ok()?.dyn_into().ok()
}

/// The signalling socket's address for `signal_path` (`/api/v1/meetings/{id}/signal`).
pub fn socket_url(api_base: &str, signal_path: &str, ticket: &str, listen_only: bool) -> String {
    let base = api_base
        .replacen("https://", "wss://", 1)
        .replacen("http://", "ws://", 1);
    format!("{base}{signal_path}?ticket={ticket}&listen_only={listen_only}")
}

impl Mesh {
    pub fn connect(
        url: &str,
        local: Option<MediaStream>,
        ice_servers: &[IceServer],
        view: MeshView,
    ) -> Result<Mesh, JsValue> {
        let ws = WebSocket::new(url)?;
        let ice = serde_json::to_string(ice_servers)
            .ok()
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .unwrap_or_else(|| js_sys::Array::new().into());
        let mesh = Mesh(Rc::new(Inner {
            ws,
            local,
            ice,
            links: RefCell::new(HashMap::new()),
            view,
            closed: Cell::new(false),
            handlers: RefCell::new(Vec::new()),
        }));
        let weak = Rc::downgrade(&mesh.0);
        mesh.on("message", move |ev: JsValue| {
            let text = ev
                .dyn_ref::<MessageEvent>()
                .and_then(|m| m.data().as_string());
            if let (Some(inner), Some(text)) = (weak.upgrade(), text)
                && let Ok(msg) = serde_json::from_str::<SignalFromServer>(&text)
            {
                Mesh(inner).handle(msg);
            }
        });
        let weak = Rc::downgrade(&mesh.0);
        mesh.on("close", move |_| {
            if let Some(inner) = weak.upgrade()
                && !inner.closed.get()
                && !inner.view.full.get_untracked()
            {
                inner.view.lost.set(true);
            }
        });
        Ok(mesh)
    }

    fn on(&self, event: &str, f: impl FnMut(JsValue) + 'static) {
        let closure = Closure::<dyn FnMut(JsValue)>::new(f);
        let _ = self
            .0
            .ws
            .add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        self.0.handlers.borrow_mut().push(closure);
    }

    /// Mutes or unmutes the microphone; false when there is none.
    pub fn set_muted(&self, muted: bool) -> bool {
        let Some(local) = &self.0.local else {
            return false;
        };
        for track in local.get_audio_tracks().iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.set_enabled(!muted);
            }
        }
        true
    }

    /// Leaves the room: closes every connection, the socket, and the camera and microphone.
    pub fn close(&self) {
        if self.0.closed.replace(true) {
            return;
        }
        for (_, link) in self.0.links.borrow_mut().drain() {
            link.pc.close();
        }
        let _ = self.0.ws.close();
        if let Some(local) = &self.0.local {
            for track in local.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        self.0.view.remotes.set(Vec::new());
    }

    fn handle(&self, msg: SignalFromServer) {
        match msg {
            SignalFromServer::Welcome { peers, .. } => {
                for p in peers {
                    self.add_remote(&p);
                    if let Some(pc) = self.link(p.peer) {
                        self.offer(p.peer, pc);
                    }
                }
            }
            SignalFromServer::Full { .. } => self.0.view.full.set(true),
            SignalFromServer::PeerJoined(p) => {
                // They will offer; be ready for it.
                self.add_remote(&p);
                self.link(p.peer);
            }
            SignalFromServer::PeerLeft { peer } => {
                if let Some(link) = self.0.links.borrow_mut().remove(&peer) {
                    link.pc.close();
                }
                self.0.view.remotes.update(|r| r.retain(|x| x.peer != peer));
            }
            SignalFromServer::Signal { from, data } => self.signal(from, data),
        }
    }

    fn add_remote(&self, p: &Peer) {
        self.0.view.remotes.update(|r| {
            r.retain(|x| x.peer != p.peer);
            r.push(Remote {
                peer: p.peer,
                person: p.person.clone(),
                stream: None,
            });
        });
    }

    /// The connection to `peer`, made on first need.
    fn link(&self, peer: u64) -> Option<RtcPeerConnection> {
        if let Some(link) = self.0.links.borrow().get(&peer) {
            return Some(link.pc.clone());
        }
        let config = RtcConfiguration::new();
        config.set_ice_servers(&self.0.ice);
        let pc = RtcPeerConnection::new_with_configuration(&config).ok()?;
        match &self.0.local {
            Some(local) => {
                for track in local.get_tracks().iter() {
                    if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                        pc.add_track_0(&track, local);
                    }
                }
            }
            None => {
                let init = RtcRtpTransceiverInit::new();
                init.set_direction(RtcRtpTransceiverDirection::Recvonly);
                pc.add_transceiver_with_str_and_init("audio", &init);
                pc.add_transceiver_with_str_and_init("video", &init);
            }
        }
        let weak = Rc::downgrade(&self.0);
        let ice = Closure::<dyn FnMut(RtcPeerConnectionIceEvent)>::new(
            move |ev: RtcPeerConnectionIceEvent| {
                if let (Some(inner), Some(candidate)) = (weak.upgrade(), ev.candidate()) {
                    Mesh(inner).send(peer, "candidate", &candidate.to_json().into());
                }
            },
        );
        pc.set_onicecandidate(Some(ice.as_ref().unchecked_ref()));
        let remotes = self.0.view.remotes;
        let track = Closure::<dyn FnMut(RtcTrackEvent)>::new(move |ev: RtcTrackEvent| {
            let stream = ev
                .streams()
                .get(0)
                .dyn_into::<MediaStream>()
                .ok()
                .or_else(|| {
                    let s = MediaStream::new().ok()?;
                    s.add_track(&ev.track());
                    Some(s)
                });
            remotes.update(|r| {
                if let Some(x) = r.iter_mut().find(|x| x.peer == peer) {
                    x.stream = stream.clone();
                }
            });
        });
        pc.set_ontrack(Some(track.as_ref().unchecked_ref()));
        self.0.links.borrow_mut().insert(
            peer,
            Link {
                pc: pc.clone(),
                _ice: ice,
                _track: track,
            },
        );
        Some(pc)
    }

    /// `{ "<kind>": <value> }` to `peer`.
    fn send(&self, to: u64, kind: &str, value: &JsValue) {
        let Some(json) = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
        else {
            return;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) else {
            return;
        };
        let frame = SignalToServer::Signal {
            to,
            data: serde_json::json!({ kind: value }),
        };
        if let Ok(text) = serde_json::to_string(&frame) {
            let _ = self.0.ws.send_with_str(&text);
        }
    }

    fn offer(&self, peer: u64, pc: RtcPeerConnection) {
        let mesh = self.clone();
        spawn_local(async move {
            let Ok(offer) = JsFuture::from(pc.create_offer()).await else {
                return;
            };
            let init: RtcSessionDescriptionInit = offer.clone().unchecked_into();
            if JsFuture::from(pc.set_local_description(&init))
                .await
                .is_ok()
            {
                mesh.send(peer, "sdp", &offer);
            }
        });
    }

    fn signal(&self, from: u64, data: serde_json::Value) {
        let Some(pc) = self.link(from) else { return };
        let mesh = self.clone();
        spawn_local(async move {
            if let Some(sdp) = data.get("sdp").and_then(to_js) {
                let is_offer = data["sdp"]["type"] == "offer";
                let init: RtcSessionDescriptionInit = sdp.unchecked_into();
                if JsFuture::from(pc.set_remote_description(&init))
                    .await
                    .is_err()
                    || !is_offer
                {
                    return;
                }
                let Ok(answer) = JsFuture::from(pc.create_answer()).await else {
                    return;
                };
                let init: RtcSessionDescriptionInit = answer.clone().unchecked_into();
                if JsFuture::from(pc.set_local_description(&init))
                    .await
                    .is_ok()
                {
                    mesh.send(from, "sdp", &answer);
                }
            } else if let Some(candidate) = data.get("candidate").and_then(to_js) {
                let _ = JsFuture::from(pc.add_ice_candidate_with_opt_rtc_ice_candidate_init(Some(
                    candidate.unchecked_ref(),
                )))
                .await;
            }
        });
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if !self.closed.get() {
            let _ = self.ws.close();
        }
    }
}

fn to_js(value: &serde_json::Value) -> Option<JsValue> {
    js_sys::JSON::parse(&serde_json::to_string(value).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::socket_url;

    #[test]
    fn the_socket_follows_the_platforms_scheme() {
        assert_eq!(
            socket_url(
                "https://care.example.cn",
                "/api/v1/meetings/3/signal",
                "t",
                false
            ),
            "wss://care.example.cn/api/v1/meetings/3/signal?ticket=t&listen_only=false"
        );
        assert_eq!(
            socket_url(
                "http://127.0.0.1:8080",
                "/api/v1/meetings/3/signal",
                "t",
                true
            ),
            "ws://127.0.0.1:8080/api/v1/meetings/3/signal?ticket=t&listen_only=true"
        );
    }
}
