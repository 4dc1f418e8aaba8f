//! Meetings as the contract shows them: an invitation with its agenda, minutes and
//! decisions ([`meeting`]), and the room as one person sees it now ([`live`]).

use api::{
    AgendaItem, ChannelType, Decision, FollowUp, Hand, Meeting, MeetingLevel, MeetingLive,
    MeetingStatus, Minutes, Motion, MotionStatus, PersonRef, Reply, ReplyCounts, Text,
    VirtualService, VoteChoice, VoteResult, signal::MESH_MAX,
};
use chrono::FixedOffset;
use sqlx::SqliteConnection;

use crate::{
    db::{
        self,
        meeting_room::{self, MotionRow},
        meetings::{self, AgendaRow, MeetingRow},
    },
    error::Result,
    http::bookings::person_kind,
};

pub fn agenda_item(r: AgendaRow) -> AgendaItem {
    AgendaItem {
        id: r.id,
        position: u32::try_from(r.position).unwrap_or_default(),
        title: Text::new(r.title_zh, r.title_en),
        concern_id: r.concern_id,
    }
}

pub fn virtual_service(m: &MeetingRow) -> Result<VirtualService> {
    let channel_type: ChannelType = db::enum_of(&m.channel_type)?;
    Ok(match (channel_type, &m.external_url) {
        (ChannelType::Builtin, _) | (_, None) => VirtualService {
            channel_type: ChannelType::Builtin,
            address: format!("{}/meetings/{}/signal", api::API_PREFIX, m.id),
            max_participants: u32::try_from(MESH_MAX).ok(),
        },
        (channel_type, Some(url)) => VirtualService {
            channel_type,
            address: url.clone(),
            max_participants: None,
        },
    })
}

fn person(id: i64, name: String, kind: &str) -> PersonRef {
    PersonRef {
        id,
        name,
        kind: person_kind(kind),
        relation: None,
    }
}

/// The votes on a motion: (yes, no, abstain). One count serves the running total, the result
/// and the close.
pub async fn counts(db: &mut SqliteConnection, motion: i64) -> Result<(u32, u32, u32)> {
    let (mut yes, mut no, mut abstain) = (0, 0, 0);
    for (choice, n) in meeting_room::tally(&mut *db, motion).await? {
        let n = u32::try_from(n).unwrap_or_default();
        match db::enum_of::<VoteChoice>(&choice)? {
            VoteChoice::Yes => yes = n,
            VoteChoice::No => no = n,
            VoteChoice::Abstain => abstain = n,
        }
    }
    Ok((yes, no, abstain))
}

/// The result of a closed motion, from its counts; none while it is open.
fn result(m: &MotionRow, (yes, no, abstain): (u32, u32, u32)) -> Option<VoteResult> {
    (m.status == "closed").then(|| VoteResult {
        yes,
        no,
        abstain,
        present: u32::try_from(m.present_at_close.unwrap_or_default()).unwrap_or_default(),
        outcome: VoteResult::outcome_of(yes, no, abstain),
    })
}

pub async fn decision(
    db: &mut SqliteConnection,
    m: MotionRow,
    tz: FixedOffset,
) -> Result<Option<Decision>> {
    if m.status != "closed" {
        return Ok(None);
    }
    let Some(result) = result(&m, counts(db, m.id).await?) else {
        return Ok(None);
    };
    Ok(Some(Decision {
        motion_id: m.id,
        agenda_item_id: m.agenda_item_id,
        text: Text::new(m.text_zh, m.text_en),
        result,
        follow_up: FollowUp {
            status: db::enum_of(&m.follow_up)?,
            note: Text::new(m.follow_up_zh, m.follow_up_en),
            updated_at: db::local(m.follow_up_at.unwrap_or(m.opened_at), tz),
        },
    }))
}

/// A meeting as `elder_id` sees it (staff pass no elder: no reply of their own).
pub async fn meeting(
    db: &mut SqliteConnection,
    m: MeetingRow,
    elder_id: Option<i64>,
    tz: FixedOffset,
) -> Result<Meeting> {
    let agenda = meetings::agenda(&mut *db, m.id)
        .await?
        .into_iter()
        .map(agenda_item)
        .collect();
    let my_reply = match elder_id {
        Some(elder) => meetings::reply_of(&mut *db, m.id, elder)
            .await?
            .map(|r| db::enum_of::<Reply>(&r))
            .transpose()?,
        None => None,
    };
    let mut replies = ReplyCounts::default();
    for (reply, n) in meetings::reply_counts(&mut *db, m.id).await? {
        let n = u32::try_from(n).unwrap_or_default();
        match db::enum_of::<Reply>(&reply)? {
            Reply::Online => replies.online = n,
            Reply::InPerson => replies.in_person = n,
            Reply::Cannot => replies.cannot = n,
        }
    }
    let mut decisions = Vec::new();
    for motion in meeting_room::closed_motions(&mut *db, m.id).await? {
        decisions.extend(decision(&mut *db, motion, tz).await?);
    }
    let minutes = match (&m.minutes_zh, m.minutes_at) {
        (Some(zh), Some(at)) => Some(Minutes {
            text: Text::new(zh.clone(), m.minutes_en.clone().unwrap_or_default()),
            published_at: db::local(at, tz),
        }),
        _ => None,
    };
    Ok(Meeting {
        id: m.id,
        level: db::enum_of::<MeetingLevel>(&m.level)?,
        scope: scope(&m),
        topic: Text::new(m.topic_zh.clone(), m.topic_en.clone()),
        place: Text::new(m.place_zh.clone(), m.place_en.clone()),
        starts_at: db::local(m.starts_at, tz),
        ends_at: db::local(m.ends_at, tz),
        status: db::enum_of::<MeetingStatus>(&m.status)?,
        virtual_service: virtual_service(&m)?,
        agenda,
        my_reply,
        replies,
        minutes,
        decisions,
    })
}

/// Whose council, in words. Compound and building names are the community's own (one
/// language); a community's meeting is named in both.
fn scope(m: &MeetingRow) -> Text {
    match (m.level.as_str(), &m.compound, &m.building) {
        ("building", Some(c), Some(b)) => {
            let name = format!("{c} {b}");
            Text::new(name.clone(), name)
        }
        ("compound", Some(c), _) => Text::new(c.clone(), c.clone()),
        _ => Text::new("全社区", "Whole community"),
    }
}

/// The room as `viewer` sees it now.
pub async fn live(
    db: &mut SqliteConnection,
    m: &MeetingRow,
    viewer: i64,
    tz: FixedOffset,
) -> Result<MeetingLive> {
    let current_item = match m.current_item_id {
        Some(id) => meetings::agenda_item(&mut *db, id)
            .await?
            .filter(|item| item.meeting_id == m.id)
            .map(agenda_item),
        None => None,
    };
    let caption = m
        .caption_zh
        .as_ref()
        .map(|zh| Text::new(zh.clone(), m.caption_en.clone().unwrap_or_default()));
    let present = meeting_room::present(&mut *db, m.id)
        .await?
        .into_iter()
        .map(|p| person(p.person_id, p.name, &p.kind))
        .collect();
    let motion = match meeting_room::current_motion(&mut *db, m.id).await? {
        Some(row) => Some(motion(db, row, viewer, tz).await?),
        None => None,
    };
    let hands: Vec<Hand> = meeting_room::hands(&mut *db, m.id)
        .await?
        .into_iter()
        .map(|h| Hand {
            id: h.id,
            person: person(h.person_id, h.name, &h.kind),
            raised_at: db::local(h.raised_at, tz),
        })
        .collect();
    let my_hand = hands.iter().any(|h| h.person.id == viewer);
    let my_turn = meeting_room::floor(&mut *db, m.id).await? == Some(viewer);
    Ok(MeetingLive {
        meeting_id: m.id,
        status: db::enum_of(&m.status)?,
        current_item,
        caption,
        present,
        motion,
        hands,
        my_hand,
        my_turn,
        version: m.version,
    })
}

async fn motion(
    db: &mut SqliteConnection,
    row: MotionRow,
    viewer: i64,
    tz: FixedOffset,
) -> Result<Motion> {
    let counted = counts(db, row.id).await?;
    let votes_cast = counted.0 + counted.1 + counted.2;
    let my_vote = meeting_room::my_vote(&mut *db, row.id, viewer)
        .await?
        .map(|c| db::enum_of::<VoteChoice>(&c))
        .transpose()?;
    let result = result(&row, counted);
    Ok(Motion {
        id: row.id,
        agenda_item_id: row.agenda_item_id,
        text: Text::new(row.text_zh, row.text_en),
        status: db::enum_of::<MotionStatus>(&row.status)?,
        opened_at: db::local(row.opened_at, tz),
        votes_cast,
        my_vote,
        result,
    })
}
