//! Family members (issue 6): accounts, sign-in and its lockout, link codes (single use,
//! expiry, superseded, guessing locked out), updating, revoking and renewing links, staff
//! linking at the centre, and what the elder is told was done for them. Every refusal for
//! every endpoint and principal is in `authz_matrix.rs`.

mod common;

use api::{
    FamilySignInRequest, FamilySignUpRequest, Fulfilment, LinkCodeRequest, LinkPermissionsRequest,
    LinkRequest, LinkStatus, MealKind, PersonKind, Relation, SignInRequest, StaffLinkRequest,
};
use chrono::Duration;
use common::{family::*, *};

fn sign_up(phone: &str, password: &str, name: &str) -> FamilySignUpRequest {
    FamilySignUpRequest {
        phone: phone.into(),
        password: password.into(),
        name: name.into(),
    }
}

fn entered(code: &str) -> LinkRequest {
    LinkRequest {
        code: code.into(),
        relation: Relation::Daughter,
        elder_nickname: Some("妈妈".into()),
    }
}

fn codes<T: std::fmt::Debug>(r: Result<T, api::ApiError>) -> Vec<String> {
    match r {
        Err(api::ApiError::Problem(p)) => p.errors.into_iter().map(|e| e.code).collect(),
        other => panic!("expected a problem, got {other:?}"),
    }
}

/// A code `wang` makes, as a string.
async fn code(wang: &api::Client, permissions: api::LinkPermissions) -> String {
    wang.create_link_code(&LinkCodeRequest { permissions })
        .await
        .unwrap()
        .code
}

#[tokio::test]
async fn a_family_member_signs_up_and_is_signed_in() {
    let srv = TestServer::start().await;
    let resp = srv
        .client()
        .family_sign_up(&sign_up("13900000010", "a long pass", " 王小明 "))
        .await
        .unwrap();
    assert_eq!(resp.me.person.name, "王小明");
    assert_eq!(resp.me.person.kind, PersonKind::Family);
    assert!(resp.me.acting_for.is_empty(), "nobody has linked them yet");
    assert!(resp.me.acted_for_since_last_sign_in.is_none());
    let me = srv.client().with_token(resp.token).me().await.unwrap();
    assert_eq!(me.person, resp.me.person);
    // And signs in again with the same phone number and password.
    srv.family_sign_in(("13900000010", "a long pass")).await;

    // Any account's phone number is taken: a family member's, an elder's.
    for phone in ["13900000010", DAUGHTER.0, "13800000001", STAFF.0] {
        let err = srv
            .client()
            .family_sign_up(&sign_up(phone, "a long pass", "某人"))
            .await
            .unwrap_err();
        let p = err.problem().unwrap();
        assert_eq!((p.kind.slug(), p.status), ("phone-taken", 409), "{phone}");
    }
    let bad = srv
        .client()
        .family_sign_up(&sign_up("1390000001", "short", ""))
        .await;
    assert_eq!(
        codes(bad),
        ["phone-format", "password-length", "name-empty"]
    );
    assert_eq!(
        codes(
            srv.client()
                .family_sign_up(&sign_up("13900000011", "1234567", "王"))
                .await
        ),
        ["password-length"]
    );
}

#[tokio::test]
async fn family_sign_in_locks_after_five_wrong_passwords() {
    let srv = TestServer::start().await;
    let (_, resp) = srv.family_sign_in(DAUGHTER).await;
    assert_eq!(resp.me.person.name, "王丽");
    assert_eq!(resp.me.acting_for.len(), 1);
    assert_eq!(resp.me.acting_for[0].name, "王秀英");

    let wrong = FamilySignInRequest {
        phone: DAUGHTER.0.into(),
        password: "not-her-password".into(),
    };
    for left in [4, 3, 2, 1] {
        let err = srv.client().family_sign_in(&wrong).await.unwrap_err();
        let p = err.problem().unwrap();
        assert_eq!(
            (p.kind.slug(), p.attempts_left),
            ("password-wrong", Some(left))
        );
    }
    let err = srv.client().family_sign_in(&wrong).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("account-locked", 429));
    assert_eq!(
        p.retry_at,
        Some((srv.clock.now() + Duration::minutes(15)).fixed_offset())
    );
    let right = FamilySignInRequest {
        phone: DAUGHTER.0.into(),
        password: DAUGHTER.1.into(),
    };
    assert_eq!(
        slug(srv.client().family_sign_in(&right).await),
        "account-locked"
    );
    srv.advance(Duration::minutes(15));
    srv.client().family_sign_in(&right).await.expect("unlocked");

    // Each sign-in takes its own kind of account.
    let pin = SignInRequest {
        account: DAUGHTER.0.into(),
        pin: "123456".into(),
    };
    assert_eq!(slug(srv.client().sign_in(&pin).await), "unknown-account");
    let staff = FamilySignInRequest {
        phone: STAFF.0.into(),
        password: STAFF.1.into(),
    };
    assert_eq!(
        slug(srv.client().family_sign_in(&staff).await),
        "unknown-account"
    );
}

#[tokio::test]
async fn a_code_links_at_once_with_the_permissions_the_elder_chose_and_works_once() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let wang_id = wang.me().await.unwrap().person.id;
    let made = wang
        .create_link_code(&LinkCodeRequest {
            permissions: perms(true, true, false),
        })
        .await
        .unwrap();
    assert!(api::validate::link_code(&made.code), "{}", made.code);
    assert_eq!(made.expires_at, srv.clock.now() + Duration::minutes(10));

    let (family, _) = srv.family_sign_up("13900000020", "王小丽").await;
    let link_key = key();
    let link = family.link(&entered(&made.code), &link_key).await.unwrap();
    assert_eq!(link.elder.name, "王秀英");
    assert_eq!(link.family.name, "王小丽");
    assert_eq!(link.relation, Relation::Daughter);
    assert_eq!(link.family.relation, Some(Relation::Daughter));
    assert_eq!(link.elder_nickname.as_deref(), Some("妈妈"));
    assert_eq!(link.family_phone, "139****0020");
    assert_eq!(link.permissions, perms(true, true, false));
    assert_eq!(link.status, LinkStatus::Active);
    assert_eq!(link.made_by_staff, None);
    // The same request again is the same answer, not a second link nor a "used" code.
    assert_eq!(
        family.link(&entered(&made.code), &link_key).await.unwrap(),
        link
    );

    // Active at once, within what was granted.
    let me = family.me().await.unwrap();
    assert_eq!(
        me.acting_for.iter().map(|p| p.id).collect::<Vec<_>>(),
        [wang_id]
    );
    let for_wang = family.clone().acting_for(wang_id);
    let slot = slot(&for_wang, 1, MealKind::Lunch).await;
    let booked = for_wang
        .create_booking(&meal(slot.id, Fulfilment::Pickup), &key())
        .await
        .unwrap();
    assert_eq!(booked.booked_by.name, "王小丽");
    assert_eq!(booked.booked_by.relation, Some(Relation::Daughter));
    assert_eq!(
        slug(for_wang.cancel_booking(booked.id, &key()).await),
        "forbidden"
    );

    // Used: to anyone else it is just a wrong code.
    let (other, _) = srv.family_sign_up("13900000021", "路人").await;
    let err = other.link(&entered(&made.code), &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("link-code-wrong", 422));
    assert_eq!(p.attempts_left, Some(4));
    assert!(other.me().await.unwrap().acting_for.is_empty());
}

#[tokio::test]
async fn only_the_elder_makes_codes_and_only_family_enters_them() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let wang_id = wang.me().await.unwrap().person.id;
    let req = LinkCodeRequest {
        permissions: perms(true, false, false),
    };
    let staff = srv.staff_for(wang_id).await;
    let daughter = srv.family_sign_in(DAUGHTER).await.0.acting_for(wang_id);
    for not_her in [&staff, &daughter] {
        assert_eq!(slug(not_her.create_link_code(&req).await), "forbidden");
    }
    // Booking without seeing is refused, with a reason the app can show.
    let blind = LinkCodeRequest {
        permissions: perms(false, true, false),
    };
    assert_eq!(
        codes(wang.create_link_code(&blind).await),
        ["permissions-need-view"]
    );
    // A link with nothing granted is allowed: the family member is told when she asks for help.
    wang.create_link_code(&LinkCodeRequest {
        permissions: perms(false, false, false),
    })
    .await
    .unwrap();

    let made = code(&wang, perms(true, false, false)).await;
    assert_eq!(slug(wang.link(&entered(&made), &key()).await), "forbidden");
    assert_eq!(slug(staff.link(&entered(&made), &key()).await), "forbidden");
    let (family, _) = srv.family_sign_up("13900000030", "张三").await;
    assert_eq!(
        codes(family.link(&entered("12345"), &key()).await),
        ["code-format"]
    );
    let mut long = entered(&made);
    long.relation = Relation::Other("远房亲戚的好朋友的邻居".into());
    assert_eq!(
        codes(family.link(&long, &key()).await),
        ["relation-too-long"]
    );
    // Malformed entries are not guesses: the code still works afterwards, first time.
    let mut niece = entered(&made);
    niece.relation = Relation::Other("侄女".into());
    let link = family.link(&niece, &key()).await.unwrap();
    assert_eq!(link.relation, Relation::Other("侄女".into()));
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_and_a_newer_one_replaces_it() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let (family, _) = srv.family_sign_up("13900000040", "王二").await;

    let first = code(&wang, perms(true, false, false)).await;
    srv.advance(Duration::minutes(10));
    let err = family.link(&entered(&first), &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("link-code-expired", 410));

    // A newer code ends the older one, which then reads as wrong (no oracle).
    let older = code(&wang, perms(true, false, false)).await;
    let newer = code(&wang, perms(true, true, true)).await;
    let err = family.link(&entered(&older), &key()).await.unwrap_err();
    assert_eq!(err.problem().unwrap().kind.slug(), "link-code-wrong");
    // The expired code did not count towards the lock; the superseded one did.
    assert_eq!(err.problem().unwrap().attempts_left, Some(4));
    let link = family.link(&entered(&newer), &key()).await.unwrap();
    assert_eq!(link.permissions, perms(true, true, true));
    // A success clears the count.
    let err = family.link(&entered(&older), &key()).await.unwrap_err();
    assert_eq!(err.problem().unwrap().attempts_left, Some(4));
}

#[tokio::test]
async fn five_wrong_codes_lock_the_family_account_for_fifteen_minutes() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let real = code(&wang, perms(true, false, false)).await;
    let wrong = if real == "000000" { "000001" } else { "000000" };
    let (family, _) = srv.family_sign_up("13900000050", "猜码人").await;
    for left in [4, 3, 2, 1] {
        let err = family.link(&entered(wrong), &key()).await.unwrap_err();
        assert_eq!(err.problem().unwrap().attempts_left, Some(left));
    }
    let err = family.link(&entered(wrong), &key()).await.unwrap_err();
    let p = err.problem().unwrap();
    assert_eq!((p.kind.slug(), p.status), ("link-code-locked", 429));
    assert_eq!(
        p.retry_at,
        Some((srv.clock.now() + Duration::minutes(15)).fixed_offset())
    );
    assert!(p.hotline.is_some());
    // Locked even for the real code, which stays unused meanwhile.
    assert_eq!(
        slug(family.link(&entered(&real), &key()).await),
        "link-code-locked"
    );
    // The lock is on entering codes only: signing in still works.
    srv.family_sign_in(("13900000050", PASSWORD)).await;
    srv.advance(Duration::minutes(9));
    let real = code(&wang, perms(true, false, false)).await;
    srv.advance(Duration::minutes(6));
    family
        .link(&entered(&real), &key())
        .await
        .expect("unlocked");
}

#[tokio::test]
async fn linking_again_updates_the_link_rather_than_adding_one() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let (family, _) = srv.family_sign_up("13900000060", "王三").await;
    let made = code(&wang, perms(true, false, false)).await;
    let first = family.link(&entered(&made), &key()).await.unwrap();
    srv.advance(Duration::hours(6));
    let made = code(&wang, perms(true, true, true)).await;
    let mut again = entered(&made);
    again.relation = Relation::Son;
    again.elder_nickname = None;
    let second = family.link(&again, &key()).await.unwrap();
    assert_eq!(second.id, first.id);
    assert_eq!(second.permissions, perms(true, true, true));
    assert_eq!(second.relation, Relation::Son);
    assert_eq!(second.created_at, first.created_at, "still the same link");
    assert_eq!(second.expires_at, first.expires_at + Duration::hours(6));
    assert_eq!(
        second.elder_nickname.as_deref(),
        Some("妈妈"),
        "kept when not said again"
    );
    let mine: Vec<_> = wang
        .links()
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.family.name == "王三")
        .collect();
    assert_eq!(mine.len(), 1);
}

#[tokio::test]
async fn a_revoked_link_stops_working_on_the_next_request() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let wang_id = wang.me().await.unwrap().person.id;
    let daughter = srv.family_sign_in(DAUGHTER).await.0.acting_for(wang_id);
    let slot = slot(&daughter, 1, MealKind::Lunch).await;
    daughter
        .create_booking(&meal(slot.id, Fulfilment::Pickup), &key())
        .await
        .unwrap();

    let links = wang.links().await.unwrap();
    let hers = links.iter().find(|l| l.family.name == "王丽").unwrap();
    assert_eq!(hers.family_phone, "139****0001");
    assert_eq!(hers.relation, Relation::Daughter);
    assert_eq!(hers.status, LinkStatus::Active);
    assert_eq!(hers.last_acted_at, Some(srv.clock.now().fixed_offset()));

    // Another elder, or another family member, cannot touch it: it does not exist for them.
    let li = srv.sign_in(LI).await;
    let (son, _) = srv.family_sign_in(SON).await;
    for stranger in [&li, &son] {
        assert_eq!(
            slug(stranger.revoke_link(hers.id, &key()).await),
            "not-found"
        );
    }
    // Only the elder renews or changes it; the family member may only leave.
    let all = LinkPermissionsRequest {
        permissions: perms(true, true, true),
    };
    assert_eq!(
        slug(daughter.renew_link(hers.id, &key()).await),
        "forbidden"
    );
    assert_eq!(
        slug(daughter.set_link_permissions(hers.id, &all, &key()).await),
        "forbidden"
    );

    let revoked = wang.revoke_link(hers.id, &key()).await.unwrap();
    assert_eq!(revoked.status, LinkStatus::Revoked);
    assert_eq!(slug(daughter.bookings().await), "forbidden");
    assert!(daughter.me().await.unwrap().acting_for.is_empty());
    let seen_by_her = daughter.links().await.unwrap();
    assert_eq!(seen_by_her[0].status, LinkStatus::Revoked);
    // A revoked link comes back only with a new code.
    assert_eq!(slug(wang.renew_link(hers.id, &key()).await), "link-revoked");
    assert_eq!(
        slug(wang.set_link_permissions(hers.id, &all, &key()).await),
        "link-revoked"
    );
    // Revoking again changes nothing.
    assert_eq!(wang.revoke_link(hers.id, &key()).await.unwrap(), revoked);

    // A family member leaves on their own.
    let li_id = li.me().await.unwrap().person.id;
    let son_for_li = son.clone().acting_for(li_id);
    son_for_li.bookings().await.unwrap();
    let his = son.links().await.unwrap();
    let to_li = his.iter().find(|l| l.elder.id == li_id).unwrap();
    son.revoke_link(to_li.id, &key()).await.unwrap();
    assert_eq!(slug(son_for_li.bookings().await), "forbidden");
}

#[tokio::test]
async fn links_expire_after_twelve_months_unless_renewed_and_permissions_change_at_once() {
    let srv = TestServer::start().await;
    let wang = srv.sign_in(WANG).await;
    let wang_id = wang.me().await.unwrap().person.id;
    let (family, _) = srv.family_sign_up("13900000070", "王四").await;
    let link = link_with_code(&wang, &family, perms(true, true, true), Relation::Son).await;
    let for_wang = family.clone().acting_for(wang_id);

    let view_only = LinkPermissionsRequest {
        permissions: perms(true, false, false),
    };
    let changed = wang
        .set_link_permissions(link.id, &view_only, &key())
        .await
        .unwrap();
    assert_eq!(changed.permissions, perms(true, false, false));
    let slot = slot(&for_wang, 1, MealKind::Dinner).await;
    assert_eq!(
        slug(
            for_wang
                .create_booking(&meal(slot.id, Fulfilment::Pickup), &key())
                .await
        ),
        "forbidden"
    );
    for_wang.bookings().await.expect("may still see");
    let blind = LinkPermissionsRequest {
        permissions: perms(false, false, true),
    };
    assert_eq!(
        codes(wang.set_link_permissions(link.id, &blind, &key()).await),
        ["permissions-need-view"]
    );

    assert_eq!(link.expires_at, link.created_at + chrono::Months::new(12));
    srv.advance(Duration::days(365));
    // Her sessions have long expired too: signed in afresh, the link is what refuses.
    let family = srv.family_sign_in(("13900000070", PASSWORD)).await.0;
    assert!(family.me().await.unwrap().acting_for.is_empty());
    assert_eq!(
        slug(family.clone().acting_for(wang_id).bookings().await),
        "forbidden"
    );
    // The elder signs in again a year later (her session has long expired).
    let wang = srv.sign_in(WANG).await;
    let expired = wang.links().await.unwrap();
    let expired = expired.iter().find(|l| l.id == link.id).unwrap();
    assert_eq!(expired.status, LinkStatus::Expired);
    let renewed = wang.renew_link(link.id, &key()).await.unwrap();
    assert_eq!(renewed.status, LinkStatus::Active);
    assert_eq!(
        renewed.expires_at,
        srv.clock.now().fixed_offset() + chrono::Months::new(12)
    );
    family
        .acting_for(wang_id)
        .bookings()
        .await
        .expect("works again");
}

#[tokio::test]
async fn staff_link_a_family_account_for_an_elder_at_the_centre() {
    let srv = TestServer::start().await;
    let zhang = srv.sign_in(ZHANG).await;
    let zhang_id = zhang.me().await.unwrap().person.id;
    let (family, family_id) = srv.family_sign_up("13900000080", "张小兰").await;
    let req = StaffLinkRequest {
        family_phone: "13900000080".into(),
        relation: Relation::Grandchild,
        permissions: perms(true, true, false),
    };
    let staff = srv.staff_for(zhang_id).await;
    let link = staff.staff_link(&req, &key()).await.unwrap();
    assert_eq!(link.family.id, family_id);
    assert_eq!(link.elder.id, zhang_id);
    assert_eq!(
        link.made_by_staff.as_ref().map(|s| s.name.as_str()),
        Some("周敏")
    );
    assert_eq!(link.permissions, perms(true, true, false));
    family
        .clone()
        .acting_for(zhang_id)
        .bookings()
        .await
        .unwrap();
    // The elder sees it, and who made it, in her list and in what was done for her.
    assert_eq!(zhang.links().await.unwrap(), std::slice::from_ref(&link));
    let activity = zhang.activity(None).await.unwrap();
    assert_eq!(activity[0].kind, api::ActivityKind::Linked);
    assert_eq!(activity[0].by.kind, PersonKind::Staff);
    assert_eq!(activity[0].subject_id, link.id);
    // Staff see the elder's links too.
    assert_eq!(staff.links().await.unwrap(), std::slice::from_ref(&link));

    // Not the elder, not family: staff only.
    let daughter = srv.family_sign_in(DAUGHTER).await.0.acting_for(zhang_id);
    assert_eq!(slug(zhang.staff_link(&req, &key()).await), "forbidden");
    assert_eq!(slug(daughter.staff_link(&req, &key()).await), "forbidden");
    // Only to an existing family account.
    for phone in ["13900000081", "13800000001"] {
        let unknown = StaffLinkRequest {
            family_phone: phone.into(),
            ..req.clone()
        };
        let err = staff.staff_link(&unknown, &key()).await.unwrap_err();
        let p = err.problem().unwrap();
        assert_eq!((p.kind.slug(), p.status), ("unknown-account", 422));
    }
}

#[tokio::test]
async fn the_elder_is_told_what_others_did_since_her_previous_sign_in() {
    let srv = TestServer::start().await;
    let first = srv
        .client()
        .sign_in(&SignInRequest {
            account: WANG.0.into(),
            pin: WANG.1.into(),
        })
        .await
        .unwrap();
    let summary = first.me.acted_for_since_last_sign_in.clone().unwrap();
    assert_eq!(
        (summary.since, summary.total),
        (None, 0),
        "her first sign-in"
    );
    let wang_id = first.me.person.id;
    let wang = srv.client().with_token(first.token).acting_for(wang_id);
    let first_at = srv.clock.now().fixed_offset();

    // Her own booking is not news to her.
    srv.advance(Duration::minutes(1));
    let lunch = slot(&wang, 1, MealKind::Lunch).await;
    let own = wang
        .create_booking(&meal(lunch.id, Fulfilment::DineIn), &key())
        .await
        .unwrap();
    assert_eq!(own.booked_by.relation, None);
    srv.advance(Duration::minutes(1));
    let daughter = srv.family_sign_in(DAUGHTER).await.0.acting_for(wang_id);
    let dinner = slot(&daughter, 2, MealKind::Dinner).await;
    let hers = daughter
        .create_booking(&meal(dinner.id, Fulfilment::Pickup), &key())
        .await
        .unwrap();
    srv.advance(Duration::minutes(1));
    let staff = srv.staff_for(wang_id).await;
    staff.cancel_booking(own.id, &key()).await.unwrap();

    let feed = wang.activity(None).await.unwrap();
    let seen: Vec<_> = feed
        .iter()
        .map(|a| (a.kind, a.by.name.as_str(), a.booking_id))
        .collect();
    assert_eq!(
        seen,
        [
            (api::ActivityKind::Cancelled, "周敏", Some(own.id)),
            (api::ActivityKind::Booked, "王丽", Some(hers.id)),
        ]
    );
    assert_eq!(feed[1].by.relation, Some(Relation::Daughter));
    assert_eq!(feed[1].service.as_ref(), Some(&hers.service));
    let since = wang.activity(Some(feed[1].at)).await.unwrap();
    assert_eq!(since.len(), 1, "only what came after");
    // My bookings say who booked for her.
    let mine = wang.bookings().await.unwrap();
    let booked_for_her = mine.iter().find(|b| b.id == hers.id).unwrap();
    assert_eq!(booked_for_her.booked_by.relation, Some(Relation::Daughter));

    // Her next sign-in tells her, counting from her previous one; the whole session says the same.
    srv.advance(Duration::hours(1));
    let second = srv.sign_in(WANG).await;
    let me = second.me().await.unwrap();
    let summary = me.acted_for_since_last_sign_in.unwrap();
    assert_eq!(summary.since, Some(first_at));
    assert_eq!(summary.total, 2);
    assert_eq!(summary.items, feed);
    srv.advance(Duration::minutes(5));
    let again = second
        .me()
        .await
        .unwrap()
        .acted_for_since_last_sign_in
        .unwrap();
    assert_eq!(again.total, 2, "the same for the whole session");

    // Then only what came after that sign-in.
    daughter
        .ask_for_help(&common::help::on_phone(), &key())
        .await
        .unwrap();
    srv.advance(Duration::minutes(1));
    let third = srv.sign_in(WANG).await.me().await.unwrap();
    let summary = third.acted_for_since_last_sign_in.unwrap();
    assert_eq!(summary.total, 1);
    assert_eq!(summary.items[0].kind, api::ActivityKind::AskedForHelp);
    assert_eq!(summary.items[0].by.relation, Some(Relation::Daughter));
}
