//! Demo provider cards: who runs 阳光社区's canteen, day-care centre and home visits, who
//! supervises them, and who pays. Applied on every start where not recorded yet (funding
//! still blank), so demo databases made before provider cards get them too.

use crate::{db::Db, error::Result};

type Texts = (&'static str, &'static str);

const COMMITTEE: (&str, Texts) = (
    "阳光社区",
    (
        "阳光社区居民委员会",
        "Sunshine Community Residents' Committee",
    ),
);

/// Canteen or centre (by Chinese name), operator, funding, government-purchased.
const CANTEENS: [(&str, Texts, Texts, bool); 1] = [(
    "阳光长者食堂",
    (
        "北京福膳餐饮管理有限公司",
        "Beijing Fushan Catering Management Co., Ltd.",
    ),
    (
        "政府补贴 + 个人支付",
        "Government subsidy + personal payment",
    ),
    false,
)];

const CENTRES: [(&str, Texts, Texts, bool); 1] = [(
    "阳光日间照料中心",
    (
        "北京颐乐社会工作服务中心",
        "Beijing Yile Social Work Service Centre",
    ),
    (
        "公建民营：政府运营补贴 + 个人支付",
        "Publicly built, privately run: government operating subsidy + personal payment",
    ),
    false,
)];

/// Visit providers whose services the government buys (政府购买服务).
const GOVERNMENT_PURCHASED: [&str; 1] = ["安心家政服务社"];

pub async fn apply(db: &Db) -> Result<()> {
    let (community, (zh, en)) = COMMITTEE;
    sqlx::query(
        "UPDATE communities SET committee_zh = ?, committee_en = ?
         WHERE name_zh = ? AND committee_zh = ''",
    )
    .bind(zh)
    .bind(en)
    .bind(community)
    .execute(db)
    .await?;
    const CANTEEN_SQL: &str =
        "UPDATE canteens SET operator_zh = ?, operator_en = ?, funding_zh = ?,
                funding_en = ?, government_purchased = ?
         WHERE name_zh = ? AND funding_zh = ''";
    const CENTRE_SQL: &str = "UPDATE daycare_centres SET operator_zh = ?, operator_en = ?,
                funding_zh = ?, funding_en = ?, government_purchased = ?
         WHERE name_zh = ? AND funding_zh = ''";
    for (sql, rows) in [(CANTEEN_SQL, CANTEENS), (CENTRE_SQL, CENTRES)] {
        for (name, operator, funding, purchased) in rows {
            sqlx::query(sql)
                .bind(operator.0)
                .bind(operator.1)
                .bind(funding.0)
                .bind(funding.1)
                .bind(purchased)
                .bind(name)
                .execute(db)
                .await?;
        }
    }
    for name in GOVERNMENT_PURCHASED {
        sqlx::query("UPDATE visit_providers SET government_purchased = 1 WHERE name_zh = ?")
            .bind(name)
            .execute(db)
            .await?;
    }
    Ok(())
}
