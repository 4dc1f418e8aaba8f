//! The HTTP surface: `/api/v1` (one module per resource), `/healthz`, and the built app.

mod activity;
mod attendance;
mod bookings;
mod complaints;
mod concerns;
mod daycare;
mod extract;
mod family;
mod health;
mod help;
mod link_codes;
mod links;
mod meals;
mod meetings;
mod profile;
mod ratings;
mod session;
mod settings;
mod visits;

use std::{path::Path, sync::Arc, time::Duration};

use api::{Problem, ProblemType};
use axum::{
    Router,
    extract::DefaultBodyLimit,
    http::{HeaderName, HeaderValue, Method, StatusCode, header},
    response::Response,
    routing::get,
};
use chrono::FixedOffset;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    services::{ServeDir, ServeFile},
    trace::TraceLayer,
};
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};
use utoipa_axum::router::OpenApiRouter;

use crate::{Clock, db::Db, error::problem_response};

pub use extract::Json;

/// Shared by every handler. Stateless apart from the database, so several instances
/// can run side by side.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub tz: FixedOffset,
    pub session_ttl: Duration,
    /// Wakes meeting streams on change (issue 7).
    pub live: crate::live::Live,
    /// The built-in meeting rooms' signalling connections.
    pub rooms: meetings::signal::Rooms,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Linli community care platform",
        version = "1",
        description = "Meals, day care, home visits and council meetings for older people. \
                       Errors are RFC 9457 problem+json; changes need an Idempotency-Key header; \
                       requests about an elder name them in the Acting-For header."
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerAuth),
    components(schemas(Problem)),
    tags(
        (name = "session", description = "Sign in and out"),
        (name = "meals", description = "Canteens and meals (助餐)"),
        (name = "daycare", description = "Day-care centres and sessions (日间照料)"),
        (name = "visits", description = "Home visits (上门服务): catalogue, arrival windows, and the lifecycle staff drive"),
        (name = "bookings", description = "Bookings of every service; attendance staff record; ratings of done services"),
        (name = "profile", description = "The elder's address on file and dietary needs"),
        (name = "complaints", description = "Reporting a problem (投诉) and following it: received → in progress → resolved"),
        (name = "settings", description = "The signed-in person's text size, contrast, voice and language"),
        (name = "help", description = "The help button: the elder asks, staff and linked family are told; staff move it open → acknowledged → closed"),
        (name = "meetings", description = "Council meetings (议事会): invitations and replies, joining, raised hands, votes, minutes and follow-ups; staff host"),
        (name = "concerns", description = "Residents' concerns before a council meeting, and staff triage into the agenda"),
        (name = "family", description = "Family accounts, the links an elder consents to (see, book, cancel), and what others did for the elder"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI document, generated from the handlers and the `api` types.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_routes().split_for_parts().1
}

fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(session::router())
        .merge(meals::router())
        .merge(daycare::router())
        .merge(visits::router())
        .merge(bookings::router())
        .merge(attendance::router())
        .merge(ratings::router())
        .merge(profile::router())
        .merge(complaints::router())
        .merge(settings::router())
        .merge(help::router())
        .merge(family::router())
        .merge(link_codes::router())
        .merge(links::router())
        .merge(activity::router())
        .merge(meetings::router())
        .merge(concerns::router())
}

/// The whole service. `allowed_origins` are other origins serving the app (ARCHITECTURE.md:
/// a `config.json` may point an app elsewhere at this platform); they get CORS.
pub fn router(
    state: AppState,
    dist: Option<&Path>,
    allowed_origins: &[String],
) -> Result<Router, String> {
    let (api, doc) = api_routes().split_for_parts();
    let doc = Arc::new(doc);
    let api = api
        .route(
            "/openapi.json",
            get(move || async move { axum::Json(doc.as_ref().clone()) }),
        )
        .fallback(|| async {
            problem(
                ProblemType::NotFound,
                StatusCode::NOT_FOUND,
                "No such endpoint",
            )
        })
        .method_not_allowed_fallback(|| async {
            problem(
                ProblemType::NotFound,
                StatusCode::METHOD_NOT_ALLOWED,
                "This endpoint does not take that method",
            )
        })
        .layer(DefaultBodyLimit::max(64 * 1024));
    let app = Router::new()
        .nest("/api/v1", api)
        .route("/healthz", get(health::healthz))
        .with_state(state);
    let app = match dist {
        // The app is a single-page app: unknown paths get index.html so deep links work.
        Some(dist) => app.fallback_service(
            ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html"))),
        ),
        None => app,
    };
    let app = if allowed_origins.is_empty() {
        app
    } else {
        app.layer(cors(allowed_origins)?)
    };
    // Brotli or gzip for every response: the wasm shrinks to about a third on the wire,
    // which is what an elder's phone on a weak signal waits for.
    Ok(app
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            problem(
                ProblemType::ServerError,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on the server",
            )
        }))
        .layer(TraceLayer::new_for_http()))
}

/// CORS for the configured origins only, with the headers every Linli request carries.
fn cors(origins: &[String]) -> Result<CorsLayer, String> {
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o).map_err(|e| format!("LINLI_ALLOWED_ORIGINS: {o:?}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static(api::ACTING_FOR_HEADER),
            HeaderName::from_static(api::IDEMPOTENCY_KEY_HEADER),
        ])
        .max_age(Duration::from_secs(3600)))
}

fn problem(kind: ProblemType, status: StatusCode, title: &str) -> Response {
    problem_response(&Problem::new(kind, status.as_u16(), title))
}
