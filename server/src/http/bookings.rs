//! Bookings: make one, list the elder's, cancel one. Every change is idempotent by key
//! and made in one `BEGIN IMMEDIATE` transaction with its stored response.

use api::{
    BookedService, Booking, BookingStatus, CreateBookingRequest, Fen, Fulfilment, MealBooking,
    PersonKind, PersonRef, PriceSplit, Problem, ProblemType, Relation, Text, VisitStage,
};
use axum::{extract::State, http::StatusCode, response::Response};
use chrono::FixedOffset;
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json, daycare,
    extract::Path,
    meals::{
        check_delivery_address, delivery_fee, dish_texts, elder_pricing, fulfilment_name,
        fulfilments, meal_kind, parse_fulfilment, service_pricing, slot_date,
    },
    ratings,
    visits::{self, VisitOrder},
};
use crate::{
    auth::{Actor, QueuedActor},
    db::{
        self, Tx,
        bookings::{self, BookingRow, NewMealBooking},
        daycare as daycare_db, meals, people, visits as visits_db,
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

/// Bookings whose service ended longer ago than this drop off the list.
const HISTORY_DAYS: i64 = 30;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create, list))
        .routes(routes!(cancel))
}

/// Book a service for the elder acted for. The bearer may be a kiosk's delivery token
/// (`POST /session/delivery-token`): a booking queued offline arrives after the elder has gone.
#[utoipa::path(
    post, path = "/bookings", tag = "bookings",
    security(("bearer" = [])),
    params(
        ("acting-for" = i64, Header, description = "The elder acted for"),
        ("idempotency-key" = String, Header, description = "8–64 characters; a retry with the same key never books twice"),
    ),
    request_body = CreateBookingRequest,
    responses(
        (status = 201, description = "Booked (or the stored response of an earlier identical request)", body = Booking),
        (status = 400, description = "invalid-request, idempotency-key-missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meal, session, service or window", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "slot-full, already-booked, cutoff-passed, overlapping-booking (day care), centre-closed, transport-full", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "fulfilment-unavailable; address-missing (a delivery or visit with no address given and none on file); invalid-request (an address with dine-in or pick-up); idempotency-key-reused", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create(
    State(state): State<AppState>,
    QueuedActor(actor): QueuedActor,
    key: IdempotencyKey,
    Json(req): Json<CreateBookingRequest>,
) -> Result<Response> {
    actor.require(|p| p.book)?;
    if let CreateBookingRequest::Meal {
        fulfilment,
        address,
        ..
    } = &req
    {
        check_delivery_address(*fulfilment, address.as_deref())?;
    }
    let fingerprint = idempotency::fingerprint("POST /bookings", actor.elder.id, &req);
    // Read what does not change under us before taking the write lock.
    let pricing = match &req {
        CreateBookingRequest::Meal { .. } => elder_pricing(&state.db, &actor.elder).await?,
        CreateBookingRequest::Daycare { .. } => {
            service_pricing(&state.db, &actor.elder, daycare::SERVICE).await?
        }
        CreateBookingRequest::Visit { .. } => {
            service_pricing(&state.db, &actor.elder, visits::SERVICE).await?
        }
    };
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let now = state.clock.unix();
    let id = match &req {
        CreateBookingRequest::Meal {
            slot_id,
            fulfilment,
            address,
        } => {
            let (slot_id, fulfilment) = (*slot_id, *fulfilment);
            let slot = meals::slot(&mut *tx, slot_id)
                .await?
                .ok_or_else(Error::not_found)?;
            let canteen = meals::canteen(&mut *tx, slot.canteen_id)
                .await?
                .filter(|c| c.community_id == actor.elder.community_id)
                .ok_or_else(Error::not_found)?;
            if !fulfilments(&canteen).any(|f| f == fulfilment) {
                return Err(Error::new(
                    ProblemType::FulfilmentUnavailable,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "This canteen does not offer that way of getting the meal",
                ));
            }
            if now >= slot.order_by {
                return Err(Error::new(
                    ProblemType::CutoffPassed,
                    StatusCode::CONFLICT,
                    "Orders for this meal have closed",
                )
                .deadline(db::local(slot.order_by, state.tz))
                .hotline(canteen.hotline));
            }
            if bookings::has_active_meal(&mut tx, actor.elder.id, slot_id).await? {
                return Err(Error::new(
                    ProblemType::AlreadyBooked,
                    StatusCode::CONFLICT,
                    "This meal is already booked",
                ));
            }
            let delivery_address = match (fulfilment, address) {
                (Fulfilment::Delivery, Some(a)) => Some(a.trim().to_owned()),
                (Fulfilment::Delivery, None) => Some(
                    people::home_address(&mut *tx, actor.elder.id)
                        .await?
                        .ok_or_else(|| visits::address_missing(&canteen.hotline))?,
                ),
                _ => None,
            };
            if !meals::take_place(&mut tx, slot_id).await? {
                return Err(Error::new(
                    ProblemType::SlotFull,
                    StatusCode::CONFLICT,
                    "No places are left for this meal",
                )
                .hotline(canteen.hotline));
            }
            let price = pricing.split(
                slot_date(&slot)?,
                Fen(slot.price_fen),
                delivery_fee(&canteen, fulfilment),
            );
            let new = NewMealBooking {
                elder_id: actor.elder.id,
                booked_by: actor.principal.id,
                slot_id,
                fulfilment: fulfilment_name(fulfilment),
                delivery_address: delivery_address.as_deref(),
                price: &price,
                now,
            };
            bookings::insert_meal(&mut tx, &new).await?
        }
        &CreateBookingRequest::Daycare {
            session_id,
            transport,
        } => daycare::book(&mut tx, &state, &actor, &pricing, session_id, transport).await?,
        CreateBookingRequest::Visit {
            service_id,
            window_id,
            address,
            note,
        } => {
            let order = VisitOrder {
                service_id: *service_id,
                window_id: *window_id,
                address: address.as_deref(),
                note: note.as_deref(),
            };
            visits::book(&mut tx, &state, &actor, &pricing, order).await?
        }
    };
    finish(
        tx,
        &state,
        &actor,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        id,
        "booked",
    )
    .await
}

/// The elder's bookings of every kind, soonest first, including the last 30 days.
#[utoipa::path(
    get, path = "/bookings", tag = "bookings",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = Vec<Booking>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Vec<Booking>>> {
    actor.require(|p| p.view)?;
    let now = state.clock.unix();
    let rows = bookings::for_elder(&state.db, actor.elder.id, now - HISTORY_DAYS * 86_400).await?;
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let service = service_of(&mut conn, &row, state.tz).await?;
        out.push(view(row, service, now, state.tz)?);
    }
    Ok(Json(out))
}

/// Cancel a booking of any kind before its cancel cutoff, giving back its place (and a
/// day-care transport seat). After the cutoff, the refusal names the deadline and the
/// hotline of the canteen, centre or provider, so the elder can still call. A home visit
/// whose worker is already on the way cannot be cancelled here. The bearer may be a kiosk's
/// delivery token, as for booking.
#[utoipa::path(
    post, path = "/bookings/{id}/cancel", tag = "bookings",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Booking id"),
        ("acting-for" = i64, Header, description = "The elder acted for"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    responses(
        (status = 200, description = "Cancelled", body = Booking),
        (status = 404, description = "No such booking for this elder", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "cutoff-passed, not-cancellable", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn cancel(
    State(state): State<AppState>,
    QueuedActor(actor): QueuedActor,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    actor.require(|p| p.cancel)?;
    let fingerprint =
        idempotency::fingerprint(&format!("POST /bookings/{id}/cancel"), actor.elder.id, &());
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let now = state.clock.unix();
    // Another elder's booking is "not found": its existence is not this caller's business.
    let row = bookings::get(&mut *tx, id, actor.elder.id)
        .await?
        .ok_or_else(Error::not_found)?;
    if !matches!(row.status.as_str(), "pending" | "booked") {
        return Err(Error::new(
            ProblemType::NotCancellable,
            StatusCode::CONFLICT,
            "This booking is not active",
        ));
    }
    if row.visit_stage.as_deref() == Some("on_the_way") {
        return Err(Error::new(
            ProblemType::NotCancellable,
            StatusCode::CONFLICT,
            "The worker is already on the way",
        )
        .hotline(row.hotline));
    }
    if now >= row.cancel_by {
        return Err(Error::new(
            ProblemType::CutoffPassed,
            StatusCode::CONFLICT,
            "The cancel deadline has passed",
        )
        .deadline(db::local(row.cancel_by, state.tz))
        .hotline(row.hotline));
    }
    bookings::cancel(&mut tx, id, actor.principal.id, now).await?;
    if let Some(slot_id) = row.meal_slot_id {
        meals::release_place(&mut tx, slot_id).await?;
    }
    if let Some(session_id) = row.daycare_session_id {
        daycare_db::release(&mut tx, session_id, row.transport).await?;
    }
    if let Some(window_id) = row.visit_window_id {
        visits_db::release_place(&mut tx, window_id).await?;
    }
    finish(
        tx,
        &state,
        &actor,
        &key,
        &fingerprint,
        StatusCode::OK,
        id,
        "cancelled",
    )
    .await
}

/// Ends a change to booking `id`: reads it back, stores the answer under the idempotency key in
/// the same transaction, commits, and logs who did what for whom.
#[allow(clippy::too_many_arguments)] // each is one fact about the change; a struct would only rename them
pub(super) async fn finish(
    mut tx: Tx,
    state: &AppState,
    actor: &Actor,
    key: &IdempotencyKey,
    fingerprint: &str,
    status: StatusCode,
    id: i64,
    event: &'static str,
) -> Result<Response> {
    let booking = load(&mut tx, state, id, actor.elder.id).await?;
    let resp = idempotency::record(
        &mut tx,
        actor.principal.id,
        key,
        fingerprint,
        status,
        &booking,
        state.clock.unix(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        booking = id,
        elder = actor.elder.id,
        by = actor.principal.id,
        event,
        "booking changed"
    );
    Ok(resp)
}

/// One booking of the elder as the API shows it, read inside a change's transaction.
pub(super) async fn load(tx: &mut Tx, state: &AppState, id: i64, elder_id: i64) -> Result<Booking> {
    let row = bookings::get(&mut **tx, id, elder_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("booking {id} vanished inside its transaction")))?;
    let service = service_of(tx, &row, state.tz).await?;
    view(row, service, state.clock.unix(), state.tz)
}

/// What a booking is for, read by the module of its kind.
pub(super) async fn service_of(
    conn: &mut SqliteConnection,
    row: &BookingRow,
    tz: FixedOffset,
) -> Result<BookedService> {
    match (row.kind.as_str(), row.meal_slot_id, row.daycare_session_id) {
        ("meal", Some(slot_id), _) => meal_service(conn, slot_id, row, tz).await,
        ("daycare", _, Some(session_id)) => {
            daycare::booked(conn, session_id, row.transport, tz).await
        }
        ("visit", _, _) => visits::booked(conn, row.id, tz).await,
        (kind, _, _) => Err(Error::Internal(format!(
            "booking {} of kind {kind:?} has no service",
            row.id
        ))),
    }
}

async fn meal_service(
    conn: &mut SqliteConnection,
    slot_id: i64,
    row: &BookingRow,
    tz: FixedOffset,
) -> Result<BookedService> {
    let slot = meals::slot(&mut *conn, slot_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("meal slot {slot_id} vanished")))?;
    let canteen = meals::canteen(&mut *conn, slot.canteen_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("canteen {} vanished", slot.canteen_id)))?;
    let dishes = meals::dishes_of_slot(&mut *conn, slot_id).await?;
    Ok(BookedService::Meal(MealBooking {
        slot_id,
        canteen: Text::new(canteen.name_zh, canteen.name_en),
        address: Text::new(canteen.address_zh, canteen.address_en),
        hotline: canteen.hotline,
        date: slot_date(&slot)?,
        meal: meal_kind(&slot.meal)?,
        fulfilment: parse_fulfilment(row.fulfilment.as_deref().unwrap_or_default())?,
        serve_from: db::local(slot.serve_from, tz),
        serve_until: db::local(slot.serve_until, tz),
        dishes: dish_texts(dishes),
        delivery_address: row.delivery_address.clone(),
    }))
}

const STATUSES: [BookingStatus; 6] = [
    BookingStatus::Pending,
    BookingStatus::Booked,
    BookingStatus::Arrived,
    BookingStatus::Fulfilled,
    BookingStatus::Cancelled,
    BookingStatus::Noshow,
];

/// A status as stored (and as serde spells it).
pub(super) fn status_name(s: BookingStatus) -> &'static str {
    match s {
        BookingStatus::Pending => "pending",
        BookingStatus::Booked => "booked",
        BookingStatus::Arrived => "arrived",
        BookingStatus::Fulfilled => "fulfilled",
        BookingStatus::Cancelled => "cancelled",
        BookingStatus::Noshow => "noshow",
    }
}

pub(super) fn status(s: &str) -> Result<BookingStatus> {
    STATUSES
        .into_iter()
        .find(|st| status_name(*st) == s)
        .ok_or_else(|| Error::Internal(format!("unknown booking status {s:?}")))
}

pub(super) fn person_kind(s: &str) -> PersonKind {
    match s {
        "family" => PersonKind::Family,
        "staff" => PersonKind::Staff,
        _ => PersonKind::Elder,
    }
}

fn view(row: BookingRow, service: BookedService, now: i64, tz: FixedOffset) -> Result<Booking> {
    let status = status(&row.status)?;
    let active = matches!(status, BookingStatus::Pending | BookingStatus::Booked);
    // A visit whose worker has set off can no longer be called off from the app.
    let on_the_way = matches!(&service, BookedService::Visit(v) if v.stage == VisitStage::OnTheWay);
    let rating = ratings::rating_of(&row, tz)?;
    Ok(Booking {
        provider: row.provider.card(),
        can_rate: status == BookingStatus::Fulfilled && rating.is_none(),
        rating,
        id: row.id,
        status,
        elder: PersonRef {
            id: row.elder_id,
            name: row.elder_name,
            kind: PersonKind::Elder,
            relation: None,
        },
        booked_by: PersonRef {
            id: row.booked_by,
            name: row.booked_by_name,
            kind: person_kind(&row.booked_by_kind),
            relation: row.booked_by_relation.as_deref().map(Relation::parse),
        },
        created_at: db::local(row.created_at, tz),
        service,
        price: PriceSplit {
            full_price: Fen(row.full_price_fen),
            subsidy: Fen(row.subsidy_fen),
            delivery_fee: Fen(row.delivery_fee_fen),
            you_pay: Fen(row.you_pay_fen),
        },
        cancel_by: db::local(row.cancel_by, tz),
        can_cancel: active && !on_the_way && now < row.cancel_by,
    })
}
