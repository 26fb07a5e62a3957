//! Eligibility rules (建档标准) of the 困难员工帮扶管理制度: who may be filed in the
//! hardship registry, at which level, and why not. Pure: no I/O, no clock, no database.
//!
//! The seed policy, 五、2「困难员工帮扶标准」:
//!
//! > ①、家庭人均收入低于当地最低生活保障线，经行政救助后生活仍十分困难的员工家庭；
//! > ②、家庭人均收入不高于当地最低生活保障线150%以内（含），但由于患病、子女上学、残疾、
//! > 单亲及其它特殊原因造成生活困难的员工家庭；
//! > ③、家庭成员遭遇意外灾害，损失巨大，造成生活特别困难的员工；
//! > ④、单亲丧偶家庭；单身一人且患有重病的；家庭成员中有两人同时患重病的；家庭成员中
//! > 有一人患重病且有子女在大学就读的；
//! > ⑤、具有下列情形的员工家庭，不建立档案：拥有2套以上（含）住宅的，拥有商业店铺或
//! > 雇佣他人从事经营活动的，子女进入高收费私立学校或自费出国留学的，非受雇佣经常使用
//! > 机动车辆、工程机械以及大型农机具的；
//!
//! and 五、1: 「含内退员工，退休人员、工亡家属及伤残退休人员原则上不再纳入建档范围」.
//!
//! Money is [`Decimal`]; per-capita income is compared with the line exactly (by
//! cross-multiplication, never through a rounded quotient).

use std::cmp::Ordering;

use entity::{EmploymentType, HardshipLevel, Health, Kinship, Schooling};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Version of the policy these rules implement, stored with each evaluation so that an
/// audit or appeal (复核 / 申诉) knows which 建档标准 a decision was made under.
pub const POLICY_VERSION: &str = "困难员工帮扶管理制度/v1";

/// One household member's circumstances (家庭成员情况) as far as the 建档标准 need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    /// Relation to the worker (与职工关系); the worker is [`Kinship::Worker`].
    pub kinship: Kinship,
    /// Monthly income (月收入), yuan; never negative.
    pub monthly_income: Decimal,
    /// Health (健康状况): illness is a cause (患病) and serious illness (重病) a special family.
    pub health: Health,
    /// Disabled (残疾), a cause of hardship.
    pub disabled: bool,
    /// Schooling (就学情况): a child at school is a cause (子女上学); high-fee schooling excludes.
    pub schooling: Schooling,
}

/// A worker's household (员工家庭) as filed by the caseworker: the input of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdFacts {
    /// Everyone in the household, including the worker (exactly one [`Kinship::Worker`]).
    pub members: Vec<MemberFacts>,
    /// Receives 低保 (minimum living allowance). Not a criterion by itself; carried for
    /// later rules (the subsidy standards pay 低保 families).
    pub receives_minimum_allowance: bool,
    /// Number of homes owned (住宅套数); two or more excludes (拥有2套以上（含）住宅).
    pub homes_owned: u32,
    /// 拥有商业店铺或雇佣他人从事经营活动: excludes.
    pub owns_business: bool,
    /// 非受雇佣经常使用机动车辆、工程机械以及大型农机具: excludes.
    pub uses_vehicles: bool,
    /// Single-parent family (单亲).
    pub single_parent: bool,
    /// Widowed (丧偶).
    pub widowed: bool,
    /// The worker lives alone (单身一人).
    pub lives_alone: bool,
    /// 遭遇意外灾害，损失巨大.
    pub disaster_loss: bool,
    /// 其它特殊原因 stated by the caseworker, a cause for the near-the-line band.
    pub other_special_cause: bool,
}

/// A criterion of the 困难员工帮扶标准 (①–④) that a household meets. Each is listed in an
/// [`Evaluation`] so the decision can be explained and audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    /// ① 家庭人均收入低于当地最低生活保障线 (特困).
    BelowLine,
    /// ② 人均收入不高于低保线150%（含），且有患病、子女上学、残疾、单亲或其它特殊原因.
    NearLineWithCause,
    /// ③ 遭遇意外灾害，损失巨大.
    Disaster,
    /// ④ 单亲丧偶家庭；单身一人且患重病；两人同时患重病；一人患重病且有子女在大学就读.
    SpecialFamily,
}

impl Criterion {
    /// Stable code of the criterion, as stored and sent to clients.
    pub fn code(self) -> &'static str {
        match self {
            Self::BelowLine => "BELOW_LINE",
            Self::NearLineWithCause => "NEAR_LINE_WITH_CAUSE",
            Self::Disaster => "DISASTER",
            Self::SpecialFamily => "SPECIAL_FAMILY",
        }
    }
}

/// A reason not to file a household (不建立档案, ⑤ and 五、1), whatever criteria it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Exclusion {
    /// 拥有2套以上（含）住宅.
    MultipleHomes,
    /// 拥有商业店铺或雇佣他人从事经营活动.
    Business,
    /// 子女进入高收费私立学校或自费出国留学.
    HighFeeSchooling,
    /// 非受雇佣经常使用机动车辆、工程机械以及大型农机具.
    Vehicles,
    /// 退休人员、工亡家属及伤残退休人员原则上不再纳入建档范围 (内退 is filed).
    PersonType,
}

impl Exclusion {
    /// Stable code of the exclusion, as stored and used as a refusal reason.
    pub fn code(self) -> &'static str {
        match self {
            Self::MultipleHomes => "EXCLUDED_MULTIPLE_HOMES",
            Self::Business => "EXCLUDED_BUSINESS",
            Self::HighFeeSchooling => "EXCLUDED_HIGH_FEE_SCHOOLING",
            Self::Vehicles => "EXCLUDED_VEHICLES",
            Self::PersonType => "EXCLUDED_PERSON_TYPE",
        }
    }
}

/// Outcome of the 建档标准 for one household against one poverty line (低保线): stored with
/// the case at each submission and review as evidence for audit and appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// May be filed (符合建档条件): no exclusion and at least one criterion.
    pub eligible: bool,
    /// 特困 when eligible below the line, 困难 when eligible otherwise, none when not eligible.
    pub level: Option<HardshipLevel>,
    /// Every criterion met, in [`Criterion`] order.
    pub matched: Vec<Criterion>,
    /// Every exclusion that applies, in [`Exclusion`] order.
    pub excluded: Vec<Exclusion>,
    /// Per-capita monthly income (家庭人均收入), rounded half away from zero to the fen for
    /// the record; the rules compared the exact value.
    pub per_capita_income: Decimal,
    /// The local poverty line (当地最低生活保障线) used.
    pub poverty_line: Decimal,
    /// [`POLICY_VERSION`] at the time of evaluation.
    pub policy_version: &'static str,
}

impl Evaluation {
    /// Why the household may not be filed (不予建档理由): empty when eligible; otherwise
    /// the `EXCLUDED_*` codes, or `NOT_ELIGIBLE` when no criterion was met.
    pub fn refusal_reasons(&self) -> Vec<&'static str> {
        if self.eligible {
            Vec::new()
        } else if self.excluded.is_empty() {
            vec!["NOT_ELIGIBLE"]
        } else {
            self.excluded.iter().map(|e| e.code()).collect()
        }
    }
}

/// Household facts that cannot be evaluated (家庭情况不完整或有误).
#[derive(Debug, Clone, Copy, thiserror::Error, PartialEq, Eq)]
pub enum EligibilityError {
    /// No household member was given, so there is no per-capita income.
    #[error("家庭成员不能为空 / the household has no members")]
    NoMembers,
    /// A member's monthly income is below zero.
    #[error("成员月收入不能为负数 / a member's monthly income is negative")]
    NegativeIncome,
    /// The members do not include exactly one worker (本人).
    #[error("家庭成员中须有且仅有一名职工本人 / the household must include exactly one worker")]
    NoWorker,
    /// The poverty line is zero or negative.
    #[error("最低生活保障线须大于零 / the poverty line must be positive")]
    NonPositiveLine,
}

/// Applies the 建档标准 to a worker's household against the local poverty line (低保线,
/// monthly per capita). Lists every criterion met and every exclusion that applies.
pub fn evaluate(
    employment_type: EmploymentType,
    household: &HouseholdFacts,
    poverty_line: Decimal,
) -> Result<Evaluation, EligibilityError> {
    let members = &household.members;
    if members.is_empty() {
        return Err(EligibilityError::NoMembers);
    }
    if members.iter().any(|m| m.monthly_income < Decimal::ZERO) {
        return Err(EligibilityError::NegativeIncome);
    }
    if members
        .iter()
        .filter(|m| m.kinship == Kinship::Worker)
        .count()
        != 1
    {
        return Err(EligibilityError::NoWorker);
    }
    if poverty_line <= Decimal::ZERO {
        return Err(EligibilityError::NonPositiveLine);
    }

    let income = Income::of(members);
    // ① strictly below the line; ② from the line up to 150% of it, inclusive.
    let below_line = income.cmp_to_line(poverty_line, 1, 1) == Ordering::Less;
    let within_150 = income.cmp_to_line(poverty_line, 3, 2) != Ordering::Greater;

    let mut matched = Vec::new();
    if below_line {
        matched.push(Criterion::BelowLine);
    } else if within_150 && has_cause(household) {
        matched.push(Criterion::NearLineWithCause);
    }
    if household.disaster_loss {
        matched.push(Criterion::Disaster);
    }
    if is_special_family(household) {
        matched.push(Criterion::SpecialFamily);
    }

    let excluded = exclusions(employment_type, household);
    let eligible = excluded.is_empty() && !matched.is_empty();
    let level = match (eligible, below_line) {
        (false, _) => None,
        (true, true) => Some(HardshipLevel::Extreme),
        (true, false) => Some(HardshipLevel::Ordinary),
    };

    Ok(Evaluation {
        eligible,
        level,
        matched,
        excluded,
        per_capita_income: income
            .mean()
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        poverty_line,
        policy_version: POLICY_VERSION,
    })
}

/// The household's income in a form that compares exactly with multiples of the line.
struct Income<'a> {
    members: &'a [MemberFacts],
    /// Household total, `None` if it overflows `Decimal` (only for absurd inputs).
    total: Option<Decimal>,
    /// Number of members (≥ 1).
    count: Decimal,
}

impl<'a> Income<'a> {
    fn of(members: &'a [MemberFacts]) -> Self {
        let total = members
            .iter()
            .try_fold(Decimal::ZERO, |sum, m| sum.checked_add(m.monthly_income));
        Self {
            members,
            total,
            count: Decimal::from(members.len()),
        }
    }

    /// Per-capita income. Exact up to `Decimal`'s 28 significant digits; if the total
    /// overflows, the mean of the shares (which cannot overflow).
    fn mean(&self) -> Decimal {
        match self.total.and_then(|t| t.checked_div(self.count)) {
            Some(mean) => mean,
            None => self
                .members
                .iter()
                .map(|m| m.monthly_income / self.count)
                .fold(Decimal::ZERO, |sum, share| sum.saturating_add(share)),
        }
    }

    /// Orders per-capita income against `line × num / den` exactly, as
    /// `total × den` against `line × num × count`, so that e.g. 1000/3 is not rounded.
    /// Falls back to the (28-digit) quotients only when a product overflows `Decimal`.
    fn cmp_to_line(&self, line: Decimal, num: u32, den: u32) -> Ordering {
        let (num, den) = (Decimal::from(num), Decimal::from(den));
        let lhs = self.total.and_then(|t| t.checked_mul(den));
        let rhs = line
            .checked_mul(num)
            .and_then(|l| l.checked_mul(self.count));
        match (lhs, rhs) {
            (Some(lhs), Some(rhs)) => lhs.cmp(&rhs),
            // An overflowing product exceeds any representable one (all are non-negative).
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) if self.total.is_some() => Ordering::Greater,
            _ => (self.mean() / num).cmp(&(line / den)),
        }
    }
}

/// 患病 (chronic, serious or terminal illness).
fn is_ill(m: &MemberFacts) -> bool {
    m.health != Health::Healthy
}

/// 重病: serious or terminal illness.
fn is_seriously_ill(m: &MemberFacts) -> bool {
    matches!(m.health, Health::SeriousIllness | Health::TerminalIllness)
}

/// A child (子女) at university (大学就读).
fn is_child_at_university(m: &MemberFacts) -> bool {
    m.kinship == Kinship::Child && m.schooling == Schooling::University
}

/// ②'s causes: 患病、子女上学、残疾、单亲及其它特殊原因.
fn has_cause(h: &HouseholdFacts) -> bool {
    h.members.iter().any(|m| {
        is_ill(m)
            || m.disabled
            || (m.kinship == Kinship::Child
                && matches!(m.schooling, Schooling::School | Schooling::University))
    }) || h.single_parent
        || h.other_special_cause
}

/// ④ 单亲丧偶家庭；单身一人且患有重病的；家庭成员中有两人同时患重病的；家庭成员中有一人
/// 患重病且有子女在大学就读的.
fn is_special_family(h: &HouseholdFacts) -> bool {
    let seriously_ill = h.members.iter().filter(|m| is_seriously_ill(m)).count();
    h.single_parent
        || h.widowed
        || (h.lives_alone && seriously_ill >= 1)
        || seriously_ill >= 2
        || (seriously_ill >= 1 && h.members.iter().any(is_child_at_university))
}

/// ⑤ and the person types of 五、1, in [`Exclusion`] order.
fn exclusions(employment_type: EmploymentType, h: &HouseholdFacts) -> Vec<Exclusion> {
    let high_fee = h.members.iter().any(|m| {
        matches!(
            m.schooling,
            Schooling::HighFeePrivateSchool | Schooling::SelfFundedAbroad
        )
    });
    let person_type = match employment_type {
        EmploymentType::Retired
        | EmploymentType::WorkInjuryDeathFamily
        | EmploymentType::DisabilityRetired => true,
        EmploymentType::Formal
        | EmploymentType::Dispatched
        | EmploymentType::InternalRetirement => false,
    };
    [
        (h.homes_owned >= 2, Exclusion::MultipleHomes),
        (h.owns_business, Exclusion::Business),
        (high_fee, Exclusion::HighFeeSchooling),
        (h.uses_vehicles, Exclusion::Vehicles),
        (person_type, Exclusion::PersonType),
    ]
    .into_iter()
    .filter_map(|(applies, exclusion)| applies.then_some(exclusion))
    .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A decimal from its literal (the crate does not enable `rust_decimal`'s `dec!`).
    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn member(kinship: Kinship, income: Decimal) -> MemberFacts {
        MemberFacts {
            kinship,
            monthly_income: income,
            health: Health::Healthy,
            disabled: false,
            schooling: Schooling::NotInSchool,
        }
    }

    /// Builds a household: starts with the worker alone, healthy, no income, nothing special.
    struct Household(HouseholdFacts);

    impl Household {
        fn new() -> Self {
            Self::with_worker_income(Decimal::ZERO)
        }

        fn with_worker_income(income: Decimal) -> Self {
            Self(HouseholdFacts {
                members: vec![member(Kinship::Worker, income)],
                receives_minimum_allowance: false,
                homes_owned: 0,
                owns_business: false,
                uses_vehicles: false,
                single_parent: false,
                widowed: false,
                lives_alone: false,
                disaster_loss: false,
                other_special_cause: false,
            })
        }

        fn worker(mut self, f: impl FnOnce(&mut MemberFacts)) -> Self {
            if let Some(w) = self
                .0
                .members
                .iter_mut()
                .find(|m| m.kinship == Kinship::Worker)
            {
                f(w);
            }
            self
        }

        fn add(mut self, kinship: Kinship, income: Decimal) -> Self {
            self.0.members.push(member(kinship, income));
            self
        }

        fn add_with(
            mut self,
            kinship: Kinship,
            income: Decimal,
            f: impl FnOnce(&mut MemberFacts),
        ) -> Self {
            let mut m = member(kinship, income);
            f(&mut m);
            self.0.members.push(m);
            self
        }

        fn set(mut self, f: impl FnOnce(&mut HouseholdFacts)) -> Self {
            f(&mut self.0);
            self
        }

        fn eval(&self, line: Decimal) -> Evaluation {
            evaluate(EmploymentType::Formal, &self.0, line).unwrap()
        }

        fn eval_as(&self, employment_type: EmploymentType, line: Decimal) -> Evaluation {
            evaluate(employment_type, &self.0, line).unwrap()
        }
    }

    const LINE: Decimal = Decimal::ONE_THOUSAND;

    // ---- ① BELOW_LINE ----

    /// ①「家庭人均收入低于当地最低生活保障线，经行政救助后生活仍十分困难的员工家庭」→ 特困.
    #[test]
    fn below_line_is_extreme_hardship() {
        let e = Household::with_worker_income(d("1200"))
            .add(Kinship::Spouse, d("600"))
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::BelowLine]);
        assert!(e.excluded.is_empty());
        assert!(e.eligible);
        assert_eq!(e.level, Some(HardshipLevel::Extreme));
        assert_eq!(e.per_capita_income, d("900.00"));
        assert_eq!(e.poverty_line, LINE);
        assert_eq!(e.policy_version, POLICY_VERSION);
        assert!(e.refusal_reasons().is_empty());
    }

    /// ①「低于」: one fen below the line is below it.
    #[test]
    fn one_fen_below_line_is_below_line() {
        let e = Household::with_worker_income(d("999.99")).eval(LINE);
        assert_eq!(e.matched, vec![Criterion::BelowLine]);
        assert_eq!(e.level, Some(HardshipLevel::Extreme));
    }

    /// ①「低于」is strict: exactly at the line is not below it; with no cause, nothing matches.
    #[test]
    fn exactly_at_line_without_cause_is_not_eligible() {
        let e = Household::with_worker_income(d("1000")).eval(LINE);
        assert!(e.matched.is_empty());
        assert!(!e.eligible);
        assert_eq!(e.level, None);
        assert_eq!(e.refusal_reasons(), vec!["NOT_ELIGIBLE"]);
    }

    /// ②「不高于当地最低生活保障线150%以内（含）」starts at the line: exactly at the line
    /// with a cause is NEAR_LINE_WITH_CAUSE (困难), not BELOW_LINE.
    #[test]
    fn exactly_at_line_with_cause_is_near_line() {
        let e = Household::with_worker_income(d("1000"))
            .worker(|w| w.health = Health::ChronicIllness)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::NearLineWithCause]);
        assert_eq!(e.level, Some(HardshipLevel::Ordinary));
    }

    /// ① and ② are distinct bands: below the line with a cause is only BELOW_LINE.
    #[test]
    fn below_line_with_cause_matches_below_line_only() {
        let e = Household::with_worker_income(d("500"))
            .worker(|w| w.disabled = true)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::BelowLine]);
    }

    /// Per-capita income with thirds is compared exactly, never through the rounded
    /// figure: 2000/3 = 666.666… is recorded as 666.67 yet is below a line of 666.67
    /// (rounding first would put it exactly at the line).
    #[test]
    fn per_capita_thirds_compared_exactly() {
        let h = Household::with_worker_income(d("2000"))
            .add(Kinship::Spouse, d("0"))
            .add(Kinship::Child, d("0"));
        let e = h.eval(d("666.67"));
        assert_eq!(e.per_capita_income, d("666.67"));
        assert_eq!(e.matched, vec![Criterion::BelowLine]);
        assert!(h.eval(d("666.66")).matched.is_empty());

        // 1000/3 = 333.33… is recorded as 333.33 but is above 150% of 222.22 (= 333.33):
        // outside the band; 150% of 222.23 (= 333.345) is above it: inside.
        let h = Household::with_worker_income(d("1000"))
            .add(Kinship::Spouse, d("0"))
            .add(Kinship::Child, d("0"))
            .set(|h| h.other_special_cause = true);
        let outside = h.eval(d("222.22"));
        assert_eq!(outside.per_capita_income, d("333.33"));
        assert!(outside.matched.is_empty());
        assert_eq!(
            h.eval(d("222.23")).matched,
            vec![Criterion::NearLineWithCause]
        );
    }

    /// The stored per-capita income is rounded half away from zero: 2000.01 / 2 = 1000.005
    /// is recorded as 1000.01, while the comparison used the exact value.
    #[test]
    fn stored_per_capita_rounds_half_away_from_zero() {
        let e = Household::with_worker_income(d("2000.01"))
            .add(Kinship::Spouse, d("0"))
            .eval(d("1000.01"));
        assert_eq!(e.per_capita_income, d("1000.01"));
        assert_eq!(e.matched, vec![Criterion::BelowLine]);
    }

    // ---- ② NEAR_LINE_WITH_CAUSE ----

    /// ②「家庭人均收入不高于当地最低生活保障线150%以内（含），但由于患病…造成生活困难」.
    #[test]
    fn near_line_with_illness() {
        for health in [
            Health::ChronicIllness,
            Health::SeriousIllness,
            Health::TerminalIllness,
        ] {
            let e = Household::with_worker_income(d("2400"))
                .add_with(Kinship::Parent, d("0"), |m| m.health = health)
                .eval(LINE);
            assert!(
                e.matched.contains(&Criterion::NearLineWithCause),
                "{health:?}"
            );
            assert!(e.eligible);
            assert_eq!(e.level, Some(HardshipLevel::Ordinary));
        }
    }

    /// ② 「子女上学」: a child at school or university is a cause.
    #[test]
    fn near_line_with_child_at_school() {
        for schooling in [Schooling::School, Schooling::University] {
            let e = Household::with_worker_income(d("2400"))
                .add_with(Kinship::Child, d("0"), |m| m.schooling = schooling)
                .eval(LINE);
            assert_eq!(
                e.matched,
                vec![Criterion::NearLineWithCause],
                "{schooling:?}"
            );
        }
        // Someone other than a child at school is not 子女上学.
        let e = Household::with_worker_income(d("2400"))
            .add_with(Kinship::Spouse, d("0"), |m| m.schooling = Schooling::School)
            .eval(LINE);
        assert!(e.matched.is_empty());
    }

    /// ② 「残疾」: a disabled member is a cause.
    #[test]
    fn near_line_with_disability() {
        let e = Household::with_worker_income(d("2400"))
            .add_with(Kinship::Spouse, d("0"), |m| m.disabled = true)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::NearLineWithCause]);
    }

    /// ② 「其它特殊原因」stated by the caseworker is a cause.
    #[test]
    fn near_line_with_other_special_cause() {
        let e = Household::with_worker_income(d("1200"))
            .set(|h| h.other_special_cause = true)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::NearLineWithCause]);
    }

    /// ② 「150%以内（含）」: exactly 150% of the line with a cause is inside the band.
    #[test]
    fn exactly_150_percent_with_cause_is_near_line() {
        let e = Household::with_worker_income(d("1500"))
            .set(|h| h.other_special_cause = true)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::NearLineWithCause]);
        assert_eq!(e.per_capita_income, d("1500.00"));
    }

    /// ②: one fen above 150% of the line matches nothing, even with a cause.
    #[test]
    fn one_fen_above_150_percent_is_not_eligible() {
        let e = Household::with_worker_income(d("1500.01"))
            .set(|h| h.other_special_cause = true)
            .eval(LINE);
        assert!(e.matched.is_empty());
        assert!(!e.eligible);
        assert_eq!(e.refusal_reasons(), vec!["NOT_ELIGIBLE"]);
    }

    /// ② needs a cause: within 150% but healthy, no schooling, nothing special → nothing.
    #[test]
    fn near_line_without_cause_is_not_eligible() {
        let e = Household::with_worker_income(d("1200")).eval(LINE);
        assert!(e.matched.is_empty());
        assert!(!e.eligible);
    }

    // ---- ③ DISASTER ----

    /// ③「家庭成员遭遇意外灾害，损失巨大，造成生活特别困难的员工」, whatever the income.
    #[test]
    fn disaster_loss() {
        let e = Household::with_worker_income(d("5000"))
            .set(|h| h.disaster_loss = true)
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::Disaster]);
        assert!(e.eligible);
        assert_eq!(e.level, Some(HardshipLevel::Ordinary));
    }

    // ---- ④ SPECIAL_FAMILY ----

    /// ④「单亲丧偶家庭」: single-parent or widowed.
    #[test]
    fn special_family_single_parent_or_widowed() {
        let single = Household::with_worker_income(d("5000"))
            .add(Kinship::Child, d("0"))
            .set(|h| h.single_parent = true)
            .eval(LINE);
        assert_eq!(single.matched, vec![Criterion::SpecialFamily]);
        let widowed = Household::with_worker_income(d("5000"))
            .set(|h| h.widowed = true)
            .eval(LINE);
        assert_eq!(widowed.matched, vec![Criterion::SpecialFamily]);
        assert!(widowed.eligible);
    }

    /// ④「单身一人且患有重病的」: living alone and seriously ill; a chronic illness is not 重病.
    #[test]
    fn special_family_alone_and_seriously_ill() {
        let h = Household::with_worker_income(d("5000")).set(|h| h.lives_alone = true);
        let serious = h.worker(|w| w.health = Health::TerminalIllness).eval(LINE);
        assert_eq!(serious.matched, vec![Criterion::SpecialFamily]);
        let chronic = Household::with_worker_income(d("5000"))
            .set(|h| h.lives_alone = true)
            .worker(|w| w.health = Health::ChronicIllness)
            .eval(LINE);
        assert!(chronic.matched.is_empty());
    }

    /// ④「家庭成员中有两人同时患重病的」.
    #[test]
    fn special_family_two_seriously_ill() {
        let e = Household::with_worker_income(d("9000"))
            .worker(|w| w.health = Health::SeriousIllness)
            .add_with(Kinship::Spouse, d("0"), |m| {
                m.health = Health::TerminalIllness
            })
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::SpecialFamily]);
        // One seriously ill member alone (not living alone, no child at university) is not enough.
        let one = Household::with_worker_income(d("9000"))
            .worker(|w| w.health = Health::SeriousIllness)
            .add(Kinship::Spouse, d("0"))
            .eval(LINE);
        assert!(one.matched.is_empty());
    }

    /// ④「家庭成员中有一人患重病且有子女在大学就读的」.
    #[test]
    fn special_family_seriously_ill_and_child_at_university() {
        let e = Household::with_worker_income(d("9000"))
            .add_with(Kinship::Spouse, d("0"), |m| {
                m.health = Health::SeriousIllness
            })
            .add_with(Kinship::Child, d("0"), |m| {
                m.schooling = Schooling::University
            })
            .eval(LINE);
        assert_eq!(e.matched, vec![Criterion::SpecialFamily]);
    }

    // ---- several criteria at once ----

    /// Every criterion that holds is listed, in order: ① + ③ + ④.
    #[test]
    fn several_criteria_all_listed() {
        let e = Household::with_worker_income(d("300"))
            .add(Kinship::Child, d("0"))
            .set(|h| {
                h.single_parent = true;
                h.disaster_loss = true;
            })
            .eval(LINE);
        assert_eq!(
            e.matched,
            vec![
                Criterion::BelowLine,
                Criterion::Disaster,
                Criterion::SpecialFamily
            ]
        );
        assert_eq!(e.level, Some(HardshipLevel::Extreme));
        // ② + ③ + ④ near the line: 困难.
        let e = Household::with_worker_income(d("2400"))
            .add(Kinship::Child, d("0"))
            .set(|h| {
                h.single_parent = true;
                h.disaster_loss = true;
            })
            .eval(LINE);
        assert_eq!(
            e.matched,
            vec![
                Criterion::NearLineWithCause,
                Criterion::Disaster,
                Criterion::SpecialFamily
            ]
        );
        assert_eq!(e.level, Some(HardshipLevel::Ordinary));
    }

    // ---- ⑤ exclusions ----

    /// ⑤「拥有2套以上（含）住宅的」不建立档案: two homes exclude, one does not.
    #[test]
    fn excluded_multiple_homes() {
        let h = Household::with_worker_income(d("500"));
        let two = h.set(|h| h.homes_owned = 2).eval(LINE);
        assert_eq!(two.excluded, vec![Exclusion::MultipleHomes]);
        assert!(!two.eligible);
        assert_eq!(two.level, None);
        assert_eq!(two.refusal_reasons(), vec!["EXCLUDED_MULTIPLE_HOMES"]);
        let one = Household::with_worker_income(d("500"))
            .set(|h| h.homes_owned = 1)
            .eval(LINE);
        assert!(one.excluded.is_empty());
        assert!(one.eligible);
    }

    /// ⑤「拥有商业店铺或雇佣他人从事经营活动的」.
    #[test]
    fn excluded_business() {
        let e = Household::with_worker_income(d("500"))
            .set(|h| h.owns_business = true)
            .eval(LINE);
        assert_eq!(e.excluded, vec![Exclusion::Business]);
        assert_eq!(e.refusal_reasons(), vec!["EXCLUDED_BUSINESS"]);
    }

    /// ⑤「子女进入高收费私立学校或自费出国留学的」.
    #[test]
    fn excluded_high_fee_schooling() {
        for schooling in [Schooling::HighFeePrivateSchool, Schooling::SelfFundedAbroad] {
            let e = Household::with_worker_income(d("500"))
                .add_with(Kinship::Child, d("0"), |m| m.schooling = schooling)
                .eval(LINE);
            assert_eq!(
                e.excluded,
                vec![Exclusion::HighFeeSchooling],
                "{schooling:?}"
            );
            assert_eq!(e.refusal_reasons(), vec!["EXCLUDED_HIGH_FEE_SCHOOLING"]);
        }
    }

    /// ⑤「非受雇佣经常使用机动车辆、工程机械以及大型农机具的」.
    #[test]
    fn excluded_vehicles() {
        let e = Household::with_worker_income(d("500"))
            .set(|h| h.uses_vehicles = true)
            .eval(LINE);
        assert_eq!(e.excluded, vec![Exclusion::Vehicles]);
        assert_eq!(e.refusal_reasons(), vec!["EXCLUDED_VEHICLES"]);
    }

    /// 五、1「退休人员、工亡家属及伤残退休人员原则上不再纳入建档范围」.
    #[test]
    fn excluded_person_type() {
        for t in [
            EmploymentType::Retired,
            EmploymentType::WorkInjuryDeathFamily,
            EmploymentType::DisabilityRetired,
        ] {
            let e = Household::with_worker_income(d("500")).eval_as(t, LINE);
            assert_eq!(e.excluded, vec![Exclusion::PersonType], "{t:?}");
            assert!(!e.eligible);
            assert_eq!(e.refusal_reasons(), vec!["EXCLUDED_PERSON_TYPE"]);
        }
    }

    /// 五、1「含内退员工」: internal retirees are filed, as are formal and dispatched workers.
    #[test]
    fn internal_retiree_is_filed() {
        for t in [
            EmploymentType::InternalRetirement,
            EmploymentType::Formal,
            EmploymentType::Dispatched,
        ] {
            let e = Household::with_worker_income(d("500")).eval_as(t, LINE);
            assert!(e.excluded.is_empty(), "{t:?}");
            assert!(e.eligible);
            assert_eq!(e.level, Some(HardshipLevel::Extreme));
        }
    }

    /// ⑤ prevails over ①–④: an excluded household that meets criteria lists both, is not
    /// eligible, has no level, and is refused with every exclusion in order.
    #[test]
    fn excluded_household_lists_matches_and_exclusions() {
        let e = Household::with_worker_income(d("300"))
            .add_with(Kinship::Child, d("0"), |m| {
                m.schooling = Schooling::SelfFundedAbroad
            })
            .set(|h| {
                h.homes_owned = 3;
                h.owns_business = true;
                h.uses_vehicles = true;
                h.disaster_loss = true;
                h.widowed = true;
            })
            .eval_as(EmploymentType::Retired, LINE);
        assert_eq!(
            e.matched,
            vec![
                Criterion::BelowLine,
                Criterion::Disaster,
                Criterion::SpecialFamily
            ]
        );
        assert_eq!(
            e.excluded,
            vec![
                Exclusion::MultipleHomes,
                Exclusion::Business,
                Exclusion::HighFeeSchooling,
                Exclusion::Vehicles,
                Exclusion::PersonType,
            ]
        );
        assert!(!e.eligible);
        assert_eq!(e.level, None);
        assert_eq!(
            e.refusal_reasons(),
            vec![
                "EXCLUDED_MULTIPLE_HOMES",
                "EXCLUDED_BUSINESS",
                "EXCLUDED_HIGH_FEE_SCHOOLING",
                "EXCLUDED_VEHICLES",
                "EXCLUDED_PERSON_TYPE",
            ]
        );
    }

    /// 低保 alone is not a criterion: a 低保 household above the line with no cause is not filed.
    #[test]
    fn minimum_allowance_alone_is_not_a_criterion() {
        let e = Household::with_worker_income(d("1100"))
            .set(|h| h.receives_minimum_allowance = true)
            .eval(LINE);
        assert!(e.matched.is_empty());
        assert!(!e.eligible);
    }

    // ---- errors ----

    #[test]
    fn error_no_members() {
        let h = Household::new().set(|h| h.members.clear());
        assert_eq!(
            evaluate(EmploymentType::Formal, &h.0, LINE),
            Err(EligibilityError::NoMembers)
        );
    }

    #[test]
    fn error_no_worker_or_two_workers() {
        let none = Household::new().set(|h| h.members[0].kinship = Kinship::Spouse);
        assert_eq!(
            evaluate(EmploymentType::Formal, &none.0, LINE),
            Err(EligibilityError::NoWorker)
        );
        let two = Household::new().add(Kinship::Worker, d("0"));
        assert_eq!(
            evaluate(EmploymentType::Formal, &two.0, LINE),
            Err(EligibilityError::NoWorker)
        );
    }

    #[test]
    fn error_negative_income() {
        let h = Household::new().add(Kinship::Spouse, d("-0.01"));
        assert_eq!(
            evaluate(EmploymentType::Formal, &h.0, LINE),
            Err(EligibilityError::NegativeIncome)
        );
        // A negative zero is zero.
        let z = Household::with_worker_income(-Decimal::ZERO);
        assert!(evaluate(EmploymentType::Formal, &z.0, LINE).is_ok());
    }

    #[test]
    fn error_non_positive_line() {
        let h = Household::new();
        for line in [Decimal::ZERO, d("-1")] {
            assert_eq!(
                evaluate(EmploymentType::Formal, &h.0, line),
                Err(EligibilityError::NonPositiveLine)
            );
        }
    }

    /// Absurd amounts do not panic: a total beyond `Decimal` is above any line.
    #[test]
    fn overflowing_income_does_not_panic() {
        let e = Household::with_worker_income(Decimal::MAX)
            .add(Kinship::Spouse, Decimal::MAX)
            .eval(LINE);
        assert!(e.matched.is_empty());
        assert!(e.per_capita_income > Decimal::MAX / d("4"));
        let huge_line = Household::with_worker_income(d("100"))
            .add(Kinship::Spouse, d("0"))
            .eval(Decimal::MAX);
        assert_eq!(huge_line.matched, vec![Criterion::BelowLine]);
    }

    // ---- codes ----

    #[test]
    fn codes() {
        assert_eq!(Criterion::BelowLine.code(), "BELOW_LINE");
        assert_eq!(Criterion::NearLineWithCause.code(), "NEAR_LINE_WITH_CAUSE");
        assert_eq!(Criterion::Disaster.code(), "DISASTER");
        assert_eq!(Criterion::SpecialFamily.code(), "SPECIAL_FAMILY");
        assert_eq!(Exclusion::MultipleHomes.code(), "EXCLUDED_MULTIPLE_HOMES");
        assert_eq!(Exclusion::Business.code(), "EXCLUDED_BUSINESS");
        assert_eq!(
            Exclusion::HighFeeSchooling.code(),
            "EXCLUDED_HIGH_FEE_SCHOOLING"
        );
        assert_eq!(Exclusion::Vehicles.code(), "EXCLUDED_VEHICLES");
        assert_eq!(Exclusion::PersonType.code(), "EXCLUDED_PERSON_TYPE");
    }
}
