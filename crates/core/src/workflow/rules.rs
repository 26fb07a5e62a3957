//! The review workflow as pure rules: the stages and who decides each, what a decision
//! leads to, four eyes over decisions only, the public notice (公示) and its objections
//! (异议), and who withdraws a draft (撤回). Written once against `Status`, so each domain
//! keeps its own status enum.

use chrono::{Duration, NaiveDate};
use entity::{ReviewDecision, Role};
use uuid::Uuid;

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};

/// Working days a public notice lasts at least: 「公示时间不少于5个工作日」.
pub const NOTICE_WORKING_DAYS: u32 = 5;

/// The roles that decide at some stage; only they get as far as loading the item.
pub const DECIDERS: [Role; 3] = [Role::Caseworker, Role::Reviewer, Role::Approver];

/// A review stage of a submitted item: 「职工本人向综合部提出申请；综合部初核…报领导小组；
/// 领导小组复核后…经董事长审核批准后执行」.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// 综合部初核, by a caseworker.
    InitialReview,
    /// 领导小组复核, by a reviewer.
    GroupReview,
    /// 董事长审批, by an approver.
    Approval,
}

impl Stage {
    /// The role that decides at this stage.
    pub fn role(self) -> Role {
        match self {
            Self::InitialReview => Role::Caseworker,
            Self::GroupReview => Role::Reviewer,
            Self::Approval => Role::Approver,
        }
    }

    /// Stable name of the stage, stored with what a domain records at it.
    pub fn code(self) -> &'static str {
        match self {
            Self::InitialReview => "INITIAL_REVIEW",
            Self::GroupReview => "GROUP_REVIEW",
            Self::Approval => "APPROVAL",
        }
    }
}

/// The statuses an item passes through on its way through review, named by the domain's
/// own enum (a case's `CaseStatus`, an application's `ApplicationStatus`).
pub trait Status: Copy + Eq + std::fmt::Debug {
    /// 草稿, also what a return for correction (退回) leads to.
    const DRAFT: Self;
    /// 已提交, awaiting 综合部初核.
    const SUBMITTED: Self;
    /// Passed 初核, awaiting 领导小组复核; an objection (异议) sends the item back here.
    const INITIAL_REVIEWED: Self;
    /// Passed 复核, awaiting 董事长审批.
    const GROUP_REVIEWED: Self;
    /// Approved; the public notice starts at once.
    const APPROVED: Self;
    /// 公示中.
    const IN_NOTICE: Self;
    /// 公示无异议: a case is filed (建档), an application payable (待发放).
    const NOTICE_PASSED: Self;
    /// Rejected at a review (不予通过).
    const REJECTED: Self;
    /// Withdrawn as a draft (撤回).
    const WITHDRAWN: Self;
}

/// The stage an item in `status` awaits, if any.
pub fn awaited_stage<S: Status>(status: S) -> Option<Stage> {
    if status == S::SUBMITTED {
        Some(Stage::InitialReview)
    } else if status == S::INITIAL_REVIEWED {
        Some(Stage::GroupReview)
    } else if status == S::GROUP_REVIEWED {
        Some(Stage::Approval)
    } else {
        None
    }
}

/// The status an item reaches when `stage` approves it.
pub fn passed<S: Status>(stage: Stage) -> S {
    match stage {
        Stage::InitialReview => S::INITIAL_REVIEWED,
        Stage::GroupReview => S::GROUP_REVIEWED,
        Stage::Approval => S::APPROVED,
    }
}

/// The status after `decision` at `stage`: a return for correction (退回) makes the item a
/// draft again, to be submitted anew.
pub fn after_decision<S: Status>(stage: Stage, decision: ReviewDecision) -> S {
    match decision {
        ReviewDecision::Approve => passed(stage),
        ReviewDecision::Reject => S::REJECTED,
        ReviewDecision::Return => S::DRAFT,
    }
}

/// The status a reader sees on `today`: a notice whose last day has passed without
/// objection has passed (公示无异议), whether or not the sweep has recorded it yet.
pub fn effective_status<S: Status>(
    status: S,
    notice_end: Option<NaiveDate>,
    today: NaiveDate,
) -> S {
    match notice_end {
        Some(end) if status == S::IN_NOTICE && end < today => S::NOTICE_PASSED,
        _ => status,
    }
}

/// The day a notice has passed: the day after its last day.
pub fn notice_passed_on(notice_end: NaiveDate) -> NaiveDate {
    notice_end + Duration::days(1)
}

/// The comment of the step that starts a notice.
pub fn notice_comment(start: NaiveDate, end: NaiveDate) -> String {
    format!("公示 {start} 至 {end}")
}

/// The comment of the step an objection takes.
pub fn objection_comment(reason: &str) -> String {
    format!("异议：{reason}")
}

/// A step of an item's history, as four eyes reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The stage the item awaited when the step was taken (`awaited_stage` of the status
    /// it left). Only a review moves an item out of a stage, so this is the stage the step
    /// decided; an objection (异议) moves it out of its notice, which awaits no stage, and
    /// decides nothing.
    pub decided: Option<Stage>,
    /// The step submitted the item (提交), which starts a new round of review.
    pub submission: bool,
    /// Who took it; none for the system.
    pub actor: Option<Uuid>,
}

impl Step {
    /// The step of a history row that moved an item from `from` to `to`.
    pub fn of<S: Status>(from: Option<S>, to: S, actor: Option<Uuid>) -> Self {
        Self {
            decided: from.and_then(awaited_stage),
            submission: to == S::SUBMITTED,
            actor,
        }
    }
}

/// Four eyes (双人复核): whoever submitted the item may not decide on it, nor may who
/// decided at another stage of this round (since the last submission) decide at `stage`.
/// Only decisions count: an objection, even one that sends the item back to review, does
/// not bar who lodged it from deciding at their own stage.
pub fn four_eyes_ok(
    actor: Uuid,
    submitted_by: Option<Uuid>,
    stage: Stage,
    history: &[Step],
) -> bool {
    if submitted_by == Some(actor) {
        return false;
    }
    let round = history
        .iter()
        .rposition(|s| s.submission)
        .map_or(history, |start| &history[start..]);
    !round
        .iter()
        .any(|s| s.actor == Some(actor) && s.decided.is_some_and(|d| d != stage))
}

/// How refusals name the item: `noun` after "the"/"this", `a_noun` with its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub noun: &'static str,
    pub a_noun: &'static str,
}

/// A decision other than approval says why.
pub fn check_comment(
    subject: Subject,
    decision: ReviewDecision,
    comment: Option<&str>,
) -> ApiResult<()> {
    if decision != ReviewDecision::Approve && comment.is_none() {
        return Err(ApiError::bad_input(
            "comment",
            format!("say why when rejecting or returning {}", subject.a_noun),
        ));
    }
    Ok(())
}

/// The stage `actor` decides an item in `status` at: FORBIDDEN unless they hold the
/// stage's role. An item awaiting no stage is INVALID_STATE, told only to deciders.
pub fn stage_to_decide<S: Status>(subject: Subject, actor: &Actor, status: S) -> ApiResult<Stage> {
    let Some(stage) = awaited_stage(status) else {
        actor.require_any(&DECIDERS)?;
        return Err(ApiError::invalid_state(format!(
            "{} that is {status:?} awaits no review",
            subject.a_noun
        )));
    };
    actor.require_any(&[stage.role()])?;
    Ok(stage)
}

/// `four_eyes_ok`, as a refusal.
pub fn check_four_eyes(
    subject: Subject,
    actor: Uuid,
    submitted_by: Option<Uuid>,
    stage: Stage,
    history: &[Step],
) -> ApiResult<()> {
    if four_eyes_ok(actor, submitted_by, stage, history) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "four eyes (双人复核): who submitted the {} or decided at another stage may not decide here",
            subject.noun
        )))
    }
}

/// Only a draft is submitted (提交).
pub fn check_submission<S: Status>(subject: Subject, status: S) -> ApiResult<()> {
    if status != S::DRAFT {
        return Err(ApiError::invalid_state(format!(
            "only a draft can be submitted; this {} is {status:?}",
            subject.noun
        )));
    }
    Ok(())
}

/// An objection (异议) is lodged only during the notice, and sends the item back to the
/// leading group's review (领导小组复核): the status it goes back to.
pub fn check_objection<S: Status>(status: S) -> ApiResult<S> {
    if status != S::IN_NOTICE {
        return Err(ApiError::InvalidState {
            message: "objections are lodged only during the public notice (公示期)".into(),
            reasons: vec!["NOT_IN_NOTICE"],
        });
    }
    Ok(S::INITIAL_REVIEWED)
}

/// Who may withdraw (撤回) a draft, and when: its author, or any caseworker (the caller's
/// query already kept to their org scope, so a caseworker of another unit never gets
/// here); only while it is a draft, which is also what an item returned for correction
/// (退回) becomes. Anyone else is FORBIDDEN; an item past its draft is INVALID_STATE with
/// `NOT_A_DRAFT`.
pub fn check_withdrawal(actor: &Actor, created_by: Uuid, is_draft: bool) -> ApiResult<()> {
    if actor.user_id != created_by && !actor.has_role(Role::Caseworker) {
        return Err(ApiError::forbidden(
            "a draft is withdrawn by its author or a caseworker (CASEWORKER) of its unit",
        ));
    }
    if !is_draft {
        return Err(ApiError::InvalidState {
            message: "only a draft, or one returned for correction (退回), can be withdrawn".into(),
            reasons: vec!["NOT_A_DRAFT"],
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::CaseStatus;

    /// 「职工本人向综合部提出申请；综合部初核…；领导小组复核后…；经董事长审核批准后执行」
    #[test]
    fn stages_run_caseworker_then_group_then_approver() {
        assert_eq!(awaited_stage(CaseStatus::Draft), None);
        let first = awaited_stage(CaseStatus::Submitted).unwrap();
        assert_eq!(first.role(), Role::Caseworker);
        let second = awaited_stage(passed::<CaseStatus>(first)).unwrap();
        assert_eq!(second.role(), Role::Reviewer);
        let third = awaited_stage(passed::<CaseStatus>(second)).unwrap();
        assert_eq!(third.role(), Role::Approver);
        assert_eq!(passed::<CaseStatus>(third), CaseStatus::Approved);
        assert_eq!(awaited_stage(CaseStatus::Approved), None);
        assert_eq!(awaited_stage(CaseStatus::Active), None);
    }

    #[test]
    fn decisions() {
        assert_eq!(
            after_decision::<CaseStatus>(Stage::GroupReview, ReviewDecision::Reject),
            CaseStatus::Rejected
        );
        assert_eq!(
            after_decision::<CaseStatus>(Stage::Approval, ReviewDecision::Return),
            CaseStatus::Draft
        );
        assert_eq!(
            after_decision::<CaseStatus>(Stage::InitialReview, ReviewDecision::Approve),
            CaseStatus::InitialReviewed
        );
    }

    fn submitted(by: Uuid) -> Step {
        Step {
            decided: None,
            submission: true,
            actor: Some(by),
        }
    }

    fn decided(stage: Stage, by: Uuid) -> Step {
        Step {
            decided: Some(stage),
            submission: false,
            actor: Some(by),
        }
    }

    /// A step that leaves a status awaiting no stage: the objection (异议) that ends a
    /// notice, or the start of the notice after approval.
    fn undecided(by: Uuid) -> Step {
        Step {
            decided: None,
            submission: false,
            actor: Some(by),
        }
    }

    /// A case or application submitted by `s`, passed by `c`, `r` and `a`, on notice.
    fn through_approval(s: Uuid, c: Uuid, r: Uuid, a: Uuid) -> Vec<Step> {
        vec![
            undecided(s),
            submitted(s),
            decided(Stage::InitialReview, c),
            decided(Stage::GroupReview, r),
            decided(Stage::Approval, a),
            undecided(a),
        ]
    }

    #[test]
    fn four_eyes_bars_the_submitter_and_who_decided_at_another_stage() {
        let (s, c, r) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let round = [submitted(s)];
        assert!(!four_eyes_ok(s, Some(s), Stage::InitialReview, &round));
        assert!(four_eyes_ok(c, Some(s), Stage::InitialReview, &round));
        let round = [submitted(s), decided(Stage::InitialReview, c)];
        assert!(!four_eyes_ok(c, Some(s), Stage::GroupReview, &round));
        assert!(four_eyes_ok(r, Some(s), Stage::GroupReview, &round));
    }

    #[test]
    fn four_eyes_counts_the_current_round_only() {
        let (s, c) = (Uuid::now_v7(), Uuid::now_v7());
        // Returned for correction (退回) at the group review, then submitted again.
        let history = [
            submitted(s),
            decided(Stage::InitialReview, c),
            decided(Stage::GroupReview, Uuid::now_v7()),
            submitted(s),
        ];
        assert!(four_eyes_ok(c, Some(s), Stage::InitialReview, &history));
        assert!(four_eyes_ok(c, Some(s), Stage::GroupReview, &history));
    }

    /// DESIGN: 「Four eyes counts decisions, never objections or comments」.
    #[test]
    fn an_objection_is_not_a_decision() {
        let (s, c, r, a) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        // The reviewer objects during the notice; the case is back with the group.
        let mut history = through_approval(s, c, r, a);
        history.push(undecided(r));
        assert!(four_eyes_ok(r, Some(s), Stage::GroupReview, &history));
        // The approver objects; after the group's review the approver decides again.
        let mut history = through_approval(s, c, r, a);
        history.push(undecided(a));
        history.push(decided(Stage::GroupReview, r));
        assert!(four_eyes_ok(a, Some(s), Stage::Approval, &history));
        // Someone who only objected is barred from nothing.
        let outsider = Uuid::now_v7();
        let mut history = through_approval(s, c, r, a);
        history.push(undecided(outsider));
        for stage in [Stage::InitialReview, Stage::GroupReview, Stage::Approval] {
            assert!(four_eyes_ok(outsider, Some(s), stage, &history));
        }
        // Who submitted stays barred, objection or not.
        let mut history = through_approval(s, c, r, a);
        history.push(undecided(s));
        assert!(!four_eyes_ok(s, Some(s), Stage::GroupReview, &history));
        // And who decided at another stage stays barred from this one.
        assert!(!four_eyes_ok(c, Some(s), Stage::GroupReview, &history));
        assert!(!four_eyes_ok(r, Some(s), Stage::Approval, &history));
    }

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            user_id: Uuid::now_v7(),
            username: "someone".into(),
            roles: roles.to_vec(),
            org_unit_id: Uuid::now_v7(),
            org_path: "/root/district/".into(),
            employer_id: None,
            credentials_version: 0,
        }
    }

    #[test]
    fn a_draft_is_withdrawn_by_its_author_or_a_caseworker() {
        let author = actor(&[Role::Caseworker]);
        assert!(check_withdrawal(&author, author.user_id, true).is_ok());
        // The author may even when no longer a caseworker.
        let moved_on = actor(&[Role::Viewer]);
        assert!(check_withdrawal(&moved_on, moved_on.user_id, true).is_ok());
        let colleague = actor(&[Role::Caseworker]);
        assert!(check_withdrawal(&colleague, author.user_id, true).is_ok());
        for roles in [
            [Role::Reviewer],
            [Role::Approver],
            [Role::Admin],
            [Role::Finance],
        ] {
            let other = actor(&roles);
            let refused = check_withdrawal(&other, author.user_id, true).unwrap_err();
            assert_eq!(refused.code(), "FORBIDDEN", "{roles:?}");
        }
        // Whoever asks, only a draft.
        let refused = check_withdrawal(&author, author.user_id, false).unwrap_err();
        assert_eq!(refused.code(), "INVALID_STATE");
        assert!(matches!(
            refused,
            ApiError::InvalidState { reasons, .. } if reasons == ["NOT_A_DRAFT"]
        ));
        // Someone who may not withdraw learns nothing about the state.
        let other = actor(&[Role::Reviewer]);
        let refused = check_withdrawal(&other, author.user_id, false).unwrap_err();
        assert_eq!(refused.code(), "FORBIDDEN");
    }

    const CASE: Subject = Subject {
        noun: "case",
        a_noun: "a case",
    };

    /// 「领导小组复核后，企业进行公示」: applications pass the same stages as cases, and
    /// reach the same statuses of their own.
    #[test]
    fn applications_run_the_same_stages() {
        use entity::ApplicationStatus as A;
        for (status, stage) in [
            (A::Submitted, Some(Stage::InitialReview)),
            (A::InitialReviewed, Some(Stage::GroupReview)),
            (A::GroupReviewed, Some(Stage::Approval)),
            (A::Draft, None),
            (A::Approved, None),
            (A::InNotice, None),
            (A::Payable, None),
            (A::Paid, None),
        ] {
            assert_eq!(awaited_stage(status), stage, "{status:?}");
        }
        assert_eq!(passed::<A>(Stage::Approval), A::Approved);
        assert_eq!(
            after_decision::<A>(Stage::InitialReview, ReviewDecision::Return),
            A::Draft
        );
        assert_eq!(
            after_decision::<A>(Stage::Approval, ReviewDecision::Reject),
            A::Rejected
        );
    }

    /// 「公示时间不少于5个工作日；公示无异议后，上报集团公司工会」: past its last day a notice
    /// has passed — a case is filed, an application payable.
    #[test]
    fn a_notice_passes_the_day_after_its_end() {
        use entity::ApplicationStatus as A;
        let end = NaiveDate::from_ymd_opt(2026, 10, 12).unwrap();
        let next = notice_passed_on(end);
        assert_eq!(next, NaiveDate::from_ymd_opt(2026, 10, 13).unwrap());
        assert_eq!(
            effective_status(CaseStatus::InNotice, Some(end), end),
            CaseStatus::InNotice
        );
        assert_eq!(
            effective_status(CaseStatus::InNotice, Some(end), next),
            CaseStatus::Active
        );
        assert_eq!(effective_status(A::InNotice, Some(end), next), A::Payable);
        assert_eq!(effective_status(A::Rejected, Some(end), next), A::Rejected);
        assert_eq!(effective_status(A::InNotice, None, next), A::InNotice);
        assert_eq!(NOTICE_WORKING_DAYS, 5);
        assert_eq!(notice_comment(end, next), "公示 2026-10-12 至 2026-10-13");
    }

    /// DESIGN: 「anyone in scope may lodge an objection 异议, which sends it back to
    /// review」 — to the leading group's (领导小组复核), and only during the notice.
    #[test]
    fn an_objection_sends_the_item_back_to_the_group_review() {
        let back = check_objection(CaseStatus::InNotice).unwrap();
        assert_eq!(back, CaseStatus::InitialReviewed);
        assert_eq!(awaited_stage(back), Some(Stage::GroupReview));
        for status in [
            CaseStatus::Draft,
            CaseStatus::GroupReviewed,
            CaseStatus::Approved,
            CaseStatus::Active,
        ] {
            let refused = check_objection(status).unwrap_err();
            assert!(matches!(
                refused,
                ApiError::InvalidState { reasons, .. } if reasons == ["NOT_IN_NOTICE"]
            ));
        }
        assert_eq!(objection_comment("收入不实"), "异议：收入不实");
    }

    /// 「综合部初核」「领导小组复核」「经董事长审核批准」: each stage is decided by its role
    /// alone; an item awaiting no stage is INVALID_STATE, told only to who decides.
    #[test]
    fn each_stage_is_decided_by_its_role() {
        for (status, role) in [
            (CaseStatus::Submitted, Role::Caseworker),
            (CaseStatus::InitialReviewed, Role::Reviewer),
            (CaseStatus::GroupReviewed, Role::Approver),
        ] {
            let stage = stage_to_decide(CASE, &actor(&[role]), status).unwrap();
            assert_eq!(stage.role(), role);
            for other in DECIDERS.into_iter().filter(|r| *r != role) {
                let refused = stage_to_decide(CASE, &actor(&[other]), status).unwrap_err();
                assert_eq!(refused.code(), "FORBIDDEN", "{other:?} at {status:?}");
            }
        }
        let refused =
            stage_to_decide(CASE, &actor(&[Role::Reviewer]), CaseStatus::InNotice).unwrap_err();
        assert_eq!(refused.code(), "INVALID_STATE");
        assert!(
            refused
                .to_string()
                .contains("a case that is InNotice awaits no review")
        );
        let refused =
            stage_to_decide(CASE, &actor(&[Role::Finance]), CaseStatus::InNotice).unwrap_err();
        assert_eq!(refused.code(), "FORBIDDEN");
    }

    #[test]
    fn only_approval_goes_without_a_comment() {
        assert!(check_comment(CASE, ReviewDecision::Approve, None).is_ok());
        for decision in [ReviewDecision::Reject, ReviewDecision::Return] {
            assert_eq!(
                check_comment(CASE, decision, None).unwrap_err().code(),
                "BAD_USER_INPUT"
            );
            assert!(check_comment(CASE, decision, Some("材料不全")).is_ok());
        }
    }

    #[test]
    fn only_a_draft_is_submitted() {
        assert!(check_submission(CASE, CaseStatus::Draft).is_ok());
        let refused = check_submission(CASE, CaseStatus::Submitted).unwrap_err();
        assert_eq!(refused.code(), "INVALID_STATE");
        assert!(refused.to_string().contains("this case is Submitted"));
    }

    /// Four eyes read from the history rows themselves: the status each step left says
    /// which stage it decided; leaving a notice by objection (异议) decides none.
    #[test]
    fn four_eyes_reads_the_history_rows() {
        use CaseStatus as C;
        let (s, c, r, a) = (
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
            Uuid::now_v7(),
        );
        let rows = [
            (None, C::Draft, s),
            (Some(C::Draft), C::Submitted, s),
            (Some(C::Submitted), C::InitialReviewed, c),
            (Some(C::InitialReviewed), C::GroupReviewed, r),
            (Some(C::GroupReviewed), C::Approved, a),
            (Some(C::Approved), C::InNotice, a),
            // The caseworker objects during the notice.
            (Some(C::InNotice), C::InitialReviewed, c),
        ];
        let history: Vec<Step> = rows
            .iter()
            .map(|(from, to, by)| Step::of(*from, *to, Some(*by)))
            .collect();
        assert!(history[1].submission);
        assert_eq!(history[2].decided, Some(Stage::InitialReview));
        assert_eq!(history[5].decided, None);
        assert_eq!(history[6].decided, None);
        // Back with the group: the reviewer decides again; the caseworker, who decided
        // the initial review, still may not, objection or not; the approver may not.
        assert!(four_eyes_ok(r, Some(s), Stage::GroupReview, &history));
        assert!(!four_eyes_ok(c, Some(s), Stage::GroupReview, &history));
        assert!(!four_eyes_ok(a, Some(s), Stage::GroupReview, &history));
        let refused = check_four_eyes(CASE, c, Some(s), Stage::GroupReview, &history).unwrap_err();
        assert_eq!(refused.code(), "FORBIDDEN");
        assert!(refused.to_string().contains("who submitted the case"));
        // Returned for correction (退回) and submitted again: a new round.
        let mut history = history;
        history.push(Step::of(Some(C::InitialReviewed), C::Draft, Some(r)));
        history.push(Step::of(Some(C::Draft), C::Submitted, Some(s)));
        assert!(four_eyes_ok(a, Some(s), Stage::InitialReview, &history));
        assert!(check_four_eyes(CASE, r, Some(s), Stage::InitialReview, &history).is_ok());
    }
}
