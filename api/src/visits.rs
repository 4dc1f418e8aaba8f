use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{PriceSplit, ProviderCard, Text};

/// The kinds of home visit (上门服务).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// 助洁
    Cleaning,
    /// 助浴
    Bathing,
    /// 助医: nursing and health checks.
    Nursing,
    /// 陪伴
    Companionship,
    /// 维修: small repairs.
    Repairs,
    /// 理发
    Haircut,
    /// 代办: errands.
    Errands,
}

impl VisitKind {
    pub const ALL: [VisitKind; 7] = [
        VisitKind::Cleaning,
        VisitKind::Bathing,
        VisitKind::Nursing,
        VisitKind::Companionship,
        VisitKind::Repairs,
        VisitKind::Haircut,
        VisitKind::Errands,
    ];
}

/// One service in the catalogue, priced for the elder acted for (as of today).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitService {
    pub id: i64,
    pub kind: VisitKind,
    pub name: Text,
    pub description: Text,
    pub duration_minutes: u32,
    pub price: PriceSplit,
    /// The organisation that sends the worker.
    pub provider_id: i64,
    pub provider: ProviderCard,
}

/// A two-hour window in which the worker arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitWindow {
    pub id: i64,
    pub provider_id: i64,
    pub date: NaiveDate,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub order_by: DateTime<FixedOffset>,
    pub cancel_by: DateTime<FixedOffset>,
    pub capacity: u32,
    pub places_left: u32,
    /// True while requests are open and the provider has a worker free.
    pub open: bool,
}

/// Where a home visit is, as the elder sees it. Maps onto [`crate::BookingStatus`]:
/// requested → pending, assigned and on the way → booked, done → fulfilled,
/// missed → noshow, cancelled → cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitStage {
    Requested,
    Assigned,
    OnTheWay,
    Done,
    Cancelled,
    Missed,
}

/// A booked home visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VisitBooking {
    pub service_id: i64,
    pub window_id: i64,
    /// Not `kind`: that names the variant of [`crate::BookedService`] this is inside.
    pub service_kind: VisitKind,
    pub service: Text,
    pub provider: Text,
    pub hotline: String,
    pub date: NaiveDate,
    /// The arrival window.
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    pub address: String,
    pub note: Option<String>,
    pub stage: VisitStage,
    /// The worker's name, once assigned.
    pub worker: Option<String>,
}

/// A staff member moves a visit on (`POST /visits/{booking_id}/transition`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum VisitTransitionRequest {
    /// requested or assigned → assigned: name (or change) the worker.
    Assign { worker: String },
    /// assigned → on the way.
    SetOff,
    /// on the way → done.
    Done,
    /// assigned or on the way → missed (nobody home, or the visit could not happen).
    Missed,
}
