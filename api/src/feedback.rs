//! After a service: a three-face rating, and complaints ("report a problem") whose progress
//! the elder can follow.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::PersonRef;

/// The three faces (good / so-so / bad): a whole rating an elder can give in one tap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingFace {
    Good,
    SoSo,
    Bad,
}

impl RatingFace {
    pub const ALL: [RatingFace; 3] = [RatingFace::Good, RatingFace::SoSo, RatingFace::Bad];
}

/// `POST /bookings/{id}/rating`: rate a service that has been done, once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RateRequest {
    pub face: RatingFace,
    /// An optional short comment (at most [`crate::validate::COMMENT_MAX`] characters).
    #[serde(default)]
    pub comment: Option<String>,
}

/// A rating as stored on a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rating {
    pub face: RatingFace,
    pub comment: Option<String>,
    pub rated_by: PersonRef,
    pub rated_at: DateTime<FixedOffset>,
}

/// What went wrong, chosen from big buttons before (optionally) typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintTopic {
    /// Late, or did not come.
    Late,
    /// The food or the work was not good.
    Quality,
    /// The worker or staff were unkind.
    Attitude,
    /// Charged wrongly.
    Price,
    /// Something felt unsafe.
    Safety,
    Other,
}

impl ComplaintTopic {
    pub const ALL: [ComplaintTopic; 6] = [
        ComplaintTopic::Late,
        ComplaintTopic::Quality,
        ComplaintTopic::Attitude,
        ComplaintTopic::Price,
        ComplaintTopic::Safety,
        ComplaintTopic::Other,
    ];
}

/// Where a complaint is: received → in progress → resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Received,
    InProgress,
    Resolved,
}

/// `POST /complaints`: report a problem, usually about one booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateComplaintRequest {
    /// The booking it is about (one of the elder's), or none for a general problem.
    #[serde(default)]
    pub booking_id: Option<i64>,
    pub topic: ComplaintTopic,
    /// Optional words (at most [`crate::validate::COMMENT_MAX`] characters).
    #[serde(default)]
    pub text: Option<String>,
}

/// A complaint as the elder (and staff) see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Complaint {
    pub id: i64,
    pub booking_id: Option<i64>,
    pub topic: ComplaintTopic,
    pub text: Option<String>,
    pub status: ComplaintStatus,
    /// What staff answered, in words the elder can read (set with the status).
    pub reply: Option<String>,
    pub elder: PersonRef,
    pub made_by: PersonRef,
    pub created_at: DateTime<FixedOffset>,
    pub updated_at: DateTime<FixedOffset>,
}

/// `POST /complaints/{id}/status`: staff move a complaint on and may answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComplaintUpdateRequest {
    pub status: ComplaintStatus,
    #[serde(default)]
    pub reply: Option<String>,
}
