//! Hardship case use cases (困难职工档案): file, submit, review, publicly post, follow and
//! exit. Every write runs in one transaction with its audit row and history step.

use chrono::{DateTime, NaiveDate, Utc};
use entity::hardship_case::{Codes, FiveClears};
use entity::row_at::RowAt;
use entity::{
    CaseStatus, Cause, DocumentKind, ExitReason, FromRowAt, Money, Relief, ReviewDecision, Role,
    case_cause, case_document, case_evaluation, case_objection, case_relief, case_transition,
    case_visit, hardship_case, household, org_unit, worker,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryResult, QuerySelect, Select,
};
use uuid::Uuid;

use super::lifecycle::{self, DocumentFacts};
use super::rules::Evaluation;
use super::service::{READERS, assess};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::scope::find_worker;
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::db::all_at;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::graphql::node::global_id;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate_at, paginate_query, total_count};
use crate::validate;
use crate::workflow::rules::{self as review, Subject};
use crate::workflow::service::{self as workflow, Flow, SYSTEM, Tracked, Transition};
use crate::workflow::statuses::status_is;

/// Who files and follows cases (综合部 / 工会干部).
const CASEWORKERS: &[Role] = &[Role::Caseworker];

/// The comment of the step that files a case when its notice passes.
const NOTICE_PASSED: &str = "公示期满无异议，建档";

/// A case's part in the review workflow (审核流程): its statuses, its row and its history.
pub struct CaseFlow;

impl Tracked for CaseFlow {
    type Status = CaseStatus;
    type History = case_transition::Entity;
    const HISTORY_ITEM: case_transition::Column = case_transition::Column::CaseId;
    const HISTORY_ID: case_transition::Column = case_transition::Column::Id;
    fn history_row(case_id: Uuid, step: Transition<CaseStatus>) -> case_transition::ActiveModel {
        case_transition::ActiveModel {
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
    fn moved(row: &case_transition::Model) -> (Option<CaseStatus>, CaseStatus, Option<Uuid>) {
        (row.from_status, row.to_status, row.actor_id)
    }
}

impl Flow for CaseFlow {
    type Item = hardship_case::Entity;
    const SUBJECT: Subject = Subject {
        noun: "case",
        a_noun: "a case",
    };
    const ITEM_ID: hardship_case::Column = hardship_case::Column::Id;
    const ITEM_STATUS: hardship_case::Column = hardship_case::Column::Status;
    const ITEM_UPDATED_AT: hardship_case::Column = hardship_case::Column::UpdatedAt;
}

/// Input of `createCase`.
pub struct NewCase {
    pub worker_id: Uuid,
    pub causes: Vec<Cause>,
    pub relief_received: Vec<Relief>,
    pub notes: Option<String>,
    pub five_clears: Option<FiveClears>,
    pub assistance_plan: Option<String>,
    pub paired_cadre_name: Option<String>,
    pub paired_cadre_position: Option<String>,
}

/// Input of `updateCase`: only the fields given change.
#[derive(Default)]
pub struct CaseChanges {
    pub causes: Option<Vec<Cause>>,
    pub relief_received: Option<Vec<Relief>>,
    pub notes: Option<String>,
    pub five_clears: Option<FiveClears>,
    pub assistance_plan: Option<String>,
    pub paired_cadre_name: Option<String>,
    pub paired_cadre_position: Option<String>,
}

/// Input of `addCaseDocument`.
pub struct NewDocument {
    pub kind: DocumentKind,
    pub issued_on: Option<NaiveDate>,
    pub issuer: Option<String>,
    pub qualified_issuer: bool,
    pub note: Option<String>,
}

/// Filter of `cases`.
#[derive(Default)]
pub struct CaseFilter {
    pub org_unit_id: Option<Uuid>,
    pub status: Option<CaseStatus>,
    pub worker_id: Option<Uuid>,
    pub exit_proposed: Option<bool>,
    pub needs_reevaluation: Option<bool>,
}

/// The history step of a notice that ended without objection, as the sweep records it and
/// as readers see it before the sweep.
pub fn activation_step(case: &hardship_case::Model) -> Option<case_transition::Model> {
    let activated_on = case.activated_on?;
    Some(case_transition::Model {
        id: Uuid::nil(),
        case_id: case.id,
        from_status: Some(CaseStatus::InNotice),
        to_status: CaseStatus::Active,
        actor_id: None,
        actor_username: SYSTEM.to_owned(),
        at: crate::clock::start_of_day(activated_on),
        comment: Some(NOTICE_PASSED.to_owned()),
    })
}

/// A case in the caller's subtree, or NOT_FOUND.
pub async fn find_case(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<hardship_case::Model> {
    let mut query = hardship_case::Entity::find_by_id(id).filter(scope::org_unit_column(
        hardship_case::Column::OrgUnitId,
        actor,
    ));
    if lock {
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("Case"))
}

/// Records the end of a notice whose last day has passed (idempotent: the guarded update
/// lets only one writer, on any replica, record the step).
async fn settle(
    db: &impl ConnectionTrait,
    case: hardship_case::Model,
    today: NaiveDate,
) -> ApiResult<hardship_case::Model> {
    if lifecycle::effective_status(case.status, case.notice_end, today) != CaseStatus::Active
        || case.status != CaseStatus::InNotice
    {
        return Ok(case);
    }
    let Some(step) = activation_step(&case) else {
        return Ok(case);
    };
    workflow::settle_notice::<CaseFlow>(db, case.id, step.at, NOTICE_PASSED.to_owned()).await?;
    hardship_case::Entity::find_by_id(case.id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Case"))
}

/// Loads a case for a write: in scope, locked, with an ended notice recorded.
async fn load_for_write(
    tx: &Tx,
    actor: &Actor,
    id: Uuid,
    today: NaiveDate,
) -> ApiResult<hardship_case::Model> {
    let case = find_case(&**tx, actor, id, true).await?;
    settle(&**tx, case, today).await
}

async fn transition(
    tx: &Tx,
    case_id: Uuid,
    from: Option<CaseStatus>,
    to: CaseStatus,
    actor: &Actor,
    at: DateTime<Utc>,
    comment: Option<String>,
) -> ApiResult<()> {
    workflow::record::<CaseFlow>(&**tx, case_id, Transition::by(actor, from, to, at, comment)).await
}

async fn store_evaluation(
    tx: &Tx,
    case_id: Uuid,
    stage: &str,
    actor: &Actor,
    at: DateTime<Utc>,
    evaluation: &Evaluation,
    inputs: serde_json::Value,
) -> ApiResult<()> {
    let codes = |c: Vec<&str>| serde_json::json!(c);
    case_evaluation::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case_id),
        stage: Set(stage.to_owned()),
        at: Set(at),
        actor_id: Set(Some(actor.user_id)),
        eligible: Set(evaluation.eligible),
        level: Set(evaluation.level),
        matched: Set(codes(evaluation.matched.iter().map(|c| c.code()).collect())),
        excluded: Set(codes(
            evaluation.excluded.iter().map(|e| e.code()).collect(),
        )),
        per_capita_income: Set(Money::rounded(evaluation.per_capita_income).unwrap_or_default()),
        poverty_line: Set(Money::rounded(evaluation.poverty_line).unwrap_or_default()),
        policy_version: Set(evaluation.policy_version.to_owned()),
        inputs: Set(inputs),
    }
    .insert(&**tx)
    .await?;
    Ok(())
}

async fn replace_causes(tx: &Tx, case_id: Uuid, causes: &[Cause]) -> ApiResult<()> {
    case_cause::Entity::delete_many()
        .filter(case_cause::Column::CaseId.eq(case_id))
        .exec(&**tx)
        .await?;
    let mut unique: Vec<Cause> = Vec::new();
    for c in causes {
        if !unique.contains(c) {
            unique.push(*c);
        }
    }
    if !unique.is_empty() {
        case_cause::Entity::insert_many(unique.into_iter().map(|cause| case_cause::ActiveModel {
            case_id: Set(case_id),
            cause: Set(cause),
        }))
        .exec(&**tx)
        .await?;
    }
    Ok(())
}

async fn replace_reliefs(tx: &Tx, case_id: Uuid, reliefs: &[Relief]) -> ApiResult<()> {
    case_relief::Entity::delete_many()
        .filter(case_relief::Column::CaseId.eq(case_id))
        .exec(&**tx)
        .await?;
    let mut unique: Vec<Relief> = Vec::new();
    for r in reliefs {
        if !unique.contains(r) {
            unique.push(*r);
        }
    }
    if !unique.is_empty() {
        case_relief::Entity::insert_many(unique.into_iter().map(|relief| {
            case_relief::ActiveModel {
                case_id: Set(case_id),
                relief: Set(relief),
            }
        }))
        .exec(&**tx)
        .await?;
    }
    Ok(())
}

/// The causes recorded for a case.
pub async fn causes_of(db: &impl ConnectionTrait, case_id: Uuid) -> ApiResult<Vec<Cause>> {
    Ok(case_cause::Entity::find()
        .filter(case_cause::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.cause)
        .collect())
}

fn check_five_clears(five: FiveClears) -> ApiResult<FiveClears> {
    Ok(FiveClears {
        family_situation: validate::text(
            "fiveClears.familySituation",
            five.family_situation,
            2000,
        )?,
        cause: validate::text("fiveClears.cause", five.cause, 2000)?,
        skills: validate::text("fiveClears.skills", five.skills, 2000)?,
        work_wish: validate::text("fiveClears.workWish", five.work_wish, 2000)?,
        state_of_mind: validate::text("fiveClears.stateOfMind", five.state_of_mind, 2000)?,
    })
}

/// Opens a case for a worker (建档申请), as a draft. One open or filed case per worker.
pub async fn create_case(
    state: &AppState,
    actor: &Actor,
    input: NewCase,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(CASEWORKERS)?;
    if input.causes.is_empty() {
        return Err(ApiError::bad_input(
            "causes",
            "give at least one cause of hardship (致困原因)",
        ));
    }
    let notes = validate::text("notes", input.notes, 4000)?;
    let plan = validate::text("assistancePlan", input.assistance_plan, 4000)?;
    let five_clears = check_five_clears(input.five_clears.unwrap_or_default())?;
    let cadre = validate::text("pairedCadreName", input.paired_cadre_name, 50)?;
    let cadre_position = validate::text("pairedCadrePosition", input.paired_cadre_position, 100)?;

    let mut tx = Tx::begin(state).await?;
    let worker = find_worker(&*tx, actor, input.worker_id)
        .await
        .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
    let open = hardship_case::Entity::find()
        .filter(hardship_case::Column::WorkerId.eq(worker.id))
        .filter(hardship_case::Column::Status.is_not_in(lifecycle::CLOSED))
        .one(&*tx)
        .await?;
    if let Some(open) = open {
        // Named with its status, so a forgotten draft can be found and withdrawn.
        return Err(ApiError::Conflict {
            message: format!(
                "the worker already has an open or filed case: {} ({})",
                global_id("Case", open.id).as_str(),
                open.status.to_value()
            ),
            reasons: vec!["CASE_ALREADY_OPEN"],
        });
    }
    let now = state.clock.now();
    let id = Uuid::now_v7();
    let case = hardship_case::ActiveModel {
        id: Set(id),
        worker_id: Set(worker.id),
        org_unit_id: Set(worker.org_unit_id),
        status: Set(CaseStatus::Draft),
        level: Set(None),
        five_clears: Set(five_clears),
        assistance_plan: Set(plan),
        notes: Set(notes),
        paired_cadre_name: Set(cadre),
        paired_cadre_position: Set(cadre_position),
        created_by: Set(actor.user_id),
        submitted_by: Set(None),
        submitted_at: Set(None),
        notice_start: Set(None),
        notice_end: Set(None),
        activated_on: Set(None),
        review_due_on: Set(None),
        exit_proposed: Set(false),
        exit_proposal_reasons: Set(Codes::default()),
        needs_reevaluation: Set(false),
        exit_reason: Set(None),
        exit_note: Set(None),
        exited_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await
    .map_err(|e| match ApiError::from(e) {
        // The unique index caught a concurrent filing of the same worker.
        ApiError::Conflict { .. } => ApiError::Conflict {
            message: "the worker already has an open or filed case".into(),
            reasons: vec!["CASE_ALREADY_OPEN"],
        },
        other => other,
    })?;
    replace_causes(&tx, id, &input.causes).await?;
    replace_reliefs(&tx, id, &input.relief_received).await?;
    transition(&tx, id, None, CaseStatus::Draft, actor, now, None).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("createCase", "Case", id, Some(case.org_unit_id)).after(&serde_json::json!({
            "case": case, "causes": input.causes, "reliefReceived": input.relief_received,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(case)
}

/// Changes what a caseworker records about a case. The causes drive the documents and
/// the evaluation, so they change only while the case is a draft.
pub async fn update_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: CaseChanges,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(CASEWORKERS)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    if lifecycle::is_closed(before.status) {
        return Err(ApiError::invalid_state(
            "a rejected, exited or withdrawn case cannot change",
        ));
    }
    let before_causes = causes_of(&*tx, id).await?;
    let before_reliefs: Vec<Relief> = case_relief::Entity::find()
        .filter(case_relief::Column::CaseId.eq(id))
        .all(&*tx)
        .await?
        .into_iter()
        .map(|r| r.relief)
        .collect();
    let mut active: hardship_case::ActiveModel = before.clone().into();
    if let Some(causes) = &changes.causes {
        if before.status != CaseStatus::Draft {
            return Err(ApiError::InvalidState {
                message: "causes change only while the case is a draft".into(),
                reasons: vec!["NOT_A_DRAFT"],
            });
        }
        if causes.is_empty() {
            return Err(ApiError::bad_input(
                "causes",
                "give at least one cause of hardship (致困原因)",
            ));
        }
        replace_causes(&tx, id, causes).await?;
    }
    if let Some(reliefs) = &changes.relief_received {
        replace_reliefs(&tx, id, reliefs).await?;
    }
    if changes.notes.is_some() {
        active.notes = Set(validate::text("notes", changes.notes, 4000)?);
    }
    if let Some(five) = changes.five_clears {
        active.five_clears = Set(check_five_clears(five)?);
    }
    if changes.assistance_plan.is_some() {
        active.assistance_plan = Set(validate::text(
            "assistancePlan",
            changes.assistance_plan,
            4000,
        )?);
    }
    if changes.paired_cadre_name.is_some() {
        active.paired_cadre_name = Set(validate::text(
            "pairedCadreName",
            changes.paired_cadre_name,
            50,
        )?);
    }
    if changes.paired_cadre_position.is_some() {
        active.paired_cadre_position = Set(validate::text(
            "pairedCadrePosition",
            changes.paired_cadre_position,
            100,
        )?);
    }
    let now = state.clock.now();
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("updateCase", "Case", id, Some(after.org_unit_id))
            .before(&serde_json::json!({
                "case": before, "causes": before_causes, "reliefReceived": before_reliefs,
            }))
            .after(&serde_json::json!({
                "case": after, "causes": changes.causes, "reliefReceived": changes.relief_received,
            })),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records a supporting document (证明材料) for a case.
pub async fn add_document(
    state: &AppState,
    actor: &Actor,
    case_id: Uuid,
    input: NewDocument,
) -> ApiResult<case_document::Model> {
    actor.require_any(CASEWORKERS)?;
    let today = state.clock.today();
    if input.issued_on.is_some_and(|d| d > today) {
        return Err(ApiError::bad_input("issuedOn", "is in the future"));
    }
    let issuer = validate::text("issuer", input.issuer, 100)?;
    let note = validate::text("note", input.note, 1000)?;
    let mut tx = Tx::begin(state).await?;
    let case = load_for_write(&tx, actor, case_id, today).await?;
    if lifecycle::is_closed(case.status) {
        return Err(ApiError::invalid_state(
            "a rejected, exited or withdrawn case cannot change",
        ));
    }
    let now = state.clock.now();
    let doc = case_document::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case_id),
        kind: Set(input.kind),
        issued_on: Set(input.issued_on),
        issuer: Set(issuer),
        qualified_issuer: Set(input.qualified_issuer),
        note: Set(note),
        recorded_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("addCaseDocument", "Case", case_id, Some(case.org_unit_id)).after(&doc),
    )
    .await?;
    tx.commit().await?;
    Ok(doc)
}

async fn documents_of(db: &impl ConnectionTrait, case_id: Uuid) -> ApiResult<Vec<DocumentFacts>> {
    Ok(case_document::Entity::find()
        .filter(case_document::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .map(|d| DocumentFacts {
            kind: d.kind,
            issued_on: d.issued_on,
            qualified_issuer: d.qualified_issuer,
        })
        .collect())
}

async fn worker_of(
    db: &impl ConnectionTrait,
    case: &hardship_case::Model,
) -> ApiResult<worker::Model> {
    worker::Entity::find_by_id(case.worker_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::internal("case without worker"))
}

/// Submits a draft to 综合部 (提交): the household must be eligible and the documents its
/// causes need present. The evaluation is stored with the case.
pub async fn submit_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(CASEWORKERS)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    review::check_submission(CaseFlow::SUBJECT, before.status)?;
    let worker = worker_of(&*tx, &before).await?;
    let assessment = assess(&*tx, &worker, today).await?;
    let reasons = assessment.evaluation.refusal_reasons();
    if !reasons.is_empty() {
        return Err(ApiError::InvalidState {
            message: "the household does not meet the filing criteria (建档标准)".into(),
            reasons,
        });
    }
    let causes = causes_of(&*tx, id).await?;
    let missing = lifecycle::missing_documents(&causes, &documents_of(&*tx, id).await?, today);
    if !missing.is_empty() {
        return Err(ApiError::InvalidState {
            message: "supporting documents (证明材料) are missing".into(),
            reasons: missing,
        });
    }
    let now = state.clock.now();
    store_evaluation(
        &tx,
        id,
        "SUBMISSION",
        actor,
        now,
        &assessment.evaluation,
        assessment.inputs,
    )
    .await?;
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.status = Set(CaseStatus::Submitted);
    active.level = Set(assessment.evaluation.level);
    active.submitted_by = Set(Some(actor.user_id));
    active.submitted_at = Set(Some(now));
    active.needs_reevaluation = Set(false);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    transition(
        &tx,
        id,
        Some(before.status),
        CaseStatus::Submitted,
        actor,
        now,
        None,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("submitCase", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Decides at the stage the case awaits (审核): initial review by a caseworker, group
/// review by a reviewer, approval by an approver. Approval starts the public notice.
pub async fn review_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    decision: ReviewDecision,
    comment: Option<String>,
) -> ApiResult<hardship_case::Model> {
    // Only reviewers of some stage get as far as the record; which stage is theirs is
    // known once it is loaded.
    actor.require_any(&review::DECIDERS)?;
    let comment = validate::text("comment", comment, 2000)?;
    review::check_comment(CaseFlow::SUBJECT, decision, comment.as_deref())?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    // The role check needs the stage, but a case outside the caller's scope or role
    // reveals nothing either way.
    let before = load_for_write(&tx, actor, id, today).await?;
    let stage =
        workflow::stage_for::<CaseFlow>(&*tx, actor, id, before.status, before.submitted_by)
            .await?;
    let worker = worker_of(&*tx, &before).await?;
    // Approving needs a current evaluation; rejecting or returning records one if it can.
    let assessment = match assess(&*tx, &worker, today).await {
        Ok(a) => Some(a),
        Err(e) if decision == ReviewDecision::Approve => return Err(e),
        Err(_) => None,
    };
    if decision == ReviewDecision::Approve {
        let reasons = assessment
            .as_ref()
            .map(|a| a.evaluation.refusal_reasons())
            .unwrap_or_default();
        if !reasons.is_empty() {
            return Err(ApiError::InvalidState {
                message: "the household no longer meets the filing criteria (建档标准)".into(),
                reasons,
            });
        }
    }
    let now = state.clock.now();
    if let Some(a) = &assessment {
        store_evaluation(
            &tx,
            id,
            stage.code(),
            actor,
            now,
            &a.evaluation,
            a.inputs.clone(),
        )
        .await?;
    }
    let decided = workflow::record_decision::<CaseFlow>(
        &*tx,
        actor,
        id,
        before.status,
        stage,
        decision,
        comment,
        now,
        today,
    )
    .await?;
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.status = Set(decided.status);
    active.level = Set(assessment
        .as_ref()
        .and_then(|a| a.evaluation.level)
        .or(before.level));
    active.needs_reevaluation = Set(false);
    active.updated_at = Set(now);
    if let Some(notice) = decided.notice {
        let activated_on = lifecycle::activation_date(notice.end);
        active.notice_start = Set(Some(notice.start));
        active.notice_end = Set(Some(notice.end));
        active.activated_on = Set(Some(activated_on));
        active.review_due_on = Set(Some(lifecycle::annual_review_due(activated_on)));
    }
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("reviewCase", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Lodges an objection (异议) during the public notice: the notice stops and the case goes
/// back to the leading group's review. Anyone signed in whose scope holds the case may.
pub async fn lodge_objection(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: String,
) -> ApiResult<hardship_case::Model> {
    actor.require_union_member()?;
    let reason = validate::name("reason", &reason, 2000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    let now = state.clock.now();
    let back = workflow::object::<CaseFlow>(&*tx, actor, id, before.status, &reason, now).await?;
    case_objection::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(id),
        reason: Set(reason.clone()),
        lodged_by: Set(actor.user_id),
        lodged_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.status = Set(back);
    active.notice_start = Set(None);
    active.notice_end = Set(None);
    active.activated_on = Set(None);
    active.review_due_on = Set(None);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("lodgeObjection", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Withdraws a draft case (撤回), one never submitted or returned for correction (退回):
/// its author or a caseworker of its unit may. The case stays, WITHDRAWN, with the step
/// in its history; it no longer counts as the worker's open case.
pub async fn withdraw_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: Option<String>,
) -> ApiResult<hardship_case::Model> {
    let reason = validate::text("reason", reason, 2000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    let now = state.clock.now();
    let status = workflow::withdraw::<CaseFlow>(
        &*tx,
        actor,
        id,
        before.created_by,
        before.status,
        reason,
        now,
    )
    .await?;
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.status = Set(status);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("withdrawCase", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records a visit to the family (走访).
pub async fn record_visit(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    visited_on: NaiveDate,
    visitor: String,
    notes: String,
) -> ApiResult<case_visit::Model> {
    actor.require_any(CASEWORKERS)?;
    let today = state.clock.today();
    if visited_on > today {
        return Err(ApiError::bad_input("visitedOn", "is in the future"));
    }
    let visitor = validate::name("visitor", &visitor, 50)?;
    let notes = validate::name("notes", &notes, 4000)?;
    let mut tx = Tx::begin(state).await?;
    let case = load_for_write(&tx, actor, id, today).await?;
    if lifecycle::is_closed(case.status) {
        return Err(ApiError::invalid_state(
            "a rejected, exited or withdrawn case cannot change",
        ));
    }
    let now = state.clock.now();
    let visit = case_visit::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(id),
        visited_on: Set(visited_on),
        visitor: Set(visitor),
        notes: Set(notes),
        recorded_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("recordVisit", "Case", id, Some(case.org_unit_id)).after(&visit),
    )
    .await?;
    tx.commit().await?;
    Ok(visit)
}

/// Evaluates a filed case again after circumstances changed (动态管理), which also counts
/// as its annual review (年审). No longer eligible: the case is proposed for exit, with
/// the reasons.
pub async fn reevaluate_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(CASEWORKERS)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    if before.status != CaseStatus::Active {
        return Err(ApiError::invalid_state(
            "only a filed (ACTIVE) case is re-evaluated",
        ));
    }
    let worker = worker_of(&*tx, &before).await?;
    let assessment = assess(&*tx, &worker, today).await?;
    let now = state.clock.now();
    store_evaluation(
        &tx,
        id,
        "REEVALUATION",
        actor,
        now,
        &assessment.evaluation,
        assessment.inputs,
    )
    .await?;
    let reasons = assessment.evaluation.refusal_reasons();
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.needs_reevaluation = Set(false);
    if reasons.is_empty() {
        active.level = Set(assessment.evaluation.level);
        active.exit_proposed = Set(false);
        active.exit_proposal_reasons = Set(Codes::default());
        active.review_due_on = Set(Some(lifecycle::annual_review_due(today)));
    } else {
        active.exit_proposed = Set(true);
        active.exit_proposal_reasons =
            Set(Codes(reasons.iter().map(|r| (*r).to_owned()).collect()));
    }
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("reevaluateCase", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Takes a filed case off the registry (脱困撤档) with a coded reason; the worker can be
/// filed again later.
pub async fn exit_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: ExitReason,
    note: Option<String>,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(CASEWORKERS)?;
    let note = validate::text("note", note, 2000)?;
    if reason == ExitReason::Other && note.is_none() {
        return Err(ApiError::bad_input(
            "note",
            "describe the reason when it is OTHER",
        ));
    }
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = load_for_write(&tx, actor, id, today).await?;
    if before.status != CaseStatus::Active {
        return Err(ApiError::invalid_state(
            "only a filed (ACTIVE) case can exit",
        ));
    }
    let now = state.clock.now();
    let mut active: hardship_case::ActiveModel = before.clone().into();
    active.status = Set(CaseStatus::Exited);
    active.exit_reason = Set(Some(reason));
    active.exit_note = Set(note.clone());
    active.exited_at = Set(Some(now));
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    transition(
        &tx,
        id,
        Some(before.status),
        CaseStatus::Exited,
        actor,
        now,
        note,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("exitCase", "Case", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// One case in the caller's scope (readers).
pub async fn get_case(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<hardship_case::Model> {
    actor.require_any(READERS)?;
    find_case(&state.db, actor, id, false).await
}

/// Cases of the caller's subtree matching `filter`, oldest first (困难档案列表).
pub async fn list_cases(
    state: &AppState,
    actor: &Actor,
    filter: CaseFilter,
    page: &PageArgs,
) -> ApiResult<Page<hardship_case::Model>> {
    let select = cases_matching(state, actor, filter).await?;
    paginate_at(state, select, hardship_case::Column::Id, page).await
}

/// A case of a list with the rows a list screen shows beside it, read in the case's own
/// statement.
pub struct CaseRow {
    pub case: hardship_case::Model,
    pub related: CaseRelated,
}

/// A case's org unit, its worker and the worker's household.
pub struct CaseRelated {
    pub org_unit: Option<org_unit::Model>,
    pub worker: Option<worker::Model>,
    pub household: Option<household::Model>,
}

/// `list_cases` with each case's org unit, worker and household joined in: one statement
/// for the page instead of one per relation, for screens that show them.
pub async fn list_cases_with_workers(
    state: &AppState,
    actor: &Actor,
    filter: CaseFilter,
    page: &PageArgs,
) -> ApiResult<Page<CaseRow>> {
    let select = cases_matching(state, actor, filter).await?;
    let total_count = total_count(state, &select, page).await?;
    let joined = select
        .find_also_related(org_unit::Entity)
        .find_also(hardship_case::Entity, worker::Entity)
        .find_also(worker::Entity, household::Entity);
    paginate_query(joined, hardship_case::Column::Id, page, total_count, |q| {
        all_at(&state.db, q)
    })
    .await
}

/// Where each model's columns start in a row of `list_cases_with_workers`: the case's,
/// then its unit's, its worker's and the worker's household's, as the joins select them.
const UNIT_AT: usize = hardship_case::Model::COLUMNS;
const WORKER_AT: usize = UNIT_AT + org_unit::Model::COLUMNS;
const HOUSEHOLD_AT: usize = WORKER_AT + worker::Model::COLUMNS;

impl RowAt for CaseRow {
    fn check(row: &QueryResult) -> Result<(), DbErr> {
        entity::row_at::check_width(row, HOUSEHOLD_AT + household::Model::COLUMNS)?;
        hardship_case::Model::check_at(row, 0)?;
        org_unit::Model::check_at(row, UNIT_AT)?;
        worker::Model::check_at(row, WORKER_AT)?;
        household::Model::check_at(row, HOUSEHOLD_AT)
    }

    fn read(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(CaseRow {
            case: hardship_case::Model::from_row_at(row, 0)?,
            related: CaseRelated {
                org_unit: org_unit::Model::optional_at(row, UNIT_AT)?,
                worker: worker::Model::optional_at(row, WORKER_AT)?,
                household: household::Model::optional_at(row, HOUSEHOLD_AT)?,
            },
        })
    }
}

/// The caller's cases matching `filter`.
async fn cases_matching(
    state: &AppState,
    actor: &Actor,
    filter: CaseFilter,
) -> ApiResult<Select<hardship_case::Entity>> {
    actor.require_any(READERS)?;
    let today = state.clock.today();
    let mut select = hardship_case::Entity::find().filter(scope::org_unit_column(
        hardship_case::Column::OrgUnitId,
        actor,
    ));
    if let Some(org) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, org).await?;
        select = select.filter(scope::subtree_column(
            hardship_case::Column::OrgUnitId,
            &unit.path,
        ));
    }
    if let Some(status) = filter.status {
        select = select.filter(status_is(status, today));
    }
    if let Some(worker) = filter.worker_id {
        select = select.filter(hardship_case::Column::WorkerId.eq(worker));
    }
    if let Some(p) = filter.exit_proposed {
        select = select.filter(hardship_case::Column::ExitProposed.eq(p));
    }
    if let Some(n) = filter.needs_reevaluation {
        select = select.filter(hardship_case::Column::NeedsReevaluation.eq(n));
    }
    Ok(select)
}

/// Filed cases of an org subtree whose annual review (年审) is due within `within_days`
/// (0: due today or overdue).
pub async fn due_for_review(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    within_days: u32,
    page: &PageArgs,
) -> ApiResult<Page<hardship_case::Model>> {
    actor.require_any(READERS)?;
    let unit = find_in_scope(&state.db, actor, org_unit_id).await?;
    let today = state.clock.today();
    let limit = today + chrono::Duration::days(i64::from(within_days.min(366)));
    let select = hardship_case::Entity::find()
        .filter(scope::subtree_column(
            hardship_case::Column::OrgUnitId,
            &unit.path,
        ))
        .filter(status_is(CaseStatus::Active, today))
        .filter(hardship_case::Column::ReviewDueOn.lte(limit));
    paginate_at(state, select, hardship_case::Column::Id, page).await
}

/// A case on the public notice board, with what may be shown to anyone.
pub struct NoticeEntry {
    pub case: hardship_case::Model,
    pub worker_name: String,
    pub org_unit_name: String,
}

/// Cases publicly posted now in an org subtree (公示), for the notice board: no login.
pub async fn public_notices(
    state: &AppState,
    org_unit_id: Uuid,
    page: &PageArgs,
) -> ApiResult<Page<NoticeEntry>> {
    let unit = org_unit::Entity::find_by_id(org_unit_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("OrgUnit"))?;
    let today = state.clock.today();
    let select = hardship_case::Entity::find()
        .filter(scope::subtree_column(
            hardship_case::Column::OrgUnitId,
            &unit.path,
        ))
        .filter(status_is(CaseStatus::InNotice, today))
        .filter(hardship_case::Column::NoticeStart.lte(today));
    let page = paginate_at(state, select, hardship_case::Column::Id, page).await?;
    let workers = worker::Entity::find()
        .filter(worker::Column::Id.is_in(page.items.iter().map(|c| c.worker_id)))
        .all(&state.db)
        .await?;
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(page.items.iter().map(|c| c.org_unit_id)))
        .all(&state.db)
        .await?;
    Ok(page.map(|case| NoticeEntry {
        worker_name: workers
            .iter()
            .find(|w| w.id == case.worker_id)
            .map(|w| w.name.clone())
            .unwrap_or_default(),
        org_unit_name: units
            .iter()
            .find(|u| u.id == case.org_unit_id)
            .map(|u| u.name.clone())
            .unwrap_or_default(),
        case,
    }))
}

/// Records every notice that ended without objection (the background sweep). Safe to run
/// on every replica at once: each case's step is recorded by exactly one of them.
pub async fn settle_ended_notices(state: &AppState) -> ApiResult<usize> {
    let today = state.clock.today();
    let due = hardship_case::Entity::find()
        .filter(hardship_case::Column::Status.eq(CaseStatus::InNotice))
        .filter(hardship_case::Column::NoticeEnd.lt(today))
        .limit(500)
        .all(&state.db)
        .await?;
    let mut settled = 0;
    for case in due {
        let tx = Tx::begin(state).await?;
        let after = settle(&*tx, case, today).await?;
        tx.commit().await?;
        if after.status == CaseStatus::Active {
            settled += 1;
        }
    }
    Ok(settled)
}
