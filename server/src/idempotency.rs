//! `Idempotency-Key` for every change (draft-ietf-httpapi-idempotency-key-header).
//!
//! The key and the response are stored in the same transaction as the change: either
//! both exist or neither does. A replay with the same request gets the stored response,
//! byte for byte; the same key with a different request is refused (422).

use api::{IDEMPOTENCY_KEY_HEADER, ProblemType};
use axum::{
    extract::FromRequestParts,
    http::{HeaderValue, StatusCode, header, request::Parts},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{
    db::Tx,
    error::{Error, Result},
};

/// Marks a response that was replayed from the store rather than made anew.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self> {
        let value = parts.headers.get(IDEMPOTENCY_KEY_HEADER).ok_or_else(|| {
            Error::new(
                ProblemType::IdempotencyKeyMissing,
                StatusCode::BAD_REQUEST,
                "Changes need an Idempotency-Key header",
            )
        })?;
        let key = value.to_str().unwrap_or_default();
        if !api::validate::idempotency_key(key) {
            return Err(Error::invalid_field(
                IDEMPOTENCY_KEY_HEADER,
                "idempotency-key-format",
            ));
        }
        Ok(IdempotencyKey(key.to_owned()))
    }
}

/// What makes two requests "the same": the operation, the elder acted for, and the body.
pub fn fingerprint(operation: &str, elder_id: i64, body: &impl Serialize) -> String {
    let body = serde_json::to_vec(body).unwrap_or_default();
    let mut h = Sha256::new();
    h.update(operation.as_bytes());
    h.update(b"\n");
    h.update(elder_id.to_string().as_bytes());
    h.update(b"\n");
    h.update(&body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored response for this key, if the change was already made.
pub async fn replay(
    tx: &mut Tx,
    principal_id: i64,
    key: &IdempotencyKey,
    fingerprint: &str,
) -> Result<Option<Response>> {
    let row: Option<(String, i64, String)> = sqlx::query_as(
        "SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE principal_id = ? AND key = ?",
    )
    .bind(principal_id)
    .bind(&key.0)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((stored, status, body)) = row else {
        return Ok(None);
    };
    if stored != fingerprint {
        return Err(Error::new(
            ProblemType::IdempotencyKeyReused,
            StatusCode::UNPROCESSABLE_ENTITY,
            "This Idempotency-Key was already used for a different request",
        ));
    }
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut resp = json_response(status, body);
    resp.headers_mut()
        .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    Ok(Some(resp))
}

/// Stores the response of a change just made (in its transaction) and returns it.
pub async fn record(
    tx: &mut Tx,
    principal_id: i64,
    key: &IdempotencyKey,
    fingerprint: &str,
    status: StatusCode,
    body: &impl Serialize,
    now: i64,
) -> Result<Response> {
    let body = serde_json::to_string(body).map_err(|e| Error::Internal(e.to_string()))?;
    sqlx::query(
        "INSERT INTO idempotency_keys (principal_id, key, fingerprint, status_code, response_body, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(principal_id)
    .bind(&key.0)
    .bind(fingerprint)
    .bind(i64::from(status.as_u16()))
    .bind(&body)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(json_response(status, body))
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut resp = (status, body).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// A change under an `Idempotency-Key`, begun in its own write transaction: either made
/// before (its stored answer, to send again) or to be made now.
pub enum Begun {
    Replayed(Response),
    Fresh(Change),
}

/// A change being made: do the work on `tx`, then [`Change::finish`] stores the answer under
/// the key and commits, together.
pub struct Change {
    pub tx: Tx,
    principal_id: i64,
    key: IdempotencyKey,
    fingerprint: String,
}

/// Opens the write transaction for `principal_id`'s change and looks the key up in it.
pub async fn begin(
    db: &crate::db::Db,
    principal_id: i64,
    key: IdempotencyKey,
    fingerprint: String,
) -> Result<Begun> {
    let mut tx = crate::db::begin_change(db).await?;
    Ok(
        match replay(&mut tx, principal_id, &key, &fingerprint).await? {
            Some(stored) => Begun::Replayed(stored),
            None => Begun::Fresh(Change {
                tx,
                principal_id,
                key,
                fingerprint,
            }),
        },
    )
}

impl Change {
    /// Stores `body` as the answer to this key and commits the change with it.
    pub async fn finish(
        mut self,
        status: StatusCode,
        body: &impl Serialize,
        now: i64,
    ) -> Result<Response> {
        let resp = record(
            &mut self.tx,
            self.principal_id,
            &self.key,
            &self.fingerprint,
            status,
            body,
            now,
        )
        .await?;
        self.tx.commit().await?;
        Ok(resp)
    }
}
