//! Signalling for the built-in meeting room (issue 7): a WebSocket per participant, over
//! which the platform relays WebRTC offers, answers and ICE candidates between browsers
//! (protocol in [`api::signal`]). Media never passes through here.
//!
//! Rooms live in this process's memory. Several instances behind a load balancer must send a
//! meeting's sockets to one instance (route on the meeting id in the path); the rest of the
//! meeting is in the database and needs nothing of the kind.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex, MutexGuard,
        atomic::{AtomicU64, Ordering},
    },
};

use api::{
    PersonRef,
    signal::{MESH_MAX, Peer, SignalFromServer, SignalToServer},
};
use axum::{
    extract::{
        State,
        ws::{Message, WebSocket, WebSocketUpgrade},
    },
    response::Response,
};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use tokio::sync::mpsc;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::room::ticket_holder;
use crate::{
    db::people,
    error::{Error, Result},
    http::{
        AppState,
        extract::{Path, Query},
    },
};

/// Largest frame a browser may send: an SDP offer with many candidates is a few KB.
const MAX_FRAME: usize = 64 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(signal))
}

/// Everyone connected, room by room.
#[derive(Clone, Default)]
pub struct Rooms {
    inner: Arc<Mutex<HashMap<i64, HashMap<u64, Member>>>>,
    next: Arc<AtomicU64>,
}

#[derive(Clone)]
struct Member {
    peer: Peer,
    tx: mpsc::UnboundedSender<SignalFromServer>,
}

impl Rooms {
    fn lock(&self) -> MutexGuard<'_, HashMap<i64, HashMap<u64, Member>>> {
        // A panic while holding the lock leaves plain data behind; carry on with it.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Lets `person` in unless the room is full; tells the others.
    fn enter(
        &self,
        meeting: i64,
        person: PersonRef,
        listen_only: bool,
        tx: mpsc::UnboundedSender<SignalFromServer>,
    ) -> std::result::Result<(u64, Vec<Peer>), ()> {
        let mut rooms = self.lock();
        let room = rooms.entry(meeting).or_default();
        if room.len() >= MESH_MAX {
            return Err(());
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let peer = Peer {
            peer: id,
            person,
            listen_only,
        };
        let others: Vec<Peer> = room.values().map(|m| m.peer.clone()).collect();
        for m in room.values() {
            let _ = m.tx.send(SignalFromServer::PeerJoined(peer.clone()));
        }
        room.insert(id, Member { peer, tx });
        Ok((id, others))
    }

    fn leave(&self, meeting: i64, peer: u64) {
        let mut rooms = self.lock();
        if let Some(room) = rooms.get_mut(&meeting) {
            room.remove(&peer);
            for m in room.values() {
                let _ = m.tx.send(SignalFromServer::PeerLeft { peer });
            }
            if room.is_empty() {
                rooms.remove(&meeting);
            }
        }
    }

    /// Passes `data` from one peer to another in the same room; a vanished peer gets nothing.
    fn relay(&self, meeting: i64, from: u64, to: u64, data: serde_json::Value) {
        let rooms = self.lock();
        if let Some(m) = rooms.get(&meeting).and_then(|room| room.get(&to)) {
            let _ = m.tx.send(SignalFromServer::Signal { from, data });
        }
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
struct SignalQuery {
    /// From joining the meeting.
    ticket: String,
    /// `true` to receive only (no camera or microphone).
    #[serde(default)]
    listen_only: bool,
}

/// The built-in room's signalling socket (WebSocket; protocol in the `api::signal` docs).
/// Takes the join ticket in the query, since browsers send no headers on a WebSocket.
#[utoipa::path(
    get, path = "/meetings/{id}/signal", tag = "meetings",
    params(("id" = i64, Path, description = "Meeting id"), SignalQuery),
    responses(
        (status = 101, description = "Switching to WebSocket"),
        (status = 401, description = "Unknown or expired ticket", body = api::Problem, content_type = "application/problem+json"),
    )
)]
async fn signal(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<SignalQuery>,
    upgrade: WebSocketUpgrade,
) -> Result<Response> {
    let person_id = ticket_holder(&state, id, &q.ticket).await?;
    let person = people::by_id(&state.db, person_id)
        .await?
        .ok_or_else(Error::not_signed_in)?
        .as_ref();
    Ok(upgrade
        .max_message_size(MAX_FRAME)
        .on_upgrade(move |socket| serve(state, id, person, q.listen_only, socket)))
}

/// One participant's connection, from welcome to leaving.
async fn serve(
    state: AppState,
    meeting: i64,
    person: PersonRef,
    listen_only: bool,
    socket: WebSocket,
) {
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let who = person.id;
    let (peer, others) = match state.rooms.enter(meeting, person, listen_only, tx) {
        Ok(entered) => entered,
        Err(()) => {
            let _ = sink
                .send(frame(&SignalFromServer::Full { max: MESH_MAX }))
                .await;
            let _ = sink.close().await;
            tracing::info!(meeting, person = who, "signalling room full");
            return;
        }
    };
    tracing::info!(
        meeting,
        person = who,
        peer,
        listen_only,
        "signalling joined"
    );
    let welcome = SignalFromServer::Welcome {
        peer,
        peers: others,
        max: MESH_MAX,
    };
    if sink.send(frame(&welcome)).await.is_ok() {
        let closed = state.live.closed();
        tokio::pin!(closed);
        loop {
            tokio::select! {
                _ = &mut closed => break,
                out = rx.recv() => match out {
                    Some(msg) => if sink.send(frame(&msg)).await.is_err() { break },
                    None => break,
                },
                incoming = stream.next() => match incoming {
                    Some(Ok(Message::Text(text))) => {
                        // Anything unreadable is dropped: a peer's bug must not end the call.
                        if let Ok(SignalToServer::Signal { to, data }) = serde_json::from_str(text.as_str()) {
                            state.rooms.relay(meeting, peer, to, data);
                        }
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                },
            }
        }
    }
    state.rooms.leave(meeting, peer);
    tracing::info!(meeting, person = who, peer, "signalling left");
}

fn frame(msg: &SignalFromServer) -> Message {
    Message::Text(serde_json::to_string(msg).unwrap_or_default().into())
}
