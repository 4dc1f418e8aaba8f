//! Sign-in secrets, session tokens, and who a request acts as and for.
//!
//! Every authenticated request names a *principal* (from the bearer token) and, for
//! anything touching an elder's data, the *elder acted for* (the `Acting-For` header).
//! Both are checked here, once, so handlers receive an [`Actor`] that is already allowed.
//!
//! A token has a scope ([`Scope`]). A kiosk's *delivery token* may only deliver the bookings,
//! cancellations and help requests an elder queued there; [`Principal`] and [`Actor`] refuse it, so every
//! endpoint is closed to it unless its handler asks for a [`QueuedActor`] instead.

use std::time::Duration;

use api::{ACTING_FOR_HEADER, PersonKind};
use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier},
};
use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, request::Parts},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{
    db::people::{self, Person, Scope},
    error::{Error, Result},
    http::AppState,
};

/// Wrong PINs in a row before the account locks (issue 2; MIIT asks for no puzzles, so a
/// short lock plus "ask staff" is the way out).
pub const MAX_PIN_ATTEMPTS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

/// Wrong link codes in a row before a family account may not enter codes for
/// [`LOCK_MINUTES`]: six digits are a million codes, so five guesses per quarter hour make
/// guessing a live one hopeless (about one chance in 200 a year per live code).
pub const MAX_LINK_CODE_ATTEMPTS: i64 = 5;

/// How long a delivery token works: long enough for a centre's network outage to end and the
/// kiosk's queue to drain after the elder has walked away, short enough that a stolen kiosk
/// database (the token sits in its outbox) is soon useless.
pub const DELIVERY_TOKEN_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// The unix second `ttl` after `now`.
pub fn expiry(now: i64, ttl: Duration) -> i64 {
    now.saturating_add(i64::try_from(ttl.as_secs()).unwrap_or(i64::MAX))
}

/// Argon2id PHC string for a PIN or password.
pub fn hash_secret(secret: &str) -> Result<String> {
    Argon2::default()
        .hash_password(secret.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hashing failed: {e}")))
}

/// Checks a secret off the async runtime: argon2 is deliberately slow.
pub async fn verify_secret(hash: String, secret: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(secret.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .map_err(|e| Error::Internal(format!("verify task failed: {e}")))
}

/// A fresh bearer token and the hash stored for it.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim()).filter(|t| !t.is_empty())
}

/// The person behind the bearer token and the token's scope: known, not revoked, not expired.
async fn authenticate(parts: &Parts, state: &AppState) -> Result<(Person, Scope)> {
    let token = bearer(&parts.headers).ok_or_else(Error::not_signed_in)?;
    let session = people::session(&state.db, &token_hash(token))
        .await?
        .ok_or_else(Error::not_signed_in)?;
    if session.expires_at <= state.clock.unix() {
        return Err(Error::session_expired());
    }
    Ok((session.person, session.scope))
}

/// The signed-in person making the request, with a full session (never a delivery token).
#[derive(Debug, Clone)]
pub struct Principal(pub Person);

impl FromRequestParts<AppState> for Principal {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let (person, scope) = authenticate(parts, state).await?;
        // Default-deny: a delivery token reads nothing and changes nothing here, on every
        // endpoint present and future, unless a handler takes a `QueuedActor` on purpose.
        if scope != Scope::Session {
            return Err(Error::delivery_only());
        }
        Ok(Principal(person))
    }
}

/// What a principal may do for the elder acted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    pub view: bool,
    pub book: bool,
    pub cancel: bool,
}

impl Permissions {
    pub const ALL: Permissions = Permissions {
        view: true,
        book: true,
        cancel: true,
    };
}

/// A principal acting for an elder, already authorised.
#[derive(Debug, Clone)]
pub struct Actor {
    pub principal: Person,
    pub elder: Person,
    pub permissions: Permissions,
}

impl Actor {
    pub fn require(&self, allowed: impl Fn(&Permissions) -> bool) -> Result<()> {
        if allowed(&self.permissions) {
            Ok(())
        } else {
            Err(Error::forbidden())
        }
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let Principal(principal) = Principal::from_request_parts(parts, state).await?;
        authorise(&parts.headers, state, principal).await
    }
}

/// An [`Actor`] whose token may also be a kiosk's delivery token: only for the changes a
/// kiosk queues while offline (`POST /bookings`, `POST /bookings/{id}/cancel`,
/// `POST /help-requests`). The kiosk wipes the elder's session at sign-out, yet what they
/// booked, or a call for help, during an outage must still arrive; the delivery token lets it, while reading nothing. The elder acted for is
/// authorised exactly as for a session.
#[derive(Debug, Clone)]
pub struct QueuedActor(pub Actor);

impl FromRequestParts<AppState> for QueuedActor {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        // Either scope: a delivery token acts as the person it was made for.
        let (principal, _scope) = authenticate(parts, state).await?;
        Ok(QueuedActor(
            authorise(&parts.headers, state, principal).await?,
        ))
    }
}

/// `principal` acting for the elder the `Acting-For` header names, if they may. For handlers
/// that take a [`Principal`] and act for an elder only sometimes (`GET /links` for staff).
pub async fn authorise(headers: &HeaderMap, state: &AppState, principal: Person) -> Result<Actor> {
    let elder_id: i64 = headers
        .get(ACTING_FOR_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| Error::invalid_field(ACTING_FOR_HEADER, "acting-for-missing"))?;
    let permissions = if principal.id == elder_id && principal.kind() == PersonKind::Elder {
        Some(Permissions::ALL)
    } else {
        permissions_for(state, &principal, elder_id).await?
    };
    // Refuse the same way whether the elder exists or not: nothing leaks.
    let permissions = permissions.ok_or_else(Error::forbidden)?;
    let elder = people::by_id(&state.db, elder_id)
        .await?
        .ok_or_else(Error::forbidden)?;
    if elder.kind() != PersonKind::Elder {
        return Err(Error::forbidden());
    }
    Ok(Actor {
        principal,
        elder,
        permissions,
    })
}

async fn permissions_for(
    state: &AppState,
    principal: &Person,
    elder_id: i64,
) -> Result<Option<Permissions>> {
    match principal.kind() {
        PersonKind::Elder => Ok(None),
        PersonKind::Family => {
            let link =
                people::family_link(&state.db, principal.id, elder_id, state.clock.unix()).await?;
            Ok(link.map(|(view, book, cancel)| Permissions { view, book, cancel }))
        }
        PersonKind::Staff => {
            let elder = people::by_id(&state.db, elder_id).await?;
            Ok(elder
                .filter(|e| e.community_id == principal.community_id)
                .map(|_| Permissions::ALL))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_only_their_hash_matches() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(ha, hb);
        assert_eq!(a.len(), 43);
    }

    #[tokio::test]
    async fn secrets_verify_only_with_the_right_value() {
        let hash = hash_secret("123456").unwrap();
        assert!(verify_secret(hash.clone(), "123456".into()).await.unwrap());
        assert!(!verify_secret(hash, "654321".into()).await.unwrap());
    }
}
