//! Money (金额): an exact amount in yuan with at most two decimals. Stored as whole fen
//! (分) in a BIGINT column, so sums and comparisons in SQL are exact on SQLite (which has
//! no exact decimal type) as on PostgreSQL. Shown to clients as a `Decimal` string with
//! two decimals ("500.00").

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType};
use rust_decimal::Decimal;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, Value, ValueType, ValueTypeErr};
use sea_orm::{ColIdx, QueryResult, TryGetError, TryGetable};
use serde::{Deserialize, Serialize};

/// An exact amount of money in yuan (金额, 元), at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// The amount, if it has at most two decimals and fits.
    pub fn new(amount: Decimal) -> Option<Money> {
        let cents = amount.checked_mul(Decimal::ONE_HUNDRED)?;
        if !cents.fract().is_zero() {
            return None;
        }
        <i64 as TryFrom<Decimal>>::try_from(cents.trunc())
            .ok()
            .map(Money)
    }

    /// An amount written plainly: digits, optionally a minus sign before them and a point
    /// with one or two decimals after (`500`, `-0.05`, `1234.5`). No exponent (`1e3`), sign
    /// `+`, spaces, digit separators or third decimal: money is typed, not guessed.
    pub fn parse_plain(text: &str) -> Option<Money> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (whole, decimals) = match digits.split_once('.') {
            Some((whole, decimals)) => (whole, Some(decimals)),
            None => (digits, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let plain = all_digits(whole)
            && whole.len() <= 16
            && decimals.is_none_or(|d| d.len() <= 2 && all_digits(d));
        if !plain {
            return None;
        }
        text.parse::<Decimal>().ok().and_then(Money::new)
    }

    /// `amount` rounded half away from zero to the fen.
    pub fn rounded(amount: Decimal) -> Option<Money> {
        Money::new(
            amount.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        )
    }

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    pub fn amount(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.amount())
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<Decimal>()
            .ok()
            .and_then(Money::new)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not an amount of money")))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).fold(0i64, i64::saturating_add))
    }
}

impl From<Money> for Value {
    fn from(m: Money) -> Value {
        Value::BigInt(Some(m.0))
    }
}

impl Nullable for Money {
    fn null() -> Value {
        Value::BigInt(None)
    }
}

impl ValueType for Money {
    fn try_from(v: Value) -> Result<Self, ValueTypeErr> {
        <i64 as ValueType>::try_from(v).map(Money)
    }

    fn type_name() -> String {
        "Money".to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::BigInt
    }

    fn column_type() -> ColumnType {
        ColumnType::BigInteger
    }
}

impl TryGetable for Money {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        i64::try_get_by(res, index).map(Money)
    }
}

#[Scalar(name = "Decimal")]
/// Exact amount of money in yuan (金额), as a string with two decimals ("500.00"). Input
/// is a plain decimal string with at most two decimals ("500", "1234.5", "-0.05") or an
/// integer; an exponent ("1e3"), a `+`, spaces or a third decimal are refused.
impl ScalarType for Money {
    fn parse(value: async_graphql::Value) -> InputValueResult<Self> {
        match &value {
            async_graphql::Value::String(s) => Money::parse_plain(s).ok_or_else(|| {
                InputValueError::custom(format!(
                    "{s:?} is not an amount: write digits with at most two decimals (分), such as \"500.00\""
                ))
            }),
            async_graphql::Value::Number(n) => n
                .as_i64()
                .and_then(|n| Money::new(Decimal::from(n)))
                .ok_or_else(|| InputValueError::expected_type(value)),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &async_graphql::Value) -> bool {
        <Money as ScalarType>::parse(value.clone()).is_ok()
    }

    fn to_value(&self) -> async_graphql::Value {
        async_graphql::Value::String(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_decimals_in_and_out() {
        let m = Money::new("1234.5".parse().unwrap()).unwrap();
        assert_eq!(m.fen(), 123450);
        assert_eq!(m.to_string(), "1234.50");
        assert_eq!(Money::from_fen(50000).to_string(), "500.00");
        assert_eq!(Money::new("1.005".parse().unwrap()), None);
        assert_eq!(
            Money::rounded("333.335".parse().unwrap()),
            Some(Money::from_fen(33334))
        );
        assert_eq!(
            serde_json::to_string(&Money::from_fen(-5)).unwrap(),
            "\"-0.05\""
        );
    }

    #[test]
    fn scalar() {
        let v = <Money as ScalarType>::parse(async_graphql::Value::String("500".into())).unwrap();
        assert_eq!(v.to_value(), async_graphql::Value::String("500.00".into()));
        assert!(
            <Money as ScalarType>::parse(async_graphql::Value::String("0.001".into())).is_err()
        );
        assert!(<Money as ScalarType>::parse(async_graphql::Value::String("abc".into())).is_err());
    }

    #[test]
    fn only_plain_decimals_are_money() {
        for ok in ["500", "500.00", "1234.5", "-0.05", "0"] {
            assert!(Money::parse_plain(ok).is_some(), "{ok}");
        }
        for bad in [
            "1e3",
            "1E3",
            "+5",
            " 5",
            "5 ",
            "5.",
            ".5",
            "1_000",
            "1,000",
            "0.001",
            "--1",
            "",
            "-",
            "NaN",
            "99999999999999999",
        ] {
            assert_eq!(Money::parse_plain(bad), None, "{bad}");
        }
        let number = |n: serde_json::Value| {
            <Money as ScalarType>::parse(async_graphql::Value::from_json(n).unwrap())
        };
        assert_eq!(
            number(serde_json::json!(500)).unwrap(),
            Money::from_fen(50000)
        );
        assert!(number(serde_json::json!(1e3)).is_err());
        assert!(number(serde_json::json!(0.5)).is_err());
    }
}
