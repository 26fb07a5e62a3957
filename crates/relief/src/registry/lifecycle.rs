//! The life of a hardship case (档案流转), as pure rules: the case's statuses in the one
//! review workflow (审核流程, `crate::workflow`), its public notice (公示) and its end, the
//! annual review (年审), the documents a case must carry before it is submitted, and when
//! a case is closed.

use chrono::{Datelike, Duration, NaiveDate};
use entity::{CaseStatus, Cause, DocumentKind};

use crate::workflow::rules as workflow;

pub use crate::workflow::rules::NOTICE_WORKING_DAYS;

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

/// The status a reader sees on `today`: a notice whose last day has passed without
/// objection is a filed case, whether or not the background sweep has recorded it yet.
pub fn effective_status(
    status: CaseStatus,
    notice_end: Option<NaiveDate>,
    today: NaiveDate,
) -> CaseStatus {
    workflow::effective_status(status, notice_end, today)
}

/// The day a case is filed (建档): the day after its notice ends.
pub fn activation_date(notice_end: NaiveDate) -> NaiveDate {
    workflow::notice_passed_on(notice_end)
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
