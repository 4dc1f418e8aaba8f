//! Staff hosting council meetings: create them with their agenda, open and end them, join
//! as host, say what is being discussed, put motions to the vote and close them, give the
//! floor to raised hands, publish minutes and report on follow-ups. Staff of the meeting's
//! community only; no `Acting-For` (nobody is acted for).

use api::{
    AgendaItemCreate, FollowUpUpdate, JoinTicket, Meeting, MeetingCreate, MeetingLive,
    MeetingStatus, MeetingStatusUpdate, MinutesUpdate, MotionCreate, NowUpdate, PersonKind,
    Problem, ProblemType, VoteResult, validate_meetings,
};
use axum::{extract::State, http::StatusCode, response::Response};
use serde::Serialize;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    room::{issue_ticket, live_in, require_room_open},
    status, view,
};
use crate::{
    auth::Principal,
    db::{
        self, Tx, meeting_room,
        meetings::{self, MeetingRow, NewMeeting},
    },
    error::{Error, Result},
    http::{AppState, Json, extract::Path},
    idempotency::{self, Begun, Change, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(add_agenda_item))
        .routes(routes!(set_status))
        .routes(routes!(host_join))
        .routes(routes!(now))
        .routes(routes!(open_motion))
        .routes(routes!(close_motion))
        .routes(routes!(take_hand))
        .routes(routes!(minutes))
        .routes(routes!(follow_up))
}

fn staff_only(person: &db::people::Person) -> Result<()> {
    if person.kind() == PersonKind::Staff {
        Ok(())
    } else {
        Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only staff can host meetings",
        ))
    }
}

fn illegal(title: &str) -> Error {
    Error::new(ProblemType::IllegalTransition, StatusCode::CONFLICT, title)
}

/// Starts a staff change: refuses non-staff, then begins the keyed transaction.
async fn begin(
    state: &AppState,
    person: &db::people::Person,
    key: IdempotencyKey,
    operation: &str,
    body: &impl Serialize,
) -> Result<Begun> {
    staff_only(person)?;
    let fingerprint = idempotency::fingerprint(operation, 0, body);
    idempotency::begin(&state.db, person.id, key, fingerprint).await
}

/// The staff member's community's meeting `id`, read under the change's lock.
async fn hosted(tx: &mut Tx, person: &db::people::Person, id: i64) -> Result<MeetingRow> {
    meetings::get(&mut **tx, id, person.community_id)
        .await?
        .ok_or_else(Error::not_found)
}

/// Ends a change that answers with the meeting.
async fn finish_meeting(
    mut change: Change,
    state: &AppState,
    id: i64,
    status: StatusCode,
) -> Result<Response> {
    let m = meetings::by_id(&mut *change.tx, id)
        .await?
        .ok_or_else(|| Error::Internal(format!("meeting {id} vanished")))?;
    let body = view::meeting(&mut change.tx, m, None, state.tz).await?;
    let resp = change.finish(status, &body, state.clock.unix()).await?;
    state.live.changed(id);
    Ok(resp)
}

/// Ends a change that answers with the room as the host sees it.
async fn finish_live(mut change: Change, state: &AppState, id: i64, host: i64) -> Result<Response> {
    meetings::bump(&mut change.tx, id).await?;
    let live = live_in(&mut change.tx, state, id, host).await?;
    let resp = change
        .finish(StatusCode::OK, &live, state.clock.unix())
        .await?;
    state.live.changed(id);
    Ok(resp)
}

/// Announces a meeting to its building, compound or whole community, with its agenda and
/// how to join from afar (the built-in room unless an external one is given).
#[utoipa::path(
    post, path = "/staff/meetings", tag = "meetings",
    security(("bearer" = [])),
    params(("idempotency-key" = String, Header, description = "8–64 characters")),
    request_body = MeetingCreate,
    responses(
        (status = 201, body = Meeting),
        (status = 400, description = "invalid-request", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Json(req): Json<MeetingCreate>,
) -> Result<Response> {
    staff_only(&person)?;
    let errors = validate_meetings::meeting(&req);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let mut change = match begin(&state, &person, key, "POST /staff/meetings", &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let level = db::enum_name(req.level)?;
    let channel = match &req.external {
        Some(room) => db::enum_name(room.channel_type)?,
        None => "builtin".to_owned(),
    };
    let new = NewMeeting {
        community_id: person.community_id,
        level: &level,
        compound: req.compound.as_deref().map(str::trim),
        building: req.building.as_deref().map(str::trim),
        topic: &req.topic,
        place: &req.place,
        starts_at: req.starts_at.timestamp(),
        ends_at: req.ends_at.timestamp(),
        channel_type: &channel,
        external_url: req
            .external
            .as_ref()
            .filter(|room| room.channel_type != api::ChannelType::Builtin)
            .map(|room| room.address.as_str()),
        created_by: person.id,
        now: state.clock.unix(),
    };
    let id = meetings::insert(&mut change.tx, &new).await?;
    for title in &req.agenda {
        meetings::add_agenda_item(&mut change.tx, id, title, None).await?;
    }
    tracing::info!(
        meeting = id,
        by = person.id,
        level,
        channel,
        "meeting created"
    );
    finish_meeting(change, &state, id, StatusCode::CREATED).await
}

/// The community's meetings that have not ended more than 60 days ago, soonest first.
#[utoipa::path(
    get, path = "/staff/meetings", tag = "meetings",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<Meeting>),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<Json<Vec<Meeting>>> {
    staff_only(&person)?;
    let since = state.clock.unix() - super::invitation::RECENT_DAYS * 86_400;
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for m in meetings::for_community(&mut *conn, person.community_id, since).await? {
        out.push(view::meeting(&mut conn, m, None, state.tz).await?);
    }
    Ok(Json(out))
}

/// Adds an item at the end of a coming or live meeting's agenda.
#[utoipa::path(
    post, path = "/staff/meetings/{id}/agenda", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = AgendaItemCreate,
    responses(
        (status = 201, body = Meeting),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn add_agenda_item(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<AgendaItemCreate>,
) -> Result<Response> {
    let errors = validate_meetings::text("title", &req.title, validate_meetings::TITLE_MAX);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let op = format!("POST /staff/meetings/{id}/agenda");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    super::require_open(&m)?;
    meetings::add_agenda_item(&mut change.tx, id, &req.title, None).await?;
    meetings::bump(&mut change.tx, id).await?;
    finish_meeting(change, &state, id, StatusCode::CREATED).await
}

/// Meetings only move forward: scheduled → live → ended, or scheduled → cancelled.
pub fn may_move(from: MeetingStatus, to: MeetingStatus) -> bool {
    use MeetingStatus::*;
    matches!(
        (from, to),
        (Scheduled, Live) | (Scheduled, Cancelled) | (Live, Ended)
    )
}

/// Opens, ends or cancels a meeting. Ending closes a vote still open (its count stands) and
/// empties the room.
#[utoipa::path(
    post, path = "/staff/meetings/{id}/status", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = MeetingStatusUpdate,
    responses(
        (status = 200, body = Meeting),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn set_status(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<MeetingStatusUpdate>,
) -> Result<Response> {
    let op = format!("POST /staff/meetings/{id}/status");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    if !may_move(status(&m)?, req.status) {
        return Err(illegal("The meeting cannot move that way from where it is"));
    }
    let now = state.clock.unix();
    if req.status == MeetingStatus::Ended {
        if let Some(open) = meeting_room::current_motion(&mut *change.tx, id)
            .await?
            .filter(|m| m.status == "open")
        {
            close(&mut change.tx, open.id, id, now).await?;
        }
        for p in meeting_room::present(&mut *change.tx, id).await? {
            meeting_room::leave(&mut change.tx, id, p.person_id, now).await?;
        }
    }
    meetings::set_status(&mut change.tx, id, &db::enum_name(req.status)?).await?;
    tracing::info!(meeting = id, by = person.id, status = ?req.status, "meeting status");
    finish_meeting(change, &state, id, StatusCode::OK).await
}

/// Joins as host: present, with a ticket for the live stream and the signalling socket.
#[utoipa::path(
    post, path = "/staff/meetings/{id}/join", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    responses(
        (status = 200, body = JoinTicket),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "meeting-not-started or meeting-closed", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn host_join(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    let op = format!("POST /staff/meetings/{id}/join");
    let mut change = match begin(&state, &person, key, &op, &()).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    let now = state.clock.unix();
    require_room_open(&state, &m, now)?;
    meeting_room::join(&mut change.tx, id, person.id, "online", now).await?;
    meetings::bump(&mut change.tx, id).await?;
    let ticket = issue_ticket(&mut change.tx, &state, &m, person.id, now).await?;
    let resp = change.finish(StatusCode::OK, &ticket, now).await?;
    state.live.changed(id);
    Ok(resp)
}

/// Says which agenda item is under discussion, and the live caption shown large to all.
#[utoipa::path(
    put, path = "/staff/meetings/{id}/now", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = NowUpdate,
    responses(
        (status = 200, body = MeetingLive),
        (status = 400, description = "invalid-request (an item of another meeting, a bad caption)", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn now(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<NowUpdate>,
) -> Result<Response> {
    if let Some(caption) = &req.caption {
        let errors = validate_meetings::text("caption", caption, validate_meetings::CAPTION_MAX);
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
    }
    let op = format!("PUT /staff/meetings/{id}/now");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    super::require_open(&m)?;
    require_item_of(&mut change.tx, req.agenda_item_id, id).await?;
    meetings::set_now(&mut change.tx, id, req.agenda_item_id, req.caption.as_ref()).await?;
    finish_live(change, &state, id, person.id).await
}

async fn require_item_of(tx: &mut Tx, item: Option<i64>, meeting: i64) -> Result<()> {
    if let Some(item) = item {
        let ok = meetings::agenda_item(&mut **tx, item)
            .await?
            .is_some_and(|i| i.meeting_id == meeting);
        if !ok {
            return Err(Error::invalid_field(
                "agenda_item_id",
                "agenda_item_id-unknown",
            ));
        }
    }
    Ok(())
}

/// Puts a motion to the vote in a live meeting. One vote at a time: close the open one first.
#[utoipa::path(
    post, path = "/staff/meetings/{id}/motions", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = MotionCreate,
    responses(
        (status = 200, description = "The room with the motion open", body = MeetingLive),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (not live, or a vote is open)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn open_motion(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<MotionCreate>,
) -> Result<Response> {
    let errors = validate_meetings::text("text", &req.text, validate_meetings::TITLE_MAX);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let op = format!("POST /staff/meetings/{id}/motions");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    if status(&m)? != MeetingStatus::Live {
        return Err(illegal("Votes are taken only while the meeting is live"));
    }
    let open = meeting_room::current_motion(&mut *change.tx, id)
        .await?
        .is_some_and(|m| m.status == "open");
    if open {
        return Err(illegal("Close the open vote first"));
    }
    require_item_of(&mut change.tx, req.agenda_item_id, id).await?;
    let now = state.clock.unix();
    let motion = meeting_room::open_motion(
        &mut change.tx,
        id,
        req.agenda_item_id,
        &req.text,
        person.id,
        now,
    )
    .await?;
    tracing::info!(meeting = id, motion, by = person.id, "motion opened");
    finish_live(change, &state, id, person.id).await
}

/// Closes a motion with the votes of the elders present (`present_at_close`).
async fn close(tx: &mut Tx, motion: i64, meeting: i64, now: i64) -> Result<()> {
    let present = meeting_room::elders_present(&mut **tx, meeting).await?;
    let (yes, no, abstain) = view::counts(tx, motion).await?;
    let follow_up = match VoteResult::outcome_of(yes, no, abstain) {
        api::Outcome::Carried => "pending",
        api::Outcome::Rejected => "none",
    };
    if !meeting_room::close_motion(tx, motion, present, follow_up, now).await? {
        return Err(illegal("The vote is closed already"));
    }
    tracing::info!(meeting, motion, yes, no, abstain, present, "motion closed");
    Ok(())
}

/// Closes the vote: the result appears for everyone in the room.
#[utoipa::path(
    post, path = "/staff/motions/{id}/close", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    responses(
        (status = 200, description = "The room with the result", body = MeetingLive),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (closed already)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn close_motion(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    let op = format!("POST /staff/motions/{id}/close");
    let mut change = match begin(&state, &person, key, &op, &()).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let motion = meeting_room::motion(&mut *change.tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let meeting = hosted(&mut change.tx, &person, motion.meeting_id).await?.id;
    close(&mut change.tx, id, meeting, state.clock.unix()).await?;
    finish_live(change, &state, meeting, person.id).await
}

/// Gives the floor to a raised hand: it leaves the queue and its owner is told it is their turn.
#[utoipa::path(
    post, path = "/staff/meetings/{id}/hands/{hand}/take", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("hand" = i64, Path), ("idempotency-key" = String, Header)),
    responses(
        (status = 200, body = MeetingLive),
        (status = 404, description = "No such hand up in this meeting", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn take_hand(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path((id, hand)): Path<(i64, i64)>,
) -> Result<Response> {
    let op = format!("POST /staff/meetings/{id}/hands/{hand}/take");
    let mut change = match begin(&state, &person, key, &op, &()).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    hosted(&mut change.tx, &person, id).await?;
    let now = state.clock.unix();
    if !meeting_room::take_hand(&mut change.tx, id, hand, person.id, now).await? {
        return Err(Error::not_found());
    }
    finish_live(change, &state, id, person.id).await
}

/// Publishes (or corrects) the minutes of a meeting that has ended.
#[utoipa::path(
    put, path = "/staff/meetings/{id}/minutes", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = MinutesUpdate,
    responses(
        (status = 200, body = Meeting),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (the meeting has not ended)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn minutes(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<MinutesUpdate>,
) -> Result<Response> {
    let errors = validate_meetings::text("text", &req.text, validate_meetings::MINUTES_MAX);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let op = format!("PUT /staff/meetings/{id}/minutes");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let m = hosted(&mut change.tx, &person, id).await?;
    if status(&m)? != MeetingStatus::Ended {
        return Err(illegal("Minutes are published after the meeting ends"));
    }
    meetings::set_minutes(&mut change.tx, id, &req.text, state.clock.unix()).await?;
    finish_meeting(change, &state, id, StatusCode::OK).await
}

/// Reports what is being done about a decision ("repair scheduled", "done").
#[utoipa::path(
    put, path = "/staff/motions/{id}/follow-up", tag = "meetings",
    security(("bearer" = [])),
    params(("id" = i64, Path), ("idempotency-key" = String, Header)),
    request_body = FollowUpUpdate,
    responses(
        (status = 200, description = "The meeting with the decision's follow-up", body = Meeting),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition (the vote is still open)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn follow_up(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<FollowUpUpdate>,
) -> Result<Response> {
    if !req.note.zh.is_empty() || !req.note.en.is_empty() {
        let errors = validate_meetings::text("note", &req.note, validate_meetings::TITLE_MAX);
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
    }
    let op = format!("PUT /staff/motions/{id}/follow-up");
    let mut change = match begin(&state, &person, key, &op, &req).await? {
        Begun::Replayed(stored) => return Ok(stored),
        Begun::Fresh(change) => change,
    };
    let motion = meeting_room::motion(&mut *change.tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let meeting = hosted(&mut change.tx, &person, motion.meeting_id).await?.id;
    if motion.status != "closed" {
        return Err(illegal("Close the vote before reporting on it"));
    }
    let now = state.clock.unix();
    meeting_room::set_follow_up(
        &mut change.tx,
        id,
        &db::enum_name(req.status)?,
        &req.note,
        now,
    )
    .await?;
    finish_meeting(change, &state, meeting, StatusCode::OK).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_only_move_forward() {
        use MeetingStatus::*;
        let all = [Scheduled, Live, Ended, Cancelled];
        assert!(may_move(Scheduled, Live));
        assert!(may_move(Live, Ended));
        assert!(may_move(Scheduled, Cancelled));
        assert!(
            !may_move(Live, Cancelled),
            "a live meeting ends; it is not cancelled"
        );
        for s in all {
            assert!(!may_move(s, s));
            assert!(!may_move(s, Scheduled));
            assert!(!may_move(Ended, s));
            assert!(!may_move(Cancelled, s));
        }
    }
}
