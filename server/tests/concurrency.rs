//! Capacity and idempotency under concurrency: no meal is ever overbooked, and a request
//! retried with one key books once.

mod common;

use api::{ApiError, Client, Fulfilment, MealKind, SignInRequest};
use chrono::NaiveDate;
use common::*;
use futures::future::join_all;
use linli_server::{
    auth,
    db::people::{self, NewElder},
};

const ELDERS: usize = 200;
const PLACES: i64 = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_elders_racing_for_twenty_places_book_exactly_twenty() {
    let srv = TestServer::start().await;
    let first = srv.sign_in(WANG).await;
    let lunch = slot(&first, 1, MealKind::Lunch).await;
    sqlx::query("UPDATE meal_slots SET capacity = ? WHERE id = ?")
        .bind(PLACES)
        .bind(lunch.id)
        .execute(srv.db())
        .await
        .unwrap();

    // 200 different elders, each signed in through the API.
    let hash = auth::hash_secret("246810").unwrap();
    let birth = NaiveDate::from_ymd_opt(1945, 6, 1).unwrap();
    for i in 0..ELDERS {
        let (name, card, phone) = (format!("长者{i}"), format!("2{i:07}"), format!("15{i:09}"));
        let elder = NewElder {
            community_id: 1,
            name: &name,
            card_number: &card,
            phone: &phone,
            secret_hash: &hash,
            birth_date: birth,
            address: "阳光社区",
        };
        people::insert_elder(srv.db(), &elder, 0).await.unwrap();
    }
    let sign_ins = (0..ELDERS).map(|i| {
        let client = srv.client();
        async move {
            let resp = client
                .sign_in(&SignInRequest {
                    account: format!("2{i:07}"),
                    pin: "246810".into(),
                })
                .await
                .unwrap();
            client.with_token(resp.token).acting_for(resp.me.person.id)
        }
    });
    let elders: Vec<Client> = join_all(sign_ins).await;

    let attempts = elders.iter().map(|c| {
        let c = c.clone();
        let req = meal(lunch.id, Fulfilment::DineIn);
        tokio::spawn(async move { c.create_booking(&req, &key()).await })
    });
    let results: Vec<_> = join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();

    let booked = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(ApiError::Problem(p)) if p.kind.slug() == "slot-full" && p.status == 409))
        .count();
    assert_eq!(booked, PLACES as usize, "exactly capacity is booked");
    assert_eq!(
        full,
        ELDERS - PLACES as usize,
        "everyone else hears the meal is full: {results:?}"
    );
    let (booked_col, rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT booked FROM meal_slots WHERE id = ?1),
                (SELECT COUNT(*) FROM bookings WHERE meal_slot_id = ?1 AND status = 'booked')",
    )
    .bind(lunch.id)
    .fetch_one(srv.db())
    .await
    .unwrap();
    assert_eq!((booked_col, rows), (PLACES, PLACES));
    assert_eq!(slot(&first, 1, MealKind::Lunch).await.places_left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_request_replayed_ten_times_books_once_with_identical_answers() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let dinner = slot(&wang, 1, MealKind::Dinner).await;
    let k = key();
    let replays = (0..10).map(|_| {
        let (c, k, req) = (wang.clone(), k.clone(), meal(dinner.id, Fulfilment::Pickup));
        tokio::spawn(async move { c.create_booking(&req, &k).await })
    });
    let answers: Vec<_> = join_all(replays)
        .await
        .into_iter()
        .map(|r| r.unwrap().unwrap())
        .collect();
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "every replay gets the same booking"
    );
    assert_eq!(wang.bookings().await.unwrap().len(), 1);
    assert_eq!(
        slot(&wang, 1, MealKind::Dinner).await.places_left,
        dinner.places_left - 1
    );

    // The same goes for cancelling.
    let ck = key();
    let cancels = (0..10).map(|_| {
        let (c, k, id) = (wang.clone(), ck.clone(), answers[0].id);
        tokio::spawn(async move { c.cancel_booking(id, &k).await })
    });
    let cancelled: Vec<_> = join_all(cancels)
        .await
        .into_iter()
        .map(|r| r.unwrap().unwrap())
        .collect();
    assert!(cancelled.iter().all(|a| *a == cancelled[0]));
    assert_eq!(
        slot(&wang, 1, MealKind::Dinner).await.places_left,
        dinner.places_left
    );
}

/// Elders racing for one kind of booking: (booked, refused with `slug`, other answers).
async fn race(
    elders: &[Client],
    req: api::CreateBookingRequest,
    slug: &str,
) -> (usize, usize, Vec<String>) {
    let attempts = elders.iter().map(|c| {
        let (c, req) = (c.clone(), req.clone());
        tokio::spawn(async move { c.create_booking(&req, &key()).await })
    });
    let results: Vec<_> = join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    let booked = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(
            |r| matches!(r, Err(ApiError::Problem(p)) if p.kind.slug() == slug && p.status == 409),
        )
        .count();
    let other = results
        .iter()
        .filter(|r| r.is_err())
        .filter(|r| !matches!(r, Err(ApiError::Problem(p)) if p.kind.slug() == slug))
        .map(|r| format!("{r:?}"))
        .collect();
    (booked, refused, other)
}

const RACERS: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_elders_racing_for_five_day_care_places_book_exactly_five() {
    let srv = TestServer::start().await;
    let elders = srv.many_elders(RACERS).await;
    let morning = session(&elders[0], 1, api::DaycarePeriod::Morning).await;
    sqlx::query("UPDATE daycare_sessions SET capacity = 5 WHERE id = ?")
        .bind(morning.id)
        .execute(srv.db())
        .await
        .unwrap();

    let (booked, full, other) = race(&elders, daycare(morning.id, false), "slot-full").await;
    assert_eq!(
        (booked, full),
        (5, RACERS - 5),
        "unexpected answers: {other:?}"
    );
    let (booked_col, rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT booked FROM daycare_sessions WHERE id = ?1),
                (SELECT COUNT(*) FROM bookings WHERE daycare_session_id = ?1 AND status = 'booked')",
    )
    .bind(morning.id)
    .fetch_one(srv.db())
    .await
    .unwrap();
    assert_eq!((booked_col, rows), (5, 5));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_elders_racing_for_three_minibus_seats_get_exactly_three() {
    let srv = TestServer::start().await;
    let elders = srv.many_elders(RACERS).await;
    let full_day = session(&elders[0], 1, api::DaycarePeriod::FullDay).await;
    sqlx::query("UPDATE daycare_sessions SET capacity = 100, transport_capacity = 3 WHERE id = ?")
        .bind(full_day.id)
        .execute(srv.db())
        .await
        .unwrap();

    let (booked, full, other) = race(&elders, daycare(full_day.id, true), "transport-full").await;
    assert_eq!(
        (booked, full),
        (3, RACERS - 3),
        "unexpected answers: {other:?}"
    );
    // A refusal for want of a seat gives the session place back with it.
    let (places, seats, rows): (i64, i64, i64) = sqlx::query_as(
        "SELECT booked, transport_booked,
                (SELECT COUNT(*) FROM bookings WHERE daycare_session_id = ?1 AND transport = 1)
         FROM daycare_sessions WHERE id = ?1",
    )
    .bind(full_day.id)
    .fetch_one(srv.db())
    .await
    .unwrap();
    assert_eq!((places, seats, rows), (3, 3, 3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_elders_racing_for_a_visit_window_of_three_book_exactly_three() {
    let srv = TestServer::start().await;
    let elders = srv.many_elders(RACERS).await;
    let cleaning = service(&elders[0], api::VisitKind::Cleaning).await;
    let w = window(&elders[0], cleaning.id, 1, 14).await;
    assert_eq!(w.capacity, 3);

    let (booked, full, other) = race(&elders, visit(cleaning.id, w.id), "slot-full").await;
    assert_eq!(
        (booked, full),
        (3, RACERS - 3),
        "unexpected answers: {other:?}"
    );
    let (booked_col, rows): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT booked FROM visit_windows WHERE id = ?1),
                (SELECT COUNT(*) FROM bookings WHERE visit_window_id = ?1 AND status = 'pending')",
    )
    .bind(w.id)
    .fetch_one(srv.db())
    .await
    .unwrap();
    assert_eq!((booked_col, rows), (3, 3));
    assert_eq!(window(&elders[0], cleaning.id, 1, 14).await.places_left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_visit_request_and_a_transition_replayed_ten_times_happen_once() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let repairs = service(&wang, api::VisitKind::Repairs).await;
    let w = window(&wang, repairs.id, 2, 10).await;
    let k = key();
    let replays = (0..10).map(|_| {
        let (c, k, req) = (wang.clone(), k.clone(), visit(repairs.id, w.id));
        tokio::spawn(async move { c.create_booking(&req, &k).await })
    });
    let answers: Vec<_> = join_all(replays)
        .await
        .into_iter()
        .map(|r| r.unwrap().unwrap())
        .collect();
    assert!(answers.iter().all(|a| *a == answers[0]));
    assert_eq!(
        window(&wang, repairs.id, 2, 10).await.places_left,
        w.places_left - 1
    );

    let staff = srv.staff_for(answers[0].elder.id).await;
    let tk = key();
    let req = api::VisitTransitionRequest::Assign {
        worker: "李师傅".into(),
    };
    let moves = (0..10).map(|_| {
        let (c, k, req, id) = (staff.clone(), tk.clone(), req.clone(), answers[0].id);
        tokio::spawn(async move { c.visit_transition(id, &req, &k).await })
    });
    let moved: Vec<_> = join_all(moves)
        .await
        .into_iter()
        .map(|r| r.unwrap().unwrap())
        .collect();
    assert!(
        moved.iter().all(|a| *a == moved[0]),
        "every replay gets the same answer"
    );
    let changes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM idempotency_keys WHERE key = ?")
        .bind(&tk)
        .fetch_one(srv.db())
        .await
        .unwrap();
    assert_eq!(changes, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn overlapping_day_care_requests_sent_at_once_book_only_one() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let periods = [
        api::DaycarePeriod::Morning,
        api::DaycarePeriod::FullDay,
        api::DaycarePeriod::Morning,
        api::DaycarePeriod::FullDay,
    ];
    let mut ids = Vec::new();
    for p in periods {
        ids.push(session(&wang, 3, p).await.id);
    }
    let attempts = ids.into_iter().map(|id| {
        let c = wang.clone();
        tokio::spawn(async move { c.create_booking(&daycare(id, false), &key()).await })
    });
    let results: Vec<_> = join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results.iter().filter_map(|r| r.as_ref().err()).all(|e| {
        matches!(e, ApiError::Problem(p) if ["overlapping-booking", "already-booked"].contains(&p.kind.slug()))
    }));
    assert_eq!(wang.bookings().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_ratings_of_one_meal_sent_at_once_rate_it_once() {
    const RATERS: usize = 20;
    let srv = TestServer::start().await;
    // 陈志明's lunch yesterday was served and is not rated yet.
    let chen = srv.sign_in(CHEN).await;
    let lunch = chen
        .bookings()
        .await
        .unwrap()
        .into_iter()
        .find(|b| matches!(b.service, api::BookedService::Meal(_)))
        .expect("the demo gives 陈志明 yesterday's lunch");
    assert!(lunch.can_rate);
    let faces = api::RatingFace::ALL;
    let attempts = (0..RATERS).map(|i| {
        let c = chen.clone();
        let req = api::RateRequest {
            face: faces[i % faces.len()],
            comment: Some(format!("第 {i} 次")),
        };
        tokio::spawn(async move { c.rate_booking(lunch.id, &req, &key()).await })
    });
    let results: Vec<_> = join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    let rated: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(rated.len(), 1, "{results:?}");
    let already = results
        .iter()
        .filter(|r| matches!(r, Err(ApiError::Problem(p)) if p.kind.slug() == "already-rated" && p.status == 409))
        .count();
    assert_eq!(already, RATERS - 1, "{results:?}");
    let stored: (i64, String) =
        sqlx::query_as("SELECT COUNT(*), MAX(comment) FROM ratings WHERE booking_id = ?")
            .bind(lunch.id)
            .fetch_one(srv.db())
            .await
            .unwrap();
    assert_eq!(
        stored,
        (1, rated[0].rating.clone().unwrap().comment.unwrap()),
        "the one stored is the one answered"
    );
}
