//! The domains' statuses in the one review workflow: each status enum of the `entity`
//! crate names its stages here (the trait and the enums are both outside the domains'
//! crates, so the impls live beside the trait), and the case status as readers see it
//! on a day, as SQL, for every domain that asks whether a worker is filed (在档).

use chrono::NaiveDate;
use entity::{ApplicationStatus, CaseStatus, hardship_case};
use sea_orm::{ColumnTrait, Condition};

use super::rules::Status;

impl Status for CaseStatus {
    const DRAFT: Self = Self::Draft;
    const SUBMITTED: Self = Self::Submitted;
    const INITIAL_REVIEWED: Self = Self::InitialReviewed;
    const GROUP_REVIEWED: Self = Self::GroupReviewed;
    const APPROVED: Self = Self::Approved;
    const IN_NOTICE: Self = Self::InNotice;
    /// 「公示无异议后」 the case is filed (建档).
    const NOTICE_PASSED: Self = Self::Active;
    const REJECTED: Self = Self::Rejected;
    const WITHDRAWN: Self = Self::Withdrawn;
}

impl Status for ApplicationStatus {
    const DRAFT: Self = Self::Draft;
    const SUBMITTED: Self = Self::Submitted;
    const INITIAL_REVIEWED: Self = Self::InitialReviewed;
    const GROUP_REVIEWED: Self = Self::GroupReviewed;
    const APPROVED: Self = Self::Approved;
    const IN_NOTICE: Self = Self::InNotice;
    /// 「企业公示完毕，由财务部…下拨」: payable (待发放).
    const NOTICE_PASSED: Self = Self::Payable;
    const REJECTED: Self = Self::Rejected;
    const WITHDRAWN: Self = Self::Withdrawn;
}

/// SQL condition for a case's status as readers see it on `today` (a notice past its end
/// is ACTIVE even before the sweep records it).
pub fn status_is(status: CaseStatus, today: NaiveDate) -> Condition {
    let stored = hardship_case::Column::Status;
    let end = hardship_case::Column::NoticeEnd;
    match status {
        CaseStatus::Active => Condition::any().add(stored.eq(CaseStatus::Active)).add(
            Condition::all()
                .add(stored.eq(CaseStatus::InNotice))
                .add(end.lt(today)),
        ),
        CaseStatus::InNotice => Condition::all()
            .add(stored.eq(CaseStatus::InNotice))
            .add(end.gte(today)),
        other => Condition::all().add(stored.eq(other)),
    }
}
