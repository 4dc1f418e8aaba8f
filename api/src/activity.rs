//! "Who acted for me" (issue 6): what others (family, staff) did for an elder, so the elder
//! always knows, and hears it at their next sign-in.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{BookedService, ComplaintTopic, PersonRef, RatingFace};

/// What someone did for the elder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Booked a service (`subject_id` is the booking).
    Booked,
    /// Cancelled a booking (`subject_id` is the booking).
    Cancelled,
    /// Rated a service (`subject_id` is the booking).
    Rated,
    /// Reported a problem (`subject_id` is the complaint).
    Complained,
    /// Pressed the help button for the elder (`subject_id` is the help request).
    AskedForHelp,
    /// A family member linked with the elder's code, or staff linked one (`subject_id` is the link).
    Linked,
    /// Staff renewed a link (`subject_id` is the link).
    Renewed,
    /// Staff changed what a family member may do (`subject_id` is the link).
    PermissionsChanged,
    /// A family member removed themself, or staff revoked a link (`subject_id` is the link).
    Revoked,
}

/// One thing done for the elder by someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivityItem {
    pub kind: ActivityKind,
    pub at: DateTime<FixedOffset>,
    /// Who did it: a family member with their `relation`, or staff.
    pub by: PersonRef,
    /// The booking, complaint, help request or link it concerns (see [`ActivityKind`]).
    pub subject_id: i64,
    /// The booking concerned, when there is one: booked, cancelled, rated, or a complaint
    /// about a booking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_id: Option<i64>,
    /// What that booking is for, to say it ("午餐，3 月 5 日，阳光长者食堂").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<BookedService>,
    /// The complaint's topic (`complained`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<ComplaintTopic>,
    /// The face given (`rated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<RatingFace>,
}

/// What others did for the elder since their previous sign-in: for the app to speak once
/// the elder has signed in ("王丽（女儿）为您订了 3 月 5 日的午餐").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActivitySummary {
    /// The elder's sign-in before this one; `None` at their first sign-in (then everything
    /// done for them so far counts).
    pub since: Option<DateTime<FixedOffset>>,
    /// How many things were done for them since then.
    pub total: u32,
    /// The newest of them, newest first, at most [`SUMMARY_ITEMS`].
    pub items: Vec<ActivityItem>,
}

/// The most items a sign-in summary carries; more are in `GET /activity`.
pub const SUMMARY_ITEMS: u32 = 10;

/// `GET /activity?since=…&limit=…`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
pub struct ActivityQuery {
    /// Only what was done after this instant (ISO 8601 with offset); everything when absent.
    pub since: Option<DateTime<FixedOffset>>,
    /// At most this many items, 1–[`ACTIVITY_MAX`]; defaults to [`ACTIVITY_DEFAULT`].
    pub limit: Option<u32>,
}

pub const ACTIVITY_DEFAULT: u32 = 50;
pub const ACTIVITY_MAX: u32 = 200;
