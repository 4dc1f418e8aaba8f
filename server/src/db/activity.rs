//! "Who acted for me": every recorded change to an elder's affairs whose author is not the
//! elder, gathered from the tables that already say who did what (bookings, ratings,
//! complaints, help requests, link history). Nothing is stored twice.

use sqlx::SqliteExecutor;

use super::Db;

/// One thing done for an elder by someone else, with who did it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActivityRow {
    /// As `api::ActivityKind` is spelled by serde.
    pub kind: String,
    pub subject_id: i64,
    pub booking_id: Option<i64>,
    pub at: i64,
    pub by_id: i64,
    pub by_name: String,
    pub by_kind: String,
    /// The author's relation to the elder when they are (or were) linked family.
    pub by_relation: Option<String>,
    /// The complaint's topic or the rating's face.
    pub detail: Option<String>,
}

/// Everything done for elder `?1` by anyone else, as rows `a(kind, subject_id, booking_id, at,
/// by_id, detail)`. A visit staff called off has no `cancelled_by`; its stage columns say who.
macro_rules! others_acts {
    () => {
        "SELECT 'booked' AS kind, b.id AS subject_id, b.id AS booking_id, b.created_at AS at,
                b.booked_by AS by_id, NULL AS detail
         FROM bookings b WHERE b.elder_id = ?1 AND b.booked_by <> ?1
         UNION ALL
         SELECT 'cancelled', b.id, b.id, COALESCE(b.cancelled_at, b.stage_changed_at),
                COALESCE(b.cancelled_by, b.stage_changed_by), NULL
         FROM bookings b WHERE b.elder_id = ?1 AND b.status = 'cancelled'
                           AND COALESCE(b.cancelled_by, b.stage_changed_by) <> ?1
         UNION ALL
         SELECT 'rated', r.booking_id, r.booking_id, r.rated_at, r.rated_by, r.face
         FROM ratings r JOIN bookings b ON b.id = r.booking_id
         WHERE b.elder_id = ?1 AND r.rated_by <> ?1
         UNION ALL
         SELECT 'complained', c.id, c.booking_id, c.created_at, c.made_by, c.topic
         FROM complaints c WHERE c.elder_id = ?1 AND c.made_by <> ?1
         UNION ALL
         SELECT 'asked_for_help', h.id, NULL, h.created_at, h.requested_by, NULL
         FROM help_requests h WHERE h.elder_id = ?1 AND h.requested_by <> ?1
         UNION ALL
         SELECT ev.event, ev.link_id, NULL, ev.at, ev.by, NULL
         FROM link_events ev WHERE ev.elder_id = ?1 AND ev.by <> ?1"
    };
}

/// `others_acts!` with the author's name, kind and relation, followed by `$tail`.
macro_rules! select_activity {
    ($tail:literal) => {
        concat!(
            "SELECT a.kind, a.subject_id, a.booking_id, a.at, a.by_id, p.name AS by_name,
                    p.kind AS by_kind,
                    CASE WHEN p.kind = 'family' THEN
                        (SELECT fl.relation FROM family_links fl
                         WHERE fl.elder_id = ?1 AND fl.family_id = a.by_id
                         ORDER BY fl.id DESC LIMIT 1)
                    END AS by_relation,
                    a.detail
             FROM (",
            others_acts!(),
            ") a JOIN people p ON p.id = a.by_id",
            $tail
        )
    };
}

/// What others did for the elder after `since` (all of it when `None`), newest first, at most
/// `limit` rows.
pub async fn for_elder(
    db: &Db,
    elder_id: i64,
    since: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<ActivityRow>> {
    sqlx::query_as(select_activity!(
        " WHERE a.at > ?2 ORDER BY a.at DESC, a.kind, a.subject_id DESC LIMIT ?3"
    ))
    .bind(elder_id)
    .bind(since.unwrap_or(i64::MIN))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// How many things others did for the elder after `since` (all time when `None`).
pub async fn count_since(db: &Db, elder_id: i64, since: Option<i64>) -> sqlx::Result<i64> {
    sqlx::query_scalar(concat!(
        "SELECT COUNT(*) FROM (",
        others_acts!(),
        ") a WHERE a.at > ?2"
    ))
    .bind(elder_id)
    .bind(since.unwrap_or(i64::MIN))
    .fetch_one(db)
    .await
}

/// When `by` last did something for the elder: booked, cancelled, rated, reported a problem
/// or asked for help (changes to the link itself are not acting for the elder).
pub async fn last_acted(
    db: impl SqliteExecutor<'_>,
    elder_id: i64,
    by: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(concat!(
        "SELECT MAX(a.at) FROM (",
        others_acts!(),
        ") a WHERE a.by_id = ?2
             AND a.kind IN ('booked', 'cancelled', 'rated', 'complained', 'asked_for_help')"
    ))
    .bind(elder_id)
    .bind(by)
    .fetch_one(db)
    .await
}
