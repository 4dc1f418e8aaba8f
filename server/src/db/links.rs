//! Family links (issue 6): the links themselves, the one-time codes that make them, their
//! history, and the lock on guessing codes. One row of `family_links` per elder and family
//! member (migration 0007).

use sqlx::SqliteExecutor;

use super::{Db, Tx};

/// A link with the names on both sides and the staff member who made it, if one did.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkRow {
    pub id: i64,
    pub elder_id: i64,
    pub elder_name: String,
    pub elder_community_id: i64,
    pub family_id: i64,
    pub family_name: String,
    pub family_phone: Option<String>,
    pub relation: String,
    pub elder_nickname: Option<String>,
    pub can_view: bool,
    pub can_book: bool,
    pub can_cancel: bool,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub made_by_staff: Option<i64>,
    pub staff_name: Option<String>,
}

impl LinkRow {
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

/// `$tail` is a WHERE and ORDER BY over `family_links l`.
macro_rules! select_links {
    ($tail:literal) => {
        concat!(
            "SELECT l.id, l.elder_id, e.name AS elder_name, e.community_id AS elder_community_id,
                    l.family_id, f.name AS family_name, f.phone AS family_phone, l.relation,
                    l.elder_nickname, l.can_view, l.can_book, l.can_cancel, l.created_at,
                    l.expires_at, l.revoked_at, l.made_by_staff, s.name AS staff_name
             FROM family_links l
             JOIN people e ON e.id = l.elder_id
             JOIN people f ON f.id = l.family_id
             LEFT JOIN people s ON s.id = l.made_by_staff",
            $tail
        )
    };
}

/// The elder's links, newest first.
pub async fn for_elder(db: &Db, elder_id: i64) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as(select_links!(
        " WHERE l.elder_id = ? ORDER BY l.created_at DESC, l.id DESC"
    ))
    .bind(elder_id)
    .fetch_all(db)
    .await
}

/// The family member's links, newest first.
pub async fn for_family(db: &Db, family_id: i64) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as(select_links!(
        " WHERE l.family_id = ? ORDER BY l.created_at DESC, l.id DESC"
    ))
    .bind(family_id)
    .fetch_all(db)
    .await
}

pub async fn get(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as(select_links!(" WHERE l.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The permissions a link grants, as stored (0/1 columns).
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    pub view: bool,
    pub book: bool,
    pub cancel: bool,
}

/// A link to make, or to bring up to date if the pair is already linked.
pub struct NewLink<'a> {
    pub elder_id: i64,
    pub family_id: i64,
    pub relation: &'a str,
    /// `None` keeps what the family member said before (staff do not know it).
    pub elder_nickname: Option<&'a str>,
    pub grant: Grant,
    pub made_by_staff: Option<i64>,
    pub now: i64,
    pub expires_at: i64,
}

/// Makes the link, or updates the pair's existing one: new relation and permissions, a new
/// expiry, active again. A link that was not active starts afresh (`created_at` is now): it
/// is a new consent. Returns the link's id and whether it is a new row.
pub async fn upsert(tx: &mut Tx, l: &NewLink<'_>) -> sqlx::Result<(i64, bool)> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM family_links WHERE elder_id = ? AND family_id = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(l.elder_id)
    .bind(l.family_id)
    .fetch_optional(&mut **tx)
    .await?;
    match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE family_links SET relation = ?1, elder_nickname = COALESCE(?2, elder_nickname),
                        can_view = ?3, can_book = ?4, can_cancel = ?5, made_by_staff = ?6,
                        created_at = CASE WHEN revoked_at IS NULL AND expires_at > ?7
                                          THEN created_at ELSE ?7 END,
                        expires_at = ?8, revoked_at = NULL, revoked_by = NULL
                 WHERE id = ?9",
            )
            .bind(l.relation)
            .bind(l.elder_nickname)
            .bind(l.grant.view)
            .bind(l.grant.book)
            .bind(l.grant.cancel)
            .bind(l.made_by_staff)
            .bind(l.now)
            .bind(l.expires_at)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            Ok((id, false))
        }
        None => {
            let id = sqlx::query_scalar(
                "INSERT INTO family_links (elder_id, family_id, relation, elder_nickname, can_view,
                                           can_book, can_cancel, made_by_staff, created_at, expires_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(l.elder_id)
            .bind(l.family_id)
            .bind(l.relation)
            .bind(l.elder_nickname)
            .bind(l.grant.view)
            .bind(l.grant.book)
            .bind(l.grant.cancel)
            .bind(l.made_by_staff)
            .bind(l.now)
            .bind(l.expires_at)
            .fetch_one(&mut **tx)
            .await?;
            Ok((id, true))
        }
    }
}

pub async fn set_grant(tx: &mut Tx, id: i64, g: Grant) -> sqlx::Result<()> {
    sqlx::query("UPDATE family_links SET can_view = ?, can_book = ?, can_cancel = ? WHERE id = ?")
        .bind(g.view)
        .bind(g.book)
        .bind(g.cancel)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn renew(tx: &mut Tx, id: i64, expires_at: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE family_links SET expires_at = ? WHERE id = ?")
        .bind(expires_at)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn revoke(tx: &mut Tx, id: i64, by: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE family_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Notes a change to a link in its history (`event` as in migration 0007's CHECK).
pub async fn record_event(
    tx: &mut Tx,
    link: &LinkRow,
    event: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO link_events (link_id, elder_id, family_id, event, by, at, can_view, can_book, can_cancel)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(link.id)
    .bind(link.elder_id)
    .bind(link.family_id)
    .bind(event)
    .bind(by)
    .bind(now)
    .bind(link.can_view)
    .bind(link.can_book)
    .bind(link.can_cancel)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A code that works now: not used, not superseded, not expired.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    pub elder_id: i64,
    pub can_view: bool,
    pub can_book: bool,
    pub can_cancel: bool,
}

/// Ends the elder's earlier codes that were never used: only the newest code works.
pub async fn supersede_codes(tx: &mut Tx, elder_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE link_codes SET superseded_at = ?
         WHERE elder_id = ? AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(now)
    .bind(elder_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The working code with this hash, if any. No two working codes share a hash
/// ([`insert_code`]'s caller checks), so one entered code names one elder.
pub async fn live_code(tx: &mut Tx, code_hash: &str, now: i64) -> sqlx::Result<Option<CodeRow>> {
    sqlx::query_as(
        "SELECT id, elder_id, can_view, can_book, can_cancel FROM link_codes
         WHERE code_hash = ? AND expires_at > ? AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(code_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// Whether an unused, unsuperseded code with this hash ran out within the last `window`
/// seconds: the one case told apart from a wrong code ("ask for a new one"). A used or
/// superseded code reads as wrong, so entering codes tells nobody which were real.
pub async fn recently_expired(
    tx: &mut Tx,
    code_hash: &str,
    now: i64,
    window: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM link_codes
         WHERE code_hash = ? AND expires_at <= ? AND expires_at > ?
           AND used_at IS NULL AND superseded_at IS NULL",
    )
    .bind(code_hash)
    .bind(now)
    .bind(now - window)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n > 0)
}

pub struct NewCode<'a> {
    pub elder_id: i64,
    pub code_hash: &'a str,
    pub grant: Grant,
    pub now: i64,
    pub expires_at: i64,
}

pub async fn insert_code(tx: &mut Tx, c: &NewCode<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO link_codes (elder_id, code_hash, can_view, can_book, can_cancel, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(c.elder_id)
    .bind(c.code_hash)
    .bind(c.grant.view)
    .bind(c.grant.book)
    .bind(c.grant.cancel)
    .bind(c.now)
    .bind(c.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn use_code(tx: &mut Tx, id: i64, by: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE link_codes SET used_at = ?, used_by = ? WHERE id = ?")
        .bind(now)
        .bind(by)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Until when the family account may not enter codes, if it is locked.
pub async fn code_lock(tx: &mut Tx, family_id: i64) -> sqlx::Result<Option<i64>> {
    let until: Option<Option<i64>> =
        sqlx::query_scalar("SELECT link_code_locked_until FROM people WHERE id = ?")
            .bind(family_id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(until.flatten())
}

/// Counts a wrong code; at `max` wrong in a row the account may not enter codes until
/// `lock_until`. Returns the tries left (0 when it just locked).
pub async fn record_wrong_code(
    tx: &mut Tx,
    family_id: i64,
    max: i64,
    lock_until: i64,
) -> sqlx::Result<i64> {
    let failed: i64 = sqlx::query_scalar(
        "UPDATE people SET link_code_failures = link_code_failures + 1 WHERE id = ?
         RETURNING link_code_failures",
    )
    .bind(family_id)
    .fetch_one(&mut **tx)
    .await?;
    if failed >= max {
        sqlx::query(
            "UPDATE people SET link_code_failures = 0, link_code_locked_until = ? WHERE id = ?",
        )
        .bind(lock_until)
        .bind(family_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok((max - failed).max(0))
}

pub async fn clear_wrong_codes(tx: &mut Tx, family_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE people SET link_code_failures = 0, link_code_locked_until = NULL WHERE id = ?",
    )
    .bind(family_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
