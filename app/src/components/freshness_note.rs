//! "网络不通，显示的是 10:42 的信息": shown under the title, and spoken with it, while the
//! screen shows answers the platform gave earlier (see `state/freshness.rs`). A calm line,
//! not a problem: the elder can still read and choose.

use api::Lang;
use chrono::{DateTime, FixedOffset, NaiveDate};
use leptos::prelude::*;

use super::{Icon, IconKind};
use crate::dates;
use crate::i18n::{tr_with, use_i18n};
use crate::state::FreshnessCtx;

/// The note for the screen being set up, in the current language (tracked); `None` while
/// everything on it is fresh. Call once per screen: the screen starts fresh.
pub fn use_freshness_note() -> Signal<Option<String>> {
    let i18n = use_i18n();
    let freshness = use_context::<FreshnessCtx>();
    if let Some(freshness) = freshness {
        freshness.clear();
    }
    Signal::derive(move || {
        let as_of = freshness?.as_of.get()?;
        // When this device last heard from the platform, by its own clock and zone.
        let at = as_of.with_timezone(&dates::device_offset(as_of));
        Some(as_of_words(i18n.lang(), at, dates::today_in(at.offset())))
    })
}

/// The time alone when it is today, else the date and time.
pub fn as_of_words(lang: Lang, at: DateTime<FixedOffset>, today: NaiveDate) -> String {
    let when = dates::time_or_moment(lang, &at, today);
    tr_with(lang, "freshness.as_of", &[("when", &when)])
}

#[component]
pub fn FreshnessNote(#[prop(into)] note: Signal<Option<String>>) -> impl IntoView {
    move || {
        note.get().map(|text| {
            view! {
                <div class="notice notice-info as-of" role="status" data-testid="as-of">
                    <Icon kind=IconKind::Clock />
                    <p>{text}</p>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap_or_default()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn today_says_the_time_alone() {
        let as_of = at("2030-03-05T10:42:00+08:00");
        assert_eq!(
            as_of_words(Lang::ZhCn, as_of, day("2030-03-05")),
            "网络不通，显示的是 10:42 的信息"
        );
        assert_eq!(
            as_of_words(Lang::En, as_of, day("2030-03-05")),
            "No connection: showing information from 10:42"
        );
    }

    #[test]
    fn another_day_says_the_date_too() {
        let as_of = at("2030-03-04T18:05:00+08:00");
        assert_eq!(
            as_of_words(Lang::ZhCn, as_of, day("2030-03-05")),
            "网络不通，显示的是 3月4日 星期一 18:05 的信息"
        );
        assert_eq!(
            as_of_words(Lang::En, as_of, day("2030-03-05")),
            "No connection: showing information from Monday 4 March, 18:05"
        );
    }
}
