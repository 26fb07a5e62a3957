//! Masking of personal data (脱敏) for users whose role may not see it whole.
//!
//! Names, ID numbers and phone numbers of hardship families are shown in full only to
//! the roles that need them; everyone else sees a masked form (`张*明`,
//! `510104********1234`, `138****5678`). All functions work on characters, not bytes,
//! so Chinese names are masked correctly, and the mask keeps the original length.

/// Mask character (掩码字符).
const MASK: char = '*';

/// Masks a personal name (姓名脱敏): the first and last characters stay and every
/// character between becomes `*` (`张*明`, `欧**华`); a 2-character name keeps only the
/// first (`张*`); a 1-character name is unchanged.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] | [_] => chars.iter().collect(),
        [first, _] => [*first, MASK].iter().collect(),
        [first, middle @ .., last] => std::iter::once(*first)
            .chain(middle.iter().map(|_| MASK))
            .chain(std::iter::once(*last))
            .collect(),
    }
}

/// Masks an ID number (身份证号脱敏): the region code (first 6) and the last 4 stay,
/// the birth date and sequence between become `*` (`510104********1234`). A string of
/// 10 characters or fewer is not a real ID number and is masked entirely.
pub fn mask_id_number(id_number: &str) -> String {
    keep_ends(id_number.trim(), 6, 4)
}

/// Masks a phone number (手机号脱敏): an 11-digit mobile keeps its first 3 and last 4
/// (`138****5678`); any other number keeps only its last 4. A string of 4 characters
/// or fewer is masked entirely.
pub fn mask_phone(phone: &str) -> String {
    let phone = phone.trim();
    let is_mobile = phone.len() == 11 && phone.bytes().all(|b| b.is_ascii_digit());
    if is_mobile {
        keep_ends(phone, 3, 4)
    } else {
        keep_ends(phone, 0, 4)
    }
}

/// Keeps the first `head` and last `tail` characters and masks the rest; masks
/// everything when nothing would be hidden otherwise.
fn keep_ends(text: &str, head: usize, tail: usize) -> String {
    let len = text.chars().count();
    if len <= head + tail {
        return text.chars().map(|_| MASK).collect();
    }
    text.chars()
        .enumerate()
        .map(|(index, c)| {
            if index < head || index >= len - tail {
                c
            } else {
                MASK
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_first_and_last() {
        assert_eq!(mask_name("张三明"), "张*明");
        assert_eq!(mask_name("欧阳振华"), "欧**华");
        assert_eq!(mask_name("阿卜杜热合曼"), "阿****曼");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("王"), "王");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn names_are_trimmed_and_work_on_chars() {
        assert_eq!(mask_name("  李小龙 "), "李*龙");
        assert_eq!(mask_name("Li Ming"), "L*****g");
        // Multi-byte characters count once each.
        assert_eq!(mask_name("𠮷野家").chars().count(), 3);
        assert_eq!(mask_name("𠮷野家"), "𠮷*家");
    }

    #[test]
    fn id_numbers_keep_region_and_last_four() {
        assert_eq!(mask_id_number("510104199003071234"), "510104********1234");
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id_number(" 11010519491231002X "), "110105********002X");
        // Old 15-digit number.
        assert_eq!(mask_id_number("110105491231002"), "110105*****1002");
    }

    #[test]
    fn short_id_numbers_are_fully_masked() {
        assert_eq!(mask_id_number("1234567890"), "**********");
        assert_eq!(mask_id_number("123"), "***");
        assert_eq!(mask_id_number(""), "");
        assert_eq!(mask_id_number("12345678901"), "123456*8901");
    }

    #[test]
    fn mobiles_keep_first_three_and_last_four() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone(" 13812345678 "), "138****5678");
    }

    #[test]
    fn other_phones_keep_last_four() {
        assert_eq!(mask_phone("0591-1234567"), "********4567");
        assert_eq!(mask_phone("+8613812345678"), "**********5678");
        assert_eq!(mask_phone("12345"), "*2345");
        assert_eq!(mask_phone("1234"), "****");
        assert_eq!(mask_phone(""), "");
        // Eleven characters but not all digits: not a mobile.
        assert_eq!(mask_phone("138-1234567"), "*******4567");
    }

    #[test]
    fn masking_keeps_length() {
        for text in [
            "张三明",
            "510104199003071234",
            "13812345678",
            "0591-1234567",
        ] {
            assert_eq!(mask_name(text).chars().count(), text.chars().count());
            assert_eq!(mask_id_number(text).chars().count(), text.chars().count());
            assert_eq!(mask_phone(text).chars().count(), text.chars().count());
        }
    }
}

/// Keys of stored records (audit before/after) that hold personal data: masked for
/// callers who may not see it whole…
/// A masking function.
type Mask = fn(&str) -> String;

const MASKED_KEYS: &[(&str, Mask)] = &[
    ("id_number", mask_id_number),
    ("phone", mask_phone),
    ("holder_name", mask_name),
    ("caller_phone", mask_phone),
    ("caller_name", mask_name),
    ("petitioner_phone", mask_phone),
    ("petitioner_name", mask_name),
    ("complainant_phone", mask_phone),
    ("complainant_name", mask_name),
    ("collected_by_name", mask_name),
];

/// …and keys removed outright (incomes, health, birth dates, free text about a family).
const REMOVED_KEYS: &[&str] = &[
    "birth_date",
    "monthly_income",
    "income_total",
    "per_capita_income",
    "health",
    "disabled",
    "other_special_cause",
    "five_clears",
    "notes",
    "note",
    "assistance_plan",
    "inputs",
    "issuer",
    "facts",
    "summary",
    "answer",
    "details",
    "screening",
    "decision_reason",
    "extension_reason",
    "review_reason",
    "review_answer",
    "address",
    "comment",
    "follow_up",
];

/// Redacts personal data in a stored record (an audit entry's before/after) for a caller
/// who may not see it whole: ID numbers and phones masked, incomes, health and notes
/// removed, and a person's `name` masked — a worker's or household member's, or a
/// client's, whose record carries a `phone` (an org unit's `name` is not personal).
pub fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let personal_record = map.contains_key("id_number")
                || map.contains_key("kinship")
                || map.contains_key("phone");
            for (key, field) in map.iter_mut() {
                if let Some((_, mask)) = MASKED_KEYS.iter().find(|(k, _)| k == key) {
                    if let Some(text) = field.as_str() {
                        *field = serde_json::Value::String(mask(text));
                    }
                } else if REMOVED_KEYS.contains(&key.as_str()) {
                    *field = serde_json::Value::Null;
                } else if key == "name" && personal_record {
                    if let Some(text) = field.as_str() {
                        *field = serde_json::Value::String(mask_name(text));
                    }
                } else {
                    redact(field);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[cfg(test)]
mod redact_tests {
    use super::*;

    #[test]
    fn personal_fields_are_masked_or_removed_and_org_names_kept() {
        let mut v = serde_json::json!({
            "worker": { "name": "张三明", "id_number": "510104197503121234", "phone": "13800138000" },
            "household": { "income_total": "2400.00", "members": [{ "kinship": "SPOUSE", "name": "李芳", "health": "SERIOUS_ILLNESS" }] },
            "org": { "name": "锦江区总工会" }
        });
        redact(&mut v);
        assert_eq!(v["worker"]["name"], "张*明");
        assert_eq!(v["worker"]["id_number"], "510104********1234");
        assert_eq!(v["worker"]["phone"], "138****8000");
        assert_eq!(v["household"]["income_total"], serde_json::Value::Null);
        assert_eq!(v["household"]["members"][0]["name"], "李*");
        assert_eq!(
            v["household"]["members"][0]["health"],
            serde_json::Value::Null
        );
        assert_eq!(v["org"]["name"], "锦江区总工会");
    }

    #[test]
    fn a_callers_name_phone_and_words_are_masked_or_removed() {
        let mut v = serde_json::json!({
            "caller_name": "王小红", "caller_phone": "13800138000", "summary": "孕期被调岗",
            "petitioner_name": "李四", "answer": "已答复", "channel": "HOTLINE",
            "collected_by_name": "王芳"
        });
        redact(&mut v);
        assert_eq!(v["caller_name"], "王*红");
        assert_eq!(v["caller_phone"], "138****8000");
        assert_eq!(v["summary"], serde_json::Value::Null);
        assert_eq!(v["petitioner_name"], "李*");
        assert_eq!(v["answer"], serde_json::Value::Null);
        assert_eq!(v["channel"], "HOTLINE");
        assert_eq!(v["collected_by_name"], "王*");
    }

    #[test]
    fn a_clients_name_address_and_the_words_of_a_rating_are_redacted() {
        let mut v = serde_json::json!({
            "client": { "name": "王淑芬", "phone": "13512345678", "address": "水井坊街12号", "district": "510104" },
            "order": { "rating": 5, "comment": "细心周到", "follow_up": "电话回访" }
        });
        redact(&mut v);
        assert_eq!(v["client"]["name"], "王*芬");
        assert_eq!(v["client"]["address"], serde_json::Value::Null);
        assert_eq!(v["client"]["district"], "510104");
        assert_eq!(v["order"]["rating"], 5);
        assert_eq!(v["order"]["comment"], serde_json::Value::Null);
        assert_eq!(v["order"]["follow_up"], serde_json::Value::Null);
    }
}
