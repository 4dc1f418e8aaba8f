//! Day-care centres (日间照料), their sessions and closed days, the places left in each
//! session and on its transport, and day-care bookings.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use super::{Db, Tx, providers::ProviderRow};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CentreRow {
    pub id: i64,
    pub community_id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub address_zh: String,
    pub address_en: String,
    pub hotline: String,
    pub places: i64,
    #[sqlx(flatten)]
    pub provider: ProviderRow,
}

/// A centre with its provider card; `$tail` is a WHERE and ORDER BY.
macro_rules! select_centres {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.community_id, c.name_zh, c.name_en, c.address_zh, c.address_en,
                    c.hotline, c.places, c.operator_zh AS organisation_zh,
                    c.operator_en AS organisation_en, m.committee_zh, m.committee_en,
                    c.funding_zh, c.funding_en, c.government_purchased
             FROM daycare_centres c JOIN communities m ON m.id = c.community_id",
            $tail
        )
    };
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub centre_id: i64,
    pub date: String,
    pub period: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
    pub booked: i64,
    pub price_fen: i64,
    pub transport_capacity: i64,
    pub transport_booked: i64,
    pub transport_fee_fen: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClosedDayRow {
    pub date: String,
    pub reason_zh: String,
    pub reason_en: String,
}

pub async fn centres(db: &Db, community_id: i64) -> sqlx::Result<Vec<CentreRow>> {
    sqlx::query_as(select_centres!(" WHERE c.community_id = ? ORDER BY c.id"))
        .bind(community_id)
        .fetch_all(db)
        .await
}

pub async fn centre(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<CentreRow>> {
    sqlx::query_as(select_centres!(" WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Sessions of a centre on days `from` ≤ date < `until`, in time order.
pub async fn sessions(
    db: &Db,
    centre_id: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as(
        "SELECT id, centre_id, date, period, starts_at, ends_at, order_by, cancel_by, capacity, booked,
                price_fen, transport_capacity, transport_booked, transport_fee_fen
         FROM daycare_sessions WHERE centre_id = ? AND date >= ? AND date < ?
         ORDER BY starts_at, ends_at",
    )
    .bind(centre_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(db)
    .await
}

pub async fn session(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<SessionRow>> {
    sqlx::query_as(
        "SELECT id, centre_id, date, period, starts_at, ends_at, order_by, cancel_by, capacity, booked,
                price_fen, transport_capacity, transport_booked, transport_fee_fen
         FROM daycare_sessions WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn closed_days(
    db: &Db,
    centre_id: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> sqlx::Result<Vec<ClosedDayRow>> {
    sqlx::query_as(
        "SELECT date, reason_zh, reason_en FROM daycare_closed_days
         WHERE centre_id = ? AND date >= ? AND date < ? ORDER BY date",
    )
    .bind(centre_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(db)
    .await
}

pub async fn is_closed(tx: &mut Tx, centre_id: i64, date: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM daycare_closed_days WHERE centre_id = ? AND date = ?",
    )
    .bind(centre_id)
    .bind(date)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub async fn has_active(tx: &mut Tx, elder_id: i64, session_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings
         WHERE elder_id = ? AND daycare_session_id = ? AND status IN ('pending', 'booked', 'arrived')",
    )
    .bind(elder_id)
    .bind(session_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

/// The elder's active day-care booking whose session overlaps `[starts_at, ends_at)`, if any.
/// Read inside the booking's `BEGIN IMMEDIATE` transaction, so no concurrent booking can
/// slip in between this check and the insert.
pub async fn overlapping(
    tx: &mut Tx,
    elder_id: i64,
    starts_at: i64,
    ends_at: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT b.id FROM bookings b JOIN daycare_sessions d ON d.id = b.daycare_session_id
         WHERE b.elder_id = ? AND b.status IN ('pending', 'booked', 'arrived')
           AND d.starts_at < ? AND d.ends_at > ?
         ORDER BY d.starts_at LIMIT 1",
    )
    .bind(elder_id)
    .bind(ends_at)
    .bind(starts_at)
    .fetch_optional(&mut **tx)
    .await
}

/// Takes one place if any is left: check and increment in one statement, as for meals.
pub async fn take_place(tx: &mut Tx, session_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE daycare_sessions SET booked = booked + 1 WHERE id = ? AND booked < capacity",
    )
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes one seat on the session's transport if any is left.
pub async fn take_transport(tx: &mut Tx, session_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE daycare_sessions SET transport_booked = transport_booked + 1
         WHERE id = ? AND transport_booked < transport_capacity",
    )
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives back the place, and the transport seat if the booking had one.
pub async fn release(tx: &mut Tx, session_id: i64, transport: bool) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE daycare_sessions
         SET booked = MAX(booked - 1, 0),
             transport_booked = CASE WHEN ? THEN MAX(transport_booked - 1, 0) ELSE transport_booked END
         WHERE id = ?",
    )
    .bind(transport)
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub struct NewDaycareBooking<'a> {
    pub elder_id: i64,
    pub booked_by: i64,
    pub session_id: i64,
    pub transport: bool,
    pub price: &'a api::PriceSplit,
    pub now: i64,
}

pub async fn insert_booking(tx: &mut Tx, b: &NewDaycareBooking<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO bookings (elder_id, booked_by, kind, status, daycare_session_id, transport,
                               full_price_fen, subsidy_fen, delivery_fee_fen, you_pay_fen, created_at)
         VALUES (?, ?, 'daycare', 'booked', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.elder_id)
    .bind(b.booked_by)
    .bind(b.session_id)
    .bind(b.transport)
    .bind(b.price.full_price.0)
    .bind(b.price.subsidy.0)
    .bind(b.price.delivery_fee.0)
    .bind(b.price.you_pay.0)
    .bind(b.now)
    .fetch_one(&mut **tx)
    .await
}

/// A session to publish; an existing (centre, date, period) session is left as it is.
pub struct NewSession<'a> {
    pub centre_id: i64,
    pub date: NaiveDate,
    pub period: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
    pub price_fen: i64,
    pub transport_capacity: i64,
    pub transport_fee_fen: i64,
}

pub async fn publish_session(db: &Db, s: &NewSession<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO daycare_sessions (centre_id, date, period, starts_at, ends_at, order_by, cancel_by,
                                       capacity, price_fen, transport_capacity, transport_fee_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (centre_id, date, period) DO NOTHING",
    )
    .bind(s.centre_id)
    .bind(s.date.to_string())
    .bind(s.period)
    .bind(s.starts_at)
    .bind(s.ends_at)
    .bind(s.order_by)
    .bind(s.cancel_by)
    .bind(s.capacity)
    .bind(s.price_fen)
    .bind(s.transport_capacity)
    .bind(s.transport_fee_fen)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn close_day(
    db: &Db,
    centre_id: i64,
    date: NaiveDate,
    reason: (&str, &str),
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO daycare_closed_days (centre_id, date, reason_zh, reason_en) VALUES (?, ?, ?, ?)
         ON CONFLICT (centre_id, date) DO NOTHING",
    )
    .bind(centre_id)
    .bind(date.to_string())
    .bind(reason.0)
    .bind(reason.1)
    .execute(db)
    .await?;
    Ok(())
}

/// One kind of session a centre runs, with the centre's cutoffs (local 'HH:MM' times).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PeriodRow {
    pub centre_id: i64,
    pub period: String,
    pub starts: String,
    pub ends: String,
    pub capacity: i64,
    pub price_fen: i64,
    pub transport_seats: i64,
    pub transport_fee_fen: i64,
    /// Bookings and cancellations close at these times the day before.
    pub order_cutoff: String,
    pub cancel_cutoff: String,
}

/// Every centre's configured periods, by centre.
pub async fn periods(db: &Db) -> sqlx::Result<Vec<PeriodRow>> {
    sqlx::query_as(
        "SELECT p.centre_id, p.period, p.starts, p.ends, p.capacity, p.price_fen, p.transport_seats,
                p.transport_fee_fen, c.order_cutoff, c.cancel_cutoff
         FROM daycare_periods p JOIN daycare_centres c ON c.id = p.centre_id
         ORDER BY p.centre_id, p.starts, p.ends",
    )
    .fetch_all(db)
    .await
}

/// A kind of session to configure; an existing (centre, period) is left as it is.
pub struct NewPeriod<'a> {
    pub centre_id: i64,
    pub period: &'a str,
    pub starts: &'a str,
    pub ends: &'a str,
    pub capacity: i64,
    pub price_fen: i64,
    pub transport_seats: i64,
    pub transport_fee_fen: i64,
}

pub async fn configure_period(db: &Db, p: &NewPeriod<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO daycare_periods (centre_id, period, starts, ends, capacity, price_fen,
                                      transport_seats, transport_fee_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (centre_id, period) DO NOTHING",
    )
    .bind(p.centre_id)
    .bind(p.period)
    .bind(p.starts)
    .bind(p.ends)
    .bind(p.capacity)
    .bind(p.price_fen)
    .bind(p.transport_seats)
    .bind(p.transport_fee_fen)
    .execute(db)
    .await?;
    Ok(())
}
