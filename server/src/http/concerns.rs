//! Residents' concerns before a council meeting (issue 7): an elder raises one with a tap on
//! a common topic, or a few words; staff put it on a meeting's agenda, say how it was handled
//! otherwise, or why it is not taken up; the elder sees what became of it, up to the decision
//! and its follow-up.

use api::{
    Concern, ConcernAgenda, ConcernCreate, ConcernStatus, ConcernTriage, PersonKind, PersonRef,
    Problem, ProblemType, Text, validate_meetings,
};
use axum::{extract::State, http::StatusCode, response::Response};
use chrono::FixedOffset;
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    bookings::person_kind,
    extract::Path,
    meetings::{invited, require_open, view},
};
use crate::{
    auth::{Actor, Principal},
    db::{
        self,
        concerns::{self, ConcernRow, NewConcern},
        meeting_room, meetings,
    },
    error::{Error, Result},
    idempotency::{self, Begun, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(triage_list))
        .routes(routes!(triage))
}

/// Raises a concern for the elder acted for, for a coming meeting they are invited to or for
/// "the next one". Family with booking permission may raise one for the elder.
#[utoipa::path(
    post, path = "/concerns", tag = "concerns",
    security(("bearer" = [])),
    params(
        ("acting-for" = i64, Header, description = "The elder raising it"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = ConcernCreate,
    responses(
        (status = 201, body = Concern),
        (status = 400, description = "invalid-request", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The meeting named is not one the elder is invited to", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Json(req): Json<ConcernCreate>,
) -> Result<Response> {
    actor.require(|p| p.book)?;
    let errors = validate_meetings::concern(&req);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    if let Some(meeting) = req.meeting_id {
        require_open(&invited(&state, &actor, meeting).await?)?;
    }
    let fingerprint = idempotency::fingerprint("POST /concerns", actor.elder.id, &req);
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    let now = state.clock.unix();
    let topic = db::enum_name(req.topic)?;
    let text = req.text.as_deref().map(str::trim);
    let id = concerns::insert(
        &mut change.tx,
        &NewConcern {
            community_id: actor.elder.community_id,
            elder_id: actor.elder.id,
            raised_by: actor.principal.id,
            topic: &topic,
            text,
            meeting_id: req.meeting_id,
            now,
        },
    )
    .await?;
    let row = concerns::get(&mut *change.tx, id, actor.elder.community_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("concern {id} vanished")))?;
    let body = concern(&mut change.tx, row, state.tz).await?;
    tracing::info!(
        concern = id,
        elder = actor.elder.id,
        by = actor.principal.id,
        topic,
        "concern raised"
    );
    change.finish(StatusCode::CREATED, &body, now).await
}

/// The elder's concerns, newest first, each with what became of it.
#[utoipa::path(
    get, path = "/concerns", tag = "concerns",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<Concern>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<Concern>>> {
    actor.require(|p| p.view)?;
    let mut conn = state.db.acquire().await?;
    let rows = concerns::for_elder(&mut *conn, actor.elder.id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(concern(&mut conn, row, state.tz).await?);
    }
    Ok(Json(out))
}

/// Staff triage: the community's concerns, those waiting first (oldest first).
#[utoipa::path(
    get, path = "/staff/concerns", tag = "concerns",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Concern>),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn triage_list(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<Json<Vec<Concern>>> {
    staff_only(person.kind())?;
    let mut conn = state.db.acquire().await?;
    let rows = concerns::for_community(&mut *conn, person.community_id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(concern(&mut conn, row, state.tz).await?);
    }
    Ok(Json(out))
}

/// Staff decide on a received concern: onto a coming meeting's agenda (as a new item), handled
/// without a meeting, or declined, with a word to the elder. Once only: a triaged concern is
/// `illegal-transition`.
#[utoipa::path(
    post, path = "/staff/concerns/{id}/triage", tag = "concerns",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = ConcernTriage,
    responses(
        (status = 200, body = Concern),
        (status = 400, description = "invalid-request", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such concern, or meeting, in the staff member's community", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (triaged already) or meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn triage(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<ConcernTriage>,
) -> Result<Response> {
    staff_only(person.kind())?;
    let errors = validate_meetings::triage(&req);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint =
        idempotency::fingerprint(&format!("POST /staff/concerns/{id}/triage"), 0, &req);
    let mut change = match idempotency::begin(&state.db, person.id, key, fingerprint).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    concerns::get(&mut *change.tx, id, person.community_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let now = state.clock.unix();
    let (status, note, agenda) = match &req {
        ConcernTriage::Agenda { meeting_id, title } => {
            let m = meetings::get(&mut *change.tx, *meeting_id, person.community_id)
                .await?
                .ok_or_else(Error::not_found)?;
            require_open(&m)?;
            let item = meetings::add_agenda_item(&mut change.tx, m.id, title, Some(id)).await?;
            meetings::bump(&mut change.tx, m.id).await?;
            (ConcernStatus::OnAgenda, None, Some((m.id, item)))
        }
        ConcernTriage::Handled { note } => (ConcernStatus::Handled, Some(note.trim()), None),
        ConcernTriage::Declined { note } => (ConcernStatus::Declined, Some(note.trim()), None),
    };
    let status_name = db::enum_name(status)?;
    let moved = concerns::triage(
        &mut change.tx,
        id,
        &status_name,
        note,
        agenda,
        person.id,
        now,
    )
    .await?;
    if !moved {
        return Err(Error::new(
            ProblemType::IllegalTransition,
            StatusCode::CONFLICT,
            "This concern was dealt with already",
        ));
    }
    let row = concerns::get(&mut *change.tx, id, person.community_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("concern {id} vanished")))?;
    let body = concern(&mut change.tx, row, state.tz).await?;
    let resp = change.finish(StatusCode::OK, &body, now).await?;
    if let Some((meeting, _)) = agenda {
        state.live.changed(meeting);
    }
    tracing::info!(
        concern = id,
        by = person.id,
        status = status_name,
        "concern triaged"
    );
    Ok(resp)
}

fn staff_only(kind: PersonKind) -> Result<()> {
    if kind == PersonKind::Staff {
        Ok(())
    } else {
        Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only staff can triage concerns",
        ))
    }
}

/// A concern as the contract shows it, following it to its agenda item and decision.
async fn concern(db: &mut SqliteConnection, r: ConcernRow, tz: FixedOffset) -> Result<Concern> {
    let mut agenda = None;
    let mut decision = None;
    if let Some(item) = r.agenda_item_id {
        if let Some(row) = meetings::agenda_item(&mut *db, item).await?
            && let Some(m) = meetings::by_id(&mut *db, row.meeting_id).await?
        {
            agenda = Some(ConcernAgenda {
                meeting_id: m.id,
                topic: Text::new(m.topic_zh, m.topic_en),
                starts_at: db::local(m.starts_at, tz),
                item: view::agenda_item(row),
            });
        }
        if let Some(motion) = meeting_room::decision_on(&mut *db, item).await? {
            decision = view::decision(db, motion, tz).await?;
        }
    }
    Ok(Concern {
        id: r.id,
        elder: PersonRef {
            id: r.elder_id,
            name: r.elder_name,
            kind: PersonKind::Elder,
            relation: None,
        },
        raised_by: PersonRef {
            id: r.raised_by,
            name: r.raised_by_name,
            kind: person_kind(&r.raised_by_kind),
            relation: None,
        },
        topic: db::enum_of(&r.topic)?,
        text: r.text,
        meeting_id: r.meeting_id,
        status: db::enum_of(&r.status)?,
        note: r.note,
        agenda,
        decision,
        created_at: db::local(r.created_at, tz),
        updated_at: db::local(r.updated_at, tz),
    })
}
