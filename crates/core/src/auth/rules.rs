//! Login throttling (登录限流): after too many consecutive failures a username is locked
//! for a while, whether or not it exists, so guessing is slow and reveals nothing. Every
//! attempt is counted before its password is checked, and only the first `max_failures`
//! of a window are checked at all: simultaneous guesses cannot all slip in before the
//! lock.

use chrono::{DateTime, Duration, Utc};

/// The throttle settings.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub max_failures: u16,
    pub lockout: Duration,
}

/// The lock to set once a username has `failures` consecutive failures at `now`.
pub fn lock_for(throttle: Throttle, failures: i32, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (failures >= i32::from(throttle.max_failures)).then_some(now + throttle.lockout)
}

/// Whether the attempt counted `attempt`-th in its window may have its password checked.
pub fn may_verify(throttle: Throttle, attempt: i32) -> bool {
    attempt <= i32::from(throttle.max_failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Throttle = Throttle {
        max_failures: 3,
        lockout: Duration::minutes(5),
    };

    #[test]
    fn the_attempt_that_reaches_the_limit_locks_and_no_later_one_is_checked() {
        let now = Utc::now();
        assert_eq!(lock_for(T, 2, now), None);
        assert_eq!(lock_for(T, 3, now), Some(now + Duration::minutes(5)));
        assert!((1..=3).all(|n| may_verify(T, n)));
        assert!((4..=40).all(|n| !may_verify(T, n)));
    }
}
