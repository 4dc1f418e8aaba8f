//! Community council meetings (议事会, issue 7): residents' concerns → deliberation →
//! decision → report back. Elders reply, raise concerns, join from a kiosk or phone, raise
//! a hand and vote; staff host through the same API.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{PersonRef, Text};

/// Whose council it is: one building's, one compound's (小区), or the whole community's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingLevel {
    Building,
    Compound,
    Community,
}

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    /// Announced; not started.
    Scheduled,
    /// The host has opened it: people are in the room.
    Live,
    Ended,
    Cancelled,
}

/// How to join from afar, after FHIR `VirtualServiceDetail.channelType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelType {
    /// WebRTC between the participants, signalled through the platform: small rooms.
    Builtin,
    /// A Jitsi Meet room (`address` is its URL), for larger meetings.
    Jitsi,
    /// A LiveKit room opened through its web client (`address` is its URL).
    Livekit,
}

/// How to join a meeting from afar (FHIR `Appointment.virtualService`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VirtualService {
    pub channel_type: ChannelType,
    /// `builtin`: the signalling path relative to the platform
    /// (`/api/v1/meetings/{id}/signal`); otherwise the external room's https URL.
    pub address: String,
    /// How many can be in the room with sound and picture; `builtin` rooms are a mesh, so
    /// few. Absent: the external service decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_participants: Option<u32>,
}

/// How an elder answers an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Online,
    InPerson,
    Cannot,
}

/// How many gave each reply, so an elder sees they will not be alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyCounts {
    pub online: u32,
    pub in_person: u32,
    pub cannot: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub id: i64,
    /// 1, 2, 3… in the order they will be taken.
    pub position: u32,
    pub title: Text,
    /// The resident's concern it came from, if it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concern_id: Option<i64>,
}

/// A meeting as an invited elder sees it, before, during and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    pub id: i64,
    pub level: MeetingLevel,
    /// Whose council, in words: "3号楼", "阳光小区", "阳光社区".
    pub scope: Text,
    pub topic: Text,
    /// The room, for those who come in person.
    pub place: Text,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub status: MeetingStatus,
    pub virtual_service: VirtualService,
    pub agenda: Vec<AgendaItem>,
    /// The elder's answer to the invitation, once given.
    pub my_reply: Option<Reply>,
    pub replies: ReplyCounts,
    /// Published after the meeting.
    pub minutes: Option<Minutes>,
    /// Every motion put to the vote, closed ones with their result and follow-up.
    pub decisions: Vec<Decision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Minutes {
    pub text: Text,
    pub published_at: DateTime<FixedOffset>,
}

/// What happens after a decision, as residents are told: "repair scheduled", "done".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Decided; nothing done yet.
    Pending,
    Scheduled,
    InProgress,
    Done,
    /// Nothing to do (the motion was rejected, or needs no action).
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUp {
    pub status: FollowUpStatus,
    /// What staff said of it ("维修队12月3日上午来"); empty until they say something.
    pub note: Text,
    pub updated_at: DateTime<FixedOffset>,
}

/// A closed motion: what was decided, by how many, and what is being done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    pub motion_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: Text,
    pub result: VoteResult,
    pub follow_up: FollowUp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VoteChoice {
    /// 赞成
    Yes,
    /// 反对
    No,
    /// 弃权
    Abstain,
}

/// Carried (通过) when more than half of the votes cast are yes (过半数); abstentions count as
/// cast, so abstaining is not the same as staying away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Carried,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteResult {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// Elders in the meeting when the vote closed: those who did not vote are the difference.
    pub present: u32,
    pub outcome: Outcome,
}

impl VoteResult {
    /// The outcome of a count (the rule on [`Outcome`]).
    pub fn outcome_of(yes: u32, no: u32, abstain: u32) -> Outcome {
        let cast = yes + no + abstain;
        if cast > 0 && yes * 2 > cast {
            Outcome::Carried
        } else {
            Outcome::Rejected
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MotionStatus {
    Open,
    Closed,
}

/// A question put to the vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Motion {
    pub id: i64,
    pub agenda_item_id: Option<i64>,
    pub text: Text,
    pub status: MotionStatus,
    pub opened_at: DateTime<FixedOffset>,
    /// How many have voted so far; the split stays hidden until the vote closes, so nobody
    /// follows the crowd.
    pub votes_cast: u32,
    /// The viewer's own vote, which they may change until the vote closes.
    pub my_vote: Option<VoteChoice>,
    /// Once closed.
    pub result: Option<VoteResult>,
}

/// A raised hand, waiting for the host to give the floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hand {
    pub id: i64,
    pub person: PersonRef,
    pub raised_at: DateTime<FixedOffset>,
}

/// The meeting room as one participant sees it right now. Sent again, whole, on every
/// change through `GET /meetings/{id}/events`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingLive {
    pub meeting_id: i64,
    pub status: MeetingStatus,
    /// The agenda item being discussed.
    pub current_item: Option<AgendaItem>,
    /// The host's live caption: what is being said, in large text.
    pub caption: Option<Text>,
    /// Who is in the meeting now (online or in the room), host first.
    pub present: Vec<PersonRef>,
    /// The open motion, or else the one closed last, with its result.
    pub motion: Option<Motion>,
    /// Raised hands, first raised first.
    pub hands: Vec<Hand>,
    /// Whether the viewer's own hand is up.
    pub my_hand: bool,
    /// Whether the viewer has the floor (the host took their hand).
    pub my_turn: bool,
    /// Grows with every change, so a client can drop a stale copy.
    pub version: i64,
}

/// How someone takes part: from afar, or in the room (staff check them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AttendMode {
    Online,
    InPerson,
}

/// `PUT /meetings/{id}/reply`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplyRequest {
    pub reply: Reply,
}

/// `POST /meetings/{id}/join`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequest {
    pub mode: AttendMode,
}

/// What joining gives: a ticket for the live updates and the signalling socket (browsers
/// cannot put a bearer token on either), valid for this meeting only, until it ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinTicket {
    pub ticket: String,
    pub expires_at: DateTime<FixedOffset>,
    pub virtual_service: VirtualService,
    pub live: MeetingLive,
}

/// `PUT /meetings/{id}/hand`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HandRequest {
    pub raised: bool,
}

/// `PUT /motions/{id}/vote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VoteRequest {
    pub choice: VoteChoice,
}

/// Common things residents raise, so most can raise one with a single tap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConcernTopic {
    Safety,
    Cleanliness,
    Noise,
    Repairs,
    Services,
    Other,
}

impl ConcernTopic {
    pub const ALL: [ConcernTopic; 6] = [
        ConcernTopic::Safety,
        ConcernTopic::Cleanliness,
        ConcernTopic::Noise,
        ConcernTopic::Repairs,
        ConcernTopic::Services,
        ConcernTopic::Other,
    ];
}

/// What became of a concern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConcernStatus {
    /// Staff have it and will look at it.
    Received,
    /// Put on a meeting's agenda.
    OnAgenda,
    /// Sorted out without a meeting (staff say how in `note`).
    Handled,
    /// Not taken up (staff say why in `note`).
    Declined,
}

/// `POST /concerns`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernCreate {
    pub topic: ConcernTopic,
    /// A few words of the elder's own (at most [`crate::validate::CONCERN_MAX`] characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The meeting it is raised for, or none: "for the next one".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Concern {
    pub id: i64,
    pub elder: PersonRef,
    /// The elder, or family acting for them.
    pub raised_by: PersonRef,
    pub topic: ConcernTopic,
    pub text: Option<String>,
    pub meeting_id: Option<i64>,
    pub status: ConcernStatus,
    /// Staff's words on it (why declined, how handled).
    pub note: Option<String>,
    /// Where it went on an agenda: the meeting, its topic and start, and the item.
    pub agenda: Option<ConcernAgenda>,
    /// The decision taken on that agenda item, once voted.
    pub decision: Option<Decision>,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernAgenda {
    pub meeting_id: i64,
    pub topic: Text,
    pub starts_at: DateTime<FixedOffset>,
    pub item: AgendaItem,
}

/// `POST /staff/meetings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingCreate {
    pub level: MeetingLevel,
    /// The compound (小区) for a compound's or a building's meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compound: Option<String>,
    /// The building for a building's meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    pub topic: Text,
    pub place: Text,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    /// An external room; absent means the built-in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<ExternalRoom>,
    #[serde(default)]
    pub agenda: Vec<Text>,
}

/// A Jitsi Meet or LiveKit room the community runs or rents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExternalRoom {
    pub channel_type: ChannelType,
    /// The room's https URL.
    pub address: String,
}

/// `POST /staff/meetings/{id}/agenda`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItemCreate {
    pub title: Text,
}

/// `POST /staff/meetings/{id}/status`: scheduled → live → ended, or → cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingStatusUpdate {
    pub status: MeetingStatus,
}

/// `PUT /staff/meetings/{id}/now`: the item under discussion and the live caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NowUpdate {
    pub agenda_item_id: Option<i64>,
    pub caption: Option<Text>,
}

/// `POST /staff/meetings/{id}/motions`: opens a vote (one at a time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MotionCreate {
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agenda_item_id: Option<i64>,
}

/// `PUT /staff/meetings/{id}/minutes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinutesUpdate {
    pub text: Text,
}

/// `PUT /staff/motions/{id}/follow-up`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpUpdate {
    pub status: FollowUpStatus,
    pub note: Text,
}

/// `POST /staff/concerns/{id}/triage`: what staff do with a concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ConcernTriage {
    /// Onto a coming meeting's agenda, as a new item with this title.
    Agenda {
        meeting_id: i64,
        title: Text,
    },
    Handled {
        note: String,
    },
    Declined {
        note: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_motion_carries_only_with_more_than_half_of_the_votes_cast() {
        assert_eq!(VoteResult::outcome_of(2, 1, 0), Outcome::Carried);
        assert_eq!(VoteResult::outcome_of(2, 2, 0), Outcome::Rejected);
        // Abstaining counts: 2 of 4 is not more than half.
        assert_eq!(VoteResult::outcome_of(2, 0, 2), Outcome::Rejected);
        assert_eq!(VoteResult::outcome_of(3, 0, 2), Outcome::Carried);
        assert_eq!(VoteResult::outcome_of(0, 0, 0), Outcome::Rejected);
    }
}
