//! Family links (issue 6): listing them, and the elder's control over each (revoke, renew,
//! change permissions). Making them is in [`super::link_codes`]. `docs/family.md` explains the
//! permission model.
//!
//! Who may touch a link: its elder; staff of the elder's community (at the centre, on the
//! elder's word); and its family member, only to leave it. Anyone else is told the link does
//! not exist, so link ids leak nothing.

use api::{
    FamilyLink, LINK_MONTHS, LinkPermissions, LinkPermissionsRequest, LinkStatus, PersonKind,
    PersonRef, Problem, ProblemType, Relation,
};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
};
use chrono::{FixedOffset, Months};
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json, extract::Path};
use crate::{
    auth::{self, Principal},
    db::{
        self, Tx, activity,
        links::{self, Grant, LinkRow},
        people::Person,
    },
    error::{Error, Result},
    idempotency::{self, IdempotencyKey},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(revoke))
        .routes(routes!(renew))
        .routes(routes!(set_permissions))
}

/// The links the signed-in person can see, newest first, active or not (each says which): an
/// elder's own links; a family member's links to their elders; or, for staff, the links of the
/// elder named in `Acting-For` (of their community).
#[utoipa::path(
    get, path = "/links", tag = "family",
    security(("bearer" = [])),
    params(("acting-for" = Option<i64>, Header, description = "Staff only: the elder whose links to list")),
    responses(
        (status = 200, body = Vec<FamilyLink>),
        (status = 400, description = "invalid-request: staff without Acting-For", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Staff acting for an elder of another community", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(
    State(state): State<AppState>,
    Principal(person): Principal,
    headers: HeaderMap,
) -> Result<Json<Vec<FamilyLink>>> {
    let rows = match person.kind() {
        PersonKind::Elder => links::for_elder(&state.db, person.id).await?,
        PersonKind::Family => links::for_family(&state.db, person.id).await?,
        PersonKind::Staff => {
            let actor = auth::authorise(&headers, &state, person).await?;
            links::for_elder(&state.db, actor.elder.id).await?
        }
    };
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(view(&mut conn, &state, row).await?);
    }
    Ok(Json(out))
}

/// Stop a link now: the family member's next request for the elder is refused. The elder,
/// staff of the elder's community, or the family member (leaving) may. Revoking a revoked link
/// changes nothing and answers the link as it is.
#[utoipa::path(
    post, path = "/links/{id}/revoke", tag = "family",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Link id"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    responses(
        (status = 200, description = "Revoked", body = FamilyLink),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link of the caller's", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn revoke(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    let fingerprint = idempotency::fingerprint(&format!("POST /links/{id}/revoke"), 0, &());
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let row = own_link(&mut tx, &person, id).await?.0;
    let now = state.clock.unix();
    if row.revoked_at.is_none() {
        links::revoke(&mut tx, id, person.id, now).await?;
        links::record_event(&mut tx, &row, "revoked", person.id, now).await?;
    }
    finish(tx, &state, person.id, &key, &fingerprint, id, "revoked").await
}

/// Renew a link for another 12 months from now (an expired one works again at once). The elder,
/// or staff of the elder's community; a revoked link needs a new code instead.
#[utoipa::path(
    post, path = "/links/{id}/renew", tag = "family",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Link id"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    responses(
        (status = 200, description = "Renewed", body = FamilyLink),
        (status = 403, description = "The family member (only the elder renews)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "link-revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn renew(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
) -> Result<Response> {
    let fingerprint = idempotency::fingerprint(&format!("POST /links/{id}/renew"), 0, &());
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let row = elders_link(&mut tx, &person, id).await?;
    let now = state.clock.unix();
    links::renew(&mut tx, id, link_expiry(now, state.tz)).await?;
    links::record_event(&mut tx, &row, "renewed", person.id, now).await?;
    finish(tx, &state, person.id, &key, &fingerprint, id, "renewed").await
}

/// Change what the family member may do, from their next request. The elder, or staff of the
/// elder's community. Booking or cancelling needs seeing (`permissions-need-view`).
#[utoipa::path(
    put, path = "/links/{id}/permissions", tag = "family",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "Link id"),
        ("idempotency-key" = String, Header, description = "8–64 characters"),
    ),
    request_body = LinkPermissionsRequest,
    responses(
        (status = 200, description = "Changed", body = FamilyLink),
        (status = 400, description = "invalid-request: permissions-need-view", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The family member (only the elder decides)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link of the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "link-revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn set_permissions(
    State(state): State<AppState>,
    Principal(person): Principal,
    key: IdempotencyKey,
    Path(id): Path<i64>,
    Json(req): Json<LinkPermissionsRequest>,
) -> Result<Response> {
    let errors = api::validate::link_permissions(&req.permissions);
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let fingerprint = idempotency::fingerprint(&format!("PUT /links/{id}/permissions"), 0, &req);
    let mut tx = db::begin_change(&state.db).await?;
    if let Some(stored) = idempotency::replay(&mut tx, person.id, &key, &fingerprint).await? {
        return Ok(stored);
    }
    let mut row = elders_link(&mut tx, &person, id).await?;
    let now = state.clock.unix();
    let g = grant(req.permissions);
    links::set_grant(&mut tx, id, g).await?;
    (row.can_view, row.can_book, row.can_cancel) = (g.view, g.book, g.cancel);
    links::record_event(&mut tx, &row, "permissions_changed", person.id, now).await?;
    finish(tx, &state, person.id, &key, &fingerprint, id, "permissions").await
}

/// How the caller stands to a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Elder,
    Staff,
    Family,
}

/// Link `id` if the caller is its elder, its family member or staff of its elder's community;
/// `not-found` otherwise, exactly as for a link that does not exist.
async fn own_link(tx: &mut Tx, person: &Person, id: i64) -> Result<(LinkRow, Side)> {
    let row = links::get(&mut **tx, id)
        .await?
        .ok_or_else(Error::not_found)?;
    let side = match person.kind() {
        PersonKind::Elder if row.elder_id == person.id => Side::Elder,
        PersonKind::Family if row.family_id == person.id => Side::Family,
        PersonKind::Staff if row.elder_community_id == person.community_id => Side::Staff,
        _ => return Err(Error::not_found()),
    };
    Ok((row, side))
}

/// Link `id` for a change only the elder (or staff for them) may make, and only while it has
/// not been revoked.
async fn elders_link(tx: &mut Tx, person: &Person, id: i64) -> Result<LinkRow> {
    let (row, side) = own_link(tx, person, id).await?;
    if side == Side::Family {
        return Err(Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Only the elder can renew a link or change what it allows",
        ));
    }
    if row.revoked_at.is_some() {
        return Err(Error::link_revoked());
    }
    Ok(row)
}

/// Ends a change to link `id`: reads it back, stores the answer under the key in the same
/// transaction, commits, and logs who did what (ids only).
pub(super) async fn finish_with(
    mut tx: Tx,
    state: &AppState,
    principal_id: i64,
    key: &IdempotencyKey,
    fingerprint: &str,
    (id, status): (i64, StatusCode),
    event: &'static str,
) -> Result<Response> {
    let row = links::get(&mut *tx, id)
        .await?
        .ok_or_else(|| Error::Internal(format!("link {id} vanished inside its transaction")))?;
    let (elder, family) = (row.elder_id, row.family_id);
    let link = view(&mut tx, state, row).await?;
    let resp = idempotency::record(
        &mut tx,
        principal_id,
        key,
        fingerprint,
        status,
        &link,
        state.clock.unix(),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        link = id,
        elder,
        family,
        by = principal_id,
        event,
        "family link changed"
    );
    Ok(resp)
}

async fn finish(
    tx: Tx,
    state: &AppState,
    principal_id: i64,
    key: &IdempotencyKey,
    fingerprint: &str,
    id: i64,
    event: &'static str,
) -> Result<Response> {
    let done = (id, StatusCode::OK);
    finish_with(tx, state, principal_id, key, fingerprint, done, event).await
}

/// A link as the API shows it.
pub(super) async fn view(
    conn: &mut SqliteConnection,
    state: &AppState,
    row: LinkRow,
) -> Result<FamilyLink> {
    let now = state.clock.unix();
    let last_acted = activity::last_acted(&mut *conn, row.elder_id, row.family_id).await?;
    let relation = Relation::parse(&row.relation);
    let status = if row.revoked_at.is_some() {
        LinkStatus::Revoked
    } else if row.expires_at <= now {
        LinkStatus::Expired
    } else {
        LinkStatus::Active
    };
    Ok(FamilyLink {
        id: row.id,
        elder: PersonRef {
            id: row.elder_id,
            name: row.elder_name,
            kind: PersonKind::Elder,
            relation: None,
        },
        family: PersonRef {
            id: row.family_id,
            name: row.family_name,
            kind: PersonKind::Family,
            relation: Some(relation.clone()),
        },
        family_phone: mask_phone(row.family_phone.as_deref().unwrap_or_default()),
        relation,
        elder_nickname: row.elder_nickname,
        permissions: LinkPermissions {
            view: row.can_view,
            book: row.can_book,
            cancel: row.can_cancel,
        },
        status,
        created_at: db::local(row.created_at, state.tz),
        expires_at: db::local(row.expires_at, state.tz),
        revoked_at: row.revoked_at.map(|t| db::local(t, state.tz)),
        made_by_staff: row
            .made_by_staff
            .zip(row.staff_name)
            .map(|(id, name)| PersonRef {
                id,
                name,
                kind: PersonKind::Staff,
                relation: None,
            }),
        last_acted_at: last_acted.map(|t| db::local(t, state.tz)),
    })
}

/// When a link made or renewed at `now` runs out: the same local time [`LINK_MONTHS`] months on.
pub(super) fn link_expiry(now: i64, tz: FixedOffset) -> i64 {
    db::local(now, tz)
        .checked_add_months(Months::new(LINK_MONTHS))
        .map_or(now + 365 * 86_400, |t| t.timestamp())
}

pub(super) fn grant(p: LinkPermissions) -> Grant {
    Grant {
        view: p.view,
        book: p.book,
        cancel: p.cancel,
    }
}

/// "13900000001" → "139****0001": enough for an elder to tell two family members apart,
/// not enough to call a stranger's number off a shared kiosk screen.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "****".into();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_masked_in_the_middle() {
        assert_eq!(mask_phone("13900000001"), "139****0001");
        assert_eq!(mask_phone(""), "****");
        assert_eq!(mask_phone("1234567"), "****");
    }

    #[test]
    fn links_run_twelve_calendar_months() {
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2030-03-04T08:00:00+08:00")
            .unwrap()
            .timestamp();
        let until = db::local(link_expiry(now, tz), tz);
        assert_eq!(until.to_rfc3339(), "2031-03-04T08:00:00+08:00");
    }
}
