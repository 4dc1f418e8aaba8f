//! Sign-in secrets, session tokens, and who a request acts as and for.
//!
//! Every authenticated request names a *principal* (from the bearer token) and, for
//! anything touching an elder's data, the *elder acted for* (the `Acting-For` header).
//! Both are checked here, once, so handlers receive an [`Actor`] that is already allowed.

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
    db::people::{self, Person},
    error::{Error, Result},
    http::AppState,
};

/// Wrong PINs in a row before the account locks (issue 2; MIIT asks for no puzzles, so a
/// short lock plus "ask staff" is the way out).
pub const MAX_PIN_ATTEMPTS: i64 = 5;
pub const LOCK_MINUTES: i64 = 15;

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

/// The signed-in person making the request.
#[derive(Debug, Clone)]
pub struct Principal(pub Person);

impl FromRequestParts<AppState> for Principal {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self> {
        let token = bearer(&parts.headers).ok_or_else(Error::not_signed_in)?;
        let (person, expires_at) = people::session(&state.db, &token_hash(token))
            .await?
            .ok_or_else(Error::not_signed_in)?;
        if expires_at <= state.clock.unix() {
            return Err(Error::session_expired());
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
        let elder_id: i64 = parts
            .headers
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
