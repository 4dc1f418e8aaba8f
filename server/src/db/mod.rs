//! Database access: the pool, migrations, and one module of queries per resource.

pub mod activity;
pub mod bookings;
pub mod complaints;
pub mod concerns;
pub mod daycare;
pub mod help;
pub mod links;
pub mod meals;
pub mod meeting_room;
pub mod meetings;
pub mod people;
pub mod providers;
pub mod ratings;
pub mod settings;
pub mod visits;

use std::{str::FromStr, time::Duration};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Serialize, de::DeserializeOwned};
use sqlx::{
    Sqlite, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub type Db = SqlitePool;
pub type Tx = Transaction<'static, Sqlite>;

pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    if url.starts_with("postgres") {
        return Err(sqlx::Error::Configuration(
            "PostgreSQL is planned but not supported yet; use sqlite://path/to/file.db".into(),
        ));
    }
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    if let Some(dir) = options.get_filename().parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
}

pub async fn migrate(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("./migrations").run(db).await
}

/// A transaction for a change. `BEGIN IMMEDIATE` takes SQLite's write lock up front, so
/// concurrent changes queue on the busy timeout instead of failing when a read upgrades.
pub async fn begin_change(db: &Db) -> Result<Tx, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// A stored instant, shown in the community's time zone.
pub fn local(unix: i64, tz: FixedOffset) -> DateTime<FixedOffset> {
    DateTime::<Utc>::from_timestamp(unix, 0)
        .unwrap_or_default()
        .with_timezone(&tz)
}

/// Unix seconds of a local wall-clock time on `date`.
pub fn unix_at(date: NaiveDate, time: NaiveTime, tz: FixedOffset) -> i64 {
    // A fixed offset has no gaps or folds, so the local time is always unique.
    tz.from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

/// Today's date in the community.
pub fn today(now: DateTime<Utc>, tz: FixedOffset) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// How a unit enum of `api` is stored: as serde spells it, so the column, the JSON and the
/// migration's CHECK use one spelling and no hand-kept table can drift from it.
pub fn enum_name(value: impl Serialize) -> sqlx::Result<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(sqlx::Error::Encode(
            format!("not a unit enum: {other:?}").into(),
        )),
    }
}

/// The `api` enum a stored name spells; an unknown name is a decode error, never a default.
pub fn enum_of<T: DeserializeOwned>(name: &str) -> sqlx::Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_owned()))
        .map_err(|e| sqlx::Error::Decode(format!("{name:?}: {e}").into()))
}
