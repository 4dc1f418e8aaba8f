//! Bookings of every kind: made, listed and cancelled, always for one elder. Each row is
//! the envelope (who, for whom, status, price, when); the kind's own details are read by
//! the kind's module (`meals`, `daycare`, `visits`).

use sqlx::SqliteExecutor;

use super::{Db, Tx, providers::ProviderRow};

/// A booking with who made it and the times of what it is for, whatever its kind.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BookingRow {
    pub id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub booked_by: i64,
    pub booked_by_name: String,
    pub booked_by_kind: String,
    /// The booker's relation to the elder, when they are linked family.
    pub booked_by_relation: Option<String>,
    pub kind: String,
    pub status: String,
    pub full_price_fen: i64,
    pub subsidy_fen: i64,
    pub delivery_fee_fen: i64,
    pub you_pay_fen: i64,
    pub created_at: i64,
    pub meal_slot_id: Option<i64>,
    pub fulfilment: Option<String>,
    pub daycare_session_id: Option<i64>,
    pub transport: bool,
    pub visit_window_id: Option<i64>,
    pub visit_stage: Option<String>,
    /// When the service starts and ends, and the cancel cutoff, from the booked unit.
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancel_by: i64,
    /// Whom to call about it: the canteen, the centre or the provider.
    pub hotline: String,
    /// Where a delivered meal goes.
    pub delivery_address: Option<String>,
    /// The card of the canteen, centre or visit provider.
    #[sqlx(flatten)]
    pub provider: ProviderRow,
    /// The rating, once given, and who gave it.
    pub rating_face: Option<String>,
    pub rating_comment: Option<String>,
    pub rated_by: Option<i64>,
    pub rated_by_name: Option<String>,
    pub rated_by_kind: Option<String>,
    pub rated_by_relation: Option<String>,
    pub rated_at: Option<i64>,
}

/// The envelope query followed by `$tail` (a WHERE and ORDER BY); `concat!` keeps the SQL a
/// `&'static str`, which sqlx accepts as safe. Exactly one of the three LEFT JOIN chains
/// matches a row (the table's CHECK ties the reference columns to `kind`), so each COALESCE
/// picks the column of the booking's own kind; the committee is that of the provider's
/// community. A relation is found only for linked family (nobody else has a link to the elder).
macro_rules! select_bookings {
    ($tail:literal) => {
        concat!(
            "
    SELECT b.id, b.elder_id, e.name AS elder_name, b.booked_by, m.name AS booked_by_name,
           m.kind AS booked_by_kind,
           (SELECT fl.relation FROM family_links fl
            WHERE fl.elder_id = b.elder_id AND fl.family_id = b.booked_by
            ORDER BY fl.id DESC LIMIT 1) AS booked_by_relation,
           b.kind, b.status, b.full_price_fen, b.subsidy_fen,
           b.delivery_fee_fen, b.you_pay_fen, b.created_at, b.meal_slot_id, b.fulfilment,
           b.daycare_session_id, b.transport, b.visit_window_id, b.visit_stage,
           COALESCE(s.serve_from, d.starts_at, w.starts_at) AS starts_at,
           COALESCE(s.serve_until, d.ends_at, w.ends_at) AS ends_at,
           COALESCE(s.cancel_by, d.cancel_by, w.cancel_by) AS cancel_by,
           COALESCE(c.hotline, dc.hotline, vp.hotline) AS hotline,
           b.delivery_address,
           COALESCE(c.operator_zh, dc.operator_zh, vp.name_zh) AS organisation_zh,
           COALESCE(c.operator_en, dc.operator_en, vp.name_en) AS organisation_en,
           cm.committee_zh, cm.committee_en,
           COALESCE(c.funding_zh, dc.funding_zh, vp.funding_zh) AS funding_zh,
           COALESCE(c.funding_en, dc.funding_en, vp.funding_en) AS funding_en,
           COALESCE(c.government_purchased, dc.government_purchased, vp.government_purchased)
               AS government_purchased,
           r.face AS rating_face, r.comment AS rating_comment, r.rated_by,
           rp.name AS rated_by_name, rp.kind AS rated_by_kind,
           (SELECT fl.relation FROM family_links fl
            WHERE fl.elder_id = b.elder_id AND fl.family_id = r.rated_by
            ORDER BY fl.id DESC LIMIT 1) AS rated_by_relation,
           r.rated_at
    FROM bookings b
    JOIN people e ON e.id = b.elder_id
    JOIN people m ON m.id = b.booked_by
    LEFT JOIN meal_slots s ON s.id = b.meal_slot_id
    LEFT JOIN canteens c ON c.id = s.canteen_id
    LEFT JOIN daycare_sessions d ON d.id = b.daycare_session_id
    LEFT JOIN daycare_centres dc ON dc.id = d.centre_id
    LEFT JOIN visit_windows w ON w.id = b.visit_window_id
    LEFT JOIN visit_providers vp ON vp.id = w.provider_id
    JOIN communities cm ON cm.id = COALESCE(c.community_id, dc.community_id, vp.community_id)
    LEFT JOIN ratings r ON r.booking_id = b.id
    LEFT JOIN people rp ON rp.id = r.rated_by",
            $tail
        )
    };
}

/// The elder's bookings of every kind for services ending after `since`, soonest first.
pub async fn for_elder(db: &Db, elder_id: i64, since: i64) -> sqlx::Result<Vec<BookingRow>> {
    sqlx::query_as(select_bookings!(
        " WHERE b.elder_id = ? AND COALESCE(s.serve_until, d.ends_at, w.ends_at) >= ?
          ORDER BY COALESCE(s.serve_from, d.starts_at, w.starts_at), b.id"
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
         WHERE elder_id = ? AND meal_slot_id = ? AND status IN ('pending', 'booked', 'arrived')",
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
    /// Where to deliver; only for delivery.
    pub delivery_address: Option<&'a str>,
    pub price: &'a api::PriceSplit,
    pub now: i64,
}

pub async fn insert_meal(tx: &mut Tx, b: &NewMealBooking<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO bookings (elder_id, booked_by, kind, status, meal_slot_id, fulfilment,
                               delivery_address, full_price_fen, subsidy_fen, delivery_fee_fen,
                               you_pay_fen, created_at)
         VALUES (?, ?, 'meal', 'booked', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(b.elder_id)
    .bind(b.booked_by)
    .bind(b.slot_id)
    .bind(b.fulfilment)
    .bind(b.delivery_address)
    .bind(b.price.full_price.0)
    .bind(b.price.subsidy.0)
    .bind(b.price.delivery_fee.0)
    .bind(b.price.you_pay.0)
    .bind(b.now)
    .fetch_one(&mut **tx)
    .await
}

/// Cancels a booking; a visit's stage follows its status in the same statement.
pub async fn cancel(tx: &mut Tx, id: i64, by: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = ?1, cancelled_by = ?2,
                visit_stage = CASE WHEN kind = 'visit' THEN 'cancelled' END,
                stage_changed_at = CASE WHEN kind = 'visit' THEN ?1 END,
                stage_changed_by = CASE WHEN kind = 'visit' THEN ?2 END
         WHERE id = ?3",
    )
    .bind(now)
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records attendance at a meal or day-care booking: moves its status from `from` to `to`
/// and notes who did it. Conditional on `from`, like a visit's stage: a concurrent change
/// that got there first makes this one affect no row.
pub async fn set_attendance(
    tx: &mut Tx,
    id: i64,
    from: &str,
    to: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE bookings SET status = ?1, attendance_at = ?2, attendance_by = ?3
         WHERE id = ?4 AND status = ?5 AND kind IN ('meal', 'daycare')",
    )
    .bind(to)
    .bind(now)
    .bind(by)
    .bind(id)
    .bind(from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
