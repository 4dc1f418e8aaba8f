//! The help button (issue 5): one tap, on any screen, tells the community's staff and the
//! elder's linked family that the elder needs help, and where they are. Staff of the
//! community see the requests open first and move them open → acknowledged → closed.

mod view;

use api::{
    HelpRequest, HelpRequestCreate, HelpStatus, HelpStatusUpdate, PersonKind, Problem, ProblemType,
};
use axum::{extract::State, http::StatusCode, response::Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json, extract::Path};
use crate::{
    auth::{Actor, Principal, QueuedActor},
    db::{
        self, Tx,
        help::{self, NewHelpRequest, StatusChange},
        people,
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};
use view::{group_notified, place_columns, status_name, status_of, view};

/// A second press within this many seconds, while the first request is still open, finds the
/// first instead of making another: an anxious elder pressing again and again must not bury
/// the duty staff's list in copies of one call.
pub const DUPLICATE_WINDOW_SECS: i64 = 120;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(update))
        .routes(routes!(triage))
}

/// Ask for help, for the elder acted for. Anyone who may act for the elder may ask, whatever
/// their permissions; a kiosk's delivery token may too, so a press during a network outage
/// still arrives once the network is back. Tells the community's staff and the family with an
/// active link; answers with the community's hotline to call meanwhile.
#[utoipa::path(
    post, path = "/help-requests", tag = "help",
    security(("bearer" = [])),
    params(
        ("acting-for" = i64, Header, description = "The elder who needs help"),
        ("idempotency-key" = String, Header, description = "8–64 characters; a retry with the same key never asks twice"),
    ),
    request_body = HelpRequestCreate,
    responses(
        (status = 201, description = "Asked; staff and family are told", body = HelpRequest),
        (status = 200, description = "The elder already asked less than 2 minutes ago and nobody has answered yet: that request, unchanged", body = HelpRequest),
        (status = 400, description = "invalid-request (body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to act for this elder", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create(
    State(state): State<AppState>,
    QueuedActor(actor): QueuedActor,
    key: IdempotencyKey,
    Json(req): Json<HelpRequestCreate>,
) -> Result<Response> {
    let fingerprint = idempotency::fingerprint("POST /help-requests", actor.elder.id, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let now = state.clock.unix();
    // The write lock is held from here to commit, so two presses at once cannot both miss
    // each other and both insert.
    let since = now - DUPLICATE_WINDOW_SECS;
    let community = actor.elder.community_id;
    let open = help::recent_open(&mut tx, actor.elder.id, community, since).await?;
    let (status, id) = match open {
        // 200, not 201: nothing was made; the app can tell "already asked" from "asked".
        Some(id) => (StatusCode::OK, id),
        None => {
            let (place, kiosk_location) = place_columns(&req.place);
            let screen = req.screen.as_deref().and_then(view::clean_screen);
            let new = NewHelpRequest {
                community_id: community,
                elder_id: actor.elder.id,
                requested_by: actor.principal.id,
                place,
                kiosk_location: kiosk_location.as_deref(),
                screen: screen.as_deref(),
                now,
            };
            (StatusCode::CREATED, help::insert(&mut tx, &new).await?)
        }
    };
    finish(
        tx,
        &state,
        actor.principal.id,
        &key,
        &fingerprint,
        status,
        (id, community),
    )
    .await
}

/// The elder's help requests, newest first.
#[utoipa::path(
    get, path = "/help-requests", tag = "help",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<HelpRequest>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<HelpRequest>>> {
    actor.require(|p| p.view)?;
    let rows = help::for_elder(&state.db, actor.elder.id).await?;
    let mut notified = group_notified(help::notified_for_elder(&state.db, actor.elder.id).await?);
    // The hotline to call now: the elder's community's, as shown beside every request.
    let hotline = people::community_hotline(&state.db, actor.elder.community_id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| {
                let told = notified.remove(&r.id).unwrap_or_default();
                view(r, told, hotline.clone(), state.tz)
            })
            .collect::<Result<_>>()?,
    ))
}

/// Staff triage: the help requests of the staff member's community, open ones first, then
/// acknowledged, then closed; newest first within each. No `Acting-For`: it spans the
/// community's elders, and each request names its elder.
#[utoipa::path(
    get, path = "/staff/help-requests", tag = "help",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<HelpRequest>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn triage(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<Json<Vec<HelpRequest>>> {
    if person.kind() != PersonKind::Staff {
        return Err(staff_only());
    }
    let rows = help::for_community(&state.db, person.community_id).await?;
    let mut notified =
        group_notified(help::notified_for_community(&state.db, person.community_id).await?);
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| {
                let told = notified.remove(&r.id).unwrap_or_default();
                view(r, told, hotline.clone(), state.tz)
            })
            .collect::<Result<_>>()?,
    ))
}

/// Move a help request on: open → acknowledged (the staff member takes it on and becomes
/// `handled_by`) → closed, or open → closed. Staff of the request's community only; no
/// `Acting-For` needed, as in triage, since the request names its elder. Going back, or to the
/// status it already has, is `illegal-transition`. Another community's request is `not-found`.
#[utoipa::path(
    post, path = "/help-requests/{id}/status", tag = "help",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Help request id"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = HelpStatusUpdate,
    responses(
        (status = 200, description = "The request at its new status", body = HelpRequest),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<HelpStatusUpdate>,
) -> Result<Response> {
    if person.kind() != PersonKind::Staff {
        return Err(staff_only());
    }
    // No elder is acted for; the operation names the request, which names its elder.
    let fingerprint =
        idempotency::fingerprint(&format!("POST /help-requests/{id}/status"), 0, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let row = help::get(&mut *tx, id, person.community_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let from = status_of(&row.status)?;
    if !may_move(from, req.status) {
        return Err(Error::new(
            ProblemType::IllegalTransition,
            StatusCode::CONFLICT,
            "The help request cannot move that way from where it is",
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
        by: person.id,
        now: state.clock.unix(),
    };
    if !help::set_status(&mut tx, &change).await? {
        return Err(Error::Internal(format!(
            "help request {id} changed status inside its transaction"
        )));
    }
    finish(
        tx,
        &state,
        person.id,
        &key,
        &fingerprint,
        StatusCode::OK,
        (id, person.community_id),
    )
    .await
}

/// Help requests only move forward, and never stay where they are.
pub fn may_move(from: HelpStatus, to: HelpStatus) -> bool {
    use HelpStatus::*;
    matches!(
        (from, to),
        (Open, Acknowledged) | (Open, Closed) | (Acknowledged, Closed)
    )
}

/// Ends a change to request `id` of `community`: read back with who was told, store the
/// answer under the key in the same transaction, commit, log (ids only, never names).
async fn finish(
    mut tx: Tx,
    state: &AppState,
    principal_id: i64,
    key: &IdempotencyKey,
    fingerprint: &str,
    status: StatusCode,
    (id, community): (i64, i64),
) -> Result<Response> {
    let row = help::get(&mut *tx, id, community).await?.ok_or_else(|| {
        Error::Internal(format!("help request {id} vanished inside its transaction"))
    })?;
    let told = help::notified_of(&mut *tx, id).await?;
    let hotline = people::community_hotline(&mut *tx, community).await?;
    let told = group_notified(told).remove(&id).unwrap_or_default();
    let request = view(row, told, hotline, state.tz)?;
    let resp = idempotency::record(
        &mut tx,
        principal_id,
        key,
        fingerprint,
        status,
        &request,
        state.clock.unix(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        help_request = id,
        elder = request.elder.id,
        by = principal_id,
        status = status_name(request.status),
        notified = request.notified.len(),
        created = status == StatusCode::CREATED,
        "help request changed"
    );
    Ok(resp)
}

fn staff_only() -> Error {
    Error::new(
        ProblemType::Forbidden,
        StatusCode::FORBIDDEN,
        "Only staff can work on help requests",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_requests_only_move_forward() {
        use HelpStatus::*;
        assert!(may_move(Open, Acknowledged));
        assert!(may_move(Open, Closed));
        assert!(may_move(Acknowledged, Closed));
        for s in view::STATUSES {
            assert!(!may_move(s, s), "{s:?} to itself");
            assert!(!may_move(s, Open), "back to open from {s:?}");
            assert!(!may_move(Closed, s), "out of closed to {s:?}");
        }
    }
}
