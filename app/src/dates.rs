//! Days and times in words ("明天 11月24日 星期二", "Tomorrow, Tuesday 24 November").
//!
//! Times are shown in the offset the platform sent (the community's time zone),
//! never the device's. "Today" is computed in that same offset.

use api::Lang;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Timelike, Utc, Weekday};

use crate::i18n::{tr, tr_with};

/// Today's date in the time zone of `offset` (the community's).
pub fn today_in(offset: &FixedOffset) -> NaiveDate {
    let now_ms = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(now_ms)
        .map(|utc| utc.with_timezone(offset).date_naive())
        .unwrap_or_default()
}

/// The device's own offset at `at`. Only for moments the device measured itself (when it
/// last heard from the platform, by its own clock); the platform's times carry the
/// community's offset and are shown in it.
pub fn device_offset(at: DateTime<Utc>) -> FixedOffset {
    let date = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    // Minutes *behind* UTC: -480 in China.
    let west = (date.get_timezone_offset() * 60.0) as i32;
    FixedOffset::west_opt(west).unwrap_or(Utc.fix())
}

/// Today in the community's time zone, judged by a time the platform sent.
pub fn today_for(reference: &DateTime<FixedOffset>) -> NaiveDate {
    today_in(reference.offset())
}

fn weekday(lang: Lang, day: Weekday) -> String {
    match day {
        Weekday::Mon => tr(lang, "weekday.mon"),
        Weekday::Tue => tr(lang, "weekday.tue"),
        Weekday::Wed => tr(lang, "weekday.wed"),
        Weekday::Thu => tr(lang, "weekday.thu"),
        Weekday::Fri => tr(lang, "weekday.fri"),
        Weekday::Sat => tr(lang, "weekday.sat"),
        Weekday::Sun => tr(lang, "weekday.sun"),
    }
}

fn month(lang: Lang, month: u32) -> String {
    match month {
        1 => tr(lang, "month.1"),
        2 => tr(lang, "month.2"),
        3 => tr(lang, "month.3"),
        4 => tr(lang, "month.4"),
        5 => tr(lang, "month.5"),
        6 => tr(lang, "month.6"),
        7 => tr(lang, "month.7"),
        8 => tr(lang, "month.8"),
        9 => tr(lang, "month.9"),
        10 => tr(lang, "month.10"),
        11 => tr(lang, "month.11"),
        _ => tr(lang, "month.12"),
    }
}

/// "今天" / "明天" / "后天" (and English), or nothing for other days.
pub fn relative_day(lang: Lang, date: NaiveDate, today: NaiveDate) -> Option<String> {
    match (date - today).num_days() {
        0 => Some(tr(lang, "date.today")),
        1 => Some(tr(lang, "date.tomorrow")),
        2 => Some(tr(lang, "date.day_after")),
        _ => None,
    }
}

/// "明天 11月24日 星期二" / "Tomorrow, Tuesday 24 November"; without the relative word beyond two days.
pub fn day_label(lang: Lang, date: NaiveDate, today: NaiveDate) -> String {
    let day = date.day().to_string();
    let month = month(lang, date.month());
    let weekday = weekday(lang, date.weekday());
    let args = [
        ("month", month.as_str()),
        ("day", day.as_str()),
        ("weekday", weekday.as_str()),
    ];
    let plain = tr_with(lang, "date.full", &args);
    match relative_day(lang, date, today) {
        Some(relative) => tr_with(
            lang,
            "date.relative",
            &[("relative", &relative), ("date", &plain)],
        ),
        None => plain,
    }
}

/// "11:30": 24-hour clock, as on Chinese notices and timetables.
pub fn time_label(at: &DateTime<FixedOffset>) -> String {
    format!("{:02}:{:02}", at.hour(), at.minute())
}

/// "11:30 至 12:30" / "11:30 to 12:30".
pub fn time_range(
    lang: Lang,
    from: &DateTime<FixedOffset>,
    until: &DateTime<FixedOffset>,
) -> String {
    tr_with(
        lang,
        "time.range",
        &[("from", &time_label(from)), ("until", &time_label(until))],
    )
}

/// A moment in words: "明天 11月24日 星期二 09:00".
pub fn moment_label(lang: Lang, at: &DateTime<FixedOffset>, today: NaiveDate) -> String {
    let day = day_label(lang, at.date_naive(), today);
    tr_with(
        lang,
        "date.moment",
        &[("date", &day), ("time", &time_label(at))],
    )
}

/// A moment that is usually today (a PIN lock ending): just the time if today.
pub fn time_or_moment(lang: Lang, at: &DateTime<FixedOffset>, today: NaiveDate) -> String {
    if at.date_naive() == today {
        time_label(at)
    } else {
        moment_label(lang, at, today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap_or_default()
    }

    #[test]
    fn tomorrow_in_chinese_and_english() {
        let today = date(2026, 11, 23);
        let tomorrow = date(2026, 11, 24);
        assert_eq!(
            day_label(Lang::ZhCn, tomorrow, today),
            "明天 11月24日 星期二"
        );
        assert_eq!(
            day_label(Lang::En, tomorrow, today),
            "Tomorrow, Tuesday 24 November"
        );
    }

    #[test]
    fn far_days_have_no_relative_word() {
        let today = date(2026, 11, 23);
        assert_eq!(
            day_label(Lang::ZhCn, date(2026, 11, 28), today),
            "11月28日 星期六"
        );
        assert_eq!(
            day_label(Lang::En, date(2026, 12, 1), today),
            "Tuesday 1 December"
        );
        assert_eq!(day_label(Lang::ZhCn, today, today), "今天 11月23日 星期一");
        assert_eq!(
            day_label(Lang::ZhCn, date(2026, 11, 25), today),
            "后天 11月25日 星期三"
        );
    }

    #[test]
    fn times_use_the_platform_offset() {
        let t = at("2026-11-24T11:05:00+08:00");
        assert_eq!(time_label(&t), "11:05");
        let until = at("2026-11-24T12:30:00+08:00");
        assert_eq!(time_range(Lang::ZhCn, &t, &until), "11:05 至 12:30");
        assert_eq!(time_range(Lang::En, &t, &until), "11:05 to 12:30");
    }

    #[test]
    fn moments() {
        let today = date(2026, 11, 23);
        let t = at("2026-11-24T09:00:00+08:00");
        assert_eq!(
            moment_label(Lang::ZhCn, &t, today),
            "明天 11月24日 星期二 09:00"
        );
        assert_eq!(
            moment_label(Lang::En, &t, today),
            "Tomorrow, Tuesday 24 November, 09:00"
        );
        let lock = at("2026-11-23T10:42:00+08:00");
        assert_eq!(time_or_moment(Lang::ZhCn, &lock, today), "10:42");
        assert_eq!(
            time_or_moment(Lang::En, &t, today),
            "Tomorrow, Tuesday 24 November, 09:00"
        );
    }
}
