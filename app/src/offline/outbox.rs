//! One queued change and where it stands.

use api::{Booking, CreateBookingRequest, HelpRequest, HelpRequestCreate, Lang, PersonId, Text};
use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

use super::classify::Refusal;

/// What to send: the changes an elder can make offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// `POST /bookings`.
    Create { request: CreateBookingRequest },
    /// `POST /bookings/{booking}/cancel`.
    Cancel { booking: i64 },
    /// `POST /help-requests`: the Help button pressed with no network. The elder has
    /// already been shown the hotline; this tells staff and family once it can.
    Help { request: HelpRequestCreate },
}

impl Change {
    pub fn is_help(&self) -> bool {
        matches!(self, Change::Help { .. })
    }
}

/// What the platform answered to a delivered change: the booking made or cancelled, or
/// the help request with who was told. (Boxed: both are large.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Booking(Box<Booking>),
    Help(Box<HelpRequest>),
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

/// What a queued change is about, for its "waiting to send" row: the service in both
/// languages ("午餐" / "Lunch") and when it starts; the day is worded when shown, so
/// "tomorrow" stays true after midnight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub what: Text,
    pub starts_at: DateTime<FixedOffset>,
}

impl Summary {
    /// `what` worded by `words` in each language.
    pub fn worded(starts_at: DateTime<FixedOffset>, words: impl Fn(Lang) -> String) -> Self {
        Summary {
            what: Text::new(words(Lang::ZhCn), words(Lang::En)),
            starts_at,
        }
    }
}

/// A change to queue, as the confirm or cancel screen hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub change: Change,
    /// The key the screen already used for its own attempt: that attempt may have reached
    /// the platform before the network dropped, and only the same key lets the platform
    /// recognise it.
    pub key: String,
    pub elder: PersonId,
    pub principal: PersonId,
    pub delivery_token: Option<String>,
    pub summary: Option<Summary>,
}

impl Queued {
    /// A change by `principal` for `elder`, with no delivery token and no summary.
    pub fn new(
        change: Change,
        key: impl Into<String>,
        elder: PersonId,
        principal: PersonId,
    ) -> Self {
        Queued {
            change,
            key: key.into(),
            elder,
            principal,
            delivery_token: None,
            summary: None,
        }
    }
}

/// A queued booking, cancellation or help request.
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
    /// A kiosk's write-only credential for this principal ([`api::DeliveryToken`]): it
    /// lets the change go out after the elder has signed out and walked away, and can
    /// read nothing. `None` on a personal device, where the session itself is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_token: Option<String>,
    /// What and when, for the "waiting to send" row. Never a name or an address. A help
    /// request has none: it is about now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
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
