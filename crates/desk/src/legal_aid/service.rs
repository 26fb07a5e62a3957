//! Legal-aid use cases (法律援助): application, review with four eyes, assignment, the
//! dated stages, closing with the amount recovered and, where it applies, the employer's
//! flag in the agency; each status change written to the case's history through the
//! review workflow's history (`workflow::service::record`).

use chrono::NaiveDate;
use entity::{
    FlagReason, LegalAidOutcome, LegalAidStage, LegalAidStatus, LegalClaim, Money, ReviewDecision,
    Role, employer, legal_aid_case, legal_aid_step, legal_aid_transition, user,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::clock::CHINA;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;
use crate::workflow::service::{self as workflow, Tracked, Transition};
use bangfu_jobs::employment::seekers::has_active_case;

/// Who files an application: the desk, on a worker's behalf, and the legal-aid workers.
pub const APPLICANTS: &[Role] = &[Role::ServiceDesk, Role::LegalAid];

/// Who reviews, assigns and handles cases: the legal-aid workers.
pub const HANDLERS: &[Role] = &[Role::LegalAid];

/// Who reads cases: those who file and handle them, and auditors.
pub const READERS: &[Role] = &[Role::ServiceDesk, Role::LegalAid, Role::Auditor];

/// A legal-aid case's history in the workflow's terms.
pub struct LegalAidFlow;

impl Tracked for LegalAidFlow {
    type Status = LegalAidStatus;
    type History = legal_aid_transition::Entity;
    const HISTORY_ITEM: legal_aid_transition::Column = legal_aid_transition::Column::CaseId;
    const HISTORY_ID: legal_aid_transition::Column = legal_aid_transition::Column::Id;

    fn history_row(
        case_id: Uuid,
        step: Transition<LegalAidStatus>,
    ) -> legal_aid_transition::ActiveModel {
        legal_aid_transition::ActiveModel {
            id: Set(Uuid::now_v7()),
            case_id: Set(case_id),
            from_status: Set(step.from),
            to_status: Set(step.to),
            actor_id: Set(step.actor_id),
            actor_username: Set(step.actor_username),
            at: Set(step.at),
            comment: Set(step.comment),
        }
    }

    fn moved(
        row: &legal_aid_transition::Model,
    ) -> (Option<LegalAidStatus>, LegalAidStatus, Option<Uuid>) {
        (row.from_status, row.to_status, row.actor_id)
    }
}

/// What the worker claims from the employer (诉求).
#[derive(Debug, Clone)]
pub struct LegalAidClaim {
    /// The employer on file (用人单位档案), when there is one.
    pub employer_id: Option<Uuid>,
    /// The employer's name; the file's name when omitted.
    pub employer_name: Option<String>,
    pub claim: LegalClaim,
    pub amount_claimed: Money,
    /// The dispute in brief; for a contact turned into a case, the contact's summary.
    pub summary: Option<String>,
}

/// An application for legal aid (法律援助申请).
pub struct NewLegalAid {
    pub worker_id: Uuid,
    pub claim: LegalAidClaim,
}

/// Files an application inside `tx` (from `createLegalAidCase`, or a contact turned into
/// one); the caller checked the role.
pub async fn apply(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    new: NewLegalAid,
    contact_id: Option<Uuid>,
) -> ApiResult<legal_aid_case::Model> {
    let claim = new.claim;
    if claim.amount_claimed < Money::ZERO {
        return Err(ApiError::bad_input("amountClaimed", "must not be negative"));
    }
    let summary = validate::name("summary", claim.summary.as_deref().unwrap_or(""), 4000)?;
    let worker = scope::find_worker(&**tx, actor, new.worker_id)
        .await
        .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
    // 「维护职工合法权益」 through the union: legal aid is for its members.
    if !worker.union_member {
        return Err(ApiError::InvalidState {
            message: "legal aid is for union members (工会会员)".into(),
            reasons: vec!["NOT_A_UNION_MEMBER"],
        });
    }
    let employer_name = match claim.employer_id {
        Some(id) => {
            let on_file = scope::find_employer(&**tx, actor, id)
                .await
                .or_refused(|| {
                    ApiError::bad_input("employerId", "no such employer in your scope")
                })?;
            match claim.employer_name.as_deref() {
                Some(name) => validate::name("employerName", name, 100)?,
                None => on_file.name,
            }
        }
        None => validate::name(
            "employerName",
            claim.employer_name.as_deref().unwrap_or(""),
            100,
        )?,
    };
    let today = state.clock.today();
    let now = state.clock.now();
    let created = legal_aid_case::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(worker.org_unit_id),
        contact_id: Set(contact_id),
        worker_id: Set(worker.id),
        hardship_registered: Set(has_active_case(&**tx, worker.id, today).await?),
        employer_id: Set(claim.employer_id),
        employer_name: Set(employer_name),
        claim: Set(claim.claim),
        amount_claimed: Set(claim.amount_claimed),
        summary: Set(summary),
        status: Set(LegalAidStatus::Applied),
        stage: Set(None),
        assignee_id: Set(None),
        outcome: Set(None),
        amount_recovered: Set(None),
        closed_on: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    workflow::record::<LegalAidFlow>(
        &**tx,
        created.id,
        Transition::by(actor, None, LegalAidStatus::Applied, now, None),
    )
    .await?;
    audit::record(
        tx,
        actor,
        now,
        Change::new(
            "createLegalAidCase",
            "LegalAidCase",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    Ok(created)
}

/// Files an application for legal aid. SERVICE_DESK or LEGAL_AID.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    new: NewLegalAid,
) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(APPLICANTS)?;
    let mut tx = Tx::begin(state).await?;
    let created = apply(state, &mut tx, actor, new, None).await?;
    tx.commit().await?;
    Ok(created)
}

async fn find_locked(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<legal_aid_case::Model> {
    legal_aid_case::Entity::find_by_id(id)
        .filter(scope::org_unit_column(
            legal_aid_case::Column::OrgUnitId,
            actor,
        ))
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(ApiError::not_found("LegalAidCase"))
}

fn require_status(
    c: &legal_aid_case::Model,
    expected: LegalAidStatus,
    action: &str,
) -> ApiResult<()> {
    if c.status == expected {
        Ok(())
    } else {
        Err(ApiError::InvalidState {
            message: format!("a legal-aid case that is {:?} cannot be {action}", c.status),
            reasons: vec!["WRONG_LEGAL_AID_STATUS"],
        })
    }
}

/// Only the legal-aid worker the case is assigned to handles it.
fn require_assignee(c: &legal_aid_case::Model, actor: &Actor) -> ApiResult<()> {
    if c.assignee_id == Some(actor.user_id) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only the legal-aid worker the case is assigned to handles it",
        ))
    }
}

/// Saves `after`, its history step (when the status moved or a comment is due) and the
/// audit, and commits.
async fn save(
    state: &AppState,
    mut tx: Tx,
    actor: &Actor,
    operation: &'static str,
    before: legal_aid_case::Model,
    mut after: legal_aid_case::ActiveModel,
    comment: Option<String>,
) -> ApiResult<legal_aid_case::Model> {
    let now = state.clock.now();
    after.updated_at = Set(now);
    let after = after.update(&*tx).await?;
    workflow::record::<LegalAidFlow>(
        &*tx,
        after.id,
        Transition::by(actor, Some(before.status), after.status, now, comment),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(operation, "LegalAidCase", after.id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Approves or rejects an application (审查). LEGAL_AID, not who filed it (双人复核).
pub async fn review(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    decision: ReviewDecision,
    comment: Option<String>,
) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(HANDLERS)?;
    let comment = validate::text("comment", comment, 2000)?;
    let to = match decision {
        ReviewDecision::Approve => LegalAidStatus::Approved,
        ReviewDecision::Reject if comment.is_some() => LegalAidStatus::Rejected,
        ReviewDecision::Reject => {
            return Err(ApiError::bad_input("comment", "say why when rejecting"));
        }
        ReviewDecision::Return => {
            return Err(ApiError::bad_input(
                "decision",
                "an application is approved or rejected",
            ));
        }
    };
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    require_status(&before, LegalAidStatus::Applied, "reviewed")?;
    if before.created_by == actor.user_id {
        return Err(ApiError::forbidden(
            "four eyes (双人复核): who filed an application does not review it",
        ));
    }
    let mut after: legal_aid_case::ActiveModel = before.clone().into();
    after.status = Set(to);
    save(
        state,
        tx,
        actor,
        "reviewLegalAidCase",
        before,
        after,
        comment,
    )
    .await
}

/// Assigns an approved case to a legal-aid worker (指派承办人), or reassigns one in
/// progress. LEGAL_AID. The assignee holds LEGAL_AID and reaches the case's unit.
pub async fn assign(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    assignee_id: Uuid,
) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(HANDLERS)?;
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    if !matches!(
        before.status,
        LegalAidStatus::Approved | LegalAidStatus::InProgress
    ) {
        return Err(ApiError::InvalidState {
            message: "only an approved case or one in progress is assigned".into(),
            reasons: vec!["WRONG_LEGAL_AID_STATUS"],
        });
    }
    let assignee = user::Entity::find_by_id(assignee_id)
        .filter(scope::org_unit_column(user::Column::OrgUnitId, actor))
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::bad_input("assigneeId", "no such user in your scope"))?;
    let unit = find_in_scope(&*tx, actor, before.org_unit_id).await?;
    let assignee_unit = find_in_scope(&*tx, actor, assignee.org_unit_id).await?;
    if assignee.disabled
        || !assignee.roles.0.contains(&Role::LegalAid)
        || !unit.path.starts_with(&assignee_unit.path)
    {
        return Err(ApiError::BadUserInput {
            field: "assigneeId".into(),
            message: "the assignee must be an active legal-aid worker whose scope holds the case"
                .into(),
            reasons: vec!["NOT_A_LEGAL_AID_WORKER"],
        });
    }
    let comment = Some(format!("指派承办人 {}", assignee.username));
    let mut after: legal_aid_case::ActiveModel = before.clone().into();
    after.assignee_id = Set(Some(assignee.id));
    after.status = Set(LegalAidStatus::InProgress);
    save(
        state,
        tx,
        actor,
        "assignLegalAidCase",
        before,
        after,
        comment,
    )
    .await
}

/// Moves a case in progress on to a later stage of the dispute (协商、调解、仲裁、诉讼),
/// dated. LEGAL_AID, the assignee.
pub async fn advance(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    stage: LegalAidStage,
    started_on: Option<NaiveDate>,
    note: Option<String>,
) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(HANDLERS)?;
    let note = validate::text("note", note, 2000)?;
    let today = state.clock.today();
    let on = started_on.unwrap_or(today);
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    require_status(&before, LegalAidStatus::InProgress, "advanced")?;
    require_assignee(&before, actor)?;
    let last = legal_aid_step::Entity::find()
        .filter(legal_aid_step::Column::CaseId.eq(id))
        .order_by_desc(legal_aid_step::Column::Id)
        .one(&*tx)
        .await?
        .map(|s| (s.stage, s.started_on));
    rules::check_advance(last, stage, on, today)?;
    legal_aid_step::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(id),
        stage: Set(stage),
        started_on: Set(on),
        note: Set(note.clone()),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(state.clock.now()),
    }
    .insert(&*tx)
    .await?;
    let mut after: legal_aid_case::ActiveModel = before.clone().into();
    after.stage = Set(Some(stage));
    let comment = Some(match note {
        Some(n) => format!("{stage:?} {on}: {n}"),
        None => format!("{stage:?} {on}"),
    });
    save(
        state,
        tx,
        actor,
        "advanceLegalAidCase",
        before,
        after,
        comment,
    )
    .await
}

/// How a case ended.
pub struct Closing {
    pub outcome: LegalAidOutcome,
    pub amount_recovered: Money,
    pub closed_on: Option<NaiveDate>,
    pub comment: Option<String>,
    /// Flag the employer in the agency for wage arrears (警示).
    pub flag_employer: bool,
}

/// Closes a case in progress with its outcome and the amount recovered (结案), flagging
/// the employer when asked and the case allows it. LEGAL_AID, the assignee.
pub async fn close(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    closing: Closing,
) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(HANDLERS)?;
    let comment = validate::text("comment", closing.comment, 2000)?;
    rules::check_closing(closing.outcome, closing.amount_recovered)?;
    let today = state.clock.today();
    let closed_on = closing.closed_on.unwrap_or(today);
    if closed_on > today {
        return Err(ApiError::bad_input(
            "closedOn",
            "cannot close in the future",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    require_status(&before, LegalAidStatus::InProgress, "closed")?;
    require_assignee(&before, actor)?;
    let last_step = legal_aid_step::Entity::find()
        .filter(legal_aid_step::Column::CaseId.eq(id))
        .order_by_desc(legal_aid_step::Column::Id)
        .one(&*tx)
        .await?
        .map(|s| s.started_on);
    let filed_on = before.created_at.with_timezone(&CHINA).date_naive();
    let since = last_step.map_or(filed_on, |d| d.max(filed_on));
    if closed_on < since {
        return Err(ApiError::bad_input(
            "closedOn",
            format!("the case was filed or last moved on {since}"),
        ));
    }
    if closing.flag_employer {
        rules::check_flag(before.claim, closing.outcome, before.employer_id.is_some())?;
        if let Some(employer_id) = before.employer_id {
            flag_employer(state, &mut tx, actor, employer_id, &before).await?;
        }
    }
    let mut after: legal_aid_case::ActiveModel = before.clone().into();
    after.status = Set(LegalAidStatus::Closed);
    after.outcome = Set(Some(closing.outcome));
    after.amount_recovered = Set(Some(closing.amount_recovered));
    after.closed_on = Set(Some(closed_on));
    save(
        state,
        tx,
        actor,
        "closeLegalAidCase",
        before,
        after,
        comment,
    )
    .await
}

/// Flags the employer for wage arrears (拖欠工资警示), which keeps its postings off the
/// public board, citing the case.
async fn flag_employer(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    employer_id: Uuid,
    case: &legal_aid_case::Model,
) -> ApiResult<()> {
    // The employer was in scope when the case was filed; the worker closing it must reach
    // it too, or the flag is not theirs to set.
    let before = scope::find_employer(&**tx, actor, employer_id)
        .await
        .or_refused(|| ApiError::BadUserInput {
            field: "flagEmployer".into(),
            message: "the employer is outside your scope".into(),
            reasons: vec!["CANNOT_FLAG_EMPLOYER"],
        })?;
    let now = state.clock.now();
    let mut active: employer::ActiveModel = before.clone().into();
    active.flag = Set(Some(FlagReason::WageArrears));
    active.flag_note = Set(Some(format!(
        "法律援助结案: {} 追索劳动报酬",
        case.employer_name
    )));
    active.updated_at = Set(now);
    let after = active.update(&**tx).await?;
    audit::record(
        tx,
        actor,
        now,
        Change::new(
            "flagEmployer",
            "Employer",
            employer_id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<legal_aid_case::Model> {
    actor.require_any(READERS)?;
    legal_aid_case::Entity::find_by_id(id)
        .filter(scope::org_unit_column(
            legal_aid_case::Column::OrgUnitId,
            actor,
        ))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("LegalAidCase"))
}

/// What the list of cases keeps.
#[derive(Debug, Clone, Default)]
pub struct LegalAidFilter {
    pub org_unit_id: Option<Uuid>,
    /// Only cases of hardship-registered workers (true), served first (困难职工优先), or
    /// only the others (false).
    pub hardship_registered: Option<bool>,
    pub status: Option<LegalAidStatus>,
    pub worker_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
}

/// Legal-aid cases in the caller's scope, oldest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: LegalAidFilter,
    page: &PageArgs,
) -> ApiResult<Page<legal_aid_case::Model>> {
    actor.require_any(READERS)?;
    let mut select = legal_aid_case::Entity::find().filter(scope::org_unit_column(
        legal_aid_case::Column::OrgUnitId,
        actor,
    ));
    if let Some(unit) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, unit).await?;
        select = select.filter(scope::subtree_column(
            legal_aid_case::Column::OrgUnitId,
            &unit.path,
        ));
    }
    if let Some(status) = filter.status {
        select = select.filter(legal_aid_case::Column::Status.eq(status));
    }
    if let Some(hardship) = filter.hardship_registered {
        select = select.filter(legal_aid_case::Column::HardshipRegistered.eq(hardship));
    }
    if let Some(worker) = filter.worker_id {
        select = select.filter(legal_aid_case::Column::WorkerId.eq(worker));
    }
    if let Some(assignee) = filter.assignee_id {
        select = select.filter(legal_aid_case::Column::AssigneeId.eq(assignee));
    }
    paginate(state, select, legal_aid_case::Column::Id, page).await
}
