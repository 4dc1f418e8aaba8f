//! Complaints ("report a problem"): made for an elder, followed by staff of the elder's
//! community through received → in progress → resolved.

use sqlx::SqliteExecutor;

use super::{Db, Tx};

/// A complaint with the names of the elder and of whoever made it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ComplaintRow {
    pub id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub made_by: i64,
    pub made_by_name: String,
    pub made_by_kind: String,
    /// The author's relation to the elder, when they are linked family.
    pub made_by_relation: Option<String>,
    pub booking_id: Option<i64>,
    pub topic: String,
    pub text: Option<String>,
    pub status: String,
    pub reply: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `$tail` is a WHERE and ORDER BY over `complaints c` and the elder `e`.
macro_rules! select_complaints {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.elder_id, e.name AS elder_name, c.made_by, m.name AS made_by_name,
                    m.kind AS made_by_kind,
                    (SELECT fl.relation FROM family_links fl
                     WHERE fl.elder_id = c.elder_id AND fl.family_id = c.made_by
                     ORDER BY fl.id DESC LIMIT 1) AS made_by_relation,
                    c.booking_id, c.topic, c.text, c.status, c.reply,
                    c.created_at, c.updated_at
             FROM complaints c
             JOIN people e ON e.id = c.elder_id
             JOIN people m ON m.id = c.made_by",
            $tail
        )
    };
}

/// The elder's complaints, newest first.
pub async fn for_elder(db: &Db, elder_id: i64) -> sqlx::Result<Vec<ComplaintRow>> {
    sqlx::query_as(select_complaints!(
        " WHERE c.elder_id = ? ORDER BY c.created_at DESC, c.id DESC"
    ))
    .bind(elder_id)
    .fetch_all(db)
    .await
}

/// Complaints of the community's elders for staff to work through: open ones first, then
/// newest first.
pub async fn for_community(db: &Db, community_id: i64) -> sqlx::Result<Vec<ComplaintRow>> {
    sqlx::query_as(select_complaints!(
        " WHERE e.community_id = ?
          ORDER BY c.status = 'resolved', c.created_at DESC, c.id DESC"
    ))
    .bind(community_id)
    .fetch_all(db)
    .await
}

/// One complaint of one elder; `None` for anyone else's, so nothing leaks.
pub async fn get(
    db: impl SqliteExecutor<'_>,
    id: i64,
    elder_id: i64,
) -> sqlx::Result<Option<ComplaintRow>> {
    sqlx::query_as(select_complaints!(" WHERE c.id = ? AND c.elder_id = ?"))
        .bind(id)
        .bind(elder_id)
        .fetch_optional(db)
        .await
}

pub struct NewComplaint<'a> {
    pub elder_id: i64,
    pub made_by: i64,
    pub booking_id: Option<i64>,
    pub topic: &'a str,
    pub text: Option<&'a str>,
    pub now: i64,
}

pub async fn insert(tx: &mut Tx, c: &NewComplaint<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO complaints (elder_id, made_by, booking_id, topic, text, status, created_at,
                                 updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'received', ?6, ?6) RETURNING id",
    )
    .bind(c.elder_id)
    .bind(c.made_by)
    .bind(c.booking_id)
    .bind(c.topic)
    .bind(c.text)
    .bind(c.now)
    .fetch_one(&mut **tx)
    .await
}

/// A complaint moving on, by a staff member, with an optional reply (an absent reply keeps
/// the one already given).
pub struct StatusChange<'a> {
    pub id: i64,
    pub from: &'a str,
    pub to: &'a str,
    pub reply: Option<&'a str>,
    pub by: i64,
    pub now: i64,
}

/// Moves a complaint from `from` to `to`; conditional on `from`, so a concurrent move that
/// got there first makes this one affect no row.
pub async fn set_status(tx: &mut Tx, c: &StatusChange<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE complaints SET status = ?1, reply = COALESCE(?2, reply), updated_at = ?3,
                updated_by = ?4
         WHERE id = ?5 AND status = ?6",
    )
    .bind(c.to)
    .bind(c.reply)
    .bind(c.now)
    .bind(c.by)
    .bind(c.id)
    .bind(c.from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
