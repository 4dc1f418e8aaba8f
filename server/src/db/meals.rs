//! Canteens, their meal slots and dishes, and the places left in each slot.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use super::{Db, Tx, providers::ProviderRow};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CanteenRow {
    pub id: i64,
    pub community_id: i64,
    pub name_zh: String,
    pub name_en: String,
    pub address_zh: String,
    pub address_en: String,
    pub hotline: String,
    pub offers_delivery: bool,
    pub delivery_fee_fen: i64,
    #[sqlx(flatten)]
    pub provider: ProviderRow,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SlotRow {
    pub id: i64,
    pub canteen_id: i64,
    pub date: String,
    pub meal: String,
    pub serve_from: i64,
    pub serve_until: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
    pub booked: i64,
    pub price_fen: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DishRow {
    pub slot_id: i64,
    pub name_zh: String,
    pub name_en: String,
    /// The dish's diet tags, comma-separated (`GROUP_CONCAT`), or `None` when untagged.
    pub tags: Option<String>,
}

/// A canteen with its provider card: the operator, the committee of its community, its
/// funding. `$tail` is a WHERE and ORDER BY.
macro_rules! select_canteens {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.community_id, c.name_zh, c.name_en, c.address_zh, c.address_en,
                    c.hotline, c.offers_delivery, c.delivery_fee_fen,
                    c.operator_zh AS organisation_zh, c.operator_en AS organisation_en,
                    m.committee_zh, m.committee_en, c.funding_zh, c.funding_en,
                    c.government_purchased
             FROM canteens c JOIN communities m ON m.id = c.community_id",
            $tail
        )
    };
}

/// Dishes with their tags; `$tail` is a WHERE and ORDER BY over `dishes d`.
macro_rules! select_dishes {
    ($tail:literal) => {
        concat!(
            "SELECT d.slot_id, d.name_zh, d.name_en,
                    (SELECT GROUP_CONCAT(t.tag) FROM dish_tags t
                     WHERE t.slot_id = d.slot_id AND t.position = d.position) AS tags
             FROM dishes d",
            $tail
        )
    };
}

pub async fn canteens(db: &Db, community_id: i64) -> sqlx::Result<Vec<CanteenRow>> {
    sqlx::query_as(select_canteens!(" WHERE c.community_id = ? ORDER BY c.id"))
        .bind(community_id)
        .fetch_all(db)
        .await
}

pub async fn canteen(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<CanteenRow>> {
    sqlx::query_as(select_canteens!(" WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Slots of a canteen on days `from` ≤ date < `until`, in serving order.
pub async fn slots(
    db: &Db,
    canteen_id: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> sqlx::Result<Vec<SlotRow>> {
    sqlx::query_as(
        "SELECT id, canteen_id, date, meal, serve_from, serve_until, order_by, cancel_by, capacity,
                booked, price_fen
         FROM meal_slots WHERE canteen_id = ? AND date >= ? AND date < ? ORDER BY serve_from",
    )
    .bind(canteen_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(db)
    .await
}

pub async fn slot(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<SlotRow>> {
    sqlx::query_as(
        "SELECT id, canteen_id, date, meal, serve_from, serve_until, order_by, cancel_by, capacity,
                booked, price_fen
         FROM meal_slots WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Dishes of every slot in the same range as [`slots`].
pub async fn dishes(
    db: &Db,
    canteen_id: i64,
    from: NaiveDate,
    until: NaiveDate,
) -> sqlx::Result<Vec<DishRow>> {
    sqlx::query_as(select_dishes!(
        " JOIN meal_slots s ON s.id = d.slot_id
          WHERE s.canteen_id = ? AND s.date >= ? AND s.date < ? ORDER BY d.slot_id, d.position"
    ))
    .bind(canteen_id)
    .bind(from.to_string())
    .bind(until.to_string())
    .fetch_all(db)
    .await
}

pub async fn dishes_of_slot(
    db: impl SqliteExecutor<'_>,
    slot_id: i64,
) -> sqlx::Result<Vec<DishRow>> {
    sqlx::query_as(select_dishes!(" WHERE d.slot_id = ? ORDER BY d.position"))
        .bind(slot_id)
        .fetch_all(db)
        .await
}

/// Takes one place if any is left. The check and the increment are one statement, so no
/// interleaving of requests can overbook (and the table's CHECK backs it up).
pub async fn take_place(tx: &mut Tx, slot_id: i64) -> sqlx::Result<bool> {
    let done =
        sqlx::query("UPDATE meal_slots SET booked = booked + 1 WHERE id = ? AND booked < capacity")
            .bind(slot_id)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn release_place(tx: &mut Tx, slot_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE meal_slots SET booked = booked - 1 WHERE id = ? AND booked > 0")
        .bind(slot_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A slot to publish; existing (canteen, date, meal) slots are left as they are.
pub struct NewSlot<'a> {
    pub canteen_id: i64,
    pub date: NaiveDate,
    pub meal: &'a str,
    pub serve_from: i64,
    pub serve_until: i64,
    pub order_by: i64,
    pub cancel_by: i64,
    pub capacity: i64,
    pub price_fen: i64,
    pub dishes: &'a [(&'a str, &'a str)],
}

/// Publishes a slot and its dishes unless it exists. Returns the new slot's id.
pub async fn publish_slot(db: &Db, s: &NewSlot<'_>) -> sqlx::Result<Option<i64>> {
    let mut tx = super::begin_change(db).await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO meal_slots (canteen_id, date, meal, serve_from, serve_until, order_by, cancel_by,
                                 capacity, price_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (canteen_id, date, meal) DO NOTHING RETURNING id",
    )
    .bind(s.canteen_id)
    .bind(s.date.to_string())
    .bind(s.meal)
    .bind(s.serve_from)
    .bind(s.serve_until)
    .bind(s.order_by)
    .bind(s.cancel_by)
    .bind(s.capacity)
    .bind(s.price_fen)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(id) = id {
        for (position, (zh, en)) in s.dishes.iter().enumerate() {
            sqlx::query(
                "INSERT INTO dishes (slot_id, position, name_zh, name_en) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(zh)
            .bind(en)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(id)
}

/// Tags every dish called `name_zh`, on every slot, with `tags`; tags already there stay.
/// Menus are published by name, so this tags old and new slots alike.
pub async fn tag_dishes(db: &Db, name_zh: &str, tags: &[&str]) -> sqlx::Result<()> {
    for tag in tags {
        sqlx::query(
            "INSERT INTO dish_tags (slot_id, position, tag)
             SELECT slot_id, position, ? FROM dishes WHERE name_zh = ?
             ON CONFLICT DO NOTHING",
        )
        .bind(tag)
        .bind(name_zh)
        .execute(db)
        .await?;
    }
    Ok(())
}
