//! Platform refusals in plain words (RFC 9457 problem types → sentences).
//! Every message says what happened without blaming the elder and what to do
//! next (UX.md, Errors); where staff can help, the hotline is added.

use api::{ApiError, Lang, ProblemType};
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::dates;
use crate::i18n::{tr, tr_with};

/// True when the platform no longer knows this session: sign in again.
pub fn is_session_end(err: &ApiError) -> bool {
    matches!(
        err.problem().map(|p| p.kind),
        Some(ProblemType::SessionExpired | ProblemType::NotSignedIn)
    )
}

/// Which service a booking refusal is about: "full", "too late" and "already booked"
/// need different words for a meal, a day-care session and a home visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Daycare,
    Visit,
}

/// Like [`explain`], in the words of day care or home visits where they differ from meals.
pub fn explain_for(
    lang: Lang,
    service: Service,
    err: &ApiError,
    hotline: Option<&str>,
    today: impl Fn(&DateTime<FixedOffset>) -> NaiveDate,
) -> String {
    match (service, kind(err)) {
        (Service::Daycare, Some(ProblemType::SlotFull)) => tr(lang, "problem.daycare_full"),
        (Service::Daycare, Some(ProblemType::CutoffPassed)) => tr(lang, "problem.daycare_cutoff"),
        (Service::Daycare, Some(ProblemType::AlreadyBooked)) => tr(lang, "problem.daycare_already"),
        (Service::Visit, Some(ProblemType::SlotFull)) => tr(lang, "problem.visit_full"),
        (Service::Visit, Some(ProblemType::CutoffPassed)) => tr(lang, "problem.visit_cutoff"),
        (Service::Visit, Some(ProblemType::AlreadyBooked)) => tr(lang, "problem.visit_already"),
        (Service::Visit, Some(ProblemType::OverlappingBooking)) => {
            tr(lang, "problem.visit_overlapping")
        }
        _ => explain(lang, err, hotline, today),
    }
}

pub fn kind(err: &ApiError) -> Option<ProblemType> {
    err.problem().map(|p| p.kind)
}

/// The message for `err` in `lang`. `hotline` is the community's number when
/// known; `today` gives "today" in the time zone of a platform time.
pub fn explain(
    lang: Lang,
    err: &ApiError,
    hotline: Option<&str>,
    today: impl Fn(&DateTime<FixedOffset>) -> NaiveDate,
) -> String {
    let problem = match err {
        ApiError::Network(_) => return tr(lang, "problem.network"),
        ApiError::Unexpected { .. } => {
            return with_help(lang, tr(lang, "problem.server_error"), hotline);
        }
        ApiError::Problem(p) => p,
    };
    let hotline = problem.hotline.as_deref().or(hotline);
    match problem.kind {
        ProblemType::InvalidRequest => tr(lang, "problem.invalid_request"),
        ProblemType::NotSignedIn | ProblemType::SessionExpired => {
            tr(lang, "problem.session_expired")
        }
        ProblemType::UnknownAccount => {
            with_help(lang, tr(lang, "problem.unknown_account"), hotline)
        }
        ProblemType::PinWrong => match problem.attempts_left {
            Some(n) if n > 0 => tr_with(lang, "problem.pin_wrong", &[("tries", &n.to_string())]),
            _ => tr(lang, "problem.pin_wrong_last"),
        },
        ProblemType::PinLocked => {
            let text = match &problem.retry_at {
                Some(at) => {
                    let time = dates::time_or_moment(lang, at, today(at));
                    tr_with(lang, "problem.pin_locked", &[("time", &time)])
                }
                None => tr(lang, "problem.pin_locked_later"),
            };
            with_help(lang, text, hotline)
        }
        ProblemType::Forbidden => with_help(lang, tr(lang, "problem.forbidden"), hotline),
        ProblemType::NotFound => tr(lang, "problem.not_found"),
        ProblemType::SlotFull => tr(lang, "problem.slot_full"),
        ProblemType::AlreadyBooked => tr(lang, "problem.already_booked"),
        ProblemType::CutoffPassed => tr(lang, "problem.cutoff_passed"),
        ProblemType::NotCancellable => {
            with_help(lang, tr(lang, "problem.not_cancellable"), hotline)
        }
        ProblemType::FulfilmentUnavailable => tr(lang, "problem.fulfilment_unavailable"),
        ProblemType::OverlappingBooking => tr(lang, "problem.overlapping_booking"),
        ProblemType::CentreClosed => with_help(lang, tr(lang, "problem.centre_closed"), hotline),
        ProblemType::TransportFull => tr(lang, "problem.transport_full"),
        ProblemType::NotCompleted => with_help(lang, tr(lang, "problem.not_completed"), hotline),
        ProblemType::AlreadyRated => tr(lang, "problem.already_rated"),
        ProblemType::AddressMissing => tr(lang, "problem.address_missing"),
        // Family accounts and links (issue 6).
        ProblemType::PhoneTaken => tr(lang, "problem.phone_taken"),
        ProblemType::LinkCodeWrong => match problem.attempts_left {
            Some(n) if n > 0 => tr_with(
                lang,
                "problem.link_code_wrong",
                &[("tries", &n.to_string())],
            ),
            _ => tr(lang, "problem.link_code_wrong_last"),
        },
        ProblemType::LinkCodeExpired => tr(lang, "problem.link_code_expired"),
        ProblemType::LinkCodeLocked => {
            let text = match &problem.retry_at {
                Some(at) => {
                    let time = dates::time_or_moment(lang, at, today(at));
                    tr_with(lang, "problem.link_code_locked", &[("time", &time)])
                }
                None => tr(lang, "problem.link_code_locked_later"),
            };
            with_help(lang, text, hotline)
        }
        ProblemType::LinkRevoked => tr(lang, "problem.link_revoked"),
        // Council meetings (issue 7).
        ProblemType::MeetingNotStarted => match &problem.retry_at {
            Some(at) => {
                let time = dates::time_or_moment(lang, at, today(at));
                tr_with(lang, "problem.meeting_not_started", &[("time", &time)])
            }
            None => tr(lang, "problem.meeting_not_started_later"),
        },
        ProblemType::MeetingClosed => tr(lang, "problem.meeting_closed"),
        ProblemType::NotPresent => tr(lang, "problem.not_present"),
        ProblemType::VotingClosed => tr(lang, "problem.voting_closed"),
        // Staff sign-in and visit transitions: never the elder's doing, so staff help.
        ProblemType::IllegalTransition
        | ProblemType::PasswordWrong
        | ProblemType::AccountLocked => with_help(lang, tr(lang, "problem.forbidden"), hotline),
        ProblemType::ServiceUnavailable => {
            with_help(lang, tr(lang, "problem.service_unavailable"), hotline)
        }
        ProblemType::IdempotencyKeyMissing
        | ProblemType::IdempotencyKeyReused
        | ProblemType::ServerError => with_help(lang, tr(lang, "problem.server_error"), hotline),
    }
}

fn with_help(lang: Lang, text: String, hotline: Option<&str>) -> String {
    match hotline {
        Some(number) => {
            // Chinese runs sentences together; English puts a space between them.
            let gap = if lang == Lang::En { " " } else { "" };
            format!(
                "{text}{gap}{}",
                tr_with(lang, "help.call", &[("hotline", number)])
            )
        }
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::Problem;

    fn today(_: &DateTime<FixedOffset>) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
    }

    fn problem(kind: ProblemType) -> Problem {
        Problem::new(kind, 400, "title from the server")
    }

    #[test]
    fn wrong_pin_says_how_many_tries_are_left() {
        let mut p = problem(ProblemType::PinWrong);
        p.attempts_left = Some(3);
        let err = ApiError::Problem(Box::new(p));
        assert!(explain(Lang::ZhCn, &err, None, today).contains("3 次"));
        assert!(explain(Lang::En, &err, None, today).contains("Tries left: 3"));
    }

    #[test]
    fn locked_pin_says_until_when_and_who_helps() {
        let mut p = problem(ProblemType::PinLocked);
        p.retry_at = DateTime::parse_from_rfc3339("2026-11-23T10:42:00+08:00").ok();
        let err = ApiError::Problem(Box::new(p));
        let zh = explain(Lang::ZhCn, &err, Some("010-6666"), today);
        assert!(zh.contains("10:42") && zh.contains("010-6666"), "{zh}");
        let en = explain(Lang::En, &err, None, today);
        assert!(en.contains("10:42") && en.contains("staff"), "{en}");
    }

    #[test]
    fn the_problem_hotline_wins_over_the_fallback() {
        let mut p = problem(ProblemType::NotCancellable);
        p.hotline = Some("123".into());
        let text = explain(
            Lang::En,
            &ApiError::Problem(Box::new(p)),
            Some("999"),
            today,
        );
        assert!(text.contains("123") && !text.contains("999"), "{text}");
    }

    #[test]
    fn rating_refusals_say_what_to_do_next() {
        let mut p = problem(ProblemType::NotCompleted);
        p.hotline = Some("010-6501 3001".into());
        let zh = explain(Lang::ZhCn, &ApiError::Problem(Box::new(p)), None, today);
        assert!(
            zh.contains("还没有做完") && zh.contains("010-6501 3001"),
            "{zh}"
        );
        let rated = ApiError::Problem(Box::new(problem(ProblemType::AlreadyRated)));
        let en = explain(Lang::En, &rated, None, today);
        assert!(
            en.contains("already rated") && en.contains("Report a problem"),
            "{en}"
        );
    }

    #[test]
    fn every_problem_type_has_its_own_words_in_both_languages() {
        for &kind in ProblemType::ALL {
            for lang in Lang::ALL {
                let text = explain(
                    lang,
                    &ApiError::Problem(Box::new(problem(kind))),
                    None,
                    today,
                );
                assert!(!text.contains("problem."), "untranslated {kind:?}: {text}");
                assert!(
                    !text.contains("title from the server"),
                    "server words leaked: {text}"
                );
            }
        }
        for service in [Service::Daycare, Service::Visit] {
            for kind in [
                ProblemType::SlotFull,
                ProblemType::CutoffPassed,
                ProblemType::AlreadyBooked,
            ] {
                let err = ApiError::Problem(Box::new(problem(kind)));
                let zh = explain_for(Lang::ZhCn, service, &err, None, today);
                assert!(
                    !zh.contains("餐"),
                    "{service:?} {kind:?} talks about meals: {zh}"
                );
                let en = explain_for(Lang::En, service, &err, None, today);
                assert!(
                    !en.contains("meal"),
                    "{service:?} {kind:?} talks about meals: {en}"
                );
            }
        }
        let net = explain(
            Lang::ZhCn,
            &ApiError::Network("refused".into()),
            None,
            today,
        );
        assert!(!net.contains("refused"), "{net}");
    }
}
