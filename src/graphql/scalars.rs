//! Scalars of the API conventions: `Date` business dates. (`Decimal` money is
//! `entity::Money`; `DateTime` is async-graphql's RFC 3339 scalar for
//! `chrono::DateTime<Utc>`.)

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

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
    fn dates_are_iso() {
        let d = <Date as ScalarType>::parse(Value::String("2026-10-01".into())).unwrap();
        assert_eq!(d.to_value(), Value::String("2026-10-01".into()));
        assert!(<Date as ScalarType>::parse(Value::String("2026-02-30".into())).is_err());
    }
}
