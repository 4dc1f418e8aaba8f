//! Family accounts (issue 6): a family member signs up on their phone, with their phone number,
//! a password and their name. Signing in is `POST /family/session` (in [`super::session`]).

use api::{FamilySignUpRequest, PersonKind, Problem, ProblemType, SignInResponse};
use axum::{extract::State, http::StatusCode};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json, session::start_session};
use crate::{
    auth,
    db::people::{self, NewFamily},
    error::{Error, Result},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sign_up))
}

/// Make a family account and sign in with it: the answer is the same as signing in. The
/// account can do nothing for anyone until an elder links it (`POST /links`). Offered on the
/// phone only, never at a kiosk.
///
/// Not idempotent by key, like sign-in: the answer holds a session token, and a stored answer
/// would hand it to whoever replays the key. A retry after a lost answer gets `phone-taken`;
/// the app then signs in with the same phone number and password.
#[utoipa::path(
    post, path = "/family/sign-up", tag = "family",
    request_body = FamilySignUpRequest,
    responses(
        (status = 201, description = "Signed up and signed in", body = SignInResponse),
        (status = 400, description = "invalid-request: phone-format, password-length, name-empty, name-too-long", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "phone-taken", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn sign_up(
    State(state): State<AppState>,
    Json(req): Json<FamilySignUpRequest>,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    let errors = api::validate::family_sign_up(&req.phone, &req.password, &req.name);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let hash = tokio::task::spawn_blocking(move || auth::hash_secret(&req.password))
        .await
        .map_err(|e| Error::Internal(format!("hash task failed: {e}")))??;
    let new = NewFamily {
        name: req.name.trim(),
        phone: &req.phone,
        secret_hash: &hash,
    };
    let id = people::insert_family(&state.db, &new, state.clock.unix())
        .await?
        .ok_or_else(phone_taken)?;
    let person = people::by_id(&state.db, id)
        .await?
        .filter(|p| p.kind() == PersonKind::Family)
        .ok_or_else(|| Error::Internal(format!("family account {id} vanished")))?;
    tracing::info!(family = id, "family account made");
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    start_session(&state, &person, hotline).await
}

fn phone_taken() -> Error {
    Error::new(
        ProblemType::PhoneTaken,
        StatusCode::CONFLICT,
        "An account with this phone number already exists; sign in instead",
    )
}
