//! Resident ID number (居民身份证号码 / 公民身份号码, GB 11643-1999).
//!
//! Eighteen characters: a 6-digit region code (地址码), an 8-digit birth date
//! YYYYMMDD (出生日期码), a 3-digit sequence code (顺序码, odd for men, even for women)
//! and a check character (校验码, ISO 7064 MOD 11-2, `0`–`9` or `X`). A worker's file
//! keeps the number, and the birth date and gender filed must agree with it.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

/// Length of a second-generation ID number (二代身份证).
const LEN: usize = 18;

/// ISO 7064 MOD 11-2 weights (加权因子) of the first 17 digits: 2^(18-i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// Check character (校验码) for each weighted sum mod 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Earliest birth year accepted; older numbers are typing mistakes.
const MIN_BIRTH_YEAR: i32 = 1900;

/// A validated resident ID number (居民身份证号码): right length, digits, a real birth
/// date and a correct check character, with a lowercase `x` normalised to `X`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber {
    number: String,
    birth_date: NaiveDate,
}

/// Gender (性别), encoded by the sequence code: odd 17th digit is male, even is female.
pub use entity::Gender;

/// Why a string is not a valid resident ID number (身份证号码无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    /// Not 18 characters (e.g. an old 15-digit number or a typo).
    #[error("身份证号码应为18位，实际为{0}位 / ID number must be 18 characters, got {0}")]
    Length(usize),
    /// A character other than a digit, or other than a digit or `X` in the last place.
    #[error(
        "身份证号码第{position}位字符无效（前17位须为数字，末位为数字或X） / \
         ID number character {position} is invalid (the first 17 must be digits, \
         the last a digit or X)"
    )]
    NonDigit {
        /// 1-based position of the offending character.
        position: usize,
    },
    /// The check character does not match the first 17 digits.
    #[error(
        "身份证号码校验码错误，应为{expected}，实际为{found} / \
         ID number check character is wrong: expected {expected}, found {found}"
    )]
    CheckDigit {
        /// Check character computed from the first 17 digits.
        expected: char,
        /// Check character given.
        found: char,
    },
    /// Characters 7–14 are not a real date from 1900 on.
    #[error("身份证号码中的出生日期{0}无效 / ID number birth date {0} is invalid")]
    BirthDate(String),
}

impl IdNumber {
    /// Validates and normalises an ID number typed by a caseworker: surrounding spaces
    /// are trimmed and a lowercase `x` is accepted. The birth date must exist and be in
    /// 1900 or later; whether it is in the future is for the caller to check against
    /// today's date.
    ///
    /// # Errors
    /// [`IdNumberError`] naming the first problem found: length, a non-digit, an
    /// impossible birth date, then the check character.
    pub fn parse(s: &str) -> Result<IdNumber, IdNumberError> {
        let trimmed = s.trim();
        let len = trimmed.chars().count();
        if len != LEN {
            return Err(IdNumberError::Length(len));
        }
        let number = trimmed.to_ascii_uppercase();
        // 18 chars, checked ASCII below, so byte positions are character positions.
        let bytes = number.as_bytes();
        for (index, &byte) in bytes.iter().enumerate() {
            let is_check_place = index == LEN - 1;
            if !(byte.is_ascii_digit() || (is_check_place && byte == b'X')) {
                return Err(IdNumberError::NonDigit {
                    position: index + 1,
                });
            }
        }
        let birth_text = &number[6..14];
        let year = digits_value(&bytes[6..10]);
        let month = digits_value(&bytes[10..12]);
        let day = digits_value(&bytes[12..14]);
        let birth_date = i32::try_from(year)
            .ok()
            .filter(|&year| year >= MIN_BIRTH_YEAR)
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
            .ok_or_else(|| IdNumberError::BirthDate(birth_text.to_owned()))?;
        let expected = check_char(&bytes[..LEN - 1]);
        let found = char::from(bytes[LEN - 1]);
        if expected != found {
            return Err(IdNumberError::CheckDigit { expected, found });
        }
        Ok(IdNumber { number, birth_date })
    }

    /// Birth date (出生日期) encoded in characters 7–14.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// Gender (性别) encoded by the parity of the 17th digit.
    pub fn gender(&self) -> Gender {
        if self.number.as_bytes()[16] % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// Region code (地址码, GB/T 2260) of the place of first registration: first 6 digits.
    pub fn region_code(&self) -> &str {
        &self.number[..6]
    }

    /// The normalised 18-character number, as stored.
    pub fn as_str(&self) -> &str {
        &self.number
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)
    }
}

impl FromStr for IdNumber {
    type Err = IdNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdNumber::parse(s)
    }
}

/// Value of a run of ASCII digits, e.g. `b"1949"` -> 1949.
fn digits_value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |value, &digit| value * 10 + u32::from(digit - b'0'))
}

/// ISO 7064 MOD 11-2 check character of the first 17 ASCII digits.
pub fn check_char(digits: &[u8]) -> char {
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(&digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    CHECK_CHARS[(sum % 11) as usize]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn standard_example_is_valid() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        assert_eq!(id.gender(), Gender::Female);
    }

    #[test]
    fn other_computed_numbers_are_valid() {
        let cases = [
            (
                "510104199003071237",
                "510104",
                date(1990, 3, 7),
                Gender::Male,
            ),
            (
                "440304200002290014",
                "440304",
                date(2000, 2, 29),
                Gender::Male,
            ),
            (
                "110101190001010014",
                "110101",
                date(1900, 1, 1),
                Gender::Male,
            ),
            (
                "32010619850715045X",
                "320106",
                date(1985, 7, 15),
                Gender::Male,
            ),
            (
                "510104199003071245",
                "510104",
                date(1990, 3, 7),
                Gender::Female,
            ),
            (
                "440304197511200086",
                "440304",
                date(1975, 11, 20),
                Gender::Female,
            ),
        ];
        for (text, region, birth, gender) in cases {
            let id = IdNumber::parse(text).unwrap();
            assert_eq!(id.region_code(), region, "{text}");
            assert_eq!(id.birth_date(), birth, "{text}");
            assert_eq!(id.gender(), gender, "{text}");
        }
    }

    #[test]
    fn lowercase_x_and_spaces_are_normalised() {
        let id = IdNumber::parse("  11010519491231002x\n").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.to_string(), "11010519491231002X");
        assert_eq!("11010519491231002x".parse::<IdNumber>().unwrap(), id);
    }

    #[test]
    fn wrong_check_digit_is_rejected() {
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdNumberError::CheckDigit {
                expected: 'X',
                found: '1'
            })
        );
        assert_eq!(
            IdNumber::parse("51010419900307123X"),
            Err(IdNumberError::CheckDigit {
                expected: '7',
                found: 'X'
            })
        );
    }

    #[test]
    fn single_digit_typo_is_caught() {
        // Any change of one of the first 17 digits changes the check character.
        let valid = "510104199003071237";
        for position in [0, 5, 10, 14, 16] {
            let mut bytes = valid.as_bytes().to_vec();
            bytes[position] = if bytes[position] == b'9' { b'8' } else { b'9' };
            let typo = String::from_utf8(bytes).unwrap();
            assert!(
                matches!(
                    IdNumber::parse(&typo),
                    Err(IdNumberError::CheckDigit { .. } | IdNumberError::BirthDate(_))
                ),
                "{typo}"
            );
        }
    }

    #[test]
    fn impossible_birth_dates_are_rejected() {
        // Feb 30, with a check character that would otherwise be right.
        assert_eq!(
            IdNumber::parse("51010419900230123X"),
            Err(IdNumberError::BirthDate("19900230".to_owned()))
        );
        // Before 1900, again with a correct check character.
        assert_eq!(
            IdNumber::parse("110105189912310015"),
            Err(IdNumberError::BirthDate("18991231".to_owned()))
        );
        // Month 13.
        assert!(matches!(
            IdNumber::parse("110105199013010011"),
            Err(IdNumberError::BirthDate(_))
        ));
        // 1900 is not a leap year.
        assert!(matches!(
            IdNumber::parse("110105190002290011"),
            Err(IdNumberError::BirthDate(_))
        ));
    }

    #[test]
    fn wrong_lengths_are_rejected() {
        assert_eq!(IdNumber::parse(""), Err(IdNumberError::Length(0)));
        // Old 15-digit first-generation number.
        assert_eq!(
            IdNumber::parse("110105491231002"),
            Err(IdNumberError::Length(15))
        );
        assert_eq!(
            IdNumber::parse("11010519491231002X1"),
            Err(IdNumberError::Length(19))
        );
        // Counted in characters, not bytes.
        assert_eq!(
            IdNumber::parse("１１０１０５１９４９１２３１００２Ｘ"),
            Err(IdNumberError::NonDigit { position: 1 })
        );
        assert_eq!(IdNumber::parse("身份证"), Err(IdNumberError::Length(3)));
    }

    #[test]
    fn non_digits_are_rejected_with_position() {
        assert_eq!(
            IdNumber::parse("1101051949123100XX"),
            Err(IdNumberError::NonDigit { position: 17 })
        );
        assert_eq!(
            IdNumber::parse("A1010519491231002X"),
            Err(IdNumberError::NonDigit { position: 1 })
        );
        assert_eq!(
            IdNumber::parse("11010519491231002Y"),
            Err(IdNumberError::NonDigit { position: 18 })
        );
        assert_eq!(
            IdNumber::parse("110105 9491231002X"),
            Err(IdNumberError::NonDigit { position: 7 })
        );
    }

    #[test]
    fn error_messages_are_bilingual() {
        let message = IdNumberError::CheckDigit {
            expected: 'X',
            found: '1',
        }
        .to_string();
        assert!(message.contains("校验码"));
        assert!(message.contains("expected X"));
        assert!(IdNumberError::Length(15).to_string().contains("18位"));
    }

    #[test]
    fn check_char_matches_standard_example() {
        assert_eq!(check_char(b"11010519491231002"), 'X');
        assert_eq!(check_char(b"51010419900307123"), '7');
    }
}
