//! Bookings: made, listed and cancelled, always for one elder.

use sqlx::SqliteExecutor;

use super::{Db, Tx};

/// A booking joined with what it is for and who made it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub booked_by: i64,
    pub booked_by_name: String,
    pub booked_by_kind: String,
    pub status: String,
    pub fulfilment: Option<String>,
    pub full_price_fen: i64,
    pub subsidy_fen: i64,
    pub delivery_fee_fen: i64,
    pub you_pay_fen: i64,
    pub created_at: i64,
    pub slot_id: i64,
    pub date: String,
    pub meal: String,
    pub serve_from: i64,
    pub serve_until: i64,
    pub cancel_by: i64,
    pub canteen_zh: String,
    pub canteen_en: String,
    pub address_zh: String,
    pub address_en: String,
    pub hotline: String,
}

/// The joined booking query followed by `$tail` (a WHERE and ORDER BY); `concat!` keeps
/// the SQL a `&'static str`, which sqlx accepts as safe.
macro_rules! select_bookings {
    ($tail:literal) => {
        concat!("
    SELECT b.id, b.elder_id, e.name AS elder_name, b.booked_by, m.name AS booked_by_name,
           m.kind AS booked_by_kind, b.status, b.fulfilment, b.full_price_fen, b.subsidy_fen,
           b.delivery_fee_fen, b.you_pay_fen, b.created_at, s.id AS slot_id, s.date, s.meal,
           s.serve_from, s.serve_until, s.cancel_by, c.name_zh AS canteen_zh, c.name_en AS canteen_en,
           c.address_zh, c.address_en, c.hotline
    FROM bookings b
    JOIN people e ON e.id = b.elder_id
    JOIN people m ON m.id = b.booked_by
    JOIN meal_slots s ON s.id = b.meal_slot_id
    JOIN canteens c ON c.id = s.canteen_id", $tail)
    };
}

/// The elder's bookings for services ending after `since`, soonest first.
pub async fn for_elder(db: &Db, elder_id: i64, since: i64) -> sqlx::Result<Vec<BookingRow>> {
    sqlx::query_as(select_bookings!(
        " WHERE b.elder_id = ? AND s.serve_until >= ? ORDER BY s.serve_from, b.id"
    ))
    .bind(elder_id)
    .bind(since)
    .fetch_all(db)
    .await
}

/// One booking of one elder; `None` for anyone else's, so nothing leaks.
pub async fn get(
    db: impl SqliteExecutor<'_>,
    id: i64,
    elder_id: i64,
) -> sqlx::Result<Option<BookingRow>> {
    sqlx::query_as(select_bookings!(" WHERE b.id = ? AND b.elder_id = ?"))
        .bind(id)
        .bind(elder_id)
        .fetch_optional(db)
        .await
}

pub async fn has_active_meal(tx: &mut Tx, elder_id: i64, slot_id: i64) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings
         WHERE elder_id = ? AND meal_slot_id = ? AND status IN ('pending', 'booked')",
    )
    .bind(elder_id)
    .bind(slot_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub struct NewMealBooking<'a> {
    pub elder_id: i64,
    pub booked_by: i64,
    pub slot_id: i64,
    pub fulfilment: &'a str,
    pub price: &'a api::PriceSplit,
    pub now: i64,
}

pub async fn insert_meal(tx: &mut Tx, b: &NewMealBooking<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO bookings (elder_id, booked_by, kind, status, meal_slot_id, fulfilment, full_price_fen,
                               subsidy_fen, delivery_fee_fen, you_pay_fen, created_at)
         VALUES (?, ?, 'meal', 'booked', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.elder_id)
    .bind(b.booked_by)
    .bind(b.slot_id)
    .bind(b.fulfilment)
    .bind(b.price.full_price.0)
    .bind(b.price.subsidy.0)
    .bind(b.price.delivery_fee.0)
    .bind(b.price.you_pay.0)
    .bind(b.now)
    .fetch_one(&mut **tx)
    .await
}

pub async fn cancel(tx: &mut Tx, id: i64, by: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = ?, cancelled_by = ? WHERE id = ?",
    )
    .bind(now)
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
