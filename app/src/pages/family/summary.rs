//! What others did for the elder, in words: one clause per thing done ("王丽（女儿）帮您预约了
//! 明天 11月24日 星期二 午餐"), and the short summary home says at sign-in (at most three
//! things, then how many more, so it stays one short breath of speech; UX.md, Voice).

use api::{ActivityItem, ActivityKind, ActivitySummary, Lang};
use chrono::NaiveDate;

use crate::i18n::{join_sentences, tr, tr_with};
use crate::pages::bookings::service_headline;
use crate::words;

/// The most things the sign-in summary says; the rest are in "who acted for me".
pub const SPOKEN_ITEMS: usize = 3;

/// One thing done for the elder, as a sentence.
pub fn item_words(lang: Lang, item: &ActivityItem, today: NaiveDate) -> String {
    let who = words::person(lang, &item.by);
    let what = item
        .service
        .as_ref()
        .map(|s| service_headline(lang, s, today))
        .unwrap_or_default();
    let args = [("who", who.as_str()), ("what", what.as_str())];
    match item.kind {
        ActivityKind::Booked => tr_with(lang, "activity.booked", &args),
        ActivityKind::Cancelled => tr_with(lang, "activity.cancelled", &args),
        ActivityKind::Rated => tr_with(lang, "activity.rated", &args),
        ActivityKind::Complained => tr_with(lang, "activity.complained", &args),
        ActivityKind::AskedForHelp => tr_with(lang, "activity.asked_for_help", &args),
        ActivityKind::Linked => tr_with(lang, "activity.linked", &args),
        ActivityKind::Renewed => tr_with(lang, "activity.renewed", &args),
        ActivityKind::PermissionsChanged => tr_with(lang, "activity.permissions_changed", &args),
        ActivityKind::Revoked => tr_with(lang, "activity.revoked", &args),
    }
}

/// "您不在的时候，王丽（女儿）帮您预约了…。还有 2 件事，在“我的家人”里可以看到。"; `None`
/// when nothing was done.
pub fn summary_words(
    lang: Lang,
    summary: &ActivitySummary,
    today: impl Fn(&ActivityItem) -> NaiveDate,
) -> Option<String> {
    if summary.items.is_empty() {
        return None;
    }
    let mut parts = vec![tr(lang, "activity.while_away")];
    parts.extend(
        summary
            .items
            .iter()
            .take(SPOKEN_ITEMS)
            .map(|i| item_words(lang, i, today(i))),
    );
    let total = (summary.total as usize).max(summary.items.len());
    let more = total.saturating_sub(SPOKEN_ITEMS);
    if more > 0 {
        parts.push(tr_with(lang, "activity.more", &[("n", &more.to_string())]));
    }
    Some(join_sentences(lang, &parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::{PersonKind, PersonRef, Relation};
    use chrono::DateTime;

    fn item(kind: ActivityKind) -> ActivityItem {
        ActivityItem {
            kind,
            at: DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").unwrap_or_default(),
            by: PersonRef {
                id: 9,
                name: "王丽".into(),
                kind: PersonKind::Family,
                relation: Some(Relation::Daughter),
            },
            subject_id: 1,
            booking_id: None,
            service: None,
            topic: None,
            face: None,
        }
    }

    fn today(_: &ActivityItem) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    #[test]
    fn says_who_with_their_relation() {
        let words = item_words(
            Lang::ZhCn,
            &item(ActivityKind::Linked),
            today(&item(ActivityKind::Linked)),
        );
        assert!(words.contains("王丽（女儿）"), "{words}");
        let words = item_words(
            Lang::En,
            &item(ActivityKind::Linked),
            today(&item(ActivityKind::Linked)),
        );
        assert!(words.contains("王丽 (daughter)"), "{words}");
    }

    #[test]
    fn says_at_most_three_then_how_many_more() {
        let summary = ActivitySummary {
            since: None,
            total: 5,
            items: vec![item(ActivityKind::Linked); 5],
        };
        let text = summary_words(Lang::En, &summary, today).unwrap_or_default();
        assert_eq!(text.matches("王丽 (daughter)").count(), 3, "{text}");
        assert!(text.contains('2'), "{text}");
        let empty = ActivitySummary {
            since: None,
            total: 0,
            items: Vec::new(),
        };
        assert_eq!(summary_words(Lang::ZhCn, &empty, today), None);
    }
}
