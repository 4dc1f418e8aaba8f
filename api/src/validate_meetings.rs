//! Input rules for council meetings (issue 7), shared like [`crate::validate`].

use crate::{
    ConcernCreate, ConcernTriage, FieldError, MeetingCreate, MeetingLevel, Text,
    validate::{COMMENT_MAX, field, typed_text},
};

/// Longest concern an elder types, in characters: a sentence or two, as long as any other
/// comment (the app's comment box counts down from it).
pub const CONCERN_MAX: usize = COMMENT_MAX;
/// Longest topic, place, agenda title or motion, in characters.
pub const TITLE_MAX: usize = 100;
/// Longest live caption, in characters: a sentence or two read at a glance.
pub const CAPTION_MAX: usize = 200;
/// Longest minutes, in characters.
pub const MINUTES_MAX: usize = 5000;
/// Longest name of a compound or building ("阳光小区", "3号楼").
pub const SCOPE_NAME_MAX: usize = 30;

/// A text staff give in both languages: Chinese is required, English may be left empty
/// (the app then shows the Chinese).
pub fn text(name: &str, t: &Text, max: usize) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(code) = typed_text(&t.zh, max, true) {
        errors.push(field(name, &format!("{name}-{code}")));
    }
    if !t.en.is_empty()
        && let Some(code) = typed_text(&t.en, max, true)
    {
        errors.push(field(name, &format!("{name}-en-{code}")));
    }
    errors
}

/// Field errors for a concern an elder raises, empty when it is valid.
pub fn concern(c: &ConcernCreate) -> Vec<FieldError> {
    match c
        .text
        .as_deref()
        .and_then(|t| typed_text(t, CONCERN_MAX, true))
    {
        Some(code) => vec![field("text", &format!("text-{code}"))],
        None => Vec::new(),
    }
}

/// Field errors for a staff triage of a concern.
pub fn triage(t: &ConcernTriage) -> Vec<FieldError> {
    match t {
        ConcernTriage::Agenda { title, .. } => text("title", title, TITLE_MAX),
        ConcernTriage::Handled { note } | ConcernTriage::Declined { note } => {
            match typed_text(note, COMMENT_MAX, true) {
                Some(code) => vec![field("note", &format!("note-{code}"))],
                None => Vec::new(),
            }
        }
    }
}

/// Field errors for a new meeting, empty when it is valid.
pub fn meeting(m: &MeetingCreate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    errors.extend(text("topic", &m.topic, TITLE_MAX));
    errors.extend(text("place", &m.place, TITLE_MAX));
    for item in &m.agenda {
        errors.extend(text("agenda", item, TITLE_MAX));
    }
    if m.ends_at <= m.starts_at {
        errors.push(field("ends_at", "ends_at-before-start"));
    }
    let needs_compound = m.level != MeetingLevel::Community;
    let needs_building = m.level == MeetingLevel::Building;
    for (name, value, needed) in [
        ("compound", &m.compound, needs_compound),
        ("building", &m.building, needs_building),
    ] {
        match (value.as_deref(), needed) {
            (None, true) => errors.push(field(name, &format!("{name}-missing"))),
            (Some(_), false) => errors.push(field(name, &format!("{name}-unexpected"))),
            (Some(v), true) => {
                if let Some(code) = typed_text(v, SCOPE_NAME_MAX, false) {
                    errors.push(field(name, &format!("{name}-{code}")));
                }
            }
            (None, false) => {}
        }
    }
    if let Some(room) = &m.external
        && !external_address(&room.address)
    {
        errors.push(field("external", "external-address"));
    }
    errors
}

/// An external room's address: an https URL of reasonable length with a host.
pub fn external_address(s: &str) -> bool {
    s.len() <= 300
        && s.strip_prefix("https://")
            .and_then(|rest| rest.split('/').next())
            .is_some_and(|host| !host.is_empty() && !host.contains(char::is_whitespace))
        && !s.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ChannelType, ConcernTopic, ExternalRoom};

    fn meeting_at(
        level: MeetingLevel,
        compound: Option<&str>,
        building: Option<&str>,
    ) -> MeetingCreate {
        MeetingCreate {
            level,
            compound: compound.map(Into::into),
            building: building.map(Into::into),
            topic: Text::new("加装电梯", ""),
            place: Text::new("活动室", "Activity room"),
            starts_at: "2030-03-05T14:00:00+08:00".parse().unwrap(),
            ends_at: "2030-03-05T15:00:00+08:00".parse().unwrap(),
            external: None,
            agenda: vec![Text::new("电梯费用分摊", "")],
        }
    }

    fn codes(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.code).collect::<Vec<_>>()
    }

    #[test]
    fn a_meeting_names_exactly_the_scope_its_level_needs() {
        assert!(meeting(&meeting_at(MeetingLevel::Community, None, None)).is_empty());
        assert!(
            meeting(&meeting_at(
                MeetingLevel::Building,
                Some("阳光小区"),
                Some("3号楼")
            ))
            .is_empty()
        );
        assert_eq!(
            codes(meeting(&meeting_at(
                MeetingLevel::Building,
                Some("阳光小区"),
                None
            ))),
            ["building-missing"]
        );
        assert_eq!(
            codes(meeting(&meeting_at(
                MeetingLevel::Community,
                Some("阳光小区"),
                None
            ))),
            ["compound-unexpected"]
        );
    }

    #[test]
    fn a_meeting_ends_after_it_starts_and_needs_a_chinese_topic() {
        let mut m = meeting_at(MeetingLevel::Community, None, None);
        m.ends_at = m.starts_at;
        m.topic = Text::new(" ", "Lift");
        assert_eq!(codes(meeting(&m)), ["topic-empty", "ends_at-before-start"]);
    }

    #[test]
    fn external_rooms_are_https_urls() {
        assert!(external_address("https://meet.jit.si/linli-yangguang-3"));
        assert!(!external_address("http://meet.jit.si/x"));
        assert!(!external_address("https:///x"));
        assert!(!external_address("https://meet.jit.si/a b"));
        let mut m = meeting_at(MeetingLevel::Community, None, None);
        m.external = Some(ExternalRoom {
            channel_type: ChannelType::Jitsi,
            address: "javascript:alert(1)".into(),
        });
        assert_eq!(codes(meeting(&m)), ["external-address"]);
    }

    #[test]
    fn a_concern_may_be_a_tap_or_a_few_words() {
        let mut c = ConcernCreate {
            topic: ConcernTopic::Noise,
            text: None,
            meeting_id: None,
        };
        assert!(concern(&c).is_empty());
        c.text = Some("楼下广场舞太吵".into());
        assert!(concern(&c).is_empty());
        c.text = Some("吵".repeat(CONCERN_MAX + 1));
        assert_eq!(codes(concern(&c)), ["text-too-long"]);
    }
}
