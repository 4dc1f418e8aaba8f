//! Residents' concerns (issue 7): raised by a tap or a few words, triaged by staff into an
//! agenda, and followed by the elder to the decision.

mod common;

use api::{
    ConcernCreate, ConcernStatus, ConcernTopic, ConcernTriage, JoinRequest, MeetingLevel,
    MeetingStatus, MeetingStatusUpdate, MotionCreate, Text, VoteChoice, VoteRequest,
};
use common::{TestServer, WANG, ZHANG, key, meetings::meeting_in_an_hour, slug};

fn noise(text: Option<&str>) -> ConcernCreate {
    ConcernCreate {
        topic: ConcernTopic::Noise,
        text: text.map(Into::into),
        meeting_id: None,
    }
}

#[tokio::test]
async fn a_concern_goes_onto_the_agenda_and_the_elder_follows_it_to_the_decision() {
    let server = TestServer::start().await;
    let wang = server.sign_in(WANG).await;
    let staff = server.staff_for(1).await;
    let m = staff
        .create_meeting(&meeting_in_an_hour(MeetingLevel::Community), &key())
        .await
        .unwrap();
    let raised = wang
        .raise_concern(
            &ConcernCreate {
                meeting_id: Some(m.id),
                ..noise(Some("晚上广场舞太吵"))
            },
            &key(),
        )
        .await
        .unwrap();
    assert_eq!(raised.status, ConcernStatus::Received);
    assert_eq!(raised.raised_by.name, "王秀英");

    let queue = staff.staff_concerns().await.unwrap();
    assert_eq!(queue[0].id, raised.id, "waiting concerns come first");
    let triage = ConcernTriage::Agenda {
        meeting_id: m.id,
        title: Text::new("广场舞噪音", "Square-dance noise"),
    };
    let placed = staff
        .triage_concern(raised.id, &triage, &key())
        .await
        .unwrap();
    assert_eq!(placed.status, ConcernStatus::OnAgenda);
    let item = placed.agenda.unwrap().item;
    assert_eq!(item.concern_id, Some(raised.id));
    assert_eq!(
        slug(staff.triage_concern(raised.id, &triage, &key()).await),
        "illegal-transition",
        "a concern is triaged once"
    );
    let meeting = wang.meeting(m.id).await.unwrap();
    assert!(meeting.agenda.iter().any(|a| a.title.zh == "广场舞噪音"));

    // At the meeting a motion on that item is carried.
    staff
        .set_meeting_status(
            m.id,
            &MeetingStatusUpdate {
                status: MeetingStatus::Live,
            },
            &key(),
        )
        .await
        .unwrap();
    wang.join_meeting(
        m.id,
        &JoinRequest {
            mode: api::AttendMode::Online,
        },
        &key(),
    )
    .await
    .unwrap();
    let motion = MotionCreate {
        text: Text::new("晚上八点后停止广场舞", "No square dancing after 8 pm"),
        agenda_item_id: Some(item.id),
    };
    let motion_id = staff
        .open_motion(m.id, &motion, &key())
        .await
        .unwrap()
        .motion
        .unwrap()
        .id;
    wang.vote(
        motion_id,
        &VoteRequest {
            choice: VoteChoice::Yes,
        },
        &key(),
    )
    .await
    .unwrap();
    staff.close_motion(motion_id, &key()).await.unwrap();
    let mine = wang.concerns().await.unwrap();
    let decision = mine[0]
        .decision
        .as_ref()
        .expect("the decision on her concern");
    assert_eq!(decision.text.zh, "晚上八点后停止广场舞");
    assert_eq!(decision.result.outcome, api::Outcome::Carried);
}

#[tokio::test]
async fn staff_say_why_a_concern_is_declined_and_the_elder_sees_it() {
    let server = TestServer::start().await;
    let zhang = server.sign_in(ZHANG).await;
    let staff = server.staff_for(3).await;
    let raised = zhang.raise_concern(&noise(None), &key()).await.unwrap();
    let declined = ConcernTriage::Declined {
        note: "已转交派出所处理".into(),
    };
    staff
        .triage_concern(raised.id, &declined, &key())
        .await
        .unwrap();
    let mine = zhang.concerns().await.unwrap();
    assert_eq!(mine[0].status, ConcernStatus::Declined);
    assert_eq!(mine[0].note.as_deref(), Some("已转交派出所处理"));
}

#[tokio::test]
async fn concerns_are_checked_and_kept_to_the_elders_own_meetings() {
    let server = TestServer::start().await;
    let zhang = server.sign_in(ZHANG).await; // 5号楼
    let staff = server.staff_for(3).await;
    let long = "吵".repeat(api::validate_meetings::CONCERN_MAX + 1);
    assert_eq!(
        slug(zhang.raise_concern(&noise(Some(&long)), &key()).await),
        "invalid-request"
    );
    let building_3 = staff
        .create_meeting(&meeting_in_an_hour(MeetingLevel::Building), &key())
        .await
        .unwrap();
    let for_other_building = ConcernCreate {
        meeting_id: Some(building_3.id),
        ..noise(None)
    };
    assert_eq!(
        slug(zhang.raise_concern(&for_other_building, &key()).await),
        "not-found"
    );
    // Elders do not triage.
    let raised = zhang.raise_concern(&noise(None), &key()).await.unwrap();
    let handled = ConcernTriage::Handled {
        note: "好的".into(),
    };
    assert_eq!(
        slug(zhang.triage_concern(raised.id, &handled, &key()).await),
        "forbidden"
    );
}
