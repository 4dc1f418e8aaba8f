//! Staff and the help button: the community's requests open first, taken on and closed, only
//! forward, and only by staff of the elder's community.

mod common;

use api::{HelpStatus, PersonKind};
use chrono::Duration;
use common::{help::*, *};

#[tokio::test]
async fn staff_see_open_requests_first_then_acknowledged_then_closed() {
    let srv = TestServer::start().await;
    let (wang, wang_id) = wang(&srv).await;
    let li = srv.sign_in(LI).await;
    let zhang = srv.sign_in(ZHANG).await;
    let chen = srv.sign_in(CHEN).await;
    let staff = srv.staff_for(wang_id).await;

    let mut asked = Vec::new();
    for elder in [&wang, &li, &zhang, &chen] {
        asked.push(elder.ask_for_help(&at_kiosk(), &key()).await.unwrap().id);
        srv.advance(Duration::minutes(1));
    }
    let [wang_r, li_r, zhang_r, chen_r] = asked[..] else {
        unreachable!()
    };
    staff
        .update_help_request(wang_r, &to(HelpStatus::Acknowledged), &key())
        .await
        .unwrap();
    staff
        .update_help_request(li_r, &to(HelpStatus::Closed), &key())
        .await
        .unwrap();

    let listed = staff.staff_help_requests().await.unwrap();
    assert_eq!(ids(&listed), [chen_r, zhang_r, wang_r, li_r]);
    assert_eq!(
        listed.iter().map(|r| r.status).collect::<Vec<_>>(),
        [
            HelpStatus::Open,
            HelpStatus::Open,
            HelpStatus::Acknowledged,
            HelpStatus::Closed
        ]
    );
    assert!(listed.iter().all(|r| r.hotline == HOTLINE));
    assert_eq!(
        refusal(wang.staff_help_requests().await),
        ("forbidden", 403),
        "elders do not triage"
    );
}

#[tokio::test]
async fn staff_acknowledge_then_close_and_nothing_moves_back() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let staff = srv.staff_for(elder).await;
    let asked = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();

    srv.advance(Duration::minutes(1));
    let k = key();
    let taken = staff
        .update_help_request(asked.id, &to(HelpStatus::Acknowledged), &k)
        .await
        .unwrap();
    assert_eq!(taken.status, HelpStatus::Acknowledged);
    let handler = taken.handled_by.clone().expect("staff took it on");
    assert_eq!(
        (handler.name.as_str(), handler.kind),
        (STAFF_NAME, PersonKind::Staff)
    );
    assert_eq!(
        (taken.created_at, &taken.notified),
        (asked.created_at, &asked.notified)
    );
    assert_eq!(
        staff
            .update_help_request(asked.id, &to(HelpStatus::Acknowledged), &k)
            .await
            .unwrap(),
        taken,
        "a retry is answered as before"
    );
    assert_eq!(
        refusal(
            staff
                .update_help_request(asked.id, &to(HelpStatus::Acknowledged), &key())
                .await
        ),
        ("illegal-transition", 409)
    );

    let closed = staff
        .update_help_request(asked.id, &to(HelpStatus::Closed), &key())
        .await
        .unwrap();
    assert_eq!(closed.status, HelpStatus::Closed);
    assert_eq!(closed.handled_by, Some(handler));
    for back in [
        HelpStatus::Open,
        HelpStatus::Acknowledged,
        HelpStatus::Closed,
    ] {
        assert_eq!(
            refusal(staff.update_help_request(asked.id, &to(back), &key()).await),
            ("illegal-transition", 409),
            "closed to {back:?}"
        );
    }
    assert_eq!(wang.help_requests().await.unwrap(), [closed]);
}

#[tokio::test]
async fn staff_may_close_an_open_request_straight_away() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let staff = srv.staff_for(elder).await;
    let asked = wang.ask_for_help(&on_phone(), &key()).await.unwrap();
    assert_eq!(
        refusal(
            staff
                .update_help_request(asked.id, &to(HelpStatus::Open), &key())
                .await
        ),
        ("illegal-transition", 409)
    );
    let closed = staff
        .update_help_request(asked.id, &to(HelpStatus::Closed), &key())
        .await
        .unwrap();
    assert_eq!(closed.status, HelpStatus::Closed);
    assert_eq!(
        closed.handled_by.map(|p| p.name),
        Some(STAFF_NAME.to_owned())
    );
}

#[tokio::test]
async fn only_staff_of_the_community_move_a_request() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let asked = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();
    let daughter = srv.daughter_for(elder).await;
    for not_staff in [&wang, &daughter] {
        assert_eq!(
            refusal(
                not_staff
                    .update_help_request(asked.id, &to(HelpStatus::Closed), &key())
                    .await
            ),
            ("forbidden", 403)
        );
    }

    // Staff of another community neither see it nor can tell it exists.
    let community: i64 = sqlx::query_scalar(
        "INSERT INTO communities (name_zh, name_en, hotline) VALUES ('河畔社区', 'Riverside', '010-0000 0000')
         RETURNING id",
    )
    .fetch_one(srv.db())
    .await
    .unwrap();
    let elsewhere: i64 = sqlx::query_scalar(
        "INSERT INTO people (community_id, kind, name, phone, secret_hash, created_at)
         VALUES (?, 'staff', '外人', '13700000099', 'x', 0) RETURNING id",
    )
    .bind(community)
    .fetch_one(srv.db())
    .await
    .unwrap();
    let other = srv.session_for(elsewhere, elder).await;
    assert!(other.staff_help_requests().await.unwrap().is_empty());
    assert_eq!(
        refusal(
            other
                .update_help_request(asked.id, &to(HelpStatus::Closed), &key())
                .await
        ),
        ("not-found", 404)
    );
    let staff = srv.staff_for(elder).await;
    assert_eq!(
        refusal(
            staff
                .update_help_request(asked.id + 1000, &to(HelpStatus::Closed), &key())
                .await
        ),
        ("not-found", 404)
    );
    assert_eq!(
        wang.help_requests().await.unwrap()[0].status,
        HelpStatus::Open
    );
    assert_eq!(
        names(&asked.notified),
        [STAFF_NAME, DAUGHTER_NAME],
        "not 外人"
    );
}
