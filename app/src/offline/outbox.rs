//! One queued change and where it stands.

use api::{CreateBookingRequest, PersonId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::classify::Refusal;

/// What to send: the two changes an elder can make offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// `POST /bookings`.
    Create { request: CreateBookingRequest },
    /// `POST /bookings/{booking}/cancel`.
    Cancel { booking: i64 },
}

/// Where an entry stands. Stored with it, so a reload picks up exactly where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Queued, to be sent at `next_attempt`.
    Waiting,
    /// Written before the request goes out. Found on load, it means the app stopped
    /// mid-send: the platform may or may not have the change, so it is sent again with
    /// the same key and the platform answers with what it stored, if anything.
    Sending,
    /// The platform refused; kept (never dropped silently) until the elder has been told
    /// in words and offered a way forward.
    NeedsAttention { refusal: Refusal },
    /// The session ended; the whole queue waits for someone to sign in again.
    NeedsSignIn,
}

/// A queued booking or cancellation.
///
/// Holds ids only, no names or addresses beyond what the request itself carries: on a
/// kiosk the queue may outlive the elder's session, and nothing else personal should.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The queue's order: entries are sent strictly by ascending `seq`.
    pub seq: u64,
    /// The Idempotency-Key, made once (on the confirm screen, before the first try) and
    /// reused on every retry, so no replay can ever book twice.
    pub key: String,
    pub change: Change,
    /// The elder the change is for (sent as acting-for).
    pub elder: PersonId,
    /// Who made it: the elder, a linked family member or staff. The platform keys
    /// idempotency per principal, so replays go out as this person.
    pub principal: PersonId,
    pub queued_at: DateTime<Utc>,
    /// Requests sent so far (including one cut short by a crash).
    pub attempts: u32,
    /// The earliest moment to send (again).
    pub next_attempt: DateTime<Utc>,
    pub state: EntryState,
}

impl Entry {
    /// Still on its way: waiting, being sent, or paused for sign-in. My bookings shows
    /// these as "waiting to send".
    pub fn is_pending(&self) -> bool {
        !matches!(self.state, EntryState::NeedsAttention { .. })
    }

    /// Ready to be sent by the engine at `now`.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        matches!(self.state, EntryState::Waiting | EntryState::Sending) && self.next_attempt <= now
    }
}
