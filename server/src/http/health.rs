use api::ProblemType;
use axum::{extract::State, http::StatusCode, response::IntoResponse};

use super::AppState;
use crate::error::Error;

/// 200 while the database answers (ARCHITECTURE.md: load balancers and scripts rely on it).
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.db)
        .await
    {
        Ok(_) => Ok(axum::Json(serde_json::json!({ "status": "ok" }))),
        Err(e) => {
            tracing::warn!(error = %e, "health check failed");
            Err(Error::new(
                ProblemType::ServiceUnavailable,
                StatusCode::SERVICE_UNAVAILABLE,
                "Database unreachable",
            ))
        }
    }
}
