//! When to try again after a failed send.

use chrono::TimeDelta;

/// Exponential backoff with bounded jitter: `base · 2^(attempt−1)`, capped, then shortened
/// by up to `jitter` of itself. The jitter spreads the retries of many kiosks after an
/// outage so they do not all hit the platform in the same second; subtracting it (rather
/// than adding) keeps `cap` a true ceiling.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    pub base: TimeDelta,
    pub cap: TimeDelta,
    /// The largest share of a delay that jitter may take off, in `0.0..=1.0`.
    pub jitter: f64,
}

impl Default for Backoff {
    /// 5 s, 10 s, 20 s … up to 5 minutes: quick enough that an elder sees a booking
    /// arrive soon after the network returns, slow enough not to drain a phone.
    fn default() -> Self {
        Backoff {
            base: TimeDelta::seconds(5),
            cap: TimeDelta::minutes(5),
            jitter: 0.2,
        }
    }
}

impl Backoff {
    /// The wait after the `attempt`-th failed send (1-based). `random` is the caller's
    /// random number in `0.0..1.0` (`Math.random()` in the browser, fixed in tests).
    pub fn delay(&self, attempt: u32, random: f64) -> TimeDelta {
        let base = self.base.num_milliseconds().max(0);
        let cap = self.cap.num_milliseconds().max(0);
        let doublings = attempt.saturating_sub(1).min(32);
        let full = base.saturating_mul(1_i64 << doublings).min(cap);
        let share = self.jitter.clamp(0.0, 1.0) * random.clamp(0.0, 1.0);
        // `full` is at most the cap (minutes), far inside f64's exact integer range.
        let off = (full as f64 * share) as i64;
        TimeDelta::milliseconds(full - off)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_five_seconds_up_to_five_minutes() {
        let b = Backoff::default();
        let secs: Vec<i64> = (1..=9).map(|n| b.delay(n, 0.0).num_seconds()).collect();
        assert_eq!(secs, [5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(b.delay(1_000, 0.0), TimeDelta::minutes(5));
    }

    #[test]
    fn jitter_only_shortens_and_stays_bounded() {
        let b = Backoff::default();
        assert_eq!(b.delay(1, 0.5), TimeDelta::milliseconds(4_500));
        assert_eq!(b.delay(20, 0.999_999).num_seconds(), 240);
        // Out-of-range randoms are clamped, never a longer or negative wait.
        assert_eq!(b.delay(1, 7.0), TimeDelta::seconds(4));
        assert_eq!(b.delay(1, -1.0), TimeDelta::seconds(5));
    }
}
