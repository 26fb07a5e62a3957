//! Workers, households and poverty lines, and evaluating a household against the
//! eligibility rules.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use entity::{
    CaseStatus, Education, EmploymentStatus, EmploymentType, Health, Kinship, Money, Occupation,
    Role, Schooling, hardship_case, household, household_member, org_unit, poverty_line, worker,
};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QueryOrder,
};
use serde::Serialize;
use uuid::Uuid;

use super::household::{self as summary, Summary};
use super::lifecycle;
use super::rules::{self, Evaluation, HouseholdFacts, MemberFacts};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::auth::scope::{self, find_worker};
use crate::db::{Tx, batch};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::id_number::IdNumber;
use crate::org::rules::region_fallbacks;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::search;
use crate::validate;

/// Who may read workers, households and cases.
pub const READERS: &[Role] = &[
    Role::Caseworker,
    Role::Reviewer,
    Role::Approver,
    Role::Auditor,
    Role::Admin,
    Role::Finance,
    Role::AgencyStaff,
];

/// Who files workers and households.
pub const WRITERS: &[Role] = &[Role::Caseworker];

/// Input of `createWorker`.
pub struct NewWorker {
    pub name: String,
    pub id_number: String,
    pub phone: Option<String>,
    pub org_unit_id: Uuid,
    pub employment_type: EmploymentType,
    pub employment_status: EmploymentStatus,
    pub education: Education,
    pub occupation: Occupation,
    pub union_member: bool,
    pub fund_contributor: bool,
}

/// Input of `updateWorker`: only the fields given change.
#[derive(Default)]
pub struct WorkerChanges {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub org_unit_id: Option<Uuid>,
    pub employment_type: Option<EmploymentType>,
    pub employment_status: Option<EmploymentStatus>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub union_member: Option<bool>,
    pub fund_contributor: Option<bool>,
}

/// Filter of `workers`.
#[derive(Default)]
pub struct WorkerFilter {
    pub org_unit_id: Option<Uuid>,
    /// Part of the name, or the start of the ID number.
    pub search: Option<String>,
    pub employment_type: Option<EmploymentType>,
    pub employment_status: Option<EmploymentStatus>,
}

/// One household member as entered.
pub struct MemberInput {
    pub name: Option<String>,
    pub kinship: Kinship,
    pub birth_date: Option<NaiveDate>,
    pub monthly_income: Money,
    pub health: Health,
    pub disabled: bool,
    pub schooling: Schooling,
}

/// Input of `setHousehold`: the household as it is now, replacing what was recorded.
pub struct HouseholdInput {
    pub members: Vec<MemberInput>,
    pub receives_minimum_allowance: bool,
    pub homes_owned: i32,
    pub owns_business: bool,
    pub uses_vehicles: bool,
    pub single_parent: bool,
    pub widowed: bool,
    pub lives_alone: bool,
    pub disaster_loss: bool,
    pub other_special_cause: Option<String>,
}

fn parse_id_number(field: &str, raw: &str, today: NaiveDate) -> ApiResult<IdNumber> {
    let id = IdNumber::parse(raw).map_err(|e| ApiError::bad_input(field, e.to_string()))?;
    if id.birth_date() > today {
        return Err(ApiError::bad_input(
            field,
            "the birth date in the ID number is in the future",
        ));
    }
    Ok(id)
}

async fn ensure_id_number_free(
    db: &impl ConnectionTrait,
    id_number: &str,
    except: Option<Uuid>,
) -> ApiResult<()> {
    let mut query = worker::Entity::find().filter(worker::Column::IdNumber.eq(id_number));
    if let Some(id) = except {
        query = query.filter(worker::Column::Id.ne(id));
    }
    if query.one(db).await?.is_some() {
        return Err(ApiError::Conflict {
            message: "a worker with this ID number is already filed".into(),
            reasons: vec!["ID_NUMBER_TAKEN"],
        });
    }
    Ok(())
}

async fn org_in_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<org_unit::Model> {
    find_in_scope(db, actor, id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))
}

pub async fn create_worker(
    state: &AppState,
    actor: &Actor,
    input: NewWorker,
) -> ApiResult<worker::Model> {
    actor.require_any(WRITERS)?;
    let today = state.clock.today();
    let name = validate::name("name", &input.name, 50)?;
    let id_number = parse_id_number("idNumber", &input.id_number, today)?;
    let phone = validate::phone("phone", input.phone)?;
    let mut tx = Tx::begin(state).await?;
    org_in_scope(&*tx, actor, input.org_unit_id).await?;
    ensure_id_number_free(&*tx, id_number.as_str(), None).await?;
    let now = state.clock.now();
    let created = worker::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(input.org_unit_id),
        name: Set(name),
        id_number: Set(id_number.as_str().to_owned()),
        gender: Set(id_number.gender()),
        birth_date: Set(id_number.birth_date()),
        phone: Set(phone),
        employment_type: Set(input.employment_type),
        employment_status: Set(input.employment_status),
        education: Set(input.education),
        occupation: Set(input.occupation),
        union_member: Set(input.union_member),
        fund_contributor: Set(input.fund_contributor),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createWorker",
            "Worker",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn update_worker(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: WorkerChanges,
) -> ApiResult<worker::Model> {
    actor.require_any(WRITERS)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_worker(&*tx, actor, id).await?;
    let mut active: worker::ActiveModel = before.clone().into();
    if let Some(name) = changes.name {
        active.name = Set(validate::name("name", &name, 50)?);
    }
    if let Some(raw) = changes.id_number {
        let id_number = parse_id_number("idNumber", &raw, today)?;
        ensure_id_number_free(&*tx, id_number.as_str(), Some(id)).await?;
        active.gender = Set(id_number.gender());
        active.birth_date = Set(id_number.birth_date());
        active.id_number = Set(id_number.as_str().to_owned());
    }
    if changes.phone.is_some() {
        active.phone = Set(validate::phone("phone", changes.phone)?);
    }
    if let Some(org) = changes.org_unit_id {
        org_in_scope(&*tx, actor, org).await?;
        active.org_unit_id = Set(org);
        // A worker's cases belong where the worker does, so scope follows the move.
        hardship_case::Entity::update_many()
            .col_expr(hardship_case::Column::OrgUnitId, Expr::value(org))
            .filter(hardship_case::Column::WorkerId.eq(id))
            .exec(&*tx)
            .await?;
        entity::assistance_application::Entity::update_many()
            .col_expr(
                entity::assistance_application::Column::OrgUnitId,
                Expr::value(org),
            )
            .filter(entity::assistance_application::Column::WorkerId.eq(id))
            .exec(&*tx)
            .await?;
        entity::condolence::Entity::update_many()
            .col_expr(entity::condolence::Column::OrgUnitId, Expr::value(org))
            .filter(entity::condolence::Column::WorkerId.eq(id))
            .exec(&*tx)
            .await?;
    }
    if let Some(v) = changes.employment_type {
        active.employment_type = Set(v);
    }
    if let Some(v) = changes.employment_status {
        active.employment_status = Set(v);
    }
    if let Some(v) = changes.education {
        active.education = Set(v);
    }
    if let Some(v) = changes.occupation {
        active.occupation = Set(v);
    }
    if let Some(v) = changes.union_member {
        active.union_member = Set(v);
    }
    if let Some(v) = changes.fund_contributor {
        active.fund_contributor = Set(v);
    }
    let now = state.clock.now();
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    // A change of person type or employment can change eligibility (动态管理).
    if before.employment_type != after.employment_type {
        flag_open_cases_for_reevaluation(&*tx, &[id], now).await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("updateWorker", "Worker", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn get_worker(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<worker::Model> {
    actor.require_any(READERS)?;
    find_worker(&state.db, actor, id).await
}

pub async fn list_workers(
    state: &AppState,
    actor: &Actor,
    filter: WorkerFilter,
    page: &PageArgs,
) -> ApiResult<Page<worker::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        worker::Entity::find().filter(scope::org_unit_column(worker::Column::OrgUnitId, actor));
    if let Some(org) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, org).await?;
        select = select.filter(scope::subtree_column(worker::Column::OrgUnitId, &unit.path));
    }
    if let Some(text) = search::text("filter.search", filter.search)? {
        // Searching by name or ID number would reveal what masking hides.
        if !actor.sees_personal_data() {
            return Err(ApiError::forbidden(
                "searching by name or ID number needs a role that sees personal data",
            ));
        }
        select = select.filter(
            Condition::any()
                .add(search::contains(worker::Column::Name, &text))
                .add(search::starts_with(
                    worker::Column::IdNumber,
                    &text.to_uppercase(),
                )),
        );
    }
    if let Some(t) = filter.employment_type {
        select = select.filter(worker::Column::EmploymentType.eq(t));
    }
    if let Some(s) = filter.employment_status {
        select = select.filter(worker::Column::EmploymentStatus.eq(s));
    }
    paginate(state, select, worker::Column::Id, page).await
}

/// The household as recorded, with its members in entry order.
#[derive(Debug, Clone, Serialize)]
pub struct HouseholdRecord {
    pub household: household::Model,
    pub members: Vec<household_member::Model>,
}

async fn load_household(
    db: &impl ConnectionTrait,
    worker_id: Uuid,
) -> ApiResult<Option<HouseholdRecord>> {
    let Some(household) = household::Entity::find_by_id(worker_id).one(db).await? else {
        return Ok(None);
    };
    let members = household_member::Entity::find()
        .filter(household_member::Column::WorkerId.eq(worker_id))
        .order_by_asc(household_member::Column::Position)
        .all(db)
        .await?;
    Ok(Some(HouseholdRecord { household, members }))
}

/// Records a worker's household as it is now (动态管理: any change, any time); an open
/// or filed case of the worker is flagged for re-evaluation.
pub async fn set_household(
    state: &AppState,
    actor: &Actor,
    worker_id: Uuid,
    input: HouseholdInput,
) -> ApiResult<HouseholdRecord> {
    actor.require_any(WRITERS)?;
    let today = state.clock.today();
    let facts: Vec<MemberFacts> = input
        .members
        .iter()
        .map(|m| MemberFacts {
            kinship: m.kinship,
            monthly_income: m.monthly_income.amount(),
            health: m.health,
            disabled: m.disabled,
            schooling: m.schooling,
        })
        .collect();
    summary::check_members(&facts)?;
    if input.homes_owned < 0 {
        return Err(ApiError::bad_input("homesOwned", "must not be negative"));
    }
    for (i, m) in input.members.iter().enumerate() {
        if m.birth_date.is_some_and(|d| d > today) {
            return Err(ApiError::bad_input(
                format!("members[{i}].birthDate"),
                "is in the future",
            ));
        }
        validate::text(&format!("members[{i}].name"), m.name.clone(), 50)?;
    }
    let other_special_cause = validate::text("otherSpecialCause", input.other_special_cause, 500)?;
    let input = HouseholdInput {
        other_special_cause,
        ..input
    };
    let mut tx = Tx::begin(state).await?;
    let worker = find_worker(&*tx, actor, worker_id).await?;
    let before = load_household(&*tx, worker_id).await?;
    let now = state.clock.now();
    store_household(&*tx, worker_id, input, now).await?;
    let after = load_household(&*tx, worker_id)
        .await?
        .ok_or_else(|| ApiError::internal("household vanished"))?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "setHousehold",
            "Worker",
            worker_id,
            Some(worker.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Writes a worker's household as given (the household row with its derived counts, and
/// the members in entry order, replacing those recorded) and flags an open or filed case
/// for re-evaluation. The input is already checked (`summary::check_members`, dates,
/// lengths); used by `setHousehold` inside its transaction.
pub async fn store_household(
    db: &impl ConnectionTrait,
    worker_id: Uuid,
    input: HouseholdInput,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    store_households(db, vec![(worker_id, input)], now).await
}

/// [`store_household`] for many workers at once, in multi-row statements (the
/// spreadsheet import).
pub async fn store_households(
    db: &impl ConnectionTrait,
    households: Vec<(Uuid, HouseholdInput)>,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    if households.is_empty() {
        return Ok(());
    }
    let worker_ids: Vec<Uuid> = households.iter().map(|(id, _)| *id).collect();
    let mut rows = Vec::with_capacity(households.len());
    let mut members = Vec::new();
    for (worker_id, input) in households {
        rows.push(household_row(worker_id, &input, now)?);
        members.extend(input.members.into_iter().enumerate().map(|(i, m)| {
            household_member::ActiveModel {
                id: Set(Uuid::now_v7()),
                worker_id: Set(worker_id),
                position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
                name: Set(m
                    .name
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty())),
                kinship: Set(m.kinship),
                birth_date: Set(m.birth_date),
                monthly_income: Set(m.monthly_income),
                health: Set(m.health),
                disabled: Set(m.disabled),
                schooling: Set(m.schooling),
            }
        }));
    }
    batch::upsert_all(
        db,
        rows,
        OnConflict::column(household::Column::WorkerId)
            .update_columns([
                household::Column::ReceivesMinimumAllowance,
                household::Column::HomesOwned,
                household::Column::OwnsBusiness,
                household::Column::UsesVehicles,
                household::Column::SingleParent,
                household::Column::Widowed,
                household::Column::LivesAlone,
                household::Column::DisasterLoss,
                household::Column::OtherSpecialCause,
                household::Column::MemberCount,
                household::Column::IncomeTotal,
                household::Column::IllCount,
                household::Column::SeriouslyIllCount,
                household::Column::DisabledCount,
                household::Column::ChildrenInSchool,
                household::Column::ChildrenAtUniversity,
                household::Column::HighFeeSchooling,
                household::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .await?;
    for ids in worker_ids.chunks(batch::IDS_PER_STATEMENT) {
        household_member::Entity::delete_many()
            .filter(household_member::Column::WorkerId.is_in(ids.to_vec()))
            .exec(db)
            .await?;
        flag_open_cases_for_reevaluation(db, ids, now).await?;
    }
    batch::insert_all(db, members).await?;
    Ok(())
}

/// The household row with the counts derived from its members.
fn household_row(
    worker_id: Uuid,
    input: &HouseholdInput,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<household::ActiveModel> {
    let facts: Vec<MemberFacts> = input
        .members
        .iter()
        .map(|m| MemberFacts {
            kinship: m.kinship,
            monthly_income: m.monthly_income.amount(),
            health: m.health,
            disabled: m.disabled,
            schooling: m.schooling,
        })
        .collect();
    let Summary {
        member_count,
        income_total,
        ill_count,
        seriously_ill_count,
        disabled_count,
        children_in_school,
        children_at_university,
        high_fee_schooling,
    } = summary::summarize(&facts);
    Ok(household::ActiveModel {
        worker_id: Set(worker_id),
        receives_minimum_allowance: Set(input.receives_minimum_allowance),
        homes_owned: Set(input.homes_owned),
        owns_business: Set(input.owns_business),
        uses_vehicles: Set(input.uses_vehicles),
        single_parent: Set(input.single_parent),
        widowed: Set(input.widowed),
        lives_alone: Set(input.lives_alone),
        disaster_loss: Set(input.disaster_loss),
        other_special_cause: Set(input.other_special_cause.clone()),
        member_count: Set(member_count),
        income_total: Set(Money::rounded(income_total)
            .ok_or_else(|| ApiError::bad_input("members", "the incomes are too large"))?),
        ill_count: Set(ill_count),
        seriously_ill_count: Set(seriously_ill_count),
        disabled_count: Set(disabled_count),
        children_in_school: Set(children_in_school),
        children_at_university: Set(children_at_university),
        high_fee_schooling: Set(high_fee_schooling),
        updated_at: Set(now),
    })
}

/// Circumstances changed: the workers' open or filed cases are to be evaluated again.
async fn flag_open_cases_for_reevaluation(
    db: &impl ConnectionTrait,
    worker_ids: &[Uuid],
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    hardship_case::Entity::update_many()
        .col_expr(hardship_case::Column::NeedsReevaluation, Expr::value(true))
        .col_expr(hardship_case::Column::UpdatedAt, Expr::value(now))
        .filter(hardship_case::Column::WorkerId.is_in(worker_ids.to_vec()))
        .filter(hardship_case::Column::Status.is_not_in(lifecycle::CLOSED))
        .filter(hardship_case::Column::Status.ne(CaseStatus::Draft))
        .exec(db)
        .await?;
    Ok(())
}

/// A worker's household, if recorded (readers only).
pub async fn household_of(
    state: &AppState,
    actor: &Actor,
    worker_id: Uuid,
) -> ApiResult<Option<HouseholdRecord>> {
    actor.require_any(READERS)?;
    find_worker(&state.db, actor, worker_id).await?;
    load_household(&state.db, worker_id).await
}

/// Sets the poverty line (低保线) of a region for a year (ADMIN).
pub async fn set_poverty_line(
    state: &AppState,
    actor: &Actor,
    region_code: &str,
    year: i32,
    monthly_amount: Money,
) -> ApiResult<poverty_line::Model> {
    actor.require_policy_admin()?;
    crate::org::rules::check_region_code(region_code)?;
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::bad_input("year", "must be between 2000 and 2100"));
    }
    if monthly_amount <= Money::ZERO {
        return Err(ApiError::bad_input(
            "monthlyAmount",
            "must be more than zero",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let before = poverty_line::Entity::find()
        .filter(poverty_line::Column::RegionCode.eq(region_code))
        .filter(poverty_line::Column::Year.eq(year))
        .one(&*tx)
        .await?;
    let now = state.clock.now();
    let after = match before.clone() {
        Some(existing) => {
            let mut active: poverty_line::ActiveModel = existing.into();
            active.monthly_amount = Set(monthly_amount);
            active.updated_at = Set(now);
            active.update(&*tx).await?
        }
        None => {
            poverty_line::ActiveModel {
                id: Set(Uuid::now_v7()),
                region_code: Set(region_code.to_owned()),
                year: Set(year),
                monthly_amount: Set(monthly_amount),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&*tx)
            .await?
        }
    };
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("setPovertyLine", "PovertyLine", after.id, None)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Poverty lines, newest year first, optionally of one region or year.
pub async fn poverty_lines(
    state: &AppState,
    actor: &Actor,
    region_code: Option<String>,
    year: Option<i32>,
) -> ApiResult<Vec<poverty_line::Model>> {
    actor.require_any(READERS)?;
    let mut select = poverty_line::Entity::find();
    if let Some(code) = region_code {
        select = select.filter(poverty_line::Column::RegionCode.eq(code));
    }
    if let Some(year) = year {
        select = select.filter(poverty_line::Column::Year.eq(year));
    }
    Ok(select
        .order_by_desc(poverty_line::Column::Year)
        .order_by_asc(poverty_line::Column::RegionCode)
        .all(&state.db)
        .await?)
}

/// A worker's evaluation with what it was based on.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub evaluation: Evaluation,
    pub inputs: serde_json::Value,
}

/// Evaluates a worker's recorded household against the rules, as of `today`. Writes
/// nothing.
pub async fn assess(
    db: &impl ConnectionTrait,
    worker: &worker::Model,
    today: NaiveDate,
) -> ApiResult<Assessment> {
    let mut all = assess_many(db, std::slice::from_ref(worker), today).await?;
    all.remove(&worker.id).unwrap_or_else(|| {
        Err(ApiError::InvalidState {
            message: "record the worker's household (setHousehold) first".into(),
            reasons: vec!["HOUSEHOLD_MISSING"],
        })
    })
}

/// Evaluates many workers with a fixed number of queries (households, members, org
/// units, poverty lines), whatever their number.
pub async fn assess_many(
    db: &impl ConnectionTrait,
    workers: &[worker::Model],
    today: NaiveDate,
) -> ApiResult<HashMap<Uuid, ApiResult<Assessment>>> {
    let ids: Vec<Uuid> = workers.iter().map(|w| w.id).collect();
    let households: HashMap<Uuid, household::Model> = household::Entity::find()
        .filter(household::Column::WorkerId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.worker_id, h))
        .collect();
    let mut members: HashMap<Uuid, Vec<household_member::Model>> = HashMap::new();
    for m in household_member::Entity::find()
        .filter(household_member::Column::WorkerId.is_in(ids))
        .order_by_asc(household_member::Column::Position)
        .all(db)
        .await?
    {
        members.entry(m.worker_id).or_default().push(m);
    }
    let regions: HashMap<Uuid, String> = org_unit::Entity::find()
        .filter(org_unit::Column::Id.is_in(workers.iter().map(|w| w.org_unit_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.region_code))
        .collect();
    let candidates: Vec<String> = regions.values().flat_map(|r| region_fallbacks(r)).collect();
    // The latest line set for the year or before: in January, last year's line applies
    // until the new one is entered.
    let lines = poverty_line::Entity::find()
        .filter(poverty_line::Column::RegionCode.is_in(candidates))
        .filter(poverty_line::Column::Year.lte(today.year()))
        .order_by_desc(poverty_line::Column::Year)
        .all(db)
        .await?;

    let mut out = HashMap::new();
    for worker in workers {
        let Some(household) = households.get(&worker.id) else {
            out.insert(
                worker.id,
                Err(ApiError::InvalidState {
                    message: "record the worker's household (setHousehold) first".into(),
                    reasons: vec!["HOUSEHOLD_MISSING"],
                }),
            );
            continue;
        };
        let region = regions
            .get(&worker.org_unit_id)
            .cloned()
            .unwrap_or_default();
        let line = region_fallbacks(&region)
            .iter()
            .find_map(|code| lines.iter().find(|l| &l.region_code == code))
            .map(|l| l.monthly_amount);
        let record = HouseholdRecord {
            household: household.clone(),
            members: members.remove(&worker.id).unwrap_or_default(),
        };
        let result = match line {
            None => Err(ApiError::InvalidState {
                message: format!(
                    "no poverty line (低保线) is set for region {region} in {}",
                    today.year()
                ),
                reasons: vec!["POVERTY_LINE_MISSING"],
            }),
            Some(line) => evaluate_record(worker, &region, today, record, line),
        };
        out.insert(worker.id, result);
    }
    Ok(out)
}

fn evaluate_record(
    worker: &worker::Model,
    region: &str,
    today: NaiveDate,
    record: HouseholdRecord,
    line: Money,
) -> ApiResult<Assessment> {
    let h = &record.household;
    let facts = HouseholdFacts {
        members: record
            .members
            .iter()
            .map(|m| MemberFacts {
                kinship: m.kinship,
                monthly_income: m.monthly_income.amount(),
                health: m.health,
                disabled: m.disabled,
                schooling: m.schooling,
            })
            .collect(),
        receives_minimum_allowance: h.receives_minimum_allowance,
        homes_owned: u32::try_from(h.homes_owned).unwrap_or(0),
        owns_business: h.owns_business,
        uses_vehicles: h.uses_vehicles,
        single_parent: h.single_parent,
        widowed: h.widowed,
        lives_alone: h.lives_alone,
        disaster_loss: h.disaster_loss,
        other_special_cause: h.other_special_cause.is_some(),
    };
    let evaluation =
        rules::evaluate(worker.employment_type, &facts, line.amount()).map_err(|e| {
            ApiError::InvalidState {
                message: e.to_string(),
                reasons: vec!["HOUSEHOLD_INCOMPLETE"],
            }
        })?;
    let inputs = serde_json::json!({
        "employmentType": worker.employment_type,
        "regionCode": region,
        "year": today.year(),
        "povertyLine": line,
        "household": record,
    });
    Ok(Assessment { evaluation, inputs })
}

/// `evaluateEligibility`: the worker's eligibility today, for readers. Writes nothing.
pub async fn evaluate_worker(
    state: &AppState,
    actor: &Actor,
    worker_id: Uuid,
) -> ApiResult<Evaluation> {
    actor.require_any(READERS)?;
    let worker = find_worker(&state.db, actor, worker_id).await?;
    Ok(assess(&state.db, &worker, state.clock.today())
        .await?
        .evaluation)
}
