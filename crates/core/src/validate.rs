//! Plain input checks shared by every domain: names, phone numbers, free text.

use crate::error::{ApiError, ApiResult};

/// A required name, trimmed, of at most `max` characters.
pub fn name(field: &str, value: &str, max: usize) -> ApiResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::bad_input(field, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(ApiError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Optional free text: trimmed, empty is none, at most `max` characters.
pub fn text(field: &str, value: Option<String>, max: usize) -> ApiResult<Option<String>> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > max {
        return Err(ApiError::bad_input(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(Some(value))
}

/// A phone number (电话): 5 to 20 digits, with `+`, `-`, spaces or brackets allowed;
/// empty is none.
pub fn phone(field: &str, value: Option<String>) -> ApiResult<Option<String>> {
    let Some(value) = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'));
    if !allowed || !(5..=20).contains(&digits) || value.chars().count() > 20 {
        return Err(ApiError::bad_input(field, "is not a phone number"));
    }
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("name", "  张明 ", 50).unwrap(), "张明");
        assert!(name("name", "   ", 50).is_err());
        assert!(name("name", &"长".repeat(51), 50).is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(
            phone("phone", Some("13800138000".into()))
                .unwrap()
                .as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            phone("phone", Some("028-8765 4321".into()))
                .unwrap()
                .as_deref(),
            Some("028-8765 4321")
        );
        assert_eq!(phone("phone", Some(" ".into())).unwrap(), None);
        assert!(phone("phone", Some("call me".into())).is_err());
        assert!(phone("phone", Some("123".into())).is_err());
    }

    #[test]
    fn text_is_optional() {
        assert_eq!(text("notes", Some("  ".into()), 10).unwrap(), None);
        assert!(text("notes", Some("x".repeat(11)), 10).is_err());
    }
}
