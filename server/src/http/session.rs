//! Sign in (an elder with a card or phone number and a PIN; staff and family with a phone
//! number and password); sign out; who am I; a kiosk's delivery token.

use api::{
    DeliveryToken, FamilySignInRequest, Lang, Me, PersonKind, Problem, ProblemType, SignInRequest,
    SignInResponse, StaffSignInRequest,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json};
use crate::{
    auth::{self, DELIVERY_TOKEN_TTL, LOCK_MINUTES, MAX_PIN_ATTEMPTS, Principal},
    db::{
        self,
        people::{self, Scope},
    },
    error::{Error, Result},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in, sign_out))
        .routes(routes!(staff_sign_in))
        .routes(routes!(family_sign_in))
        .routes(routes!(delivery_token))
        .routes(routes!(me))
}

/// Sign in. Five wrong PINs in a row lock the account for 15 minutes; the refusal says
/// until when, and whom to call. Not idempotent by key: every sign-in is a new session,
/// and a replayed token must never reach whoever holds an old key.
#[utoipa::path(
    post, path = "/session", tag = "session",
    request_body = SignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed account or PIN", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown account or wrong PIN", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Locked after too many wrong PINs", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn sign_in(
    State(state): State<AppState>,
    Json(req): Json<SignInRequest>,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    let errors = api::validate::sign_in(&req.account, &req.pin);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    // Only elders sign in with a PIN; family and staff accounts come with their own sign-in.
    let person = people::by_account(&state.db, &req.account)
        .await?
        .filter(|p| p.kind() == PersonKind::Elder)
        .ok_or_else(|| {
            Error::new(
                ProblemType::UnknownAccount,
                StatusCode::UNAUTHORIZED,
                "No account with this number",
            )
        })?;
    let now = state.clock.unix();
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    if let Some(until) = person.locked_until.filter(|&until| until > now) {
        return Err(Error::pin_locked(db::local(until, state.tz), hotline));
    }
    if !auth::verify_secret(person.secret_hash.clone(), req.pin).await? {
        let lock_until = now + LOCK_MINUTES * 60;
        let left =
            people::record_wrong_pin(&state.db, person.id, MAX_PIN_ATTEMPTS, lock_until).await?;
        return Err(match u32::try_from(left) {
            Ok(left) if left > 0 => Error::pin_wrong(left),
            _ => Error::pin_locked(db::local(lock_until, state.tz), hotline),
        });
    }
    people::clear_wrong_pins(&state.db, person.id).await?;
    start_session(&state, &person, hotline).await
}

/// Staff sign in with their phone number and password, to drive home visits and help at the
/// centre. The same lockout as PINs: five wrong in a row lock the account for 15 minutes.
#[utoipa::path(
    post, path = "/staff/session", tag = "session",
    request_body = StaffSignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed phone number or password", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "unknown-account, password-wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "account-locked", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn staff_sign_in(
    State(state): State<AppState>,
    Json(req): Json<StaffSignInRequest>,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    password_sign_in(&state, PersonKind::Staff, &req.phone, req.password).await
}

/// Family members sign in on their phone with their phone number and password (not a PIN:
/// the account acts for others). Not offered at a kiosk. The same lockout as staff and PINs:
/// five wrong in a row lock the account for 15 minutes. `POST /session` does not take family
/// accounts: its second factor is a six-digit PIN, which a family password is not.
#[utoipa::path(
    post, path = "/family/session", tag = "family",
    request_body = FamilySignInRequest,
    responses(
        (status = 201, description = "Signed in", body = SignInResponse),
        (status = 400, description = "Malformed phone number or password", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "unknown-account, password-wrong", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "account-locked", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn family_sign_in(
    State(state): State<AppState>,
    Json(req): Json<FamilySignInRequest>,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    password_sign_in(&state, PersonKind::Family, &req.phone, req.password).await
}

/// Signs in a staff or family account (`kind`) by phone number and password.
async fn password_sign_in(
    state: &AppState,
    kind: PersonKind,
    phone: &str,
    password: String,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    let errors = api::validate::staff_sign_in(phone, &password);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let person = people::by_account(&state.db, phone)
        .await?
        .filter(|p| p.kind() == kind)
        .ok_or_else(|| {
            Error::new(
                ProblemType::UnknownAccount,
                StatusCode::UNAUTHORIZED,
                "No account with this number",
            )
        })?;
    let now = state.clock.unix();
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    if let Some(until) = person.locked_until.filter(|&until| until > now) {
        return Err(Error::account_locked(db::local(until, state.tz), hotline));
    }
    if !auth::verify_secret(person.secret_hash.clone(), password).await? {
        let lock_until = now + LOCK_MINUTES * 60;
        let left =
            people::record_wrong_pin(&state.db, person.id, MAX_PIN_ATTEMPTS, lock_until).await?;
        return Err(match u32::try_from(left) {
            Ok(left) if left > 0 => Error::password_wrong(left),
            _ => Error::account_locked(db::local(lock_until, state.tz), hotline),
        });
    }
    people::clear_wrong_pins(&state.db, person.id).await?;
    start_session(state, &person, hotline).await
}

/// A new session for a person whose secret checked out (or who just signed up).
pub(super) async fn start_session(
    state: &AppState,
    person: &people::Person,
    hotline: String,
) -> Result<(StatusCode, Json<SignInResponse>)> {
    let now = state.clock.unix();
    let (token, token_hash) = auth::new_token();
    let expires_at = auth::expiry(now, state.session_ttl);
    people::create_session(
        &state.db,
        &token_hash,
        person.id,
        Scope::Session,
        now,
        expires_at,
    )
    .await?;
    // Before `me_of`, which counts "since last time" from the sign-in this one follows.
    people::record_sign_in(&state.db, person.id, now).await?;
    let me = me_of(state, person, hotline).await?;
    Ok((
        StatusCode::CREATED,
        Json(SignInResponse {
            token,
            expires_at: db::local(expires_at, state.tz),
            me,
        }),
    ))
}

/// A write-only token for a kiosk's outbox (see [`DeliveryToken`]): it acts as the same person
/// for the same elders, but only for `POST /bookings`, `POST /bookings/{id}/cancel` and
/// `POST /help-requests`, for 24 hours whatever becomes of the session that asked. Only a session may ask, so a delivery
/// token can never extend itself. Not idempotent by key, like sign-in: every call is a new token, and a
/// replay must never hand a token to whoever holds an old key.
#[utoipa::path(
    post, path = "/session/delivery-token", tag = "session",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "A new delivery token", body = DeliveryToken),
        (status = 401, description = "not-signed-in, session-expired", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "forbidden: the bearer is itself a delivery token", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn delivery_token(
    State(state): State<AppState>,
    Principal(person): Principal,
) -> Result<(StatusCode, Json<DeliveryToken>)> {
    let now = state.clock.unix();
    let (token, token_hash) = auth::new_token();
    let expires_at = auth::expiry(now, DELIVERY_TOKEN_TTL);
    people::create_session(
        &state.db,
        &token_hash,
        person.id,
        Scope::Delivery,
        now,
        expires_at,
    )
    .await?;
    tracing::info!(person = person.id, "delivery token issued");
    Ok((
        StatusCode::CREATED,
        Json(DeliveryToken {
            token,
            expires_at: db::local(expires_at, state.tz),
        }),
    ))
}

/// Sign out: the bearer token, a session or a delivery token, stops working at once. Only
/// that token: delivery tokens a session made keep working after it signs out, so what the
/// elder queued at a kiosk still arrives. Safe to repeat.
#[utoipa::path(
    delete, path = "/session", tag = "session",
    security(("bearer" = [])),
    responses((status = 204, description = "Signed out (or was not signed in)"))
)]
async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Result<StatusCode> {
    if let Some(token) = auth::bearer(&headers) {
        people::revoke_session(&state.db, &auth::token_hash(token), state.clock.unix()).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in person and the elders they may act for.
#[utoipa::path(
    get, path = "/me", tag = "session",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Me),
        (status = 401, description = "Not signed in or expired", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn me(State(state): State<AppState>, Principal(person): Principal) -> Result<Json<Me>> {
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    Ok(Json(me_of(&state, &person, hotline).await?))
}

/// Who signed in, for whom they act, and their saved settings. A language chosen in the
/// settings is their preferred language from then on, so `lang` follows it. An elder also
/// gets what others did for them since their previous sign-in.
async fn me_of(state: &AppState, person: &people::Person, hotline: String) -> Result<Me> {
    let settings = db::settings::get(&state.db, person.id).await?;
    Ok(Me {
        person: person.as_ref(),
        acting_for: people::actable_elders(&state.db, person, state.clock.unix()).await?,
        lang: settings
            .map(|s| s.lang)
            .or_else(|| person.lang.as_deref().and_then(Lang::from_tag)),
        settings,
        hotline,
        acted_for_since_last_sign_in: match person.kind() {
            PersonKind::Elder => Some(super::activity::since_last_sign_in(state, person.id).await?),
            _ => None,
        },
    })
}
