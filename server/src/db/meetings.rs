//! Council meetings (issue 7): the meeting, its agenda, replies to the invitation, and the
//! minutes. The room itself (presence, hands, votes) is in [`super::meeting_room`].

use sqlx::SqliteExecutor;

use super::Tx;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub community_id: i64,
    pub level: String,
    pub compound: Option<String>,
    pub building: Option<String>,
    pub topic_zh: String,
    pub topic_en: String,
    pub place_zh: String,
    pub place_en: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub channel_type: String,
    pub external_url: Option<String>,
    pub current_item_id: Option<i64>,
    pub caption_zh: Option<String>,
    pub caption_en: Option<String>,
    pub minutes_zh: Option<String>,
    pub minutes_en: Option<String>,
    pub minutes_at: Option<i64>,
    pub version: i64,
}

impl MeetingRow {
    /// Whether a resident of `compound` / `building` in the meeting's community is invited:
    /// everyone to the community's meeting, the compound's residents to its meetings, the
    /// building's to the building's.
    pub fn invites(&self, compound: Option<&str>, building: Option<&str>) -> bool {
        match self.level.as_str() {
            "community" => true,
            "compound" => compound.is_some() && self.compound.as_deref() == compound,
            _ => {
                compound.is_some()
                    && self.compound.as_deref() == compound
                    && building.is_some()
                    && self.building.as_deref() == building
            }
        }
    }
}

/// `$tail` is a WHERE and ORDER BY over `meetings`.
macro_rules! select_meeting {
    ($tail:literal) => {
        concat!(
            "SELECT id, community_id, level, compound, building, topic_zh, topic_en, place_zh,
                    place_en, starts_at, ends_at, status, channel_type, external_url,
                    current_item_id, caption_zh, caption_en, minutes_zh, minutes_en, minutes_at,
                    version
             FROM meetings",
            $tail
        )
    };
}

/// Where a person lives in their community: (compound, building).
pub async fn residence(
    db: impl SqliteExecutor<'_>,
    person_id: i64,
) -> sqlx::Result<(Option<String>, Option<String>)> {
    Ok(
        sqlx::query_as("SELECT compound, building FROM people WHERE id = ?")
            .bind(person_id)
            .fetch_optional(db)
            .await?
            .unwrap_or((None, None)),
    )
}

/// The community's meetings that end after `since`, soonest first.
pub async fn for_community(
    db: impl SqliteExecutor<'_>,
    community_id: i64,
    since: i64,
) -> sqlx::Result<Vec<MeetingRow>> {
    sqlx::query_as(select_meeting!(
        " WHERE community_id = ? AND ends_at > ? ORDER BY starts_at, id"
    ))
    .bind(community_id)
    .bind(since)
    .fetch_all(db)
    .await
}

/// One meeting of one community; `None` for another community's, so nothing leaks.
pub async fn get(
    db: impl SqliteExecutor<'_>,
    id: i64,
    community_id: i64,
) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as(select_meeting!(" WHERE id = ? AND community_id = ?"))
        .bind(id)
        .bind(community_id)
        .fetch_optional(db)
        .await
}

/// Any meeting, whichever community (for a ticket, which names its meeting).
pub async fn by_id(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as(select_meeting!(" WHERE id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub struct NewMeeting<'a> {
    pub community_id: i64,
    pub level: &'a str,
    pub compound: Option<&'a str>,
    pub building: Option<&'a str>,
    pub topic: &'a api::Text,
    pub place: &'a api::Text,
    pub starts_at: i64,
    pub ends_at: i64,
    pub channel_type: &'a str,
    pub external_url: Option<&'a str>,
    pub created_by: i64,
    pub now: i64,
}

pub async fn insert(tx: &mut Tx, m: &NewMeeting<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO meetings (community_id, level, compound, building, topic_zh, topic_en,
             place_zh, place_en, starts_at, ends_at, channel_type, external_url, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(m.community_id)
    .bind(m.level)
    .bind(m.compound)
    .bind(m.building)
    .bind(&m.topic.zh)
    .bind(&m.topic.en)
    .bind(&m.place.zh)
    .bind(&m.place.en)
    .bind(m.starts_at)
    .bind(m.ends_at)
    .bind(m.channel_type)
    .bind(m.external_url)
    .bind(m.created_by)
    .bind(m.now)
    .fetch_one(&mut **tx)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgendaRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub title_zh: String,
    pub title_en: String,
    pub concern_id: Option<i64>,
}

pub async fn agenda(db: impl SqliteExecutor<'_>, meeting_id: i64) -> sqlx::Result<Vec<AgendaRow>> {
    sqlx::query_as(
        "SELECT id, meeting_id, position, title_zh, title_en, concern_id
         FROM agenda_items WHERE meeting_id = ? ORDER BY position",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

pub async fn agenda_item(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<AgendaRow>> {
    sqlx::query_as(
        "SELECT id, meeting_id, position, title_zh, title_en, concern_id
         FROM agenda_items WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Adds an item at the end of the agenda.
pub async fn add_agenda_item(
    tx: &mut Tx,
    meeting_id: i64,
    title: &api::Text,
    concern_id: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO agenda_items (meeting_id, position, title_zh, title_en, concern_id)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?1),
                 ?2, ?3, ?4)
         RETURNING id",
    )
    .bind(meeting_id)
    .bind(&title.zh)
    .bind(&title.en)
    .bind(concern_id)
    .fetch_one(&mut **tx)
    .await
}

pub async fn reply_of(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
    elder_id: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT reply FROM meeting_replies WHERE meeting_id = ? AND elder_id = ?")
        .bind(meeting_id)
        .bind(elder_id)
        .fetch_optional(db)
        .await
}

/// (reply, how many) for each reply given.
pub async fn reply_counts(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT reply, COUNT(*) FROM meeting_replies WHERE meeting_id = ? GROUP BY reply",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

pub async fn set_reply(
    tx: &mut Tx,
    meeting_id: i64,
    elder_id: i64,
    reply: &str,
    by: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO meeting_replies (meeting_id, elder_id, reply, replied_by, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, elder_id)
         DO UPDATE SET reply = excluded.reply, replied_by = excluded.replied_by,
                       updated_at = excluded.updated_at",
    )
    .bind(meeting_id)
    .bind(elder_id)
    .bind(reply)
    .bind(by)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks a change everyone in the room should see.
pub async fn bump(tx: &mut Tx, meeting_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE meetings SET version = version + 1 WHERE id = ?")
        .bind(meeting_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_status(tx: &mut Tx, meeting_id: i64, status: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE meetings SET status = ?, version = version + 1 WHERE id = ?")
        .bind(status)
        .bind(meeting_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn set_now(
    tx: &mut Tx,
    meeting_id: i64,
    item: Option<i64>,
    caption: Option<&api::Text>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE meetings SET current_item_id = ?, caption_zh = ?, caption_en = ?,
                             version = version + 1
         WHERE id = ?",
    )
    .bind(item)
    .bind(caption.map(|c| c.zh.as_str()))
    .bind(caption.map(|c| c.en.as_str()))
    .bind(meeting_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn set_minutes(
    tx: &mut Tx,
    meeting_id: i64,
    text: &api::Text,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE meetings SET minutes_zh = ?, minutes_en = ?, minutes_at = ?, version = version + 1
         WHERE id = ?",
    )
    .bind(&text.zh)
    .bind(&text.en)
    .bind(now)
    .bind(meeting_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
