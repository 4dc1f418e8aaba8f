//! Day-care centres and their sessions (日间照料), priced for the elder acted for; booking
//! and describing a booked session for `bookings`.

use api::{
    BookedService, ClosedDay, DaycareBooking, DaycareCentre, DaycarePeriod, DaycareSchedule,
    DaycareSession, DaycareTransport, Fen, PriceSplit, Problem, ProblemType, SlotQuery, Text,
};
use axum::{extract::State, http::StatusCode};
use chrono::{FixedOffset, NaiveDate};
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    extract::{Path, Query},
    meals::{community_name, date_range, service_pricing},
};
use crate::{
    auth::Actor,
    db::{
        self, Tx,
        daycare::{self, CentreRow, NewDaycareBooking, SessionRow},
    },
    error::{Error, Result},
    pricing::ElderPricing,
};

/// The service name subsidy rules are kept under.
pub const SERVICE: &str = "daycare";

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_centres))
        .routes(routes!(list_sessions))
}

/// Day-care centres in the community of the elder acted for.
#[utoipa::path(
    get, path = "/daycare/centres", tag = "daycare",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<DaycareCentre>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_centres(
    State(state): State<AppState>,
    actor: Actor,
) -> Result<Json<Vec<DaycareCentre>>> {
    actor.require(|p| p.view)?;
    let rows = daycare::centres(&state.db, actor.elder.community_id).await?;
    let community = community_name(&state.db, actor.elder.community_id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|c| DaycareCentre {
                id: c.id,
                name: Text::new(c.name_zh, c.name_en),
                address: Text::new(c.address_zh, c.address_en),
                community: community.clone(),
                provider: c.provider.card(),
                hotline: c.hotline,
                places: u32::try_from(c.places).unwrap_or(0),
            })
            .collect(),
    ))
}

/// Sessions of one centre for up to two weeks, with places left, transport, closed days and
/// the price split for the elder.
#[utoipa::path(
    get, path = "/daycare/centres/{id}/sessions", tag = "daycare",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Centre id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        SlotQuery,
    ),
    responses(
        (status = 200, body = DaycareSchedule),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_sessions(
    State(state): State<AppState>,
    actor: Actor,
    Path(id): Path<i64>,
    Query(q): Query<SlotQuery>,
) -> Result<Json<DaycareSchedule>> {
    actor.require(|p| p.view)?;
    let (from, until) = date_range(&q, &state)?;
    daycare::centre(&state.db, id)
        .await?
        .filter(|c| c.community_id == actor.elder.community_id)
        .ok_or_else(Error::not_found)?;
    let rows = daycare::sessions(&state.db, id, from, until).await?;
    let closed = daycare::closed_days(&state.db, id, from, until).await?;
    let pricing = service_pricing(&state.db, &actor.elder, SERVICE).await?;
    let now = state.clock.unix();
    let sessions = rows
        .iter()
        .map(|row| {
            let is_closed = closed.iter().any(|c| c.date == row.date);
            session_view(row, is_closed, &pricing, now, state.tz)
        })
        .collect::<Result<_>>()?;
    let closed_days = closed
        .into_iter()
        .map(|c| {
            Ok(ClosedDay {
                date: parse_date(&c.date)?,
                reason: Text::new(c.reason_zh, c.reason_en),
            })
        })
        .collect::<Result<_>>()?;
    Ok(Json(DaycareSchedule {
        sessions,
        closed_days,
    }))
}

/// Books a session (and a transport seat) inside the caller's change transaction.
/// Every refusal returns before anything is written, or rolls back with the transaction.
pub(super) async fn book(
    tx: &mut Tx,
    state: &AppState,
    actor: &Actor,
    pricing: &ElderPricing,
    session_id: i64,
    transport: bool,
) -> Result<i64> {
    let session = daycare::session(&mut **tx, session_id)
        .await?
        .ok_or_else(Error::not_found)?;
    let centre = daycare::centre(&mut **tx, session.centre_id)
        .await?
        .filter(|c| c.community_id == actor.elder.community_id)
        .ok_or_else(Error::not_found)?;
    let now = state.clock.unix();
    if daycare::is_closed(tx, centre.id, &session.date).await? {
        return Err(Error::new(
            ProblemType::CentreClosed,
            StatusCode::CONFLICT,
            "The centre is closed that day",
        )
        .hotline(centre.hotline));
    }
    if now >= session.order_by {
        return Err(Error::new(
            ProblemType::CutoffPassed,
            StatusCode::CONFLICT,
            "Bookings for this session have closed",
        )
        .deadline(db::local(session.order_by, state.tz))
        .hotline(centre.hotline));
    }
    if daycare::has_active(tx, actor.elder.id, session_id).await? {
        return Err(Error::new(
            ProblemType::AlreadyBooked,
            StatusCode::CONFLICT,
            "This session is already booked",
        ));
    }
    if let Some(other) =
        daycare::overlapping(tx, actor.elder.id, session.starts_at, session.ends_at).await?
    {
        return Err(Error::new(
            ProblemType::OverlappingBooking,
            StatusCode::CONFLICT,
            "Another day-care booking overlaps this session",
        )
        .conflicting_booking(other));
    }
    if !daycare::take_place(tx, session_id).await? {
        return Err(Error::new(
            ProblemType::SlotFull,
            StatusCode::CONFLICT,
            "No places are left in this session",
        )
        .hotline(centre.hotline));
    }
    if transport && !daycare::take_transport(tx, session_id).await? {
        return Err(Error::new(
            ProblemType::TransportFull,
            StatusCode::CONFLICT,
            "No seats are left on the centre's transport for this session",
        )
        .hotline(centre.hotline));
    }
    let price = session_price(&session, pricing, transport)?;
    let new = NewDaycareBooking {
        elder_id: actor.elder.id,
        booked_by: actor.principal.id,
        session_id,
        transport,
        price: &price,
        now,
    };
    Ok(daycare::insert_booking(tx, &new).await?)
}

/// What a day-care booking is for.
pub(super) async fn booked(
    conn: &mut SqliteConnection,
    session_id: i64,
    transport: bool,
    tz: FixedOffset,
) -> Result<BookedService> {
    let session = daycare::session(&mut *conn, session_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("day-care session {session_id} vanished")))?;
    let centre: CentreRow = daycare::centre(&mut *conn, session.centre_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("centre {} vanished", session.centre_id)))?;
    Ok(BookedService::Daycare(DaycareBooking {
        session_id,
        centre: Text::new(centre.name_zh, centre.name_en),
        address: Text::new(centre.address_zh, centre.address_en),
        hotline: centre.hotline,
        date: parse_date(&session.date)?,
        period: period(&session.period)?,
        starts_at: db::local(session.starts_at, tz),
        ends_at: db::local(session.ends_at, tz),
        transport,
    }))
}

fn session_price(row: &SessionRow, pricing: &ElderPricing, transport: bool) -> Result<PriceSplit> {
    let fee = Fen(if transport { row.transport_fee_fen } else { 0 });
    Ok(pricing.split(parse_date(&row.date)?, Fen(row.price_fen), fee))
}

fn session_view(
    row: &SessionRow,
    closed: bool,
    pricing: &ElderPricing,
    now: i64,
    tz: FixedOffset,
) -> Result<DaycareSession> {
    let places_left = u32::try_from(row.capacity - row.booked).unwrap_or(0);
    let transport = (row.transport_capacity > 0)
        .then(|| -> Result<DaycareTransport> {
            Ok(DaycareTransport {
                capacity: u32::try_from(row.transport_capacity).unwrap_or(0),
                places_left: u32::try_from(row.transport_capacity - row.transport_booked)
                    .unwrap_or(0),
                fee: Fen(row.transport_fee_fen),
                price: session_price(row, pricing, true)?,
            })
        })
        .transpose()?;
    Ok(DaycareSession {
        id: row.id,
        centre_id: row.centre_id,
        date: parse_date(&row.date)?,
        period: period(&row.period)?,
        starts_at: db::local(row.starts_at, tz),
        ends_at: db::local(row.ends_at, tz),
        order_by: db::local(row.order_by, tz),
        cancel_by: db::local(row.cancel_by, tz),
        capacity: u32::try_from(row.capacity).unwrap_or(0),
        places_left,
        open: !closed && now < row.order_by && places_left > 0,
        price: session_price(row, pricing, false)?,
        transport,
    })
}

fn period_name(p: DaycarePeriod) -> &'static str {
    match p {
        DaycarePeriod::Morning => "morning",
        DaycarePeriod::Afternoon => "afternoon",
        DaycarePeriod::FullDay => "full_day",
    }
}

fn period(s: &str) -> Result<DaycarePeriod> {
    DaycarePeriod::ALL
        .into_iter()
        .find(|p| period_name(*p) == s)
        .ok_or_else(|| Error::Internal(format!("unknown day-care period {s:?}")))
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    s.parse()
        .map_err(|e| Error::Internal(format!("bad date {s:?}: {e}")))
}
