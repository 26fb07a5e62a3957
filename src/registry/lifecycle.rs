//! The life of a hardship case (档案流转), as pure rules: who reviews at which stage, what a
//! decision leads to, four eyes, the public notice (公示) and its end, the annual review
//! (年审), the documents a case must carry before it is submitted, when a case is closed,
//! and who withdraws a draft (撤回). Applications for assistance share the stages, four
//! eyes and the withdrawal.

use chrono::{Datelike, Duration, NaiveDate};
use entity::{CaseStatus, Cause, DocumentKind, ReviewDecision, Role};
use uuid::Uuid;

use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};

/// Working days a public notice lasts at least: 「公示时间不少于5个工作日」.
pub const NOTICE_WORKING_DAYS: u32 = 5;

/// A review stage of the submitted case: 「职工本人向综合部提出申请；综合部初核…报领导小组；
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
    /// The stage a case in `status` awaits, if any.
    pub fn awaited_by(status: CaseStatus) -> Option<Self> {
        match status {
            CaseStatus::Submitted => Some(Self::InitialReview),
            CaseStatus::InitialReviewed => Some(Self::GroupReview),
            CaseStatus::GroupReviewed => Some(Self::Approval),
            _ => None,
        }
    }

    /// The role that decides at this stage.
    pub fn role(self) -> Role {
        match self {
            Self::InitialReview => Role::Caseworker,
            Self::GroupReview => Role::Reviewer,
            Self::Approval => Role::Approver,
        }
    }

    /// The status a case reaches when this stage approves it.
    pub fn passed(self) -> CaseStatus {
        match self {
            Self::InitialReview => CaseStatus::InitialReviewed,
            Self::GroupReview => CaseStatus::GroupReviewed,
            Self::Approval => CaseStatus::Approved,
        }
    }

    /// Stable name of the stage, stored with the evaluation made at it.
    pub fn code(self) -> &'static str {
        match self {
            Self::InitialReview => "INITIAL_REVIEW",
            Self::GroupReview => "GROUP_REVIEW",
            Self::Approval => "APPROVAL",
        }
    }
}

/// The status after `decision` at `stage`.
pub fn after_decision(stage: Stage, decision: ReviewDecision) -> CaseStatus {
    match decision {
        ReviewDecision::Approve => stage.passed(),
        ReviewDecision::Reject => CaseStatus::Rejected,
        ReviewDecision::Return => CaseStatus::Draft,
    }
}

/// A step of a case's or an application's history, as four eyes reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The stage the item awaited when the step was taken (`Stage::awaited_by` of the
    /// status it left). Only a review moves an item out of a stage, so this is the stage
    /// the step decided; an objection (异议) moves it out of its notice, which awaits no
    /// stage, and decides nothing.
    pub decided: Option<Stage>,
    /// The step submitted the item (提交), which starts a new round of review.
    pub submission: bool,
    /// Who took it; none for the system.
    pub actor: Option<Uuid>,
}

/// Four eyes (双人复核), for cases and applications alike: whoever submitted the item may
/// not decide on it, nor may who decided at another stage of this round (since the last
/// submission) decide at `stage`. Only decisions count: an objection, even one that sends
/// the item back to review, does not bar who lodged it from deciding at their own stage.
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

/// Statuses of a case that is over: rejected at a review, taken off the registry, or
/// withdrawn as a draft. Such a case changes no more and does not count as the worker's
/// open case (「one open or filed case per worker」, and its unique index).
pub const CLOSED: [CaseStatus; 3] = [
    CaseStatus::Rejected,
    CaseStatus::Exited,
    CaseStatus::Withdrawn,
];

/// Whether a case in `status` is over (see `CLOSED`).
pub fn is_closed(status: CaseStatus) -> bool {
    CLOSED.contains(&status)
}

/// Who may withdraw (撤回) a draft case or application, and when: its author, or any
/// caseworker (the caller's query already kept to their org scope, so a caseworker of
/// another unit never gets here); only while it is a draft, which is also what a case or
/// application returned for correction (退回) becomes. Anyone else is FORBIDDEN; an item
/// past its draft is INVALID_STATE with `NOT_A_DRAFT`.
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

/// The status a reader sees on `today`: a notice whose last day has passed without
/// objection is a filed case, whether or not the background sweep has recorded it yet.
pub fn effective_status(
    status: CaseStatus,
    notice_end: Option<NaiveDate>,
    today: NaiveDate,
) -> CaseStatus {
    match (status, notice_end) {
        (CaseStatus::InNotice, Some(end)) if end < today => CaseStatus::Active,
        _ => status,
    }
}

/// The day a case is filed (建档): the day after its notice ends.
pub fn activation_date(notice_end: NaiveDate) -> NaiveDate {
    notice_end + Duration::days(1)
}

/// The annual review (年审) falls due a year after filing or after the last review; a
/// 29 February gives 28 February.
pub fn annual_review_due(from: NaiveDate) -> NaiveDate {
    let year = from.year() + 1;
    NaiveDate::from_ymd_opt(year, from.month(), from.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, from.month(), 28))
        .unwrap_or(from + Duration::days(365))
}

/// A supporting document as the requirement check sees it.
#[derive(Debug, Clone, Copy)]
pub struct DocumentFacts {
    pub kind: DocumentKind,
    pub issued_on: Option<NaiveDate>,
    /// Issued by a public hospital of grade 2 or above (市内公立二级（含二级）以上医院).
    pub qualified_issuer: bool,
}

/// What is missing before a case with `causes` may be submitted on `today`, as stable
/// reason codes. From the seed's 「困难员工需提供的相关资料」: the ID card and household
/// register, income certificates and the bank card always; for illness a diagnosis from a
/// public hospital of grade 2 or above within a year (「需提供市内公立二级（含二级）以上医院
/// 诊断和诊治证明…（一年内）」), for which a psychiatric patient's disability certificate
/// may stand in (「精神病患者提供有效期内的…“精神残疾人”证明复印件也可」); for disability
/// the disability certificate.
pub fn missing_documents(
    causes: &[Cause],
    documents: &[DocumentFacts],
    today: NaiveDate,
) -> Vec<&'static str> {
    let has = |kind: DocumentKind| documents.iter().any(|d| d.kind == kind);
    let mut missing = Vec::new();
    for (kind, reason) in [
        (DocumentKind::IdAndHukouCopy, "MISSING_ID_AND_HUKOU_COPY"),
        (
            DocumentKind::IncomeCertificate,
            "MISSING_INCOME_CERTIFICATE",
        ),
        (DocumentKind::BankCardCopy, "MISSING_BANK_CARD_COPY"),
    ] {
        if !has(kind) {
            missing.push(reason);
        }
    }
    if causes.contains(&Cause::SeriousIllness) && !has(DocumentKind::DisabilityCertificate) {
        let diagnoses: Vec<_> = documents
            .iter()
            .filter(|d| d.kind == DocumentKind::DiagnosisCertificate)
            .collect();
        let within_a_year = |d: &&DocumentFacts| {
            d.issued_on
                .is_some_and(|on| on <= today && on >= one_year_before(today))
        };
        if diagnoses.is_empty() {
            missing.push("MISSING_DIAGNOSIS_CERTIFICATE");
        } else if !diagnoses.iter().any(|d| d.qualified_issuer) {
            missing.push("DIAGNOSIS_ISSUER_NOT_QUALIFIED");
        } else if !diagnoses
            .iter()
            .any(|d| d.qualified_issuer && within_a_year(d))
        {
            missing.push("DIAGNOSIS_OUT_OF_DATE");
        }
    }
    if causes.contains(&Cause::Disability) && !has(DocumentKind::DisabilityCertificate) {
        missing.push("MISSING_DISABILITY_CERTIFICATE");
    }
    missing
}

fn one_year_before(day: NaiveDate) -> NaiveDate {
    let year = day.year() - 1;
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
        .unwrap_or(day - Duration::days(365))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn doc(kind: DocumentKind, issued_on: Option<NaiveDate>, qualified: bool) -> DocumentFacts {
        DocumentFacts {
            kind,
            issued_on,
            qualified_issuer: qualified,
        }
    }

    fn basics() -> Vec<DocumentFacts> {
        vec![
            doc(DocumentKind::IdAndHukouCopy, None, false),
            doc(DocumentKind::IncomeCertificate, None, false),
            doc(DocumentKind::BankCardCopy, None, false),
        ]
    }

    /// 「职工本人向综合部提出申请；综合部初核…；领导小组复核后…；经董事长审核批准后执行」
    #[test]
    fn stages_run_caseworker_then_group_then_approver() {
        assert_eq!(Stage::awaited_by(CaseStatus::Draft), None);
        let first = Stage::awaited_by(CaseStatus::Submitted).unwrap();
        assert_eq!(first.role(), Role::Caseworker);
        let second = Stage::awaited_by(first.passed()).unwrap();
        assert_eq!(second.role(), Role::Reviewer);
        let third = Stage::awaited_by(second.passed()).unwrap();
        assert_eq!(third.role(), Role::Approver);
        assert_eq!(third.passed(), CaseStatus::Approved);
        assert_eq!(Stage::awaited_by(CaseStatus::Approved), None);
        assert_eq!(Stage::awaited_by(CaseStatus::Active), None);
    }

    #[test]
    fn decisions() {
        assert_eq!(
            after_decision(Stage::GroupReview, ReviewDecision::Reject),
            CaseStatus::Rejected
        );
        assert_eq!(
            after_decision(Stage::Approval, ReviewDecision::Return),
            CaseStatus::Draft
        );
        assert_eq!(
            after_decision(Stage::InitialReview, ReviewDecision::Approve),
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

    #[test]
    fn rejected_exited_and_withdrawn_cases_are_closed() {
        for status in [
            CaseStatus::Rejected,
            CaseStatus::Exited,
            CaseStatus::Withdrawn,
        ] {
            assert!(is_closed(status));
        }
        for status in [
            CaseStatus::Draft,
            CaseStatus::Submitted,
            CaseStatus::InNotice,
            CaseStatus::Active,
        ] {
            assert!(!is_closed(status));
        }
    }

    /// 「公示无异议后」 the case is filed: the day after the last notice day.
    #[test]
    fn a_notice_past_its_end_reads_as_active() {
        let end = d(2026, 10, 12);
        assert_eq!(
            effective_status(CaseStatus::InNotice, Some(end), end),
            CaseStatus::InNotice
        );
        assert_eq!(
            effective_status(CaseStatus::InNotice, Some(end), d(2026, 10, 13)),
            CaseStatus::Active
        );
        assert_eq!(
            effective_status(CaseStatus::Rejected, Some(end), d(2026, 10, 13)),
            CaseStatus::Rejected
        );
        assert_eq!(activation_date(end), d(2026, 10, 13));
    }

    #[test]
    fn annual_review_is_a_year_later() {
        assert_eq!(annual_review_due(d(2026, 10, 13)), d(2027, 10, 13));
        assert_eq!(annual_review_due(d(2028, 2, 29)), d(2029, 2, 28));
    }

    /// 「1、困难员工身份证和户口本复印件；2、…《工资收入证明》和困难证明；3、本人银行卡复印件」
    #[test]
    fn every_case_needs_id_income_and_bank_card() {
        let today = d(2026, 3, 2);
        assert_eq!(
            missing_documents(&[Cause::LowIncome], &[], today),
            vec![
                "MISSING_ID_AND_HUKOU_COPY",
                "MISSING_INCOME_CERTIFICATE",
                "MISSING_BANK_CARD_COPY"
            ]
        );
        assert!(missing_documents(&[Cause::LowIncome], &basics(), today).is_empty());
    }

    /// 「需提供市内公立二级（含二级）以上医院诊断和诊治证明及相关医药费用单据（一年内）复印件」
    #[test]
    fn illness_needs_a_qualified_diagnosis_within_a_year() {
        let today = d(2026, 3, 2);
        let causes = [Cause::SeriousIllness];
        assert_eq!(
            missing_documents(&causes, &basics(), today),
            vec!["MISSING_DIAGNOSIS_CERTIFICATE"]
        );

        let mut docs = basics();
        docs.push(doc(
            DocumentKind::DiagnosisCertificate,
            Some(d(2026, 1, 5)),
            false,
        ));
        assert_eq!(
            missing_documents(&causes, &docs, today),
            vec!["DIAGNOSIS_ISSUER_NOT_QUALIFIED"]
        );

        let mut docs = basics();
        docs.push(doc(
            DocumentKind::DiagnosisCertificate,
            Some(d(2025, 3, 1)),
            true,
        ));
        assert_eq!(
            missing_documents(&causes, &docs, today),
            vec!["DIAGNOSIS_OUT_OF_DATE"]
        );

        let mut docs = basics();
        docs.push(doc(
            DocumentKind::DiagnosisCertificate,
            Some(d(2025, 3, 2)),
            true,
        ));
        assert!(
            missing_documents(&causes, &docs, today).is_empty(),
            "exactly a year old still counts"
        );
    }

    /// 「精神病患者提供有效期内的《中国残疾人联合会》“精神残疾人”证明复印件也可」
    #[test]
    fn a_disability_certificate_can_stand_in_for_a_diagnosis() {
        let mut docs = basics();
        docs.push(doc(DocumentKind::DisabilityCertificate, None, false));
        assert!(missing_documents(&[Cause::SeriousIllness], &docs, d(2026, 3, 2)).is_empty());
    }

    #[test]
    fn disability_needs_the_certificate() {
        assert_eq!(
            missing_documents(&[Cause::Disability], &basics(), d(2026, 3, 2)),
            vec!["MISSING_DISABILITY_CERTIFICATE"]
        );
    }
}
