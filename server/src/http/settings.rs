//! The signed-in person's settings (issue 5): text size, contrast, voice and language,
//! remembered on the platform so they follow the person from kiosk to phone.
//!
//! Keyed by the principal, never by the elder acted for: a daughter helping her mother keeps
//! her own text size. A delivery token is refused here, as everywhere [`Principal`] is used.

use api::{Lang, Problem, Settings};
use axum::{extract::State, http::StatusCode, response::Response};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json};
use crate::{
    auth::Principal,
    db::{self, people::Person},
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_settings, save_settings))
}

/// The signed-in person's settings: as saved, or the defaults if they never saved any.
#[utoipa::path(
    get, path = "/me/settings", tag = "settings",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Settings),
        (status = 401, description = "not-signed-in, session-expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: a delivery token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_settings(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<Json<Settings>> {
    match db::settings::get(&state.db, person.id).await? {
        Some(saved) => Ok(Json(saved)),
        None => Ok(Json(defaults_for(&person)?)),
    }
}

/// Remembers the signed-in person's settings, all of them at once (a PUT replaces the set).
/// Nothing to check beyond the body's shape: every combination is a valid choice.
#[utoipa::path(
    put, path = "/me/settings", tag = "settings",
    security(("bearer" = [])),
    params(("idempotency-key" = String, Header, description = "8–64 characters")),
    request_body = Settings,
    responses(
        (status = 200, description = "Saved; the settings as stored", body = Settings),
        (status = 400, description = "invalid-request (body)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "not-signed-in, session-expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: a delivery token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn save_settings(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Json(req): Json<Settings>,
) -> Result<Response> {
    // No elder is acted for: the settings are the principal's own, so they stand in.
    let fingerprint = idempotency::fingerprint("PUT /me/settings", person.id, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let now = state.clock.unix();
    db::settings::save(&mut tx, person.id, &req, now).await?;
    let saved = db::settings::get(&mut *tx, person.id).await?.unwrap_or(req);
    let resp = idempotency::record(
        &mut tx,
        person.id,
        &key,
        &fingerprint,
        StatusCode::OK,
        &saved,
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(person = person.id, "settings saved");
    Ok(resp)
}

/// What a person who never saved settings gets: the contract's defaults, in the language
/// already on file for them, if any (a person registered as English speaking should not
/// first meet Linli in Chinese).
pub fn defaults_for(person: &Person) -> Result<Settings> {
    // The defaults as the contract reads a body that leaves every field out, so the wire's
    // `#[serde(default = "on")]` holds: voice on (UX.md: every screen speaks). The derived
    // `Settings::default()` would turn voice off.
    let defaults: Settings = serde_json::from_str("{}")
        .map_err(|e| Error::Internal(format!("settings defaults: {e}")))?;
    Ok(Settings {
        lang: person
            .lang
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or(defaults.lang),
        ..defaults
    })
}
