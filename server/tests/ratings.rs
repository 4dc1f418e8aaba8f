//! Rating a service once it is done: once per booking, by the elder or family allowed to
//! book, never by staff, never before the service is done.

mod common;

use api::{
    ApiError, Attendance, AttendanceRequest, BookedService, Booking, BookingStatus, Fulfilment,
    MealKind, PersonKind, RateRequest, RatingFace, VisitKind, VisitStage, VisitTransitionRequest,
};
use chrono::Duration;
use common::*;

fn face(face: RatingFace) -> RateRequest {
    RateRequest {
        face,
        comment: None,
    }
}

fn refusal(r: Result<Booking, ApiError>) -> (&'static str, u16) {
    let p = r.unwrap_err().problem().cloned().unwrap();
    (p.kind.slug(), p.status)
}

/// Books tomorrow's lunch for the elder, moves to tomorrow and has staff serve it.
async fn served_lunch(srv: &TestServer, who: (&str, &str)) -> Booking {
    let elder = srv.sign_in(who).await;
    let lunch = slot(&elder, 1, MealKind::Lunch).await;
    let booking = elder
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(
        refusal(
            elder
                .rate_booking(booking.id, &face(RatingFace::Good), &key())
                .await
        ),
        ("not-completed", 409),
        "a booked meal is not done"
    );
    srv.advance(Duration::days(1)); // sessions last 12 hours: staff sign in afresh
    srv.staff_for(booking.elder.id)
        .await
        .record_attendance(
            booking.id,
            &AttendanceRequest {
                outcome: Attendance::Fulfilled,
            },
            &key(),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_meal_is_rated_once_after_it_is_served() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert!(!booking.can_rate && booking.rating.is_none());
    srv.advance(Duration::days(1));
    let wang = srv.sign_in(WANG).await;
    let staff = srv.staff_for(booking.elder.id).await;
    let attendance = |outcome| AttendanceRequest { outcome };
    staff
        .record_attendance(booking.id, &attendance(Attendance::Arrived), &key())
        .await
        .unwrap();
    assert_eq!(
        refusal(
            wang.rate_booking(booking.id, &face(RatingFace::Good), &key())
                .await
        ),
        ("not-completed", 409),
        "arrived is not served yet"
    );
    let served = staff
        .record_attendance(booking.id, &attendance(Attendance::Fulfilled), &key())
        .await
        .unwrap();
    assert!(served.can_rate);

    assert_eq!(
        refusal(
            staff
                .rate_booking(booking.id, &face(RatingFace::Good), &key())
                .await
        ),
        ("forbidden", 403),
        "staff do not rate for the elder"
    );
    let too_long = RateRequest {
        face: RatingFace::Good,
        comment: Some("好".repeat(201)),
    };
    let err = wang
        .rate_booking(booking.id, &too_long, &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("invalid-request", 400));
    assert_eq!(p.errors[0].code, "comment-too-long");

    let req = RateRequest {
        face: RatingFace::SoSo,
        comment: Some("  鱼有点咸  ".into()),
    };
    let k = key();
    let rated = wang.rate_booking(booking.id, &req, &k).await.unwrap();
    assert!(!rated.can_rate);
    let rating = rated.rating.clone().unwrap();
    assert_eq!(
        (rating.face, rating.comment.as_deref(), rating.rated_by.kind),
        (RatingFace::SoSo, Some("鱼有点咸"), PersonKind::Elder)
    );
    assert_eq!(rating.rated_at.timestamp(), srv.clock.unix());
    assert_eq!(wang.bookings().await.unwrap(), vec![rated.clone()]);
    assert_eq!(
        wang.rate_booking(booking.id, &req, &k).await.unwrap(),
        rated,
        "the same key replays the same answer"
    );
    assert_eq!(
        refusal(
            wang.rate_booking(booking.id, &face(RatingFace::Good), &key())
                .await
        ),
        ("already-rated", 409)
    );
    let family = srv.daughter_for(booking.elder.id).await;
    assert_eq!(
        refusal(
            family
                .rate_booking(booking.id, &face(RatingFace::Bad), &key())
                .await
        ),
        ("already-rated", 409),
        "once per booking, whoever rates"
    );
}

#[tokio::test]
async fn a_visit_is_rated_only_once_it_is_done() {
    let srv = TestServer::start().await;
    let li = srv.sign_in(LI).await;
    let repairs = service(&li, VisitKind::Repairs).await;
    let w = window(&li, repairs.id, 0, 14).await;
    let booking = li
        .create_booking(&visit(repairs.id, w.id), &key())
        .await
        .unwrap();
    let staff = srv.staff_for(booking.elder.id).await;
    let not_yet = |b: &Booking| {
        let stage = match &b.service {
            BookedService::Visit(v) => v.stage,
            other => panic!("a visit, not {other:?}"),
        };
        let li = li.clone();
        let id = b.id;
        async move {
            assert_eq!(
                refusal(li.rate_booking(id, &face(RatingFace::Good), &key()).await),
                ("not-completed", 409),
                "{stage:?} is not done"
            );
        }
    };
    not_yet(&booking).await;
    let assigned = staff
        .visit_transition(
            booking.id,
            &VisitTransitionRequest::Assign {
                worker: "钱师傅".into(),
            },
            &key(),
        )
        .await
        .unwrap();
    not_yet(&assigned).await;
    let on_the_way = staff
        .visit_transition(booking.id, &VisitTransitionRequest::SetOff, &key())
        .await
        .unwrap();
    not_yet(&on_the_way).await;
    let done = staff
        .visit_transition(booking.id, &VisitTransitionRequest::Done, &key())
        .await
        .unwrap();
    assert!(done.can_rate);
    let rated = li
        .rate_booking(booking.id, &face(RatingFace::Good), &key())
        .await
        .unwrap();
    assert_eq!(rated.rating.unwrap().face, RatingFace::Good);
    assert!(matches!(&rated.service, BookedService::Visit(v) if v.stage == VisitStage::Done));

    // A visit the worker missed is not done either.
    let other = window(&li, repairs.id, 1, 8).await;
    let missed = li
        .create_booking(&visit(repairs.id, other.id), &key())
        .await
        .unwrap();
    staff
        .visit_transition(
            missed.id,
            &VisitTransitionRequest::Assign {
                worker: "钱师傅".into(),
            },
            &key(),
        )
        .await
        .unwrap();
    let missed = staff
        .visit_transition(missed.id, &VisitTransitionRequest::Missed, &key())
        .await
        .unwrap();
    assert!(!missed.can_rate);
    assert_eq!(
        refusal(
            li.rate_booking(missed.id, &face(RatingFace::Bad), &key())
                .await
        ),
        ("not-completed", 409)
    );
}

#[tokio::test]
async fn family_may_rate_with_the_book_permission_only() {
    let srv = TestServer::start().await;
    let served = served_lunch(&srv, WANG).await;
    let elder = served.elder.id;
    let set_book = |allowed: bool| {
        sqlx::query("UPDATE family_links SET can_book = ? WHERE elder_id = ?")
            .bind(allowed)
            .bind(elder)
            .execute(srv.db())
    };
    set_book(false).await.unwrap();
    let family = srv.daughter_for(elder).await;
    assert_eq!(
        family.bookings().await.unwrap().len(),
        1,
        "she can still see it"
    );
    assert_eq!(
        refusal(
            family
                .rate_booking(served.id, &face(RatingFace::Good), &key())
                .await
        ),
        ("forbidden", 403)
    );
    set_book(true).await.unwrap();
    let rated = family
        .rate_booking(served.id, &face(RatingFace::Good), &key())
        .await
        .unwrap();
    let by = rated.rating.unwrap().rated_by;
    assert_eq!((by.name.as_str(), by.kind), ("王丽", PersonKind::Family));

    // Another elder's booking is not found, and cannot be rated by them.
    let li = srv.sign_in(LI).await;
    assert_eq!(
        refusal(
            li.rate_booking(served.id, &face(RatingFace::Bad), &key())
                .await
        ),
        ("not-found", 404)
    );
}

#[tokio::test]
async fn chen_has_a_past_meal_and_visit_to_rate_and_nobody_else_has_bookings() {
    let srv = TestServer::start().await;
    let chen = srv.sign_in(CHEN).await;
    let past = chen.bookings().await.unwrap();
    assert_eq!(past.len(), 2, "{past:#?}");
    let yesterday = day(0).pred_opt().unwrap();
    match &past[0].service {
        BookedService::Visit(v) => {
            assert_eq!(
                (v.stage, v.date),
                (VisitStage::Done, day(0) - Duration::days(3))
            );
            assert_eq!(v.worker.as_deref(), Some("赵师傅"));
        }
        other => panic!("first the visit three days ago, not {other:?}"),
    }
    match &past[1].service {
        BookedService::Meal(m) => assert_eq!((m.date, m.meal), (yesterday, MealKind::Lunch)),
        other => panic!("then yesterday's lunch, not {other:?}"),
    }
    for b in &past {
        assert_eq!(b.status, BookingStatus::Fulfilled);
        assert!(b.can_rate && b.rating.is_none() && !b.can_cancel);
        assert!(!b.provider.organisation.zh.is_empty());
    }
    for b in &past {
        let rated = chen
            .rate_booking(b.id, &face(RatingFace::Good), &key())
            .await
            .unwrap();
        assert!(!rated.can_rate);
    }
    for elder in [WANG, LI, ZHANG] {
        let c = srv.sign_in(elder).await;
        assert!(c.bookings().await.unwrap().is_empty(), "{elder:?}");
    }

    // Restarting the next day seeds again, and adds nothing: his past stays as it is.
    srv.advance(Duration::days(1));
    let tz = srv.running.state.tz;
    linli_server::seed::demo(srv.db(), &srv.clock, tz)
        .await
        .unwrap();
    let again = srv.sign_in(CHEN).await.bookings().await.unwrap();
    assert_eq!(again.len(), 2);
    assert!(again.iter().all(|b| b.rating.is_some()));
}
