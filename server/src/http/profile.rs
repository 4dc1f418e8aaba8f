//! The elder's profile as it shapes a booking: the address on file (where a meal or a worker
//! comes) and standing dietary needs (which dishes the app highlights).

use api::{ElderProfile, Problem};
use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{AppState, Json, meals::diet_tags};
use crate::{auth::Actor, db::people, error::Result};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(profile))
}

/// The elder acted for: address on file and dietary needs (from the care assessment).
#[utoipa::path(
    get, path = "/profile", tag = "profile",
    security(("bearer" = [])),
    params(("acting-for" = i64, Header, description = "The elder acted for")),
    responses(
        (status = 200, body = ElderProfile),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No view permission for this elder", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn profile(State(state): State<AppState>, actor: Actor) -> Result<Json<ElderProfile>> {
    actor.require(|p| p.view)?;
    let address = people::home_address(&state.db, actor.elder.id).await?;
    let needs = people::diet_needs(&state.db, actor.elder.id).await?;
    Ok(Json(ElderProfile {
        person: actor.elder.as_ref(),
        address,
        diet: diet_tags(needs.iter().map(String::as_str))?,
    }))
}
