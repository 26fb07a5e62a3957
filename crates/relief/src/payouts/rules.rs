//! Who a fund may pay: 「本基金用于职工及其直系亲属…直系亲属包括爱人、子女、父母」 and
//! 「本办法适用于公司参加本基金捐款的正式职工和劳务派遣工。没有参加捐款的职工和劳务派遣工
//! 不享受本基金救助」 (公司困难职工帮扶基金管理办法 第三、四条).

use entity::{EmploymentType, FundKind, Kinship};

/// Why a fund of `kind` may not pay a worker (and `beneficiary` of the worker's family),
/// if it may not.
pub fn payee_refusal(
    kind: FundKind,
    employment_type: EmploymentType,
    fund_contributor: bool,
    beneficiary: Kinship,
) -> Option<&'static str> {
    if kind != FundKind::MutualAid {
        return None;
    }
    let contributor = fund_contributor
        && matches!(
            employment_type,
            EmploymentType::Formal | EmploymentType::Dispatched
        );
    if !contributor {
        return Some("NOT_A_CONTRIBUTOR");
    }
    if !matches!(
        beneficiary,
        Kinship::Worker | Kinship::Spouse | Kinship::Child | Kinship::Parent
    ) {
        return Some("NOT_A_DIRECT_RELATIVE");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 「没有参加捐款的职工和劳务派遣工不享受本基金救助」
    #[test]
    fn the_mutual_aid_fund_pays_only_contributors() {
        let m = FundKind::MutualAid;
        assert_eq!(
            payee_refusal(m, EmploymentType::Formal, true, Kinship::Worker),
            None
        );
        assert_eq!(
            payee_refusal(m, EmploymentType::Dispatched, true, Kinship::Worker),
            None
        );
        assert_eq!(
            payee_refusal(m, EmploymentType::Formal, false, Kinship::Worker),
            Some("NOT_A_CONTRIBUTOR")
        );
        assert_eq!(
            payee_refusal(m, EmploymentType::InternalRetirement, true, Kinship::Worker),
            Some("NOT_A_CONTRIBUTOR"),
            "the fund is for formal and dispatched workers"
        );
        assert_eq!(
            payee_refusal(
                FundKind::Assistance,
                EmploymentType::Retired,
                false,
                Kinship::Other
            ),
            None
        );
    }

    /// 「直系亲属包括爱人、子女、父母」
    #[test]
    fn and_their_spouse_children_and_parents() {
        let m = FundKind::MutualAid;
        for k in [Kinship::Spouse, Kinship::Child, Kinship::Parent] {
            assert_eq!(payee_refusal(m, EmploymentType::Formal, true, k), None);
        }
        assert_eq!(
            payee_refusal(m, EmploymentType::Formal, true, Kinship::Other),
            Some("NOT_A_DIRECT_RELATIVE")
        );
    }
}
