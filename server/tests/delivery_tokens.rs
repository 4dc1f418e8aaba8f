//! A kiosk's delivery token: while online, right after sign-in, the kiosk asks for one, so a
//! booking or cancellation queued during an outage still arrives after the elder has signed
//! out and walked away. It books and cancels as the elder, and reads nothing.

mod common;

use api::{
    ACTING_FOR_HEADER, BookingStatus, Client, ComplaintTopic, CreateComplaintRequest, Fulfilment,
    MealKind, PROBLEM_JSON, PersonId, PersonKind, RateRequest, RatingFace, VisitKind,
};
use chrono::Duration;
use common::*;
use reqwest::header;

const WANG_NAME: &str = "王秀英";

/// 王秀英 at the kiosk: her session, a delivery token made from it, and her id.
async fn kiosk(srv: &TestServer) -> (Client, Client, PersonId) {
    let session = srv.sign_in(WANG).await;
    let elder = session.me().await.unwrap().person.id;
    let delivery = delivered_by(srv, &session, elder).await;
    (session, delivery, elder)
}

/// A client carrying a delivery token `session` asks for, acting for `elder`.
async fn delivered_by(srv: &TestServer, session: &Client, elder: PersonId) -> Client {
    let token = session.delivery_token().await.expect("delivery token");
    srv.client().with_token(token.token).acting_for(elder)
}

/// The refusal of a call, as (type, status), with nothing about the elder in it.
fn refusal<T: std::fmt::Debug>(r: Result<T, api::ApiError>) -> (&'static str, u16) {
    let p = r.unwrap_err().problem().cloned().expect("a problem");
    let body = serde_json::to_string(&p).unwrap();
    assert!(
        !body.contains(WANG_NAME),
        "the refusal names nobody: {body}"
    );
    (p.kind.slug(), p.status)
}

const FORBIDDEN: (&str, u16) = ("forbidden", 403);

#[tokio::test]
async fn a_session_gets_a_new_delivery_token_that_lasts_a_day() {
    let srv = TestServer::start().await;
    let session = srv.sign_in(WANG).await;
    let resp = reqwest::Client::new()
        .post(format!("{}/api/v1/session/delivery-token", srv.base))
        .bearer_auth(session.token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let first: api::DeliveryToken = resp.json().await.unwrap();
    assert_eq!(first.expires_at, srv.clock.now() + Duration::hours(24));
    let second = session.delivery_token().await.unwrap();
    assert_ne!(first.token, second.token, "every call is a new token");
    assert_ne!(Some(first.token.as_str()), session.token());
}

#[tokio::test]
async fn a_delivery_token_books_a_meal_as_the_elder() {
    let srv = TestServer::start().await;
    let (session, delivery, elder) = kiosk(&srv).await;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    let booking = delivery
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .expect("a queued booking is delivered");
    assert_eq!(booking.status, BookingStatus::Booked);
    assert_eq!(booking.elder.id, elder);
    assert_eq!(booking.booked_by.id, elder);
    assert_eq!(booking.booked_by.kind, PersonKind::Elder);
    let listed = session.bookings().await.unwrap();
    assert!(listed.iter().any(|b| b.id == booking.id));
}

#[tokio::test]
async fn a_booking_sent_with_the_session_and_resent_with_the_delivery_token_is_made_once() {
    let srv = TestServer::start().await;
    let (session, delivery, _) = kiosk(&srv).await;
    let before = session.bookings().await.unwrap().len();
    let dinner = slot(&session, 2, MealKind::Dinner).await;
    let order = meal(dinner.id, Fulfilment::Pickup);
    // The kiosk sent it while online, the answer was lost, and the outbox sends it again
    // after sign-out with the delivery token and the same key.
    let same_key = key();
    let first = session.create_booking(&order, &same_key).await.unwrap();
    let replayed = delivery.create_booking(&order, &same_key).await.unwrap();
    assert_eq!(replayed.id, first.id);
    assert_eq!(replayed, first);
    let after = session.bookings().await.unwrap();
    assert_eq!(after.len(), before + 1, "one booking, not two");
    let for_dinner = after
        .iter()
        .filter(|b| matches!(&b.service, api::BookedService::Meal(m) if m.slot_id == dinner.id))
        .count();
    assert_eq!(for_dinner, 1);
}

#[tokio::test]
async fn a_delivery_token_cancels_a_booking() {
    let srv = TestServer::start().await;
    let (session, delivery, elder) = kiosk(&srv).await;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    let booking = session
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    let cancelled = delivery.cancel_booking(booking.id, &key()).await.unwrap();
    assert_eq!(cancelled.id, booking.id);
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let listed = session.bookings().await.unwrap();
    let seen = listed.iter().find(|b| b.id == booking.id).unwrap();
    assert_eq!(seen.status, BookingStatus::Cancelled);
    assert_eq!(seen.elder.id, elder);
}

#[tokio::test]
async fn a_delivery_token_reads_nothing_and_changes_nothing_else() {
    let srv = TestServer::start().await;
    let (session, delivery, _) = kiosk(&srv).await;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    let booking = session
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    let cleaning = service(&session, VisitKind::Cleaning).await;
    let today = day(0);

    assert_eq!(refusal(delivery.me().await), FORBIDDEN, "/me");
    assert_eq!(refusal(delivery.profile().await), FORBIDDEN, "/profile");
    assert_eq!(refusal(delivery.bookings().await), FORBIDDEN, "/bookings");
    assert_eq!(refusal(delivery.canteens().await), FORBIDDEN, "/canteens");
    let slots = delivery.meal_slots(1, Some(today), Some(1)).await;
    assert_eq!(refusal(slots), FORBIDDEN, "meal slots");
    let centres = delivery.daycare_centres().await;
    assert_eq!(refusal(centres), FORBIDDEN, "day-care centres");
    let sessions = delivery.daycare_sessions(1, Some(today), Some(1)).await;
    assert_eq!(refusal(sessions), FORBIDDEN, "day-care sessions");
    let services = delivery.visit_services().await;
    assert_eq!(refusal(services), FORBIDDEN, "visit services");
    let windows = delivery
        .visit_windows(cleaning.id, Some(today), Some(1))
        .await;
    assert_eq!(refusal(windows), FORBIDDEN, "visit windows");
    assert_eq!(
        refusal(delivery.complaints().await),
        FORBIDDEN,
        "complaints"
    );
    let rate = RateRequest {
        face: RatingFace::Good,
        comment: None,
    };
    let rated = delivery.rate_booking(booking.id, &rate, &key()).await;
    assert_eq!(refusal(rated), FORBIDDEN, "rating");
    let complaint = CreateComplaintRequest {
        booking_id: None,
        topic: ComplaintTopic::Late,
        text: None,
    };
    let complained = delivery.create_complaint(&complaint, &key()).await;
    assert_eq!(refusal(complained), FORBIDDEN, "a complaint");
    let another = delivery.delivery_token().await;
    assert_eq!(
        refusal(another),
        FORBIDDEN,
        "a delivery token cannot make another"
    );

    // The session itself may do all of it (so the refusals above are the token's scope).
    session.me().await.unwrap();
    session.complaints().await.unwrap();
    session.delivery_token().await.unwrap();
}

#[tokio::test]
async fn refusals_of_a_delivery_token_are_problems_that_name_nobody() {
    let srv = TestServer::start().await;
    let (session, delivery, elder) = kiosk(&srv).await;
    let paths = [
        "/me",
        "/profile",
        "/bookings",
        "/canteens",
        "/canteens/1/slots",
        "/daycare/centres",
        "/daycare/centres/1/sessions",
        "/visits/services",
        "/complaints",
    ];
    let http = reqwest::Client::new();
    for path in paths {
        let resp = http
            .get(format!("{}/api/v1{path}", srv.base))
            .bearer_auth(delivery.token().unwrap())
            .header(ACTING_FOR_HEADER, elder.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403, "{path}");
        assert_eq!(resp.headers()[header::CONTENT_TYPE], PROBLEM_JSON, "{path}");
        let body = resp.text().await.unwrap();
        assert!(body.contains("forbidden"), "{path}: {body}");
        assert!(!body.contains(WANG_NAME), "{path} names nobody: {body}");
        // The session itself may read it: the refusal is the token's scope.
        let own = http
            .get(format!("{}/api/v1{path}", srv.base))
            .bearer_auth(session.token().unwrap())
            .header(ACTING_FOR_HEADER, elder.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(own.status(), 200, "{path} with the session");
    }
    let resp = http
        .post(format!("{}/api/v1/session/delivery-token", srv.base))
        .bearer_auth(delivery.token().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
}

#[tokio::test]
async fn signing_out_of_the_session_leaves_the_delivery_token_working() {
    let srv = TestServer::start().await;
    let (session, delivery, elder) = kiosk(&srv).await;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    session.sign_out().await.unwrap();
    assert_eq!(slug(session.me().await), "not-signed-in");
    let booking = delivery
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .expect("the queue still drains after sign-out");
    assert_eq!(booking.booked_by.id, elder);
}

#[tokio::test]
async fn signing_out_with_the_delivery_token_revokes_only_it() {
    let srv = TestServer::start().await;
    let (session, delivery, _) = kiosk(&srv).await;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    delivery.sign_out().await.unwrap();
    let late = delivery
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await;
    assert_eq!(refusal(late), ("not-signed-in", 401));
    assert_eq!(
        refusal(delivery.cancel_booking(1, &key()).await),
        ("not-signed-in", 401)
    );
    delivery
        .sign_out()
        .await
        .expect("signing out twice is fine");
    session.me().await.expect("the session is untouched");
}

#[tokio::test]
async fn a_delivery_token_outlives_the_session_then_expires_like_one() {
    let srv = TestServer::start().await;
    let (session, delivery, _) = kiosk(&srv).await;
    let dinner = slot(&session, 2, MealKind::Dinner).await;
    // Sessions last 12 hours here; the delivery token 24.
    srv.advance(Duration::hours(23));
    assert_eq!(slug(session.me().await), "session-expired");
    let booking = delivery
        .create_booking(&meal(dinner.id, Fulfilment::DineIn), &key())
        .await
        .expect("still working after 23 hours");
    srv.advance(Duration::hours(1));
    assert_eq!(
        refusal(delivery.cancel_booking(booking.id, &key()).await),
        ("session-expired", 401)
    );
    let order = meal(dinner.id, Fulfilment::Pickup);
    assert_eq!(
        refusal(delivery.create_booking(&order, &key()).await),
        ("session-expired", 401)
    );
    assert_eq!(
        refusal(delivery.me().await),
        ("session-expired", 401),
        "expiry is told before scope"
    );
}

#[tokio::test]
async fn a_delivery_token_acts_only_for_the_elders_its_person_may() {
    let srv = TestServer::start().await;
    let (session, wang_delivery, wang) = kiosk(&srv).await;
    let li = srv.sign_in(LI).await;
    let li_id = li.me().await.unwrap().person.id;
    let lunch = slot(&session, 1, MealKind::Lunch).await;
    let li_booking = li
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();

    let for_li = wang_delivery.clone().acting_for(li_id);
    let order = meal(lunch.id, Fulfilment::Pickup);
    assert_eq!(
        refusal(for_li.create_booking(&order, &key()).await),
        FORBIDDEN
    );
    assert_eq!(
        refusal(for_li.cancel_booking(li_booking.id, &key()).await),
        FORBIDDEN
    );
    let li_bookings = li.bookings().await.unwrap();
    assert_eq!(li_bookings.len(), 1);
    assert_eq!(li_bookings[0].status, BookingStatus::Booked);

    // A daughter's delivery token books for her mother, as her session may, and for no one else.
    let daughter = srv.daughter_for(wang).await;
    let daughter_delivery = delivered_by(&srv, &daughter, wang).await;
    let booked = daughter_delivery
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(booked.elder.id, wang);
    assert_eq!(booked.booked_by.kind, PersonKind::Family);
    let for_li = daughter_delivery.acting_for(li_id);
    assert_eq!(
        refusal(for_li.create_booking(&order, &key()).await),
        FORBIDDEN
    );
}
