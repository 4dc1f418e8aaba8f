use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{
    DaycareBooking, Fulfilment, MealKind, PersonRef, PriceSplit, ProviderCard, Rating, Text,
    VisitBooking,
};

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
    /// `address` is for delivery only and defaults to the elder's own.
    Meal {
        slot_id: i64,
        fulfilment: Fulfilment,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<String>,
    },
    /// A day-care session, with or without the centre's pick-up and drop-off.
    Daycare { session_id: i64, transport: bool },
    /// A home visit in an arrival window. `address` defaults to the elder's own; `note` is
    /// a short message for the worker.
    Visit {
        service_id: i64,
        window_id: i64,
        address: Option<String>,
        note: Option<String>,
    },
}

/// What was booked, per kind of service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BookedService {
    Meal(MealBooking),
    Daycare(DaycareBooking),
    Visit(VisitBooking),
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
    /// Where the meal is brought, for delivery.
    pub delivery_address: Option<String>,
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
    /// Who delivers the service and whom to call.
    pub provider: ProviderCard,
    /// The elder's rating, once given.
    pub rating: Option<Rating>,
    /// True when the service is done and not rated yet.
    pub can_rate: bool,
}

/// `POST /bookings/{id}/attendance`: staff record how a meal or day-care booking went.
/// Home visits move through their own lifecycle (`POST /visits/{id}/transition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// booked → arrived: the elder is at the canteen or centre.
    Arrived,
    /// booked or arrived → fulfilled: served, or the day is over.
    Fulfilled,
    /// booked → noshow: the elder did not come (or was not home for a delivery).
    Noshow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRequest {
    pub outcome: Attendance,
}

impl Booking {
    /// When the service starts, for sorting and grouping by day.
    pub fn starts_at(&self) -> DateTime<FixedOffset> {
        match &self.service {
            BookedService::Meal(m) => m.serve_from,
            BookedService::Daycare(d) => d.starts_at,
            BookedService::Visit(v) => v.starts_at,
        }
    }

    pub fn is_active(&self) -> bool {
        matches!(self.status, BookingStatus::Pending | BookingStatus::Booked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DaycarePeriod, VisitKind, VisitStage};

    fn at(s: &str) -> DateTime<FixedOffset> {
        s.parse().unwrap()
    }

    /// `BookedService` is tagged by `kind`, so no variant may have a field of that name.
    #[test]
    fn every_booked_service_round_trips_through_json() {
        let date: NaiveDate = "2030-03-05".parse().unwrap();
        let services = [
            BookedService::Meal(MealBooking {
                slot_id: 1,
                canteen: Text::new("食堂", "Canteen"),
                address: Text::default(),
                hotline: "1".into(),
                date,
                meal: MealKind::Lunch,
                fulfilment: Fulfilment::Pickup,
                serve_from: at("2030-03-05T11:00:00+08:00"),
                serve_until: at("2030-03-05T12:30:00+08:00"),
                dishes: vec![Text::new("米饭", "Rice")],
                delivery_address: None,
            }),
            BookedService::Daycare(DaycareBooking {
                session_id: 2,
                centre: Text::new("中心", "Centre"),
                address: Text::default(),
                hotline: "2".into(),
                date,
                period: DaycarePeriod::FullDay,
                starts_at: at("2030-03-05T08:30:00+08:00"),
                ends_at: at("2030-03-05T16:30:00+08:00"),
                transport: true,
            }),
            BookedService::Visit(VisitBooking {
                service_id: 3,
                window_id: 4,
                service_kind: VisitKind::Bathing,
                service: Text::new("助浴", "Bathing"),
                provider: Text::new("护理站", "Nursing station"),
                hotline: "3".into(),
                date,
                starts_at: at("2030-03-05T10:00:00+08:00"),
                ends_at: at("2030-03-05T12:00:00+08:00"),
                address: "5 号楼".into(),
                note: None,
                stage: VisitStage::OnTheWay,
                worker: Some("赵师傅".into()),
            }),
        ];
        for service in services {
            let json = serde_json::to_value(&service).unwrap();
            assert!(json["kind"].is_string(), "{json}");
            assert_eq!(
                serde_json::from_value::<BookedService>(json).unwrap(),
                service
            );
        }
    }
}
