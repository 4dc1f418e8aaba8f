//! Per-person settings (issue 5): one row per principal once they first save.

use api::Settings;
use sqlx::SqliteExecutor;

use super::{Tx, enum_name, enum_of};

#[derive(sqlx::FromRow)]
struct SettingsRow {
    text_size: String,
    high_contrast: bool,
    voice: bool,
    voice_speed: String,
    lang: String,
}

/// The person's saved settings; `None` if they never saved any.
pub async fn get(db: impl SqliteExecutor<'_>, person_id: i64) -> sqlx::Result<Option<Settings>> {
    let row: Option<SettingsRow> = sqlx::query_as(
        "SELECT text_size, high_contrast, voice, voice_speed, lang FROM settings
         WHERE person_id = ?",
    )
    .bind(person_id)
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        Ok(Settings {
            text_size: enum_of(&r.text_size)?,
            high_contrast: r.high_contrast,
            voice: r.voice,
            voice_speed: enum_of(&r.voice_speed)?,
            lang: enum_of(&r.lang)?,
        })
    })
    .transpose()
}

/// Replaces the person's settings with `s` (a PUT: the whole set, every time).
pub async fn save(tx: &mut Tx, person_id: i64, s: &Settings, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO settings (person_id, text_size, high_contrast, voice, voice_speed, lang,
                               updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (person_id) DO UPDATE SET
             text_size = excluded.text_size, high_contrast = excluded.high_contrast,
             voice = excluded.voice, voice_speed = excluded.voice_speed, lang = excluded.lang,
             updated_at = excluded.updated_at",
    )
    .bind(person_id)
    .bind(enum_name(s.text_size)?)
    .bind(s.high_contrast)
    .bind(s.voice)
    .bind(enum_name(s.voice_speed)?)
    .bind(enum_name(s.lang)?)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
