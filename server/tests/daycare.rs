//! Day care (日间照料): booking sessions with and without transport, places, cutoffs,
//! closed days, eligibility pricing, overlap refusal, and cancelling.

mod common;

use api::{BookedService, BookingStatus, DaycarePeriod, Fen};
use chrono::Duration;
use common::*;

#[tokio::test]
async fn an_elder_books_a_morning_with_transport_sees_it_and_cancels_it() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let morning = session(&wang, 1, DaycarePeriod::Morning).await;
    assert!(morning.open);
    let transport = morning
        .transport
        .clone()
        .expect("the demo centre has a minibus");
    // 王秀英 is 86 and lives alone: each gives ¥5 a session, and they do not stack.
    assert_eq!(
        (
            morning.price.full_price,
            morning.price.subsidy,
            morning.price.you_pay
        ),
        (Fen(1500), Fen(500), Fen(1000))
    );
    assert_eq!(
        (transport.price.delivery_fee, transport.price.you_pay),
        (Fen(500), Fen(1500))
    );

    let booking = wang
        .create_booking(&daycare(morning.id, true), &key())
        .await
        .unwrap();
    assert_eq!(booking.status, BookingStatus::Booked);
    assert_eq!(booking.price, transport.price);
    assert_eq!(booking.cancel_by, morning.cancel_by);
    assert!(booking.can_cancel);
    let BookedService::Daycare(d) = &booking.service else {
        panic!(
            "a day-care booking describes its session: {:?}",
            booking.service
        )
    };
    assert_eq!(
        (d.session_id, d.period, d.date, d.transport),
        (morning.id, DaycarePeriod::Morning, day(1), true)
    );
    assert_eq!(booking.starts_at(), morning.starts_at);
    assert_eq!(d.centre.zh, "阳光日间照料中心");

    let after = session(&wang, 1, DaycarePeriod::Morning).await;
    assert_eq!(after.places_left, morning.places_left - 1);
    assert_eq!(
        after.transport.unwrap().places_left,
        transport.places_left - 1
    );
    assert_eq!(wang.bookings().await.unwrap(), vec![booking.clone()]);

    let cancelled = wang.cancel_booking(booking.id, &key()).await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    let after = session(&wang, 1, DaycarePeriod::Morning).await;
    assert_eq!(after.places_left, morning.places_left, "the place is free");
    assert_eq!(
        after.transport.unwrap().places_left,
        transport.places_left,
        "and so is the seat on the minibus"
    );
    assert_eq!(
        slug(wang.cancel_booking(booking.id, &key()).await),
        "not-cancellable"
    );
}

#[tokio::test]
async fn day_care_prices_follow_each_elders_eligibility() {
    let srv = TestServer::start().await;
    let li = srv.sign_in(LI).await; // 低保: ¥15 covers a half day entirely
    let zhang = srv.sign_in(ZHANG).await; // 95: ¥8
    let li_morning = session(&li, 1, DaycarePeriod::Morning).await;
    let li_full = session(&li, 1, DaycarePeriod::FullDay).await;
    let zhang_morning = session(&zhang, 1, DaycarePeriod::Morning).await;
    assert_eq!(
        (li_morning.price.subsidy, li_morning.price.you_pay),
        (Fen(1500), Fen(0))
    );
    assert_eq!(
        (li_full.price.full_price, li_full.price.you_pay),
        (Fen(3000), Fen(1500))
    );
    assert_eq!(zhang_morning.price.you_pay, Fen(700));
    let b = li
        .create_booking(&daycare(li_full.id, true), &key())
        .await
        .unwrap();
    assert_eq!(b.price, li_full.transport.unwrap().price);
    assert_eq!(b.price.you_pay, Fen(1500 + 800));
}

#[tokio::test]
async fn an_elder_cannot_hold_two_overlapping_day_care_bookings() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let morning = session(&wang, 1, DaycarePeriod::Morning).await;
    let afternoon = session(&wang, 1, DaycarePeriod::Afternoon).await;
    let full = session(&wang, 1, DaycarePeriod::FullDay).await;

    let m = wang
        .create_booking(&daycare(morning.id, false), &key())
        .await
        .unwrap();
    let err = wang
        .create_booking(&daycare(full.id, false), &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("overlapping-booking", 409));
    assert_eq!(
        p.conflicting_booking,
        Some(m.id),
        "the refusal names the clash"
    );
    assert_eq!(
        session(&wang, 1, DaycarePeriod::FullDay).await.places_left,
        full.places_left,
        "a refused booking takes no place"
    );
    assert_eq!(
        slug(
            wang.create_booking(&daycare(morning.id, true), &key())
                .await
        ),
        "already-booked"
    );

    // Morning and afternoon do not overlap; the same morning another day does not either.
    let a = wang
        .create_booking(&daycare(afternoon.id, false), &key())
        .await
        .unwrap();
    let other_day = session(&wang, 2, DaycarePeriod::Morning).await;
    wang.create_booking(&daycare(other_day.id, false), &key())
        .await
        .unwrap();

    // Cancelled bookings do not block: with both half days gone, the full day is free.
    wang.cancel_booking(m.id, &key()).await.unwrap();
    assert_eq!(
        slug(wang.create_booking(&daycare(full.id, false), &key()).await),
        "overlapping-booking"
    );
    wang.cancel_booking(a.id, &key()).await.unwrap();
    wang.create_booking(&daycare(full.id, false), &key())
        .await
        .unwrap();

    // Another elder is not affected by 王秀英's bookings.
    let li = srv.sign_in(LI).await;
    li.create_booking(&daycare(morning.id, false), &key())
        .await
        .unwrap();
}

#[tokio::test]
async fn sundays_are_closed_and_a_day_closed_later_cannot_be_booked() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let week = wang
        .daycare_sessions(1, Some(day(0)), Some(7))
        .await
        .unwrap();
    let sunday = day(6);
    assert_eq!(sunday.format("%a").to_string(), "Sun");
    assert!(week.closed_days.iter().any(|c| c.date == sunday));
    assert!(week.sessions.iter().all(|s| s.date != sunday));
    assert_eq!(
        week.sessions.len(),
        6 * 3,
        "three sessions on each open day"
    );

    let morning = session(&wang, 2, DaycarePeriod::Morning).await;
    assert!(morning.open);
    sqlx::query(
        "INSERT INTO daycare_closed_days (centre_id, date, reason_zh, reason_en)
         VALUES (1, ?, '水管维修', 'Water pipe repairs')",
    )
    .bind(day(2).to_string())
    .execute(srv.db())
    .await
    .unwrap();
    let closed = session(&wang, 2, DaycarePeriod::Morning).await;
    assert!(!closed.open, "a closed day's sessions are not open");
    let err = wang
        .create_booking(&daycare(morning.id, false), &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("centre-closed", 409));
    assert!(p.hotline.is_some());
}

#[tokio::test]
async fn bookings_and_cancellations_close_the_evening_before() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let today = session(&wang, 0, DaycarePeriod::Afternoon).await;
    assert!(!today.open, "today's sessions closed at 18:00 yesterday");
    assert_eq!(
        slug(wang.create_booking(&daycare(today.id, false), &key()).await),
        "cutoff-passed"
    );

    let tomorrow = session(&wang, 1, DaycarePeriod::Morning).await;
    let booking = wang
        .create_booking(&daycare(tomorrow.id, false), &key())
        .await
        .unwrap();
    srv.advance(Duration::hours(10)); // 18:00
    let err = wang.cancel_booking(booking.id, &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("cutoff-passed", 409));
    assert_eq!(p.deadline, Some(tomorrow.cancel_by));
    assert!(!wang.bookings().await.unwrap()[0].can_cancel);

    let li = srv.sign_in(LI).await;
    assert!(!session(&li, 1, DaycarePeriod::Morning).await.open);
    assert_eq!(
        slug(
            li.create_booking(&daycare(tomorrow.id, false), &key())
                .await
        ),
        "cutoff-passed"
    );
}

#[tokio::test]
async fn sessions_and_their_transport_have_separate_places() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let li = srv.sign_in(LI).await;
    let zhang = srv.sign_in(ZHANG).await;
    let morning = session(&wang, 1, DaycarePeriod::Morning).await;
    sqlx::query("UPDATE daycare_sessions SET capacity = 2, transport_capacity = 1 WHERE id = ?")
        .bind(morning.id)
        .execute(srv.db())
        .await
        .unwrap();

    wang.create_booking(&daycare(morning.id, true), &key())
        .await
        .unwrap();
    let err = li
        .create_booking(&daycare(morning.id, true), &key())
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("transport-full", 409));
    let now = session(&li, 1, DaycarePeriod::Morning).await;
    assert_eq!(
        now.places_left, 1,
        "the refused booking gave its place back"
    );
    assert_eq!(now.transport.unwrap().places_left, 0);

    // Coming by themself, 李建国 still gets the last place; then the session is full.
    li.create_booking(&daycare(morning.id, false), &key())
        .await
        .unwrap();
    assert_eq!(
        slug(
            zhang
                .create_booking(&daycare(morning.id, false), &key())
                .await
        ),
        "slot-full"
    );
    assert!(!session(&zhang, 1, DaycarePeriod::Morning).await.open);
}

#[tokio::test]
async fn the_openapi_document_describes_day_care_visits_and_their_problems() {
    let srv = TestServer::start().await;
    let doc: serde_json::Value = reqwest::get(format!("{}/api/v1/openapi.json", srv.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method) in [
        ("/daycare/centres", "get"),
        ("/daycare/centres/{id}/sessions", "get"),
        ("/visits/services", "get"),
        ("/visits/services/{id}/windows", "get"),
        ("/visits/{id}/transition", "post"),
        ("/staff/session", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} is documented"
        );
    }
    let types = doc["components"]["schemas"]["ProblemType"]["enum"].to_string();
    for slug in [
        "overlapping-booking",
        "centre-closed",
        "transport-full",
        "illegal-transition",
        "password-wrong",
        "account-locked",
    ] {
        assert!(
            types.contains(&format!("/problems/{slug}")),
            "{slug} in {types}"
        );
    }
    let centres = srv.sign_in(WANG).await.daycare_centres().await.unwrap();
    assert_eq!(centres.len(), 1);
    assert_eq!(centres[0].community.zh, "阳光社区");
}

#[tokio::test]
async fn sessions_are_published_as_each_centre_configures_them() {
    let srv = TestServer::start().await;
    // The centre moves its mornings to 09:00–11:30 and plans its minibus by 16:00 the day
    // before; days already published keep their times, days published from now on follow.
    sqlx::query("UPDATE daycare_periods SET starts = '09:00' WHERE period = 'morning'")
        .execute(srv.db())
        .await
        .unwrap();
    sqlx::query("UPDATE daycare_centres SET order_cutoff = '16:00', cancel_cutoff = '12:00'")
        .execute(srv.db())
        .await
        .unwrap();
    assert!(
        sqlx::query("UPDATE daycare_periods SET ends = '07:00' WHERE period = 'morning'")
            .execute(srv.db())
            .await
            .is_err(),
        "a session cannot end before it starts"
    );
    srv.advance(chrono::Duration::days(14));
    linli_server::seed::demo(srv.db(), &srv.clock, srv.running.state.tz)
        .await
        .unwrap();
    let wang = srv.sign_in(WANG).await;
    let before = session(&wang, 12, DaycarePeriod::Morning).await; // day 13 is a Sunday
    assert_eq!(before.starts_at.time().to_string(), "08:30:00");
    let after = session(&wang, 14, DaycarePeriod::Morning).await;
    let eve = day(13);
    assert_eq!(after.starts_at.time().to_string(), "09:00:00");
    assert_eq!(after.ends_at.time().to_string(), "11:30:00");
    assert_eq!(after.order_by.date_naive(), eve);
    assert_eq!(after.order_by.time().to_string(), "16:00:00");
    assert_eq!(after.cancel_by.time().to_string(), "12:00:00");
    let full_day = session(&wang, 14, DaycarePeriod::FullDay).await;
    assert_eq!(full_day.starts_at.time().to_string(), "08:30:00");
}
