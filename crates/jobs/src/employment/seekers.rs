//! Job seekers (求职档案), their categories and the fees waived for them.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use entity::job_seeker::Skills;
use entity::{
    CaseStatus, Education, Money, Role, SeekerCategory, SeekerStatus, WaivedService, fee_waiver,
    hardship_case, job_seeker, seeker_category,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::employers::STAFF;
use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::{Tx, batch};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::id_number::IdNumber;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::search;
use crate::validate;

/// Who may read job seekers.
pub const READERS: &[Role] = &[Role::AgencyStaff, Role::Auditor, Role::Admin];

/// Input of `createJobSeeker`.
pub struct NewSeeker {
    pub name: String,
    pub id_number: String,
    pub phone: Option<String>,
    pub org_unit_id: Uuid,
    pub categories: Vec<SeekerCategory>,
    pub education: Education,
    pub skills: Vec<String>,
    pub wanted_occupation: Option<String>,
    pub wanted_wage_min: Option<Money>,
    pub wanted_district: Option<String>,
    pub worker_id: Option<Uuid>,
}

/// Input of `updateJobSeeker`: only the fields given change.
#[derive(Default)]
pub struct SeekerChanges {
    pub phone: Option<String>,
    pub categories: Option<Vec<SeekerCategory>>,
    pub education: Option<Education>,
    pub skills: Option<Vec<String>>,
    pub wanted_occupation: Option<String>,
    pub wanted_wage_min: Option<Money>,
    pub wanted_district: Option<String>,
    pub status: Option<SeekerStatus>,
}

/// Filter of `jobSeekers`.
#[derive(Default)]
pub struct SeekerFilter {
    pub search: Option<String>,
    pub category: Option<SeekerCategory>,
    pub status: Option<SeekerStatus>,
}

pub async fn find_seeker(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<job_seeker::Model> {
    job_seeker::Entity::find_by_id(id)
        .filter(scope::org_unit_column(job_seeker::Column::OrgUnitId, actor))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("JobSeeker"))
}

pub fn check_skills(skills: Vec<String>) -> ApiResult<Skills> {
    let mut out: Vec<String> = Vec::new();
    for s in skills {
        let s = s.trim().to_owned();
        if s.is_empty() || out.contains(&s) {
            continue;
        }
        if s.chars().count() > 30 {
            return Err(ApiError::bad_input(
                "skills",
                "a skill is at most 30 characters",
            ));
        }
        out.push(s);
    }
    if out.len() > 30 {
        return Err(ApiError::bad_input("skills", "at most 30 skills"));
    }
    Ok(Skills(out))
}

pub fn check_district(field: &str, d: Option<String>) -> ApiResult<Option<String>> {
    match d.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()) {
        Some(d) => crate::org::rules::check_region_code(&d)
            .map(|()| Some(d))
            .map_err(|_| ApiError::bad_input(field, "must be a 6-digit region code")),
        None => Ok(None),
    }
}

/// Whether the worker behind a seeker has a filed (ACTIVE) hardship case on `today`.
pub async fn has_active_case(
    db: &impl ConnectionTrait,
    worker_id: Uuid,
    today: NaiveDate,
) -> ApiResult<bool> {
    Ok(with_active_case(db, &[worker_id], today)
        .await?
        .contains(&worker_id))
}

/// Records a waived fee (减免费用).
pub async fn waive(
    tx: &Tx,
    seeker: &job_seeker::Model,
    service: WaivedService,
    amount: Money,
    actor: &Actor,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    waiver(seeker, service, amount, actor, at)
        .insert(&**tx)
        .await?;
    Ok(())
}

/// The row of a waived fee, for [`waive`] and for writers of many at once.
pub fn waiver(
    seeker: &job_seeker::Model,
    service: WaivedService,
    amount: Money,
    actor: &Actor,
    at: DateTime<Utc>,
) -> fee_waiver::ActiveModel {
    fee_waiver::ActiveModel {
        id: Set(Uuid::now_v7()),
        seeker_id: Set(seeker.id),
        org_unit_id: Set(seeker.org_unit_id),
        service: Set(service),
        amount: Set(amount),
        recorded_by: Set(actor.user_id),
        created_at: Set(at),
    }
}

/// Whether a seeker is served free: a disadvantaged category, or a filed hardship case.
pub async fn served_free(
    db: &impl ConnectionTrait,
    seeker: &job_seeker::Model,
    today: NaiveDate,
) -> ApiResult<bool> {
    let categories: Vec<SeekerCategory> = seeker_category::Entity::find()
        .filter(seeker_category::Column::SeekerId.eq(seeker.id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.category)
        .collect();
    Ok(rules::served_free(&categories)
        || match seeker.worker_id {
            Some(w) => has_active_case(db, w, today).await?,
            None => false,
        })
}

pub(crate) async fn replace_categories(
    tx: &Tx,
    seeker_id: Uuid,
    categories: &[SeekerCategory],
) -> ApiResult<()> {
    replace_all_categories(&**tx, &[(seeker_id, categories)]).await
}

/// Replaces the categories of many seekers in multi-row statements (the import); each
/// seeker needs at least one.
pub async fn replace_all_categories(
    db: &impl ConnectionTrait,
    seekers: &[(Uuid, &[SeekerCategory])],
) -> ApiResult<()> {
    if seekers.iter().any(|(_, categories)| categories.is_empty()) {
        return Err(ApiError::bad_input(
            "categories",
            "give at least one category (人员类别)",
        ));
    }
    let ids: Vec<Uuid> = seekers.iter().map(|(id, _)| *id).collect();
    for ids in ids.chunks(batch::IDS_PER_STATEMENT) {
        seeker_category::Entity::delete_many()
            .filter(seeker_category::Column::SeekerId.is_in(ids.to_vec()))
            .exec(db)
            .await?;
    }
    let mut rows = Vec::new();
    for (seeker_id, categories) in seekers {
        let mut unique: Vec<SeekerCategory> = Vec::new();
        for c in *categories {
            if !unique.contains(c) {
                unique.push(*c);
            }
        }
        rows.extend(
            unique
                .into_iter()
                .map(|category| seeker_category::ActiveModel {
                    seeker_id: Set(*seeker_id),
                    category: Set(category),
                }),
        );
    }
    batch::insert_all(db, rows).await?;
    Ok(())
}

/// Of `worker_ids`, those with a filed (active) hardship case on `today`, in one read
/// per thousand.
pub async fn with_active_case(
    db: &impl ConnectionTrait,
    worker_ids: &[Uuid],
    today: NaiveDate,
) -> ApiResult<HashSet<Uuid>> {
    let mut found = HashSet::new();
    for ids in worker_ids.chunks(batch::IDS_PER_STATEMENT) {
        let rows: Vec<Uuid> = hardship_case::Entity::find()
            .select_only()
            .column(hardship_case::Column::WorkerId)
            .filter(hardship_case::Column::WorkerId.is_in(ids.to_vec()))
            .filter(crate::workflow::statuses::status_is(
                CaseStatus::Active,
                today,
            ))
            .into_tuple()
            .all(db)
            .await?;
        found.extend(rows);
    }
    Ok(found)
}

/// Files a job seeker (求职登记); the registration fee is waived for the disadvantaged
/// (「对下岗失业人员和失地农民在求职登记…实行免费政策」). AGENCY_STAFF.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewSeeker,
) -> ApiResult<job_seeker::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let seeker = register(state, &mut tx, actor, input).await?;
    tx.commit().await?;
    Ok(seeker)
}

/// Files a job seeker inside `tx`, for `createJobSeeker` and for the service desk's
/// contacts turned into a registration; the caller checked the role.
pub async fn register(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    input: NewSeeker,
) -> ApiResult<job_seeker::Model> {
    let today = state.clock.today();
    let name = validate::name("name", &input.name, 50)?;
    let id = IdNumber::parse(&input.id_number)
        .map_err(|e| ApiError::bad_input("idNumber", e.to_string()))?;
    if id.birth_date() > today {
        return Err(ApiError::bad_input(
            "idNumber",
            "the birth date in the ID number is in the future",
        ));
    }
    let phone = validate::phone("phone", input.phone)?;
    let skills = check_skills(input.skills)?;
    let wanted_occupation = validate::text("wantedOccupation", input.wanted_occupation, 50)?;
    let wanted_district = check_district("wantedDistrict", input.wanted_district)?;
    if input.wanted_wage_min.is_some_and(|w| w < Money::ZERO) {
        return Err(ApiError::bad_input("wantedWageMin", "must not be negative"));
    }
    find_in_scope(&**tx, actor, input.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    // A hardship worker is one with a filed case, not a category anyone can claim.
    let filed = match input.worker_id {
        Some(w) => has_active_case(&**tx, w, today).await?,
        None => false,
    };
    if input.categories.contains(&SeekerCategory::HardshipWorker) && !filed {
        return Err(ApiError::bad_input(
            "categories",
            "HARDSHIP_WORKER is for a seeker linked to a worker with a filed hardship case",
        ));
    }
    if let Some(w) = input.worker_id {
        let worker = crate::auth::scope::find_worker(&**tx, actor, w)
            .await
            .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
        if worker.id_number != id.as_str() {
            return Err(ApiError::bad_input(
                "workerId",
                "the worker's ID number differs from the seeker's",
            ));
        }
    }
    if job_seeker::Entity::find()
        .filter(job_seeker::Column::IdNumber.eq(id.as_str()))
        .one(&**tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: "a job seeker with this ID number is already filed".into(),
            reasons: vec!["ID_NUMBER_TAKEN"],
        });
    }
    let now = state.clock.now();
    let seeker = job_seeker::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(input.org_unit_id),
        name: Set(name),
        id_number: Set(id.as_str().to_owned()),
        gender: Set(id.gender()),
        birth_date: Set(id.birth_date()),
        phone: Set(phone),
        education: Set(input.education),
        skills: Set(skills),
        wanted_occupation: Set(wanted_occupation),
        wanted_wage_min: Set(input.wanted_wage_min),
        wanted_district: Set(wanted_district),
        worker_id: Set(input.worker_id),
        status: Set(SeekerStatus::Seeking),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    replace_categories(tx, seeker.id, &input.categories).await?;
    if served_free(&**tx, &seeker, today).await? {
        waive(
            tx,
            &seeker,
            WaivedService::Registration,
            rules::REGISTRATION_FEE,
            actor,
            now,
        )
        .await?;
    }
    audit::record(
        tx,
        actor,
        now,
        Change::new(
            "createJobSeeker",
            "JobSeeker",
            seeker.id,
            Some(seeker.org_unit_id),
        )
        .after(&serde_json::json!({ "seeker": seeker, "categories": input.categories })),
    )
    .await?;
    Ok(seeker)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: SeekerChanges,
) -> ApiResult<job_seeker::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let before = find_seeker(&*tx, actor, id).await?;
    let mut active: job_seeker::ActiveModel = before.clone().into();
    if changes.phone.is_some() {
        active.phone = Set(validate::phone("phone", changes.phone)?);
    }
    if let Some(categories) = &changes.categories {
        replace_categories(&tx, id, categories).await?;
    }
    if let Some(e) = changes.education {
        active.education = Set(e);
    }
    if let Some(skills) = changes.skills {
        active.skills = Set(check_skills(skills)?);
    }
    if changes.wanted_occupation.is_some() {
        active.wanted_occupation = Set(validate::text(
            "wantedOccupation",
            changes.wanted_occupation,
            50,
        )?);
    }
    if let Some(w) = changes.wanted_wage_min {
        if w < Money::ZERO {
            return Err(ApiError::bad_input("wantedWageMin", "must not be negative"));
        }
        active.wanted_wage_min = Set(Some(w));
    }
    if changes.wanted_district.is_some() {
        active.wanted_district = Set(check_district("wantedDistrict", changes.wanted_district)?);
    }
    if let Some(s) = changes.status {
        active.status = Set(s);
    }
    let now = state.clock.now();
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("updateJobSeeker", "JobSeeker", id, Some(after.org_unit_id))
            .before(&before)
            .after(&serde_json::json!({ "seeker": after, "categories": changes.categories })),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<job_seeker::Model> {
    actor.require_any(READERS)?;
    find_seeker(&state.db, actor, id).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: SeekerFilter,
    page: &PageArgs,
) -> ApiResult<Page<job_seeker::Model>> {
    actor.require_any(READERS)?;
    let mut select = job_seeker::Entity::find()
        .filter(scope::org_unit_column(job_seeker::Column::OrgUnitId, actor));
    if let Some(text) = search::text("filter.search", filter.search)? {
        if !actor.sees_seeker_data() {
            return Err(ApiError::forbidden(
                "searching by name or ID number needs a role that sees seekers' data",
            ));
        }
        select = select.filter(
            Condition::any()
                .add(search::contains(job_seeker::Column::Name, &text))
                .add(search::starts_with(
                    job_seeker::Column::IdNumber,
                    &text.to_uppercase(),
                )),
        );
    }
    if let Some(c) = filter.category {
        select = select.filter(
            job_seeker::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(seeker_category::Column::SeekerId)
                    .from(seeker_category::Entity)
                    .and_where(seeker_category::Column::Category.eq(c))
                    .to_owned(),
            ),
        );
    }
    if let Some(s) = filter.status {
        select = select.filter(job_seeker::Column::Status.eq(s));
    }
    paginate(state, select, job_seeker::Column::Id, page).await
}

/// Fees waived in an org subtree between two instants (减免费用合计), summed in SQL.
pub async fn fees_waived(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<(Money, i64)> {
    actor.require_any(&[Role::AgencyStaff, Role::Auditor, Role::Admin, Role::Viewer])?;
    let unit = find_in_scope(&state.db, actor, org_unit_id).await?;
    let row: Option<(i64, i64)> = fee_waiver::Entity::find()
        .filter(scope::subtree_column(
            fee_waiver::Column::OrgUnitId,
            &unit.path,
        ))
        .filter(fee_waiver::Column::CreatedAt.gte(from))
        .filter(fee_waiver::Column::CreatedAt.lt(to))
        .select_only()
        .column_as(crate::db::sum_of("fee_waiver.amount"), "total")
        .column_as(
            sea_orm::sea_query::Expr::cust("CAST(COUNT(*) AS BIGINT)"),
            "n",
        )
        .into_tuple()
        .one(&state.db)
        .await?;
    let (total, n) = row.unwrap_or((0, 0));
    Ok((Money::from_fen(total), n))
}
