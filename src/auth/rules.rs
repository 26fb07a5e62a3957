//! Login throttling (登录限流): after too many consecutive failures a username is locked
//! for a while, whether or not it exists, so guessing is slow and reveals nothing.

use chrono::{DateTime, Duration, Utc};

/// The throttle settings.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub max_failures: u16,
    pub lockout: Duration,
}

/// The failure count and lock of one username after one more failure at `now`.
pub fn after_failure(
    throttle: Throttle,
    failures: i32,
    locked_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (i32, Option<DateTime<Utc>>) {
    // A lock that has run out starts a fresh count.
    let failures = if locked_until.is_some_and(|t| t <= now) {
        1
    } else {
        failures.saturating_add(1)
    };
    if failures >= i32::from(throttle.max_failures) {
        (failures, Some(now + throttle.lockout))
    } else {
        (failures, None)
    }
}

/// Whether a username is locked at `now`.
pub fn is_locked(locked_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    locked_until.is_some_and(|t| t > now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Throttle = Throttle {
        max_failures: 3,
        lockout: Duration::minutes(5),
    };

    #[test]
    fn locks_at_the_limit_and_unlocks_after_the_lockout() {
        let now = Utc::now();
        let (f, lock) = after_failure(T, 0, None, now);
        assert_eq!((f, lock), (1, None));
        let (f, lock) = after_failure(T, f, lock, now);
        assert_eq!((f, lock), (2, None));
        let (f, lock) = after_failure(T, f, lock, now);
        assert_eq!(f, 3);
        assert_eq!(lock, Some(now + Duration::minutes(5)));
        assert!(is_locked(lock, now + Duration::minutes(4)));
        assert!(!is_locked(lock, now + Duration::minutes(5)));
        // A failure after the lock ran out counts from one again.
        let (f, lock) = after_failure(T, f, lock, now + Duration::minutes(6));
        assert_eq!((f, lock), (1, None));
    }
}
