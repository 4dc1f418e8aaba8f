//! RFC 9457 problem details. Every platform error is one of these, with a
//! stable `type` the app maps to plain words and a way forward.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Media type of every error body (RFC 9457 §3).
pub const PROBLEM_JSON: &str = "application/problem+json";

macro_rules! problem_types {
    ($($variant:ident = $slug:literal,)*) => {
        /// The stable problem types. Serialised as `/problems/<slug>`, a URI
        /// reference relative to the platform (RFC 9457 §3.1.1).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemType { $($variant,)* }

        impl ProblemType {
            pub const ALL: &'static [ProblemType] = &[$(ProblemType::$variant,)*];

            pub fn slug(self) -> &'static str {
                match self { $(ProblemType::$variant => $slug,)* }
            }

            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some(ProblemType::$variant),)* _ => None }
            }
        }
    };
}

problem_types! {
    InvalidRequest = "invalid-request",
    NotSignedIn = "not-signed-in",
    SessionExpired = "session-expired",
    UnknownAccount = "unknown-account",
    PinWrong = "pin-wrong",
    PinLocked = "pin-locked",
    Forbidden = "forbidden",
    NotFound = "not-found",
    SlotFull = "slot-full",
    AlreadyBooked = "already-booked",
    CutoffPassed = "cutoff-passed",
    NotCancellable = "not-cancellable",
    FulfilmentUnavailable = "fulfilment-unavailable",
    OverlappingBooking = "overlapping-booking",
    CentreClosed = "centre-closed",
    TransportFull = "transport-full",
    IllegalTransition = "illegal-transition",
    PasswordWrong = "password-wrong",
    AccountLocked = "account-locked",
    NotCompleted = "not-completed",
    AlreadyRated = "already-rated",
    AddressMissing = "address-missing",
    PhoneTaken = "phone-taken",
    LinkCodeWrong = "link-code-wrong",
    LinkCodeExpired = "link-code-expired",
    LinkCodeLocked = "link-code-locked",
    LinkRevoked = "link-revoked",
    MeetingNotStarted = "meeting-not-started",
    MeetingClosed = "meeting-closed",
    NotPresent = "not-present",
    VotingClosed = "voting-closed",
    IdempotencyKeyMissing = "idempotency-key-missing",
    IdempotencyKeyReused = "idempotency-key-reused",
    ServiceUnavailable = "service-unavailable",
    ServerError = "server-error",
}

impl ProblemType {
    pub fn uri(self) -> String {
        format!("/problems/{}", self.slug())
    }
}

impl Serialize for ProblemType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.uri())
    }
}

impl<'de> Deserialize<'de> for ProblemType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let uri = String::deserialize(d)?;
        // Unknown types from a newer platform degrade to a generic error, never a decode failure.
        let slug = uri.rsplit('/').next().unwrap_or_default();
        Ok(ProblemType::from_slug(slug).unwrap_or(ProblemType::ServerError))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ProblemType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "URI reference `/problems/<slug>` naming the problem type",
            ))
            .enum_values(Some(ProblemType::ALL.iter().map(|t| t.uri())))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ProblemType {}

/// One invalid field, with a machine code the app translates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

/// An RFC 9457 problem with Linli's extension members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: ProblemType,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Invalid fields (`invalid-request`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Tries left before the account locks (`pin-wrong`, `password-wrong`, `link-code-wrong`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// When trying again will work (`pin-locked`, `account-locked`, `link-code-locked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_at: Option<DateTime<FixedOffset>>,
    /// The deadline that has passed (`cutoff-passed`, `not-cancellable`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DateTime<FixedOffset>>,
    /// The id of the elder's booking that a new one would overlap (`overlapping-booking`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicting_booking: Option<i64>,
    /// Whom to call for help, where staff can sort it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotline: Option<String>,
}

impl Problem {
    pub fn new(kind: ProblemType, status: u16, title: impl Into<String>) -> Self {
        Problem {
            kind,
            title: title.into(),
            status,
            detail: None,
            errors: Vec::new(),
            attempts_left: None,
            retry_at: None,
            deadline: None,
            conflicting_booking: None,
            hotline: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_round_trips_as_a_uri_reference() {
        for &t in ProblemType::ALL {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"/problems/{}\"", t.slug()));
            assert_eq!(serde_json::from_str::<ProblemType>(&json).unwrap(), t);
        }
    }

    #[test]
    fn unknown_type_degrades_to_server_error() {
        let t: ProblemType = serde_json::from_str("\"/problems/from-the-future\"").unwrap();
        assert_eq!(t, ProblemType::ServerError);
    }
}
