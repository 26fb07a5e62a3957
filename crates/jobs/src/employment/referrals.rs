//! Referrals (职业介绍) and placements (介绍成功): a referral letter for a seeker and a
//! posting, its outcome reported by the agency or the employer, a hire filling the
//! posting, and follow-ups after 3 and 6 months.

use chrono::{Months, NaiveDate};
use entity::{
    Money, PostingStatus, ReferralStatus, Role, SeekerStatus, WaivedService, hardship_case,
    placement, posting, referral,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::employers::STAFF;
use super::postings::{effective_status, find_posting};
use super::rules;
use super::seekers::{find_seeker, served_free, waive};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::validate;

/// Issues a referral letter (开具介绍信) for a seeker to an open posting. AGENCY_STAFF.
pub async fn refer(
    state: &AppState,
    actor: &Actor,
    seeker_id: Uuid,
    posting_id: Uuid,
) -> ApiResult<referral::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    let posting = find_posting(&*tx, actor, posting_id, true)
        .await
        .or_refused(|| ApiError::bad_input("postingId", "no such posting in your scope"))?;
    let now = state.clock.now();
    let created = issue(
        &tx,
        actor,
        &seeker,
        &posting,
        state.clock.today(),
        now,
        Origin::Desk,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("refer", "Referral", created.id, Some(created.org_unit_id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Where a referral came from.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    /// The agency's desk.
    Desk,
    /// An intent agreement at a job fair (招聘会).
    Fair(Uuid),
    /// A labour-export batch (外出务工).
    Export(Uuid),
}

/// Writes a referral after checking that the seeker is looking and the posting takes
/// referrals; the referral fee is waived for those served free. The posting is locked by
/// the caller.
pub async fn issue(
    tx: &Tx,
    actor: &Actor,
    seeker: &entity::job_seeker::Model,
    posting: &posting::Model,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    origin: Origin,
) -> ApiResult<referral::Model> {
    if seeker.status != SeekerStatus::Seeking {
        return Err(ApiError::InvalidState {
            message: "the seeker is not looking for work now".into(),
            reasons: vec!["SEEKER_NOT_SEEKING"],
        });
    }
    let status = effective_status(posting, today);
    if status != PostingStatus::Open || posting.filled >= posting.headcount {
        let reason = match status {
            PostingStatus::Expired => "POSTING_EXPIRED",
            PostingStatus::Open | PostingStatus::Filled => "POSTING_FILLED",
            _ => "POSTING_NOT_OPEN",
        };
        return Err(ApiError::InvalidState {
            message: format!("the posting takes no referrals ({status:?})"),
            reasons: vec![reason],
        });
    }
    let employer = entity::employer::Entity::find_by_id(posting.employer_id)
        .one(&**tx)
        .await?
        .ok_or_else(|| ApiError::internal("posting without employer"))?;
    if employer.flag.is_some() {
        return Err(ApiError::InvalidState {
            message: "the employer is flagged for wage arrears or a labour dispute".into(),
            reasons: vec!["EMPLOYER_FLAGGED"],
        });
    }
    if let Some(required) = &posting.required_certificate {
        let held: Vec<String> = entity::certificate::Entity::find()
            .filter(entity::certificate::Column::SeekerId.eq(seeker.id))
            .all(&**tx)
            .await?
            .into_iter()
            .map(|c| c.occupation)
            .collect();
        if !super::rules::holds_certificate(&held, required) {
            return Err(ApiError::InvalidState {
                message: format!("the posting requires a {required} certificate (持证上岗)"),
                reasons: vec!["CERTIFICATE_REQUIRED"],
            });
        }
    }
    let open = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(seeker.id))
        .filter(referral::Column::PostingId.eq(posting.id))
        .filter(
            referral::Column::Status
                .is_in([ReferralStatus::Referred, ReferralStatus::Interviewing]),
        )
        .one(&**tx)
        .await?;
    if open.is_some() {
        return Err(ApiError::Conflict {
            message: "the seeker is already referred to this posting".into(),
            reasons: vec!["ALREADY_REFERRED"],
        });
    }
    let id = Uuid::now_v7();
    let letter = format!(
        "JS{}-{}",
        today.format("%Y%m%d"),
        &id.simple().to_string()[24..]
    );
    let (fair_id, export_batch_id) = match origin {
        Origin::Desk => (None, None),
        Origin::Fair(f) => (Some(f), None),
        Origin::Export(b) => (None, Some(b)),
    };
    let created = referral::ActiveModel {
        id: Set(id),
        seeker_id: Set(seeker.id),
        posting_id: Set(posting.id),
        employer_id: Set(posting.employer_id),
        org_unit_id: Set(posting.org_unit_id),
        letter_number: Set(letter.to_uppercase()),
        status: Set(ReferralStatus::Referred),
        note: Set(None),
        referred_by: Set(actor.user_id),
        fair_id: Set(fair_id),
        export_batch_id: Set(export_batch_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    if served_free(&**tx, seeker, today).await? {
        waive(
            tx,
            seeker,
            WaivedService::Referral,
            rules::REFERRAL_FEE,
            actor,
            now,
        )
        .await?;
    }
    Ok(created)
}

/// A referral the caller may report on: in scope, and for a portal account one to its
/// own employer's postings.
pub async fn find_referral(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<referral::Model> {
    let mut query = referral::Entity::find_by_id(id)
        .filter(scope::org_unit_column(referral::Column::OrgUnitId, actor));
    if actor.has_role(Role::Employer) {
        query =
            query.filter(referral::Column::EmployerId.eq(actor.employer_id.unwrap_or_default()));
    }
    if lock {
        // Two outcomes reported at once: the second waits and then sees the first.
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("Referral"))
}

/// What a hire records.
pub struct Hire {
    pub start_date: Option<NaiveDate>,
    pub monthly_wage: Option<Money>,
}

/// Reports a referral's outcome (反馈): INTERVIEWING, then HIRED, REJECTED, NO_SHOW or
/// WITHDRAWN. A hire is a placement that fills the posting (FILLED at its headcount; a
/// further hire is a CONFLICT), the seeker is PLACED, and the seeker's filed hardship
/// case is flagged for re-evaluation. AGENCY_STAFF, or the employer's own account.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    status: ReferralStatus,
    note: Option<String>,
    hire_terms: Hire,
) -> ApiResult<(referral::Model, Option<placement::Model>)> {
    actor.require_any(&[Role::AgencyStaff, Role::Employer])?;
    let note = validate::text("note", note, 1000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_referral(&*tx, actor, id, true).await?;
    if !rules::referral_step_ok(before.status, status) {
        return Err(ApiError::invalid_state(format!(
            "a referral that is {:?} cannot become {status:?}",
            before.status
        )));
    }
    let now = state.clock.now();
    let mut placed = None;
    if status == ReferralStatus::Hired {
        placed = Some(hire(&tx, &before, hire_terms, today, now).await?);
    }
    let mut active: referral::ActiveModel = before.clone().into();
    active.status = Set(status);
    if note.is_some() {
        active.note = Set(note);
    }
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("updateReferral", "Referral", id, Some(after.org_unit_id))
            .before(&before)
            .after(&serde_json::json!({ "referral": after, "placement": placed })),
    )
    .await?;
    tx.commit().await?;
    Ok((after, placed))
}

/// Makes a hire of a referral: the referral HIRED, a placement that fills the posting
/// (FILLED at its headcount; a further hire is a CONFLICT), the seeker PLACED, and the
/// seeker's filed hardship case flagged for re-evaluation.
pub async fn hire(
    tx: &Tx,
    referral: &referral::Model,
    terms: Hire,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<placement::Model> {
    // The posting's row lock makes concurrent hires count one by one.
    let posting = posting::Entity::find_by_id(referral.posting_id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or_else(|| ApiError::internal("referral without posting"))?;
    if posting.filled >= posting.headcount {
        return Err(ApiError::Conflict {
            message: "every position of the posting is filled".into(),
            reasons: vec!["POSTING_FILLED"],
        });
    }
    // A referral issued before the posting's last day may still end in a hire; a closed
    // posting hires no one.
    if posting.status != PostingStatus::Open {
        return Err(ApiError::InvalidState {
            message: format!("the posting is {:?}", posting.status),
            reasons: vec!["POSTING_NOT_OPEN"],
        });
    }
    if terms.start_date.is_some_and(|d| {
        d < referral.created_at.date_naive() || d > today + chrono::Duration::days(90)
    }) {
        return Err(ApiError::bad_input(
            "startDate",
            "between the referral and 90 days from today",
        ));
    }
    let wage = terms.monthly_wage.unwrap_or(posting.wage_min);
    if wage < posting.wage_min {
        return Err(ApiError::bad_input(
            "monthlyWage",
            "below the wage the posting offered",
        ));
    }
    let start = terms.start_date.unwrap_or(today);
    let filled = posting.filled + 1;
    let mut p: posting::ActiveModel = posting.clone().into();
    p.filled = Set(filled);
    if filled >= posting.headcount {
        p.status = Set(PostingStatus::Filled);
    }
    p.updated_at = Set(now);
    p.update(&**tx).await?;
    let placed = placement::ActiveModel {
        id: Set(Uuid::now_v7()),
        referral_id: Set(referral.id),
        seeker_id: Set(referral.seeker_id),
        posting_id: Set(referral.posting_id),
        employer_id: Set(referral.employer_id),
        org_unit_id: Set(referral.org_unit_id),
        start_date: Set(start),
        monthly_wage: Set(wage),
        employed_at_3_months: Set(None),
        employed_at_6_months: Set(None),
        created_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    referral::Entity::update_many()
        .col_expr(referral::Column::Status, Expr::value(ReferralStatus::Hired))
        .col_expr(referral::Column::UpdatedAt, Expr::value(now))
        .filter(referral::Column::Id.eq(referral.id))
        .exec(&**tx)
        .await?;
    let seeker = entity::job_seeker::Entity::find_by_id(referral.seeker_id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or_else(|| ApiError::internal("referral without seeker"))?;
    if seeker.status == SeekerStatus::Placed {
        return Err(ApiError::Conflict {
            message: "the seeker has been placed already".into(),
            reasons: vec!["SEEKER_ALREADY_PLACED"],
        });
    }
    let worker = seeker.worker_id;
    let mut s: entity::job_seeker::ActiveModel = seeker.into();
    s.status = Set(SeekerStatus::Placed);
    s.updated_at = Set(now);
    s.update(&**tx).await?;
    // A placement is the usual way out of hardship: evaluate the case again.
    if let Some(worker) = worker {
        hardship_case::Entity::update_many()
            .col_expr(hardship_case::Column::NeedsReevaluation, Expr::value(true))
            .col_expr(hardship_case::Column::UpdatedAt, Expr::value(now))
            .filter(hardship_case::Column::WorkerId.eq(worker))
            .filter(crate::workflow::statuses::status_is(
                entity::CaseStatus::Active,
                today,
            ))
            .exec(&**tx)
            .await?;
    }
    Ok(placed)
}

/// Records a follow-up (回访) 3 or 6 months after a placement started: is the person still
/// employed? Not before the time. AGENCY_STAFF.
pub async fn follow_up(
    state: &AppState,
    actor: &Actor,
    placement_id: Uuid,
    months: u32,
    still_employed: bool,
) -> ApiResult<placement::Model> {
    actor.require_any(STAFF)?;
    if months != 3 && months != 6 {
        return Err(ApiError::bad_input(
            "months",
            "follow-ups are at 3 and 6 months",
        ));
    }
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = placement::Entity::find_by_id(placement_id)
        .filter(scope::org_unit_column(placement::Column::OrgUnitId, actor))
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("Placement"))?;
    let due = before
        .start_date
        .checked_add_months(Months::new(months))
        .unwrap_or(before.start_date);
    if today < due {
        return Err(ApiError::InvalidState {
            message: format!("the {months}-month follow-up is due on {due}"),
            reasons: vec!["FOLLOW_UP_NOT_DUE"],
        });
    }
    let recorded = if months == 3 {
        before.employed_at_3_months
    } else {
        before.employed_at_6_months
    };
    if recorded.is_some() {
        return Err(ApiError::Conflict {
            message: format!("the {months}-month follow-up is recorded already"),
            reasons: vec!["FOLLOW_UP_RECORDED"],
        });
    }
    if !still_employed {
        // Out of work again: back on the agency's books.
        entity::job_seeker::Entity::update_many()
            .col_expr(
                entity::job_seeker::Column::Status,
                Expr::value(SeekerStatus::Seeking),
            )
            .filter(entity::job_seeker::Column::Id.eq(before.seeker_id))
            .exec(&*tx)
            .await?;
    }
    let mut active: placement::ActiveModel = before.clone().into();
    if months == 3 {
        active.employed_at_3_months = Set(Some(still_employed));
    } else {
        active.employed_at_6_months = Set(Some(still_employed));
    }
    let after = active.update(&*tx).await?;
    let now = state.clock.now();
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordFollowUp",
            "Placement",
            placement_id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
