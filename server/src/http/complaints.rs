//! Complaints ("report a problem"): the elder, or family allowed to book, reports one, about a
//! booking or in general, and follows its progress; staff of the elder's community move it
//! received → in progress → resolved and answer in words the elder can read.

use api::{
    Complaint, ComplaintStatus, ComplaintTopic, ComplaintUpdateRequest, CreateComplaintRequest,
    PersonKind, PersonRef, Problem, ProblemType, Relation,
};
use axum::{extract::State, http::StatusCode, response::Response};
use chrono::FixedOffset;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json, bookings::person_kind, extract::Path};
use crate::{
    auth::{Actor, Principal},
    db::{
        self, Tx,
        complaints::{self, ComplaintRow, NewComplaint, StatusChange},
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(update))
        .routes(routes!(triage))
}

/// Report a problem for the elder acted for, about one of their bookings or none.
#[utoipa::path(
    post, path = "/complaints", tag = "complaints",
    security(("bearer" = [])),
    params(
        ("acting-for" = i64, Header, description = "The elder acted for"),
        ("idempotency-key" = String, Header, description = "8–64 characters; a retry with the same key never reports twice"),
    ),
    request_body = CreateComplaintRequest,
    responses(
        (status = 201, description = "Received", body = Complaint),
        (status = 400, description = "invalid-request (text)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff, or family without the book permission", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The booking is not one of this elder's", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Json(req): Json<CreateComplaintRequest>,
) -> Result<Response> {
    // Staff receive complaints; they do not file them in an elder's name.
    if actor.principal.kind() == PersonKind::Staff {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only the elder or their family can report a problem",
        ));
    }
    actor.require(|p| p.book)?;
    let errors = api::validate::comment("text", req.text.as_deref());
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint = idempotency::fingerprint("POST /complaints", actor.elder.id, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    if let Some(booking_id) = req.booking_id {
        // Another elder's booking is "not found", as everywhere.
        db::bookings::get(&mut *tx, booking_id, actor.elder.id)
            .await?
            .ok_or_else(Error::not_found)?;
    }
    let new = NewComplaint {
        elder_id: actor.elder.id,
        made_by: actor.principal.id,
        booking_id: req.booking_id,
        topic: topic_name(req.topic),
        text: req.text.as_deref().map(str::trim),
        now: state.clock.unix(),
    };
    let id = complaints::insert(&mut tx, &new).await?;
    finish(
        tx,
        &state,
        &actor,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        id,
    )
    .await
}

/// The elder's complaints, newest first, with where each stands and staff's reply.
#[utoipa::path(
    get, path = "/complaints", tag = "complaints",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<Complaint>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<Complaint>>> {
    actor.require(|p| p.view)?;
    let rows = complaints::for_elder(&state.db, actor.elder.id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| view(r, state.tz))
            .collect::<Result<_>>()?,
    ))
}

/// Staff triage: every complaint of the staff member's community, open ones first, then
/// newest first. No `Acting-For`: it spans the community's elders, and each complaint names
/// its elder, whom staff then act for to move it on.
#[utoipa::path(
    get, path = "/staff/complaints", tag = "complaints",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Complaint>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn triage(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<Json<Vec<Complaint>>> {
    if person.kind() != PersonKind::Staff {
        return Err(staff_only());
    }
    let rows = complaints::for_community(&state.db, person.community_id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| view(r, state.tz))
            .collect::<Result<_>>()?,
    ))
}

/// Move a complaint on, optionally with a reply: received → in progress → resolved, or
/// received → resolved. Staff of the elder's community, acting for the complaint's elder.
/// Going back, or to the status it already has, is `illegal-transition`.
#[utoipa::path(
    post, path = "/complaints/{id}/status", tag = "complaints",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Complaint id"),
        ("acting-for" = i64, Header, description = "The elder the complaint is for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = ComplaintUpdateRequest,
    responses(
        (status = 200, description = "The complaint at its new status", body = Complaint),
        (status = 400, description = "invalid-request (reply)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the elder's community", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<ComplaintUpdateRequest>,
) -> Result<Response> {
    // The Actor extractor already checked that a staff principal is of the elder's community.
    if actor.principal.kind() != PersonKind::Staff {
        return Err(staff_only());
    }
    let errors = api::validate::comment("reply", req.reply.as_deref());
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint = idempotency::fingerprint(
        &format!("POST /complaints/{id}/status"),
        actor.elder.id,
        &req,
    );
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let row = complaints::get(&mut *tx, id, actor.elder.id)
        .await?
        .ok_or_else(Error::not_found)?;
    let from = status_of(&row.status)?;
    if !may_move(from, req.status) {
        return Err(Error::new(
            ProblemType::IllegalTransition,
            StatusCode::CONFLICT,
            "The complaint cannot move that way from where it is",
        )
        .detail(format!(
            "from {} to {}",
            status_name(from),
            status_name(req.status)
        )));
    }
    let change = StatusChange {
        id,
        from: status_name(from),
        to: status_name(req.status),
        reply: req.reply.as_deref().map(str::trim),
        by: actor.principal.id,
        now: state.clock.unix(),
    };
    if !complaints::set_status(&mut tx, &change).await? {
        return Err(Error::Internal(format!(
            "complaint {id} changed status inside its transaction"
        )));
    }
    finish(tx, &state, &actor, &key, &fingerprint, StatusCode::OK, id).await
}

/// Complaints only move forward, one way or the other, and never stay where they are.
pub fn may_move(from: ComplaintStatus, to: ComplaintStatus) -> bool {
    use ComplaintStatus::*;
    matches!(
        (from, to),
        (Received, InProgress) | (Received, Resolved) | (InProgress, Resolved)
    )
}

/// Ends a change to complaint `id` as `bookings::finish` ends one to a booking: read back,
/// store the answer under the key in the same transaction, commit, log.
async fn finish(
    mut tx: Tx,
    state: &AppState,
    actor: &Actor,
    key: &IdempotencyKey,
    fingerprint: &str,
    status: StatusCode,
    id: i64,
) -> Result<Response> {
    let row = complaints::get(&mut *tx, id, actor.elder.id)
        .await?
        .ok_or_else(|| {
            Error::Internal(format!("complaint {id} vanished inside its transaction"))
        })?;
    let complaint = view(row, state.tz)?;
    let resp = idempotency::record(
        &mut tx,
        actor.principal.id,
        key,
        fingerprint,
        status,
        &complaint,
        state.clock.unix(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        complaint = id,
        elder = actor.elder.id,
        by = actor.principal.id,
        status = status_name(complaint.status),
        "complaint changed"
    );
    Ok(resp)
}

fn staff_only() -> Error {
    Error::new(
        ProblemType::Forbidden,
        StatusCode::FORBIDDEN,
        "Only staff can work on complaints",
    )
}

fn view(r: ComplaintRow, tz: FixedOffset) -> Result<Complaint> {
    Ok(Complaint {
        id: r.id,
        booking_id: r.booking_id,
        topic: topic_of(&r.topic)?,
        text: r.text,
        status: status_of(&r.status)?,
        reply: r.reply,
        elder: PersonRef {
            id: r.elder_id,
            name: r.elder_name,
            kind: PersonKind::Elder,
            relation: None,
        },
        made_by: PersonRef {
            id: r.made_by,
            name: r.made_by_name,
            kind: person_kind(&r.made_by_kind),
            relation: r.made_by_relation.as_deref().map(Relation::parse),
        },
        created_at: db::local(r.created_at, tz),
        updated_at: db::local(r.updated_at, tz),
    })
}

fn topic_name(t: ComplaintTopic) -> &'static str {
    match t {
        ComplaintTopic::Late => "late",
        ComplaintTopic::Quality => "quality",
        ComplaintTopic::Attitude => "attitude",
        ComplaintTopic::Price => "price",
        ComplaintTopic::Safety => "safety",
        ComplaintTopic::Other => "other",
    }
}

fn topic_of(s: &str) -> Result<ComplaintTopic> {
    ComplaintTopic::ALL
        .into_iter()
        .find(|t| topic_name(*t) == s)
        .ok_or_else(|| Error::Internal(format!("unknown complaint topic {s:?}")))
}

const STATUSES: [ComplaintStatus; 3] = [
    ComplaintStatus::Received,
    ComplaintStatus::InProgress,
    ComplaintStatus::Resolved,
];

fn status_name(s: ComplaintStatus) -> &'static str {
    match s {
        ComplaintStatus::Received => "received",
        ComplaintStatus::InProgress => "in_progress",
        ComplaintStatus::Resolved => "resolved",
    }
}

fn status_of(s: &str) -> Result<ComplaintStatus> {
    STATUSES
        .into_iter()
        .find(|st| status_name(*st) == s)
        .ok_or_else(|| Error::Internal(format!("unknown complaint status {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complaints_only_move_forward() {
        use ComplaintStatus::*;
        assert!(may_move(Received, InProgress));
        assert!(may_move(Received, Resolved));
        assert!(may_move(InProgress, Resolved));
        for s in STATUSES {
            assert!(!may_move(s, s), "{s:?} to itself");
            assert!(!may_move(s, Received), "back to received from {s:?}");
            assert!(!may_move(Resolved, s), "out of resolved to {s:?}");
        }
    }

    #[test]
    fn names_round_trip_as_serde_spells_them() {
        for t in ComplaintTopic::ALL {
            assert_eq!(topic_of(topic_name(t)).unwrap(), t);
            assert_eq!(serde_json::to_value(t).unwrap(), topic_name(t));
        }
        for s in STATUSES {
            assert_eq!(status_of(status_name(s)).unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), status_name(s));
        }
    }
}
