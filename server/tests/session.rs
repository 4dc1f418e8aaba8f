//! Sign-in, wrong PINs, lockout, expiry and sign-out against the real server.

mod common;

use api::{ApiError, PersonKind, SignInRequest};
use chrono::Duration;
use common::*;

fn req(account: &str, pin: &str) -> SignInRequest {
    SignInRequest {
        account: account.into(),
        pin: pin.into(),
    }
}

#[tokio::test]
async fn an_elder_signs_in_with_card_or_phone() {
    let srv = TestServer::start().await;
    let by_card = srv
        .client()
        .sign_in(&req("10000001", "123456"))
        .await
        .unwrap();
    assert_eq!(by_card.me.person.name, "王秀英");
    assert_eq!(by_card.me.person.kind, PersonKind::Elder);
    assert_eq!(by_card.me.acting_for, vec![by_card.me.person.clone()]);
    assert!(!by_card.me.hotline.is_empty());
    let by_phone = srv
        .client()
        .sign_in(&req("13800000001", "123456"))
        .await
        .unwrap();
    assert_eq!(by_phone.me.person.id, by_card.me.person.id);
    assert_ne!(by_phone.token, by_card.token);
    let me = srv.client().with_token(by_card.token).me().await.unwrap();
    assert_eq!(me.person.name, "王秀英");
}

#[tokio::test]
async fn a_wrong_pin_says_how_many_tries_are_left() {
    let srv = TestServer::start().await;
    for left in [4, 3] {
        let err = srv
            .client()
            .sign_in(&req("10000001", "999999"))
            .await
            .unwrap_err();
        let p = err.problem().expect("problem");
        assert_eq!(p.kind.slug(), "pin-wrong");
        assert_eq!(p.status, 401);
        assert_eq!(p.attempts_left, Some(left));
    }
    // A right PIN resets the count.
    srv.client()
        .sign_in(&req("10000001", "123456"))
        .await
        .unwrap();
    let err = srv
        .client()
        .sign_in(&req("10000001", "999999"))
        .await
        .unwrap_err();
    assert_eq!(err.problem().unwrap().attempts_left, Some(4));
}

#[tokio::test]
async fn five_wrong_pins_lock_the_account_for_fifteen_minutes() {
    let srv = TestServer::start().await;
    for _ in 0..4 {
        assert_eq!(
            slug(srv.client().sign_in(&req("10000002", "000000")).await),
            "pin-wrong"
        );
    }
    let fifth = srv
        .client()
        .sign_in(&req("10000002", "000000"))
        .await
        .unwrap_err();
    let p = fifth.problem().unwrap();
    assert_eq!(p.kind.slug(), "pin-locked");
    assert_eq!(p.status, 429);
    let retry_at = p.retry_at.expect("says when to retry");
    assert_eq!(retry_at, srv.clock.now() + Duration::minutes(15));
    assert!(p.hotline.is_some(), "says whom to ask");

    // Even the right PIN is refused while locked, by card or by phone.
    assert_eq!(
        slug(srv.client().sign_in(&req("10000002", "234567")).await),
        "pin-locked"
    );
    assert_eq!(
        slug(srv.client().sign_in(&req("13800000002", "234567")).await),
        "pin-locked"
    );
    srv.advance(Duration::minutes(14));
    assert_eq!(
        slug(srv.client().sign_in(&req("10000002", "234567")).await),
        "pin-locked"
    );
    srv.advance(Duration::minutes(1));
    srv.client()
        .sign_in(&req("10000002", "234567"))
        .await
        .expect("unlocked after 15 minutes");
}

#[tokio::test]
async fn concurrent_wrong_pins_are_all_counted() {
    let srv = TestServer::start().await;
    let wrong = req("10000003", "111111");
    let client = srv.client();
    let results = futures::future::join_all((0..5).map(|_| client.sign_in(&wrong))).await;
    let locked = results
        .into_iter()
        .filter(|r| {
            r.as_ref()
                .err()
                .and_then(ApiError::problem)
                .is_some_and(|p| p.kind.slug() == "pin-locked")
        })
        .count();
    assert_eq!(locked, 1, "exactly the fifth wrong PIN locks");
    assert_eq!(
        slug(srv.client().sign_in(&req("10000003", "345678")).await),
        "pin-locked"
    );
}

#[tokio::test]
async fn unknown_and_malformed_accounts_are_told_apart() {
    let srv = TestServer::start().await;
    assert_eq!(
        slug(srv.client().sign_in(&req("19999999", "123456")).await),
        "unknown-account"
    );
    let err = srv.client().sign_in(&req("12ab", "12")).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!(p.kind.slug(), "invalid-request");
    assert_eq!(p.status, 400);
    let fields: Vec<_> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["account", "pin"]);
    // Family members do not sign in with a PIN.
    assert_eq!(
        slug(srv.client().sign_in(&req("13900000001", "123456")).await),
        "unknown-account"
    );
}

#[tokio::test]
async fn sessions_expire_and_sign_out_ends_them() {
    let srv = TestServer::start().await;
    let a = srv.sign_in(WANG).await;
    a.me().await.unwrap();
    srv.advance(Duration::hours(12));
    assert_eq!(slug(a.me().await), "session-expired");

    let b = srv.sign_in(WANG).await;
    b.sign_out().await.unwrap();
    assert_eq!(slug(b.me().await), "not-signed-in");
    b.sign_out().await.expect("signing out twice is fine");
    assert_eq!(slug(srv.client().me().await), "not-signed-in");
}
