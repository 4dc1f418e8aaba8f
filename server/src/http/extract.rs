//! axum's extractors, with every rejection turned into problem+json.

use api::{FieldError, ProblemType};
use axum::{
    extract::{
        FromRequest, FromRequestParts,
        rejection::{JsonRejection, PathRejection, QueryRejection},
    },
    response::{IntoResponse, Response},
};
use serde::Serialize;

use crate::error::Error;

/// JSON body in, JSON body out; a bad body is `invalid-request`, not axum's plain text.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct Json<T>(pub T);

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct Path<T>(pub T);

#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(Error))]
pub struct Query<T>(pub T);

fn rejected(status: axum::http::StatusCode, field: &str, text: String) -> Error {
    Error::new(
        ProblemType::InvalidRequest,
        status,
        "The request is not valid",
    )
    .detail(text)
    .with_errors(vec![FieldError {
        field: field.into(),
        code: "unreadable".into(),
    }])
}

impl From<JsonRejection> for Error {
    fn from(r: JsonRejection) -> Self {
        rejected(r.status(), "body", r.body_text())
    }
}

impl From<PathRejection> for Error {
    fn from(r: PathRejection) -> Self {
        rejected(r.status(), "path", r.body_text())
    }
}

impl From<QueryRejection> for Error {
    fn from(r: QueryRejection) -> Self {
        rejected(r.status(), "query", r.body_text())
    }
}
