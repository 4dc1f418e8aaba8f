//! How fresh the screen's data is: `None` when everything on it came from the platform
//! just now, else when the oldest cached answer it shows was fetched ("as of 10:42").
//!
//! Each screen starts fresh ([`FreshnessCtx::clear`], called by `Screen`); each load a
//! screen runs reports what it showed, replacing the last load's report, so a screen that
//! reloads and gets fresh answers stops saying "as of". (A load that finishes after its
//! screen is gone reports nothing: see `offline/reader.rs`.)

use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy)]
pub struct FreshnessCtx {
    pub as_of: RwSignal<Option<DateTime<Utc>>>,
}

impl Default for FreshnessCtx {
    fn default() -> Self {
        Self::new()
    }
}

impl FreshnessCtx {
    pub fn new() -> Self {
        FreshnessCtx {
            as_of: RwSignal::new(None),
        }
    }

    /// A new screen is up: nothing on it is known to be stale.
    pub fn clear(&self) {
        self.report(None);
    }

    /// What the screen's latest load showed: its oldest cached answer's time, or `None`.
    pub fn report(&self, as_of: Option<DateTime<Utc>>) {
        // Unchanged is not set again: the screen would speak its prompt again.
        if self.as_of.get_untracked() != as_of {
            self.as_of.set(as_of);
        }
    }
}

/// A screen is as fresh as the oldest thing on it.
pub fn older(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<DateTime<Utc>> {
        s.parse().ok()
    }

    #[test]
    fn the_oldest_cached_answer_dates_the_screen() {
        let (early, late) = (at("2030-03-05T02:00:00Z"), at("2030-03-05T02:42:00Z"));
        assert_eq!(older(late, early), early);
        assert_eq!(older(None, late), late);
        assert_eq!(older(early, None), early);
        assert_eq!(older(None, None), None);
    }

    #[test]
    fn a_fresh_load_or_a_new_screen_clears_the_note() {
        let owner = Owner::new();
        owner.with(|| {
            let freshness = FreshnessCtx::new();
            let cached = at("2030-03-05T02:00:00Z");
            freshness.report(cached);
            assert_eq!(freshness.as_of.get_untracked(), cached);
            freshness.report(None);
            assert_eq!(freshness.as_of.get_untracked(), None, "reloaded fresh");
            freshness.report(cached);
            freshness.clear();
            assert_eq!(freshness.as_of.get_untracked(), None, "a new screen");
        });
    }
}
