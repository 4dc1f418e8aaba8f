//! Attendance: staff record, on the day, how a meal or a day-care session went; nobody else
//! can, and only forward.

mod common;

use api::{
    ApiError, Attendance, AttendanceRequest, Booking, BookingStatus, Client, DaycarePeriod,
    Fulfilment, MealKind, VisitKind,
};
use chrono::Duration;
use common::*;

fn outcome(o: Attendance) -> AttendanceRequest {
    AttendanceRequest { outcome: o }
}

async fn record(staff: &Client, id: i64, o: Attendance) -> Result<Booking, ApiError> {
    staff.record_attendance(id, &outcome(o), &key()).await
}

fn refusal(r: Result<Booking, ApiError>) -> (&'static str, u16, String) {
    let p = r.unwrap_err().problem().cloned().unwrap();
    (p.kind.slug(), p.status, p.title)
}

#[tokio::test]
async fn staff_record_a_meal_from_the_day_it_is_served_and_only_staff_can() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    let staff = srv.staff_for(booking.elder.id).await;

    // Tomorrow's lunch: nobody can have come yet.
    let (kind, status, title) = refusal(
        staff
            .record_attendance(booking.id, &outcome(Attendance::Arrived), &key())
            .await,
    );
    assert_eq!((kind, status), ("illegal-transition", 409));
    assert!(title.contains("day of the service"), "{title}");

    srv.advance(Duration::days(1)); // the day of the lunch, 08:00; sign in again
    let wang = srv.sign_in(WANG).await;
    let staff = srv.staff_for(booking.elder.id).await;
    for other in [&wang, &srv.daughter_for(booking.elder.id).await] {
        let (kind, status, _) = refusal(
            other
                .record_attendance(booking.id, &outcome(Attendance::Arrived), &key())
                .await,
        );
        assert_eq!((kind, status), ("forbidden", 403));
    }
    assert_eq!(
        wang.bookings().await.unwrap()[0].status,
        BookingStatus::Booked
    );

    let k = key();
    let arrived = staff
        .record_attendance(booking.id, &outcome(Attendance::Arrived), &k)
        .await
        .unwrap();
    assert_eq!(arrived.status, BookingStatus::Arrived);
    assert!(!arrived.can_cancel && !arrived.can_rate);
    assert_eq!(
        staff
            .record_attendance(booking.id, &outcome(Attendance::Arrived), &k)
            .await
            .unwrap(),
        arrived,
        "a replay gets the same answer"
    );
    // Having arrived, the elder still holds the meal: it cannot be booked a second time.
    assert_eq!(
        slug(
            wang.create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
                .await
        ),
        "already-booked"
    );

    let served = staff
        .record_attendance(booking.id, &outcome(Attendance::Fulfilled), &key())
        .await
        .unwrap();
    assert_eq!(served.status, BookingStatus::Fulfilled);
    assert!(served.can_rate && served.rating.is_none());
    assert_eq!(wang.bookings().await.unwrap(), vec![served]);

    // Who recorded it is on the booking.
    let (by, at): (i64, i64) =
        sqlx::query_as("SELECT attendance_by, attendance_at FROM bookings WHERE id = ?")
            .bind(booking.id)
            .fetch_one(srv.db())
            .await
            .unwrap();
    let zhou = staff.me().await.unwrap().person.id;
    assert_eq!((by, at), (zhou, srv.clock.unix()));
}

#[tokio::test]
async fn attendance_only_moves_forward_and_not_for_visits() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let elder = wang.me().await.unwrap().person.id;
    let staff = srv.staff_for(elder).await;
    let illegal = |r: Result<Booking, ApiError>| {
        let (kind, status, _) = refusal(r);
        assert_eq!((kind, status), ("illegal-transition", 409));
    };

    // Today's lunch (08:00, served at 11:00): the day has come.
    let lunch = slot(&wang, 0, MealKind::Lunch).await;
    let meal_booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::Pickup), &key())
        .await
        .unwrap();
    // Day care closes the evening before, so tomorrow's morning it is.
    let morning = session(&wang, 1, DaycarePeriod::Morning).await;
    let daycare_booking = wang
        .create_booking(&daycare(morning.id, false), &key())
        .await
        .unwrap();
    let dinner = slot(&wang, 0, MealKind::Dinner).await;
    let cancelled = wang
        .create_booking(&meal(dinner.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    wang.cancel_booking(cancelled.id, &key()).await.unwrap();
    let cleaning = service(&wang, VisitKind::Cleaning).await;
    let w = window(&wang, cleaning.id, 0, 14).await;
    let visit_booking = wang
        .create_booking(&visit(cleaning.id, w.id), &key())
        .await
        .unwrap();

    // booked → fulfilled directly; nothing leaves fulfilled.
    let served = record(&staff, meal_booking.id, Attendance::Fulfilled)
        .await
        .unwrap();
    assert_eq!(served.status, BookingStatus::Fulfilled);
    for o in [
        Attendance::Arrived,
        Attendance::Fulfilled,
        Attendance::Noshow,
    ] {
        illegal(record(&staff, meal_booking.id, o).await);
    }
    illegal(record(&staff, cancelled.id, Attendance::Arrived).await);
    illegal(record(&staff, visit_booking.id, Attendance::Fulfilled).await);

    srv.advance(Duration::days(1));
    let (wang, staff) = (srv.sign_in(WANG).await, srv.staff_for(elder).await);
    let noshow = record(&staff, daycare_booking.id, Attendance::Noshow)
        .await
        .unwrap();
    assert_eq!(noshow.status, BookingStatus::Noshow);
    assert!(!noshow.can_rate);
    illegal(record(&staff, daycare_booking.id, Attendance::Fulfilled).await);
    illegal(record(&staff, daycare_booking.id, Attendance::Arrived).await);

    // An elder who arrived can be served, but not be a no-show.
    let afternoon = session(&wang, 2, DaycarePeriod::Afternoon).await;
    let second = wang
        .create_booking(&daycare(afternoon.id, true), &key())
        .await
        .unwrap();
    srv.advance(Duration::days(1));
    let staff = srv.staff_for(elder).await;
    record(&staff, second.id, Attendance::Arrived)
        .await
        .unwrap();
    illegal(record(&staff, second.id, Attendance::Noshow).await);
    illegal(record(&staff, second.id, Attendance::Arrived).await);
    let done = record(&staff, second.id, Attendance::Fulfilled)
        .await
        .unwrap();
    assert_eq!(done.status, BookingStatus::Fulfilled);

    // Someone else's booking is not found, even for staff acting for that someone.
    let li = srv.sign_in(LI).await;
    let staff_for_li = srv.staff_for(li.me().await.unwrap().person.id).await;
    assert_eq!(
        slug(
            staff_for_li
                .record_attendance(second.id, &outcome(Attendance::Fulfilled), &key())
                .await
        ),
        "not-found"
    );
}
