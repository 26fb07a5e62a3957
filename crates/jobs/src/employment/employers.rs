//! Employers (用工单位档案) and the local minimum wage.

use chrono::NaiveDate;
use entity::{FlagReason, Industry, Money, Ownership, Role, employer, minimum_wage};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::credit_code::CreditCode;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::auth::scope::{self, find_employer};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::rules::region_fallbacks;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// The agency's staff (职介所).
pub const STAFF: &[Role] = &[Role::AgencyStaff];

/// Who may read employers and postings besides the public board.
pub const READERS: &[Role] = &[
    Role::AgencyStaff,
    Role::Auditor,
    Role::Admin,
    Role::Viewer,
    Role::Employer,
];

/// Input of `createEmployer`.
pub struct NewEmployer {
    pub name: String,
    pub credit_code: String,
    pub ownership: Ownership,
    pub industry: Industry,
    pub district: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub org_unit_id: Uuid,
}

/// Files an employer (建立用工单位档案). AGENCY_STAFF.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewEmployer,
) -> ApiResult<employer::Model> {
    actor.require_any(STAFF)?;
    let name = validate::name("name", &input.name, 100)?;
    let code = CreditCode::parse(&input.credit_code)
        .map_err(|e| ApiError::bad_input("creditCode", e.to_string()))?;
    crate::org::rules::check_region_code(&input.district)
        .map_err(|_| ApiError::bad_input("district", "must be a 6-digit region code"))?;
    let contact_name = validate::name("contactName", &input.contact_name, 50)?;
    let contact_phone = validate::phone("contactPhone", Some(input.contact_phone))?
        .ok_or_else(|| ApiError::bad_input("contactPhone", "is required"))?;
    let mut tx = Tx::begin(state).await?;
    find_in_scope(&*tx, actor, input.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    if employer::Entity::find()
        .filter(employer::Column::CreditCode.eq(code.as_str()))
        .one(&*tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: "an employer with this credit code is already filed".into(),
            reasons: vec!["CREDIT_CODE_TAKEN"],
        });
    }
    let now = state.clock.now();
    let created = employer::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(input.org_unit_id),
        name: Set(name),
        credit_code: Set(code.as_str().to_owned()),
        ownership: Set(input.ownership),
        industry: Set(input.industry),
        district: Set(input.district),
        contact_name: Set(contact_name),
        contact_phone: Set(contact_phone),
        verified: Set(false),
        verified_at: Set(None),
        flag: Set(None),
        flag_note: Set(None),
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
            "createEmployer",
            "Employer",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Verifies an employer (核实), or flags it for wage arrears or labour disputes (警示) —
/// which keeps its postings off the public board — or clears the flag. AGENCY_STAFF.
pub async fn set_standing(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    verified: Option<bool>,
    flag: Option<Option<FlagReason>>,
    note: Option<String>,
) -> ApiResult<employer::Model> {
    actor.require_any(STAFF)?;
    let note = validate::text("note", note, 1000)?;
    let mut tx = Tx::begin(state).await?;
    let before = find_employer(&*tx, actor, id).await?;
    let now = state.clock.now();
    let mut active: employer::ActiveModel = before.clone().into();
    let operation = if let Some(v) = verified {
        active.verified = Set(v);
        active.verified_at = Set(v.then_some(now));
        "verifyEmployer"
    } else {
        "flagEmployer"
    };
    if let Some(flag) = flag {
        if flag.is_some() && note.is_none() {
            return Err(ApiError::bad_input("note", "say what was recorded"));
        }
        active.flag = Set(flag);
        active.flag_note = Set(note);
    }
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(operation, "Employer", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<employer::Model> {
    actor.require_any(READERS)?;
    find_employer(&state.db, actor, id).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    flagged: Option<bool>,
    page: &PageArgs,
) -> ApiResult<Page<employer::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        employer::Entity::find().filter(scope::org_unit_column(employer::Column::OrgUnitId, actor));
    if actor.has_role(Role::Employer) {
        select = select.filter(employer::Column::Id.eq(actor.employer_id.unwrap_or_default()));
    }
    if let Some(f) = flagged {
        select = select.filter(if f {
            employer::Column::Flag.is_not_null()
        } else {
            employer::Column::Flag.is_null()
        });
    }
    paginate(state, select, employer::Column::Id, page).await
}

/// Sets a region's minimum monthly wage from a date (最低工资标准). ADMIN of the root.
pub async fn set_minimum_wage(
    state: &AppState,
    actor: &Actor,
    region_code: &str,
    effective_from: NaiveDate,
    amount: Money,
) -> ApiResult<minimum_wage::Model> {
    actor.require_policy_admin()?;
    crate::org::rules::check_region_code(region_code)?;
    if amount <= Money::ZERO {
        return Err(ApiError::bad_input(
            "monthlyAmount",
            "must be more than zero",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let now = state.clock.now();
    let created = minimum_wage::ActiveModel {
        id: Set(Uuid::now_v7()),
        region_code: Set(region_code.to_owned()),
        effective_from: Set(effective_from),
        monthly_amount: Set(amount),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict { .. } => {
            ApiError::bad_input("effectiveFrom", "a standard from that date is already set")
        }
        other => other,
    })?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("setMinimumWage", "MinimumWage", created.id, None).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// The minimum wage in force in `district` on `day`: the district's own, else its
/// city's, else its province's.
pub async fn minimum_wage_on(
    db: &impl ConnectionTrait,
    district: &str,
    day: NaiveDate,
) -> ApiResult<Money> {
    let codes = region_fallbacks(district);
    let rows = minimum_wage::Entity::find()
        .filter(minimum_wage::Column::RegionCode.is_in(codes.clone()))
        .filter(minimum_wage::Column::EffectiveFrom.lte(day))
        .order_by_desc(minimum_wage::Column::EffectiveFrom)
        .all(db)
        .await?;
    codes
        .iter()
        .find_map(|c| rows.iter().find(|r| &r.region_code == c))
        .map(|r| r.monthly_amount)
        .ok_or_else(|| ApiError::InvalidState {
            message: format!("no minimum wage (最低工资标准) is set for region {district}"),
            reasons: vec!["MINIMUM_WAGE_MISSING"],
        })
}
