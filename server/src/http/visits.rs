//! Home visits (上门服务): the catalogue and arrival windows, priced for the elder acted for;
//! booking a visit for `bookings`; and the lifecycle staff drive:
//! requested → assigned (worker's name) → on the way → done, or cancelled / missed.

use api::{
    BookedService, Booking, Fen, PersonKind, Problem, ProblemType, SlotQuery, Text, VisitBooking,
    VisitKind, VisitService, VisitStage, VisitTransitionRequest, VisitWindow,
};
use axum::{extract::State, http::StatusCode, response::Response};
use chrono::{FixedOffset, NaiveDate};
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    bookings::finish,
    extract::{Path, Query},
    meals::{date_range, service_pricing},
};
use crate::{
    auth::Actor,
    db::{
        self, Tx, people,
        visits::{self, NewVisitBooking, ServiceRow, StageChange, WindowRow},
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
    pricing::ElderPricing,
};

/// The service name subsidy rules are kept under.
pub const SERVICE: &str = "visit";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_services))
        .routes(routes!(list_windows))
        .routes(routes!(transition))
}

/// The home-visit catalogue of the elder's community, priced for the elder as of today.
#[utoipa::path(
    get, path = "/visits/services", tag = "visits",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<VisitService>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_services(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<VisitService>>> {
    actor.require(|p| p.view)?;
    let rows = visits::services(&state.db, actor.elder.community_id).await?;
    let pricing = service_pricing(&state.db, &actor.elder, SERVICE).await?;
    let today = db::today(state.clock.now(), state.tz);
    Ok(Json(
        rows.into_iter()
            .map(|row| service_view(row, &pricing, today))
            .collect::<Result<_>>()?,
    ))
}

/// Arrival windows of the service's provider for up to two weeks, with places left.
#[utoipa::path(
    get, path = "/visits/services/{id}/windows", tag = "visits",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Service id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        SlotQuery,
    ),
    responses(
        (status = 200, body = Vec<VisitWindow>),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_windows(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(q): Query<SlotQuery>,
) -> Result<Json<Vec<VisitWindow>>> {
    actor.require(|p| p.view)?;
    let (from, until) = date_range(&q, &state)?;
    let service = visits::service(&state.db, id)
        .await?
        .filter(|s| s.community_id == actor.elder.community_id)
        .ok_or_else(Error::not_found)?;
    let now = state.clock.unix();
    let rows = visits::windows(&state.db, service.provider_id, from, until).await?;
    Ok(Json(
        rows.iter()
            .map(|w| window_view(w, now, state.tz))
            .collect::<Result<_>>()?,
    ))
}

/// Move a home visit on. Staff of the elder's community only; the elder and family see the
/// result in `GET /bookings`. A transition that does not follow from the visit's current
/// stage is refused with `illegal-transition`.
#[utoipa::path(
    post, path = "/visits/{id}/transition", tag = "visits",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Booking id of the visit"),
        ("acting-for" = i64, Header, description = "The elder the visit is for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = VisitTransitionRequest,
    responses(
        (status = 200, description = "The visit at its new stage", body = Booking),
        (status = 400, description = "invalid-request (worker name)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the elder's community", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such visit for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "illegal-transition", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn transition(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<VisitTransitionRequest>,
) -> Result<Response> {
    // The Actor extractor already checked that a staff principal is of the elder's community.
    if actor.principal.kind() != PersonKind::Staff {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only staff can move a home visit on",
        ));
    }
    if let VisitTransitionRequest::Assign { worker } = &req {
        let errors = api::validate::worker(worker);
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
    }
    let fingerprint = idempotency::fingerprint(
        &format!("POST /visits/{id}/transition"),
        actor.elder.id,
        &req,
    );
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let now = state.clock.unix();
    let row = db::bookings::get(&mut *tx, id, actor.elder.id)
        .await?
        .filter(|b| b.kind == "visit")
        .ok_or_else(Error::not_found)?;
    let from = stage(row.visit_stage.as_deref().unwrap_or_default())?;
    let to = next_stage(from, &req).ok_or_else(|| {
        Error::new(
            ProblemType::IllegalTransition,
            StatusCode::CONFLICT,
            "The visit cannot move that way from where it is",
        )
        .detail(format!(
            "from {} by {}",
            stage_name(from),
            action_name(&req)
        ))
    })?;
    let worker = match &req {
        VisitTransitionRequest::Assign { worker } => Some(worker.trim()),
        _ => None,
    };
    let change = StageChange {
        booking_id: id,
        from: stage_name(from),
        to: stage_name(to),
        status: status_of(to),
        worker,
        by: actor.principal.id,
        now,
    };
    if !visits::set_stage(&mut tx, &change).await? {
        return Err(Error::Internal(format!(
            "visit {id} changed stage inside its transaction"
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
        stage_name(to),
    )
    .await
}

/// The lifecycle: which stage an action leads to from each stage, or `None` when it may not.
/// Reassigning an assigned visit to another worker is allowed; nothing leaves done,
/// cancelled or missed.
pub fn next_stage(from: VisitStage, action: &VisitTransitionRequest) -> Option<VisitStage> {
    use VisitStage::*;
    use VisitTransitionRequest as A;
    match (from, action) {
        (Requested | Assigned, A::Assign { .. }) => Some(Assigned),
        (Assigned, A::SetOff) => Some(OnTheWay),
        (OnTheWay, A::Done) => Some(Done),
        (Assigned | OnTheWay, A::Missed) => Some(Missed),
        _ => None,
    }
}

/// The booking status that goes with each stage (FHIR Appointment.status).
fn status_of(stage: VisitStage) -> &'static str {
    match stage {
        VisitStage::Requested => "pending",
        VisitStage::Assigned | VisitStage::OnTheWay => "booked",
        VisitStage::Done => "fulfilled",
        VisitStage::Cancelled => "cancelled",
        VisitStage::Missed => "noshow",
    }
}

const STAGES: [VisitStage; 6] = [
    VisitStage::Requested,
    VisitStage::Assigned,
    VisitStage::OnTheWay,
    VisitStage::Done,
    VisitStage::Cancelled,
    VisitStage::Missed,
];

fn stage_name(s: VisitStage) -> &'static str {
    match s {
        VisitStage::Requested => "requested",
        VisitStage::Assigned => "assigned",
        VisitStage::OnTheWay => "on_the_way",
        VisitStage::Done => "done",
        VisitStage::Cancelled => "cancelled",
        VisitStage::Missed => "missed",
    }
}

pub(super) fn stage(s: &str) -> Result<VisitStage> {
    STAGES
        .into_iter()
        .find(|st| stage_name(*st) == s)
        .ok_or_else(|| Error::Internal(format!("unknown visit stage {s:?}")))
}

fn action_name(a: &VisitTransitionRequest) -> &'static str {
    match a {
        VisitTransitionRequest::Assign { .. } => "assign",
        VisitTransitionRequest::SetOff => "set_off",
        VisitTransitionRequest::Done => "done",
        VisitTransitionRequest::Missed => "missed",
    }
}

/// What the elder asked for: a service, a window, where, and a word for the worker.
pub(super) struct VisitOrder<'a> {
    pub service_id: i64,
    pub window_id: i64,
    pub address: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Books a visit inside the caller's change transaction.
pub(super) async fn book(
    tx: &mut Tx,
    state: &AppState,
    actor: &Actor,
    pricing: &ElderPricing,
    order: VisitOrder<'_>,
) -> Result<i64> {
    let VisitOrder {
        service_id,
        window_id,
        address,
        note,
    } = order;
    let errors = api::validate::visit(address, note);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let service = visits::service(&mut **tx, service_id)
        .await?
        .filter(|s| s.community_id == actor.elder.community_id)
        .ok_or_else(Error::not_found)?;
    let window = visits::window(&mut **tx, window_id)
        .await?
        .ok_or_else(Error::not_found)?;
    if window.provider_id != service.provider_id {
        return Err(Error::invalid_field(
            "window_id",
            "window-of-another-provider",
        ));
    }
    let now = state.clock.unix();
    if now >= window.order_by {
        return Err(Error::new(
            ProblemType::CutoffPassed,
            StatusCode::CONFLICT,
            "Requests for this arrival window have closed",
        )
        .deadline(db::local(window.order_by, state.tz))
        .hotline(service.provider.hotline));
    }
    if visits::has_active(tx, actor.elder.id, window_id).await? {
        return Err(Error::new(
            ProblemType::AlreadyBooked,
            StatusCode::CONFLICT,
            "A visit from this provider is already booked in this window",
        ));
    }
    let address = match address {
        Some(a) => a.trim().to_owned(),
        None => people::home_address(&mut **tx, actor.elder.id)
            .await?
            .ok_or_else(|| address_missing(&service.provider.hotline))?,
    };
    if !visits::take_place(tx, window_id).await? {
        return Err(Error::new(
            ProblemType::SlotFull,
            StatusCode::CONFLICT,
            "The provider has no worker free in this window",
        )
        .hotline(service.provider.hotline));
    }
    let date = parse_date(&window.date)?;
    let price = pricing.split(date, Fen(service.price_fen), Fen(0));
    let new = NewVisitBooking {
        elder_id: actor.elder.id,
        booked_by: actor.principal.id,
        service_id,
        window_id,
        address: &address,
        note: note.map(str::trim),
        price: &price,
        now,
    };
    Ok(visits::insert_booking(tx, &new).await?)
}

/// Neither the request nor the elder's record says where to go: the elder (or staff) must
/// give an address, or call to have one put on file.
pub(super) fn address_missing(hotline: &str) -> Error {
    Error::new(
        ProblemType::AddressMissing,
        StatusCode::UNPROCESSABLE_ENTITY,
        "There is no address to come to: please give one",
    )
    .hotline(hotline)
}

/// What a visit booking is for, and where it stands.
pub(super) async fn booked(
    conn: &mut SqliteConnection,
    booking_id: i64,
    tz: FixedOffset,
) -> Result<BookedService> {
    let v = visits::visit(&mut *conn, booking_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("visit {booking_id} vanished")))?;
    Ok(BookedService::Visit(VisitBooking {
        service_id: v.service_id,
        window_id: v.window_id,
        service_kind: kind(&v.kind)?,
        service: Text::new(v.name_zh, v.name_en),
        provider: Text::new(v.provider_zh, v.provider_en),
        hotline: v.hotline,
        date: parse_date(&v.date)?,
        starts_at: db::local(v.starts_at, tz),
        ends_at: db::local(v.ends_at, tz),
        address: v.address,
        note: v.note,
        stage: stage(&v.stage)?,
        worker: v.worker,
    }))
}

fn service_view(row: ServiceRow, pricing: &ElderPricing, today: NaiveDate) -> Result<VisitService> {
    Ok(VisitService {
        id: row.id,
        kind: kind(&row.kind)?,
        name: Text::new(row.name_zh, row.name_en),
        description: Text::new(row.description_zh, row.description_en),
        duration_minutes: u32::try_from(row.duration_minutes).unwrap_or(0),
        price: pricing.split(today, Fen(row.price_fen), Fen(0)),
        provider_id: row.provider_id,
        provider: row.provider.card(),
    })
}

fn window_view(row: &WindowRow, now: i64, tz: FixedOffset) -> Result<VisitWindow> {
    let places_left = u32::try_from(row.capacity - row.booked).unwrap_or(0);
    Ok(VisitWindow {
        id: row.id,
        provider_id: row.provider_id,
        date: parse_date(&row.date)?,
        starts_at: db::local(row.starts_at, tz),
        ends_at: db::local(row.ends_at, tz),
        order_by: db::local(row.order_by, tz),
        cancel_by: db::local(row.cancel_by, tz),
        capacity: u32::try_from(row.capacity).unwrap_or(0),
        places_left,
        open: now < row.order_by && places_left > 0,
    })
}

fn kind_name(k: VisitKind) -> &'static str {
    match k {
        VisitKind::Cleaning => "cleaning",
        VisitKind::Bathing => "bathing",
        VisitKind::Nursing => "nursing",
        VisitKind::Companionship => "companionship",
        VisitKind::Repairs => "repairs",
        VisitKind::Haircut => "haircut",
        VisitKind::Errands => "errands",
    }
}

fn kind(s: &str) -> Result<VisitKind> {
    VisitKind::ALL
        .into_iter()
        .find(|k| kind_name(*k) == s)
        .ok_or_else(|| Error::Internal(format!("unknown visit kind {s:?}")))
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    s.parse()
        .map_err(|e| Error::Internal(format!("bad date {s:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_only_moves_forward() {
        use VisitStage::*;
        let assign = VisitTransitionRequest::Assign {
            worker: "赵师傅".into(),
        };
        let (off, done, missed) = (
            VisitTransitionRequest::SetOff,
            VisitTransitionRequest::Done,
            VisitTransitionRequest::Missed,
        );
        assert_eq!(next_stage(Requested, &assign), Some(Assigned));
        assert_eq!(next_stage(Assigned, &assign), Some(Assigned));
        assert_eq!(next_stage(Assigned, &off), Some(OnTheWay));
        assert_eq!(next_stage(OnTheWay, &done), Some(Done));
        assert_eq!(next_stage(OnTheWay, &missed), Some(Missed));
        assert_eq!(next_stage(Requested, &off), None);
        assert_eq!(next_stage(Requested, &done), None);
        assert_eq!(next_stage(Assigned, &done), None);
        assert_eq!(next_stage(OnTheWay, &assign), None);
        for end in [Done, Cancelled, Missed] {
            for a in [&assign, &off, &done, &missed] {
                assert_eq!(next_stage(end, a), None, "{end:?} is final");
            }
        }
    }

    #[test]
    fn stages_and_kinds_round_trip_through_their_names() {
        for s in STAGES {
            assert_eq!(stage(stage_name(s)).unwrap(), s);
        }
        for k in VisitKind::ALL {
            assert_eq!(kind(kind_name(k)).unwrap(), k);
        }
    }
}
