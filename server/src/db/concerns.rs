//! Residents' concerns before a council meeting (issue 7), and what staff made of them.

use sqlx::SqliteExecutor;

use super::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConcernRow {
    pub id: i64,
    pub community_id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub raised_by: i64,
    pub raised_by_name: String,
    pub raised_by_kind: String,
    pub topic: String,
    pub text: Option<String>,
    pub meeting_id: Option<i64>,
    pub status: String,
    pub note: Option<String>,
    pub agenda_item_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `$tail` is a WHERE and ORDER BY over `concerns c`.
macro_rules! select_concern {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.community_id, c.elder_id, e.name AS elder_name, c.raised_by,
                    r.name AS raised_by_name, r.kind AS raised_by_kind, c.topic, c.text,
                    c.meeting_id, c.status, c.note, c.agenda_item_id, c.created_at, c.updated_at
             FROM concerns c
             JOIN people e ON e.id = c.elder_id
             JOIN people r ON r.id = c.raised_by",
            $tail
        )
    };
}

/// The elder's concerns, newest first.
pub async fn for_elder(
    db: impl SqliteExecutor<'_>,
    elder_id: i64,
) -> sqlx::Result<Vec<ConcernRow>> {
    sqlx::query_as(select_concern!(
        " WHERE c.elder_id = ? ORDER BY c.created_at DESC, c.id DESC"
    ))
    .bind(elder_id)
    .fetch_all(db)
    .await
}

/// The community's concerns in triage order: received (waiting for staff) first, oldest
/// first among them so nobody waits longest; then the rest, newest first.
pub async fn for_community(
    db: impl SqliteExecutor<'_>,
    community_id: i64,
) -> sqlx::Result<Vec<ConcernRow>> {
    sqlx::query_as(select_concern!(
        " WHERE c.community_id = ?
          ORDER BY c.status = 'received' DESC,
                   CASE WHEN c.status = 'received' THEN c.created_at ELSE -c.updated_at END,
                   c.id"
    ))
    .bind(community_id)
    .fetch_all(db)
    .await
}

pub async fn get(
    db: impl SqliteExecutor<'_>,
    id: i64,
    community_id: i64,
) -> sqlx::Result<Option<ConcernRow>> {
    sqlx::query_as(select_concern!(" WHERE c.id = ? AND c.community_id = ?"))
        .bind(id)
        .bind(community_id)
        .fetch_optional(db)
        .await
}

pub struct NewConcern<'a> {
    pub community_id: i64,
    pub elder_id: i64,
    pub raised_by: i64,
    pub topic: &'a str,
    pub text: Option<&'a str>,
    pub meeting_id: Option<i64>,
    pub now: i64,
}

pub async fn insert(tx: &mut Tx, c: &NewConcern<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO concerns (community_id, elder_id, raised_by, topic, text, meeting_id,
                               created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(c.community_id)
    .bind(c.elder_id)
    .bind(c.raised_by)
    .bind(c.topic)
    .bind(c.text)
    .bind(c.meeting_id)
    .bind(c.now)
    .bind(c.now)
    .fetch_one(&mut **tx)
    .await
}

/// Staff's decision on a received concern; false when it was triaged already.
pub async fn triage(
    tx: &mut Tx,
    id: i64,
    status: &str,
    note: Option<&str>,
    agenda: Option<(i64, i64)>,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE concerns SET status = ?, note = ?, meeting_id = COALESCE(?, meeting_id),
                             agenda_item_id = ?, handled_by = ?, updated_at = ?
         WHERE id = ? AND status = 'received'",
    )
    .bind(status)
    .bind(note)
    .bind(agenda.map(|(meeting, _)| meeting))
    .bind(agenda.map(|(_, item)| item))
    .bind(by)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
