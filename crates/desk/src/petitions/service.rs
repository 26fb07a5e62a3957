//! Petition use cases (信访事项): receipt, the decision to accept, extension, answer,
//! review and transfer, each a step of the petition's history written through the review
//! workflow's history (`workflow::service::record`), and the desk's lists.

use chrono::NaiveDate;
use entity::{ContactChannel, ContactTopic, PetitionStatus, Role, petition, petition_transition};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::policy;
use super::rules::{self, Periods};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;
use crate::workflow::service::{self as workflow, Tracked, Transition};

/// Who receives and handles petitions: the service desk (信访接待).
pub const HANDLERS: &[Role] = &[Role::ServiceDesk];

/// Who reads them: the desk, and auditors.
pub const READERS: &[Role] = &[Role::ServiceDesk, Role::Auditor];

/// A petition's history in the workflow's terms.
pub struct PetitionFlow;

impl Tracked for PetitionFlow {
    type Status = PetitionStatus;
    type History = petition_transition::Entity;
    const HISTORY_ITEM: petition_transition::Column = petition_transition::Column::PetitionId;
    const HISTORY_ID: petition_transition::Column = petition_transition::Column::Id;

    fn history_row(
        petition_id: Uuid,
        step: Transition<PetitionStatus>,
    ) -> petition_transition::ActiveModel {
        petition_transition::ActiveModel {
            id: Set(Uuid::now_v7()),
            petition_id: Set(petition_id),
            from_status: Set(step.from),
            to_status: Set(step.to),
            actor_id: Set(step.actor_id),
            actor_username: Set(step.actor_username),
            at: Set(step.at),
            comment: Set(step.comment),
        }
    }

    fn moved(
        row: &petition_transition::Model,
    ) -> (Option<PetitionStatus>, PetitionStatus, Option<Uuid>) {
        (row.from_status, row.to_status, row.actor_id)
    }
}

/// A petition as received (信访登记).
pub struct NewPetition {
    pub org_unit_id: Uuid,
    pub worker_id: Option<Uuid>,
    pub petitioner_name: String,
    pub petitioner_phone: Option<String>,
    pub channel: ContactChannel,
    pub topic: ContactTopic,
    pub summary: String,
    /// The day it was received; today when none.
    pub received_on: Option<NaiveDate>,
}

/// Receives a petition inside `tx` (from `createPetition`, or a contact turned into one).
pub async fn receive(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    new: NewPetition,
    contact_id: Option<Uuid>,
) -> ApiResult<petition::Model> {
    let today = state.clock.today();
    let received_on = new.received_on.unwrap_or(today);
    rules::check_received_on(received_on, today)?;
    let name = validate::name("petitionerName", &new.petitioner_name, 50)?;
    let phone = validate::phone("petitionerPhone", new.petitioner_phone)?;
    let summary = validate::name("summary", &new.summary, 4000)?;
    find_in_scope(&**tx, actor, new.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    if let Some(worker) = new.worker_id {
        scope::find_worker(&**tx, actor, worker)
            .await
            .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
    }
    let periods: Periods = policy::periods(&**tx).await?;
    let acceptance_due_on = rules::last_day(received_on, periods.acceptance);
    let now = state.clock.now();
    let created = petition::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(new.org_unit_id),
        contact_id: Set(contact_id),
        worker_id: Set(new.worker_id),
        petitioner_name: Set(name),
        petitioner_phone: Set(phone),
        channel: Set(new.channel),
        topic: Set(new.topic),
        summary: Set(summary),
        received_on: Set(received_on),
        status: Set(PetitionStatus::Received),
        acceptance_days: Set(periods.acceptance),
        answer_days: Set(periods.answer),
        extension_max_days: Set(periods.extension),
        review_request_days: Set(periods.review_request),
        review_answer_days: Set(periods.review_answer),
        acceptance_due_on: Set(acceptance_due_on),
        answer_due_on: Set(None),
        review_request_until: Set(None),
        review_due_on: Set(None),
        due_on: Set(Some(acceptance_due_on)),
        decided_on: Set(None),
        decision_reason: Set(None),
        extended_days: Set(None),
        extension_reason: Set(None),
        answered_on: Set(None),
        answer: Set(None),
        review_requested_on: Set(None),
        review_reason: Set(None),
        reviewed_on: Set(None),
        review_answer: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    workflow::record::<PetitionFlow>(
        &**tx,
        created.id,
        Transition::by(actor, None, PetitionStatus::Received, now, None),
    )
    .await?;
    audit::record(
        tx,
        actor,
        now,
        Change::new(
            "createPetition",
            "Petition",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    Ok(created)
}

/// Registers a petition (信访登记). SERVICE_DESK.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    new: NewPetition,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let mut tx = Tx::begin(state).await?;
    let created = receive(state, &mut tx, actor, new, None).await?;
    tx.commit().await?;
    Ok(created)
}

/// The petition, locked for the step, within the caller's scope.
async fn find_locked(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<petition::Model> {
    petition::Entity::find_by_id(id)
        .filter(scope::org_unit_column(petition::Column::OrgUnitId, actor))
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Petition"))
}

/// What a step changes on a petition, and how the history and audit name it.
struct Step {
    operation: &'static str,
    comment: Option<String>,
    apply: Box<dyn FnOnce(&mut petition::ActiveModel) + Send>,
    to: PetitionStatus,
}

/// Takes `step` on the locked `before`: the row, its history and the audit, in one
/// transaction.
async fn take(
    state: &AppState,
    mut tx: Tx,
    actor: &Actor,
    before: petition::Model,
    step: Step,
) -> ApiResult<petition::Model> {
    let now = state.clock.now();
    let mut active: petition::ActiveModel = before.clone().into();
    (step.apply)(&mut active);
    active.status = Set(step.to);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    workflow::record::<PetitionFlow>(
        &*tx,
        after.id,
        Transition::by(actor, Some(before.status), step.to, now, step.comment),
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            step.operation,
            "Petition",
            after.id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Accepts a petition (受理), or declines it (不予受理) with the reason told to the
/// petitioner. A decision after the acceptance period is taken and shows as late.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    accept: bool,
    reason: Option<String>,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let reason = validate::text("reason", reason, 2000)?;
    if !accept && reason.is_none() {
        return Err(ApiError::bad_input(
            "reason",
            "tell the petitioner why it is not accepted",
        ));
    }
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    rules::require_status(&before, PetitionStatus::Received, "accepted or declined")?;
    let today = state.clock.today();
    let answer_due = rules::last_day(today, before.answer_days);
    let comment = reason.clone();
    let apply = move |p: &mut petition::ActiveModel| {
        p.decided_on = Set(Some(today));
        p.decision_reason = Set(reason);
        if accept {
            p.answer_due_on = Set(Some(answer_due));
            p.due_on = Set(Some(answer_due));
        } else {
            p.due_on = Set(None);
        }
    };
    let (operation, to) = if accept {
        ("acceptPetition", PetitionStatus::Accepted)
    } else {
        ("declinePetition", PetitionStatus::Declined)
    };
    take(
        state,
        tx,
        actor,
        before,
        Step {
            operation,
            comment,
            apply: Box::new(apply),
            to,
        },
    )
    .await
}

/// Extends the answer period once (延期), by at most the policy's days, with a reason,
/// before the period ends.
pub async fn extend(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    days: i32,
    reason: String,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let reason = validate::name("reason", &reason, 2000)?;
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    let due = rules::check_extension(&before, days, state.clock.today())?;
    let comment = Some(format!("延期{days}日: {reason}"));
    let apply = move |p: &mut petition::ActiveModel| {
        p.extended_days = Set(Some(days));
        p.extension_reason = Set(Some(reason));
        p.answer_due_on = Set(Some(due));
        p.due_on = Set(Some(due));
    };
    take(
        state,
        tx,
        actor,
        before,
        Step {
            operation: "extendPetition",
            comment,
            apply: Box::new(apply),
            to: PetitionStatus::Accepted,
        },
    )
    .await
}

/// Answers an accepted petition (办结答复), or the review asked of an answered one
/// (复查意见). A late answer is taken and shows as late.
pub async fn answer(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    answer: String,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let answer = validate::name("answer", &answer, 4000)?;
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    let today = state.clock.today();
    let comment = Some(answer.clone());
    let step = match before.status {
        PetitionStatus::Accepted => {
            let until = rules::last_day(today, before.review_request_days);
            Step {
                operation: "answerPetition",
                comment,
                apply: Box::new(move |p: &mut petition::ActiveModel| {
                    p.answered_on = Set(Some(today));
                    p.answer = Set(Some(answer));
                    p.review_request_until = Set(Some(until));
                    p.due_on = Set(None);
                }),
                to: PetitionStatus::Answered,
            }
        }
        PetitionStatus::ReviewRequested => Step {
            operation: "answerPetitionReview",
            comment,
            apply: Box::new(move |p: &mut petition::ActiveModel| {
                p.reviewed_on = Set(Some(today));
                p.review_answer = Set(Some(answer));
                p.due_on = Set(None);
            }),
            to: PetitionStatus::Reviewed,
        },
        _ => {
            return Err(ApiError::InvalidState {
                message: "only an accepted petition or a requested review is answered".into(),
                reasons: vec!["WRONG_PETITION_STATUS"],
            });
        }
    };
    take(state, tx, actor, before, step).await
}

/// Records the petitioner's request for a review (申请复查) within the window after the
/// answer.
pub async fn request_review(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: String,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let reason = validate::name("reason", &reason, 2000)?;
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    let today = state.clock.today();
    let due = rules::check_review_request(&before, today)?;
    let comment = Some(reason.clone());
    let apply = move |p: &mut petition::ActiveModel| {
        p.review_requested_on = Set(Some(today));
        p.review_reason = Set(Some(reason));
        p.review_due_on = Set(Some(due));
        p.due_on = Set(Some(due));
    };
    take(
        state,
        tx,
        actor,
        before,
        Step {
            operation: "requestPetitionReview",
            comment,
            apply: Box::new(apply),
            to: PetitionStatus::ReviewRequested,
        },
    )
    .await
}

/// Transfers a pending petition to another org unit under the unit above the caller's
/// (转办; `rules::transfer_reach`): only the unit changes, so the clock runs on from
/// receipt.
pub async fn transfer(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    to_unit: Uuid,
    reason: String,
) -> ApiResult<petition::Model> {
    actor.require_any(HANDLERS)?;
    let reason = validate::name("reason", &reason, 2000)?;
    let tx = Tx::begin(state).await?;
    let before = find_locked(&*tx, actor, id).await?;
    if rules::pending(&before).is_none() {
        return Err(ApiError::InvalidState {
            message: "a petition with nothing pending is not transferred".into(),
            reasons: vec!["WRONG_PETITION_STATUS"],
        });
    }
    let unit = entity::org_unit::Entity::find_by_id(to_unit)
        .one(&*tx)
        .await?
        .filter(|u| u.path.starts_with(rules::transfer_reach(&actor.org_path)))
        .ok_or_else(|| {
            ApiError::bad_input("orgUnitId", "no such org unit under the unit above yours")
        })?;
    if unit.id == before.org_unit_id {
        return Err(ApiError::bad_input(
            "orgUnitId",
            "the petition is with that unit already",
        ));
    }
    let comment = Some(format!("转办至{}: {reason}", unit.name));
    let status = before.status;
    take(
        state,
        tx,
        actor,
        before,
        Step {
            operation: "transferPetition",
            comment,
            apply: Box::new(move |p: &mut petition::ActiveModel| {
                p.org_unit_id = Set(unit.id);
            }),
            to: status,
        },
    )
    .await
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<petition::Model> {
    actor.require_any(READERS)?;
    petition::Entity::find_by_id(id)
        .filter(scope::org_unit_column(petition::Column::OrgUnitId, actor))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("Petition"))
}

/// What the list of petitions keeps.
#[derive(Debug, Clone, Default)]
pub struct PetitionFilter {
    pub org_unit_id: Option<Uuid>,
    pub status: Option<PetitionStatus>,
    pub worker_id: Option<Uuid>,
}

/// The petitions in the caller's scope (or an org subtree of it), oldest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: PetitionFilter,
    page: &PageArgs,
) -> ApiResult<Page<petition::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        petition::Entity::find().filter(scope::org_unit_column(petition::Column::OrgUnitId, actor));
    if let Some(unit) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, unit).await?;
        select = select.filter(scope::subtree_column(
            petition::Column::OrgUnitId,
            &unit.path,
        ));
    }
    if let Some(status) = filter.status {
        select = select.filter(petition::Column::Status.eq(status));
    }
    if let Some(worker) = filter.worker_id {
        select = select.filter(petition::Column::WorkerId.eq(worker));
    }
    paginate(state, select, petition::Column::Id, page).await
}

/// The desk's daily list (待办信访): petitions of an org subtree with something pending
/// whose deadline falls on or before `today + within_days`, the overdue first, then by
/// deadline.
pub async fn due(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    within_days: u32,
    limit: u64,
) -> ApiResult<Vec<petition::Model>> {
    actor.require_any(READERS)?;
    let unit = find_in_scope(&state.db, actor, org_unit_id).await?;
    let horizon = rules::last_day(state.clock.today(), i32::try_from(within_days).unwrap_or(0));
    Ok(petition::Entity::find()
        .filter(scope::subtree_column(
            petition::Column::OrgUnitId,
            &unit.path,
        ))
        .filter(petition::Column::DueOn.lte(horizon))
        .order_by_asc(petition::Column::DueOn)
        .order_by_asc(petition::Column::Id)
        .limit(limit)
        .all(&state.db)
        .await?)
}
