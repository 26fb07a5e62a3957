//! The time source. Business rules take dates as arguments; services read "now" from
//! here, so tests can move time (a notice period ending, a token expiring).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use chrono::TimeZone as _;

/// Business dates are in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving).
pub const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// Where "now" comes from.
#[derive(Clone, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// A clock set by hand (tests), in milliseconds since the epoch.
    Manual(Arc<AtomicI64>),
}

impl Clock {
    /// A manual clock starting at `at`.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self::Manual(Arc::new(AtomicI64::new(at.timestamp_millis())))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Self::System => Utc::now(),
            Self::Manual(ms) => Utc
                .timestamp_millis_opt(ms.load(Ordering::SeqCst))
                .single()
                .unwrap_or_default(),
        }
    }

    /// Today's business date in China.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&CHINA).date_naive()
    }

    /// Moves a manual clock; the system clock cannot be moved.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Self::Manual(ms) = self {
            ms.store(at.timestamp_millis(), Ordering::SeqCst);
        }
    }
}

/// The first instant of a business date (00:00 China time).
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(CHINA).single())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}
