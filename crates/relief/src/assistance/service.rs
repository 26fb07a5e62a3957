//! Subsidy standards and assistance applications: 「职工本人向综合部提出申请；综合部初核，审核
//! 汇总…报领导小组；领导小组复核后，企业进行公示；企业公示完毕，由财务部于每年春节和中秋节下拨」.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{
    ApplicationStatus, CaseStatus, Health, Money, ReviewDecision, Role, SubsidyItem, app_setting,
    application_transition, assistance_application, hardship_case, household, household_member,
    subsidy_standard,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TryInsertResult,
};
use uuid::Uuid;

use super::rules::{self, Prior, Standard};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::graphql::node::global_id;
use crate::pagination::{Page, PageArgs, paginate};
use crate::registry::lifecycle;
use crate::validate;
use crate::workflow::rules::{self as review, Subject};
use crate::workflow::service::{self as workflow, Flow, Tracked, Transition};

/// The comment of the step that makes an application payable when its notice passes.
const NOTICE_PASSED: &str = "公示期满无异议，待发放";

/// An application's part in the review workflow (审核流程): its statuses, its row and its
/// history.
pub struct ApplicationFlow;

impl Tracked for ApplicationFlow {
    type Status = ApplicationStatus;
    type History = application_transition::Entity;
    const HISTORY_ITEM: application_transition::Column =
        application_transition::Column::ApplicationId;
    const HISTORY_ID: application_transition::Column = application_transition::Column::Id;
    fn history_row(
        application_id: Uuid,
        step: Transition<ApplicationStatus>,
    ) -> application_transition::ActiveModel {
        application_transition::ActiveModel {
            id: Set(Uuid::now_v7()),
            application_id: Set(application_id),
            from_status: Set(step.from),
            to_status: Set(step.to),
            actor_id: Set(step.actor_id),
            actor_username: Set(step.actor_username),
            at: Set(step.at),
            comment: Set(step.comment),
        }
    }
    fn moved(
        row: &application_transition::Model,
    ) -> (Option<ApplicationStatus>, ApplicationStatus, Option<Uuid>) {
        (row.from_status, row.to_status, row.actor_id)
    }
}

impl Flow for ApplicationFlow {
    type Item = assistance_application::Entity;
    const SUBJECT: Subject = Subject {
        noun: "application",
        a_noun: "an application",
    };
    const ITEM_ID: assistance_application::Column = assistance_application::Column::Id;
    const ITEM_STATUS: assistance_application::Column = assistance_application::Column::Status;
    const ITEM_UPDATED_AT: assistance_application::Column =
        assistance_application::Column::UpdatedAt;
}

/// Who may read applications: those who file, review, approve and pay them, and auditors.
const READERS: &[Role] = &[
    Role::Caseworker,
    Role::Reviewer,
    Role::Approver,
    Role::Finance,
    Role::Auditor,
];

fn standard_of(m: &subsidy_standard::Model) -> Standard {
    Standard {
        item: m.item,
        amount: m.amount,
        cap: m.cap,
        times_per_year: m.times_per_year,
        once_only: m.once_only,
        requires_minimum_allowance: m.requires_minimum_allowance,
    }
}

/// Once per database, the four items of the seed, in force since 2014-01-01. A marker
/// row claimed in the same transaction keeps replicas starting together from seeding
/// twice.
pub async fn seed_standards(db: &DatabaseConnection) -> ApiResult<()> {
    let txn = crate::db::begin_write(db).await?;
    let claimed = app_setting::Entity::insert(app_setting::ActiveModel {
        key: Set("subsidy_standards_seeded".into()),
        value: Set("1".into()),
    })
    .on_conflict_do_nothing_on([app_setting::Column::Key])
    .exec(&txn)
    .await?;
    if matches!(claimed, TryInsertResult::Conflicted) {
        return Ok(());
    }
    let now = Utc::now();
    let rows = rules::seed_standards()
        .into_iter()
        .map(|(name, s)| subsidy_standard::ActiveModel {
            id: Set(Uuid::now_v7()),
            item: Set(s.item),
            name: Set(name.to_owned()),
            amount: Set(s.amount),
            cap: Set(s.cap),
            times_per_year: Set(s.times_per_year),
            once_only: Set(s.once_only),
            requires_minimum_allowance: Set(s.requires_minimum_allowance),
            effective_from: Set(rules::seed_effective_from()),
            effective_to: Set(None),
            created_at: Set(now),
        });
    subsidy_standard::Entity::insert_many(rows)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

fn in_force_on(day: NaiveDate) -> Condition {
    Condition::all()
        .add(subsidy_standard::Column::EffectiveFrom.lte(day))
        .add(
            Condition::any()
                .add(subsidy_standard::Column::EffectiveTo.is_null())
                .add(subsidy_standard::Column::EffectiveTo.gte(day)),
        )
}

/// The standard of `item` in force on `day`.
pub async fn standard_on(
    db: &impl ConnectionTrait,
    item: SubsidyItem,
    day: NaiveDate,
) -> ApiResult<subsidy_standard::Model> {
    subsidy_standard::Entity::find()
        .filter(subsidy_standard::Column::Item.eq(item))
        .filter(in_force_on(day))
        .order_by_desc(subsidy_standard::Column::EffectiveFrom)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::InvalidState {
            message: format!("no subsidy standard for {item:?} is in force on {day}"),
            reasons: vec!["STANDARD_MISSING"],
        })
}

/// Standards in force on `day` (any signed-in caller).
pub async fn standards_on(
    state: &AppState,
    day: NaiveDate,
) -> ApiResult<Vec<subsidy_standard::Model>> {
    Ok(subsidy_standard::Entity::find()
        .filter(in_force_on(day))
        .order_by_asc(subsidy_standard::Column::Item)
        .all(&state.db)
        .await?)
}

/// Input of `setSubsidyStandard`.
pub struct NewStandard {
    pub item: SubsidyItem,
    pub name: String,
    pub amount: Option<Money>,
    pub cap: Option<Money>,
    pub times_per_year: Option<i32>,
    pub once_only: bool,
    pub requires_minimum_allowance: bool,
    pub effective_from: NaiveDate,
}

/// A new version of an item's standard from a date (ADMIN); the version in force until
/// then ends the day before.
pub async fn set_standard(
    state: &AppState,
    actor: &Actor,
    input: NewStandard,
) -> ApiResult<subsidy_standard::Model> {
    actor.require_policy_admin()?;
    let name = validate::name("name", &input.name, 100)?;
    match (input.amount, input.cap) {
        (Some(a), None) if a > Money::ZERO => {}
        (None, Some(c)) if c > Money::ZERO => {}
        _ => {
            return Err(ApiError::bad_input(
                "amount",
                "give either a fixed amount per time or a cap for a discretionary item, more than zero",
            ));
        }
    }
    if input.times_per_year.is_some_and(|t| t < 1) {
        return Err(ApiError::bad_input("timesPerYear", "at least once a year"));
    }
    let mut tx = Tx::begin(state).await?;
    let current = subsidy_standard::Entity::find()
        .filter(subsidy_standard::Column::Item.eq(input.item))
        .filter(subsidy_standard::Column::EffectiveTo.is_null())
        .one(&*tx)
        .await?;
    if let Some(current) = &current {
        if current.effective_from >= input.effective_from {
            return Err(ApiError::bad_input(
                "effectiveFrom",
                format!(
                    "must be after {} when the current version took effect",
                    current.effective_from
                ),
            ));
        }
        let mut closing: subsidy_standard::ActiveModel = current.clone().into();
        closing.effective_to = Set(Some(input.effective_from - Duration::days(1)));
        closing.update(&*tx).await?;
    }
    let now = state.clock.now();
    let created = subsidy_standard::ActiveModel {
        id: Set(Uuid::now_v7()),
        item: Set(input.item),
        name: Set(name),
        amount: Set(input.amount),
        cap: Set(input.cap),
        times_per_year: Set(input.times_per_year),
        once_only: Set(input.once_only),
        requires_minimum_allowance: Set(input.requires_minimum_allowance),
        effective_from: Set(input.effective_from),
        effective_to: Set(None),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("setSubsidyStandard", "SubsidyStandard", created.id, None)
            .before(&current)
            .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// An application in the caller's subtree, or NOT_FOUND.
pub async fn find_application(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<assistance_application::Model> {
    let mut query = assistance_application::Entity::find_by_id(id).filter(scope::org_unit_column(
        assistance_application::Column::OrgUnitId,
        actor,
    ));
    if lock {
        query = query.lock_exclusive();
    }
    query
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Application"))
}

/// Checks a request against the standard and the household's other applications; the
/// case row is locked by the caller so two requests of one household queue.
async fn check_request(
    db: &impl ConnectionTrait,
    case: &hardship_case::Model,
    standard: &subsidy_standard::Model,
    amount: Money,
    year: i32,
    except: Option<Uuid>,
) -> ApiResult<()> {
    if amount <= Money::ZERO {
        return Err(ApiError::bad_input("amount", "must be more than zero"));
    }
    let household = household::Entity::find_by_id(case.worker_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::InvalidState {
            message: "the worker's household is not recorded".into(),
            reasons: vec!["HOUSEHOLD_MISSING"],
        })?;
    let terminally_ill = household_member::Entity::find()
        .filter(household_member::Column::WorkerId.eq(case.worker_id))
        .filter(household_member::Column::Health.eq(Health::TerminalIllness))
        .count(db)
        .await?
        > 0;
    let mut prior_query = assistance_application::Entity::find()
        .filter(assistance_application::Column::WorkerId.eq(case.worker_id));
    if let Some(id) = except {
        prior_query = prior_query.filter(assistance_application::Column::Id.ne(id));
    }
    let prior: Vec<Prior> = prior_query
        .all(db)
        .await?
        .into_iter()
        .map(|a| Prior {
            id: a.id,
            item: a.item,
            year: a.year,
            status: a.status,
        })
        .collect();
    let mut reasons = Vec::new();
    let mut explained = Vec::new();
    if !rules::condition_met(
        standard.item,
        household.ill_count > 0,
        terminally_ill,
        household.disaster_loss,
    ) {
        reasons.push("ITEM_CONDITION_NOT_MET");
        explained.push("ITEM_CONDITION_NOT_MET".to_owned());
    }
    for refusal in rules::refusals(
        &standard_of(standard),
        amount,
        household.receives_minimum_allowance,
        &prior,
        year,
    ) {
        reasons.push(refusal.code);
        explained.push(refusal.describe(|id| global_id("Application", id).to_string()));
    }
    if reasons.is_empty() {
        Ok(())
    } else {
        Err(ApiError::InvalidState {
            message: format!(
                "the request does not meet the subsidy standards (救助标准): {}",
                explained.join("; ")
            ),
            reasons,
        })
    }
}

async fn step(
    tx: &Tx,
    application_id: Uuid,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    actor: &Actor,
    at: DateTime<Utc>,
    comment: Option<String>,
) -> ApiResult<()> {
    let step = Transition::by(actor, from, to, at, comment);
    workflow::record::<ApplicationFlow>(&**tx, application_id, step).await
}

fn case_not_active() -> ApiError {
    ApiError::InvalidState {
        message: "assistance is for filed (ACTIVE) cases".into(),
        reasons: vec!["CASE_NOT_ACTIVE"],
    }
}

/// Applies for assistance for a filed case (救助申请). CASEWORKER.
pub async fn create_application(
    state: &AppState,
    actor: &Actor,
    case_id: Uuid,
    item: SubsidyItem,
    amount: Money,
    reason: String,
) -> ApiResult<assistance_application::Model> {
    actor.require_any(&[Role::Caseworker])?;
    let reason = validate::name("reason", &reason, 2000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let case = crate::registry::cases::find_case(&*tx, actor, case_id, true)
        .await
        .or_refused(|| ApiError::bad_input("caseId", "no such case in your scope"))?;
    if lifecycle::effective_status(case.status, case.notice_end, today) != CaseStatus::Active {
        return Err(case_not_active());
    }
    let standard = standard_on(&*tx, item, today).await?;
    check_request(&*tx, &case, &standard, amount, today.year(), None).await?;
    let now = state.clock.now();
    let created = assistance_application::ActiveModel {
        id: Set(Uuid::now_v7()),
        case_id: Set(case.id),
        worker_id: Set(case.worker_id),
        org_unit_id: Set(case.org_unit_id),
        item: Set(item),
        standard_id: Set(standard.id),
        year: Set(today.year()),
        requested_amount: Set(amount),
        approved_amount: Set(None),
        reason: Set(reason),
        status: Set(ApplicationStatus::Draft),
        created_by: Set(actor.user_id),
        submitted_by: Set(None),
        submitted_at: Set(None),
        notice_start: Set(None),
        notice_end: Set(None),
        paid_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    step(
        &tx,
        created.id,
        None,
        ApplicationStatus::Draft,
        actor,
        now,
        None,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createApplication",
            "Application",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

async fn lock_case_of(
    tx: &Tx,
    application: &assistance_application::Model,
) -> ApiResult<hardship_case::Model> {
    hardship_case::Entity::find_by_id(application.case_id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or_else(|| ApiError::internal("application without case"))
}

async fn standard_by_id(db: &impl ConnectionTrait, id: Uuid) -> ApiResult<subsidy_standard::Model> {
    subsidy_standard::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::internal("application without standard"))
}

/// Submits a draft application to 综合部 (提交). CASEWORKER.
pub async fn submit_application(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<assistance_application::Model> {
    actor.require_any(&[Role::Caseworker])?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_application(&*tx, actor, id, true).await?;
    review::check_submission(ApplicationFlow::SUBJECT, before.status)?;
    let case = lock_case_of(&tx, &before).await?;
    if lifecycle::effective_status(case.status, case.notice_end, today) != CaseStatus::Active {
        return Err(case_not_active());
    }
    let standard = standard_by_id(&*tx, before.standard_id).await?;
    check_request(
        &*tx,
        &case,
        &standard,
        before.requested_amount,
        before.year,
        Some(id),
    )
    .await?;
    let now = state.clock.now();
    let mut active: assistance_application::ActiveModel = before.clone().into();
    active.status = Set(ApplicationStatus::Submitted);
    active.submitted_by = Set(Some(actor.user_id));
    active.submitted_at = Set(Some(now));
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    step(
        &tx,
        id,
        Some(before.status),
        ApplicationStatus::Submitted,
        actor,
        now,
        None,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "submitApplication",
            "Application",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Withdraws a draft application (撤回), one never submitted or returned for correction
/// (退回): its author or a caseworker of its unit may. It stays, WITHDRAWN, with the step
/// in its history, and counts toward none of the standards' limits.
pub async fn withdraw_application(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: Option<String>,
) -> ApiResult<assistance_application::Model> {
    let reason = validate::text("reason", reason, 2000)?;
    let mut tx = Tx::begin(state).await?;
    let before = find_application(&*tx, actor, id, true).await?;
    let now = state.clock.now();
    let status = workflow::withdraw::<ApplicationFlow>(
        &*tx,
        actor,
        id,
        before.created_by,
        before.status,
        reason,
        now,
    )
    .await?;
    let mut active: assistance_application::ActiveModel = before.clone().into();
    active.status = Set(status);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "withdrawApplication",
            "Application",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Decides at the stage the application awaits, as for cases; the reviewers may set the
/// amount (within the standard); approval starts the public notice.
pub async fn review_application(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    decision: ReviewDecision,
    comment: Option<String>,
    approved_amount: Option<Money>,
) -> ApiResult<assistance_application::Model> {
    // Only reviewers of some stage get as far as the record; which stage is theirs is
    // known once it is loaded.
    actor.require_any(&review::DECIDERS)?;
    let comment = validate::text("comment", comment, 2000)?;
    review::check_comment(ApplicationFlow::SUBJECT, decision, comment.as_deref())?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_application(&*tx, actor, id, true).await?;
    let stage =
        workflow::stage_for::<ApplicationFlow>(&*tx, actor, id, before.status, before.submitted_by)
            .await?;
    let amount = approved_amount
        .or(before.approved_amount)
        .unwrap_or(before.requested_amount);
    if decision == ReviewDecision::Approve {
        let case = lock_case_of(&tx, &before).await?;
        if lifecycle::effective_status(case.status, case.notice_end, today) != CaseStatus::Active {
            return Err(case_not_active());
        }
        let standard = standard_by_id(&*tx, before.standard_id).await?;
        check_request(&*tx, &case, &standard, amount, before.year, Some(id)).await?;
    }
    let now = state.clock.now();
    let decided = workflow::record_decision::<ApplicationFlow>(
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
    let mut active: assistance_application::ActiveModel = before.clone().into();
    active.status = Set(decided.status);
    if approved_amount.is_some() {
        active.approved_amount = Set(approved_amount);
    }
    active.updated_at = Set(now);
    if let Some(notice) = decided.notice {
        active.approved_amount = Set(Some(amount));
        active.notice_start = Set(Some(notice.start));
        active.notice_end = Set(Some(notice.end));
    }
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "reviewApplication",
            "Application",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// An objection during the application's notice sends it back to the leading group.
pub async fn lodge_objection(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    reason: String,
) -> ApiResult<assistance_application::Model> {
    actor.require_union_member()?;
    let reason = validate::name("reason", &reason, 2000)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_application(&*tx, actor, id, true).await?;
    let status = rules::effective_status(before.status, before.notice_end, today);
    let now = state.clock.now();
    let back = workflow::object::<ApplicationFlow>(&*tx, actor, id, status, &reason, now).await?;
    let mut active: assistance_application::ActiveModel = before.clone().into();
    active.status = Set(back);
    active.notice_start = Set(None);
    active.notice_end = Set(None);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "lodgeApplicationObjection",
            "Application",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records applications whose notice ended as payable (the sweep; and batching, first).
/// Idempotent: the guarded update lets one writer record each step.
pub async fn settle_ended_notices(db: &impl ConnectionTrait, today: NaiveDate) -> ApiResult<u64> {
    let due = assistance_application::Entity::find()
        .filter(assistance_application::Column::Status.eq(ApplicationStatus::InNotice))
        .filter(assistance_application::Column::NoticeEnd.lt(today))
        .order_by_asc(assistance_application::Column::Id)
        .limit(1000)
        .all(db)
        .await?;
    let mut settled = 0;
    for app in due {
        let Some(end) = app.notice_end else { continue };
        let at = crate::clock::start_of_day(review::notice_passed_on(end));
        if workflow::settle_notice::<ApplicationFlow>(db, app.id, at, NOTICE_PASSED.to_owned())
            .await?
        {
            settled += 1;
        }
    }
    Ok(settled)
}

/// One application in the caller's scope (readers).
pub async fn get_application(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<assistance_application::Model> {
    actor.require_any(READERS)?;
    find_application(&state.db, actor, id, false).await
}

/// Filter of `applications`.
#[derive(Default)]
pub struct ApplicationFilter {
    pub case_id: Option<Uuid>,
    pub status: Option<ApplicationStatus>,
    pub year: Option<i32>,
    pub item: Option<SubsidyItem>,
}

/// SQL for an application's status as readers see it on `today`.
pub fn status_is(status: ApplicationStatus, today: NaiveDate) -> Condition {
    let stored = assistance_application::Column::Status;
    let end = assistance_application::Column::NoticeEnd;
    match status {
        ApplicationStatus::Payable => Condition::any()
            .add(stored.eq(ApplicationStatus::Payable))
            .add(
                Condition::all()
                    .add(stored.eq(ApplicationStatus::InNotice))
                    .add(end.lt(today)),
            ),
        ApplicationStatus::InNotice => Condition::all()
            .add(stored.eq(ApplicationStatus::InNotice))
            .add(end.gte(today)),
        other => Condition::all().add(stored.eq(other)),
    }
}

pub async fn list_applications(
    state: &AppState,
    actor: &Actor,
    filter: ApplicationFilter,
    page: &PageArgs,
) -> ApiResult<Page<assistance_application::Model>> {
    actor.require_any(READERS)?;
    let today = state.clock.today();
    let mut select = assistance_application::Entity::find().filter(scope::org_unit_column(
        assistance_application::Column::OrgUnitId,
        actor,
    ));
    if let Some(case) = filter.case_id {
        select = select.filter(assistance_application::Column::CaseId.eq(case));
    }
    if let Some(status) = filter.status {
        select = select.filter(status_is(status, today));
    }
    if let Some(year) = filter.year {
        select = select.filter(assistance_application::Column::Year.eq(year));
    }
    if let Some(item) = filter.item {
        select = select.filter(assistance_application::Column::Item.eq(item));
    }
    paginate(state, select, assistance_application::Column::Id, page).await
}
