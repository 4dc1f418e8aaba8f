//! Ratings of done services: one per booking, kept by the table's primary key.

use super::Tx;

pub struct NewRating<'a> {
    pub booking_id: i64,
    pub face: &'a str,
    pub comment: Option<&'a str>,
    pub rated_by: i64,
    pub now: i64,
}

/// Rates a booking unless it already has a rating; `false` when it had. The primary key on
/// `booking_id` decides, so two raters racing can never both succeed.
pub async fn insert(tx: &mut Tx, r: &NewRating<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO ratings (booking_id, face, comment, rated_by, rated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (booking_id) DO NOTHING",
    )
    .bind(r.booking_id)
    .bind(r.face)
    .bind(r.comment)
    .bind(r.rated_by)
    .bind(r.now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
