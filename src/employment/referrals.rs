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
use crate::error::{ApiError, ApiResult};
use crate::validate;

/// Issues a referral letter (开具介绍信) for a seeker to an open posting. AGENCY_STAFF.
pub async fn refer(
    state: &AppState,
    actor: &Actor,
    seeker_id: Uuid,
    posting_id: Uuid,
) -> ApiResult<referral::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .map_err(|_| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    if seeker.status != SeekerStatus::Seeking {
        return Err(ApiError::InvalidState {
            message: "the seeker is not looking for work now".into(),
            reasons: vec!["SEEKER_NOT_SEEKING"],
        });
    }
    let posting = find_posting(&*tx, actor, posting_id, true)
        .await
        .map_err(|_| ApiError::bad_input("postingId", "no such posting in your scope"))?;
    let status = effective_status(&posting, today);
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
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("posting without employer"))?;
    if employer.flag.is_some() {
        return Err(ApiError::InvalidState {
            message: "the employer is flagged for wage arrears or a labour dispute".into(),
            reasons: vec!["EMPLOYER_FLAGGED"],
        });
    }
    let open = referral::Entity::find()
        .filter(referral::Column::SeekerId.eq(seeker.id))
        .filter(referral::Column::PostingId.eq(posting.id))
        .filter(
            referral::Column::Status
                .is_in([ReferralStatus::Referred, ReferralStatus::Interviewing]),
        )
        .one(&*tx)
        .await?;
    if open.is_some() {
        return Err(ApiError::Conflict {
            message: "the seeker is already referred to this posting".into(),
            reasons: vec!["ALREADY_REFERRED"],
        });
    }
    let now = state.clock.now();
    let id = Uuid::now_v7();
    let letter = format!(
        "JS{}-{}",
        today.format("%Y%m%d"),
        &id.simple().to_string()[24..]
    );
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
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if served_free(&*tx, &seeker, today).await? {
        waive(
            &tx,
            &seeker,
            WaivedService::Referral,
            rules::REFERRAL_FEE,
            actor,
            now,
        )
        .await?;
    }
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

/// A referral the caller may report on: in scope, and for a portal account one to its
/// own employer's postings.
pub async fn find_referral(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<referral::Model> {
    let mut query = referral::Entity::find_by_id(id)
        .filter(scope::org_unit_column(referral::Column::OrgUnitId, actor));
    if actor.has_role(Role::Employer) {
        query =
            query.filter(referral::Column::EmployerId.eq(actor.employer_id.unwrap_or_default()));
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
    hire: Hire,
) -> ApiResult<(referral::Model, Option<placement::Model>)> {
    actor.require_any(&[Role::AgencyStaff, Role::Employer])?;
    let note = validate::text("note", note, 1000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_referral(&*tx, actor, id).await?;
    if !rules::referral_step_ok(before.status, status) {
        return Err(ApiError::invalid_state(format!(
            "a referral that is {:?} cannot become {status:?}",
            before.status
        )));
    }
    let now = state.clock.now();
    let mut placed = None;
    if status == ReferralStatus::Hired {
        // The posting's row lock makes concurrent hires count one by one.
        let posting = posting::Entity::find_by_id(before.posting_id)
            .lock_exclusive()
            .one(&*tx)
            .await?
            .ok_or_else(|| ApiError::internal("referral without posting"))?;
        if posting.filled >= posting.headcount {
            return Err(ApiError::Conflict {
                message: "every position of the posting is filled".into(),
                reasons: vec!["POSTING_FILLED"],
            });
        }
        let wage = hire.monthly_wage.unwrap_or(posting.wage_min);
        if wage < posting.wage_min {
            return Err(ApiError::bad_input(
                "monthlyWage",
                "below the wage the posting offered",
            ));
        }
        let start = hire.start_date.unwrap_or(today);
        let filled = posting.filled + 1;
        let mut p: posting::ActiveModel = posting.clone().into();
        p.filled = Set(filled);
        if filled >= posting.headcount {
            p.status = Set(PostingStatus::Filled);
        }
        p.updated_at = Set(now);
        p.update(&*tx).await?;
        placed = Some(
            placement::ActiveModel {
                id: Set(Uuid::now_v7()),
                referral_id: Set(before.id),
                seeker_id: Set(before.seeker_id),
                posting_id: Set(before.posting_id),
                employer_id: Set(before.employer_id),
                org_unit_id: Set(before.org_unit_id),
                start_date: Set(start),
                monthly_wage: Set(wage),
                employed_at_3_months: Set(None),
                employed_at_6_months: Set(None),
                created_at: Set(now),
            }
            .insert(&*tx)
            .await?,
        );
        let seeker = entity::job_seeker::Entity::find_by_id(before.seeker_id)
            .one(&*tx)
            .await?
            .ok_or_else(|| ApiError::internal("referral without seeker"))?;
        let worker = seeker.worker_id;
        let mut s: entity::job_seeker::ActiveModel = seeker.into();
        s.status = Set(SeekerStatus::Placed);
        s.updated_at = Set(now);
        s.update(&*tx).await?;
        // A placement is the usual way out of hardship: evaluate the case again.
        if let Some(worker) = worker {
            hardship_case::Entity::update_many()
                .col_expr(hardship_case::Column::NeedsReevaluation, Expr::value(true))
                .col_expr(hardship_case::Column::UpdatedAt, Expr::value(now))
                .filter(hardship_case::Column::WorkerId.eq(worker))
                .filter(crate::registry::cases::status_is(
                    entity::CaseStatus::Active,
                    today,
                ))
                .exec(&*tx)
                .await?;
        }
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

/// Referrals to a posting the caller may see (the agency, or the employer for its own).
pub async fn for_posting(
    state: &AppState,
    actor: &Actor,
    posting_id: Uuid,
) -> ApiResult<Vec<referral::Model>> {
    actor.require_any(&[Role::AgencyStaff, Role::Employer, Role::Auditor])?;
    let posting = find_posting(&state.db, actor, posting_id, false).await?;
    Ok(referral::Entity::find()
        .filter(referral::Column::PostingId.eq(posting.id))
        .all(&state.db)
        .await?)
}
