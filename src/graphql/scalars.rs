//! Scalars of the API conventions: `Decimal` money with two decimals and `Date` business
//! dates. (`DateTime` is async-graphql's RFC 3339 scalar for `chrono::DateTime<Utc>`.)

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// An amount of money in yuan (金额, 元), exact: a string with two decimals, e.g. "500.00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(pub Decimal);

#[Scalar(name = "Decimal")]
/// Exact decimal amount of money in yuan (金额), as a string with two decimals ("500.00").
/// Input accepts a string or an integer; more than two decimals is refused.
impl ScalarType for Money {
    fn parse(value: Value) -> InputValueResult<Self> {
        let parsed = match &value {
            Value::String(s) => s
                .trim()
                .parse::<Decimal>()
                .map_err(|_| InputValueError::custom(format!("{s:?} is not a decimal amount")))?,
            Value::Number(n) if n.is_i64() => Decimal::from(n.as_i64().unwrap_or_default()),
            _ => return Err(InputValueError::expected_type(value)),
        };
        if parsed.normalize().scale() > 2 {
            return Err(InputValueError::custom(
                "an amount has at most two decimals (分)",
            ));
        }
        Ok(Money(parsed))
    }

    fn to_value(&self) -> Value {
        let mut amount = self.0.round_dp(2);
        amount.rescale(2);
        Value::String(amount.to_string())
    }
}

/// A calendar date in China (日期), `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

#[Scalar(name = "Date")]
/// Calendar date in China Standard Time (日期), `YYYY-MM-DD`.
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom(format!("{s:?} is not a YYYY-MM-DD date"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_two_decimals_and_refuses_fractions_of_a_fen() {
        assert_eq!(
            Money(Decimal::from(500)).to_value(),
            Value::String("500.00".into())
        );
        let parsed = <Money as ScalarType>::parse(Value::String("1234.5".into())).unwrap();
        assert_eq!(parsed.to_value(), Value::String("1234.50".into()));
        assert!(<Money as ScalarType>::parse(Value::String("1.005".into())).is_err());
        assert!(<Money as ScalarType>::parse(Value::String("abc".into())).is_err());
    }

    #[test]
    fn dates_are_iso() {
        let d = <Date as ScalarType>::parse(Value::String("2026-10-01".into())).unwrap();
        assert_eq!(d.to_value(), Value::String("2026-10-01".into()));
        assert!(<Date as ScalarType>::parse(Value::String("2026-02-30".into())).is_err());
    }
}
