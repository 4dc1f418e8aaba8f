//! Demo data for 阳光社区 (Sunshine Community): what `cargo xtask run` shows and what the
//! end-to-end tests book against. The sign-ins are listed in the README. Day care and home
//! visits are in [`care`], provider cards in [`cards`], dietary tags and needs in [`diet`],
//! the one demo elder with a past in [`history`], and council meetings in [`meetings`].

mod cards;
mod care;
mod diet;
mod history;
mod meetings;

use chrono::{Datelike, Days, FixedOffset, NaiveDate, NaiveTime};

use crate::{
    Clock, auth,
    db::{
        self, Db, meals,
        people::{self, NewElder},
    },
    error::{Error, Result},
};

pub struct DemoElder {
    pub name: &'static str,
    pub card: &'static str,
    pub phone: &'static str,
    pub pin: &'static str,
    pub birth: &'static str,
    /// Standing eligibility for subsidies.
    pub eligibility: &'static [&'static str],
}

const fn elder(
    name: &'static str,
    card: &'static str,
    phone: &'static str,
    pin: &'static str,
    birth: &'static str,
    eligibility: &'static [&'static str],
) -> DemoElder {
    DemoElder {
        name,
        card,
        phone,
        pin,
        birth,
        eligibility,
    }
}

pub const ELDERS: [DemoElder; 5] = [
    elder(
        "王秀英",
        "10000001",
        "13800000001",
        "123456",
        "1944-03-12",
        &["lives_alone"],
    ),
    elder(
        "李建国",
        "10000002",
        "13800000002",
        "234567",
        "1951-07-08",
        &["dibao"],
    ),
    elder(
        "张桂兰",
        "10000003",
        "13800000003",
        "345678",
        "1935-01-20",
        &[],
    ),
    elder(
        "陈志明",
        "10000004",
        "13800000004",
        "456789",
        "1958-05-05",
        &[],
    ),
    elder(
        "刘淑芬",
        "10000005",
        "13800000005",
        "567890",
        "1947-09-30",
        &["disability"],
    ),
];

/// A demo family link: the elder (index into [`ELDERS`]), the relation, and what it allows
/// (view, book, cancel).
type DemoLink = (usize, &'static str, (bool, bool, bool));

/// Family and staff: kind, name, phone, password, and (family) the elders they are linked to,
/// each for a year. 王丽 is 王秀英's daughter with every permission; 李明 is 李建国's son (every
/// permission) and 刘淑芬's son-in-law (may see and book, not cancel), so the app's elder
/// picker has two elders to choose between.
const PEOPLE: [(&str, &str, &str, &str, &[DemoLink]); 3] = [
    (
        "family",
        "王丽",
        "13900000001",
        "linli-family-2026",
        &[(0, "daughter", (true, true, true))],
    ),
    (
        "family",
        "李明",
        "13900000002",
        "linli-family-2026",
        &[
            (1, "son", (true, true, true)),
            (4, "son_in_law", (true, true, false)),
        ],
    ),
    ("staff", "周敏", "13700000001", "linli-staff-2026", &[]),
];

/// Subsidy per meal, in fen, for each category (the largest that applies is given).
const SUBSIDY_RULES: [(&str, i64); 7] = [
    ("age_60", 100),
    ("age_80", 300),
    ("age_90", 500),
    ("dibao", 800),
    ("low_income", 500),
    ("disability", 400),
    ("lives_alone", 200),
];

const LUNCHES: [&[(&str, &str)]; 7] = [
    &[
        ("清蒸鲈鱼", "Steamed sea bass"),
        ("西兰花炒胡萝卜", "Broccoli with carrot"),
        ("冬瓜排骨汤", "Winter melon and pork rib soup"),
        ("米饭", "Rice"),
    ],
    &[
        ("红烧鸡腿（去骨）", "Braised boneless chicken leg"),
        ("清炒小白菜", "Stir-fried bok choy"),
        ("番茄蛋汤", "Tomato and egg soup"),
        ("米饭", "Rice"),
    ],
    &[
        ("土豆炖牛肉", "Beef stewed with potato"),
        ("蒜蓉菠菜", "Spinach with garlic"),
        ("紫菜虾皮汤", "Seaweed and shrimp soup"),
        ("米饭", "Rice"),
    ],
    &[
        ("肉末蒸蛋", "Steamed egg with minced pork"),
        ("清炒西葫芦", "Stir-fried courgette"),
        ("山药小米粥", "Yam and millet porridge"),
        ("馒头", "Steamed bun"),
    ],
    &[
        ("香菇滑鸡", "Chicken with shiitake"),
        ("白灼生菜", "Blanched lettuce"),
        ("豆腐青菜汤", "Tofu and greens soup"),
        ("米饭", "Rice"),
    ],
    &[
        ("红烧豆腐", "Braised tofu"),
        ("木耳炒山药", "Yam with wood-ear mushroom"),
        ("萝卜丝汤", "Shredded radish soup"),
        ("杂粮饭", "Mixed-grain rice"),
    ],
    &[
        ("清炖狮子头", "Stewed pork meatball"),
        ("炒三丝", "Three-shred stir-fry"),
        ("鲫鱼豆腐汤", "Crucian carp and tofu soup"),
        ("米饭", "Rice"),
    ],
];

const DINNERS: [&[(&str, &str)]; 7] = [
    &[
        ("南瓜小米粥", "Pumpkin and millet porridge"),
        ("肉末茄子", "Aubergine with minced pork"),
        ("花卷", "Steamed roll"),
    ],
    &[
        ("青菜肉丝面", "Noodles with pork and greens"),
        ("凉拌黄瓜（少盐）", "Cucumber salad, low salt"),
    ],
    &[
        ("皮蛋瘦肉粥", "Pork and preserved egg congee"),
        ("清炒芥兰", "Stir-fried Chinese kale"),
        ("豆沙包", "Red bean bun"),
    ],
    &[
        ("猪肉白菜饺子", "Pork and cabbage dumplings"),
        ("紫菜蛋花汤", "Seaweed and egg soup"),
    ],
    &[
        ("鸡蛋西红柿面", "Tomato and egg noodles"),
        ("蒸南瓜", "Steamed pumpkin"),
    ],
    &[
        ("八宝粥", "Eight-treasure porridge"),
        ("香煎豆腐", "Pan-fried tofu"),
        ("蒸红薯", "Steamed sweet potato"),
    ],
    &[
        ("馄饨", "Wontons"),
        ("清炒豆芽", "Stir-fried bean sprouts"),
        ("葱油饼", "Spring onion pancake"),
    ],
];

/// Days of menus kept published ahead, counting today.
pub const MENU_DAYS: u64 = 14;

/// Seeds a new database with the demo, then keeps two weeks of menus published.
pub async fn demo(db: &Db, clock: &Clock, tz: FixedOffset) -> Result<()> {
    let communities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(db)
        .await?;
    if communities == 0 {
        base(db, clock.unix()).await?;
        tracing::info!("seeded the 阳光社区 demo");
    }
    let today = db::today(clock.now(), tz);
    publish_menus(db, today, tz).await?;
    care::catalogue(db).await?;
    care::publish(db, today, tz).await?;
    cards::apply(db).await?;
    history::apply(db, clock, tz).await?;
    meetings::apply(db, clock, tz).await?;
    // After the history, which publishes yesterday's menu.
    diet::apply(db).await
}

async fn base(db: &Db, now: i64) -> Result<()> {
    let mut tx = db::begin_change(db).await?;
    let community: i64 = sqlx::query_scalar(
        "INSERT INTO communities (name_zh, name_en, hotline) VALUES ('阳光社区', 'Sunshine Community', '010-6501 2345') RETURNING id",
    )
    .fetch_one(&mut *tx)
    .await?;
    for (category, amount) in SUBSIDY_RULES {
        sqlx::query(
            "INSERT INTO subsidy_rules (community_id, category, amount_fen) VALUES (?, ?, ?)",
        )
        .bind(community)
        .bind(category)
        .bind(amount)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO canteens (community_id, name_zh, name_en, address_zh, address_en, hotline, offers_delivery,
             delivery_fee_fen, lunch_from, lunch_until, lunch_order_by, lunch_cancel_by, lunch_capacity,
             lunch_price_fen, dinner_from, dinner_until, dinner_order_by, dinner_cancel_by, dinner_capacity,
             dinner_price_fen)
         VALUES (?, '阳光长者食堂', 'Sunshine Elders'' Canteen', '阳光社区 3 号楼 1 层',
             'Ground floor, Building 3, Sunshine Community', '010-6501 2346', 1, 300,
             '11:00', '12:30', '09:30', '09:30', 40, 1500, '17:00', '18:30', '15:00', '15:00', 30, 1200)",
    )
    .bind(community)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO daycare_centres (community_id, name_zh, name_en, address_zh, address_en, hotline, places)
         VALUES (?, '阳光日间照料中心', 'Sunshine Day Care Centre', '阳光社区 5 号楼', 'Building 5, Sunshine Community', '010-6501 2347', 20)",
    )
    .bind(community)
    .execute(&mut *tx)
    .await?;
    for (zh, en, hotline, fund_zh, fund_en) in [
        (
            "安心家政服务社",
            "Anxin Home Services",
            "010-6501 3001",
            "政府购买服务",
            "Government-purchased service",
        ),
        (
            "康乐护理站",
            "Kangle Nursing Station",
            "010-6501 3002",
            "长护险与自费",
            "Long-term care insurance and self-paid",
        ),
    ] {
        sqlx::query(
            "INSERT INTO visit_providers (community_id, name_zh, name_en, hotline, funding_zh, funding_en)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(community)
        .bind(zh)
        .bind(en)
        .bind(hotline)
        .bind(fund_zh)
        .bind(fund_en)
        .execute(&mut *tx)
        .await?;
    }
    let mut elder_ids = Vec::with_capacity(ELDERS.len());
    for e in &ELDERS {
        let new = NewElder {
            community_id: community,
            name: e.name,
            card_number: e.card,
            phone: e.phone,
            secret_hash: &auth::hash_secret(e.pin)?,
            birth_date: e
                .birth
                .parse()
                .map_err(|err| Error::Internal(format!("demo birth date: {err}")))?,
            address: "阳光社区",
        };
        let id = people::insert_elder(&mut *tx, &new, now).await?;
        elder_ids.push(id);
        for category in e.eligibility {
            sqlx::query("INSERT INTO eligibilities (person_id, category) VALUES (?, ?)")
                .bind(id)
                .bind(category)
                .execute(&mut *tx)
                .await?;
        }
    }
    for (kind, name, phone, password, links) in PEOPLE {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO people (community_id, kind, name, phone, secret_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(community)
        .bind(kind)
        .bind(name)
        .bind(phone)
        .bind(auth::hash_secret(password)?)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for &(elder, relation, (view, book, cancel)) in links {
            let elder = elder_ids
                .get(elder)
                .ok_or_else(|| Error::Internal(format!("demo link to elder {elder}")))?;
            sqlx::query(
                "INSERT INTO family_links (elder_id, family_id, relation, can_view, can_book,
                                           can_cancel, created_at, expires_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(elder)
            .bind(id)
            .bind(relation)
            .bind(view)
            .bind(book)
            .bind(cancel)
            .bind(now)
            .bind(now + 365 * 86_400)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct MealTimes {
    id: i64,
    lunch_from: String,
    lunch_until: String,
    lunch_order_by: String,
    lunch_cancel_by: String,
    lunch_capacity: i64,
    lunch_price_fen: i64,
    dinner_from: String,
    dinner_until: String,
    dinner_order_by: String,
    dinner_cancel_by: String,
    dinner_capacity: i64,
    dinner_price_fen: i64,
}

/// Publishes lunch and dinner for `MENU_DAYS` days from `today` in every canteen, rotating
/// the weekly menus; days already published are left alone.
pub async fn publish_menus(db: &Db, today: NaiveDate, tz: FixedOffset) -> Result<()> {
    let days = (0..MENU_DAYS).filter_map(|offset| today.checked_add_days(Days::new(offset)));
    publish_menu_days(db, days, tz).await
}

/// Publishes lunch and dinner on each of `days` in every canteen (the demo's past meals
/// need days before today too).
async fn publish_menu_days(
    db: &Db,
    days: impl Iterator<Item = NaiveDate> + Clone,
    tz: FixedOffset,
) -> Result<()> {
    let canteens: Vec<MealTimes> = sqlx::query_as(
        "SELECT id, lunch_from, lunch_until, lunch_order_by, lunch_cancel_by, lunch_capacity, lunch_price_fen,
                dinner_from, dinner_until, dinner_order_by, dinner_cancel_by, dinner_capacity, dinner_price_fen
         FROM canteens",
    )
    .fetch_all(db)
    .await?;
    let at = |date: NaiveDate, hhmm: &str| {
        let time = NaiveTime::parse_from_str(hhmm, "%H:%M").unwrap_or_default();
        db::unix_at(date, time, tz)
    };
    for c in &canteens {
        for date in days.clone() {
            let rotation = usize::try_from(date.num_days_from_ce().rem_euclid(7)).unwrap_or(0);
            let meals = [
                (
                    "lunch",
                    &c.lunch_from,
                    &c.lunch_until,
                    &c.lunch_order_by,
                    &c.lunch_cancel_by,
                    c.lunch_capacity,
                    c.lunch_price_fen,
                    LUNCHES[rotation],
                ),
                (
                    "dinner",
                    &c.dinner_from,
                    &c.dinner_until,
                    &c.dinner_order_by,
                    &c.dinner_cancel_by,
                    c.dinner_capacity,
                    c.dinner_price_fen,
                    DINNERS[rotation],
                ),
            ];
            for (meal, from, until, order_by, cancel_by, capacity, price_fen, dishes) in meals {
                let slot = meals::NewSlot {
                    canteen_id: c.id,
                    date,
                    meal,
                    serve_from: at(date, from),
                    serve_until: at(date, until),
                    order_by: at(date, order_by),
                    cancel_by: at(date, cancel_by),
                    capacity,
                    price_fen,
                    dishes,
                };
                meals::publish_slot(db, &slot).await?;
            }
        }
    }
    Ok(())
}
