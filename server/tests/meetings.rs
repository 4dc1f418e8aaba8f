//! Council meetings (issue 7): who is invited, replies, the room, hands, votes, minutes and
//! follow-ups, through the real API on a real server.

mod common;

use api::{
    AttendMode, FollowUpStatus, FollowUpUpdate, JoinRequest, MeetingLevel, MeetingStatus,
    MeetingStatusUpdate, MinutesUpdate, MotionCreate, MotionStatus, NowUpdate, Outcome, Reply,
    ReplyRequest, Text, VoteChoice, VoteRequest,
};
use common::{
    CHEN, TestServer, WANG, ZHANG, key,
    meetings::{Stream, live_meeting, meeting_in_an_hour},
    slug,
};

fn join() -> JoinRequest {
    JoinRequest {
        mode: AttendMode::Online,
    }
}

fn vote(choice: VoteChoice) -> VoteRequest {
    VoteRequest { choice }
}

#[tokio::test]
async fn a_building_meeting_invites_only_that_buildings_residents() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await; // 3号楼
    let zhang = server.sign_in(ZHANG).await; // 5号楼
    let staff = server.staff_for(1).await;
    let m = staff
        .create_meeting(&meeting_in_an_hour(MeetingLevel::Building), &key())
        .await
        .unwrap();
    assert_eq!(m.scope.zh, "阳光小区 3号楼");
    assert_eq!(m.agenda.len(), 1);

    assert!(wang.meetings().await.unwrap().iter().any(|x| x.id == m.id));
    assert!(!zhang.meetings().await.unwrap().iter().any(|x| x.id == m.id));
    assert_eq!(slug(zhang.meeting(m.id).await), "not-found");
    let reply = ReplyRequest {
        reply: Reply::Online,
    };
    assert_eq!(
        slug(zhang.reply_to_meeting(m.id, &reply, &key()).await),
        "not-found"
    );
    // The demo's community meetings reach everyone: last week's and the one in two days.
    let seen = zhang.meetings().await.unwrap();
    assert!(
        seen.iter()
            .any(|x| x.status == MeetingStatus::Ended && x.minutes.is_some())
    );
    assert!(seen.iter().any(|x| x.status == MeetingStatus::Scheduled));
}

#[tokio::test]
async fn replies_are_counted_and_can_change_until_the_meeting_is_over() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let chen = server.sign_in(CHEN).await;
    let staff = server.staff_for(1).await;
    let m = staff
        .create_meeting(&meeting_in_an_hour(MeetingLevel::Compound), &key())
        .await
        .unwrap();
    let online = ReplyRequest {
        reply: Reply::Online,
    };
    let k = key();
    let first = wang.reply_to_meeting(m.id, &online, &k).await.unwrap();
    assert_eq!(first.my_reply, Some(Reply::Online));
    // A retry with the same key is the same reply, not a second one.
    assert_eq!(
        wang.reply_to_meeting(m.id, &online, &k).await.unwrap(),
        first
    );
    let cannot = ReplyRequest {
        reply: Reply::Cannot,
    };
    chen.reply_to_meeting(m.id, &online, &key()).await.unwrap();
    let changed = chen.reply_to_meeting(m.id, &cannot, &key()).await.unwrap();
    assert_eq!(changed.my_reply, Some(Reply::Cannot));
    assert_eq!(
        (changed.replies.online, changed.replies.cannot),
        (1, 1),
        "one reply per elder"
    );
    let cancelled = MeetingStatusUpdate {
        status: MeetingStatus::Cancelled,
    };
    staff
        .set_meeting_status(m.id, &cancelled, &key())
        .await
        .unwrap();
    assert_eq!(
        slug(wang.reply_to_meeting(m.id, &cannot, &key()).await),
        "meeting-closed"
    );
}

#[tokio::test]
async fn the_room_opens_half_an_hour_early_and_only_to_the_elder_themself() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let staff = server.staff_for(1).await;
    let mut req = meeting_in_an_hour(MeetingLevel::Community);
    req.starts_at += chrono::Duration::hours(1);
    req.ends_at += chrono::Duration::hours(1);
    let m = staff.create_meeting(&req, &key()).await.unwrap();
    match wang.join_meeting(m.id, &join(), &key()).await {
        Err(api::ApiError::Problem(p)) => {
            assert_eq!(p.kind.slug(), "meeting-not-started");
            assert_eq!(
                p.retry_at,
                Some(req.starts_at - chrono::Duration::minutes(30))
            );
        }
        other => panic!("expected meeting-not-started, got {other:?}"),
    }
    server.advance(chrono::Duration::minutes(91));
    let daughter = server.daughter_for(1).await;
    assert_eq!(
        slug(daughter.join_meeting(m.id, &join(), &key()).await),
        "forbidden",
        "family follow from afar but do not sit in for the elder"
    );
    let ticket = wang.join_meeting(m.id, &join(), &key()).await.unwrap();
    assert!(ticket.live.present.iter().any(|p| p.id == 1));
    assert_eq!(
        ticket.virtual_service.channel_type,
        api::ChannelType::Builtin
    );
    assert_eq!(
        ticket.virtual_service.address,
        format!("/api/v1/meetings/{}/signal", m.id)
    );
    // Staff at the door check an elder in; in person only.
    let staff_for_zhang = server.staff_for(3).await;
    assert_eq!(
        slug(staff_for_zhang.join_meeting(m.id, &join(), &key()).await),
        "invalid-request"
    );
    let in_person = JoinRequest {
        mode: AttendMode::InPerson,
    };
    let checked = staff_for_zhang
        .join_meeting(m.id, &in_person, &key())
        .await
        .unwrap();
    assert!(checked.live.present.iter().any(|p| p.id == 3));
}

#[tokio::test]
async fn a_motion_is_voted_once_per_elder_changed_until_closed_and_the_result_reaches_everyone() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let chen = server.sign_in(CHEN).await;
    let zhang = server.sign_in(ZHANG).await;
    let staff = server.staff_for(1).await;
    let (id, host_ticket) = live_meeting(&staff, MeetingLevel::Community).await;
    let mut host_view = Stream::open(&staff, id, &host_ticket).await;
    let first = host_view.next().await;
    assert_eq!(first.status, MeetingStatus::Live);
    assert_eq!(first.present.len(), 1, "the host alone so far");

    let wang_ticket = wang.join_meeting(id, &join(), &key()).await.unwrap();
    chen.join_meeting(id, &join(), &key()).await.unwrap();
    let mut wang_view = Stream::open(&wang, id, &wang_ticket.ticket).await;
    host_view.until(|l| l.present.len() == 3).await;

    let motion = MotionCreate {
        text: Text::new("在楼道东侧装扶手", "Put the handrail on the east side"),
        agenda_item_id: None,
    };
    let opened = staff.open_motion(id, &motion, &key()).await.unwrap();
    let motion_id = opened.motion.as_ref().unwrap().id;
    assert_eq!(
        slug(staff.open_motion(id, &motion, &key()).await),
        "illegal-transition",
        "one vote at a time"
    );
    let seen = wang_view
        .until(|l| {
            l.motion
                .as_ref()
                .is_some_and(|m| m.status == MotionStatus::Open)
        })
        .await;
    assert_eq!(seen.motion.unwrap().text.zh, "在楼道东侧装扶手");

    // 张桂兰 is not in the room: she may not vote.
    assert_eq!(
        slug(zhang.vote(motion_id, &vote(VoteChoice::Yes), &key()).await),
        "not-present"
    );
    // Nor may anyone vote for an elder.
    let daughter = server.daughter_for(1).await;
    assert_eq!(
        slug(
            daughter
                .vote(motion_id, &vote(VoteChoice::No), &key())
                .await
        ),
        "forbidden"
    );
    let staff_for_wang = server.staff_for(1).await;
    assert_eq!(
        slug(
            staff_for_wang
                .vote(motion_id, &vote(VoteChoice::No), &key())
                .await
        ),
        "forbidden"
    );

    let after = wang
        .vote(motion_id, &vote(VoteChoice::No), &key())
        .await
        .unwrap();
    let m = after.motion.unwrap();
    assert_eq!(
        (m.my_vote, m.votes_cast, m.result),
        (Some(VoteChoice::No), 1, None)
    );
    // Changing her mind replaces the vote; it is still one vote.
    let changed = wang
        .vote(motion_id, &vote(VoteChoice::Yes), &key())
        .await
        .unwrap();
    assert_eq!(changed.motion.unwrap().votes_cast, 1);
    chen.vote(motion_id, &vote(VoteChoice::Abstain), &key())
        .await
        .unwrap();
    let counted = host_view
        .until(|l| l.motion.as_ref().is_some_and(|m| m.votes_cast == 2))
        .await;
    assert_eq!(
        counted.motion.unwrap().result,
        None,
        "no split before the close"
    );

    staff.close_motion(motion_id, &key()).await.unwrap();
    let result = wang_view
        .until(|l| l.motion.as_ref().is_some_and(|m| m.result.is_some()))
        .await
        .motion
        .unwrap();
    let r = result.result.unwrap();
    assert_eq!((r.yes, r.no, r.abstain, r.present), (1, 0, 1, 2));
    assert_eq!(r.outcome, Outcome::Rejected, "1 of 2 is not more than half");
    assert_eq!(result.my_vote, Some(VoteChoice::Yes));
    assert_eq!(
        slug(wang.vote(motion_id, &vote(VoteChoice::No), &key()).await),
        "voting-closed"
    );
    assert_eq!(
        slug(staff.close_motion(motion_id, &key()).await),
        "illegal-transition"
    );
}

#[tokio::test]
async fn raised_hands_queue_for_the_host_who_gives_the_floor() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let chen = server.sign_in(CHEN).await;
    let staff = server.staff_for(1).await;
    let (id, host_ticket) = live_meeting(&staff, MeetingLevel::Community).await;
    assert_eq!(slug(wang.set_hand(id, true, &key()).await), "not-present");
    wang.join_meeting(id, &join(), &key()).await.unwrap();
    chen.join_meeting(id, &join(), &key()).await.unwrap();
    let mut host_view = Stream::open(&staff, id, &host_ticket).await;

    chen.set_hand(id, true, &key()).await.unwrap();
    let mine = wang.set_hand(id, true, &key()).await.unwrap();
    assert!(mine.my_hand);
    // Raising twice is still one hand.
    wang.set_hand(id, true, &key()).await.unwrap();
    let queue = host_view.until(|l| l.hands.len() == 2).await.hands;
    assert_eq!(
        queue
            .iter()
            .map(|h| h.person.name.as_str())
            .collect::<Vec<_>>(),
        ["陈志明", "王秀英"],
        "first raised first"
    );
    let after = staff.take_hand(id, queue[0].id, &key()).await.unwrap();
    assert_eq!(after.hands.len(), 1);
    assert_eq!(
        slug(staff.take_hand(id, queue[0].id, &key()).await),
        "not-found"
    );
    let lowered = wang.set_hand(id, false, &key()).await.unwrap();
    assert!(!lowered.my_hand && lowered.hands.is_empty());
    // 陈志明 has the floor, and sees so.
    let chen_live = chen.set_hand(id, false, &key()).await.unwrap();
    assert!(chen_live.my_turn);
    // Leaving takes her out of the room; a retry of the same leave is the same answer.
    let k = key();
    let out = wang.leave_meeting(id, &k).await.unwrap();
    assert!(!out.present.iter().any(|p| p.name == "王秀英"));
    assert_eq!(wang.leave_meeting(id, &k).await.unwrap(), out);
    assert_eq!(slug(wang.set_hand(id, true, &key()).await), "not-present");
}

#[tokio::test]
async fn after_the_meeting_minutes_decisions_and_follow_ups_reach_the_elder() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let staff = server.staff_for(1).await;
    let (id, _) = live_meeting(&staff, MeetingLevel::Community).await;
    wang.join_meeting(id, &join(), &key()).await.unwrap();
    let now = NowUpdate {
        agenda_item_id: None,
        caption: Some(Text::new("正在讨论扶手装在哪一侧", "Discussing which side")),
    };
    let live = staff.set_meeting_now(id, &now, &key()).await.unwrap();
    assert_eq!(live.caption.unwrap().zh, "正在讨论扶手装在哪一侧");
    let motion = MotionCreate {
        text: Text::new("装在东侧", "On the east side"),
        agenda_item_id: None,
    };
    let opened = staff.open_motion(id, &motion, &key()).await.unwrap();
    let motion_id = opened.motion.unwrap().id;
    wang.vote(motion_id, &vote(VoteChoice::Yes), &key())
        .await
        .unwrap();
    let minutes = MinutesUpdate {
        text: Text::new(
            "通过：扶手装在东侧。",
            "Carried: the handrail goes on the east side.",
        ),
    };
    assert_eq!(
        slug(staff.publish_minutes(id, &minutes, &key()).await),
        "illegal-transition",
        "minutes come after the meeting"
    );
    // Ending closes the open vote; its count stands.
    let ended = MeetingStatusUpdate {
        status: MeetingStatus::Ended,
    };
    staff.set_meeting_status(id, &ended, &key()).await.unwrap();
    staff.publish_minutes(id, &minutes, &key()).await.unwrap();
    let follow = FollowUpUpdate {
        status: FollowUpStatus::Scheduled,
        note: Text::new("12月3日上午安装", "Fitted on the morning of 3 December"),
    };
    staff
        .set_follow_up(motion_id, &follow, &key())
        .await
        .unwrap();

    let seen = wang.meeting(id).await.unwrap();
    assert_eq!(seen.status, MeetingStatus::Ended);
    assert_eq!(seen.minutes.unwrap().text.zh, "通过：扶手装在东侧。");
    let decision = &seen.decisions[0];
    assert_eq!(decision.result.outcome, Outcome::Carried);
    assert_eq!(decision.result.present, 1);
    assert_eq!(decision.follow_up.status, FollowUpStatus::Scheduled);
    assert_eq!(decision.follow_up.note.zh, "12月3日上午安装");
    assert_eq!(
        slug(wang.join_meeting(id, &join(), &key()).await),
        "meeting-closed"
    );
}

#[tokio::test]
async fn only_staff_host_and_only_their_own_communitys_meetings() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let create = meeting_in_an_hour(MeetingLevel::Community);
    assert_eq!(
        slug(wang.create_meeting(&create, &key()).await),
        "forbidden"
    );
    let daughter = server.daughter_for(1).await;
    assert_eq!(slug(daughter.staff_meetings().await), "forbidden");
    let staff = server.staff_for(1).await;
    let mut bad = create.clone();
    bad.level = MeetingLevel::Building;
    bad.compound = None;
    assert_eq!(
        slug(staff.create_meeting(&bad, &key()).await),
        "invalid-request"
    );
    let m = staff.create_meeting(&create, &key()).await.unwrap();
    let live = MeetingStatusUpdate {
        status: MeetingStatus::Ended,
    };
    assert_eq!(
        slug(staff.set_meeting_status(m.id, &live, &key()).await),
        "illegal-transition",
        "a meeting that never began cannot end"
    );
    // A ticket works for its own meeting only.
    let (other, ticket) = live_meeting(&staff, MeetingLevel::Community).await;
    let wrong = reqwest::get(staff.meeting_events_url(m.id, &ticket))
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let right = reqwest::get(staff.meeting_events_url(other, &ticket))
        .await
        .unwrap();
    assert_eq!(right.status(), 200);
}
