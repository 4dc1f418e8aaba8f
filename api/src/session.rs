use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::{ActivitySummary, Lang, PersonId, Relation};

/// Sign in at a kiosk or on a phone: a card number or phone number, then a PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// Card number (8 digits) or mainland mobile number (11 digits).
    pub account: String,
    /// Six-digit PIN.
    pub pin: String,
}

/// Staff sign in with their phone number and a password (not a PIN: staff act for many elders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffSignInRequest {
    /// Mainland mobile number (11 digits).
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// Bearer token for the `Authorization` header.
    pub token: String,
    /// When the token stops working; the person then signs in again.
    pub expires_at: DateTime<FixedOffset>,
    pub me: Me,
}

/// `POST /session/delivery-token`: a write-only credential for a kiosk's outbox.
///
/// A kiosk wipes everything personal at sign-out, yet a booking an elder made while the
/// centre's network was down must still arrive after they walk away. So, while online,
/// the kiosk asks for this token: it acts as the same principal for the same elders, but
/// only to send `POST /bookings`, `POST /bookings/{id}/cancel` and `POST /help-requests`
/// (each with its Idempotency-Key); every other request with it is refused as `forbidden`,
/// so it reads nothing. It outlives the session that asked for it (until `expires_at`), and
/// `DELETE /session` with it as the bearer revokes it once the queue is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryToken {
    /// Bearer token for the `Authorization` header of queued changes.
    pub token: String,
    /// When it stops working; a change still queued then waits for the elder to sign in.
    pub expires_at: DateTime<FixedOffset>,
}

/// Who a principal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    Elder,
    Family,
    Staff,
}

/// A person as others see them on a booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
    pub kind: PersonKind,
    /// For a family member linked to the elder concerned (the booking's, the complaint's…):
    /// who they are to that elder, for "王丽（女儿）代订". Absent otherwise, and absent from
    /// the JSON then, so older readers see the same shape as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
}

/// The signed-in principal and the elders they may act for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub person: PersonRef,
    /// The elders this principal may act for; an elder acts for themself.
    pub acting_for: Vec<PersonRef>,
    /// The person's preferred language, if they chose one.
    pub lang: Option<Lang>,
    /// The person's saved settings; `None` until they first change one (the device's
    /// default then applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<crate::Settings>,
    /// The community's duty hotline, shown whenever staff can help.
    pub hotline: String,
    /// For an elder: what family and staff did for them since their previous sign-in, for
    /// the app to say once they have signed in. The same for the whole session (it counts
    /// from the sign-in before this one). Absent for family and staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acted_for_since_last_sign_in: Option<ActivitySummary>,
}
