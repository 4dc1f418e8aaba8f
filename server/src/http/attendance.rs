//! Attendance: staff record how a meal or day-care booking went, on the day:
//! booked → arrived → fulfilled, booked → fulfilled, or booked → noshow (FHIR
//! Appointment.status). A home visit moves through its own lifecycle (`visits`).

use api::{
    Attendance, AttendanceRequest, Booking, BookingStatus, PersonKind, Problem, ProblemType,
};
use axum::{extract::State, http::StatusCode, response::Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    bookings::{finish, status, status_name},
    extract::Path,
};
use crate::{
    auth::Actor,
    db::{self, bookings},
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(record))
}

/// Record attendance at a meal or day-care booking. Staff of the elder's community only,
/// from the local day the service starts (not before: nobody can have come yet). A move that
/// does not follow from the booking's status, or a home visit, is `illegal-transition`.
#[utoipa::path(
    post, path = "/bookings/{id}/attendance", tag = "bookings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Booking id"),
        ("acting-for" = i64, Header, description = "The elder the booking is for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = AttendanceRequest,
    responses(
        (status = 200, description = "The booking at its new status", body = Booking),
        (status = 403, description = "Not staff of the elder's community", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (not from this status, a home visit, or before the day of the service)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn record(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<AttendanceRequest>,
) -> Result<Response> {
    // The Actor extractor already checked that a staff principal is of the elder's community.
    if actor.principal.kind() != PersonKind::Staff {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only staff can record attendance",
        ));
    }
    let fingerprint = idempotency::fingerprint(
        &format!("POST /bookings/{id}/attendance"),
        actor.elder.id,
        &req,
    );
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let row = bookings::get(&mut *tx, id, actor.elder.id)
        .await?
        .ok_or_else(Error::not_found)?;
    if row.kind == "visit" {
        return Err(
            illegal("A home visit moves through its own stages, not attendance")
                .detail(format!("use POST /visits/{id}/transition")),
        );
    }
    let from = status(&row.status)?;
    let to = next_status(from, req.outcome).ok_or_else(|| {
        illegal("The booking cannot move that way from where it is").detail(format!(
            "from {} to {}",
            status_name(from),
            outcome_name(req.outcome)
        ))
    })?;
    let now = state.clock.unix();
    let service_day = db::local(row.starts_at, state.tz).date_naive();
    if db::today(state.clock.now(), state.tz) < service_day {
        return Err(
            illegal("Attendance can only be recorded from the day of the service")
                .detail(format!("the service is on {service_day}")),
        );
    }
    if !bookings::set_attendance(
        &mut tx,
        id,
        status_name(from),
        status_name(to),
        actor.principal.id,
        now,
    )
    .await?
    {
        return Err(Error::Internal(format!(
            "booking {id} changed status inside its transaction"
        )));
    }
    finish(
        tx,
        &state,
        &actor,
        &key,
        &fingerprint,
        StatusCode::OK,
        id,
        status_name(to),
    )
    .await
}

/// Where an outcome leads from each status, or `None` when it may not: nothing leaves
/// fulfilled, no-show or cancelled, and an elder who arrived cannot be a no-show.
pub fn next_status(from: BookingStatus, outcome: Attendance) -> Option<BookingStatus> {
    use BookingStatus::*;
    match (from, outcome) {
        (Booked, Attendance::Arrived) => Some(Arrived),
        (Booked | Arrived, Attendance::Fulfilled) => Some(Fulfilled),
        (Booked, Attendance::Noshow) => Some(Noshow),
        _ => None,
    }
}

fn outcome_name(o: Attendance) -> &'static str {
    match o {
        Attendance::Arrived => "arrived",
        Attendance::Fulfilled => "fulfilled",
        Attendance::Noshow => "noshow",
    }
}

fn illegal(title: &str) -> Error {
    Error::new(ProblemType::IllegalTransition, StatusCode::CONFLICT, title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_only_moves_forward_from_booked() {
        use BookingStatus::*;
        let outcomes = [
            Attendance::Arrived,
            Attendance::Fulfilled,
            Attendance::Noshow,
        ];
        assert_eq!(next_status(Booked, Attendance::Arrived), Some(Arrived));
        assert_eq!(next_status(Booked, Attendance::Fulfilled), Some(Fulfilled));
        assert_eq!(next_status(Arrived, Attendance::Fulfilled), Some(Fulfilled));
        assert_eq!(next_status(Booked, Attendance::Noshow), Some(Noshow));
        assert_eq!(next_status(Arrived, Attendance::Arrived), None);
        assert_eq!(next_status(Arrived, Attendance::Noshow), None);
        for end in [Pending, Fulfilled, Noshow, Cancelled] {
            for o in outcomes {
                assert_eq!(next_status(end, o), None, "{end:?} by {o:?}");
            }
        }
    }
}
