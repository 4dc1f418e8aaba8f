//! Making family links (issue 6): the elder's one-time code, the family member entering it,
//! and staff linking a family account at the centre.

use api::{
    FamilyLink, LINK_CODE_MINUTES, LinkCode, LinkCodeRequest, LinkRequest, PersonKind, Problem,
    ProblemType, StaffLinkRequest,
};
use axum::{extract::State, http::StatusCode, response::Response};
use rand::Rng;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    links::{finish_with, grant, link_expiry},
};
use crate::{
    auth::{self, Actor, LOCK_MINUTES, MAX_LINK_CODE_ATTEMPTS, Principal},
    db::{
        self, Tx,
        links::{self, Grant, NewCode, NewLink},
        people,
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

/// An unused code that ran out less than this long ago is told as `link-code-expired`; older
/// ones read as wrong, like any other dead code.
const EXPIRED_KNOWN_SECS: i64 = 24 * 3600;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_code))
        .routes(routes!(link))
        .routes(routes!(staff_link))
}

/// The elder, signed in and acting for themself, makes a one-time code to give a family
/// member, with what they may do. Six random digits, working once, for 10 minutes; making
/// another ends the earlier ones. Only a hash is kept.
///
/// Not idempotent by key, like sign-in: the answer is a secret, and a stored answer would keep
/// it; a retry simply makes a newer code, which is harmless (the elder reads out the last one).
#[utoipa::path(
    post, path = "/links/codes", tag = "family",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder themself")),
    request_body = LinkCodeRequest,
    responses(
        (status = 201, description = "A new code", body = LinkCode),
        (status = 400, description = "invalid-request: permissions-need-view", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the elder acting for themself", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_code(
    State(state): State<AppState>,
    actor: Actor,
    Json(req): Json<LinkCodeRequest>,
) -> Result<(StatusCode, Json<LinkCode>)> {
    // Consent is the elder's own: not staff's, not another family member's.
    if actor.principal.id != actor.elder.id {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only the elder can make a link code",
        ));
    }
    let errors = api::validate::link_permissions(&req.permissions);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let now = state.clock.unix();
    let expires_at = now + LINK_CODE_MINUTES * 60;
    let mut tx = db::begin_change(&state.db).await?;
    links::supersede_codes(&mut tx, actor.elder.id, now).await?;
    let code = fresh_code(&mut tx, now).await?;
    let new = NewCode {
        elder_id: actor.elder.id,
        code_hash: &auth::token_hash(&code),
        grant: grant(req.permissions),
        now,
        expires_at,
    };
    links::insert_code(&mut tx, &new).await?;
    tx.commit().await?;
    tracing::info!(elder = actor.elder.id, "link code made");
    Ok((
        StatusCode::CREATED,
        Json(LinkCode {
            code,
            expires_at: db::local(expires_at, state.tz),
            permissions: req.permissions,
        }),
    ))
}

/// Six random digits that no other working code has, so an entered code names one elder.
/// With at most a few thousand codes alive at once, the first draw is almost always free.
async fn fresh_code(tx: &mut Tx, now: i64) -> Result<String> {
    for _ in 0..20 {
        let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
        if links::live_code(tx, &auth::token_hash(&code), now)
            .await?
            .is_none()
        {
            return Ok(code);
        }
    }
    Err(Error::Internal("no free link code in 20 draws".into()))
}

/// A family member enters the elder's code: the link is active at once, with the permissions
/// the elder chose. Already linked to that elder: the link is updated (those permissions, 12
/// months from now) rather than doubled. Five wrong codes in a row stop the account entering
/// codes for 15 minutes; a used or superseded code counts as wrong.
#[utoipa::path(
    post, path = "/links", tag = "family",
    security(("bearer" = [])),
    params(("idempotency-key" = String, Header, description = "8–64 characters")),
    request_body = LinkRequest,
    responses(
        (status = 201, description = "Linked", body = FamilyLink),
        (status = 200, description = "An existing link to that elder, updated", body = FamilyLink),
        (status = 400, description = "invalid-request (code, relation, elder_nickname)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a family account", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "link-code-expired", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "link-code-wrong (with attempts_left)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "link-code-locked (with retry_at)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn link(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Json(req): Json<LinkRequest>,
) -> Result<Response> {
    if person.kind() != PersonKind::Family {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only a family account can enter a link code",
        ));
    }
    let errors = api::validate::link_request(&req);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint = idempotency::fingerprint("POST /links", 0, &req);
    let hotline = people::community_hotline(&state.db, person.community_id).await?;
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let now = state.clock.unix();
    if let Some(until) = links::code_lock(&mut tx, person.id)
        .await?
        .filter(|&u| u > now)
    {
        return Err(Error::link_code_locked(db::local(until, state.tz), hotline));
    }
    let hash = auth::token_hash(&req.code);
    let Some(code) = links::live_code(&mut tx, &hash, now).await? else {
        if links::recently_expired(&mut tx, &hash, now, EXPIRED_KNOWN_SECS).await? {
            return Err(Error::link_code_expired());
        }
        let lock_until = now + LOCK_MINUTES * 60;
        let left = links::record_wrong_code(&mut tx, person.id, MAX_LINK_CODE_ATTEMPTS, lock_until)
            .await?;
        // Committed although the answer is a refusal: the count must stick.
        tx.commit().await?;
        tracing::info!(family = person.id, left, "wrong link code");
        return Err(match u32::try_from(left) {
            Ok(left) if left > 0 => Error::link_code_wrong(left),
            _ => Error::link_code_locked(db::local(lock_until, state.tz), hotline),
        });
    };
    links::use_code(&mut tx, code.id, person.id, now).await?;
    links::clear_wrong_codes(&mut tx, person.id).await?;
    let new = NewLink {
        elder_id: code.elder_id,
        family_id: person.id,
        relation: req.relation.as_str(),
        elder_nickname: req.elder_nickname.as_deref().map(str::trim),
        grant: Grant {
            view: code.can_view,
            book: code.can_book,
            cancel: code.can_cancel,
        },
        made_by_staff: None,
        now,
        expires_at: link_expiry(now, state.tz),
    };
    let done = made(&mut tx, &new, person.id).await?;
    finish_with(tx, &state, person.id, &key, &fingerprint, done, "linked").await
}

/// Staff link an existing family account to the elder acted for, at the elder's request at the
/// centre (an elder who cannot manage a code). Staff of the elder's community only; recorded
/// as made by that staff member, and shown to the elder as such.
#[utoipa::path(
    post, path = "/staff/links", tag = "family",
    security(("bearer" = [])),
    params(
        ("acting-for" = i64, Header, description = "The elder to link"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = StaffLinkRequest,
    responses(
        (status = 201, description = "Linked", body = FamilyLink),
        (status = 200, description = "An existing link to that family member, updated", body = FamilyLink),
        (status = 400, description = "invalid-request (family_phone, relation, permissions)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the elder's community", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "unknown-account: no family account with that phone number", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn staff_link(
    State(state): State<AppState>,
    actor: Actor,
    key: IdempotencyKey,
    Json(req): Json<StaffLinkRequest>,
) -> Result<Response> {
    // The Actor extractor already checked that a staff principal is of the elder's community.
    if actor.principal.kind() != PersonKind::Staff {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only staff can link a family member for an elder",
        ));
    }
    let errors = api::validate::staff_link(&req);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let family = people::by_account(&state.db, &req.family_phone)
        .await?
        .filter(|p| p.kind() == PersonKind::Family)
        .ok_or_else(|| {
            Error::new(
                ProblemType::UnknownAccount,
                StatusCode::UNPROCESSABLE_ENTITY,
                "No family account with this phone number; they sign up on their phone first",
            )
        })?;
    let fingerprint = idempotency::fingerprint("POST /staff/links", actor.elder.id, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) =
        idempotency::replay(&mut tx, actor.principal.id, &key, &fingerprint).await?
    {
        return Ok(stored);
    }
    let now = state.clock.unix();
    let new = NewLink {
        elder_id: actor.elder.id,
        family_id: family.id,
        relation: req.relation.as_str(),
        elder_nickname: None,
        grant: grant(req.permissions),
        made_by_staff: Some(actor.principal.id),
        now,
        expires_at: link_expiry(now, state.tz),
    };
    let done = made(&mut tx, &new, actor.principal.id).await?;
    finish_with(
        tx,
        &state,
        actor.principal.id,
        &key,
        &fingerprint,
        done,
        "linked",
    )
    .await
}

/// Makes or updates the link and notes it in its history; 201 for a new link, 200 for an
/// updated one.
async fn made(tx: &mut Tx, new: &NewLink<'_>, by: i64) -> Result<(i64, StatusCode)> {
    let (id, created) = links::upsert(tx, new).await?;
    let row = links::get(&mut **tx, id)
        .await?
        .ok_or_else(|| Error::Internal(format!("link {id} vanished inside its transaction")))?;
    links::record_event(tx, &row, "linked", by, new.now).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((id, status))
}
