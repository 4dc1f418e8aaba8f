//! Council meetings for the demo (issue 7): where the demo elders live (阳光小区, buildings 1,
//! 3 and 5), a community meeting held a week ago with its minutes, two decisions and their
//! follow-ups (one came from 陈志明's concern), and two to come: the community's, and
//! building 3's in an external Jitsi room. Added once, on the first start with no meetings.

use chrono::{Days, FixedOffset, NaiveDate, NaiveTime};

use crate::{
    Clock,
    db::{self, Db, Tx},
    error::Result,
};

const COMPOUND: &str = "阳光小区";

/// Each demo elder's building, by card number.
const HOMES: [(&str, &str); 5] = [
    ("10000001", "3号楼"),
    ("10000002", "3号楼"),
    ("10000003", "5号楼"),
    ("10000004", "3号楼"),
    ("10000005", "1号楼"),
];

pub async fn apply(db: &Db, clock: &Clock, tz: FixedOffset) -> Result<()> {
    let meetings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meetings")
        .fetch_one(db)
        .await?;
    if meetings > 0 {
        return Ok(());
    }
    let staff: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, community_id FROM people WHERE kind = 'staff' ORDER BY id LIMIT 1",
    )
    .fetch_optional(db)
    .await?;
    let Some((staff, community)) = staff else {
        return Ok(());
    };
    let today = db::today(clock.now(), tz);
    let mut tx = db::begin_change(db).await?;
    for (card, building) in HOMES {
        sqlx::query("UPDATE people SET compound = ?, building = ? WHERE card_number = ?")
            .bind(COMPOUND)
            .bind(building)
            .bind(card)
            .execute(&mut *tx)
            .await?;
    }
    let at = |days_from_today: i64, hhmm: (u32, u32)| -> i64 {
        let day = shift(today, days_from_today);
        let time = NaiveTime::from_hms_opt(hhmm.0, hhmm.1, 0).unwrap_or_default();
        db::unix_at(day, time, tz)
    };
    let ctx = Ctx { staff, community };
    past_meeting(&mut tx, &ctx, at(-7, (14, 0)), at(-7, (15, 0))).await?;
    let lift = ctx
        .meeting(
            &mut tx,
            Meeting {
                level: "community",
                building: None,
                topic: ("加装电梯意见征集", "Adding lifts: what residents think"),
                place: (
                    "社区活动室（5号楼一层）",
                    "Activity room, ground floor, Building 5",
                ),
                span: (at(2, (14, 0)), at(2, (15, 0))),
                external: None,
            },
        )
        .await?;
    for title in [
        ("加装电梯费用怎么分摊", "How to share the cost of a lift"),
        ("施工期间出行安排", "Getting about while the work goes on"),
        ("其他事项", "Any other business"),
    ] {
        ctx.item(&mut tx, lift, title, None).await?;
    }
    let stairs = ctx
        .meeting(
            &mut tx,
            Meeting {
                level: "building",
                building: Some("3号楼"),
                topic: ("3号楼楼道堆物清理", "Clearing the stairwell of Building 3"),
                place: ("3号楼一层门厅", "Ground-floor hall, Building 3"),
                span: (at(5, (10, 0)), at(5, (10, 45))),
                external: Some(("jitsi", "https://meet.jit.si/linli-yangguang-building-3")),
            },
        )
        .await?;
    ctx.item(
        &mut tx,
        stairs,
        ("楼道里的杂物什么时候清", "When to clear the stairwell"),
        None,
    )
    .await?;
    tx.commit().await?;
    tracing::info!("seeded the demo council meetings");
    Ok(())
}

fn shift(day: NaiveDate, days: i64) -> NaiveDate {
    let n = Days::new(days.unsigned_abs());
    if days < 0 {
        day.checked_sub_days(n).unwrap_or(day)
    } else {
        day.checked_add_days(n).unwrap_or(day)
    }
}

async fn elder(tx: &mut Tx, card: &str) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM people WHERE card_number = ?")
            .bind(card)
            .fetch_one(&mut **tx)
            .await?,
    )
}

struct Ctx {
    staff: i64,
    community: i64,
}

struct Meeting {
    level: &'static str,
    building: Option<&'static str>,
    topic: (&'static str, &'static str),
    place: (&'static str, &'static str),
    span: (i64, i64),
    external: Option<(&'static str, &'static str)>,
}

impl Ctx {
    async fn meeting(&self, tx: &mut Tx, m: Meeting) -> Result<i64> {
        let compound = (m.level != "community").then_some(COMPOUND);
        Ok(sqlx::query_scalar(
            "INSERT INTO meetings (community_id, level, compound, building, topic_zh, topic_en,
                 place_zh, place_en, starts_at, ends_at, channel_type, external_url, created_by,
                 created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(self.community)
        .bind(m.level)
        .bind(compound)
        .bind(m.building)
        .bind(m.topic.0)
        .bind(m.topic.1)
        .bind(m.place.0)
        .bind(m.place.1)
        .bind(m.span.0)
        .bind(m.span.1)
        .bind(m.external.map_or("builtin", |e| e.0))
        .bind(m.external.map(|e| e.1))
        .bind(self.staff)
        .bind(m.span.0 - 14 * 86_400)
        .fetch_one(&mut **tx)
        .await?)
    }

    async fn item(
        &self,
        tx: &mut Tx,
        meeting: i64,
        title: (&str, &str),
        concern: Option<i64>,
    ) -> Result<i64> {
        Ok(
            db::meetings::add_agenda_item(tx, meeting, &api::Text::new(title.0, title.1), concern)
                .await?,
        )
    }
}

/// Last week's community meeting: 陈志明 asked for the stairwell lights of building 3 to be
/// mended; it was carried and the repair is scheduled. A charging point was rejected.
async fn past_meeting(tx: &mut Tx, ctx: &Ctx, starts: i64, ends: i64) -> Result<()> {
    let id = ctx
        .meeting(
            tx,
            Meeting {
                level: "community",
                building: None,
                topic: ("小区停车和楼道照明", "Parking and stairwell lighting"),
                place: (
                    "社区活动室（5号楼一层）",
                    "Activity room, ground floor, Building 5",
                ),
                span: (starts, ends),
                external: None,
            },
        )
        .await?;
    let chen = elder(tx, "10000004").await?;
    let concern: i64 = sqlx::query_scalar(
        "INSERT INTO concerns (community_id, elder_id, raised_by, topic, text, meeting_id, status,
                               created_at, updated_at, handled_by)
         VALUES (?, ?, ?, 'repairs', '3号楼楼道的灯坏了，晚上看不见台阶', ?, 'on_agenda', ?, ?, ?)
         RETURNING id",
    )
    .bind(ctx.community)
    .bind(chen)
    .bind(chen)
    .bind(id)
    .bind(starts - 10 * 86_400)
    .bind(starts - 9 * 86_400)
    .bind(ctx.staff)
    .fetch_one(&mut **tx)
    .await?;
    let charging = ctx
        .item(
            tx,
            id,
            (
                "电动车充电桩放在哪里",
                "Where to put e-bike charging points",
            ),
            None,
        )
        .await?;
    let lights = ctx
        .item(
            tx,
            id,
            (
                "3号楼楼道照明维修",
                "Mending the stairwell lights of Building 3",
            ),
            Some(concern),
        )
        .await?;
    sqlx::query("UPDATE concerns SET agenda_item_id = ? WHERE id = ?")
        .bind(lights)
        .bind(concern)
        .execute(&mut **tx)
        .await?;
    // (agenda item, motion, follow-up, votes by card in the order 王 李 张 陈)
    let motions = [
        (
            charging,
            (
                "在5号楼旁边设电动车充电桩",
                "Put e-bike charging points beside Building 5",
            ),
            ("none", "", ""),
            ["no", "yes", "abstain", "no"],
        ),
        (
            lights,
            (
                "请物业两周内修好3号楼楼道灯",
                "Ask the property office to mend the lights within two weeks",
            ),
            (
                "scheduled",
                "维修队下周一上午来修",
                "The repair team comes next Monday morning",
            ),
            ["yes", "yes", "abstain", "yes"],
        ),
    ];
    for (n, (item, text, follow_up, votes)) in motions.into_iter().enumerate() {
        let opened = starts + 20 * 60 + i64::try_from(n).unwrap_or_default() * 15 * 60;
        let motion: i64 = sqlx::query_scalar(
            "INSERT INTO motions (meeting_id, agenda_item_id, text_zh, text_en, status, opened_at,
                                  closed_at, present_at_close, follow_up, follow_up_zh,
                                  follow_up_en, follow_up_at, opened_by)
             VALUES (?, ?, ?, ?, 'closed', ?, ?, 4, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(id)
        .bind(item)
        .bind(text.0)
        .bind(text.1)
        .bind(opened)
        .bind(opened + 5 * 60)
        .bind(follow_up.0)
        .bind(follow_up.1)
        .bind(follow_up.2)
        .bind(ends + 86_400)
        .bind(ctx.staff)
        .fetch_one(&mut **tx)
        .await?;
        for (card, choice) in ["10000001", "10000002", "10000003", "10000004"]
            .into_iter()
            .zip(votes)
        {
            let voter = elder(tx, card).await?;
            db::meeting_room::vote(tx, motion, voter, choice, opened + 60).await?;
        }
    }
    let minutes = (
        "一、电动车充电桩：赞成1票，反对2票，弃权1票，未通过，下次会议再议位置。\n\
         二、3号楼楼道照明：赞成3票，弃权1票，通过。物业两周内修好，维修队下周一上午来。",
        "1. E-bike charging points: 1 for, 2 against, 1 abstention; not carried. The place will be \
         discussed again at the next meeting.\n\
         2. Stairwell lights of Building 3: 3 for, 1 abstention; carried. The property office will \
         mend them within two weeks; the repair team comes next Monday morning.",
    );
    sqlx::query(
        "UPDATE meetings SET status = 'ended', minutes_zh = ?, minutes_en = ?, minutes_at = ?
         WHERE id = ?",
    )
    .bind(minutes.0)
    .bind(minutes.1)
    .bind(ends + 3600)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
