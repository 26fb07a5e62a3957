//! Login throttling (登录限流): after too many consecutive failures a username is locked
//! for a while, whether or not it exists, so guessing is slow and reveals nothing.

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
        assert_eq!(lock_for(T, 2, now), None);
        let lock = lock_for(T, 3, now);
        assert_eq!(lock, Some(now + Duration::minutes(5)));
        assert!(is_locked(lock, now + Duration::minutes(4)));
        assert!(!is_locked(lock, now + Duration::minutes(5)));
        assert_eq!(lock_for(T, 4, now), Some(now + Duration::minutes(5)));
    }
}
