//! What the platform's answer to a replayed change means for the queue.

use api::{ApiError, Problem, ProblemType};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::outbox::{Change, Sent};

/// What to do with an entry after one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Done: made now, or the platform's stored answer to an earlier try with this key.
    Delivered(Sent),
    /// The platform could not be reached or could not answer: send again later, with
    /// backoff, and no sooner than `not_before` when the platform said so.
    RetryLater { not_before: Option<DateTime<Utc>> },
    /// The session ended: pause the whole queue until someone signs in again.
    SignIn,
    /// The platform refused for good; the elder must be told.
    Refused(Refusal),
}

/// A refusal, with the platform's problem kept for its words, deadline, hotline and
/// conflicting booking, which the screen that tells the elder needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub problem: Problem,
}

/// Refusals grouped by what the elder can do next, which is what the screen says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    /// The place or service is no longer there (full, closed, ordering over, gone):
    /// offer the nearest alternatives.
    Unavailable,
    /// The elder already has this booking. A replay of our own request would have come
    /// back as the stored booking under the same key, so this is another booking (made
    /// on another device, or by family): "you already have this", nothing to redo.
    AlreadyBooked,
    /// Another of the elder's bookings is at that time (`conflicting_booking` names it).
    Overlaps,
    /// A cancellation that cannot happen (too late, not active any more, or gone):
    /// the booking stands as it is; show it and the hotline.
    CannotCancel,
    /// Only people can sort this out (no address on file, permission withdrawn, a help
    /// request the platform would not take): call.
    NeedsHelp,
    /// The app sent something the platform cannot accept, or got an answer that belongs
    /// to another endpoint: a bug, to be logged, and the elder offered the hotline.
    Bug,
}

impl Refusal {
    fn new(kind: RefusalKind, problem: Problem) -> Self {
        Refusal { kind, problem }
    }
}

/// Classifies one answer to sending `change`. The `match` names every problem type, so
/// a new one cannot compile until someone decides what it means for a queued change.
pub fn classify(change: &Change, answer: Result<Sent, ApiError>) -> Outcome {
    let problem = match answer {
        Ok(sent) => return Outcome::Delivered(sent),
        // Offline, refused, timed out; or a captive portal's page, a proxy's error, a
        // body this version cannot read. Sending again with the same key is always safe.
        Err(ApiError::Network(_) | ApiError::Unexpected { .. }) => {
            return Outcome::RetryLater { not_before: None };
        }
        Err(ApiError::Problem(problem)) => *problem,
    };
    let cancel = matches!(change, Change::Cancel { .. });
    let help = change.is_help();
    use ProblemType as P;
    use RefusalKind as R;
    let kind = match problem.kind {
        P::ServiceUnavailable => {
            return Outcome::RetryLater {
                not_before: problem.retry_at.map(|t| t.with_timezone(&Utc)),
            };
        }
        // A newer platform's unknown types arrive as `server-error` with their own 4xx
        // status: a refusal this app cannot name, so retrying would never end.
        P::ServerError if problem.status < 500 => R::Bug,
        P::ServerError => return Outcome::RetryLater { not_before: None },
        P::NotSignedIn | P::SessionExpired => return Outcome::SignIn,
        // A help request has no place to lose: it is refused only when the platform will not
        // take it from this person for this elder (permission withdrawn, elder gone), which
        // people must sort out; any booking or sign-in answer to it is a bug. Either way the
        // elder is shown the hotline.
        P::Forbidden | P::NotFound if help => R::NeedsHelp,
        _ if help => R::Bug,
        P::CutoffPassed | P::NotFound | P::NotCancellable if cancel => R::CannotCancel,
        P::SlotFull
        | P::CutoffPassed
        | P::CentreClosed
        | P::TransportFull
        | P::FulfilmentUnavailable
        | P::NotFound => R::Unavailable,
        P::AlreadyBooked => R::AlreadyBooked,
        P::OverlappingBooking => R::Overlaps,
        P::NotCancellable => R::CannotCancel,
        P::AddressMissing | P::Forbidden => R::NeedsHelp,
        // Our request was malformed, or reused a key for something else (keys are made
        // once per change, so that is a bug too).
        P::InvalidRequest | P::IdempotencyKeyMissing | P::IdempotencyKeyReused => R::Bug,
        // These belong to sign-in and sign-up, visits' stages, ratings, family links and
        // council meetings, never to a queued change.
        P::UnknownAccount
        | P::PinWrong
        | P::PinLocked
        | P::PasswordWrong
        | P::AccountLocked
        | P::PhoneTaken
        | P::LinkCodeWrong
        | P::LinkCodeExpired
        | P::LinkCodeLocked
        | P::LinkRevoked
        | P::IllegalTransition
        | P::NotCompleted
        | P::AlreadyRated
        | P::MeetingNotStarted
        | P::MeetingClosed
        | P::NotPresent
        | P::VotingClosed => R::Bug,
    };
    Outcome::Refused(Refusal::new(kind, problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::{CreateBookingRequest, Fulfilment, HelpPlace, HelpRequestCreate};

    fn create() -> Change {
        Change::Create {
            request: CreateBookingRequest::Meal {
                slot_id: 7,
                fulfilment: Fulfilment::Pickup,
                address: None,
            },
        }
    }

    fn cancel() -> Change {
        Change::Cancel { booking: 3 }
    }

    fn help() -> Change {
        Change::Help {
            request: HelpRequestCreate {
                place: HelpPlace::Phone,
                screen: Some("/meals".into()),
            },
        }
    }

    fn problem(kind: ProblemType, status: u16) -> Result<Sent, ApiError> {
        Err(ApiError::Problem(Box::new(Problem::new(kind, status, "x"))))
    }

    fn refusal(change: &Change, kind: ProblemType) -> Option<RefusalKind> {
        match classify(change, problem(kind, 409)) {
            Outcome::Refused(r) => {
                assert_eq!(r.problem.kind, kind, "the problem is kept");
                Some(r.kind)
            }
            _ => None,
        }
    }

    #[test]
    fn network_and_unreadable_answers_are_retried() {
        let network = Err(ApiError::Network("offline".into()));
        let portal = Err(ApiError::Unexpected {
            status: 200,
            detail: "<html>".into(),
        });
        for answer in [network, portal] {
            for change in [create(), help()] {
                assert_eq!(
                    classify(&change, answer.clone()),
                    Outcome::RetryLater { not_before: None }
                );
            }
        }
    }

    #[test]
    fn server_trouble_is_retried_no_sooner_than_it_asks() {
        assert_eq!(
            classify(&create(), problem(ProblemType::ServerError, 500)),
            Outcome::RetryLater { not_before: None }
        );
        let mut busy = Problem::new(ProblemType::ServiceUnavailable, 503, "busy");
        busy.retry_at = Some("2030-01-01T08:10:00+08:00".parse().unwrap());
        let at: DateTime<Utc> = "2030-01-01T00:10:00Z".parse().unwrap();
        assert_eq!(
            classify(&cancel(), Err(ApiError::Problem(Box::new(busy)))),
            Outcome::RetryLater {
                not_before: Some(at)
            }
        );
    }

    #[test]
    fn an_unknown_refusal_from_a_newer_platform_is_not_retried_forever() {
        assert_eq!(
            refusal(&create(), ProblemType::ServerError),
            Some(RefusalKind::Bug)
        );
    }

    #[test]
    fn an_ended_session_asks_for_sign_in() {
        for kind in [ProblemType::NotSignedIn, ProblemType::SessionExpired] {
            for change in [create(), help()] {
                assert_eq!(classify(&change, problem(kind, 401)), Outcome::SignIn);
            }
        }
    }

    #[test]
    fn refusals_of_a_new_booking_say_what_to_do_next() {
        use ProblemType as P;
        use RefusalKind as R;
        let table = [
            (P::SlotFull, R::Unavailable),
            (P::CutoffPassed, R::Unavailable),
            (P::CentreClosed, R::Unavailable),
            (P::TransportFull, R::Unavailable),
            (P::FulfilmentUnavailable, R::Unavailable),
            (P::NotFound, R::Unavailable),
            (P::AlreadyBooked, R::AlreadyBooked),
            (P::OverlappingBooking, R::Overlaps),
            (P::AddressMissing, R::NeedsHelp),
            (P::Forbidden, R::NeedsHelp),
            (P::InvalidRequest, R::Bug),
            (P::IdempotencyKeyReused, R::Bug),
            (P::IdempotencyKeyMissing, R::Bug),
            (P::PinWrong, R::Bug),
            (P::AlreadyRated, R::Bug),
        ];
        for (problem, kind) in table {
            assert_eq!(refusal(&create(), problem), Some(kind), "{problem:?}");
        }
    }

    #[test]
    fn refusals_of_a_cancellation_leave_the_booking_standing() {
        use ProblemType as P;
        for problem in [P::CutoffPassed, P::NotCancellable, P::NotFound] {
            assert_eq!(
                refusal(&cancel(), problem),
                Some(RefusalKind::CannotCancel),
                "{problem:?}"
            );
        }
        assert_eq!(
            refusal(&cancel(), P::Forbidden),
            Some(RefusalKind::NeedsHelp)
        );
    }

    #[test]
    fn refusals_of_a_help_request_send_the_elder_to_people() {
        use ProblemType as P;
        use RefusalKind as R;
        let table = [
            (P::Forbidden, R::NeedsHelp),
            (P::NotFound, R::NeedsHelp),
            // Booking and sign-in answers to a help request mean a bug, not a full slot.
            (P::SlotFull, R::Bug),
            (P::AlreadyBooked, R::Bug),
            (P::AddressMissing, R::Bug),
            (P::InvalidRequest, R::Bug),
            (P::IdempotencyKeyReused, R::Bug),
            (P::PinWrong, R::Bug),
            (P::ServerError, R::Bug),
        ];
        for (problem, kind) in table {
            assert_eq!(refusal(&help(), problem), Some(kind), "{problem:?}");
        }
        assert_eq!(
            classify(&help(), problem(P::ServerError, 502)),
            Outcome::RetryLater { not_before: None },
            "a platform that is down is asked again"
        );
    }

    /// Every problem type gets a decision, and none but the transient ones and an ended
    /// session leave the entry to be sent again.
    #[test]
    fn every_problem_type_is_decided() {
        for &kind in ProblemType::ALL {
            for change in [create(), cancel(), help()] {
                let status = if kind == ProblemType::ServerError {
                    500
                } else {
                    409
                };
                let outcome = classify(&change, problem(kind, status));
                let resend = matches!(outcome, Outcome::RetryLater { .. } | Outcome::SignIn);
                let transient = matches!(
                    kind,
                    ProblemType::ServiceUnavailable
                        | ProblemType::ServerError
                        | ProblemType::NotSignedIn
                        | ProblemType::SessionExpired
                );
                assert_eq!(resend, transient, "{kind:?} for {change:?}");
            }
        }
    }
}
