//! The petition periods as pure rules: 「信访事项…自收到之日起15日内决定是否受理」,
//! 「自受理之日起60日内办结；情况复杂的…可以适当延长办理期限，但延长期限不得超过30日」,
//! 「信访人对处理意见不服的，可以自收到书面答复之日起30日内请求…复查…自收到复查请求之日起
//! 30日内提出复查意见」 (信访工作条例). Calendar days, the last day included.

use chrono::{Days, NaiveDate};
use entity::{PetitionPeriod, PetitionStatus, petition};

use crate::error::{ApiError, ApiResult};

/// The default of each period, as the regulations write it.
pub fn default_days(period: PetitionPeriod) -> i32 {
    match period {
        PetitionPeriod::Acceptance => 15,
        PetitionPeriod::Answer => 60,
        PetitionPeriod::Extension => 30,
        PetitionPeriod::ReviewRequest => 30,
        PetitionPeriod::ReviewAnswer => 30,
    }
}

/// Longest period the policy may set: a year.
pub const MAX_DAYS: i32 = 366;

/// A period's length must be a day at least and a year at most.
pub fn check_days(days: i32) -> ApiResult<()> {
    if (1..=MAX_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(ApiError::bad_input(
            "days",
            format!("a period is 1 to {MAX_DAYS} calendar days"),
        ))
    }
}

/// The periods in force when a petition is received, kept with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Periods {
    pub acceptance: i32,
    pub answer: i32,
    pub extension: i32,
    pub review_request: i32,
    pub review_answer: i32,
}

impl Periods {
    /// The periods as the regulations write them.
    pub fn defaults() -> Self {
        Self::from_fn(default_days)
    }

    /// The periods read by `days`.
    pub fn from_fn(days: impl Fn(PetitionPeriod) -> i32) -> Self {
        Self {
            acceptance: days(PetitionPeriod::Acceptance),
            answer: days(PetitionPeriod::Answer),
            extension: days(PetitionPeriod::Extension),
            review_request: days(PetitionPeriod::ReviewRequest),
            review_answer: days(PetitionPeriod::ReviewAnswer),
        }
    }

    /// The periods kept with `p`.
    pub fn of(p: &petition::Model) -> Self {
        Self {
            acceptance: p.acceptance_days,
            answer: p.answer_days,
            extension: p.extension_max_days,
            review_request: p.review_request_days,
            review_answer: p.review_answer_days,
        }
    }
}

/// The last day of a period of `days` counted from `start` (the day of receipt, of
/// acceptance, of the answer): day 1 is the day after `start`, so the period's last day is
/// `start + days`.
pub fn last_day(start: NaiveDate, days: i32) -> NaiveDate {
    start
        .checked_add_days(Days::new(u64::try_from(days).unwrap_or(0)))
        .unwrap_or(NaiveDate::MAX)
}

/// Whether a step on `on` is late against the period's `last_day`.
pub fn late(on: NaiveDate, last_day: NaiveDate) -> bool {
    on > last_day
}

/// What the desk owes a petition now, and by when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    /// Accept or decline (受理或不予受理).
    Decide,
    /// Handle and answer (办结答复).
    Answer,
    /// Answer the review (复查答复).
    AnswerReview,
}

/// The duty pending on `p` and its deadline, if any.
pub fn pending(p: &petition::Model) -> Option<(Duty, NaiveDate)> {
    match p.status {
        PetitionStatus::Received => Some((Duty::Decide, p.acceptance_due_on)),
        PetitionStatus::Accepted => p.answer_due_on.map(|d| (Duty::Answer, d)),
        PetitionStatus::ReviewRequested => p.review_due_on.map(|d| (Duty::AnswerReview, d)),
        PetitionStatus::Declined | PetitionStatus::Answered | PetitionStatus::Reviewed => None,
    }
}

/// Whether what is pending on `p` is past its deadline on `today` (超期).
pub fn overdue(p: &petition::Model, today: NaiveDate) -> bool {
    pending(p).is_some_and(|(_, due)| late(today, due))
}

/// A receipt date must not lie in the future.
pub fn check_received_on(received_on: NaiveDate, today: NaiveDate) -> ApiResult<()> {
    if received_on > today {
        return Err(ApiError::bad_input(
            "receivedOn",
            "a petition cannot be received in the future",
        ));
    }
    Ok(())
}

/// The step the petition's status must be in for `action`, else INVALID_STATE.
pub fn require_status(
    p: &petition::Model,
    expected: PetitionStatus,
    action: &str,
) -> ApiResult<()> {
    if p.status == expected {
        Ok(())
    } else {
        Err(ApiError::InvalidState {
            message: format!("a petition that is {:?} cannot be {action}", p.status),
            reasons: vec!["WRONG_PETITION_STATUS"],
        })
    }
}

/// 「延长期限不得超过30日」, once, with a reason, before the answer period ends.
pub fn check_extension(p: &petition::Model, days: i32, today: NaiveDate) -> ApiResult<NaiveDate> {
    require_status(p, PetitionStatus::Accepted, "extended")?;
    if p.extended_days.is_some() {
        return Err(ApiError::InvalidState {
            message: "the answer period may be extended once only".into(),
            reasons: vec!["ALREADY_EXTENDED"],
        });
    }
    if days < 1 || days > p.extension_max_days {
        return Err(ApiError::BadUserInput {
            field: "days".into(),
            message: format!("an extension is 1 to {} days", p.extension_max_days),
            reasons: vec!["EXTENSION_TOO_LONG"],
        });
    }
    let due = p
        .answer_due_on
        .ok_or_else(|| ApiError::internal("accepted petition without an answer deadline"))?;
    if late(today, due) {
        return Err(ApiError::InvalidState {
            message: format!("the answer period ended on {due}; it can no longer be extended"),
            reasons: vec!["PERIOD_ENDED"],
        });
    }
    Ok(last_day(due, days))
}

/// 「自收到书面答复之日起30日内请求复查」: once, within the window after the answer.
pub fn check_review_request(p: &petition::Model, today: NaiveDate) -> ApiResult<NaiveDate> {
    require_status(p, PetitionStatus::Answered, "reviewed")?;
    let until = p
        .review_request_until
        .ok_or_else(|| ApiError::internal("answered petition without a review window"))?;
    if late(today, until) {
        return Err(ApiError::InvalidState {
            message: format!("a review could be asked until {until}"),
            reasons: vec!["REVIEW_WINDOW_CLOSED"],
        });
    }
    Ok(last_day(today, p.review_answer_days))
}

/// Where a desk may transfer a petition (转办): anywhere under the unit above its own — to
/// a unit of its own subtree, or to a sibling and its subtree (a district desk to another
/// district, a street workstation to another street of its district). The materialised
/// path of the caller's unit gives the path under which the target must lie.
pub fn transfer_reach(actor_path: &str) -> &str {
    let trimmed = actor_path.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(cut) if cut > 0 => &actor_path[..=cut],
        _ => actor_path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use entity::{ContactChannel, ContactTopic};
    use uuid::Uuid;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    fn petition(status: PetitionStatus) -> petition::Model {
        let received = day("2026-03-02");
        let periods = Periods::defaults();
        petition::Model {
            id: Uuid::nil(),
            org_unit_id: Uuid::nil(),
            contact_id: None,
            worker_id: None,
            petitioner_name: "王小明".into(),
            petitioner_phone: None,
            channel: ContactChannel::Letter,
            topic: ContactTopic::WageArrears,
            summary: "欠薪".into(),
            received_on: received,
            status,
            acceptance_days: periods.acceptance,
            answer_days: periods.answer,
            extension_max_days: periods.extension,
            review_request_days: periods.review_request,
            review_answer_days: periods.review_answer,
            acceptance_due_on: last_day(received, periods.acceptance),
            answer_due_on: Some(day("2026-05-01")),
            review_request_until: Some(day("2026-05-31")),
            review_due_on: Some(day("2026-06-30")),
            due_on: None,
            decided_on: None,
            decision_reason: None,
            extended_days: None,
            extension_reason: None,
            answered_on: None,
            answer: None,
            review_requested_on: None,
            review_reason: None,
            reviewed_on: None,
            review_answer: None,
            created_by: Uuid::nil(),
            created_at: DateTime::<Utc>::MIN_UTC,
            updated_at: DateTime::<Utc>::MIN_UTC,
        }
    }

    #[test]
    fn the_periods_default_to_the_regulations() {
        // 「15日内决定是否受理」「60日内办结」「延长期限不得超过30日」「30日内请求复查」
        let p = Periods::defaults();
        assert_eq!(
            (
                p.acceptance,
                p.answer,
                p.extension,
                p.review_request,
                p.review_answer
            ),
            (15, 60, 30, 30, 30)
        );
    }

    #[test]
    fn day_fifteen_is_the_last_day_to_accept() {
        // 「自收到之日起15日内」: received on 2 March, the 15th day is 17 March.
        let p = petition(PetitionStatus::Received);
        assert_eq!(p.acceptance_due_on, day("2026-03-17"));
        assert!(!overdue(&p, day("2026-03-17")));
        assert!(overdue(&p, day("2026-03-18")));
        assert_eq!(pending(&p), Some((Duty::Decide, day("2026-03-17"))));
    }

    #[test]
    fn day_sixty_is_the_last_day_to_answer() {
        // Accepted on 1 March: 「60日内办结」 ends on 30 April.
        assert_eq!(last_day(day("2026-03-01"), 60), day("2026-04-30"));
        let mut p = petition(PetitionStatus::Accepted);
        p.answer_due_on = Some(day("2026-04-30"));
        assert!(!overdue(&p, day("2026-04-30")));
        assert!(overdue(&p, day("2026-05-01")));
    }

    #[test]
    fn an_extension_is_once_up_to_thirty_days_before_the_period_ends() {
        // 「延长期限不得超过30日」
        let mut p = petition(PetitionStatus::Accepted);
        p.answer_due_on = Some(day("2026-04-30"));
        assert_eq!(
            check_extension(&p, 30, day("2026-04-30")).ok(),
            Some(day("2026-05-30"))
        );
        let too_long = check_extension(&p, 31, day("2026-04-01"));
        assert!(
            matches!(too_long, Err(ApiError::BadUserInput { ref reasons, .. }) if reasons == &["EXTENSION_TOO_LONG"])
        );
        let ended = check_extension(&p, 10, day("2026-05-01"));
        assert!(
            matches!(ended, Err(ApiError::InvalidState { ref reasons, .. }) if reasons == &["PERIOD_ENDED"])
        );
        p.extended_days = Some(10);
        let twice = check_extension(&p, 10, day("2026-04-01"));
        assert!(
            matches!(twice, Err(ApiError::InvalidState { ref reasons, .. }) if reasons == &["ALREADY_EXTENDED"])
        );
    }

    #[test]
    fn a_review_is_asked_within_thirty_days_of_the_answer() {
        // 「自收到书面答复之日起30日内请求复查」「自收到复查请求之日起30日内提出复查意见」
        let mut p = petition(PetitionStatus::Answered);
        p.review_request_until = Some(last_day(day("2026-04-20"), 30));
        assert_eq!(p.review_request_until, Some(day("2026-05-20")));
        assert_eq!(
            check_review_request(&p, day("2026-05-20")).ok(),
            Some(day("2026-06-19"))
        );
        let closed = check_review_request(&p, day("2026-05-21"));
        assert!(
            matches!(closed, Err(ApiError::InvalidState { ref reasons, .. }) if reasons == &["REVIEW_WINDOW_CLOSED"])
        );
    }

    #[test]
    fn nothing_is_pending_on_a_closed_petition() {
        for status in [
            PetitionStatus::Declined,
            PetitionStatus::Answered,
            PetitionStatus::Reviewed,
        ] {
            let p = petition(status);
            assert_eq!(pending(&p), None);
            assert!(!overdue(&p, day("2030-01-01")));
        }
    }

    #[test]
    fn a_desk_transfers_under_the_unit_above_its_own() {
        assert_eq!(transfer_reach("/city/district/street/"), "/city/district/");
        assert_eq!(transfer_reach("/city/district/"), "/city/");
        assert_eq!(transfer_reach("/city/"), "/city/");
    }
}
