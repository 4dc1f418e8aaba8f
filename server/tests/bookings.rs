//! Booking, listing and cancelling meals, cutoffs, and every refusal as problem+json.

mod common;

use api::{BookedService, BookingStatus, Fen, Fulfilment, MealKind, PROBLEM_JSON};
use chrono::Duration;
use common::*;

#[tokio::test]
async fn an_elder_books_tomorrows_lunch_sees_it_and_cancels_it() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    assert!(lunch.open);
    let places = lunch.places_left;

    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(booking.status, BookingStatus::Booked);
    assert_eq!(booking.elder.name, "王秀英");
    assert_eq!(booking.booked_by.name, "王秀英");
    assert!(booking.can_cancel);
    let BookedService::Meal(m) = &booking.service else {
        panic!("a meal booking describes a meal: {:?}", booking.service)
    };
    assert_eq!(
        (m.slot_id, m.meal, m.fulfilment),
        (lunch.id, MealKind::Lunch, Fulfilment::DineIn)
    );
    assert!(!m.dishes.is_empty());
    // 王秀英 is 86 in 2030: the age-80 subsidy (¥3) beats living alone (¥2); no stacking.
    assert_eq!(booking.price.full_price, Fen(1500));
    assert_eq!(booking.price.subsidy, Fen(300));
    assert_eq!(booking.price.you_pay, Fen(1200));
    assert_eq!(
        slot(&wang, 1, MealKind::Lunch).await.places_left,
        places - 1
    );

    let listed = wang.bookings().await.unwrap();
    assert_eq!(listed, vec![booking.clone()]);

    let cancelled = wang.cancel_booking(booking.id, &key()).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert!(!cancelled.can_cancel);
    assert_eq!(
        slot(&wang, 1, MealKind::Lunch).await.places_left,
        places,
        "the place is free again"
    );
    assert_eq!(
        wang.bookings().await.unwrap()[0].status,
        BookingStatus::Cancelled
    );
    assert_eq!(
        slug(wang.cancel_booking(booking.id, &key()).await),
        "not-cancellable"
    );
}

#[tokio::test]
async fn prices_follow_each_elders_eligibility() {
    let srv = TestServer::start().await;
    let li = srv.sign_in(LI).await; // 低保 (minimum income support): ¥8
    let zhang = srv.sign_in(ZHANG).await; // 95: ¥5
    let li_lunch = slot(&li, 1, MealKind::Lunch).await;
    let zhang_lunch = slot(&zhang, 1, MealKind::Lunch).await;
    let split = |s: &api::MealSlot, f| s.offer(f).unwrap().price.clone();
    assert_eq!(split(&li_lunch, Fulfilment::DineIn).you_pay, Fen(700));
    assert_eq!(split(&zhang_lunch, Fulfilment::DineIn).you_pay, Fen(1000));
    let delivered = split(&zhang_lunch, Fulfilment::Delivery);
    assert_eq!(
        (delivered.delivery_fee, delivered.you_pay),
        (Fen(300), Fen(1300))
    );
    let b = zhang
        .create_booking(&meal(zhang_lunch.id, Fulfilment::Delivery), &key())
        .await
        .unwrap();
    assert_eq!(b.price, delivered);
}

#[tokio::test]
async fn orders_and_cancellations_close_at_the_centres_cutoffs() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 0, MealKind::Lunch).await; // today, orders close 09:30
    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::Pickup), &key())
        .await
        .unwrap();
    assert_eq!(booking.cancel_by, lunch.cancel_by);

    srv.advance(Duration::minutes(90)); // 09:30
    let err = wang.cancel_booking(booking.id, &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("cutoff-passed", 409));
    assert_eq!(p.deadline, Some(lunch.cancel_by));
    assert!(p.hotline.is_some(), "the refusal says whom to call");
    assert!(!wang.bookings().await.unwrap()[0].can_cancel);

    let li = srv.sign_in(LI).await;
    assert!(!slot(&li, 0, MealKind::Lunch).await.open);
    assert_eq!(
        slug(
            li.create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
                .await
        ),
        "cutoff-passed"
    );
}

#[tokio::test]
async fn the_same_meal_cannot_be_booked_twice_by_one_elder() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let dinner = slot(&wang, 2, MealKind::Dinner).await;
    wang.create_booking(&meal(dinner.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(
        slug(
            wang.create_booking(&meal(dinner.id, Fulfilment::Pickup), &key())
                .await
        ),
        "already-booked"
    );
}

#[tokio::test]
async fn an_elder_cannot_touch_another_elders_bookings() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let li = srv.sign_in(LI).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();

    // As themself: the booking is simply not theirs to find.
    let err = li.cancel_booking(booking.id, &key()).await.unwrap_err();
    assert_eq!(
        (
            err.problem().unwrap().kind.slug(),
            err.problem().unwrap().status
        ),
        ("not-found", 404)
    );
    assert!(li.bookings().await.unwrap().is_empty());

    // Claiming to act for 王秀英 is refused outright, and names nobody.
    let li_as_wang = li.clone().acting_for(booking.elder.id);
    let err = li_as_wang
        .cancel_booking(booking.id, &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("forbidden", 403));
    assert!(!format!("{p:?}").contains("王秀英"));
    assert_eq!(slug(li_as_wang.bookings().await), "forbidden");
    assert_eq!(
        wang.bookings().await.unwrap()[0].status,
        BookingStatus::Booked
    );
}

#[tokio::test]
async fn a_key_reused_for_a_different_request_is_refused() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let dinner = slot(&wang, 1, MealKind::Dinner).await;
    let k = key();
    wang.create_booking(&meal(lunch.id, Fulfilment::DineIn), &k)
        .await
        .unwrap();
    let err = wang
        .create_booking(&meal(dinner.id, Fulfilment::DineIn), &k)
        .await
        .unwrap_err();
    assert_eq!(
        (
            err.problem().unwrap().kind.slug(),
            err.problem().unwrap().status
        ),
        ("idempotency-key-reused", 422)
    );
    assert_eq!(wang.bookings().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_meal_that_is_not_delivered_cannot_be_ordered_for_delivery() {
    let srv = TestServer::start().await;
    sqlx::query("UPDATE canteens SET offers_delivery = 0")
        .execute(srv.db())
        .await
        .unwrap();
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    assert!(lunch.offer(Fulfilment::Delivery).is_none());
    assert_eq!(
        slug(
            wang.create_booking(&meal(lunch.id, Fulfilment::Delivery), &key())
                .await
        ),
        "fulfilment-unavailable"
    );
}

/// Bad input of every shape gets a 4xx problem+json, never a 500 and never plain text.
#[tokio::test]
async fn invalid_input_is_a_problem_never_a_crash() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let token = wang.token().unwrap().to_owned();
    let http = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", srv.base);
    let auth = format!("Bearer {token}");
    let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
        (
            http.post(url("/session"))
                .body("not json")
                .header("content-type", "application/json"),
            400,
            "invalid-request",
        ),
        (
            http.post(url("/session"))
                .json(&serde_json::json!({"account": 1})),
            422,
            "invalid-request",
        ),
        (
            http.post(url("/session")).body("{}"),
            415,
            "invalid-request",
        ),
        (
            http.get(url("/me"))
                .header("authorization", "Bearer nonsense"),
            401,
            "not-signed-in",
        ),
        (
            http.get(url("/bookings")).header("authorization", &auth),
            400,
            "invalid-request",
        ),
        (
            http.get(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "abc"),
            400,
            "invalid-request",
        ),
        (
            http.get(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "999999"),
            403,
            "forbidden",
        ),
        (
            http.get(url("/canteens/1/slots?days=99"))
                .header("authorization", &auth)
                .header("acting-for", "1"),
            400,
            "invalid-request",
        ),
        (
            http.get(url("/canteens/1/slots?from=yesterday"))
                .header("authorization", &auth)
                .header("acting-for", "1"),
            400,
            "invalid-request",
        ),
        (
            http.get(url("/canteens/77/slots"))
                .header("authorization", &auth)
                .header("acting-for", "1"),
            404,
            "not-found",
        ),
        (
            http.post(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .json(&meal(1, Fulfilment::DineIn)),
            400,
            "idempotency-key-missing",
        ),
        (
            http.post(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .header("idempotency-key", "short")
                .json(&meal(1, Fulfilment::DineIn)),
            400,
            "invalid-request",
        ),
        (
            http.post(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .header("idempotency-key", key())
                .json(&serde_json::json!({"kind": "spa", "slot_id": 1})),
            422,
            "invalid-request",
        ),
        (
            http.post(url("/bookings"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .header("idempotency-key", key())
                .json(&meal(987654, Fulfilment::DineIn)),
            404,
            "not-found",
        ),
        (
            http.post(url("/bookings/xyz/cancel"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .header("idempotency-key", key()),
            400,
            "invalid-request",
        ),
        (
            http.post(url("/bookings/424242/cancel"))
                .header("authorization", &auth)
                .header("acting-for", "1")
                .header("idempotency-key", key()),
            404,
            "not-found",
        ),
        (
            http.put(url("/bookings")).header("authorization", &auth),
            405,
            "not-found",
        ),
        (http.get(url("/no/such/thing")), 404, "not-found"),
    ];
    for (i, (req, status, slug)) in cases.into_iter().enumerate() {
        let resp = req.send().await.unwrap();
        let content_type = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        let got = resp.status().as_u16();
        let body: serde_json::Value = resp.json().await.unwrap_or_default();
        assert_eq!(got, status, "case {i}: {body}");
        assert_eq!(content_type.as_deref(), Some(PROBLEM_JSON), "case {i}");
        assert_eq!(
            body["type"],
            format!("/problems/{slug}"),
            "case {i}: {body}"
        );
        assert_eq!(body["status"], status, "case {i}");
        assert!(body["title"].is_string(), "case {i}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint() {
    let srv = TestServer::start().await;
    let doc: serde_json::Value = reqwest::get(format!("{}/api/v1/openapi.json", srv.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/session",
        "/session/delivery-token",
        "/me",
        "/canteens",
        "/canteens/{id}/slots",
        "/bookings",
        "/bookings/{id}/cancel",
        "/me/settings",
        "/help-requests",
        "/help-requests/{id}/status",
        "/staff/help-requests",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    assert!(doc["paths"]["/me/settings"]["put"].is_object());
    assert!(doc["paths"]["/help-requests"]["post"]["responses"]["200"].is_object());
    for schema in [
        "Problem",
        "DeliveryToken",
        "Settings",
        "TextSize",
        "VoiceSpeed",
        "HelpRequest",
        "HelpRequestCreate",
        "HelpPlace",
        "HelpStatus",
        "HelpStatusUpdate",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "{schema} is described"
        );
    }
    assert_eq!(
        doc,
        serde_json::to_value(linli_server::http::openapi()).unwrap()
    );
}

#[tokio::test]
async fn only_configured_origins_may_call_from_elsewhere() {
    let srv = TestServer::start().await;
    let preflight = |origin: &'static str| {
        reqwest::Client::new()
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/bookings", srv.base),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,acting-for,idempotency-key,content-type",
            )
            .send()
    };
    let allowed = preflight("https://kiosk.example.org").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://kiosk.example.org"
    );
    let allowed_headers = allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(allowed_headers.contains("idempotency-key") && allowed_headers.contains("acting-for"));
    let other = preflight("https://evil.example.com").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn healthz_answers_while_the_database_does() {
    let srv = TestServer::start().await;
    let resp = reqwest::get(format!("{}/healthz", srv.base)).await.unwrap();
    assert_eq!(resp.status(), 200);
}
