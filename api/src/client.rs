//! The one typed client for the platform's REST API. Compiles for wasm32
//! (browser fetch under reqwest) and native (server integration tests).

mod meetings;

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use reqwest::{Method, RequestBuilder, Response, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::{
    ACTING_FOR_HEADER, API_PREFIX, ActivityItem, AttendanceRequest, Booking, Canteen, Complaint,
    ComplaintUpdateRequest, CreateBookingRequest, CreateComplaintRequest, DaycareCentre,
    DaycareSchedule, DeliveryToken, ElderProfile, FamilyLink, FamilySignInRequest,
    FamilySignUpRequest, HelpRequest, HelpRequestCreate, HelpStatusUpdate, IDEMPOTENCY_KEY_HEADER,
    LinkCode, LinkCodeRequest, LinkPermissionsRequest, LinkRequest, Me, MealSlot, PersonId,
    Problem, RateRequest, Settings, SignInRequest, SignInResponse, StaffLinkRequest,
    StaffSignInRequest, VisitService, VisitTransitionRequest, VisitWindow,
};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The platform refused with an RFC 9457 problem (boxed: it is large, errors are rare).
    Problem(Box<Problem>),
    /// The platform could not be reached (offline, refused, timed out).
    Network(String),
    /// The platform answered something this version of Linli cannot read.
    Unexpected { status: u16, detail: String },
}

impl ApiError {
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(p) => Some(p),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Problem(p) => write!(f, "{} ({})", p.title, p.kind.slug()),
            ApiError::Network(e) => write!(f, "network: {e}"),
            ApiError::Unexpected { status, detail } => write!(f, "unexpected {status}: {detail}"),
        }
    }
}

impl std::error::Error for ApiError {}

#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
    acting_for: Option<PersonId>,
}

impl Client {
    /// `base` is the platform origin, e.g. `http://127.0.0.1:8080` (no trailing slash needed).
    pub fn new(base: impl Into<String>) -> Self {
        let base = base.into().trim_end_matches('/').to_owned();
        Client {
            http: reqwest::Client::new(),
            base,
            token: None,
            acting_for: None,
        }
    }

    /// The same client, signed in with `token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The same client, acting for `elder` on every request.
    pub fn acting_for(mut self, elder: PersonId) -> Self {
        self.acting_for = Some(elder);
        self
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut req = self
            .http
            .request(method, format!("{}{API_PREFIX}{path}", self.base));
        if let Some(token) = &self.token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(elder) = self.acting_for {
            req = req.header(ACTING_FOR_HEADER, elder.to_string());
        }
        req
    }

    /// A state-changing request; `key` makes retries safe.
    fn change(&self, method: Method, path: &str, key: &str) -> RequestBuilder {
        self.request(method, path)
            .header(IDEMPOTENCY_KEY_HEADER, key)
    }

    async fn send(req: RequestBuilder) -> Result<Response, ApiError> {
        let resp = req
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        if resp.status().is_success() {
            return Ok(resp);
        }
        let status = resp.status().as_u16();
        let body = resp
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        Err(match serde_json::from_str::<Problem>(&body) {
            Ok(problem) => ApiError::Problem(Box::new(problem)),
            Err(_) => ApiError::Unexpected {
                status,
                detail: body.chars().take(200).collect(),
            },
        })
    }

    async fn json<T: DeserializeOwned>(req: RequestBuilder) -> Result<T, ApiError> {
        let resp = Self::send(req).await?;
        let status = resp.status().as_u16();
        let body = resp
            .text()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        serde_json::from_str(&body).map_err(|e| ApiError::Unexpected {
            status,
            detail: e.to_string(),
        })
    }

    async fn empty(req: RequestBuilder) -> Result<(), ApiError> {
        let resp = Self::send(req).await?;
        match resp.status() {
            StatusCode::NO_CONTENT | StatusCode::OK => Ok(()),
            s => Err(ApiError::Unexpected {
                status: s.as_u16(),
                detail: "expected no content".into(),
            }),
        }
    }

    /// `POST /session`: sign in with a card or phone number and PIN.
    pub async fn sign_in(&self, body: &SignInRequest) -> Result<SignInResponse, ApiError> {
        Self::json(self.request(Method::POST, "/session").json(body)).await
    }

    /// `POST /staff/session`: staff sign in with a phone number and password.
    pub async fn staff_sign_in(
        &self,
        body: &StaffSignInRequest,
    ) -> Result<SignInResponse, ApiError> {
        Self::json(self.request(Method::POST, "/staff/session").json(body)).await
    }

    /// `DELETE /session`: end this token's session. Safe to repeat.
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        Self::empty(self.request(Method::DELETE, "/session")).await
    }

    /// `POST /session/delivery-token`: a write-only token for queued bookings and
    /// cancellations (see [`DeliveryToken`]). Not keyed: every call is a new token.
    pub async fn delivery_token(&self) -> Result<DeliveryToken, ApiError> {
        Self::json(self.request(Method::POST, "/session/delivery-token")).await
    }

    /// `GET /me`
    pub async fn me(&self) -> Result<Me, ApiError> {
        Self::json(self.request(Method::GET, "/me")).await
    }

    /// `GET /me/settings`: the signed-in person's settings (defaults if never saved).
    pub async fn settings(&self) -> Result<Settings, ApiError> {
        Self::json(self.request(Method::GET, "/me/settings")).await
    }

    /// `PUT /me/settings`: remembers the signed-in person's settings.
    pub async fn save_settings(
        &self,
        body: &Settings,
        idempotency_key: &str,
    ) -> Result<Settings, ApiError> {
        Self::json(
            self.change(Method::PUT, "/me/settings", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `POST /help-requests`: asks the duty staff and linked family for help.
    pub async fn ask_for_help(
        &self,
        body: &HelpRequestCreate,
        idempotency_key: &str,
    ) -> Result<HelpRequest, ApiError> {
        Self::json(
            self.change(Method::POST, "/help-requests", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /help-requests`: the elder's help requests, newest first.
    pub async fn help_requests(&self) -> Result<Vec<HelpRequest>, ApiError> {
        Self::json(self.request(Method::GET, "/help-requests")).await
    }

    /// `GET /staff/help-requests`: staff's list for their community, open ones first.
    pub async fn staff_help_requests(&self) -> Result<Vec<HelpRequest>, ApiError> {
        Self::json(self.request(Method::GET, "/staff/help-requests")).await
    }

    /// `POST /help-requests/{id}/status`: staff acknowledge or close a help request.
    pub async fn update_help_request(
        &self,
        id: i64,
        body: &HelpStatusUpdate,
        idempotency_key: &str,
    ) -> Result<HelpRequest, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/help-requests/{id}/status"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `GET /profile`: the elder acted for: address on file and dietary needs.
    pub async fn profile(&self) -> Result<ElderProfile, ApiError> {
        Self::json(self.request(Method::GET, "/profile")).await
    }

    /// `GET /canteens`
    pub async fn canteens(&self) -> Result<Vec<Canteen>, ApiError> {
        Self::json(self.request(Method::GET, "/canteens")).await
    }

    /// `GET /canteens/{id}/slots`: meals from `from` for `days` days, priced for the elder acted for.
    pub async fn meal_slots(
        &self,
        canteen: i64,
        from: Option<NaiveDate>,
        days: Option<u32>,
    ) -> Result<Vec<MealSlot>, ApiError> {
        let q = range_query(from, days);
        Self::json(self.request(Method::GET, &format!("/canteens/{canteen}/slots{q}"))).await
    }

    /// `GET /daycare/centres`
    pub async fn daycare_centres(&self) -> Result<Vec<DaycareCentre>, ApiError> {
        Self::json(self.request(Method::GET, "/daycare/centres")).await
    }

    /// `GET /daycare/centres/{id}/sessions`: sessions and closed days from `from` for `days`
    /// days, priced for the elder acted for.
    pub async fn daycare_sessions(
        &self,
        centre: i64,
        from: Option<NaiveDate>,
        days: Option<u32>,
    ) -> Result<DaycareSchedule, ApiError> {
        let q = range_query(from, days);
        Self::json(self.request(
            Method::GET,
            &format!("/daycare/centres/{centre}/sessions{q}"),
        ))
        .await
    }

    /// `GET /visits/services`: the home-visit catalogue, priced for the elder acted for.
    pub async fn visit_services(&self) -> Result<Vec<VisitService>, ApiError> {
        Self::json(self.request(Method::GET, "/visits/services")).await
    }

    /// `GET /visits/services/{id}/windows`: the arrival windows of the service's provider.
    pub async fn visit_windows(
        &self,
        service: i64,
        from: Option<NaiveDate>,
        days: Option<u32>,
    ) -> Result<Vec<VisitWindow>, ApiError> {
        let q = range_query(from, days);
        Self::json(self.request(
            Method::GET,
            &format!("/visits/services/{service}/windows{q}"),
        ))
        .await
    }

    /// `POST /visits/{booking_id}/transition`: staff move a home visit on.
    pub async fn visit_transition(
        &self,
        booking: i64,
        body: &VisitTransitionRequest,
        idempotency_key: &str,
    ) -> Result<Booking, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/visits/{booking}/transition"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /bookings`
    pub async fn create_booking(
        &self,
        body: &CreateBookingRequest,
        idempotency_key: &str,
    ) -> Result<Booking, ApiError> {
        Self::json(
            self.change(Method::POST, "/bookings", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /bookings`: the elder's bookings, soonest first.
    pub async fn bookings(&self) -> Result<Vec<Booking>, ApiError> {
        Self::json(self.request(Method::GET, "/bookings")).await
    }

    /// `POST /bookings/{id}/cancel`
    pub async fn cancel_booking(
        &self,
        id: i64,
        idempotency_key: &str,
    ) -> Result<Booking, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/bookings/{id}/cancel"),
            idempotency_key,
        ))
        .await
    }

    /// `POST /bookings/{id}/rating`: rate a service that is done, once.
    pub async fn rate_booking(
        &self,
        id: i64,
        body: &RateRequest,
        idempotency_key: &str,
    ) -> Result<Booking, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/bookings/{id}/rating"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /bookings/{id}/attendance`: staff record how a meal or day-care booking went.
    pub async fn record_attendance(
        &self,
        id: i64,
        body: &AttendanceRequest,
        idempotency_key: &str,
    ) -> Result<Booking, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/bookings/{id}/attendance"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /complaints`: report a problem for the elder acted for.
    pub async fn create_complaint(
        &self,
        body: &CreateComplaintRequest,
        idempotency_key: &str,
    ) -> Result<Complaint, ApiError> {
        Self::json(
            self.change(Method::POST, "/complaints", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /complaints`: the complaints of the elder acted for, newest first.
    pub async fn complaints(&self) -> Result<Vec<Complaint>, ApiError> {
        Self::json(self.request(Method::GET, "/complaints")).await
    }

    /// `POST /complaints/{id}/status`: staff move a complaint on, with a reply.
    pub async fn update_complaint(
        &self,
        id: i64,
        body: &ComplaintUpdateRequest,
        idempotency_key: &str,
    ) -> Result<Complaint, ApiError> {
        Self::json(
            self.change(
                Method::POST,
                &format!("/complaints/{id}/status"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }
    /// `POST /family/sign-up`: a family member makes an account and is signed in. Not keyed,
    /// like sign-in: a retry after a lost answer gets `phone-taken`; then sign in.
    pub async fn family_sign_up(
        &self,
        body: &FamilySignUpRequest,
    ) -> Result<SignInResponse, ApiError> {
        Self::json(self.request(Method::POST, "/family/sign-up").json(body)).await
    }

    /// `POST /family/session`: a family member signs in with phone number and password.
    pub async fn family_sign_in(
        &self,
        body: &FamilySignInRequest,
    ) -> Result<SignInResponse, ApiError> {
        Self::json(self.request(Method::POST, "/family/session").json(body)).await
    }

    /// `POST /links/codes`: the elder (acting for themself) makes a one-time link code. Not
    /// keyed: the answer is a secret, and a retry simply makes a newer code.
    pub async fn create_link_code(&self, body: &LinkCodeRequest) -> Result<LinkCode, ApiError> {
        Self::json(self.request(Method::POST, "/links/codes").json(body)).await
    }

    /// `POST /links`: a family member enters an elder's code; the link is active at once.
    pub async fn link(
        &self,
        body: &LinkRequest,
        idempotency_key: &str,
    ) -> Result<FamilyLink, ApiError> {
        Self::json(
            self.change(Method::POST, "/links", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /links`: an elder's links, a family member's links, or (staff, acting for an
    /// elder) that elder's links.
    pub async fn links(&self) -> Result<Vec<FamilyLink>, ApiError> {
        Self::json(self.request(Method::GET, "/links")).await
    }

    /// `POST /links/{id}/revoke`: stops a link at once (the elder, staff, or the family
    /// member leaving).
    pub async fn revoke_link(
        &self,
        id: i64,
        idempotency_key: &str,
    ) -> Result<FamilyLink, ApiError> {
        Self::json(self.change(
            Method::POST,
            &format!("/links/{id}/revoke"),
            idempotency_key,
        ))
        .await
    }

    /// `POST /links/{id}/renew`: the link runs for another 12 months from now.
    pub async fn renew_link(&self, id: i64, idempotency_key: &str) -> Result<FamilyLink, ApiError> {
        Self::json(self.change(Method::POST, &format!("/links/{id}/renew"), idempotency_key)).await
    }

    /// `PUT /links/{id}/permissions`: what the family member may do from their next request.
    pub async fn set_link_permissions(
        &self,
        id: i64,
        body: &LinkPermissionsRequest,
        idempotency_key: &str,
    ) -> Result<FamilyLink, ApiError> {
        Self::json(
            self.change(
                Method::PUT,
                &format!("/links/{id}/permissions"),
                idempotency_key,
            )
            .json(body),
        )
        .await
    }

    /// `POST /staff/links`: staff link a family account to the elder acted for.
    pub async fn staff_link(
        &self,
        body: &StaffLinkRequest,
        idempotency_key: &str,
    ) -> Result<FamilyLink, ApiError> {
        Self::json(
            self.change(Method::POST, "/staff/links", idempotency_key)
                .json(body),
        )
        .await
    }

    /// `GET /activity`: what others did for the elder acted for, newest first, after `since`.
    pub async fn activity(
        &self,
        since: Option<DateTime<FixedOffset>>,
    ) -> Result<Vec<ActivityItem>, ApiError> {
        let q = since
            .map(|t| {
                // `+` in an offset would read as a space in a query string.
                let t = t.to_rfc3339_opts(SecondsFormat::Secs, true);
                format!("?since={}", t.replace('+', "%2B"))
            })
            .unwrap_or_default();
        Self::json(self.request(Method::GET, &format!("/activity{q}"))).await
    }
}

/// `?from=…&days=…`, or nothing when both are absent.
fn range_query(from: Option<NaiveDate>, days: Option<u32>) -> String {
    let mut query = Vec::new();
    if let Some(from) = from {
        query.push(format!("from={from}"));
    }
    if let Some(days) = days {
        query.push(format!("days={days}"));
    }
    if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    }
}
