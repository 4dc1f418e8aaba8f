//! Provider cards: who runs each service, who supervises it, whom to call and who pays, on
//! every canteen, centre, visit service and booking; and the OpenAPI document of this round.

mod common;

use api::{DaycarePeriod, Fulfilment, MealKind, ProviderCard, VisitKind};
use common::*;

#[tokio::test]
async fn every_service_and_booking_carries_its_providers_card() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let committee = "阳光社区居民委员会";

    let canteen = wang.canteens().await.unwrap().remove(0);
    let card = &canteen.provider;
    assert_eq!(card.organisation.zh, "北京福膳餐饮管理有限公司");
    assert_eq!(
        card.organisation.en,
        "Beijing Fushan Catering Management Co., Ltd."
    );
    assert_eq!(
        (card.committee.zh.as_str(), card.committee.en.as_str()),
        (committee, "Sunshine Community Residents' Committee")
    );
    assert_eq!(card.funding.zh, "政府补贴 + 个人支付");
    assert_eq!(card.hotline, canteen.hotline);
    assert!(!card.government_purchased);

    let centre = wang.daycare_centres().await.unwrap().remove(0);
    assert_eq!(centre.provider.committee.zh, committee);
    assert_eq!(centre.provider.hotline, centre.hotline);
    assert!(centre.provider.funding.zh.contains("公建民营"));

    let services = wang.visit_services().await.unwrap();
    let cleaning = services
        .iter()
        .find(|s| s.kind == VisitKind::Cleaning)
        .unwrap();
    let bathing = services
        .iter()
        .find(|s| s.kind == VisitKind::Bathing)
        .unwrap();
    assert_eq!(
        (
            cleaning.provider.organisation.zh.as_str(),
            cleaning.provider.funding.zh.as_str(),
            cleaning.provider.government_purchased
        ),
        ("安心家政服务社", "政府购买服务", true)
    );
    assert_eq!(
        (
            bathing.provider.organisation.zh.as_str(),
            bathing.provider.government_purchased
        ),
        ("康乐护理站", false)
    );
    assert_ne!(cleaning.provider_id, bathing.provider_id);
    assert_eq!(cleaning.provider.committee.zh, committee);

    // A booking of each kind shows the card of what it is for.
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let morning = session(&wang, 1, DaycarePeriod::Morning).await;
    let w = window(&wang, cleaning.id, 1, 14).await;
    let mut cards: Vec<ProviderCard> = Vec::new();
    for req in [
        meal(lunch.id, Fulfilment::Pickup),
        daycare(morning.id, false),
        visit(cleaning.id, w.id),
    ] {
        cards.push(wang.create_booking(&req, &key()).await.unwrap().provider);
    }
    assert_eq!(
        cards,
        [
            canteen.provider.clone(),
            centre.provider.clone(),
            cleaning.provider.clone()
        ]
    );
    let listed: Vec<ProviderCard> = wang
        .bookings()
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.provider)
        .collect();
    // Listed soonest first: the morning at the centre, lunch, the afternoon cleaning.
    assert_eq!(
        listed,
        [cards[1].clone(), cards[0].clone(), cards[2].clone()]
    );
}

#[tokio::test]
async fn the_openapi_document_describes_feedback_profile_and_their_problems() {
    let srv = TestServer::start().await;
    let doc: serde_json::Value = reqwest::get(format!("{}/api/v1/openapi.json", srv.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (path, method, tag) in [
        ("/profile", "get", "profile"),
        ("/bookings/{id}/attendance", "post", "bookings"),
        ("/bookings/{id}/rating", "post", "bookings"),
        ("/complaints", "post", "complaints"),
        ("/complaints", "get", "complaints"),
        ("/complaints/{id}/status", "post", "complaints"),
        ("/staff/complaints", "get", "complaints"),
    ] {
        let op = &doc["paths"][path][method];
        assert!(op.is_object(), "{method} {path} is documented");
        assert_eq!(op["tags"][0], tag, "{method} {path}");
    }
    let tags = doc["tags"].to_string();
    assert!(tags.contains("\"complaints\"") && tags.contains("\"profile\""));
    let types = doc["components"]["schemas"]["ProblemType"]["enum"].to_string();
    for slug in ["not-completed", "already-rated", "address-missing"] {
        assert!(types.contains(&format!("/problems/{slug}")), "{slug}");
    }
    for schema in [
        "ProviderCard",
        "DietTag",
        "ElderProfile",
        "Rating",
        "Complaint",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "{schema} is described"
        );
    }
}
