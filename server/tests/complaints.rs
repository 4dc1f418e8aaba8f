//! Reporting a problem and following it: the elder (or family) reports, staff of the
//! community move it on and reply, only forward.

mod common;

use api::{
    ApiError, Complaint, ComplaintStatus, ComplaintTopic, ComplaintUpdateRequest,
    CreateComplaintRequest, Fulfilment, MealKind, PersonKind,
};
use chrono::Duration;
use common::*;

fn report(
    booking_id: Option<i64>,
    topic: ComplaintTopic,
    text: Option<&str>,
) -> CreateComplaintRequest {
    CreateComplaintRequest {
        booking_id,
        topic,
        text: text.map(Into::into),
    }
}

fn to(status: ComplaintStatus, reply: Option<&str>) -> ComplaintUpdateRequest {
    ComplaintUpdateRequest {
        status,
        reply: reply.map(Into::into),
    }
}

fn refusal(r: Result<Complaint, ApiError>) -> (&'static str, u16) {
    let p = r.unwrap_err().problem().cloned().unwrap();
    (p.kind.slug(), p.status)
}

#[tokio::test]
async fn an_elder_reports_problems_with_and_without_a_booking_and_sees_them_newest_first() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let booking = wang
        .create_booking(&meal(lunch.id, Fulfilment::Delivery), &key())
        .await
        .unwrap();

    let k = key();
    let req = report(
        Some(booking.id),
        ComplaintTopic::Late,
        Some("送餐晚了一个小时"),
    );
    let first = wang.create_complaint(&req, &k).await.unwrap();
    assert_eq!(
        (first.booking_id, first.topic, first.status),
        (
            Some(booking.id),
            ComplaintTopic::Late,
            ComplaintStatus::Received
        )
    );
    assert_eq!(first.text.as_deref(), Some("送餐晚了一个小时"));
    assert_eq!(
        (first.reply.as_deref(), first.created_at),
        (None, first.updated_at)
    );
    assert_eq!(
        (first.elder.name.as_str(), first.made_by.kind),
        ("王秀英", PersonKind::Elder)
    );
    assert_eq!(
        wang.create_complaint(&req, &k).await.unwrap(),
        first,
        "a retry reports once"
    );

    srv.advance(Duration::minutes(5));
    let family = srv.daughter_for(booking.elder.id).await;
    let second = family
        .create_complaint(&report(None, ComplaintTopic::Other, None), &key())
        .await
        .unwrap();
    assert_eq!((second.booking_id, second.text.as_deref()), (None, None));
    assert_eq!(
        (second.made_by.name.as_str(), second.made_by.kind),
        ("王丽", PersonKind::Family)
    );
    assert_eq!(wang.complaints().await.unwrap(), vec![second, first]);

    // Another elder's booking is not one of this elder's: not found, and nothing is made.
    let li = srv.sign_in(LI).await;
    assert_eq!(
        refusal(
            li.create_complaint(
                &report(Some(booking.id), ComplaintTopic::Quality, None),
                &key()
            )
            .await
        ),
        ("not-found", 404)
    );
    assert!(li.complaints().await.unwrap().is_empty());
    assert_eq!(
        wang.complaints().await.unwrap().len(),
        2,
        "nor does Li see Wang's"
    );

    for (text, code) in [
        (" ".to_owned(), "text-empty"),
        ("太".repeat(201), "text-too-long"),
    ] {
        let err = wang
            .create_complaint(&report(None, ComplaintTopic::Other, Some(&text)), &key())
            .await
            .unwrap_err();
        let p = err.problem().unwrap();
        assert_eq!((p.kind.slug(), p.status), ("invalid-request", 400));
        assert_eq!(
            (p.errors[0].field.as_str(), p.errors[0].code.as_str()),
            ("text", code)
        );
    }

    // Staff receive complaints; they do not file them for an elder.
    let staff = srv.staff_for(booking.elder.id).await;
    assert_eq!(
        refusal(
            staff
                .create_complaint(&report(None, ComplaintTopic::Other, None), &key())
                .await
        ),
        ("forbidden", 403)
    );
    assert_eq!(wang.complaints().await.unwrap().len(), 2);
}

#[tokio::test]
async fn staff_move_a_complaint_forward_with_a_reply_the_elder_reads() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let complaint = wang
        .create_complaint(
            &report(None, ComplaintTopic::Attitude, Some("电话没人接")),
            &key(),
        )
        .await
        .unwrap();
    let elder = complaint.elder.id;
    let staff = srv.staff_for(elder).await;

    // Only staff move complaints on.
    let family = srv.daughter_for(elder).await;
    for other in [&wang, &family] {
        assert_eq!(
            refusal(
                other
                    .update_complaint(complaint.id, &to(ComplaintStatus::Resolved, None), &key())
                    .await
            ),
            ("forbidden", 403)
        );
    }
    let err = staff
        .update_complaint(
            complaint.id,
            &to(ComplaintStatus::InProgress, Some(&"复".repeat(201))),
            &key(),
        )
        .await
        .unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!(
        (p.kind.slug(), p.errors[0].code.as_str()),
        ("invalid-request", "reply-too-long")
    );

    srv.advance(Duration::hours(1));
    let k = key();
    let req = to(ComplaintStatus::InProgress, Some("已联系服务站，明天回电"));
    let working = staff
        .update_complaint(complaint.id, &req, &k)
        .await
        .unwrap();
    assert_eq!(working.status, ComplaintStatus::InProgress);
    assert_eq!(working.reply.as_deref(), Some("已联系服务站，明天回电"));
    assert_eq!(working.updated_at - working.created_at, Duration::hours(1));
    assert_eq!(
        staff
            .update_complaint(complaint.id, &req, &k)
            .await
            .unwrap(),
        working
    );
    assert_eq!(wang.complaints().await.unwrap(), vec![working.clone()]);

    let illegal = |r| assert_eq!(refusal(r), ("illegal-transition", 409));
    illegal(
        staff
            .update_complaint(complaint.id, &to(ComplaintStatus::InProgress, None), &key())
            .await,
    );
    illegal(
        staff
            .update_complaint(complaint.id, &to(ComplaintStatus::Received, None), &key())
            .await,
    );
    // No new reply keeps the last one.
    let resolved = staff
        .update_complaint(complaint.id, &to(ComplaintStatus::Resolved, None), &key())
        .await
        .unwrap();
    assert_eq!(
        (resolved.status, resolved.reply.as_deref()),
        (ComplaintStatus::Resolved, Some("已联系服务站，明天回电"))
    );
    for back in [
        ComplaintStatus::Received,
        ComplaintStatus::InProgress,
        ComplaintStatus::Resolved,
    ] {
        illegal(
            staff
                .update_complaint(complaint.id, &to(back, Some("再看看")), &key())
                .await,
        );
    }

    // received → resolved in one step is fine; another elder's complaint is not found.
    let li = srv.sign_in(LI).await;
    let lis = li
        .create_complaint(&report(None, ComplaintTopic::Price, None), &key())
        .await
        .unwrap();
    assert_eq!(
        refusal(
            staff
                .update_complaint(lis.id, &to(ComplaintStatus::Resolved, None), &key())
                .await
        ),
        ("not-found", 404),
        "staff act for Wang, and this is Li's"
    );
    let staff_for_li = srv.staff_for(lis.elder.id).await;
    let done = staff_for_li
        .update_complaint(
            lis.id,
            &to(ComplaintStatus::Resolved, Some("已退款 3 元")),
            &key(),
        )
        .await
        .unwrap();
    assert_eq!(done.status, ComplaintStatus::Resolved);
}

#[tokio::test]
async fn staff_see_their_communitys_complaints_open_ones_first() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let li = srv.sign_in(LI).await;
    let old = wang
        .create_complaint(&report(None, ComplaintTopic::Quality, None), &key())
        .await
        .unwrap();
    srv.advance(Duration::minutes(1));
    let newer = li
        .create_complaint(
            &report(None, ComplaintTopic::Safety, Some("楼道灯坏了")),
            &key(),
        )
        .await
        .unwrap();
    srv.advance(Duration::minutes(1));
    let newest = wang
        .create_complaint(&report(None, ComplaintTopic::Late, None), &key())
        .await
        .unwrap();
    let staff = srv.staff_for(li.me().await.unwrap().person.id).await;
    staff
        .update_complaint(
            newer.id,
            &to(ComplaintStatus::Resolved, Some("已修好")),
            &key(),
        )
        .await
        .unwrap();

    let triage = |client: &api::Client| {
        let req = reqwest::Client::new()
            .get(format!("{}/api/v1/staff/complaints", srv.base))
            .bearer_auth(client.token().unwrap());
        async move { req.send().await.unwrap() }
    };
    let resp = triage(&staff).await;
    assert_eq!(resp.status(), 200);
    let list: Vec<Complaint> = resp.json().await.unwrap();
    let ids: Vec<i64> = list.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [newest.id, old.id, newer.id],
        "open first, then newest first"
    );

    let resp = triage(&wang).await;
    assert_eq!(resp.status(), 403);
    let p: api::Problem = resp.json().await.unwrap();
    assert_eq!(p.kind.slug(), "forbidden");
}
