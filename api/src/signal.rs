//! The built-in meeting room's signalling protocol (issue 7): JSON text frames over the
//! WebSocket at `GET /meetings/{id}/signal?ticket=…`. The platform only relays; the browsers
//! connect to each other (a mesh), so a room holds at most [`MESH_MAX`] people with sound.
//!
//! A newcomer gets [`SignalFromServer::Welcome`] with everyone already there and sends each an
//! offer; those there get [`SignalFromServer::PeerJoined`] and answer. Offers, answers and ICE
//! candidates travel as opaque `data` from one peer to another.

use serde::{Deserialize, Serialize};

use crate::PersonRef;

/// People in one built-in room with sound and picture. Every browser sends its own stream to
/// every other, so six people means five uploads each: about what an older phone on home
/// broadband carries. Larger meetings use an external room.
pub const MESH_MAX: usize = 6;

/// Someone in the room, as the signalling server knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    /// This connection's id in the room (a person who reconnects gets a new one).
    pub peer: u64,
    pub person: PersonRef,
    /// Receives only: sends neither sound nor picture.
    pub listen_only: bool,
}

/// What the platform sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SignalFromServer {
    /// You are in: your id, and everyone already there (offer to each of them).
    Welcome {
        peer: u64,
        peers: Vec<Peer>,
        max: usize,
    },
    /// The room already has [`MESH_MAX`] people; the socket closes after this. The meeting
    /// (agenda, hands, votes) goes on without sound for this person.
    Full {
        max: usize,
    },
    PeerJoined(Peer),
    PeerLeft {
        peer: u64,
    },
    /// An offer, answer or ICE candidate from `from`.
    Signal {
        from: u64,
        data: serde_json::Value,
    },
}

/// What a browser sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SignalToServer {
    Signal { to: u64, data: serde_json::Value },
}
