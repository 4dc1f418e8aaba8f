//! In the meeting: joining (online, or checked in by staff in the room), leaving, raising a
//! hand, voting, and the live stream every participant watches.

use std::{convert::Infallible, time::Duration};

use api::{
    AttendMode, HandRequest, JoinRequest, JoinTicket, MeetingLive, MeetingStatus, PersonKind,
    Problem, ProblemType, VoteRequest,
};
use axum::{
    extract::State,
    http::StatusCode,
    response::{
        Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::error::RecvError;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    JOIN_EARLY_SECS, OVERRUN_SECS, invited, not_present, require_open, require_self, view,
};
use crate::{
    auth::{self, Actor},
    db::{
        self, Tx, meeting_room,
        meetings::{self, MeetingRow},
    },
    error::{Error, Result},
    http::{
        AppState, Json,
        extract::{Path, Query},
    },
    idempotency::{self, Begun, IdempotencyKey},
    live::POLL,
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(join))
        .routes(routes!(leave))
        .routes(routes!(hand))
        .routes(routes!(vote))
        .routes(routes!(events))
}

/// Enters the meeting: the elder themself online, or staff checking the elder in at the
/// door (`in_person`). Opens `JOIN_EARLY_SECS` before the start. Answers with a ticket for
/// the live stream and the signalling socket, and the room as it is.
#[utoipa::path(
    post, path = "/meetings/{id}/join", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Meeting id"),
        ("acting-for" = i64, Header, description = "The elder joining"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = JoinRequest,
    responses(
        (status = 200, body = JoinTicket),
        (status = 403, description = "Family cannot join for an elder; staff only check elders in", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "meeting-not-started (with `retry_at`) or meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn join(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<JoinRequest>,
) -> Result<Response> {
    let checking_in = actor.principal.kind() == PersonKind::Staff;
    if checking_in {
        if req.mode != AttendMode::InPerson {
            return Err(Error::invalid_field("mode", "mode-staff-check-in"));
        }
    } else {
        require_self(&actor)?;
    }
    let m = invited(&state, &actor, id).await?;
    let fingerprint =
        idempotency::fingerprint(&format!("POST /meetings/{id}/join"), actor.elder.id, &req);
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    let now = state.clock.unix();
    require_room_open(&state, &m, now)?;
    let mode = db::enum_name(req.mode)?;
    meeting_room::join(&mut change.tx, id, actor.elder.id, &mode, now).await?;
    meetings::bump(&mut change.tx, id).await?;
    // The ticket is the joining person's own: staff checking someone in watch as themself.
    let ticket = issue_ticket(&mut change.tx, &state, &m, actor.principal.id, now).await?;
    let resp = change.finish(StatusCode::OK, &ticket, now).await?;
    state.live.changed(id);
    tracing::info!(
        meeting = id,
        elder = actor.elder.id,
        by = actor.principal.id,
        mode,
        "joined meeting"
    );
    Ok(resp)
}

/// The room is open from `JOIN_EARLY_SECS` before the start until the meeting ends.
pub(super) fn require_room_open(state: &AppState, m: &MeetingRow, now: i64) -> Result<()> {
    if require_open(m)? == MeetingStatus::Scheduled && now < m.starts_at - JOIN_EARLY_SECS {
        return Err(Error::new(
            ProblemType::MeetingNotStarted,
            StatusCode::CONFLICT,
            "The meeting room is not open yet",
        )
        .retry_at(db::local(m.starts_at - JOIN_EARLY_SECS, state.tz)));
    }
    Ok(())
}

/// A fresh ticket for `person` in meeting `m`, with the room as they see it now.
pub(super) async fn issue_ticket(
    tx: &mut Tx,
    state: &AppState,
    m: &MeetingRow,
    person: i64,
    now: i64,
) -> Result<JoinTicket> {
    let (ticket, hash) = auth::new_token();
    let expires = (m.ends_at + OVERRUN_SECS).max(now + OVERRUN_SECS);
    meeting_room::insert_ticket(tx, &hash, m.id, person, expires).await?;
    let fresh = meetings::by_id(&mut **tx, m.id)
        .await?
        .ok_or_else(|| Error::Internal(format!("meeting {} vanished", m.id)))?;
    Ok(JoinTicket {
        ticket,
        expires_at: db::local(expires, state.tz),
        virtual_service: view::virtual_service(&fresh)?,
        live: view::live(&mut *tx, &fresh, person, state.tz).await?,
    })
}

/// Leaves the meeting (a raised hand goes down). Staff may take an elder they checked in out
/// of the room. Answers with the room as the elder now sees it from outside.
#[utoipa::path(
    post, path = "/meetings/{id}/leave", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Meeting id"),
        ("acting-for" = i64, Header, description = "The elder leaving"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    responses(
        (status = 200, description = "Out of the room", body = MeetingLive),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn leave(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    if actor.principal.kind() != PersonKind::Staff {
        require_self(&actor)?;
    }
    invited(&state, &actor, id).await?;
    let fingerprint =
        idempotency::fingerprint(&format!("POST /meetings/{id}/leave"), actor.elder.id, &());
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    let now = state.clock.unix();
    meeting_room::leave(&mut change.tx, id, actor.elder.id, now).await?;
    meetings::bump(&mut change.tx, id).await?;
    let live = live_in(&mut change.tx, &state, id, actor.elder.id).await?;
    let resp = change.finish(StatusCode::OK, &live, now).await?;
    state.live.changed(id);
    Ok(resp)
}

/// Raises or lowers the elder's hand. The host sees the queue, first raised first.
#[utoipa::path(
    put, path = "/meetings/{id}/hand", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Meeting id"),
        ("acting-for" = i64, Header, description = "The elder themself"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = HandRequest,
    responses(
        (status = 200, description = "The room as the elder now sees it", body = MeetingLive),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "not-present or meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn hand(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<HandRequest>,
) -> Result<Response> {
    require_self(&actor)?;
    let m = invited(&state, &actor, id).await?;
    require_open(&m)?;
    let fingerprint =
        idempotency::fingerprint(&format!("PUT /meetings/{id}/hand"), actor.elder.id, &req);
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    if !meeting_room::is_present(&mut *change.tx, id, actor.elder.id).await? {
        return Err(not_present());
    }
    let now = state.clock.unix();
    if req.raised {
        meeting_room::raise_hand(&mut change.tx, id, actor.elder.id, now).await?;
    } else {
        meeting_room::lower_hand(&mut change.tx, id, actor.elder.id, now).await?;
    }
    meetings::bump(&mut change.tx, id).await?;
    let live = live_in(&mut change.tx, &state, id, actor.elder.id).await?;
    let resp = change.finish(StatusCode::OK, &live, now).await?;
    state.live.changed(id);
    Ok(resp)
}

/// Casts or changes the elder's vote on the open motion. Only the elder themself, only while
/// in the meeting, only until the host closes the vote; one vote each (changing replaces it).
#[utoipa::path(
    put, path = "/motions/{id}/vote", tag = "meetings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Motion id"),
        ("acting-for" = i64, Header, description = "The elder themself"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = VoteRequest,
    responses(
        (status = 200, description = "The room with the vote counted", body = MeetingLive),
        (status = 403, description = "Not the elder themself", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "not-present or voting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn vote(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<VoteRequest>,
) -> Result<Response> {
    require_self(&actor)?;
    let motion = meeting_room::motion(&state.db, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let meeting = motion.meeting_id;
    invited(&state, &actor, meeting).await?;
    let fingerprint =
        idempotency::fingerprint(&format!("PUT /motions/{id}/vote"), actor.elder.id, &req);
    let mut change =
        match idempotency::begin(&state.db, actor.principal.id, key, fingerprint).await? {
            Begun::Replayed(stored) => return Ok(stored),
            Begun::Fresh(change) => change,
        };
    // Read again under the write lock: the host may have closed it meanwhile.
    let open = meeting_room::motion(&mut *change.tx, id)
        .await?
        .is_some_and(|m| m.status == "open");
    if !open {
        return Err(Error::new(
            ProblemType::VotingClosed,
            StatusCode::CONFLICT,
            "The vote has closed",
        ));
    }
    if !meeting_room::is_present(&mut *change.tx, meeting, actor.elder.id).await? {
        return Err(not_present());
    }
    let now = state.clock.unix();
    let choice = db::enum_name(req.choice)?;
    meeting_room::vote(&mut change.tx, id, actor.elder.id, &choice, now).await?;
    meetings::bump(&mut change.tx, meeting).await?;
    let live = live_in(&mut change.tx, &state, meeting, actor.elder.id).await?;
    let resp = change.finish(StatusCode::OK, &live, now).await?;
    state.live.changed(meeting);
    // The choice is secret from the log, as from the room until the count.
    tracing::info!(motion = id, elder = actor.elder.id, "vote cast");
    Ok(resp)
}

/// The room as `viewer` sees it, read inside the change just made.
pub(super) async fn live_in(
    tx: &mut Tx,
    state: &AppState,
    meeting: i64,
    viewer: i64,
) -> Result<MeetingLive> {
    let m = meetings::by_id(&mut **tx, meeting)
        .await?
        .ok_or_else(|| Error::Internal(format!("meeting {meeting} vanished")))?;
    view::live(&mut *tx, &m, viewer, state.tz).await
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub(super) struct TicketQuery {
    /// From `POST /meetings/{id}/join` (or the host's join).
    ticket: String,
}

/// The room, live: a server-sent event `live` with the whole [`MeetingLive`] at once and
/// again on every change, within a second. Takes the join ticket in the query, since
/// `EventSource` sends no headers.
#[utoipa::path(
    get, path = "/meetings/{id}/events", tag = "meetings",
    params(("id" = i64, Path, description = "Meeting id"), TicketQuery),
    responses(
        (status = 200, description = "`text/event-stream` of `live` events, each a MeetingLive", content_type = "text/event-stream", body = MeetingLive),
        (status = 401, description = "Unknown or expired ticket", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn events(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<TicketQuery>,
) -> Result<Sse<impl Stream<Item = std::result::Result<Event, Infallible>>>> {
    let viewer = ticket_holder(&state, id, &q.ticket).await?;
    let stream = futures_util::stream::unfold(
        Watch {
            state: state.clone(),
            meeting: id,
            viewer,
            sent: None,
            news: state.live.subscribe(),
            closed: Box::pin(state.live.closed()),
        },
        |mut w| async move { w.next().await.map(|event| (Ok(event), w)) },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// The person a live ticket for meeting `id` belongs to.
pub(super) async fn ticket_holder(state: &AppState, id: i64, ticket: &str) -> Result<i64> {
    match meeting_room::ticket(&state.db, &auth::token_hash(ticket), state.clock.unix()).await? {
        Some((meeting, person)) if meeting == id => Ok(person),
        _ => Err(Error::new(
            ProblemType::NotSignedIn,
            StatusCode::UNAUTHORIZED,
            "This meeting ticket is not valid; join the meeting again",
        )),
    }
}

/// True on news of `meeting` (or missed news); false when the hub is gone.
async fn news_of(news: &mut tokio::sync::broadcast::Receiver<i64>, meeting: i64) -> bool {
    loop {
        match news.recv().await {
            Ok(id) if id == meeting => return true,
            Ok(_) => continue,
            Err(RecvError::Lagged(_)) => return true,
            Err(RecvError::Closed) => return false,
        }
    }
}

/// One viewer's live stream: waits for news of the meeting (or the poll), and yields the
/// room whenever its version moved.
struct Watch {
    state: AppState,
    meeting: i64,
    viewer: i64,
    sent: Option<i64>,
    news: tokio::sync::broadcast::Receiver<i64>,
    closed: std::pin::Pin<Box<dyn Future<Output = ()> + Send>>,
}

impl Watch {
    async fn next(&mut self) -> Option<Event> {
        loop {
            if self.sent.is_some() {
                let meeting = self.meeting;
                tokio::select! {
                    _ = &mut self.closed => return None,
                    _ = tokio::time::sleep(POLL) => {}
                    news = news_of(&mut self.news, meeting) => if !news { return None },
                }
            }
            match self.read().await {
                Ok(Some(event)) => return Some(event),
                Ok(None) => continue,
                Err(e) => {
                    tracing::warn!(meeting = self.meeting, error = %e, "live stream read failed");
                    return None;
                }
            }
        }
    }

    /// The room as the viewer sees it, if it changed since last sent.
    async fn read(&mut self) -> Result<Option<Event>> {
        let mut conn = self.state.db.acquire().await?;
        let m = meetings::by_id(&mut *conn, self.meeting)
            .await?
            .ok_or_else(Error::not_found)?;
        if self.sent == Some(m.version) {
            return Ok(None);
        }
        let live = view::live(&mut conn, &m, self.viewer, self.state.tz).await?;
        self.sent = Some(m.version);
        let event = Event::default()
            .event("live")
            .json_data(&live)
            .map_err(|e| Error::Internal(e.to_string()))?;
        Ok(Some(event))
    }
}
