//! Inside a council meeting (issue 7): who is present, tickets for the live stream and the
//! signalling socket, raised hands, motions and votes.

use sqlx::SqliteExecutor;

use super::Tx;

/// Someone in the room (or who was).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PresentRow {
    pub person_id: i64,
    pub name: String,
    pub kind: String,
}

/// Enters (or comes back to) the meeting.
pub async fn join(
    tx: &mut Tx,
    meeting_id: i64,
    person_id: i64,
    mode: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO meeting_presence (meeting_id, person_id, mode, joined_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (meeting_id, person_id)
         DO UPDATE SET mode = excluded.mode, joined_at = excluded.joined_at, left_at = NULL",
    )
    .bind(meeting_id)
    .bind(person_id)
    .bind(mode)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Leaves the meeting; a raised hand goes down with them.
pub async fn leave(tx: &mut Tx, meeting_id: i64, person_id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE meeting_presence SET left_at = ? WHERE meeting_id = ? AND person_id = ? AND left_at IS NULL",
    )
    .bind(now)
    .bind(meeting_id)
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    lower_hand(tx, meeting_id, person_id, now).await
}

pub async fn is_present(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
    person_id: i64,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM meeting_presence WHERE meeting_id = ? AND person_id = ? AND left_at IS NULL",
    )
    .bind(meeting_id)
    .bind(person_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Who is in the meeting now: staff (the host) first, then in the order they came.
pub async fn present(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> sqlx::Result<Vec<PresentRow>> {
    sqlx::query_as(
        "SELECT p.id AS person_id, p.name, p.kind
         FROM meeting_presence m JOIN people p ON p.id = m.person_id
         WHERE m.meeting_id = ? AND m.left_at IS NULL
         ORDER BY p.kind = 'staff' DESC, m.joined_at, p.id",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

/// Elders in the meeting now: those who can vote.
pub async fn elders_present(db: impl SqliteExecutor<'_>, meeting_id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM meeting_presence m JOIN people p ON p.id = m.person_id
         WHERE m.meeting_id = ? AND m.left_at IS NULL AND p.kind = 'elder'",
    )
    .bind(meeting_id)
    .fetch_one(db)
    .await
}

pub async fn insert_ticket(
    tx: &mut Tx,
    token_hash: &str,
    meeting_id: i64,
    person_id: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO meeting_tickets (token_hash, meeting_id, person_id, expires_at) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(meeting_id)
    .bind(person_id)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The (meeting, person) a live ticket is for.
pub async fn ticket(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<Option<(i64, i64)>> {
    sqlx::query_as(
        "SELECT meeting_id, person_id FROM meeting_tickets WHERE token_hash = ? AND expires_at > ?",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HandRow {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub kind: String,
    pub raised_at: i64,
}

/// Raises the person's hand unless it is up already.
pub async fn raise_hand(
    tx: &mut Tx,
    meeting_id: i64,
    person_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO meeting_hands (meeting_id, person_id, raised_at) VALUES (?, ?, ?)
         ON CONFLICT (meeting_id, person_id) WHERE lowered_at IS NULL AND taken_at IS NULL DO NOTHING",
    )
    .bind(meeting_id)
    .bind(person_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn lower_hand(
    tx: &mut Tx,
    meeting_id: i64,
    person_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE meeting_hands SET lowered_at = ?
         WHERE meeting_id = ? AND person_id = ? AND lowered_at IS NULL AND taken_at IS NULL",
    )
    .bind(now)
    .bind(meeting_id)
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The queue: hands up, first raised first.
pub async fn hands(db: impl SqliteExecutor<'_>, meeting_id: i64) -> sqlx::Result<Vec<HandRow>> {
    sqlx::query_as(
        "SELECT h.id, h.person_id, p.name, p.kind, h.raised_at
         FROM meeting_hands h JOIN people p ON p.id = h.person_id
         WHERE h.meeting_id = ? AND h.lowered_at IS NULL AND h.taken_at IS NULL
         ORDER BY h.raised_at, h.id",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

/// Gives the floor to a raised hand of the meeting; false when it is not in the queue.
pub async fn take_hand(
    tx: &mut Tx,
    meeting_id: i64,
    hand_id: i64,
    by: i64,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE meeting_hands SET taken_at = ?, taken_by = ?
         WHERE id = ? AND meeting_id = ? AND lowered_at IS NULL AND taken_at IS NULL",
    )
    .bind(now)
    .bind(by)
    .bind(hand_id)
    .bind(meeting_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who has the floor: the owner of the hand taken last.
pub async fn floor(db: impl SqliteExecutor<'_>, meeting_id: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT person_id FROM meeting_hands WHERE meeting_id = ? AND taken_at IS NOT NULL
         ORDER BY taken_at DESC, id DESC LIMIT 1",
    )
    .bind(meeting_id)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MotionRow {
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    pub text_zh: String,
    pub text_en: String,
    pub status: String,
    pub opened_at: i64,
    pub present_at_close: Option<i64>,
    pub follow_up: String,
    pub follow_up_zh: String,
    pub follow_up_en: String,
    pub follow_up_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// `$tail` is a WHERE and ORDER BY over `motions`.
macro_rules! select_motion {
    ($tail:literal) => {
        concat!(
            "SELECT id, meeting_id, agenda_item_id, text_zh, text_en, status, opened_at,
                    present_at_close, follow_up, follow_up_zh, follow_up_en, follow_up_at,
                    closed_at
             FROM motions",
            $tail
        )
    };
}

pub async fn motion(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<MotionRow>> {
    sqlx::query_as(select_motion!(" WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The open motion, or else the one closed last.
pub async fn current_motion(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> sqlx::Result<Option<MotionRow>> {
    sqlx::query_as(select_motion!(
        " WHERE meeting_id = ?
         ORDER BY status = 'open' DESC, closed_at DESC, id DESC LIMIT 1"
    ))
    .bind(meeting_id)
    .fetch_optional(db)
    .await
}

/// The meeting's closed motions, in the order they were put.
pub async fn closed_motions(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> sqlx::Result<Vec<MotionRow>> {
    sqlx::query_as(select_motion!(
        " WHERE meeting_id = ? AND status = 'closed' ORDER BY opened_at, id"
    ))
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

/// The latest closed motion on an agenda item: what was decided about it.
pub async fn decision_on(
    db: impl SqliteExecutor<'_>,
    agenda_item_id: i64,
) -> sqlx::Result<Option<MotionRow>> {
    sqlx::query_as(select_motion!(
        " WHERE agenda_item_id = ? AND status = 'closed'
         ORDER BY closed_at DESC, id DESC LIMIT 1"
    ))
    .bind(agenda_item_id)
    .fetch_optional(db)
    .await
}

pub async fn open_motion(
    tx: &mut Tx,
    meeting_id: i64,
    agenda_item_id: Option<i64>,
    text: &api::Text,
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO motions (meeting_id, agenda_item_id, text_zh, text_en, opened_at, opened_by)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(meeting_id)
    .bind(agenda_item_id)
    .bind(&text.zh)
    .bind(&text.en)
    .bind(now)
    .bind(by)
    .fetch_one(&mut **tx)
    .await
}

/// Closes an open motion, keeping how many elders were present; a carried motion's follow-up
/// starts as pending, a rejected one's as none.
pub async fn close_motion(
    tx: &mut Tx,
    id: i64,
    present: i64,
    follow_up: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE motions SET status = 'closed', closed_at = ?, present_at_close = ?,
                            follow_up = ?, follow_up_at = ?
         WHERE id = ? AND status = 'open'",
    )
    .bind(now)
    .bind(present)
    .bind(follow_up)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_follow_up(
    tx: &mut Tx,
    id: i64,
    status: &str,
    note: &api::Text,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE motions SET follow_up = ?, follow_up_zh = ?, follow_up_en = ?, follow_up_at = ?
         WHERE id = ?",
    )
    .bind(status)
    .bind(&note.zh)
    .bind(&note.en)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Casts or changes an elder's vote: the key (motion, elder) makes it one vote each.
pub async fn vote(
    tx: &mut Tx,
    motion_id: i64,
    elder_id: i64,
    choice: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO votes (motion_id, elder_id, choice, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (motion_id, elder_id) DO UPDATE SET choice = excluded.choice,
                                                         updated_at = excluded.updated_at",
    )
    .bind(motion_id)
    .bind(elder_id)
    .bind(choice)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn my_vote(
    db: impl SqliteExecutor<'_>,
    motion_id: i64,
    elder_id: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT choice FROM votes WHERE motion_id = ? AND elder_id = ?")
        .bind(motion_id)
        .bind(elder_id)
        .fetch_optional(db)
        .await
}

/// (choice, how many) for each choice made.
pub async fn tally(
    db: impl SqliteExecutor<'_>,
    motion_id: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT choice, COUNT(*) FROM votes WHERE motion_id = ? GROUP BY choice")
        .bind(motion_id)
        .fetch_all(db)
        .await
}
