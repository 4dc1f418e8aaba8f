//! The help button on every screen (issue 5): one tap tells the community's duty staff, and
//! the elder's linked family, that the elder needs help, and where they are.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::PersonRef;

/// Where the elder is when they ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HelpPlace {
    /// At a kiosk; `location` is the kiosk's place as the centre configured it
    /// ("阳光社区服务中心 一楼大厅").
    Kiosk { location: String },
    /// On their own phone: at home, or wherever they are (the address on file is the guess).
    Phone,
}

/// `POST /help-requests` (with an Idempotency-Key, acting for the elder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpRequestCreate {
    pub place: HelpPlace,
    /// The screen the elder was on (a route such as `/meals`), so staff know what troubled them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screen: Option<String>,
}

/// Where a help request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HelpStatus {
    /// Sent; nobody has answered yet.
    Open,
    /// A staff member is on it.
    Acknowledged,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpRequest {
    pub id: i64,
    pub elder: PersonRef,
    /// Who pressed the button (the elder, or family acting for them).
    pub requested_by: PersonRef,
    pub place: HelpPlace,
    pub screen: Option<String>,
    pub status: HelpStatus,
    pub created_at: DateTime<FixedOffset>,
    /// The staff member who acknowledged it, once someone has.
    pub handled_by: Option<PersonRef>,
    /// Everyone told: the community's duty staff and the elder's linked family.
    pub notified: Vec<PersonRef>,
    /// The community's duty hotline, shown large beside the request.
    pub hotline: String,
}

/// `POST /help-requests/{id}/status` (staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HelpStatusUpdate {
    pub status: HelpStatus,
}
