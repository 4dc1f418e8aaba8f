//! Voting under load (issue 7): 100 elders in one meeting voting and changing their votes all
//! at once; the count is exact and every elder has one vote.

mod common;

use api::{AttendMode, JoinRequest, MeetingLevel, MotionCreate, Text, VoteChoice, VoteRequest};
use common::{TestServer, key, meetings::live_meeting};

const VOTERS: usize = 100;

fn choice_of(i: usize) -> VoteChoice {
    match i % 3 {
        0 => VoteChoice::Yes,
        1 => VoteChoice::No,
        _ => VoteChoice::Abstain,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_elders_voting_at_once_are_counted_exactly() {
    let server = TestServer::start().await;
    let staff = server.staff_for(1).await;
    let (id, _) = live_meeting(&staff, MeetingLevel::Community).await;
    let elders = server.many_elders(VOTERS).await;
    let join = JoinRequest {
        mode: AttendMode::Online,
    };
    futures::future::try_join_all(
        elders
            .iter()
            .map(|e| async { e.join_meeting(id, &join, &key()).await }),
    )
    .await
    .expect("everyone joins");
    let motion = MotionCreate {
        text: Text::new("同意加装电梯", "Agree to add a lift"),
        agenda_item_id: None,
    };
    let motion_id = staff
        .open_motion(id, &motion, &key())
        .await
        .unwrap()
        .motion
        .unwrap()
        .id;

    // Everyone votes "no" first, then all at once change to their real choice, while the
    // same vote is sent twice by every third elder (a double tap).
    let first = VoteRequest {
        choice: VoteChoice::No,
    };
    futures::future::try_join_all(
        elders
            .iter()
            .map(|e| async { e.vote(motion_id, &first, &key()).await }),
    )
    .await
    .expect("first votes");
    let finals = elders.iter().enumerate().flat_map(|(i, e)| {
        let req = VoteRequest {
            choice: choice_of(i),
        };
        let times = if i % 3 == 0 { 2 } else { 1 };
        (0..times).map(move |_| async move { e.vote(motion_id, &req, &key()).await })
    });
    futures::future::try_join_all(finals)
        .await
        .expect("final votes");
    let closed = staff.close_motion(motion_id, &key()).await.unwrap();
    let r = closed.motion.unwrap().result.unwrap();
    let expect = |c: VoteChoice| (0..VOTERS).filter(|&i| choice_of(i) == c).count() as u32;
    assert_eq!(r.yes, expect(VoteChoice::Yes));
    assert_eq!(r.no, expect(VoteChoice::No));
    assert_eq!(r.abstain, expect(VoteChoice::Abstain));
    assert_eq!(r.yes + r.no + r.abstain, VOTERS as u32, "one vote each");
    assert_eq!(r.present, VOTERS as u32);
}
