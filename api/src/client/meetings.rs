//! Council meetings and concerns (issue 7): the elder's side, and the host's.

use reqwest::Method;

use super::{ApiError, Client};
use crate::{
    AgendaItemCreate, Concern, ConcernCreate, ConcernTriage, FollowUpUpdate, HandRequest,
    JoinRequest, JoinTicket, Meeting, MeetingCreate, MeetingLive, MeetingStatusUpdate,
    MinutesUpdate, MotionCreate, NowUpdate, ReplyRequest, VoteRequest,
};

impl Client {
    /// `GET /meetings`: the meetings the elder acted for is invited to.
    pub async fn meetings(&self) -> Result<Vec<Meeting>, ApiError> {
        Self::json(self.request(Method::GET, "/meetings")).await
    }

    /// `GET /meetings/{id}`.
    pub async fn meeting(&self, id: i64) -> Result<Meeting, ApiError> {
        Self::json(self.request(Method::GET, &format!("/meetings/{id}"))).await
    }

    /// `PUT /meetings/{id}/reply`: online, in person, or can't come.
    pub async fn reply_to_meeting(
        &self,
        id: i64,
        body: &ReplyRequest,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/meetings/{id}/reply"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /meetings/{id}/join`: in the room, with a ticket for the live stream.
    pub async fn join_meeting(
        &self,
        id: i64,
        body: &JoinRequest,
        idempotency_key: &str,
    ) -> Result<JoinTicket, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/meetings/{id}/join"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /meetings/{id}/leave`: out of the room.
    pub async fn leave_meeting(
        &self,
        id: i64,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/meetings/{id}/leave"),
            idempotency_key,
        ))
        .await
    }

    /// `PUT /meetings/{id}/hand`: raise or lower the elder's hand.
    pub async fn set_hand(
        &self,
        id: i64,
        raised: bool,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/meetings/{id}/hand"),
                idempotency_key,
            )
            .json(&HandRequest { raised }),
        )
        .await
    }

    /// `PUT /motions/{id}/vote`: cast or change the elder's vote.
    pub async fn vote(
        &self,
        motion: i64,
        body: &VoteRequest,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/motions/{motion}/vote"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// The live stream's URL for a ticket (`GET /meetings/{id}/events`, server-sent events).
    pub fn meeting_events_url(&self, id: i64, ticket: &str) -> String {
        format!(
            "{}{}/meetings/{id}/events?ticket={ticket}",
            self.base,
            crate::API_PREFIX
        )
    }

    /// `POST /concerns`.
    pub async fn raise_concern(
        &self,
        body: &ConcernCreate,
        idempotency_key: &str,
    ) -> Result<Concern, ApiError> {
        Self::json(
            self.change(Method::POST, "/concerns", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /concerns`: the elder's concerns and what became of them.
    pub async fn concerns(&self) -> Result<Vec<Concern>, ApiError> {
        Self::json(self.request(Method::GET, "/concerns")).await
    }

    /// `GET /staff/concerns`.
    pub async fn staff_concerns(&self) -> Result<Vec<Concern>, ApiError> {
        Self::json(self.request(Method::GET, "/staff/concerns")).await
    }

    /// `POST /staff/concerns/{id}/triage`.
    pub async fn triage_concern(
        &self,
        id: i64,
        body: &ConcernTriage,
        idempotency_key: &str,
    ) -> Result<Concern, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/staff/concerns/{id}/triage"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/meetings`.
    pub async fn create_meeting(
        &self,
        body: &MeetingCreate,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(Method::POST, "/staff/meetings", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /staff/meetings`.
    pub async fn staff_meetings(&self) -> Result<Vec<Meeting>, ApiError> {
        Self::json(self.request(Method::GET, "/staff/meetings")).await
    }

    /// `POST /staff/meetings/{id}/agenda`.
    pub async fn add_agenda_item(
        &self,
        id: i64,
        body: &AgendaItemCreate,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/staff/meetings/{id}/agenda"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/meetings/{id}/status`.
    pub async fn set_meeting_status(
        &self,
        id: i64,
        body: &MeetingStatusUpdate,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/staff/meetings/{id}/status"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/meetings/{id}/join`: the host in the room.
    pub async fn host_meeting(
        &self,
        id: i64,
        idempotency_key: &str,
    ) -> Result<JoinTicket, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/staff/meetings/{id}/join"),
            idempotency_key,
        ))
        .await
    }

    /// `PUT /staff/meetings/{id}/now`.
    pub async fn set_meeting_now(
        &self,
        id: i64,
        body: &NowUpdate,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/staff/meetings/{id}/now"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/meetings/{id}/motions`: put a motion to the vote.
    pub async fn open_motion(
        &self,
        id: i64,
        body: &MotionCreate,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/staff/meetings/{id}/motions"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/motions/{id}/close`.
    pub async fn close_motion(
        &self,
        motion: i64,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/staff/motions/{motion}/close"),
            idempotency_key,
        ))
        .await
    }

    /// `POST /staff/meetings/{id}/hands/{hand}/take`.
    pub async fn take_hand(
        &self,
        id: i64,
        hand: i64,
        idempotency_key: &str,
    ) -> Result<MeetingLive, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/staff/meetings/{id}/hands/{hand}/take"),
            idempotency_key,
        ))
        .await
    }

    /// `PUT /staff/meetings/{id}/minutes`.
    pub async fn publish_minutes(
        &self,
        id: i64,
        body: &MinutesUpdate,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/staff/meetings/{id}/minutes"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `PUT /staff/motions/{id}/follow-up`.
    pub async fn set_follow_up(
        &self,
        motion: i64,
        body: &FollowUpUpdate,
        idempotency_key: &str,
    ) -> Result<Meeting, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/staff/motions/{motion}/follow-up"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }
}
