//! Demo day care and home visits for 阳光社区: subsidy rules, the visit catalogue, and
//! two weeks of day-care sessions and arrival windows kept published ahead. Everything is
//! insert-if-missing, so it runs on every start, on new and existing demo databases alike.

use chrono::{Datelike, Days, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};

use crate::{
    db::{
        self, Db,
        daycare::{self, NewPeriod, NewSession},
        visits::{self, NewService, NewWindow},
    },
    error::{Error, Result},
};

/// Days of sessions and windows kept published ahead, counting today.
pub const CARE_DAYS: u64 = 14;

/// Subsidy per day-care session and per home visit, in fen, for each category (the largest
/// that applies is given, as for meals).
const DAYCARE_SUBSIDIES: [(&str, i64); 7] = [
    ("age_60", 200),
    ("age_80", 500),
    ("age_90", 800),
    ("dibao", 1500),
    ("low_income", 1000),
    ("disability", 1000),
    ("lives_alone", 500),
];
const VISIT_SUBSIDIES: [(&str, i64); 7] = [
    ("age_60", 1000),
    ("age_80", 2000),
    ("age_90", 3000),
    ("dibao", 5000),
    ("low_income", 4000),
    ("disability", 3000),
    ("lives_alone", 2000),
];

/// The demo centre's configuration: period, local start and end, places, price, transport
/// seats and fee. The centre's 20 places are divided between half days and full days.
/// Written to `daycare_periods` for a centre that has none; publishing reads the table.
struct Period {
    name: &'static str,
    from: &'static str,
    until: &'static str,
    capacity: i64,
    price_fen: i64,
    transport_seats: i64,
    transport_fee_fen: i64,
}

const PERIODS: [Period; 3] = [
    Period {
        name: "morning",
        from: "08:30",
        until: "11:30",
        capacity: 12,
        price_fen: 1500,
        transport_seats: 4,
        transport_fee_fen: 500,
    },
    Period {
        name: "afternoon",
        from: "13:30",
        until: "16:30",
        capacity: 12,
        price_fen: 1500,
        transport_seats: 4,
        transport_fee_fen: 500,
    },
    Period {
        name: "full_day",
        from: "08:30",
        until: "16:30",
        capacity: 8,
        price_fen: 3000,
        transport_seats: 3,
        transport_fee_fen: 800,
    },
];

/// Home visits can be requested and cancelled up to two hours before the window opens.
const VISIT_NOTICE_HOURS: i64 = 2;
/// Arrival windows: 08:00–18:00 in two-hour steps.
const WINDOW_STARTS: [u32; 5] = [8, 10, 12, 14, 16];

type Texts = (&'static str, &'static str);

/// The catalogue: provider (by Chinese name), kind, name, description, minutes, price.
const CATALOGUE: [(&str, &str, Texts, Texts, i64, i64); 7] = [
    (
        "安心家政服务社",
        "cleaning",
        ("助洁 · 居家保洁", "Home cleaning"),
        (
            "打扫客厅、卧室、厨房和卫生间，擦窗，倒垃圾。清洁用品由服务员自带。",
            "Cleaning of the living room, bedroom, kitchen and bathroom, windows wiped, rubbish taken out. The worker brings the cleaning things.",
        ),
        120,
        8000,
    ),
    (
        "安心家政服务社",
        "errands",
        ("代办 · 代购代缴", "Errands and bill paying"),
        (
            "代买日用品和药品，代缴水电燃气费，代取快递。",
            "Shopping for daily needs and medicines, paying water, power and gas bills, collecting parcels.",
        ),
        60,
        3000,
    ),
    (
        "安心家政服务社",
        "repairs",
        ("维修 · 水电小修", "Small repairs"),
        (
            "更换灯泡、水龙头、门锁，疏通下水道，检查燃气和用电安全。材料费另计。",
            "Changing bulbs, taps and locks, clearing drains, checking gas and electrical safety. Parts are paid separately.",
        ),
        60,
        5000,
    ),
    (
        "安心家政服务社",
        "haircut",
        ("理发 · 上门理发", "Haircut at home"),
        (
            "理发师上门理发、修面，可坐在家中椅子上完成。",
            "A barber cuts hair and shaves at home; it can be done sitting in your own chair.",
        ),
        30,
        2500,
    ),
    (
        "康乐护理站",
        "bathing",
        ("助浴 · 上门助浴", "Help with bathing"),
        (
            "两名护理员协助洗澡、洗头、更衣，自带防滑垫和助浴椅。",
            "Two carers help with bathing, hair washing and dressing, bringing a non-slip mat and a bath chair.",
        ),
        90,
        12000,
    ),
    (
        "康乐护理站",
        "nursing",
        ("助医 · 健康检查", "Health check and nursing"),
        (
            "护士上门测血压、血糖，检查用药，换药，需要时联系家庭医生。",
            "A nurse checks blood pressure and blood sugar, reviews medicines, changes dressings and contacts the family doctor when needed.",
        ),
        60,
        6000,
    ),
    (
        "康乐护理站",
        "companionship",
        ("陪伴 · 聊天陪护", "Companionship"),
        (
            "陪伴聊天、读报、散步，或陪同去社区卫生服务中心。",
            "Company for a chat, reading the paper together, a walk, or going along to the community health centre.",
        ),
        120,
        4000,
    ),
];

/// Visits each provider can start in one window.
const WINDOW_CAPACITY: [(&str, i64); 2] = [("安心家政服务社", 3), ("康乐护理站", 2)];

/// Subsidy rules and the visit catalogue of the demo community, where missing.
pub async fn catalogue(db: &Db) -> Result<()> {
    let communities: Vec<i64> = sqlx::query_scalar("SELECT id FROM communities")
        .fetch_all(db)
        .await?;
    for community in communities {
        for (service, rules) in [("daycare", DAYCARE_SUBSIDIES), ("visit", VISIT_SUBSIDIES)] {
            for (category, amount) in rules {
                sqlx::query(
                    "INSERT INTO service_subsidy_rules (community_id, service, category, amount_fen)
                     VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                )
                .bind(community)
                .bind(service)
                .bind(category)
                .bind(amount)
                .execute(db)
                .await?;
            }
        }
    }
    for (provider, kind, name, description, minutes, price) in CATALOGUE {
        for provider_id in provider_ids(db, provider).await? {
            let service = NewService {
                provider_id,
                kind,
                name,
                description,
                duration_minutes: minutes,
                price_fen: price,
            };
            visits::add_service(db, &service).await?;
        }
    }
    Ok(())
}

async fn provider_ids(db: &Db, name_zh: &str) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM visit_providers WHERE name_zh = ? ORDER BY id")
            .bind(name_zh)
            .fetch_all(db)
            .await?,
    )
}

fn at(date: NaiveDate, (h, m): (u32, u32), tz: FixedOffset) -> i64 {
    db::unix_at(
        date,
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default(),
        tz,
    )
}

/// Gives every centre without configured sessions the demo's three (its cutoffs default to
/// 18:00 the day before, in the table).
async fn configure_centres(db: &Db) -> Result<()> {
    let bare: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM daycare_centres c
         WHERE NOT EXISTS (SELECT 1 FROM daycare_periods p WHERE p.centre_id = c.id) ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    for centre_id in bare {
        for p in &PERIODS {
            let period = NewPeriod {
                centre_id,
                period: p.name,
                starts: p.from,
                ends: p.until,
                capacity: p.capacity,
                price_fen: p.price_fen,
                transport_seats: p.transport_seats,
                transport_fee_fen: p.transport_fee_fen,
            };
            daycare::configure_period(db, &period).await?;
        }
    }
    Ok(())
}

/// Publishes `CARE_DAYS` days of day-care sessions (Sundays closed), as each centre has them
/// configured, and visit windows from `today`; days already published are left alone.
pub async fn publish(db: &Db, today: NaiveDate, tz: FixedOffset) -> Result<()> {
    configure_centres(db).await?;
    let periods = daycare::periods(db).await?;
    for offset in 0..CARE_DAYS {
        let Some(date) = today.checked_add_days(Days::new(offset)) else {
            continue;
        };
        let Some(eve) = date.pred_opt() else {
            continue;
        };
        if date.weekday() == Weekday::Sun {
            let mut centres: Vec<i64> = periods.iter().map(|p| p.centre_id).collect();
            centres.dedup(); // periods come by centre
            for centre_id in centres {
                daycare::close_day(db, centre_id, date, ("周日休息", "Closed on Sundays")).await?;
            }
        }
        for p in periods.iter().filter(|_| date.weekday() != Weekday::Sun) {
            let session = NewSession {
                centre_id: p.centre_id,
                date,
                period: &p.period,
                starts_at: local(date, &p.starts, tz)?,
                ends_at: local(date, &p.ends, tz)?,
                order_by: local(eve, &p.order_cutoff, tz)?,
                cancel_by: local(eve, &p.cancel_cutoff, tz)?,
                capacity: p.capacity,
                price_fen: p.price_fen,
                transport_capacity: p.transport_seats,
                transport_fee_fen: p.transport_fee_fen,
            };
            daycare::publish_session(db, &session).await?;
        }
        publish_windows(db, date, tz).await?;
    }
    Ok(())
}

/// A configured local 'HH:MM' on `date`. The table's CHECK keeps the shape; a time that
/// still does not exist (25:00) stops publishing loudly rather than guessing one.
fn local(date: NaiveDate, hhmm: &str, tz: FixedOffset) -> Result<i64> {
    let time = NaiveTime::parse_from_str(hhmm, "%H:%M")
        .map_err(|e| Error::Internal(format!("day-care time {hhmm:?}: {e}")))?;
    Ok(db::unix_at(date, time, tz))
}

/// Publishes every provider's arrival windows on `date` (also a past day, for the demo's
/// history); windows already published are left alone.
pub(super) async fn publish_windows(db: &Db, date: NaiveDate, tz: FixedOffset) -> Result<()> {
    for (provider, capacity) in WINDOW_CAPACITY {
        for provider_id in provider_ids(db, provider).await? {
            for hour in WINDOW_STARTS {
                let starts_at = at(date, (hour, 0), tz);
                let notice = Duration::hours(VISIT_NOTICE_HOURS).num_seconds();
                let window = NewWindow {
                    provider_id,
                    date,
                    starts_at,
                    ends_at: at(date, (hour + 2, 0), tz),
                    order_by: starts_at - notice,
                    cancel_by: starts_at - notice,
                    capacity,
                };
                visits::publish_window(db, &window).await?;
            }
        }
    }
    Ok(())
}
