//! What the platform knows about an elder that shapes a booking: the address on file (where a
//! meal is delivered) and standing dietary needs (which dishes suit them).

mod common;

use api::{ApiError, BookedService, Booking, CreateBookingRequest, DietTag, Fulfilment, MealKind};
use common::*;

fn delivery(slot_id: i64, address: Option<&str>) -> CreateBookingRequest {
    CreateBookingRequest::Meal {
        slot_id,
        fulfilment: Fulfilment::Delivery,
        address: address.map(Into::into),
    }
}

fn delivered_to(b: &Booking) -> Option<&str> {
    match &b.service {
        BookedService::Meal(m) => m.delivery_address.as_deref(),
        other => panic!("a meal, not {other:?}"),
    }
}

fn problem(r: Result<Booking, ApiError>) -> api::Problem {
    r.unwrap_err().problem().cloned().unwrap()
}

#[tokio::test]
async fn the_profile_has_the_address_on_file_and_dietary_needs() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let profile = wang.profile().await.unwrap();
    assert_eq!(profile.person.name, "王秀英");
    assert_eq!(profile.address.as_deref(), Some("阳光社区"));
    assert_eq!(profile.diet, [DietTag::Soft, DietTag::LowSalt]);
    let li = srv.sign_in(LI).await;
    assert_eq!(li.profile().await.unwrap().diet, [DietTag::LowSugar]);

    // Family see it with the view permission, and not without.
    let family = srv.daughter_for(profile.person.id).await;
    assert_eq!(family.profile().await.unwrap(), profile);
    sqlx::query("UPDATE family_links SET can_view = 0")
        .execute(srv.db())
        .await
        .unwrap();
    let p = family
        .profile()
        .await
        .unwrap_err()
        .problem()
        .cloned()
        .unwrap();
    assert_eq!((p.kind.slug(), p.status), ("forbidden", 403));
    let li_id = li.me().await.unwrap().person.id;
    let not_hers = srv.daughter_for(li_id).await;
    assert_eq!(slug(not_hers.profile().await), "forbidden");

    // A blank address is no address.
    sqlx::query("UPDATE people SET address = '  ' WHERE id = ?")
        .bind(li_id)
        .execute(srv.db())
        .await
        .unwrap();
    assert_eq!(li.profile().await.unwrap().address, None);
}

#[tokio::test]
async fn every_days_menu_has_dishes_tagged_for_what_they_suit() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let needs = wang.profile().await.unwrap().diet;
    let slots = wang.meal_slots(1, Some(day(0)), Some(14)).await.unwrap();
    assert_eq!(slots.len(), 28);
    for s in &slots {
        assert!(
            s.dishes.iter().any(|d| !d.tags.is_empty()),
            "{} {:?} has tagged dishes",
            s.date,
            s.meal
        );
        for d in &s.dishes {
            let mut sorted = d.tags.clone();
            sorted.sort_by_key(|t| DietTag::ALL.iter().position(|x| x == t));
            sorted.dedup();
            assert_eq!(d.tags, sorted, "{} in contract order, once each", d.name.zh);
        }
    }
    let dishes: Vec<_> = slots.iter().flat_map(|s| &s.dishes).collect();
    let bass = dishes
        .iter()
        .find(|d| d.name.zh == "清蒸鲈鱼")
        .expect("the sea bass is on the weekly menu");
    assert_eq!(
        bass.tags,
        [DietTag::Soft, DietTag::LowSalt, DietTag::LowFat]
    );
    assert!(bass.suits(&needs));
    let rice = dishes.iter().find(|d| d.name.zh == "米饭").unwrap();
    assert!(rice.tags.is_empty() && !rice.suits(&needs));
    for tag in DietTag::ALL {
        assert!(
            dishes.iter().any(|d| d.tags.contains(&tag)),
            "some dish is {tag:?}"
        );
    }
}

#[tokio::test]
async fn a_meal_is_delivered_to_the_address_given_or_on_file() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let dinner = slot(&wang, 1, MealKind::Dinner).await;

    let given = wang
        .create_booking(
            &delivery(lunch.id, Some(" 女儿家：幸福里 2 号楼 301 ")),
            &key(),
        )
        .await
        .unwrap();
    assert_eq!(delivered_to(&given), Some("女儿家：幸福里 2 号楼 301"));
    let on_file = wang
        .create_booking(&delivery(dinner.id, None), &key())
        .await
        .unwrap();
    assert_eq!(delivered_to(&on_file), Some("阳光社区"));
    assert_eq!(
        wang.bookings().await.unwrap(),
        vec![given, on_file],
        "the address stays on the booking"
    );

    // Dine-in and pick-up have no delivery address, and refuse one.
    let next = slot(&wang, 2, MealKind::Lunch).await;
    let dine_in = wang
        .create_booking(&meal(next.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(delivered_to(&dine_in), None);
    let next_dinner = slot(&wang, 2, MealKind::Dinner).await;
    for f in [Fulfilment::DineIn, Fulfilment::Pickup] {
        let req = CreateBookingRequest::Meal {
            slot_id: next_dinner.id,
            fulfilment: f,
            address: Some("阳光社区 3 号楼".into()),
        };
        let p = problem(wang.create_booking(&req, &key()).await);
        assert_eq!((p.kind.slug(), p.status), ("invalid-request", 422));
        assert_eq!(p.errors[0].field, "address");
    }
    for (address, code) in [
        (" ".to_owned(), "address-empty"),
        ("路".repeat(101), "address-too-long"),
    ] {
        let p = problem(
            wang.create_booking(&delivery(next_dinner.id, Some(&address)), &key())
                .await,
        );
        assert_eq!((p.kind.slug(), p.status), ("invalid-request", 400));
        assert_eq!(p.errors[0].code, code);
    }
    assert_eq!(
        slot(&wang, 2, MealKind::Dinner).await.places_left,
        next_dinner.places_left,
        "nothing was booked"
    );
}

#[tokio::test]
async fn with_no_address_anywhere_a_delivery_or_visit_is_refused() {
    let srv = TestServer::start().await;
    let li = srv.sign_in(LI).await;
    sqlx::query("UPDATE people SET address = NULL WHERE card_number = ?")
        .bind(LI.0)
        .execute(srv.db())
        .await
        .unwrap();
    let lunch = slot(&li, 1, MealKind::Lunch).await;
    let p = problem(li.create_booking(&delivery(lunch.id, None), &key()).await);
    assert_eq!((p.kind.slug(), p.status), ("address-missing", 422));
    assert_eq!(
        p.hotline.as_deref(),
        Some("010-6501 2346"),
        "the canteen's number"
    );
    assert_eq!(
        slot(&li, 1, MealKind::Lunch).await.places_left,
        lunch.places_left
    );
    let cleaning = service(&li, api::VisitKind::Cleaning).await;
    let w = window(&li, cleaning.id, 1, 10).await;
    let p = problem(li.create_booking(&visit(cleaning.id, w.id), &key()).await);
    assert_eq!((p.kind.slug(), p.status), ("address-missing", 422));
    assert_eq!(
        window(&li, cleaning.id, 1, 10).await.places_left,
        w.places_left
    );
    assert!(li.bookings().await.unwrap().is_empty());

    // Giving one works, and dine-in never needed one.
    let b = li
        .create_booking(&delivery(lunch.id, Some("阳光社区 6 号楼 502")), &key())
        .await
        .unwrap();
    assert_eq!(delivered_to(&b), Some("阳光社区 6 号楼 502"));
    let dinner = slot(&li, 1, MealKind::Dinner).await;
    li.create_booking(&meal(dinner.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
}
