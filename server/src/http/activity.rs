//! "Who acted for me" (issue 6): what family and staff did for an elder, newest first, and the
//! summary an elder hears at sign-in of what was done since their previous one.

use std::collections::HashMap;

use api::{
    ACTIVITY_DEFAULT, ACTIVITY_MAX, ActivityItem, ActivityKind, ActivityQuery, ActivitySummary,
    BookedService, PersonRef, Problem, Relation, SUMMARY_ITEMS,
};
use axum::extract::State;
use sqlx::SqliteConnection;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{
    AppState, Json,
    bookings::{person_kind, service_of},
    extract::Query,
};
use crate::{
    auth::Actor,
    db::{
        self,
        activity::{self, ActivityRow},
        people,
    },
    error::{Error, Result},
};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// What others (linked family, staff) did for the elder acted for: bookings made and
/// cancelled, ratings, problems reported, help asked for, and changes to family links; newest
/// first, each with who did it (a family member with their relation) and, for a booking, what
/// it is for. Anyone who may see the elder's bookings may see this.
#[utoipa::path(
    get, path = "/activity", tag = "family",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for"), ActivityQuery),
    responses(
        (status = 200, body = Vec<ActivityItem>),
        (status = 400, description = "invalid-request (limit)", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ActivityQuery>,
) -> Result<Json<Vec<ActivityItem>>> {
    actor.require(|p| p.view)?;
    let limit = q.limit.unwrap_or(ACTIVITY_DEFAULT);
    if !(1..=ACTIVITY_MAX).contains(&limit) {
        return Err(Error::invalid_field("limit", "limit-range"));
    }
    let since = q.since.map(|t| t.timestamp());
    let rows = activity::for_elder(&state.db, actor.elder.id, since, limit.into()).await?;
    Ok(Json(items(&state, actor.elder.id, rows).await?))
}

/// What others did for the elder since their sign-in before the latest one (everything, at
/// their first): the newest [`SUMMARY_ITEMS`] and how many in all.
pub(super) async fn since_last_sign_in(state: &AppState, elder_id: i64) -> Result<ActivitySummary> {
    let since = people::previous_sign_in(&state.db, elder_id).await?;
    let total = activity::count_since(&state.db, elder_id, since).await?;
    let rows = activity::for_elder(&state.db, elder_id, since, SUMMARY_ITEMS.into()).await?;
    Ok(ActivitySummary {
        since: since.map(|t| db::local(t, state.tz)),
        total: u32::try_from(total).unwrap_or(u32::MAX),
        items: items(state, elder_id, rows).await?,
    })
}

async fn items(
    state: &AppState,
    elder_id: i64,
    rows: Vec<ActivityRow>,
) -> Result<Vec<ActivityItem>> {
    let mut conn = state.db.acquire().await?;
    // A booking made, then cancelled, then rated is read once.
    let mut services: HashMap<i64, BookedService> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let service = match row.booking_id {
            Some(id) => match services.get(&id) {
                Some(s) => Some(s.clone()),
                None => {
                    let s = booked_service(&mut conn, state, id, elder_id).await?;
                    services.insert(id, s.clone());
                    Some(s)
                }
            },
            None => None,
        };
        out.push(item(row, service, state)?);
    }
    Ok(out)
}

async fn booked_service(
    conn: &mut SqliteConnection,
    state: &AppState,
    id: i64,
    elder_id: i64,
) -> Result<BookedService> {
    let row = db::bookings::get(&mut *conn, id, elder_id)
        .await?
        .ok_or_else(|| Error::Internal(format!("booking {id} of elder {elder_id} vanished")))?;
    service_of(conn, &row, state.tz).await
}

fn item(
    row: ActivityRow,
    service: Option<BookedService>,
    state: &AppState,
) -> Result<ActivityItem> {
    let kind: ActivityKind = db::enum_of(&row.kind)?;
    let detail = row.detail.as_deref();
    Ok(ActivityItem {
        kind,
        at: db::local(row.at, state.tz),
        by: PersonRef {
            id: row.by_id,
            name: row.by_name,
            kind: person_kind(&row.by_kind),
            relation: row.by_relation.as_deref().map(Relation::parse),
        },
        subject_id: row.subject_id,
        booking_id: row.booking_id,
        service,
        topic: match (kind, detail) {
            (ActivityKind::Complained, Some(t)) => Some(db::enum_of(t)?),
            _ => None,
        },
        face: match (kind, detail) {
            (ActivityKind::Rated, Some(f)) => Some(db::enum_of(f)?),
            _ => None,
        },
    })
}
