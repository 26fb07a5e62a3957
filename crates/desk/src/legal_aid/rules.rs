//! Rules of legal-aid cases: the order of the dispute's stages (协商 → 调解 → 仲裁 →
//! 诉讼, any of them skipped, none gone back to), what a closing records, and when the
//! employer can be flagged in the agency.

use chrono::NaiveDate;
use entity::{LegalAidOutcome, LegalAidStage, LegalClaim, Money};

use crate::error::{ApiError, ApiResult};

/// The position of a stage in the dispute's order.
fn rank(stage: LegalAidStage) -> u8 {
    match stage {
        LegalAidStage::Consultation => 1,
        LegalAidStage::Mediation => 2,
        LegalAidStage::Arbitration => 3,
        LegalAidStage::Litigation => 4,
    }
}

/// A case moves on to a later stage only, dated on or after the last one and not in the
/// future: 「协商—调解—仲裁—诉讼」.
pub fn check_advance(
    current: Option<(LegalAidStage, NaiveDate)>,
    next: LegalAidStage,
    on: NaiveDate,
    today: NaiveDate,
) -> ApiResult<()> {
    if on > today {
        return Err(ApiError::bad_input(
            "startedOn",
            "a step cannot be dated in the future",
        ));
    }
    if let Some((stage, since)) = current {
        if rank(next) <= rank(stage) {
            return Err(ApiError::InvalidState {
                message: format!("the case is at {stage:?} already; it moves on, not back"),
                reasons: vec!["STAGE_OUT_OF_ORDER"],
            });
        }
        if on < since {
            return Err(ApiError::bad_input(
                "startedOn",
                format!("the last step began on {since}"),
            ));
        }
    }
    Ok(())
}

/// What a closing records: an amount recovered that is not negative, and none when the
/// case was lost or withdrawn.
pub fn check_closing(outcome: LegalAidOutcome, recovered: Money) -> ApiResult<()> {
    if recovered < Money::ZERO {
        return Err(ApiError::bad_input(
            "amountRecovered",
            "must not be negative",
        ));
    }
    if matches!(outcome, LegalAidOutcome::Lost | LegalAidOutcome::Withdrawn)
        && recovered != Money::ZERO
    {
        return Err(ApiError::BadUserInput {
            field: "amountRecovered".into(),
            message: "a case lost or withdrawn recovers nothing".into(),
            reasons: vec!["RECOVERY_WITHOUT_SUCCESS"],
        });
    }
    Ok(())
}

/// An employer on file whose wage-arrears case was won or settled can be flagged in the
/// agency (DESIGN: "employers with recorded wage arrears … can be flagged").
pub fn check_flag(
    claim: LegalClaim,
    outcome: LegalAidOutcome,
    employer_on_file: bool,
) -> ApiResult<()> {
    let ok = claim == LegalClaim::UnpaidWages
        && matches!(outcome, LegalAidOutcome::Won | LegalAidOutcome::Settled)
        && employer_on_file;
    if ok {
        Ok(())
    } else {
        Err(ApiError::BadUserInput {
            field: "flagEmployer".into(),
            message: "only an employer on file with a won or settled wage-arrears case is flagged"
                .into(),
            reasons: vec!["CANNOT_FLAG_EMPLOYER"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    fn reason(r: ApiResult<()>) -> Option<&'static str> {
        r.err().and_then(|e| e.reasons().first().copied())
    }

    #[test]
    fn stages_go_forward_and_may_be_skipped() {
        let today = day("2026-06-30");
        assert!(check_advance(None, LegalAidStage::Mediation, today, today).is_ok());
        let at_mediation = Some((LegalAidStage::Mediation, day("2026-05-01")));
        assert!(check_advance(at_mediation, LegalAidStage::Litigation, today, today).is_ok());
        assert_eq!(
            reason(check_advance(
                at_mediation,
                LegalAidStage::Consultation,
                today,
                today
            )),
            Some("STAGE_OUT_OF_ORDER")
        );
        assert_eq!(
            reason(check_advance(
                at_mediation,
                LegalAidStage::Mediation,
                today,
                today
            )),
            Some("STAGE_OUT_OF_ORDER")
        );
        let before_last = check_advance(
            at_mediation,
            LegalAidStage::Arbitration,
            day("2026-04-30"),
            today,
        );
        assert!(matches!(before_last, Err(ApiError::BadUserInput { .. })));
        let future = check_advance(None, LegalAidStage::Consultation, day("2026-07-01"), today);
        assert!(matches!(future, Err(ApiError::BadUserInput { .. })));
    }

    #[test]
    fn a_lost_case_recovers_nothing() {
        let some = Money::from_fen(100_000);
        assert!(check_closing(LegalAidOutcome::Won, some).is_ok());
        assert!(check_closing(LegalAidOutcome::Lost, Money::ZERO).is_ok());
        assert_eq!(
            reason(check_closing(LegalAidOutcome::Lost, some)),
            Some("RECOVERY_WITHOUT_SUCCESS")
        );
        assert!(check_closing(LegalAidOutcome::Settled, Money::from_fen(-1)).is_err());
    }

    #[test]
    fn only_a_won_or_settled_wage_arrears_case_flags_the_employer() {
        // 「重点在…法律援助…职业介绍」: what legal aid establishes, the agency heeds.
        assert!(check_flag(LegalClaim::UnpaidWages, LegalAidOutcome::Settled, true).is_ok());
        assert!(check_flag(LegalClaim::UnpaidWages, LegalAidOutcome::Won, true).is_ok());
        for (claim, outcome, on_file) in [
            (LegalClaim::UnpaidWages, LegalAidOutcome::Lost, true),
            (LegalClaim::Dismissal, LegalAidOutcome::Won, true),
            (LegalClaim::UnpaidWages, LegalAidOutcome::Won, false),
        ] {
            assert_eq!(
                reason(check_flag(claim, outcome, on_file)),
                Some("CANNOT_FLAG_EMPLOYER")
            );
        }
    }
}
