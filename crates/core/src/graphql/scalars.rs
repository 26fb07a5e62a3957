//! Scalars of the API conventions: `Date` business dates and `Upload` files. (`Decimal`
//! money is `entity::Money`; `DateTime` is async-graphql's RFC 3339 scalar for
//! `chrono::DateTime<Utc>`.)

use async_graphql::{
    Context, InputValueError, InputValueResult, Scalar, ScalarType, UploadValue, Value,
};
use chrono::NaiveDate;

use crate::error::{ApiError, ApiResult};

/// A calendar date in China (日期), `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Date {
    /// A date written exactly `YYYY-MM-DD` (`2026-03-02`): four, two and two digits, as
    /// the date exists. chrono alone would also take `2026-3-2` or `+2026-03-02`.
    pub fn parse_exact(text: &str) -> Option<NaiveDate> {
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        shaped
            .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
            .flatten()
    }
}

#[Scalar(name = "Date")]
/// Calendar date in China Standard Time (日期), exactly `YYYY-MM-DD`.
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => Date::parse_exact(s)
                .map(Date)
                .ok_or_else(|| InputValueError::custom(format!("{s:?} is not a YYYY-MM-DD date"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(s) if Date::parse_exact(s).is_some())
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// A file of a multipart request, by its place among the request's files.
///
/// async-graphql's own `Upload` panics on a placeholder such as `"#__graphql_file__:x"`,
/// which any JSON request can send; this one refuses it as bad input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileUpload(usize);

/// What the GraphQL multipart request spec puts where a file was mapped.
const PLACEHOLDER: &str = "#__graphql_file__:";

/// Why a value names no file of the request.
const NOT_A_FILE: &str = "send the file as a multipart request (GraphQL multipart request spec)";

#[Scalar(
    name = "Upload",
    specified_by_url = "https://github.com/jaydenseric/graphql-multipart-request-spec"
)]
/// A file sent in a multipart request (上传文件), mapped to this variable by the request's
/// `map` (GraphQL multipart request spec).
impl ScalarType for FileUpload {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .strip_prefix(PLACEHOLDER)
                .and_then(|index| index.parse().ok())
                .map(FileUpload)
                .ok_or_else(|| InputValueError::custom(NOT_A_FILE)),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::String(_))
    }

    fn to_value(&self) -> Value {
        Value::Null
    }
}

impl FileUpload {
    /// The file, when the request carries one at this place.
    pub fn value(&self, ctx: &Context<'_>, field: &str) -> ApiResult<UploadValue> {
        ctx.query_env
            .uploads
            .get(self.0)
            .ok_or_else(|| ApiError::bad_input(field, NOT_A_FILE))?
            .try_clone()
            .map_err(ApiError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso() {
        let d = <Date as ScalarType>::parse(Value::String("2026-10-01".into())).unwrap();
        assert_eq!(d.to_value(), Value::String("2026-10-01".into()));
        for bad in [
            "2026-02-30",
            "2026-3-2",
            "+2026-03-02",
            "2026-03-02T00:00",
            " 2026-03-02",
            "20260302",
        ] {
            assert!(
                <Date as ScalarType>::parse(Value::String(bad.into())).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_a_numbered_placeholder_is_a_file() {
        let parse = |s: &str| <FileUpload as ScalarType>::parse(Value::String(s.into()));
        assert_eq!(parse("#__graphql_file__:3").unwrap(), FileUpload(3));
        for bad in [
            "#__graphql_file__:x",
            "#__graphql_file__:",
            "#__graphql_file__:-1",
            "a.xlsx",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(<FileUpload as ScalarType>::parse(Value::Null).is_err());
    }
}
