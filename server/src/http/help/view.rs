//! Help requests as the contract shows them, and the words they are stored as.

use std::collections::HashMap;

use api::{HelpPlace, HelpRequest, HelpStatus, PersonKind, PersonRef};
use chrono::FixedOffset;

use crate::{
    db::{
        self,
        help::{HelpRow, Notified},
    },
    error::{Error, Result},
    http::bookings::person_kind,
};

/// Longest kiosk location and screen kept, in characters: a centre's place name and an app
/// route are short; anything longer is cut, not refused, because a call for help must never
/// fail over how it was labelled.
const LOCATION_MAX: usize = api::validate::ADDRESS_MAX;
const SCREEN_MAX: usize = api::validate::NOTE_MAX;

pub(super) fn view(
    r: HelpRow,
    notified: Vec<PersonRef>,
    hotline: String,
    tz: FixedOffset,
) -> Result<HelpRequest> {
    let place = match (r.place.as_str(), r.kiosk_location) {
        ("kiosk", Some(location)) => HelpPlace::Kiosk { location },
        ("phone", None) => HelpPlace::Phone,
        (other, _) => {
            return Err(Error::Internal(format!(
                "help request {} has an unknown place {other:?}",
                r.id
            )));
        }
    };
    Ok(HelpRequest {
        id: r.id,
        elder: PersonRef {
            id: r.elder_id,
            name: r.elder_name,
            kind: PersonKind::Elder,
            relation: None,
        },
        requested_by: PersonRef {
            id: r.requested_by,
            name: r.requested_by_name,
            kind: person_kind(&r.requested_by_kind),
            relation: None,
        },
        place,
        screen: r.screen,
        status: status_of(&r.status)?,
        created_at: db::local(r.created_at, tz),
        handled_by: r
            .handled_by
            .zip(r.handled_by_name)
            .map(|(id, name)| PersonRef {
                id,
                name,
                kind: PersonKind::Staff,
                relation: None,
            }),
        notified,
        hotline,
    })
}

/// A list of requests, each with who was told of it and the hotline to call.
pub(super) fn views(
    rows: Vec<HelpRow>,
    notified: Vec<Notified>,
    hotline: &str,
    tz: FixedOffset,
) -> Result<Vec<HelpRequest>> {
    let mut notified = group_notified(notified);
    rows.into_iter()
        .map(|r| {
            let told = notified.remove(&r.id).unwrap_or_default();
            view(r, told, hotline.to_owned(), tz)
        })
        .collect()
}

/// Who was told of each request, by request id, in the order the query gave.
pub(super) fn group_notified(rows: Vec<Notified>) -> HashMap<i64, Vec<PersonRef>> {
    let mut by_request: HashMap<i64, Vec<PersonRef>> = HashMap::new();
    for (request, id, name, kind) in rows {
        by_request.entry(request).or_default().push(PersonRef {
            id,
            name,
            kind: person_kind(&kind),
            relation: None,
        });
    }
    by_request
}

/// The stored `place` and `kiosk_location` of where the elder was.
pub(super) fn place_columns(place: &HelpPlace) -> (&'static str, Option<String>) {
    match place {
        HelpPlace::Kiosk { location } => ("kiosk", Some(clean(location, LOCATION_MAX))),
        HelpPlace::Phone => ("phone", None),
    }
}

/// The screen as stored: cleaned, and absent if nothing is left.
pub(super) fn clean_screen(screen: &str) -> Option<String> {
    Some(clean(screen, SCREEN_MAX)).filter(|s| !s.is_empty())
}

/// Trimmed, without control characters, at most `max` characters.
fn clean(s: &str, max: usize) -> String {
    s.trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(max)
        .collect()
}

pub(super) const STATUSES: [HelpStatus; 3] = [
    HelpStatus::Open,
    HelpStatus::Acknowledged,
    HelpStatus::Closed,
];

pub(super) fn status_name(s: HelpStatus) -> &'static str {
    match s {
        HelpStatus::Open => "open",
        HelpStatus::Acknowledged => "acknowledged",
        HelpStatus::Closed => "closed",
    }
}

pub(super) fn status_of(s: &str) -> Result<HelpStatus> {
    STATUSES
        .into_iter()
        .find(|st| status_name(*st) == s)
        .ok_or_else(|| Error::Internal(format!("unknown help status {s:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_as_serde_spells_them() {
        for s in STATUSES {
            assert_eq!(status_of(status_name(s)).unwrap(), s);
            assert_eq!(serde_json::to_value(s).unwrap(), status_name(s));
        }
    }

    #[test]
    fn a_kiosk_press_keeps_where_it_was() {
        let (place, location) = place_columns(&HelpPlace::Kiosk {
            location: " 一楼大厅 ".into(),
        });
        assert_eq!((place, location.as_deref()), ("kiosk", Some("一楼大厅")));
        assert_eq!(place_columns(&HelpPlace::Phone), ("phone", None));
    }

    #[test]
    fn labels_are_cut_not_refused() {
        assert_eq!(clean_screen("  /meals\n"), Some("/meals".into()));
        assert_eq!(clean_screen(" \t "), None);
        assert_eq!(clean(&"大".repeat(300), LOCATION_MAX).chars().count(), 100);
    }
}
