//! A little past for one demo elder, 陈志明, so the demo can show rating a service: yesterday's
//! lunch, served, and a home cleaning a few days ago, done, both unrated. Only he gets them
//! (the other demo elders start with no bookings, which the end-to-end tests rely on), and
//! only while he has no bookings at all, so restarts never add more.

use api::Fen;
use chrono::{Days, FixedOffset, Timelike};

use crate::{
    Clock,
    db::{self, Db, meals, people, visits},
    error::Result,
    pricing::ElderPricing,
};

/// 陈志明's card number.
const CARD: &str = "10000004";
/// How many days ago the cleaning was.
const VISIT_DAYS_AGO: u64 = 3;
/// The cleaning's arrival window started at 10:00.
const VISIT_HOUR: u32 = 10;
const WORKER: &str = "赵师傅";

#[derive(sqlx::FromRow)]
struct Elder {
    id: i64,
    community_id: i64,
    birth_date: Option<String>,
}

pub async fn apply(db: &Db, clock: &Clock, tz: FixedOffset) -> Result<()> {
    let elder: Option<Elder> =
        sqlx::query_as("SELECT id, community_id, birth_date FROM people WHERE card_number = ?")
            .bind(CARD)
            .fetch_optional(db)
            .await?;
    let Some(elder) = elder else { return Ok(()) };
    let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE elder_id = ?")
        .bind(elder.id)
        .fetch_one(db)
        .await?;
    if bookings > 0 {
        return Ok(());
    }
    let today = db::today(clock.now(), tz);
    let (Some(yesterday), Some(visit_day)) = (
        today.checked_sub_days(Days::new(1)),
        today.checked_sub_days(Days::new(VISIT_DAYS_AGO)),
    ) else {
        return Ok(());
    };
    super::publish_menu_days(db, std::iter::once(yesterday), tz).await?;
    super::care::publish_windows(db, visit_day, tz).await?;
    // Staff recorded the lunch and moved the visit on; the demo's duty staff member did.
    let staff: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM people WHERE kind = 'staff' AND community_id = ? ORDER BY id LIMIT 1",
    )
    .bind(elder.community_id)
    .fetch_optional(db)
    .await?;
    let Some(staff) = staff else { return Ok(()) };
    let birth = elder.birth_date.as_deref().and_then(|d| d.parse().ok());
    let standing = people::eligibility(db, elder.id).await?;
    let meal_pricing = ElderPricing {
        rules: people::subsidy_rules(db, elder.community_id).await?,
        standing: standing.clone(),
        birth,
    };
    let visit_pricing = ElderPricing {
        rules: people::service_subsidy_rules(db, elder.community_id, "visit").await?,
        standing,
        birth,
    };

    let mut tx = db::begin_change(db).await?;
    let lunch: Option<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.id, s.price_fen, s.order_by, s.serve_until FROM meal_slots s
         JOIN canteens c ON c.id = s.canteen_id
         WHERE c.community_id = ? AND s.date = ? AND s.meal = 'lunch' ORDER BY c.id LIMIT 1",
    )
    .bind(elder.community_id)
    .bind(yesterday.to_string())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((slot_id, price_fen, order_by, serve_until)) = lunch
        && meals::take_place(&mut tx, slot_id).await?
    {
        let price = meal_pricing.split(yesterday, Fen(price_fen), Fen(0));
        sqlx::query(
            "INSERT INTO bookings (elder_id, booked_by, kind, status, meal_slot_id, fulfilment,
                                   full_price_fen, subsidy_fen, delivery_fee_fen, you_pay_fen,
                                   created_at, attendance_at, attendance_by)
             VALUES (?1, ?1, 'meal', 'fulfilled', ?2, 'dine_in', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(elder.id)
        .bind(slot_id)
        .bind(price.full_price.0)
        .bind(price.subsidy.0)
        .bind(price.delivery_fee.0)
        .bind(price.you_pay.0)
        .bind(order_by - 86_400)
        .bind(serve_until)
        .bind(staff)
        .execute(&mut *tx)
        .await?;
    }

    let cleaning: Option<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.id, s.price_fen, w.id, w.starts_at, w.ends_at FROM visit_services s
         JOIN visit_providers p ON p.id = s.provider_id
         JOIN visit_windows w ON w.provider_id = p.id
         WHERE p.community_id = ? AND s.kind = 'cleaning' AND w.date = ?
         ORDER BY w.starts_at, p.id",
    )
    .bind(elder.community_id)
    .bind(visit_day.to_string())
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .find(|&(_, _, _, starts_at, _)| hour_of(starts_at, tz) == VISIT_HOUR);
    let address = people::home_address(&mut *tx, elder.id).await?;
    if let (Some((service_id, price_fen, window_id, starts_at, ends_at)), Some(address)) =
        (cleaning, address)
        && visits::take_place(&mut tx, window_id).await?
    {
        let price = visit_pricing.split(visit_day, Fen(price_fen), Fen(0));
        sqlx::query(
            "INSERT INTO bookings (elder_id, booked_by, kind, status, visit_service_id,
                                   visit_window_id, visit_address, visit_stage, worker_name,
                                   stage_changed_at, stage_changed_by, full_price_fen,
                                   subsidy_fen, delivery_fee_fen, you_pay_fen, created_at)
             VALUES (?1, ?1, 'visit', 'fulfilled', ?2, ?3, ?4, 'done', ?5, ?6, ?7, ?8, ?9, ?10,
                     ?11, ?12)",
        )
        .bind(elder.id)
        .bind(service_id)
        .bind(window_id)
        .bind(address)
        .bind(WORKER)
        .bind(ends_at)
        .bind(staff)
        .bind(price.full_price.0)
        .bind(price.subsidy.0)
        .bind(price.delivery_fee.0)
        .bind(price.you_pay.0)
        .bind(starts_at - 2 * 86_400)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    tracing::info!(elder = elder.id, "seeded the demo's past bookings");
    Ok(())
}

fn hour_of(unix: i64, tz: FixedOffset) -> u32 {
    db::local(unix, tz).hour()
}
