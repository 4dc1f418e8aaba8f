//! The help button: an elder (or family for them, or a kiosk's queue) asks; the community's
//! staff and the elder's linked family are told. Staff triage is in `help_triage.rs`.

mod common;

use api::{HelpPlace, HelpRequestCreate, HelpStatus, PersonKind};
use chrono::Duration;
use common::{help::*, *};

#[tokio::test]
async fn an_elder_asks_and_the_staff_and_her_daughter_are_told() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let (status, asked, _) = ask(&srv, &wang, elder, &at_kiosk(), &key()).await;
    assert_eq!(status, 201);
    assert_eq!(asked.status, HelpStatus::Open);
    assert_eq!(
        (asked.elder.name.as_str(), asked.requested_by.id),
        (WANG_NAME, elder)
    );
    assert_eq!(asked.requested_by.kind, PersonKind::Elder);
    assert_eq!(asked.place, at_kiosk().place);
    assert_eq!(asked.screen.as_deref(), Some("/meals"));
    assert_eq!(asked.created_at, srv.clock.now());
    assert_eq!(asked.handled_by, None);
    assert_eq!(names(&asked.notified), [STAFF_NAME, DAUGHTER_NAME]);
    assert_eq!(
        asked.notified.iter().map(|p| p.kind).collect::<Vec<_>>(),
        [PersonKind::Staff, PersonKind::Family]
    );
    assert_eq!(asked.hotline, HOTLINE);
    assert_eq!(wang.help_requests().await.unwrap(), [asked]);
}

#[tokio::test]
async fn family_may_ask_for_the_elder_from_a_phone() {
    let srv = TestServer::start().await;
    let (_, elder) = wang(&srv).await;
    let daughter = srv.daughter_for(elder).await;
    // Even without any permission granted: asking for help needs only the link.
    sqlx::query("UPDATE family_links SET can_view = 0, can_book = 0, can_cancel = 0")
        .execute(srv.db())
        .await
        .unwrap();
    let asked = daughter.ask_for_help(&on_phone(), &key()).await.unwrap();
    assert_eq!(asked.elder.id, elder);
    assert_eq!(
        (asked.requested_by.name.as_str(), asked.requested_by.kind),
        (DAUGHTER_NAME, PersonKind::Family)
    );
    assert_eq!((asked.place, asked.screen), (HelpPlace::Phone, None));
}

#[tokio::test]
async fn family_whose_link_was_revoked_or_has_expired_is_not_told() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let staff = srv.staff_for(elder).await;

    sqlx::query("UPDATE family_links SET revoked_at = ? WHERE elder_id = ?")
        .bind(srv.clock.unix())
        .bind(elder)
        .execute(srv.db())
        .await
        .unwrap();
    let revoked = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();
    assert_eq!(names(&revoked.notified), [STAFF_NAME]);
    staff
        .update_help_request(revoked.id, &to(HelpStatus::Closed), &key())
        .await
        .unwrap();

    sqlx::query("UPDATE family_links SET revoked_at = NULL, expires_at = ? WHERE elder_id = ?")
        .bind(srv.clock.unix())
        .bind(elder)
        .execute(srv.db())
        .await
        .unwrap();
    let expired = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();
    assert_ne!(expired.id, revoked.id);
    assert_eq!(names(&expired.notified), [STAFF_NAME]);
}

#[tokio::test]
async fn pressing_again_within_two_minutes_finds_the_open_request() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let (_, first, _) = ask(&srv, &wang, elder, &at_kiosk(), &key()).await;

    srv.advance(Duration::seconds(119));
    let (status, again, replayed) = ask(&srv, &wang, elder, &on_phone(), &key()).await;
    assert_eq!((status, replayed), (200, false), "found, not made");
    assert_eq!(again, first, "the first request, unchanged");
    let daughter = srv.daughter_for(elder).await;
    assert_eq!(
        daughter.ask_for_help(&on_phone(), &key()).await.unwrap().id,
        first.id,
        "whoever presses, it is the same call for help"
    );
    assert_eq!(ids(&wang.help_requests().await.unwrap()), [first.id]);

    srv.advance(Duration::seconds(2));
    let (status, later, _) = ask(&srv, &wang, elder, &at_kiosk(), &key()).await;
    assert_eq!(status, 201, "two minutes on, a new request");
    assert_ne!(later.id, first.id);
}

#[tokio::test]
async fn once_staff_answered_pressing_again_asks_anew() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let staff = srv.staff_for(elder).await;
    let first = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();
    staff
        .update_help_request(first.id, &to(HelpStatus::Acknowledged), &key())
        .await
        .unwrap();
    srv.advance(Duration::seconds(30));
    let (status, second, _) = ask(&srv, &wang, elder, &at_kiosk(), &key()).await;
    assert_eq!((status, second.status), (201, HelpStatus::Open));
    assert_ne!(second.id, first.id);
}

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_same_answer() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let k = key();
    let (status, first, replayed) = ask(&srv, &wang, elder, &at_kiosk(), &k).await;
    assert_eq!((status, replayed), (201, false));
    srv.advance(Duration::minutes(10));
    let (status, again, replayed) = ask(&srv, &wang, elder, &at_kiosk(), &k).await;
    assert_eq!((status, replayed), (201, true), "the stored answer");
    assert_eq!(again, first);
    assert_eq!(wang.help_requests().await.unwrap().len(), 1);
    assert_eq!(
        refusal(wang.ask_for_help(&on_phone(), &k).await),
        ("idempotency-key-reused", 422)
    );
}

#[tokio::test]
async fn a_kiosk_delivery_token_asks_for_help_but_reads_nothing() {
    let srv = TestServer::start().await;
    let (wang, elder) = wang(&srv).await;
    let token = wang.delivery_token().await.unwrap().token;
    wang.sign_out().await.unwrap();
    let queue = srv.client().with_token(token).acting_for(elder);
    let (status, asked, _) = ask(&srv, &queue, elder, &at_kiosk(), &key()).await;
    assert_eq!(status, 201);
    assert_eq!(asked.requested_by.id, elder);
    assert_eq!(refusal(queue.help_requests().await), ("forbidden", 403));
    assert_eq!(
        refusal(queue.staff_help_requests().await),
        ("forbidden", 403)
    );
    let staff = srv.staff_for(elder).await;
    assert_eq!(ids(&staff.staff_help_requests().await.unwrap()), [asked.id]);
}

#[tokio::test]
async fn an_elder_sees_only_her_own_requests_newest_first() {
    let srv = TestServer::start().await;
    let (wang, wang_id) = wang(&srv).await;
    let li = srv.sign_in(LI).await;
    let staff = srv.staff_for(wang_id).await;

    let first = wang.ask_for_help(&at_kiosk(), &key()).await.unwrap();
    staff
        .update_help_request(first.id, &to(HelpStatus::Closed), &key())
        .await
        .unwrap();
    srv.advance(Duration::minutes(1));
    let lis = li.ask_for_help(&on_phone(), &key()).await.unwrap();
    srv.advance(Duration::minutes(1));
    let second = wang.ask_for_help(&on_phone(), &key()).await.unwrap();

    assert_eq!(
        ids(&wang.help_requests().await.unwrap()),
        [second.id, first.id]
    );
    assert_eq!(ids(&li.help_requests().await.unwrap()), [lis.id]);
    assert!(
        !names(&lis.notified).contains(&DAUGHTER_NAME),
        "王丽 is not 李's family"
    );
    // 李 acting for 王秀英: refused, reading and asking alike.
    let li_for_wang = srv
        .client()
        .with_token(li.token().unwrap())
        .acting_for(wang_id);
    assert_eq!(
        refusal(li_for_wang.help_requests().await),
        ("forbidden", 403)
    );
    assert_eq!(
        refusal(li_for_wang.ask_for_help(&at_kiosk(), &key()).await),
        ("forbidden", 403)
    );
    // Family without the view permission may ask but not read the list.
    sqlx::query("UPDATE family_links SET can_view = 0")
        .execute(srv.db())
        .await
        .unwrap();
    let daughter = srv.daughter_for(wang_id).await;
    assert_eq!(refusal(daughter.help_requests().await), ("forbidden", 403));
}

#[tokio::test]
async fn a_kiosk_label_too_long_is_cut_not_refused() {
    let srv = TestServer::start().await;
    let (wang, _) = wang(&srv).await;
    let asked = wang
        .ask_for_help(
            &HelpRequestCreate {
                place: HelpPlace::Kiosk {
                    location: format!("  {}\n", "大".repeat(150)),
                },
                screen: Some("   ".into()),
            },
            &key(),
        )
        .await
        .unwrap();
    let HelpPlace::Kiosk { location } = &asked.place else {
        panic!("a kiosk press stays a kiosk press");
    };
    assert_eq!(location.chars().count(), 100);
    assert_eq!(asked.screen, None);
}
