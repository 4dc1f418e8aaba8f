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
