//! What a household's members add up to: the counts kept on the household row so that
//! screening and statistics run as SQL without reading members one by one.

use entity::{Health, Kinship, Schooling};
use rust_decimal::Decimal;

use super::rules::MemberFacts;
use crate::error::{ApiError, ApiResult};

/// Largest household accepted.
pub const MAX_MEMBERS: usize = 30;

/// Highest monthly income a member may be recorded with, in yuan: beyond it the entry is
/// a typing error (and sums in SQL stay far from overflow).
pub const MAX_MONTHLY_INCOME: i64 = 1_000_000;

/// Counts derived from a household's members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub member_count: i32,
    pub income_total: Decimal,
    pub ill_count: i32,
    pub seriously_ill_count: i32,
    pub disabled_count: i32,
    pub children_in_school: i32,
    pub children_at_university: i32,
    pub high_fee_schooling: bool,
}

/// Whether a health state is serious illness (重病): serious, or cancer and terminal.
pub fn seriously_ill(health: Health) -> bool {
    matches!(health, Health::SeriousIllness | Health::TerminalIllness)
}

/// Adds up the members.
pub fn summarize(members: &[MemberFacts]) -> Summary {
    let count = |f: &dyn Fn(&MemberFacts) -> bool| {
        i32::try_from(members.iter().filter(|m| f(m)).count()).unwrap_or(i32::MAX)
    };
    Summary {
        member_count: count(&|_| true),
        income_total: members.iter().map(|m| m.monthly_income).sum(),
        ill_count: count(&|m| m.health != Health::Healthy),
        seriously_ill_count: count(&|m| seriously_ill(m.health)),
        disabled_count: count(&|m| m.disabled),
        children_in_school: count(&|m| {
            m.kinship == Kinship::Child
                && matches!(m.schooling, Schooling::School | Schooling::University)
        }),
        children_at_university: count(&|m| {
            m.kinship == Kinship::Child && m.schooling == Schooling::University
        }),
        high_fee_schooling: members.iter().any(|m| {
            matches!(
                m.schooling,
                Schooling::HighFeePrivateSchool | Schooling::SelfFundedAbroad
            )
        }),
    }
}

/// Checks the members a caseworker entered: the worker once, sensible incomes.
pub fn check_members(members: &[MemberFacts]) -> ApiResult<()> {
    if members.is_empty() || members.len() > MAX_MEMBERS {
        return Err(ApiError::bad_input(
            "members",
            format!("a household has 1 to {MAX_MEMBERS} members, the worker included"),
        ));
    }
    if members
        .iter()
        .filter(|m| m.kinship == Kinship::Worker)
        .count()
        != 1
    {
        return Err(ApiError::bad_input(
            "members",
            "list the worker (kinship SELF) exactly once among the members",
        ));
    }
    for (i, m) in members.iter().enumerate() {
        if m.monthly_income.is_sign_negative() {
            return Err(ApiError::bad_input(
                format!("members[{i}].monthlyIncome"),
                "an income is not negative",
            ));
        }
        if m.monthly_income > Decimal::from(MAX_MONTHLY_INCOME) {
            return Err(ApiError::bad_input(
                format!("members[{i}].monthlyIncome"),
                format!("a monthly income above {MAX_MONTHLY_INCOME} yuan is not plausible"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(kinship: Kinship, income: i64, health: Health, schooling: Schooling) -> MemberFacts {
        MemberFacts {
            kinship,
            monthly_income: Decimal::from(income),
            health,
            disabled: false,
            schooling,
        }
    }

    #[test]
    fn sums_incomes_and_counts_illness_and_schooling() {
        let members = [
            member(
                Kinship::Worker,
                1800,
                Health::ChronicIllness,
                Schooling::NotInSchool,
            ),
            member(
                Kinship::Spouse,
                0,
                Health::TerminalIllness,
                Schooling::NotInSchool,
            ),
            member(Kinship::Child, 0, Health::Healthy, Schooling::University),
            member(Kinship::Child, 0, Health::Healthy, Schooling::School),
        ];
        let s = summarize(&members);
        assert_eq!(s.member_count, 4);
        assert_eq!(s.income_total, Decimal::from(1800));
        assert_eq!(s.ill_count, 2);
        assert_eq!(s.seriously_ill_count, 1);
        assert_eq!(s.children_in_school, 2);
        assert_eq!(s.children_at_university, 1);
        assert!(!s.high_fee_schooling);
    }

    #[test]
    fn the_worker_is_listed_exactly_once() {
        let w = member(
            Kinship::Worker,
            1000,
            Health::Healthy,
            Schooling::NotInSchool,
        );
        assert!(check_members(std::slice::from_ref(&w)).is_ok());
        assert!(check_members(&[]).is_err());
        assert!(check_members(&[w.clone(), w.clone()]).is_err());
        let spouse = member(
            Kinship::Spouse,
            1000,
            Health::Healthy,
            Schooling::NotInSchool,
        );
        assert!(check_members(&[spouse]).is_err());
        let mut negative = w;
        negative.monthly_income = Decimal::from(-1);
        assert!(check_members(&[negative]).is_err());
    }
}
