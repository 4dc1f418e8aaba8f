//! Council meetings for tests: a meeting starting soon, and reading the live stream.

use std::time::Duration;

use api::{Client, MeetingCreate, MeetingLevel, MeetingLive, Text};
use chrono::{DateTime, FixedOffset};

use super::{START, key};

/// A meeting of `level` (building 3 of 阳光小区 for a building's) an hour after the start.
pub fn meeting_in_an_hour(level: MeetingLevel) -> MeetingCreate {
    let start: DateTime<FixedOffset> = START.parse().expect("start time");
    MeetingCreate {
        level,
        compound: (level != MeetingLevel::Community).then(|| "阳光小区".into()),
        building: (level == MeetingLevel::Building).then(|| "3号楼".into()),
        topic: Text::new("楼道装扶手", "Handrails in the stairwell"),
        place: Text::new("3号楼门厅", "Hall of Building 3"),
        starts_at: start + chrono::Duration::hours(1),
        ends_at: start + chrono::Duration::hours(2),
        external: None,
        agenda: vec![Text::new("扶手装在哪一侧", "Which side the handrail goes")],
    }
}

/// Creates a meeting as staff and opens it: live, with the host in the room.
pub async fn live_meeting(staff: &Client, level: MeetingLevel) -> (i64, String) {
    let m = staff
        .create_meeting(&meeting_in_an_hour(level), &key())
        .await
        .expect("create meeting");
    staff
        .set_meeting_status(
            m.id,
            &api::MeetingStatusUpdate {
                status: api::MeetingStatus::Live,
            },
            &key(),
        )
        .await
        .expect("meeting live");
    let ticket = staff.host_meeting(m.id, &key()).await.expect("host joins");
    (m.id, ticket.ticket)
}

/// A live stream of the meeting, read event by event.
pub struct Stream {
    resp: reqwest::Response,
    buf: String,
}

impl Stream {
    pub async fn open(client: &Client, meeting: i64, ticket: &str) -> Stream {
        let resp = reqwest::get(client.meeting_events_url(meeting, ticket))
            .await
            .expect("events");
        assert_eq!(resp.status(), 200);
        assert_eq!(
            resp.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Stream {
            resp,
            buf: String::new(),
        }
    }

    /// The next `live` event, waiting at most 10 s.
    pub async fn next(&mut self) -> MeetingLive {
        tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                if let Some(end) = self.buf.find("\n\n") {
                    let event: String = self.buf.drain(..end + 2).collect();
                    if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: "))
                        && event.lines().any(|l| l == "event: live")
                    {
                        return serde_json::from_str(data).expect("a MeetingLive");
                    }
                    continue;
                }
                let chunk = self.resp.chunk().await.expect("read").expect("stream open");
                self.buf.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .expect("a live event within 10 s")
    }

    /// Live events until one satisfies `done`.
    pub async fn until(&mut self, done: impl Fn(&MeetingLive) -> bool) -> MeetingLive {
        loop {
            let live = self.next().await;
            if done(&live) {
                return live;
            }
        }
    }
}
