//! After a service (the platform's `feedback`): rate it with one of three faces, report a
//! problem about it (or in general), and follow what staff do about the problems reported.

mod choices;
mod comment_box;
mod complaints;
pub mod phrases;
mod rate;
mod rated;
mod report;
mod reported;
pub mod words;

pub use choices::BigChoices;
pub use comment_box::CommentBox;
pub use complaints::MyComplaints;
pub use rate::RateBooking;
pub use report::ReportProblem;

use api::{ApiError, Problem, ProblemType};
use leptos::prelude::*;

use crate::keys;

/// The key for sending `body`: the same key while the elder retries the same words (so a
/// lost answer never rates or reports twice), a new one once they change them (a reused key
/// with another body would be refused).
pub fn key_for<T: PartialEq + Clone>(
    last: &mut Option<(T, String)>,
    body: &T,
    fresh: impl FnOnce() -> String,
) -> String {
    match last {
        Some((sent, key)) if sent == body => key.clone(),
        _ => {
            let key = fresh();
            *last = Some((body.clone(), key.clone()));
            key
        }
    }
}

/// [`key_for`] kept for one visit of a screen.
#[derive(Debug)]
pub struct KeyPerBody<T: Send + Sync + 'static> {
    last: StoredValue<Option<(T, String)>>,
}

impl<T: Send + Sync + 'static> Clone for KeyPerBody<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for KeyPerBody<T> {}

impl<T: PartialEq + Clone + Send + Sync + 'static> Default for KeyPerBody<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: PartialEq + Clone + Send + Sync + 'static> KeyPerBody<T> {
    pub fn new() -> Self {
        KeyPerBody {
            last: StoredValue::new(None),
        }
    }

    pub fn key(&self, body: &T) -> String {
        self.last
            .try_update_value(|last| key_for(last, body, keys::idempotency_key))
            .unwrap_or_else(keys::idempotency_key)
    }
}

/// A refusal the app already knows the platform would give (the booking is not done, or is
/// rated already), so the same words explain it; `hotline` is whom to call about it.
pub fn known_refusal(kind: ProblemType, hotline: &str) -> ApiError {
    let mut problem = Problem::new(kind, 409, "");
    problem.hotline = (!hotline.is_empty()).then(|| hotline.to_owned());
    ApiError::Problem(Box::new(problem))
}

#[cfg(test)]
mod tests {
    use super::key_for;

    #[test]
    fn a_retry_of_the_same_words_reuses_the_key_and_new_words_get_a_new_one() {
        let mut last = None;
        let mut n = 0;
        let mut fresh = || {
            n += 1;
            format!("key-{n}")
        };
        assert_eq!(key_for(&mut last, &"满意", &mut fresh), "key-1");
        assert_eq!(key_for(&mut last, &"满意", &mut fresh), "key-1");
        assert_eq!(key_for(&mut last, &"一般", &mut fresh), "key-2");
        assert_eq!(key_for(&mut last, &"满意", &mut fresh), "key-3");
    }
}
