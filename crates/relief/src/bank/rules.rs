//! What makes a payout account (代发账户) valid, how it is shown, and which account a
//! payout goes to. No I/O.

use entity::{CondolenceKind, Kinship};

use crate::error::{ApiError, ApiResult};
use crate::validate;

/// Digits of a bank card (银行卡): UnionPay and the international schemes issue 16 to 19,
/// with a Luhn check digit last.
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 16..=19;
/// Digits of any account number a bank pays into (passbooks and settlement accounts run
/// shorter or longer than cards and carry no Luhn digit).
const ACCOUNT_DIGITS: std::ops::RangeInclusive<usize> = 8..=30;

/// The account number as digits: spaces and dashes people type between groups dropped.
/// A card number (16–19 digits) must pass the Luhn check, as every card's last digit is
/// computed so; other account numbers are taken as they are.
pub fn account_number(text: &str) -> ApiResult<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::bad_input(
            "accountNumber",
            "银行卡号只能填数字 / an account number is digits only",
        ));
    }
    if !ACCOUNT_DIGITS.contains(&digits.len()) {
        return Err(ApiError::bad_input(
            "accountNumber",
            "银行卡号应为8至30位数字 / an account number has 8 to 30 digits",
        ));
    }
    if CARD_DIGITS.contains(&digits.len()) && !luhn_ok(&digits) {
        return Err(ApiError::BadUserInput {
            field: "accountNumber".into(),
            message: "银行卡号校验位不正确，请核对是否填错 / the card number's check digit is wrong: check for a typing mistake".into(),
            reasons: vec!["CARD_CHECK_DIGIT"],
        });
    }
    Ok(digits)
}

/// The Luhn (mod 10) check over `digits` (ASCII digits only).
pub fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The number as everyone but the bank file sees it: the first and last four digits, the
/// rest as `****` in groups of four (`6222 **** **** 1234`).
pub fn masked(digits: &str) -> String {
    let n = digits.len();
    if n <= 8 {
        return format!("**** {}", &digits[n.saturating_sub(4)..]);
    }
    let hidden = n - 8;
    let mut out = String::from(&digits[..4]);
    for _ in 0..hidden.div_ceil(4) {
        out.push_str(" ****");
    }
    out.push(' ');
    out.push_str(&digits[n - 4..]);
    out
}

/// A bank code (行号): the bank's 3-digit institution code or a 12-digit branch code
/// (联行号), digits only.
pub fn bank_code(text: &str) -> ApiResult<String> {
    let code = text.trim();
    let ok = (3..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(ApiError::bad_input(
            "bankCode",
            "银行代码应为3至12位数字（银行机构代码或联行号） / a bank code is 3 to 12 digits",
        ));
    }
    Ok(code.to_owned())
}

/// Most characters of a bank's name (开户行).
pub const BANK_NAME_MAX: usize = 100;

/// What an account is recorded with, checked: the bank (开户行), its code if given
/// (银行代码) and the number as digits (银行卡号).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDetails {
    pub bank_name: String,
    pub bank_code: Option<String>,
    pub number: String,
}

/// Checks the bank's name (required, at most [`BANK_NAME_MAX`] characters), its code
/// (empty is none) and the number (`account_number`), for `setPayoutAccount` and the
/// workers import alike. Every problem is returned, one per field (`bankName`,
/// `bankCode`, `accountNumber`), in that order.
pub fn account(
    bank: &str,
    code: Option<&str>,
    number: &str,
) -> Result<AccountDetails, Vec<ApiError>> {
    let bank = validate::name("bankName", bank, BANK_NAME_MAX);
    let code = code
        .filter(|c| !c.trim().is_empty())
        .map(bank_code)
        .transpose();
    let number = account_number(number);
    match (bank, code, number) {
        (Ok(bank_name), Ok(bank_code), Ok(number)) => Ok(AccountDetails {
            bank_name,
            bank_code,
            number,
        }),
        (bank, code, number) => Err([bank.err(), code.err(), number.err()]
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// Who in the household an account may belong to: the worker, or a listed member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    pub kinship: Kinship,
}

/// Refuses a holder name that is not the person the account is recorded for: the bank
/// pays into the account of the person named, so a payout goes to the worker or their
/// family, never to a third person's card (本人银行卡).
pub fn check_holder(given: &str, person: &Holder) -> ApiResult<()> {
    if given.trim() != person.name {
        return Err(ApiError::BadUserInput {
            field: "holderName".into(),
            message: format!(
                "the account holder must be the person it is recorded for ({}), as their household lists them",
                person.name
            ),
            reasons: vec!["HOLDER_NOT_IN_HOUSEHOLD"],
        });
    }
    Ok(())
}

/// Whose account a payout goes into (收款人).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payee {
    /// The person of this kinship: the worker for nearly every payout.
    Person(Kinship),
    /// The worker's family, the worker having died: 「在职员工去世，工会派员协助家属办理丧事，
    /// 同时发放2000元慰问金」.
    Survivors,
}

/// Who is paid for an item to `beneficiary`, from a condolence of `condolence` if it is
/// one. A relative's death is condoled with the worker (「员工直系亲属去世，工会派员上门慰问」),
/// who is paid, not the relative; the worker's death with the family.
pub fn payee(beneficiary: Kinship, condolence: Option<CondolenceKind>) -> Payee {
    match condolence {
        Some(CondolenceKind::DeathOfWorker) => Payee::Survivors,
        Some(CondolenceKind::DeathOfRelative) => Payee::Person(Kinship::Worker),
        _ => Payee::Person(beneficiary),
    }
}

/// The order in which survivors are paid: the spouse, a child, a parent, another member.
const SURVIVORS: [Kinship; 4] = [
    Kinship::Spouse,
    Kinship::Child,
    Kinship::Parent,
    Kinship::Other,
];

/// The account a payout to `payee` goes to, among a worker's accounts (holder kinship,
/// id) in the order they were recorded: the person's own, the first one recorded when
/// several relatives of that kind hold one.
pub fn account_for<T: Copy>(payee: Payee, accounts: &[(Kinship, T)]) -> Option<T> {
    let of = |kinship: Kinship| {
        accounts
            .iter()
            .find(|(k, _)| *k == kinship)
            .map(|(_, id)| *id)
    };
    match payee {
        Payee::Person(kinship) => of(kinship),
        Payee::Survivors => SURVIVORS.into_iter().find_map(of),
    }
}

/// The reference (参考号) a payout item carries in the bank's files: its id as 32 hex
/// digits, which every bank's reference field takes and the return file gives back.
pub fn reference(item_id: uuid::Uuid) -> String {
    item_id.simple().to_string()
}

/// The item a reference names, if it is one.
pub fn parse_reference(text: &str) -> Option<uuid::Uuid> {
    let text = text.trim();
    (text.len() == 32)
        .then(|| uuid::Uuid::try_parse(text).ok())
        .flatten()
}

/// What the bank's return file (回盘文件) says of one payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankResult {
    /// Paid (成功), under the bank's own reference (银行流水号).
    Paid { bank_reference: String },
    /// Not paid (失败), for the bank's reason (失败原因).
    Failed { reason: String },
}

/// One line of a return file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnLine {
    pub item_id: uuid::Uuid,
    pub account_number: String,
    pub amount: entity::Money,
    pub result: BankResult,
}

/// The item a return line names, as it stands.
#[derive(Debug, Clone, Copy)]
pub struct ItemFacts<'a> {
    pub amount: entity::Money,
    /// Paid already, under this bank reference.
    pub paid_as: Option<&'a str>,
    /// The number of the account the item is paid into now; none without one.
    pub account_number: Option<&'a str>,
}

/// What to do with a return line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnAction {
    /// Mark the item paid, with its ledger entry.
    Pay,
    /// Keep the item unpaid, with the bank's reason on it.
    Fail,
    /// Nothing: the item was paid under this very reference (the file came twice).
    Nothing,
}

/// Why a return line is refused (the row is named to the caller).
pub fn judge(line: &ReturnLine, item: Option<ItemFacts<'_>>) -> Result<ReturnAction, String> {
    let Some(item) = item else {
        return Err("参考号不是本批次的发放明细".into());
    };
    if line.amount != item.amount {
        return Err(format!(
            "金额与发放明细不符：应为{}，回盘为{}",
            item.amount, line.amount
        ));
    }
    if item.account_number != Some(line.account_number.as_str()) {
        return Err(match item.account_number {
            Some(_) => "账号与登记的代发账户不符".into(),
            None => "受益人没有登记代发账户".into(),
        });
    }
    match (&line.result, item.paid_as) {
        (BankResult::Paid { bank_reference }, Some(paid)) if paid == bank_reference => {
            Ok(ReturnAction::Nothing)
        }
        (_, Some(paid)) => Err(format!("该笔已按银行流水号{paid}发放，与回盘不符")),
        (BankResult::Paid { .. }, None) => Ok(ReturnAction::Pay),
        (BankResult::Failed { .. }, None) => Ok(ReturnAction::Fail),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_carry_a_luhn_digit_and_other_accounts_do_not() {
        // 《本人银行卡复印件》: the card the payout reaches.
        assert_eq!(
            account_number("6222 0212 3456 7890 128").unwrap(),
            "6222021234567890128"
        );
        assert!(luhn_ok("4111111111111111"));
        assert!(luhn_ok("6222021234567890128"));
        let wrong = account_number("6222021234567890127").unwrap_err();
        assert!(
            matches!(wrong, ApiError::BadUserInput { ref reasons, .. } if reasons == &["CARD_CHECK_DIGIT"])
        );
        // A passbook or settlement account of 20+ digits is taken as it is.
        assert!(account_number("44050163010000000123").is_ok());
        for bad in ["", "6222x", "1234567", &"1".repeat(31)] {
            assert!(account_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_number_shows_its_first_and_last_four_digits_only() {
        assert_eq!(masked("6222021234561234"), "6222 **** **** 1234");
        assert_eq!(masked("6222021234567890128"), "6222 **** **** **** 0128");
        assert_eq!(masked("123456789"), "1234 **** 6789");
        assert_eq!(masked("12345678"), "**** 5678");
    }

    #[test]
    fn the_holder_is_the_person_recorded() {
        let worker = Holder {
            name: "张三明".into(),
            kinship: Kinship::Worker,
        };
        assert!(check_holder(" 张三明 ", &worker).is_ok());
        assert!(check_holder("李四", &worker).is_err());
    }

    #[test]
    fn a_payout_goes_to_its_beneficiarys_account() {
        let accounts = [
            (Kinship::Worker, 1),
            (Kinship::Spouse, 2),
            (Kinship::Spouse, 3),
        ];
        let person = Payee::Person;
        assert_eq!(account_for(person(Kinship::Worker), &accounts), Some(1));
        assert_eq!(account_for(person(Kinship::Spouse), &accounts), Some(2));
        assert_eq!(account_for(person(Kinship::Child), &accounts), None);
    }

    /// 「在职员工去世，工会派员协助家属办理丧事，同时发放2000元慰问金；员工直系亲属去世，工会派员上门
    /// 慰问，赠送花圈或500-2000元慰问金」: the family is paid for the worker's death, the worker
    /// for a relative's.
    #[test]
    fn a_death_is_condoled_with_the_living() {
        assert_eq!(
            payee(Kinship::Worker, Some(CondolenceKind::DeathOfWorker)),
            Payee::Survivors
        );
        assert_eq!(
            payee(Kinship::Parent, Some(CondolenceKind::DeathOfRelative)),
            Payee::Person(Kinship::Worker)
        );
        assert_eq!(
            payee(Kinship::Worker, Some(CondolenceKind::Hospitalization)),
            Payee::Person(Kinship::Worker)
        );
        assert_eq!(payee(Kinship::Worker, None), Payee::Person(Kinship::Worker));
        let family = [
            (Kinship::Worker, 1),
            (Kinship::Child, 2),
            (Kinship::Spouse, 3),
        ];
        assert_eq!(account_for(Payee::Survivors, &family), Some(3));
        assert_eq!(account_for(Payee::Survivors, &family[..2]), Some(2));
        assert_eq!(account_for(Payee::Survivors, &family[..1]), None);
    }

    #[test]
    fn a_reference_names_its_item_and_nothing_else() {
        let id = uuid::Uuid::now_v7();
        assert_eq!(parse_reference(&format!(" {} ", reference(id))), Some(id));
        assert_eq!(parse_reference(&id.to_string()), None);
        assert_eq!(parse_reference("12345"), None);
    }

    #[test]
    fn a_return_line_pays_only_what_was_asked_into_the_account_recorded() {
        use entity::Money;
        let id = uuid::Uuid::now_v7();
        let line = |result| ReturnLine {
            item_id: id,
            account_number: "6222021234567890128".into(),
            amount: Money::from_fen(50000),
            result,
        };
        let paid = line(BankResult::Paid {
            bank_reference: "B1".into(),
        });
        let failed = line(BankResult::Failed {
            reason: "户名不符".into(),
        });
        let owed = ItemFacts {
            amount: Money::from_fen(50000),
            paid_as: None,
            account_number: Some("6222021234567890128"),
        };
        assert_eq!(judge(&paid, Some(owed)), Ok(ReturnAction::Pay));
        assert_eq!(judge(&failed, Some(owed)), Ok(ReturnAction::Fail));
        // The same file twice: paid once.
        let done = ItemFacts {
            paid_as: Some("B1"),
            ..owed
        };
        assert_eq!(judge(&paid, Some(done)), Ok(ReturnAction::Nothing));
        assert!(judge(&failed, Some(done)).is_err());
        assert!(judge(&paid, None).is_err());
        let other_amount = ItemFacts {
            amount: Money::from_fen(60000),
            ..owed
        };
        assert!(
            judge(&paid, Some(other_amount))
                .unwrap_err()
                .contains("金额")
        );
        let other_account = ItemFacts {
            account_number: Some("6222021234561236"),
            ..owed
        };
        assert!(
            judge(&paid, Some(other_account))
                .unwrap_err()
                .contains("账号")
        );
        let no_account = ItemFacts {
            account_number: None,
            ..owed
        };
        assert!(judge(&paid, Some(no_account)).is_err());
    }

    #[test]
    fn an_account_is_checked_field_by_field() {
        let good = account(
            " 中国工商银行成都分行 ",
            Some(" "),
            "6222 0212 3456 7890 128",
        )
        .unwrap();
        assert_eq!(
            good,
            AccountDetails {
                bank_name: "中国工商银行成都分行".into(),
                bank_code: None,
                number: "6222021234567890128".into(),
            }
        );
        let fields = |errors: Vec<ApiError>| -> Vec<String> {
            errors
                .into_iter()
                .map(|e| match e {
                    ApiError::BadUserInput { field, .. } => field,
                    other => other.to_string(),
                })
                .collect()
        };
        let bad = account("", Some("ICBC"), "6222021234567890127").unwrap_err();
        assert_eq!(fields(bad), ["bankName", "bankCode", "accountNumber"]);
        let long = "行".repeat(BANK_NAME_MAX + 1);
        assert_eq!(
            fields(account(&long, Some("102"), "6222021234567890128").unwrap_err()),
            ["bankName"]
        );
    }

    #[test]
    fn errors_say_it_in_chinese_first() {
        // The imports show the part before " / " (`spreadsheet::rows::zh`).
        for (err, chinese) in [
            (
                account_number("6222021234567890127"),
                "银行卡号校验位不正确",
            ),
            (account_number("6222x"), "银行卡号只能填数字"),
            (account_number("1234567"), "银行卡号应为8至30位数字"),
            (bank_code("ICBC"), "银行代码应为3至12位数字"),
        ] {
            let err = err.unwrap_err();
            assert!(
                matches!(&err, ApiError::BadUserInput { message, .. } if message.starts_with(chinese) && message.contains(" / ")),
                "{err:?}"
            );
        }
    }

    #[test]
    fn bank_codes_are_digits() {
        assert_eq!(bank_code(" 102 ").unwrap(), "102");
        assert!(bank_code("102100099996").is_ok());
        assert!(bank_code("ICBC").is_err());
    }
}
