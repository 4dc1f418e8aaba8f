//! Rating a service once it is done: three faces and an optional word, once per booking,
//! by the elder or a family member allowed to book for them.

use api::{
    Booking, PersonKind, PersonRef, Problem, ProblemType, RateRequest, Rating, RatingFace, Relation,
};
use axum::{extract::State, http::StatusCode, response::Response};
use chrono::FixedOffset;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    bookings::{finish, person_kind},
    extract::Path,
};
use crate::{
    auth::Actor,
    db::{
        self,
        bookings::{self, BookingRow},
        ratings::{self, NewRating},
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(rate))
}

/// Rate a service that is done (`fulfilled`; a home visit gets there when staff mark it
/// done). Once per booking: the second rating, by anyone, is `already-rated`. The elder, or
/// family with the `book` permission; staff do not rate on an elder's behalf, so the rating
/// stays the elder's own voice.
#[utoipa::path(
    post, path = "/bookings/{id}/rating", tag = "bookings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Booking id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = RateRequest,
    responses(
        (status = 200, description = "Rated: the booking with its rating", body = Booking),
        (status = 400, description = "invalid-request (comment)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff, or family without the book permission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such booking for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "not-completed, already-rated", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn rate(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<RateRequest>,
) -> Result<Response> {
    if actor.principal.kind() == PersonKind::Staff {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only the elder or their family can rate a service",
        ));
    }
    actor.require(|p| p.book)?;
    let errors = api::validate::comment("comment", req.comment.as_deref());
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint =
        idempotency::fingerprint(&format!("POST /bookings/{id}/rating"), actor.elder.id, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let row = bookings::get(&mut *tx, id, actor.elder.id)
        .await?
        .ok_or_else(Error::not_found)?;
    if row.status != "fulfilled" {
        return Err(Error::new(
            ProblemType::NotCompleted,
            StatusCode::CONFLICT,
            "This service is not done yet, so it cannot be rated",
        ));
    }
    let rating = NewRating {
        booking_id: id,
        face: face_name(req.face),
        comment: req.comment.as_deref().map(str::trim),
        rated_by: actor.principal.id,
        now: state.clock.unix(),
    };
    if !ratings::insert(&mut tx, &rating).await? {
        return Err(Error::new(
            ProblemType::AlreadyRated,
            StatusCode::CONFLICT,
            "This service has already been rated",
        ));
    }
    finish(
        tx,
        &state,
        &actor,
        &key,
        &fingerprint,
        StatusCode::OK,
        id,
        "rated",
    )
    .await
}

/// The booking's rating as the API shows it, if it has one.
pub(super) fn rating_of(row: &BookingRow, tz: FixedOffset) -> Result<Option<Rating>> {
    let (Some(face), Some(by), Some(at)) = (&row.rating_face, row.rated_by, row.rated_at) else {
        return Ok(None);
    };
    Ok(Some(Rating {
        face: face_of(face)?,
        comment: row.rating_comment.clone(),
        rated_by: PersonRef {
            id: by,
            name: row.rated_by_name.clone().unwrap_or_default(),
            kind: person_kind(row.rated_by_kind.as_deref().unwrap_or_default()),
            relation: row.rated_by_relation.as_deref().map(Relation::parse),
        },
        rated_at: db::local(at, tz),
    }))
}

fn face_name(f: RatingFace) -> &'static str {
    match f {
        RatingFace::Good => "good",
        RatingFace::SoSo => "so_so",
        RatingFace::Bad => "bad",
    }
}

fn face_of(s: &str) -> Result<RatingFace> {
    RatingFace::ALL
        .into_iter()
        .find(|f| face_name(*f) == s)
        .ok_or_else(|| Error::Internal(format!("unknown rating face {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faces_round_trip_through_their_names_as_serde_spells_them() {
        for f in RatingFace::ALL {
            assert_eq!(face_of(face_name(f)).unwrap(), f);
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::from(face_name(f))
            );
        }
    }
}
