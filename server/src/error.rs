//! One error type for every handler, rendered as RFC 9457 problem+json. Internal
//! details go to the log, never to the client.

use api::{FieldError, PROBLEM_JSON, Problem, ProblemType};
use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, FixedOffset};

#[derive(Debug)]
pub enum Error {
    /// A refusal the client can act on.
    Problem(Box<Problem>),
    Database(sqlx::Error),
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ProblemType, status: StatusCode, title: &str) -> Self {
        Error::Problem(Box::new(Problem::new(kind, status.as_u16(), title)))
    }

    fn with(self, f: impl FnOnce(&mut Problem)) -> Self {
        match self {
            Error::Problem(mut p) => {
                f(&mut p);
                Error::Problem(p)
            }
            other => other,
        }
    }

    pub fn detail(self, detail: impl Into<String>) -> Self {
        let detail = detail.into();
        self.with(|p| p.detail = Some(detail))
    }

    pub fn hotline(self, hotline: impl Into<String>) -> Self {
        let hotline = hotline.into();
        self.with(|p| p.hotline = Some(hotline))
    }

    pub fn deadline(self, deadline: DateTime<FixedOffset>) -> Self {
        self.with(|p| p.deadline = Some(deadline))
    }

    /// When trying again will work.
    pub fn retry_at(self, at: DateTime<FixedOffset>) -> Self {
        self.with(|p| p.retry_at = Some(at))
    }

    pub fn conflicting_booking(self, id: i64) -> Self {
        self.with(|p| p.conflicting_booking = Some(id))
    }

    pub fn with_errors(self, errors: Vec<FieldError>) -> Self {
        self.with(|p| p.errors = errors)
    }

    pub fn invalid(errors: Vec<FieldError>) -> Self {
        Error::new(
            ProblemType::InvalidRequest,
            StatusCode::BAD_REQUEST,
            "The request is not valid",
        )
        .with_errors(errors)
    }

    pub fn invalid_field(field: &str, code: &str) -> Self {
        Error::invalid(vec![FieldError {
            field: field.into(),
            code: code.into(),
        }])
    }

    pub fn not_found() -> Self {
        Error::new(ProblemType::NotFound, StatusCode::NOT_FOUND, "Not found")
    }

    pub fn forbidden() -> Self {
        Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "Not allowed to act for this person",
        )
    }

    /// A delivery token used for anything but delivering a queued booking, cancellation or
    /// help request.
    /// The same `forbidden` type as any refusal, and nothing about whose token it is.
    pub fn delivery_only() -> Self {
        Error::new(
            ProblemType::Forbidden,
            StatusCode::FORBIDDEN,
            "This token only delivers queued bookings, cancellations and help requests",
        )
    }

    pub fn not_signed_in() -> Self {
        Error::new(
            ProblemType::NotSignedIn,
            StatusCode::UNAUTHORIZED,
            "Sign in first",
        )
    }

    pub fn session_expired() -> Self {
        Error::new(
            ProblemType::SessionExpired,
            StatusCode::UNAUTHORIZED,
            "The sign-in has expired",
        )
    }

    pub fn pin_wrong(attempts_left: u32) -> Self {
        Error::new(
            ProblemType::PinWrong,
            StatusCode::UNAUTHORIZED,
            "The PIN is not right",
        )
        .with(|p| p.attempts_left = Some(attempts_left))
    }

    pub fn pin_locked(retry_at: DateTime<FixedOffset>, hotline: String) -> Self {
        Error::new(
            ProblemType::PinLocked,
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong PINs",
        )
        .with(|p| {
            p.retry_at = Some(retry_at);
            p.hotline = Some(hotline);
        })
    }

    pub fn password_wrong(attempts_left: u32) -> Self {
        Error::new(
            ProblemType::PasswordWrong,
            StatusCode::UNAUTHORIZED,
            "The password is not right",
        )
        .with(|p| p.attempts_left = Some(attempts_left))
    }

    pub fn account_locked(retry_at: DateTime<FixedOffset>, hotline: String) -> Self {
        Error::new(
            ProblemType::AccountLocked,
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong passwords",
        )
        .with(|p| {
            p.retry_at = Some(retry_at);
            p.hotline = Some(hotline);
        })
    }

    /// A link code that is not a working code (wrong, used, or superseded by a newer one: the
    /// same answer, so trying codes tells nobody which were real), and the tries left.
    pub fn link_code_wrong(attempts_left: u32) -> Self {
        Error::new(
            ProblemType::LinkCodeWrong,
            StatusCode::UNPROCESSABLE_ENTITY,
            "This link code does not work; check the six digits with the elder",
        )
        .with(|p| p.attempts_left = Some(attempts_left))
    }

    pub fn link_code_locked(retry_at: DateTime<FixedOffset>, hotline: String) -> Self {
        Error::new(
            ProblemType::LinkCodeLocked,
            StatusCode::TOO_MANY_REQUESTS,
            "Too many wrong link codes",
        )
        .with(|p| {
            p.retry_at = Some(retry_at);
            p.hotline = Some(hotline);
        })
    }

    pub fn link_code_expired() -> Self {
        Error::new(
            ProblemType::LinkCodeExpired,
            StatusCode::GONE,
            "This link code has expired; ask the elder for a new one",
        )
    }

    pub fn link_revoked() -> Self {
        Error::new(
            ProblemType::LinkRevoked,
            StatusCode::CONFLICT,
            "This link was revoked; linking again needs a new code from the elder",
        )
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::Problem(p) => Some(p),
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Problem(p) => write!(f, "{} ({})", p.title, p.kind.slug()),
            Error::Database(e) => write!(f, "database: {e}"),
            Error::Internal(e) => write!(f, "internal: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Database(e)
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let problem = match self {
            Error::Problem(p) => *p,
            Error::Database(sqlx::Error::PoolTimedOut) => {
                tracing::warn!("database pool timed out");
                Problem::new(
                    ProblemType::ServiceUnavailable,
                    503,
                    "The service is busy; try again in a moment",
                )
            }
            Error::Database(e) => {
                tracing::error!(error = %e, "database error");
                Problem::new(
                    ProblemType::ServerError,
                    500,
                    "Something went wrong on the server",
                )
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                Problem::new(
                    ProblemType::ServerError,
                    500,
                    "Something went wrong on the server",
                )
            }
        };
        problem_response(&problem)
    }
}

/// Renders a problem with its status, media type and, for lockouts, `Retry-After`.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut resp = (status, body).into_response();
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if let Some(retry_at) = problem.retry_at {
        let secs = (retry_at.timestamp() - chrono::Utc::now().timestamp()).max(1);
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            headers.insert(header::RETRY_AFTER, v);
        }
    }
    resp
}
