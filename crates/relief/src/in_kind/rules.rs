//! In-kind rules, pure: the quota period a day falls in, the value of goods at reference
//! prices, and whether a hand-out stays within the household's quota.

use chrono::{Datelike, NaiveDate};
use entity::{Money, QuotaPeriod};

use crate::error::{ApiError, ApiResult};

/// The first day of the quota period `day` falls in (a calendar month or year, China time).
pub fn period_start(period: QuotaPeriod, day: NaiveDate) -> NaiveDate {
    let (month, day_of) = match period {
        QuotaPeriod::Month => (day.month(), 1),
        QuotaPeriod::Year => (1, 1),
    };
    NaiveDate::from_ymd_opt(day.year(), month, day_of).unwrap_or(day)
}

/// The value of `quantity` units at `price` each, if it fits.
pub fn value_of(price: Money, quantity: i64) -> ApiResult<Money> {
    price
        .fen()
        .checked_mul(quantity)
        .map(Money::from_fen)
        .ok_or_else(|| ApiError::bad_input("quantity", "too large"))
}

/// Most units one line moves: far above any store's shelves, far below what would
/// overflow a sum of stock or its value.
pub const MAX_UNITS: i64 = 1_000_000;

/// A quantity moved is a whole number of units, at least one and at most [`MAX_UNITS`].
pub fn check_quantity(quantity: i64) -> ApiResult<()> {
    if (1..=MAX_UNITS).contains(&quantity) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "quantity",
            format!("1 to {MAX_UNITS} units a line"),
        ))
    }
}

/// What the household took this period plus this hand-out stays within the quota of its
/// hardship level (issue 21: a quota per level and period); at the quota exactly is within.
pub fn check_quota(quota: Money, taken: Money, value: Money) -> ApiResult<()> {
    let after = taken.fen().saturating_add(value.fen());
    if after <= quota.fen() {
        Ok(())
    } else {
        Err(ApiError::Conflict {
            message: format!(
                "the quota is {quota} a period; {taken} taken already, {value} more would exceed it"
            ),
            reasons: vec!["OVER_QUOTA"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn a_period_starts_on_the_first_of_its_month_or_year() {
        assert_eq!(
            period_start(QuotaPeriod::Month, day("2026-03-17")),
            day("2026-03-01")
        );
        assert_eq!(
            period_start(QuotaPeriod::Year, day("2026-03-17")),
            day("2026-01-01")
        );
        assert_eq!(
            period_start(QuotaPeriod::Month, day("2026-12-31")),
            day("2026-12-01")
        );
    }

    #[test]
    fn the_quota_is_reached_exactly_and_not_passed() {
        let quota = Money::from_fen(20_000);
        assert!(check_quota(quota, Money::from_fen(15_000), Money::from_fen(5_000)).is_ok());
        let over = check_quota(quota, Money::from_fen(15_000), Money::from_fen(5_001));
        assert_eq!(
            over.err().map(|e| e.reasons().to_vec()),
            Some(vec!["OVER_QUOTA"])
        );
    }

    #[test]
    fn goods_are_valued_at_the_reference_price() {
        assert_eq!(
            value_of(Money::from_fen(4_550), 3).ok(),
            Some(Money::from_fen(13_650))
        );
        assert!(value_of(Money::from_fen(i64::MAX), 2).is_err());
        assert!(check_quantity(0).is_err());
        assert!(check_quantity(1).is_ok());
        assert!(check_quantity(MAX_UNITS).is_ok());
        assert!(check_quantity(MAX_UNITS + 1).is_err());
    }
}
