//! Unified social credit code (统一社会信用代码, GB 32100-2015) of an employer.
//!
//! Eighteen characters from a 31-character set (digits and capital letters without
//! I, O, Z, S, V): registration authority (登记管理部门代码), organisation type
//! (机构类别代码), 6-digit region (登记管理机关行政区划码), 9-character organisation code
//! (主体标识码) and a check character (校验码, GB/T 17710 MOD 31). The employment agency
//! (职业介绍所) records it for every employer that posts jobs.

use std::fmt;
use std::str::FromStr;

/// Length of a unified social credit code.
const LEN: usize = 18;

/// The code's characters in order of value (代码字符集): `0` is 0, `A` is 10, `Y` is 30.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights (加权因子) of the first 17 characters: 3^(i-1) mod 31.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A validated unified social credit code (统一社会信用代码), upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CreditCode(String);

/// Why a string is not a valid unified social credit code (统一社会信用代码无效).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// Not 18 characters.
    #[error(
        "统一社会信用代码应为18位，实际为{0}位 / \
         unified social credit code must be 18 characters, got {0}"
    )]
    Length(usize),
    /// A character outside 0-9 and A-Y without I, O, S, V (Z is beyond Y).
    #[error(
        "统一社会信用代码第{position}位字符“{found}”无效（不使用I、O、Z、S、V） / \
         unified social credit code character {position} '{found}' is invalid \
         (I, O, Z, S and V are not used)"
    )]
    InvalidChar {
        /// 1-based position of the offending character.
        position: usize,
        /// The character found there (after upper-casing).
        found: char,
    },
    /// The check character does not match the first 17 characters.
    #[error(
        "统一社会信用代码校验码错误，应为{expected}，实际为{found} / \
         unified social credit code check character is wrong: expected {expected}, \
         found {found}"
    )]
    CheckChar {
        /// Check character computed from the first 17 characters.
        expected: char,
        /// Check character given.
        found: char,
    },
}

impl CreditCode {
    /// Validates a code typed by staff or an employer: surrounding spaces are trimmed
    /// and letters upper-cased before the character set and check character are tested.
    ///
    /// # Errors
    /// [`CreditCodeError`] naming the first problem found: length, a character outside
    /// the set, then the check character.
    pub fn parse(s: &str) -> Result<CreditCode, CreditCodeError> {
        let trimmed = s.trim();
        let len = trimmed.chars().count();
        if len != LEN {
            return Err(CreditCodeError::Length(len));
        }
        let code = trimmed.to_ascii_uppercase();
        let mut values = [0_u32; LEN];
        for (index, (found, value)) in code.chars().zip(values.iter_mut()).enumerate() {
            *value = char_value(found).ok_or(CreditCodeError::InvalidChar {
                position: index + 1,
                found,
            })?;
        }
        let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
        let expected = value_char((31 - sum % 31) % 31);
        let found = value_char(values[LEN - 1]);
        if expected != found {
            return Err(CreditCodeError::CheckChar { expected, found });
        }
        Ok(CreditCode(code))
    }

    /// The normalised 18-character code, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditCode::parse(s)
    }
}

/// Value (0–30) of a code character, or `None` if it is not in the character set.
fn char_value(c: char) -> Option<u32> {
    let byte = u8::try_from(c).ok()?;
    let index = CHARSET.iter().position(|&allowed| allowed == byte)?;
    u32::try_from(index).ok()
}

/// Code character for a value below 31.
fn value_char(value: u32) -> char {
    CHARSET
        .get(value as usize)
        .map_or('?', |&byte| char::from(byte))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn commonly_cited_example_is_valid() {
        let code = CreditCode::parse("91350100M000100Y43").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
        assert_eq!(code.to_string(), "91350100M000100Y43");
    }

    #[test]
    fn other_computed_codes_are_valid() {
        for text in [
            "91110105771583283D",
            "91110000802100433B",
            "91440300708461136T",
            "91110108551385082Q",
            "112302070019030687",
            // Weighted sum divisible by 31: check character 0.
            "911101080000000080",
        ] {
            assert!(CreditCode::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn input_is_trimmed_and_upper_cased() {
        let code = CreditCode::parse(" 91350100m000100y43 ").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
        assert_eq!(
            "91110105771583283d".parse::<CreditCode>().unwrap().as_str(),
            "91110105771583283D"
        );
    }

    #[test]
    fn wrong_check_char_is_rejected() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::CheckChar {
                expected: '3',
                found: '4'
            })
        );
        assert_eq!(
            CreditCode::parse("91110105771583283A"),
            Err(CreditCodeError::CheckChar {
                expected: 'D',
                found: 'A'
            })
        );
    }

    #[test]
    fn single_character_typo_is_caught() {
        let valid = "91350100M000100Y43";
        for position in 0..LEN - 1 {
            let mut bytes = valid.as_bytes().to_vec();
            bytes[position] = if bytes[position] == b'7' { b'8' } else { b'7' };
            let typo = String::from_utf8(bytes).unwrap();
            assert!(
                matches!(
                    CreditCode::parse(&typo),
                    Err(CreditCodeError::CheckChar { .. })
                ),
                "{typo}"
            );
        }
    }

    #[test]
    fn forbidden_letters_are_rejected() {
        for (text, position, found) in [
            ("91350100I000100Y43", 9, 'I'),
            ("91350100O000100Y43", 9, 'O'),
            ("91350100Z000100Y43", 9, 'Z'),
            ("91350100S000100Y43", 9, 'S'),
            ("91350100V000100Y43", 9, 'V'),
            ("91350100M000100Y4o", 18, 'O'),
            ("91350100M000-00Y43", 13, '-'),
        ] {
            assert_eq!(
                CreditCode::parse(text),
                Err(CreditCodeError::InvalidChar { position, found }),
                "{text}"
            );
        }
    }

    #[test]
    fn wrong_lengths_are_rejected() {
        assert_eq!(CreditCode::parse(""), Err(CreditCodeError::Length(0)));
        assert_eq!(
            CreditCode::parse("91350100M000100Y4"),
            Err(CreditCodeError::Length(17))
        );
        assert_eq!(
            CreditCode::parse("91350100M000100Y430"),
            Err(CreditCodeError::Length(19))
        );
        // Old 15-digit business registration number (注册号).
        assert_eq!(
            CreditCode::parse("110108000000016"),
            Err(CreditCodeError::Length(15))
        );
        // Counted in characters, not bytes.
        assert_eq!(
            CreditCode::parse("９１３５０１００M000100Y43"),
            Err(CreditCodeError::InvalidChar {
                position: 1,
                found: '９'
            })
        );
    }

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut power = 1;
        for weight in WEIGHTS {
            assert_eq!(weight, power);
            power = power * 3 % 31;
        }
    }

    #[test]
    fn error_messages_are_bilingual() {
        let message = CreditCodeError::InvalidChar {
            position: 9,
            found: 'I',
        }
        .to_string();
        assert!(message.contains("不使用I、O、Z、S、V"));
        assert!(message.contains("character 9 'I'"));
    }
}
