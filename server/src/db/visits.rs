//! Home visits (上门服务): providers, their service catalogue and arrival windows, the
//! places left in each window, and visit bookings with their lifecycle.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use super::{Db, Tx, providers::ProviderRow};

/// A service joined with its provider's card.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ServiceRow {
    pub id: i64,
    pub provider_id: i64,
    pub community_id: i64,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub duration_minutes: i64,
    pub price_fen: i64,
    #[sqlx(flatten)]
    pub provider: ProviderRow,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct WindowRow {
    pub id: i64,
    pub provider_id: i64,
    pub date: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
    pub booked: i64,
}

/// What a visit booking is for, and where its lifecycle stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisitRow {
    pub service_id: i64,
    pub window_id: i64,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub provider_zh: String,
    pub provider_en: String,
    pub hotline: String,
    pub date: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub address: String,
    pub note: Option<String>,
    pub stage: String,
    pub worker: Option<String>,
}

macro_rules! select_services {
    ($tail:literal) => {
        concat!(
            "SELECT s.id, s.provider_id, p.community_id, s.kind, s.name_zh, s.name_en,
                    s.description_zh, s.description_en, s.duration_minutes, s.price_fen,
                    p.name_zh AS organisation_zh, p.name_en AS organisation_en, m.committee_zh,
                    m.committee_en, p.hotline, p.funding_zh, p.funding_en, p.government_purchased
             FROM visit_services s JOIN visit_providers p ON p.id = s.provider_id
             JOIN communities m ON m.id = p.community_id",
            $tail
        )
    };
}

pub async fn services(db: &Db, community_id: i64) -> sqlx::Result<Vec<ServiceRow>> {
    sqlx::query_as(select_services!(
        " WHERE p.community_id = ? ORDER BY s.provider_id, s.id"
    ))
    .bind(community_id)
    .fetch_all(db)
    .await
}

pub async fn service(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<ServiceRow>> {
    sqlx::query_as(select_services!(" WHERE s.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Windows of a provider on days `from` ≤ date < `until`, in time order.
pub async fn windows(
    db: &Db,
    provider_id: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> sqlx::Result<Vec<WindowRow>> {
    sqlx::query_as(
        "SELECT id, provider_id, date, starts_at, ends_at, order_by, cancel_by, capacity, booked
         FROM visit_windows WHERE provider_id = ? AND date >= ? AND date < ? ORDER BY starts_at",
    )
    .bind(provider_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(db)
    .await
}

pub async fn window(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<WindowRow>> {
    sqlx::query_as(
        "SELECT id, provider_id, date, starts_at, ends_at, order_by, cancel_by, capacity, booked
         FROM visit_windows WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn has_active(tx: &mut Tx, elder_id: i64, window_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings
         WHERE elder_id = ? AND visit_window_id = ? AND status IN ('pending', 'booked', 'arrived')",
    )
    .bind(elder_id)
    .bind(window_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

/// Takes one place in a window if any is left: check and increment in one statement.
pub async fn take_place(tx: &mut Tx, window_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE visit_windows SET booked = booked + 1 WHERE id = ? AND booked < capacity",
    )
    .bind(window_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release_place(tx: &mut Tx, window_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE visit_windows SET booked = booked - 1 WHERE id = ? AND booked > 0")
        .bind(window_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub struct NewVisitBooking<'a> {
    pub elder_id: i64,
    pub booked_by: i64,
    pub service_id: i64,
    pub window_id: i64,
    pub address: &'a str,
    pub note: Option<&'a str>,
    pub price: &'a api::PriceSplit,
    pub now: i64,
}

/// A new visit is `pending` (FHIR: awaiting the provider) at stage `requested`.
pub async fn insert_booking(tx: &mut Tx, b: &NewVisitBooking<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO bookings (elder_id, booked_by, kind, status, visit_service_id, visit_window_id,
                               visit_address, visit_note, visit_stage, stage_changed_at,
                               stage_changed_by, full_price_fen, subsidy_fen, delivery_fee_fen,
                               you_pay_fen, created_at)
         VALUES (?1, ?2, 'visit', 'pending', ?3, ?4, ?5, ?6, 'requested', ?7, ?2, ?8, ?9, ?10, ?11, ?7)
         RETURNING id",
    )
    .bind(b.elder_id)
    .bind(b.booked_by)
    .bind(b.service_id)
    .bind(b.window_id)
    .bind(b.address)
    .bind(b.note)
    .bind(b.now)
    .bind(b.price.full_price.0)
    .bind(b.price.subsidy.0)
    .bind(b.price.delivery_fee.0)
    .bind(b.price.you_pay.0)
    .fetch_one(&mut **tx)
    .await
}

/// What a visit booking is for; `None` when the booking is not a visit.
pub async fn visit(db: impl SqliteExecutor<'_>, booking_id: i64) -> sqlx::Result<Option<VisitRow>> {
    sqlx::query_as(
        "SELECT s.id AS service_id, w.id AS window_id, s.kind, s.name_zh, s.name_en,
                p.name_zh AS provider_zh, p.name_en AS provider_en, p.hotline, w.date, w.starts_at,
                w.ends_at, b.visit_address AS address, b.visit_note AS note, b.visit_stage AS stage,
                b.worker_name AS worker
         FROM bookings b
         JOIN visit_services s ON s.id = b.visit_service_id
         JOIN visit_windows w ON w.id = b.visit_window_id
         JOIN visit_providers p ON p.id = s.provider_id
         WHERE b.id = ? AND b.kind = 'visit'",
    )
    .bind(booking_id)
    .fetch_optional(db)
    .await
}

/// A visit moving from one stage to the next, by a staff member.
pub struct StageChange<'a> {
    pub booking_id: i64,
    pub from: &'a str,
    pub to: &'a str,
    /// The booking status that goes with `to`.
    pub status: &'a str,
    /// The worker's name, when assigning.
    pub worker: Option<&'a str>,
    pub by: i64,
    pub now: i64,
}

/// Moves a visit from stage `from` to `to`, with the booking status that goes with it.
/// The `from` guard makes the move conditional, like taking a place: a concurrent
/// transition that got there first makes this one affect no row (and be refused).
pub async fn set_stage(tx: &mut Tx, c: &StageChange<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE bookings SET visit_stage = ?1, status = ?2, worker_name = COALESCE(?3, worker_name),
                stage_changed_at = ?4, stage_changed_by = ?5
         WHERE id = ?6 AND kind = 'visit' AND visit_stage = ?7",
    )
    .bind(c.to)
    .bind(c.status)
    .bind(c.worker)
    .bind(c.now)
    .bind(c.by)
    .bind(c.booking_id)
    .bind(c.from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A service for the demo catalogue; an existing (provider, kind) service is left as it is.
pub struct NewService<'a> {
    pub provider_id: i64,
    pub kind: &'a str,
    pub name: (&'a str, &'a str),
    pub description: (&'a str, &'a str),
    pub duration_minutes: i64,
    pub price_fen: i64,
}

pub async fn add_service(db: &Db, s: &NewService<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO visit_services (provider_id, kind, name_zh, name_en, description_zh,
                                     description_en, duration_minutes, price_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_id, kind) DO NOTHING",
    )
    .bind(s.provider_id)
    .bind(s.kind)
    .bind(s.name.0)
    .bind(s.name.1)
    .bind(s.description.0)
    .bind(s.description.1)
    .bind(s.duration_minutes)
    .bind(s.price_fen)
    .execute(db)
    .await?;
    Ok(())
}

/// A window to publish; an existing (provider, start) window is left as it is.
pub struct NewWindow {
    pub provider_id: i64,
    pub date: NaiveDate,
    pub starts_at: i64,
    pub ends_at: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
}

pub async fn publish_window(db: &Db, w: &NewWindow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO visit_windows (provider_id, date, starts_at, ends_at, order_by, cancel_by, capacity)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (provider_id, starts_at) DO NOTHING",
    )
    .bind(w.provider_id)
    .bind(w.date.to_string())
    .bind(w.starts_at)
    .bind(w.ends_at)
    .bind(w.order_by)
    .bind(w.cancel_by)
    .bind(w.capacity)
    .execute(db)
    .await?;
    Ok(())
}
