use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Fulfilment, MealKind, PersonRef, PriceSplit, Text};

/// Booking lifecycle, after FHIR Appointment.status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// Queued offline or awaiting the provider.
    Pending,
    Booked,
    Arrived,
    Fulfilled,
    Cancelled,
    Noshow,
}

/// What to book. Tagged by `kind` so later services (day care, home visits) join as variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CreateBookingRequest {
    Meal {
        slot_id: i64,
        fulfilment: Fulfilment,
    },
}

/// What was booked, per kind of service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BookedService {
    Meal(MealBooking),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MealBooking {
    pub slot_id: i64,
    pub canteen: Text,
    pub address: Text,
    pub hotline: String,
    pub date: NaiveDate,
    pub meal: MealKind,
    pub fulfilment: Fulfilment,
    pub serve_from: DateTime<FixedOffset>,
    pub serve_until: DateTime<FixedOffset>,
    pub dishes: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Booking {
    pub id: i64,
    pub status: BookingStatus,
    /// The elder the booking is for.
    pub elder: PersonRef,
    /// Who made it: the elder, a linked family member or staff.
    pub booked_by: PersonRef,
    pub created_at: DateTime<FixedOffset>,
    pub service: BookedService,
    pub price: PriceSplit,
    /// Cancelling is possible until this moment.
    pub cancel_by: DateTime<FixedOffset>,
    /// True when the booking is active and the cancel cutoff has not passed.
    pub can_cancel: bool,
}

impl Booking {
    /// When the service starts, for sorting and grouping by day.
    pub fn starts_at(&self) -> DateTime<FixedOffset> {
        match &self.service {
            BookedService::Meal(m) => m.serve_from,
        }
    }

    pub fn is_active(&self) -> bool {
        matches!(self.status, BookingStatus::Pending | BookingStatus::Booked)
    }
}
