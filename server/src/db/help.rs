//! Help requests (issue 5): an elder's call for help, who was told, and staff moving it
//! open → acknowledged → closed.

use sqlx::SqliteExecutor;

use super::{Db, Tx};

/// A help request with the names of the elder, of who pressed the button and of the staff
/// member handling it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HelpRow {
    pub id: i64,
    pub community_id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub requested_by_kind: String,
    pub place: String,
    pub kiosk_location: Option<String>,
    pub screen: Option<String>,
    pub status: String,
    pub created_at: i64,
    pub handled_by: Option<i64>,
    pub handled_by_name: Option<String>,
}

/// `$tail` is a WHERE and ORDER BY over `help_requests h`.
macro_rules! select_help {
    ($tail:literal) => {
        concat!(
            "SELECT h.id, h.community_id, h.elder_id, e.name AS elder_name, h.requested_by,
                    r.name AS requested_by_name, r.kind AS requested_by_kind, h.place,
                    h.kiosk_location, h.screen, h.status, h.created_at, h.handled_by,
                    s.name AS handled_by_name
             FROM help_requests h
             JOIN people e ON e.id = h.elder_id
             JOIN people r ON r.id = h.requested_by
             LEFT JOIN people s ON s.id = h.handled_by",
            $tail
        )
    };
}

/// The elder's help requests, newest first.
pub async fn for_elder(db: &Db, elder_id: i64) -> sqlx::Result<Vec<HelpRow>> {
    sqlx::query_as(select_help!(
        " WHERE h.elder_id = ? ORDER BY h.created_at DESC, h.id DESC"
    ))
    .bind(elder_id)
    .fetch_all(db)
    .await
}

/// The community's help requests in triage order: open first (nobody has answered), then
/// acknowledged (someone is on it), then closed; newest first within each.
pub async fn for_community(db: &Db, community_id: i64) -> sqlx::Result<Vec<HelpRow>> {
    sqlx::query_as(select_help!(
        " WHERE h.community_id = ?
          ORDER BY CASE h.status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END,
                   h.created_at DESC, h.id DESC"
    ))
    .bind(community_id)
    .fetch_all(db)
    .await
}

/// One help request of one community; `None` for another community's, so nothing leaks.
pub async fn get(
    db: impl SqliteExecutor<'_>,
    id: i64,
    community_id: i64,
) -> sqlx::Result<Option<HelpRow>> {
    sqlx::query_as(select_help!(" WHERE h.id = ? AND h.community_id = ?"))
        .bind(id)
        .bind(community_id)
        .fetch_optional(db)
        .await
}

/// The elder's open request to `community` made since `since`, the newest if several:
/// pressing help again within the window finds it instead of making another. (An elder who
/// just moved to another community asks that one anew.)
pub async fn recent_open(
    tx: &mut Tx,
    elder_id: i64,
    community_id: i64,
    since: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM help_requests
         WHERE elder_id = ? AND community_id = ? AND status = 'open' AND created_at >= ?
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(elder_id)
    .bind(community_id)
    .bind(since)
    .fetch_optional(&mut **tx)
    .await
}

pub struct NewHelpRequest<'a> {
    pub community_id: i64,
    pub elder_id: i64,
    pub requested_by: i64,
    pub place: &'a str,
    pub kiosk_location: Option<&'a str>,
    pub screen: Option<&'a str>,
    pub now: i64,
}

/// Inserts the request and records as notified everyone to tell: the community's staff and
/// the family with an active link to the elder at `now`. Returns its id.
pub async fn insert(tx: &mut Tx, h: &NewHelpRequest<'_>) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO help_requests (community_id, elder_id, requested_by, place, kiosk_location,
                                    screen, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?7) RETURNING id",
    )
    .bind(h.community_id)
    .bind(h.elder_id)
    .bind(h.requested_by)
    .bind(h.place)
    .bind(h.kiosk_location)
    .bind(h.screen)
    .bind(h.now)
    .fetch_one(&mut **tx)
    .await?;
    // The same "active link" as `people::family_link`: not revoked, not expired.
    sqlx::query(
        "INSERT INTO help_notified (help_request_id, person_id)
         SELECT ?1, id FROM people WHERE kind = 'staff' AND community_id = ?2
         UNION
         SELECT ?1, family_id FROM family_links
         WHERE elder_id = ?3 AND revoked_at IS NULL AND expires_at > ?4",
    )
    .bind(id)
    .bind(h.community_id)
    .bind(h.elder_id)
    .bind(h.now)
    .execute(&mut **tx)
    .await?;
    Ok(id)
}

/// One person told of a request: (request id, person id, name, kind).
pub type Notified = (i64, i64, String, String);

/// `$filter` selects the requests (over `help_requests h`) whose notified people to list.
macro_rules! select_notified {
    ($filter:literal) => {
        concat!(
            "SELECT n.help_request_id, p.id, p.name, p.kind
             FROM help_notified n
             JOIN people p ON p.id = n.person_id
             JOIN help_requests h ON h.id = n.help_request_id
             WHERE ",
            $filter,
            " ORDER BY n.help_request_id, p.kind = 'family', p.id"
        )
    };
}

/// Everyone told of one request: staff first, then family.
pub async fn notified_of(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Vec<Notified>> {
    sqlx::query_as(select_notified!("h.id = ?"))
        .bind(id)
        .fetch_all(db)
        .await
}

/// Everyone told of each of the elder's requests (one query for the whole list).
pub async fn notified_for_elder(db: &Db, elder_id: i64) -> sqlx::Result<Vec<Notified>> {
    sqlx::query_as(select_notified!("h.elder_id = ?"))
        .bind(elder_id)
        .fetch_all(db)
        .await
}

/// Everyone told of each of the community's requests (one query for the whole list).
pub async fn notified_for_community(db: &Db, community_id: i64) -> sqlx::Result<Vec<Notified>> {
    sqlx::query_as(select_notified!("h.community_id = ?"))
        .bind(community_id)
        .fetch_all(db)
        .await
}

/// A request moving on, by a staff member.
pub struct StatusChange<'a> {
    pub id: i64,
    pub from: &'a str,
    pub to: &'a str,
    pub by: i64,
    pub now: i64,
}

/// Moves a request from `from` to `to`; conditional on `from`, so a concurrent move that got
/// there first makes this one affect no row. Whoever moves it out of `open` takes it on
/// (`handled_by`); a later close keeps who that was.
pub async fn set_status(tx: &mut Tx, c: &StatusChange<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE help_requests SET status = ?1, updated_at = ?2, updated_by = ?3,
                handled_by = COALESCE(handled_by, ?3)
         WHERE id = ?4 AND status = ?5",
    )
    .bind(c.to)
    .bind(c.now)
    .bind(c.by)
    .bind(c.id)
    .bind(c.from)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}
