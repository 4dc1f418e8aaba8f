//! The meetings an elder is invited to, and their reply: "I'll join online", "I'll come in
//! person", "I can't come".

use api::{Meeting, Problem, ReplyRequest};
use axum::{extract::State, http::StatusCode, response::Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{invited, require_open, view};
use crate::{
    auth::Actor,
    db::{self, meetings},
    error::Result,
    http::{AppState, Json, extract::Path},
    idempotency::{self, Begun, IdempotencyKey},
};

/// How long a finished meeting stays in the list, for its minutes and follow-ups.
pub const RECENT_DAYS: i64 = 60;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
        .routes(routes!(reply))
}

/// The meetings the elder acted for is invited to (their building's, their compound's and
/// the community's) that end after `RECENT_DAYS` ago, soonest first: coming ones with the
/// agenda, finished ones with minutes and decisions.
#[utoipa::path(
    get, path = "/meetings", tag = "meetings",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<Meeting>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<Meeting>>> {
    actor.require(|p| p.view)?;
    let since = state.clock.unix() - RECENT_DAYS * 86_400;
    let (compound, building) = meetings::residence(&state.db, actor.elder.id).await?;
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for m in meetings::for_community(&mut *conn, actor.elder.community_id, since).await? {
        if m.invites(compound.as_deref(), building.as_deref()) {
            out.push(view::meeting(&mut conn, m, Some(actor.elder.id), state.tz).await?);
        }
    }
    Ok(Json(out))
}

/// One meeting the elder is invited to.
#[utoipa::path(
    get, path = "/meetings/{id}", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Meeting id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
    ),
    responses(
        (status = 200, body = Meeting),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting, or the elder is not invited", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn one(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
) -> Result<Json<Meeting>> {
    actor.require(|p| p.view)?;
    let m = invited(&state, &actor, id).await?;
    let mut conn = state.db.acquire().await?;
    Ok(Json(
        view::meeting(&mut conn, m, Some(actor.elder.id), state.tz).await?,
    ))
}

/// Answers the invitation (again, to change the answer), until the meeting is over. Family
/// with booking permission may answer for the elder.
#[utoipa::path(
    put, path = "/meetings/{id}/reply", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Meeting id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = ReplyRequest,
    responses(
        (status = 200, description = "The meeting with the reply", body = Meeting),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn reply(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<ReplyRequest>,
) -> Result<Response> {
    actor.require(|p| p.book)?;
    let fingerprint =
        idempotency::fingerprint(&format!("PUT /meetings/{id}/reply"), actor.elder.id, &req);
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    let m = invited(&state, &actor, id).await?;
    require_open(&m)?;
    let now = state.clock.unix();
    let reply = db::enum_name(req.reply)?;
    meetings::set_reply(
        &mut change.tx,
        id,
        actor.elder.id,
        &reply,
        actor.principal.id,
        now,
    )
    .await?;
    let fresh = meetings::get(&mut *change.tx, id, actor.elder.community_id)
        .await?
        .unwrap_or(m);
    let body = view::meeting(&mut change.tx, fresh, Some(actor.elder.id), state.tz).await?;
    tracing::info!(
        meeting = id,
        elder = actor.elder.id,
        by = actor.principal.id,
        reply,
        "meeting reply"
    );
    change.finish(StatusCode::OK, &body, now).await
}
