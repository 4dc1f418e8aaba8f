use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Fen, PriceSplit, ProviderCard, Text};

/// A day-care centre (日间照料中心).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaycareCentre {
    pub id: i64,
    pub name: Text,
    pub address: Text,
    pub community: Text,
    pub hotline: String,
    /// How many elders the centre looks after at once.
    pub places: u32,
    /// Who runs the centre, who supervises it, who pays.
    pub provider: ProviderCard,
}

/// Which part of the day a session covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DaycarePeriod {
    Morning,
    Afternoon,
    FullDay,
}

impl DaycarePeriod {
    pub const ALL: [DaycarePeriod; 3] = [
        DaycarePeriod::Morning,
        DaycarePeriod::Afternoon,
        DaycarePeriod::FullDay,
    ];
}

/// Pick-up and drop-off for a session: its own places, its own fee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaycareTransport {
    pub capacity: u32,
    pub places_left: u32,
    pub fee: Fen,
    /// The session's price split with the transport fee added, for the elder acted for.
    pub price: PriceSplit,
}

/// A bookable day-care session: one centre, one day, one period, a fixed number of places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaycareSession {
    pub id: i64,
    pub centre_id: i64,
    pub date: NaiveDate,
    pub period: DaycarePeriod,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    /// Bookings close at this moment.
    pub order_by: DateTime<FixedOffset>,
    /// Bookings can be cancelled until this moment.
    pub cancel_by: DateTime<FixedOffset>,
    pub capacity: u32,
    pub places_left: u32,
    /// True while bookings are open, the centre is open that day and places are left.
    pub open: bool,
    /// The price split for the elder acted for, without transport.
    pub price: PriceSplit,
    /// Absent when the session offers no transport.
    pub transport: Option<DaycareTransport>,
}

/// A day the centre is shut, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClosedDay {
    pub date: NaiveDate,
    pub reason: Text,
}

/// `GET /daycare/centres/{id}/sessions`: the sessions and the closed days of a date range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaycareSchedule {
    pub sessions: Vec<DaycareSession>,
    pub closed_days: Vec<ClosedDay>,
}

impl DaycareSchedule {
    pub fn session(&self, date: NaiveDate, period: DaycarePeriod) -> Option<&DaycareSession> {
        self.sessions
            .iter()
            .find(|s| s.date == date && s.period == period)
    }
}

/// A booked day-care session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaycareBooking {
    pub session_id: i64,
    pub centre: Text,
    pub address: Text,
    pub hotline: String,
    pub date: NaiveDate,
    pub period: DaycarePeriod,
    pub starts_at: DateTime<FixedOffset>,
    pub ends_at: DateTime<FixedOffset>,
    /// Whether the centre picks the elder up and brings them home.
    pub transport: bool,
}
