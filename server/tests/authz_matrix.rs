//! The authorisation matrix (issue 6): every principal × every endpoint that reads or changes an
//! elder's data, against a real server. The elder acted for is 王秀英.
//!
//! What a refusal looks like (the server's rule, asserted exactly):
//! - no bearer token: 401 `not-signed-in`;
//! - acting for an elder without a live link (none, revoked, expired), without the permission
//!   the endpoint needs, or as the wrong kind of principal: 403 `forbidden`, the same whether
//!   the elder exists or not;
//! - a link id that is not the caller's (its elder, its family member, staff of its elder's
//!   community): 404 `not-found`, as for a link that does not exist.
//!
//! Every refusal is `application/problem+json` with only `type`, `title`, `status` (and maybe
//! `detail`), naming no elder and carrying nothing of a booking. A revoked or expired link is
//! refused on the very next request: the link is checked on every request, never cached.
//!
//! A new endpoint joins [`ELDER_DATA`] (with its rule and, in [`request`], a concrete call) or
//! [`NOT_ELDER_DATA`] (with the reason); `every_endpoint_is_classified` fails until it does.

mod common;

use std::collections::BTreeSet;

use api::{
    ACTING_FOR_HEADER, AttendMode, Attendance, AttendanceRequest, ComplaintStatus, ComplaintTopic,
    ComplaintUpdateRequest, ConcernCreate, ConcernTopic, ConcernTriage, CreateComplaintRequest,
    Fulfilment, HandRequest, HelpStatus, HelpStatusUpdate, IDEMPOTENCY_KEY_HEADER, JoinRequest,
    LinkCodeRequest, LinkPermissions, LinkPermissionsRequest, MealKind, RateRequest, RatingFace,
    Relation, Reply, ReplyRequest, StaffLinkRequest, VisitKind, VisitTransitionRequest, VoteChoice,
    VoteRequest,
};
use common::{family::*, *};
use linli_server::seed::ELDERS;
use serde_json::Value;

/// What an endpoint asks of the principal, for the elder acted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// The `view` permission (the elder and staff have every permission).
    View,
    Book,
    Cancel,
    /// Any live link, whatever it grants (the help button).
    AnyLink,
    /// `book`, and not staff: the elder's own voice (ratings, complaints).
    BookNotStaff,
    /// Staff of the elder's community only.
    StaffOnly,
    /// The elder acting for themself only (consent to a link; being in a meeting, a hand, a
    /// vote).
    ElderSelf,
    /// The elder themself, or staff of their community (checking them in at a meeting).
    ElderSelfOrStaff,
    /// Answers everyone with their own links; must show nobody else's elder.
    Own,
    /// A link's elder or staff of their community (managing a link by id).
    ElderOrStaff,
}

use Rule::*;

/// Every endpoint that reads or changes an elder's data: (method, OpenAPI path, rule).
/// Link management comes last, and revoking last of all, so the link stays live for the others.
const ELDER_DATA: &[(&str, &str, Rule)] = &[
    ("get", "/profile", View),
    ("get", "/canteens", View),
    ("get", "/canteens/{id}/slots", View),
    ("get", "/daycare/centres", View),
    ("get", "/daycare/centres/{id}/sessions", View),
    ("get", "/visits/services", View),
    ("get", "/visits/services/{id}/windows", View),
    ("get", "/bookings", View),
    ("post", "/bookings", Book),
    ("post", "/bookings/{id}/cancel", Cancel),
    ("post", "/bookings/{id}/rating", BookNotStaff),
    ("post", "/bookings/{id}/attendance", StaffOnly),
    ("post", "/visits/{id}/transition", StaffOnly),
    ("get", "/complaints", View),
    ("post", "/complaints", BookNotStaff),
    ("post", "/complaints/{id}/status", StaffOnly),
    ("get", "/staff/complaints", StaffOnly),
    ("get", "/help-requests", View),
    ("post", "/help-requests", AnyLink),
    ("post", "/help-requests/{id}/status", StaffOnly),
    ("get", "/staff/help-requests", StaffOnly),
    ("get", "/activity", View),
    ("get", "/meetings", View),
    ("get", "/meetings/{id}", View),
    ("put", "/meetings/{id}/reply", Book),
    ("post", "/meetings/{id}/join", ElderSelfOrStaff),
    ("put", "/meetings/{id}/hand", ElderSelf),
    ("post", "/meetings/{id}/leave", ElderSelfOrStaff),
    ("put", "/motions/{id}/vote", ElderSelf),
    ("get", "/concerns", View),
    ("post", "/concerns", Book),
    ("get", "/staff/concerns", StaffOnly),
    ("post", "/staff/concerns/{id}/triage", StaffOnly),
    ("post", "/links/codes", ElderSelf),
    ("post", "/staff/links", StaffOnly),
    ("get", "/links", Own),
    ("put", "/links/{id}/permissions", ElderOrStaff),
    ("post", "/links/{id}/renew", ElderOrStaff),
    ("post", "/links/{id}/revoke", ElderOrStaff),
];

/// Endpoints that read or change no elder's data, and why.
const NOT_ELDER_DATA: &[(&str, &str, &str)] = &[
    ("post", "/session", "an elder signs in to their own account"),
    ("delete", "/session", "ends the bearer's own token"),
    (
        "post",
        "/staff/session",
        "staff sign in to their own account",
    ),
    (
        "post",
        "/family/session",
        "a family member signs in to their own account",
    ),
    ("post", "/family/sign-up", "makes the caller's own account"),
    (
        "post",
        "/session/delivery-token",
        "a token for the bearer's own queued changes",
    ),
    (
        "get",
        "/me",
        "the signed-in person, and whom they may act for",
    ),
    ("get", "/me/settings", "the signed-in person's own settings"),
    ("put", "/me/settings", "the signed-in person's own settings"),
    (
        "post",
        "/links",
        "a family member enters a code; the code names the elder (family.rs)",
    ),
    ("get", "/meetings/{id}/events", HOSTING_TICKET),
    ("get", "/meetings/{id}/signal", HOSTING_TICKET),
    ("post", "/staff/meetings", HOSTING),
    ("get", "/staff/meetings", HOSTING),
    ("post", "/staff/meetings/{id}/agenda", HOSTING),
    ("post", "/staff/meetings/{id}/status", HOSTING),
    ("post", "/staff/meetings/{id}/join", HOSTING),
    ("put", "/staff/meetings/{id}/now", HOSTING),
    ("post", "/staff/meetings/{id}/motions", HOSTING),
    ("post", "/staff/motions/{id}/close", HOSTING),
    ("post", "/staff/meetings/{id}/hands/{hand}/take", HOSTING),
    ("put", "/staff/meetings/{id}/minutes", HOSTING),
    ("put", "/staff/motions/{id}/follow-up", HOSTING),
];

/// Why hosting a council meeting is not in the matrix.
const HOSTING: &str = "staff host a meeting of their community; nobody is acted for \
                       (meetings.rs: only_staff_host_and_only_their_own_communitys_meetings)";
const HOSTING_TICKET: &str = "a meeting's live stream, opened with the ticket its holder got \
                              on joining (meetings.rs)";

/// Who is asking, acting for 王秀英.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Elder,
    OtherElder,
    /// A family member: what the link grants, if it is live.
    Family(Option<LinkPermissions>),
    Staff,
    Anonymous,
}

struct Principal {
    name: &'static str,
    token: Option<String>,
    kind: Kind,
}

fn allowed(rule: Rule, kind: Kind) -> bool {
    match (kind, rule) {
        (Kind::Anonymous, _) => false,
        (_, Own) => true,
        (Kind::Elder, StaffOnly) => false,
        (Kind::Elder, _) => true,
        (Kind::OtherElder, _) => false,
        (Kind::Staff, BookNotStaff | ElderSelf) => false,
        (Kind::Staff, ElderSelfOrStaff) => true,
        (Kind::Staff, _) => true,
        (Kind::Family(None), _) => false,
        (Kind::Family(Some(p)), rule) => match rule {
            View => p.view,
            Book | BookNotStaff => p.book,
            Cancel => p.cancel,
            AnyLink => true,
            StaffOnly | ElderSelf | ElderSelfOrStaff | ElderOrStaff | Own => false,
        },
    }
}

/// The problem type a refusal must have.
fn refusal_type(rule: Rule, kind: Kind) -> (u16, &'static str) {
    match (kind, rule) {
        (Kind::Anonymous, _) => (401, "/problems/not-signed-in"),
        (_, ElderOrStaff) => (404, "/problems/not-found"),
        _ => (403, "/problems/forbidden"),
    }
}

/// 王秀英's things the endpoints are called on.
struct Fixtures {
    elder: i64,
    slot_to_book: i64,
    to_cancel: i64,
    done: i64,
    for_attendance: i64,
    visit: i64,
    visit_service: i64,
    complaint: i64,
    help: i64,
    link: i64,
    meeting: i64,
    motion: i64,
    concern: i64,
}

const STAFF_LINKS_PHONE: &str = "13900000098";

/// The concrete call for an endpoint of the table: path and body.
fn request(method: &str, path: &str, fx: &Fixtures) -> (String, Option<Value>) {
    let (path, body): (String, Option<Value>) = match (method, path) {
        ("get", "/canteens/{id}/slots") => ("/canteens/1/slots?days=1".into(), None),
        ("get", "/daycare/centres/{id}/sessions") => {
            ("/daycare/centres/1/sessions?days=1".into(), None)
        }
        ("get", "/visits/services/{id}/windows") => (
            format!("/visits/services/{}/windows?days=1", fx.visit_service),
            None,
        ),
        ("get", "/meetings/{id}") => (format!("/meetings/{}", fx.meeting), None),
        ("get", p) => (p.into(), None),
        ("post", "/bookings") => (
            path.into(),
            Some(to_json(&meal(fx.slot_to_book, Fulfilment::Pickup))),
        ),
        ("post", "/bookings/{id}/cancel") => (format!("/bookings/{}/cancel", fx.to_cancel), None),
        ("post", "/bookings/{id}/rating") => (
            format!("/bookings/{}/rating", fx.done),
            Some(to_json(&RateRequest {
                face: RatingFace::Good,
                comment: None,
            })),
        ),
        ("post", "/bookings/{id}/attendance") => (
            format!("/bookings/{}/attendance", fx.for_attendance),
            Some(to_json(&AttendanceRequest {
                outcome: Attendance::Arrived,
            })),
        ),
        ("post", "/visits/{id}/transition") => (
            format!("/visits/{}/transition", fx.visit),
            Some(to_json(&VisitTransitionRequest::Assign {
                worker: "赵师傅".into(),
            })),
        ),
        ("post", "/complaints") => (
            path.into(),
            Some(to_json(&CreateComplaintRequest {
                booking_id: None,
                topic: ComplaintTopic::Other,
                text: None,
            })),
        ),
        ("post", "/complaints/{id}/status") => (
            format!("/complaints/{}/status", fx.complaint),
            Some(to_json(&ComplaintUpdateRequest {
                status: ComplaintStatus::InProgress,
                reply: None,
            })),
        ),
        ("post", "/help-requests") => (path.into(), Some(to_json(&help::on_phone()))),
        ("post", "/help-requests/{id}/status") => (
            format!("/help-requests/{}/status", fx.help),
            Some(to_json(&HelpStatusUpdate {
                status: HelpStatus::Acknowledged,
            })),
        ),
        ("post", "/links/codes") => (
            path.into(),
            Some(to_json(&LinkCodeRequest {
                permissions: LinkPermissions::VIEW,
            })),
        ),
        ("post", "/staff/links") => (
            path.into(),
            Some(to_json(&StaffLinkRequest {
                family_phone: STAFF_LINKS_PHONE.into(),
                relation: Relation::Son,
                permissions: LinkPermissions::VIEW,
            })),
        ),
        ("put", "/links/{id}/permissions") => (
            format!("/links/{}/permissions", fx.link),
            Some(to_json(&LinkPermissionsRequest {
                permissions: LinkPermissions::ALL,
            })),
        ),
        ("put", "/meetings/{id}/reply") => (
            format!("/meetings/{}/reply", fx.meeting),
            Some(to_json(&ReplyRequest {
                reply: Reply::Online,
            })),
        ),
        ("post", "/meetings/{id}/join") => (
            format!("/meetings/{}/join", fx.meeting),
            Some(to_json(&JoinRequest {
                mode: AttendMode::InPerson,
            })),
        ),
        ("put", "/meetings/{id}/hand") => (
            format!("/meetings/{}/hand", fx.meeting),
            Some(to_json(&HandRequest { raised: true })),
        ),
        ("post", "/meetings/{id}/leave") => (format!("/meetings/{}/leave", fx.meeting), None),
        ("put", "/motions/{id}/vote") => (
            format!("/motions/{}/vote", fx.motion),
            Some(to_json(&VoteRequest {
                choice: VoteChoice::Yes,
            })),
        ),
        ("post", "/concerns") => (
            path.into(),
            Some(to_json(&ConcernCreate {
                topic: ConcernTopic::Repairs,
                text: None,
                meeting_id: None,
            })),
        ),
        ("post", "/staff/concerns/{id}/triage") => (
            format!("/staff/concerns/{}/triage", fx.concern),
            Some(to_json(&ConcernTriage::Handled {
                note: "已派人去看".into(),
            })),
        ),
        ("post", "/links/{id}/renew") => (format!("/links/{}/renew", fx.link), None),
        ("post", "/links/{id}/revoke") => (format!("/links/{}/revoke", fx.link), None),
        other => panic!("no concrete call for {other:?}: add one to `request`"),
    };
    (path, body)
}

fn to_json(body: &impl serde::Serialize) -> Value {
    serde_json::to_value(body).expect("a request body serialises")
}

/// 王秀英's bookings, complaint, help request and a link, made as people would make them.
async fn fixtures(srv: &TestServer, wang: &api::Client, elder: i64) -> Fixtures {
    let staff = srv.staff_for(elder).await;
    let book = |slot: i64| async move {
        wang.create_booking(&meal(slot, Fulfilment::DineIn), &key())
            .await
    };
    let today_lunch = slot(wang, 0, MealKind::Lunch).await.id;
    let done = book(today_lunch).await.unwrap().id;
    staff
        .record_attendance(
            done,
            &AttendanceRequest {
                outcome: Attendance::Fulfilled,
            },
            &key(),
        )
        .await
        .unwrap();
    let for_attendance = book(slot(wang, 0, MealKind::Dinner).await.id)
        .await
        .unwrap()
        .id;
    let to_cancel = book(slot(wang, 3, MealKind::Lunch).await.id)
        .await
        .unwrap()
        .id;
    let cleaning = service(wang, VisitKind::Cleaning).await.id;
    let window = window(wang, cleaning, 1, 10).await.id;
    let visit = wang
        .create_booking(&common::visit(cleaning, window), &key())
        .await
        .unwrap()
        .id;
    let complaint = wang
        .create_complaint(
            &CreateComplaintRequest {
                booking_id: Some(done),
                topic: ComplaintTopic::Quality,
                text: None,
            },
            &key(),
        )
        .await
        .unwrap()
        .id;
    let help = wang
        .ask_for_help(&help::on_phone(), &key())
        .await
        .unwrap()
        .id;
    let (subject, _) = srv.family_sign_up("13900000099", "被管理的链接").await;
    let link = link_with_code(wang, &subject, LinkPermissions::VIEW, Relation::Son)
        .await
        .id;
    srv.family_sign_up(STAFF_LINKS_PHONE, "员工代办对象").await;
    // The demo's coming community meeting, and a motion closed at last week's.
    let meetings = wang.meetings().await.unwrap();
    let meeting = meetings
        .iter()
        .find(|m| m.status == api::MeetingStatus::Scheduled)
        .expect("a coming meeting")
        .id;
    let motion = meetings
        .iter()
        .find_map(|m| m.decisions.first())
        .expect("a decision last week")
        .motion_id;
    let concern = wang
        .raise_concern(
            &ConcernCreate {
                topic: ConcernTopic::Noise,
                text: None,
                meeting_id: None,
            },
            &key(),
        )
        .await
        .unwrap()
        .id;
    Fixtures {
        elder,
        slot_to_book: slot(wang, 2, MealKind::Lunch).await.id,
        to_cancel,
        done,
        for_attendance,
        visit,
        visit_service: cleaning,
        complaint,
        help,
        link,
        meeting,
        motion,
        concern,
    }
}

/// Every kind of principal there is, acting for 王秀英.
async fn principals(srv: &TestServer, wang: &api::Client, elder: i64) -> Vec<Principal> {
    let token = |c: &api::Client| Some(c.token().expect("signed in").to_owned());
    let li = srv.sign_in(LI).await;
    let mut out = vec![
        Principal {
            name: "elder herself",
            token: token(wang),
            kind: Kind::Elder,
        },
        Principal {
            name: "another elder",
            token: token(&li),
            kind: Kind::OtherElder,
        },
    ];
    let linked = [
        ("family view-only", perms(true, false, false)),
        ("family view+book", perms(true, true, false)),
        ("family view+book+cancel", perms(true, true, true)),
        ("family view+cancel (book-less)", perms(true, false, true)),
        (
            "family with no permission (told of help only)",
            perms(false, false, false),
        ),
    ];
    for (i, (name, p)) in linked.into_iter().enumerate() {
        let (family, _) = srv.family_sign_up(&format!("1390000011{i}"), "家人").await;
        link_with_code(wang, &family, p, Relation::Daughter).await;
        out.push(Principal {
            name,
            token: token(&family),
            kind: Kind::Family(Some(p)),
        });
    }
    let (unlinked, _) = srv.family_sign_up("13900000120", "陌生人").await;
    let (revoked, _) = srv.family_sign_up("13900000121", "被撤销").await;
    let link = link_with_code(wang, &revoked, LinkPermissions::ALL, Relation::Son).await;
    wang.revoke_link(link.id, &key()).await.unwrap();
    let (expired, expired_id) = srv.family_sign_up("13900000122", "已过期").await;
    link_with_code(wang, &expired, LinkPermissions::ALL, Relation::Son).await;
    // As twelve months passing would (family.rs moves the clock a year for real; here the rest
    // of the demo must stay bookable).
    sqlx::query("UPDATE family_links SET expires_at = ? WHERE family_id = ? AND elder_id = ?")
        .bind(srv.clock.unix())
        .bind(expired_id)
        .bind(elder)
        .execute(srv.db())
        .await
        .unwrap();
    let staff = srv.staff_for(elder).await;
    for (name, client, kind) in [
        ("unlinked family", &unlinked, Kind::Family(None)),
        (
            "family whose link was revoked",
            &revoked,
            Kind::Family(None),
        ),
        ("family whose link expired", &expired, Kind::Family(None)),
        ("staff of her community", &staff, Kind::Staff),
    ] {
        out.push(Principal {
            name,
            token: token(client),
            kind,
        });
    }
    out.push(Principal {
        name: "nobody signed in",
        token: None,
        kind: Kind::Anonymous,
    });
    out
}

#[tokio::test]
async fn every_principal_is_allowed_exactly_what_its_link_grants_and_refusals_leak_nothing() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let elder = wang.me().await.unwrap().person.id;
    let fx = fixtures(&srv, &wang, elder).await;
    let who = principals(&srv, &wang, elder).await;
    let http = reqwest::Client::new();
    let elder_names: Vec<&str> = ELDERS.iter().map(|e| e.name).collect();
    let mut cells = 0;
    for &(method, path, rule) in ELDER_DATA {
        let (concrete, body) = request(method, path, &fx);
        for p in &who {
            let method_ = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let mut req = http
                .request(method_, format!("{}/api/v1{concrete}", srv.base))
                .header(ACTING_FOR_HEADER, fx.elder.to_string());
            if method != "get" {
                req = req.header(IDEMPOTENCY_KEY_HEADER, key());
            }
            if let Some(token) = &p.token {
                req = req.bearer_auth(token);
            }
            if let Some(body) = &body {
                req = req.json(body);
            }
            let resp = req.send().await.unwrap();
            let status = resp.status().as_u16();
            let media = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            let text = resp.text().await.unwrap();
            let cell = format!("{} × {method} {path}: {status} {text}", p.name);
            cells += 1;
            if allowed(rule, p.kind) {
                assert!(
                    !matches!(status, 401 | 403 | 404) && status < 500,
                    "expected allowed: {cell}"
                );
                // Own links only: another elder or a stranger sees nothing of hers.
                if rule == Own && matches!(p.kind, Kind::OtherElder | Kind::Family(None)) {
                    let hers_shown = text.contains("王秀英");
                    let may = p.name.contains("revoked") || p.name.contains("expired");
                    assert!(!hers_shown || may, "someone else's links: {cell}");
                }
                continue;
            }
            let (want_status, want_type) = refusal_type(rule, p.kind);
            assert_eq!(status, want_status, "{cell}");
            assert!(media.starts_with("application/problem+json"), "{cell}");
            let problem: Value = serde_json::from_str(&text).expect("a problem body");
            assert_eq!(problem["type"], want_type, "{cell}");
            let keys: BTreeSet<&str> = problem
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert!(
                keys.is_subset(&BTreeSet::from(["type", "title", "status", "detail"])),
                "nothing but the refusal: {cell}"
            );
            for name in &elder_names {
                assert!(!text.contains(name), "names nobody: {cell}");
            }
        }
    }
    assert_eq!(cells, ELDER_DATA.len() * who.len());
    assert_eq!(who.len(), 12);
    println!(
        "authorisation matrix: {} principals × {} endpoints = {cells} cells",
        who.len(),
        ELDER_DATA.len()
    );
}

#[test]
fn every_endpoint_is_classified() {
    let doc = serde_json::to_value(linli_server::http::openapi()).unwrap();
    let mut served = BTreeSet::new();
    let mut acting_for = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            served.insert((method.clone(), path.clone()));
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            if params.iter().any(|p| p["name"] == ACTING_FOR_HEADER) {
                acting_for.insert((method.clone(), path.clone()));
            }
        }
    }
    let elder_data: BTreeSet<(String, String)> = ELDER_DATA
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let exempt: BTreeSet<(String, String)> = NOT_ELDER_DATA
        .iter()
        .map(|(m, p, _)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert!(elder_data.is_disjoint(&exempt));
    let listed: BTreeSet<_> = elder_data.union(&exempt).cloned().collect();
    assert_eq!(
        served.difference(&listed).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "served but in neither table: add each to ELDER_DATA (with a call in `request`) or NOT_ELDER_DATA"
    );
    assert_eq!(
        listed.difference(&served).collect::<Vec<_>>(),
        Vec::<&(String, String)>::new(),
        "in a table but no longer served"
    );
    let missing: Vec<_> = acting_for.difference(&elder_data).collect();
    assert!(
        missing.is_empty(),
        "acts for an elder, so it is elder data: {missing:?}"
    );
}
