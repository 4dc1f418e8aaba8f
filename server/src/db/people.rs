//! People (elders, family, staff), their sessions and their subsidy eligibility.

use api::{PersonKind, PersonRef};
use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use super::Db;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub community_id: i64,
    pub kind: String,
    pub name: String,
    pub secret_hash: String,
    pub birth_date: Option<String>,
    pub lang: Option<String>,
    pub locked_until: Option<i64>,
}

impl Person {
    pub fn kind(&self) -> PersonKind {
        match self.kind.as_str() {
            "family" => PersonKind::Family,
            "staff" => PersonKind::Staff,
            _ => PersonKind::Elder,
        }
    }

    pub fn as_ref(&self) -> PersonRef {
        PersonRef {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind(),
            relation: None,
        }
    }

    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.birth_date.as_deref().and_then(|d| d.parse().ok())
    }
}

pub async fn by_account(db: &Db, account: &str) -> sqlx::Result<Option<Person>> {
    sqlx::query_as(
        "SELECT id, community_id, kind, name, secret_hash, birth_date, lang, locked_until
         FROM people WHERE card_number = ?1 OR phone = ?1",
    )
    .bind(account)
    .fetch_optional(db)
    .await
}

pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<Person>> {
    sqlx::query_as(
        "SELECT id, community_id, kind, name, secret_hash, birth_date, lang, locked_until
         FROM people WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Counts a wrong PIN; at `max` wrong in a row the account locks until `lock_until`.
/// Returns the tries left (0 when it just locked). One transaction, so concurrent
/// wrong PINs are all counted.
pub async fn record_wrong_pin(db: &Db, id: i64, max: i64, lock_until: i64) -> sqlx::Result<i64> {
    let mut tx = super::begin_change(db).await?;
    let failed: i64 = sqlx::query_scalar(
        "UPDATE people SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if failed >= max {
        sqlx::query("UPDATE people SET failed_attempts = 0, locked_until = ? WHERE id = ?")
            .bind(lock_until)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((max - failed).max(0))
}

pub async fn clear_wrong_pins(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE people SET failed_attempts = 0, locked_until = NULL WHERE id = ?")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// The elder's address on file, the default for a visit or a meal delivery; `None` when
/// there is none or it is blank.
pub async fn home_address(db: impl SqliteExecutor<'_>, id: i64) -> sqlx::Result<Option<String>> {
    let address: Option<Option<String>> =
        sqlx::query_scalar("SELECT address FROM people WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(address
        .flatten()
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty()))
}

/// An elder's standing dietary needs (tag names), in no particular order.
pub async fn diet_needs(db: &Db, id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT tag FROM diet_needs WHERE person_id = ?")
        .bind(id)
        .fetch_all(db)
        .await
}

pub async fn community_hotline(
    db: impl SqliteExecutor<'_>,
    community_id: i64,
) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT hotline FROM communities WHERE id = ?")
        .bind(community_id)
        .fetch_one(db)
        .await
}

pub async fn eligibility(db: &Db, person_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT category FROM eligibilities WHERE person_id = ? ORDER BY category")
        .bind(person_id)
        .fetch_all(db)
        .await
}

/// Subsidy rules for a service other than meals (`daycare`, `visit`).
pub async fn service_subsidy_rules(
    db: &Db,
    community_id: i64,
    service: &str,
) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT category, amount_fen FROM service_subsidy_rules WHERE community_id = ? AND service = ?",
    )
    .bind(community_id)
    .bind(service)
    .fetch_all(db)
    .await
}

pub async fn subsidy_rules(db: &Db, community_id: i64) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as("SELECT category, amount_fen FROM subsidy_rules WHERE community_id = ?")
        .bind(community_id)
        .fetch_all(db)
        .await
}

/// The permissions of an active (not revoked, not expired) family link, if any.
pub async fn family_link(
    db: &Db,
    family_id: i64,
    elder_id: i64,
    now: i64,
) -> sqlx::Result<Option<(bool, bool, bool)>> {
    sqlx::query_as(
        "SELECT can_view, can_book, can_cancel FROM family_links
         WHERE family_id = ? AND elder_id = ? AND revoked_at IS NULL AND expires_at > ?",
    )
    .bind(family_id)
    .bind(elder_id)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// The elders a principal may act for: themself if an elder, linked elders if family.
pub async fn actable_elders(db: &Db, person: &Person, now: i64) -> sqlx::Result<Vec<PersonRef>> {
    match person.kind() {
        PersonKind::Elder => Ok(vec![person.as_ref()]),
        PersonKind::Family => {
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT p.id, p.name FROM family_links l JOIN people p ON p.id = l.elder_id
                 WHERE l.family_id = ? AND l.revoked_at IS NULL AND l.expires_at > ? ORDER BY p.id",
            )
            .bind(person.id)
            .bind(now)
            .fetch_all(db)
            .await?;
            Ok(rows
                .into_iter()
                .map(|(id, name)| PersonRef {
                    id,
                    name,
                    kind: PersonKind::Elder,
                    relation: None,
                })
                .collect())
        }
        PersonKind::Staff => Ok(Vec::new()),
    }
}

/// What a bearer token may do. Stored as text in `sessions.scope` (migration 0005).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A sign-in: everything its person may do.
    Session,
    /// A kiosk's outbox credential: only queued bookings, cancellations and help requests
    /// (`auth::QueuedActor`).
    Delivery,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Session => "session",
            Scope::Delivery => "delivery",
        }
    }

    /// Anything but `session` reads as the narrower scope: an unknown value never grants more.
    fn parse(s: &str) -> Scope {
        if s == "session" {
            Scope::Session
        } else {
            Scope::Delivery
        }
    }
}

/// A live row of `sessions`: whose token it is, until when, and what it may do.
#[derive(Debug, Clone)]
pub struct Session {
    pub person: Person,
    pub expires_at: i64,
    pub scope: Scope,
}

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    person_id: i64,
    scope: Scope,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, person_id, scope, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(person_id)
    .bind(scope.as_str())
    .bind(now)
    .bind(expires_at)
    .execute(db)
    .await?;
    Ok(())
}

/// The session behind a token; `None` when unknown or revoked (expiry is the caller's check).
pub async fn session(db: &Db, token_hash: &str) -> sqlx::Result<Option<Session>> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT person_id, expires_at, scope FROM sessions
         WHERE token_hash = ? AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await?;
    let Some((person_id, expires_at, scope)) = row else {
        return Ok(None);
    };
    Ok(by_id(db, person_id).await?.map(|person| Session {
        person,
        expires_at,
        scope: Scope::parse(&scope),
    }))
}

/// Revokes this one token, of either scope. Other tokens of the same person stay: signing
/// out of a kiosk must not stop the delivery of what the elder queued there.
pub async fn revoke_session(db: &Db, token_hash: &str, now: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .bind(now)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

/// Notes a sign-in: the one before becomes `previous_sign_in_at`, the start of "since last
/// time" for the whole of this session.
pub async fn record_sign_in(db: &Db, id: i64, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE people SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = ? WHERE id = ?",
    )
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// The person's sign-in before their latest one; `None` if they had none before it.
pub async fn previous_sign_in(db: &Db, id: i64) -> sqlx::Result<Option<i64>> {
    let at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT previous_sign_in_at FROM people WHERE id = ?")
            .bind(id)
            .fetch_optional(db)
            .await?;
    Ok(at.flatten())
}

/// A family account to add.
pub struct NewFamily<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    pub secret_hash: &'a str,
}

/// Adds a family account. A family member belongs to no community of their own (their elders
/// may live in several); the row's community is the platform's first, whose hotline they see
/// before they are linked. `None` when the phone number is taken, decided by the UNIQUE
/// constraint so two sign-ups at once cannot both win.
pub async fn insert_family(db: &Db, f: &NewFamily<'_>, now: i64) -> sqlx::Result<Option<i64>> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO people (community_id, kind, name, phone, secret_hash, created_at)
         SELECT MIN(id), 'family', ?, ?, ?, ? FROM communities WHERE true
         ON CONFLICT (phone) DO NOTHING RETURNING id",
    )
    .bind(f.name)
    .bind(f.phone)
    .bind(f.secret_hash)
    .bind(now)
    .fetch_optional(db)
    .await;
    match inserted {
        Ok(id) => Ok(id),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e),
    }
}

/// An elder to add (the demo seed and tests that need many elders).
pub struct NewElder<'a> {
    pub community_id: i64,
    pub name: &'a str,
    pub card_number: &'a str,
    pub phone: &'a str,
    pub secret_hash: &'a str,
    pub birth_date: NaiveDate,
    pub address: &'a str,
}

pub async fn insert_elder(
    db: impl SqliteExecutor<'_>,
    e: &NewElder<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO people (community_id, kind, name, card_number, phone, secret_hash, birth_date, address, created_at)
         VALUES (?, 'elder', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(e.community_id)
    .bind(e.name)
    .bind(e.card_number)
    .bind(e.phone)
    .bind(e.secret_hash)
    .bind(e.birth_date.to_string())
    .bind(e.address)
    .bind(now)
    .fetch_one(db)
    .await
}
