//! Home visits (上门服务): the catalogue, arrival windows, requesting a visit, and the
//! lifecycle only staff drive, as the elder sees it in My bookings.

mod common;

use api::{
    ApiError, BookedService, Booking, BookingStatus, CreateBookingRequest, Fen, StaffSignInRequest,
    VisitKind, VisitStage, VisitTransitionRequest,
};
use chrono::Duration;
use common::*;

fn assign(worker: &str) -> VisitTransitionRequest {
    VisitTransitionRequest::Assign {
        worker: worker.into(),
    }
}

fn visit_of(b: &Booking) -> &api::VisitBooking {
    match &b.service {
        BookedService::Visit(v) => v,
        other => panic!("expected a visit, got {other:?}"),
    }
}

#[tokio::test]
async fn an_elder_requests_a_cleaning_and_sees_each_stage_staff_move_it_to() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let catalogue = wang.visit_services().await.unwrap();
    let mut kinds: Vec<_> = catalogue.iter().map(|s| s.kind).collect();
    kinds.sort_by_key(|k| VisitKind::ALL.iter().position(|x| x == k));
    assert_eq!(kinds, VisitKind::ALL, "every kind of visit is offered once");
    let cleaning = service(&wang, VisitKind::Cleaning).await;
    assert_eq!(cleaning.provider.organisation.zh, "安心家政服务社");
    assert_eq!(cleaning.duration_minutes, 120);
    // ¥80 for two hours; 王秀英 (86) gets the age-80 visit subsidy of ¥20 and pays ¥60.
    assert_eq!(
        (
            cleaning.price.full_price,
            cleaning.price.subsidy,
            cleaning.price.you_pay
        ),
        (Fen(8000), Fen(2000), Fen(6000))
    );

    let w = window(&wang, cleaning.id, 1, 10).await;
    assert!(w.open);
    let req = CreateBookingRequest::Visit {
        service_id: cleaning.id,
        window_id: w.id,
        address: None,
        note: Some("请先打电话".into()),
    };
    let booking = wang.create_booking(&req, &key()).await.unwrap();
    assert_eq!(
        booking.status,
        BookingStatus::Pending,
        "awaiting the provider"
    );
    assert_eq!(booking.price, cleaning.price);
    assert_eq!(booking.starts_at(), w.starts_at);
    let v = visit_of(&booking);
    assert_eq!(
        (
            v.stage,
            v.worker.as_deref(),
            v.address.as_str(),
            v.note.as_deref()
        ),
        (VisitStage::Requested, None, "阳光社区", Some("请先打电话"))
    );
    assert_eq!(
        window(&wang, cleaning.id, 1, 10).await.places_left,
        w.places_left - 1
    );

    let staff = srv.staff_for(booking.elder.id).await;
    let assigned = staff
        .visit_transition(booking.id, &assign("赵师傅"), &key())
        .await
        .unwrap();
    assert_eq!(assigned.status, BookingStatus::Booked);
    let seen = wang.bookings().await.unwrap();
    assert_eq!(
        seen,
        vec![assigned.clone()],
        "the elder sees what staff did"
    );
    let v = visit_of(&seen[0]);
    assert_eq!(
        (v.stage, v.worker.as_deref()),
        (VisitStage::Assigned, Some("赵师傅"))
    );
    assert!(seen[0].can_cancel);

    let on_the_way = staff
        .visit_transition(booking.id, &VisitTransitionRequest::SetOff, &key())
        .await
        .unwrap();
    assert_eq!(visit_of(&on_the_way).stage, VisitStage::OnTheWay);
    assert_eq!(on_the_way.status, BookingStatus::Booked);
    assert!(
        !on_the_way.can_cancel,
        "a worker on the way is not called off"
    );
    assert_eq!(
        slug(wang.cancel_booking(booking.id, &key()).await),
        "not-cancellable"
    );

    let done = staff
        .visit_transition(booking.id, &VisitTransitionRequest::Done, &key())
        .await
        .unwrap();
    assert_eq!(done.status, BookingStatus::Fulfilled);
    let v = visit_of(&wang.bookings().await.unwrap()[0]).clone();
    assert_eq!(
        (v.stage, v.worker.as_deref()),
        (VisitStage::Done, Some("赵师傅"))
    );
}

#[tokio::test]
async fn only_staff_of_the_elders_community_drive_visits() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let nursing = service(&wang, VisitKind::Nursing).await;
    let w = window(&wang, nursing.id, 2, 14).await;
    let booking = wang
        .create_booking(&visit(nursing.id, w.id), &key())
        .await
        .unwrap();
    let elder_id = booking.elder.id;

    let refused = |r: Result<Booking, ApiError>| {
        let p = r.unwrap_err().problem().cloned().unwrap();
        (p.kind.slug(), p.status)
    };
    assert_eq!(
        refused(
            wang.visit_transition(booking.id, &assign("我自己"), &key())
                .await
        ),
        ("forbidden", 403),
        "the elder cannot move their own visit on"
    );
    let family = srv.daughter_for(elder_id).await;
    assert_eq!(
        family.bookings().await.unwrap().len(),
        1,
        "family can see it"
    );
    assert_eq!(
        refused(
            family
                .visit_transition(booking.id, &assign("王丽"), &key())
                .await
        ),
        ("forbidden", 403)
    );

    // Staff of another community may not act for 王秀英 at all.
    let elsewhere: i64 = sqlx::query_scalar(
        "INSERT INTO communities (name_zh, name_en, hotline) VALUES ('星光社区', 'Starlight', '010-1') RETURNING id",
    )
    .fetch_one(srv.db())
    .await
    .unwrap();
    let stranger: i64 = sqlx::query_scalar(
        "INSERT INTO people (community_id, kind, name, phone, secret_hash, created_at)
         VALUES (?, 'staff', '外人', '13700000009', 'x', 0) RETURNING id",
    )
    .bind(elsewhere)
    .fetch_one(srv.db())
    .await
    .unwrap();
    let stranger = srv.session_for(stranger, elder_id).await;
    assert_eq!(
        refused(
            stranger
                .visit_transition(booking.id, &assign("外人"), &key())
                .await
        ),
        ("forbidden", 403)
    );

    let seen = wang.bookings().await.unwrap();
    assert_eq!(
        visit_of(&seen[0]).stage,
        VisitStage::Requested,
        "nothing moved"
    );

    // Staff can, and a visit that is not this elder's is not found.
    let staff = srv.staff_for(elder_id).await;
    staff
        .visit_transition(booking.id, &assign("孙护士"), &key())
        .await
        .unwrap();
    let li = srv.sign_in(LI).await;
    let li_id = li.me().await.unwrap().person.id;
    let staff_for_li = srv.staff_for(li_id).await;
    assert_eq!(
        refused(
            staff_for_li
                .visit_transition(booking.id, &VisitTransitionRequest::SetOff, &key())
                .await
        ),
        ("not-found", 404)
    );
}

#[tokio::test]
async fn illegal_transitions_are_refused() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let bathing = service(&wang, VisitKind::Bathing).await;
    let w = window(&wang, bathing.id, 1, 14).await;
    let booking = wang
        .create_booking(&visit(bathing.id, w.id), &key())
        .await
        .unwrap();
    let staff = srv.staff_for(booking.elder.id).await;
    let illegal = |r: Result<Booking, ApiError>| {
        let p = r.unwrap_err().problem().cloned().unwrap();
        assert_eq!((p.kind.slug(), p.status), ("illegal-transition", 409));
    };

    illegal(
        staff
            .visit_transition(booking.id, &VisitTransitionRequest::SetOff, &key())
            .await,
    );
    illegal(
        staff
            .visit_transition(booking.id, &VisitTransitionRequest::Done, &key())
            .await,
    );
    illegal(
        staff
            .visit_transition(booking.id, &VisitTransitionRequest::Missed, &key())
            .await,
    );
    assert_eq!(
        slug(
            staff
                .visit_transition(booking.id, &assign(" "), &key())
                .await
        ),
        "invalid-request"
    );

    // Reassigning before setting off is fine; nothing leaves "missed".
    staff
        .visit_transition(booking.id, &assign("钱护理员"), &key())
        .await
        .unwrap();
    let reassigned = staff
        .visit_transition(booking.id, &assign("孙护理员"), &key())
        .await
        .unwrap();
    assert_eq!(visit_of(&reassigned).worker.as_deref(), Some("孙护理员"));
    let missed = staff
        .visit_transition(booking.id, &VisitTransitionRequest::Missed, &key())
        .await
        .unwrap();
    assert_eq!(missed.status, BookingStatus::Noshow);
    assert_eq!(visit_of(&missed).stage, VisitStage::Missed);
    illegal(
        staff
            .visit_transition(booking.id, &assign("钱护理员"), &key())
            .await,
    );
    illegal(
        staff
            .visit_transition(booking.id, &VisitTransitionRequest::Done, &key())
            .await,
    );

    // A cancelled visit cannot be moved on either, and a meal is not a visit.
    let other = window(&wang, bathing.id, 2, 8).await;
    let second = wang
        .create_booking(&visit(bathing.id, other.id), &key())
        .await
        .unwrap();
    wang.cancel_booking(second.id, &key()).await.unwrap();
    illegal(
        staff
            .visit_transition(second.id, &assign("钱护理员"), &key())
            .await,
    );
    let lunch = slot(&wang, 1, api::MealKind::Lunch).await;
    let meal_booking = wang
        .create_booking(&meal(lunch.id, api::Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(
        slug(
            staff
                .visit_transition(meal_booking.id, &assign("钱护理员"), &key())
                .await
        ),
        "not-found"
    );
}

#[tokio::test]
async fn cancelling_gives_the_window_back_until_two_hours_before() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let haircut = service(&wang, VisitKind::Haircut).await;
    let w = window(&wang, haircut.id, 0, 12).await; // today 12:00; requests close at 10:00
    let booking = wang
        .create_booking(&visit(haircut.id, w.id), &key())
        .await
        .unwrap();
    let cancelled = wang.cancel_booking(booking.id, &key()).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(visit_of(&cancelled).stage, VisitStage::Cancelled);
    assert_eq!(
        window(&wang, haircut.id, 0, 12).await.places_left,
        w.places_left,
        "the worker's time is free again"
    );

    let again = wang
        .create_booking(&visit(haircut.id, w.id), &key())
        .await
        .unwrap();
    srv.advance(Duration::hours(2)); // 10:00
    let err = wang.cancel_booking(again.id, &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("cutoff-passed", 409));
    assert_eq!(p.deadline, Some(w.cancel_by));
    assert_eq!(
        p.hotline.as_deref(),
        Some("010-6501 3001"),
        "the provider's number"
    );

    let li = srv.sign_in(LI).await;
    assert!(!window(&li, haircut.id, 0, 12).await.open);
    assert_eq!(
        slug(li.create_booking(&visit(haircut.id, w.id), &key()).await),
        "cutoff-passed"
    );
}

#[tokio::test]
async fn windows_hold_as_many_visits_as_the_provider_has_workers() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let li = srv.sign_in(LI).await;
    let zhang = srv.sign_in(ZHANG).await;
    let company = service(&wang, VisitKind::Companionship).await;
    let w = window(&wang, company.id, 3, 16).await;
    assert_eq!(w.capacity, 2, "康乐护理站 has two carers free per window");
    // 李建国 (低保): the ¥50 visit subsidy covers more than the ¥40 price, so he pays nothing.
    let li_company = service(&li, VisitKind::Companionship).await;
    assert_eq!(li_company.price.you_pay, Fen(0));

    wang.create_booking(&visit(company.id, w.id), &key())
        .await
        .unwrap();
    assert_eq!(
        slug(wang.create_booking(&visit(company.id, w.id), &key()).await),
        "already-booked"
    );
    li.create_booking(&visit(company.id, w.id), &key())
        .await
        .unwrap();
    let err = zhang
        .create_booking(&visit(company.id, w.id), &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("slot-full", 409));
    assert!(!window(&zhang, company.id, 3, 16).await.open);
}

#[tokio::test]
async fn visit_requests_are_checked_before_anything_is_booked() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let cleaning = service(&wang, VisitKind::Cleaning).await;
    let bathing = service(&wang, VisitKind::Bathing).await;
    let w = window(&wang, cleaning.id, 1, 8).await;
    let with = |address: Option<String>, note: Option<String>| CreateBookingRequest::Visit {
        service_id: cleaning.id,
        window_id: w.id,
        address,
        note,
    };
    let field_errors = |r: Result<Booking, ApiError>| {
        let p = r.unwrap_err().problem().cloned().unwrap();
        assert_eq!((p.kind.slug(), p.status), ("invalid-request", 400));
        p.errors.into_iter().map(|e| e.code).collect::<Vec<_>>()
    };
    assert_eq!(
        field_errors(
            wang.create_booking(
                &with(Some("路".repeat(101)), Some("字".repeat(201))),
                &key()
            )
            .await
        ),
        ["address-too-long", "note-too-long"]
    );
    // The bathing provider's window is not the cleaning provider's.
    let other = window(&wang, bathing.id, 1, 8).await;
    assert_eq!(
        field_errors(
            wang.create_booking(&visit(cleaning.id, other.id), &key())
                .await
        ),
        ["window-of-another-provider"]
    );
    assert_eq!(
        window(&wang, cleaning.id, 1, 8).await.places_left,
        w.places_left
    );

    // Another address for this visit only.
    let b = wang
        .create_booking(
            &with(Some("女儿家：幸福里 2 号楼 301".into()), None),
            &key(),
        )
        .await
        .unwrap();
    assert_eq!(visit_of(&b).address, "女儿家：幸福里 2 号楼 301");
    assert_eq!(visit_of(&b).note, None);
}

#[tokio::test]
async fn staff_sign_in_with_a_password_and_the_same_lockout() {
    let srv = TestServer::start().await;
    let client = srv.client();
    let attempt = |phone: &str, password: &str| {
        let client = client.clone();
        let req = StaffSignInRequest {
            phone: phone.into(),
            password: password.into(),
        };
        async move { client.staff_sign_in(&req).await }
    };
    let me = attempt(STAFF.0, STAFF.1).await.unwrap().me;
    assert_eq!(me.person.name, "周敏");
    assert_eq!(me.person.kind, api::PersonKind::Staff);
    // An elder's number is not a staff account, and staff cannot use the PIN sign-in.
    assert_eq!(
        slug(attempt("13800000001", "123456-long").await),
        "unknown-account"
    );
    assert_eq!(
        slug(
            client
                .sign_in(&api::SignInRequest {
                    account: STAFF.0.into(),
                    pin: "123456".into()
                })
                .await
        ),
        "unknown-account"
    );
    assert_eq!(slug(attempt(STAFF.0, "short").await), "invalid-request");

    for left in (1..=4).rev() {
        let err = attempt(STAFF.0, "wrong-password").await.unwrap_err();
        let p = err.problem().unwrap();
        assert_eq!(
            (p.kind.slug(), p.attempts_left),
            ("password-wrong", Some(left))
        );
    }
    let err = attempt(STAFF.0, "wrong-password").await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("account-locked", 429));
    assert_eq!(
        slug(attempt(STAFF.0, STAFF.1).await),
        "account-locked",
        "even the right password waits"
    );
    srv.advance(Duration::minutes(15));
    attempt(STAFF.0, STAFF.1).await.unwrap();
}
