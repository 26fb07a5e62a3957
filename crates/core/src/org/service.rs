//! Org unit use cases: create, update, read and list within the caller's subtree.

use chrono::Utc;
use entity::{Industry, OrgKind, Ownership, Role, org_unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::pagination::{Page, PageArgs, paginate};
use crate::search;

/// Input of `createOrgUnit`.
pub struct NewOrgUnit {
    pub name: String,
    pub kind: OrgKind,
    pub parent_id: Uuid,
    pub region_code: Option<String>,
    pub ownership: Option<Ownership>,
    pub industry: Option<Industry>,
}

/// Input of `updateOrgUnit`: only the fields given change.
pub struct OrgUnitChanges {
    pub name: Option<String>,
    pub region_code: Option<String>,
    pub ownership: Option<Ownership>,
    pub industry: Option<Industry>,
}

/// Filter of `orgUnits`.
#[derive(Default)]
pub struct OrgUnitFilter {
    pub parent_id: Option<Uuid>,
    pub kind: Option<OrgKind>,
    pub name_contains: Option<String>,
}

/// An org unit in the caller's subtree, or NOT_FOUND (a unit outside it does not exist
/// for this caller).
pub async fn find_in_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<org_unit::Model> {
    org_unit::Entity::find_by_id(id)
        .filter(scope::org_units(actor))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("OrgUnit"))
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewOrgUnit,
) -> ApiResult<org_unit::Model> {
    actor.require_any(&[Role::Admin])?;
    let name = crate::validate::name("name", &input.name, 100)?;
    let mut tx = Tx::begin(state).await?;
    let parent = find_in_scope(&*tx, actor, input.parent_id)
        .await
        .or_refused(|| ApiError::bad_input("parentId", "no such org unit in your scope"))?;
    rules::check_placement(input.kind, parent.kind)?;
    rules::check_enterprise_fields(input.kind, input.ownership, input.industry)?;
    let region_code = input
        .region_code
        .unwrap_or_else(|| parent.region_code.clone());
    rules::check_region_code(&region_code)?;

    let id = Uuid::now_v7();
    let now = state.clock.now();
    let created = org_unit::ActiveModel {
        id: Set(id),
        parent_id: Set(Some(parent.id)),
        name: Set(name),
        kind: Set(input.kind),
        path: Set(format!("{}{}/", parent.path, id)),
        region_code: Set(region_code),
        ownership: Set(input.ownership),
        industry: Set(input.industry),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("createOrgUnit", "OrgUnit", id, Some(id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: OrgUnitChanges,
) -> ApiResult<org_unit::Model> {
    actor.require_any(&[Role::Admin])?;
    let mut tx = Tx::begin(state).await?;
    let before = find_in_scope(&*tx, actor, id).await?;
    let name = match changes.name {
        Some(name) => crate::validate::name("name", &name, 100)?,
        None => before.name.clone(),
    };
    let region_code = changes
        .region_code
        .unwrap_or_else(|| before.region_code.clone());
    rules::check_region_code(&region_code)?;
    let ownership = changes.ownership.or(before.ownership);
    let industry = changes.industry.or(before.industry);
    rules::check_enterprise_fields(before.kind, ownership, industry)?;

    let now = state.clock.now();
    let mut active: org_unit::ActiveModel = before.clone().into();
    active.name = Set(name);
    active.region_code = Set(region_code);
    active.ownership = Set(ownership);
    active.industry = Set(industry);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("updateOrgUnit", "OrgUnit", id, Some(id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Any signed-in user may read the org units of its own subtree.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<org_unit::Model> {
    find_in_scope(&state.db, actor, id).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: OrgUnitFilter,
    page: &PageArgs,
) -> ApiResult<Page<org_unit::Model>> {
    let mut select = org_unit::Entity::find().filter(scope::org_units(actor));
    if let Some(parent) = filter.parent_id {
        select = select.filter(org_unit::Column::ParentId.eq(parent));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(org_unit::Column::Kind.eq(kind));
    }
    if let Some(text) = search::text("filter.nameContains", filter.name_contains)? {
        select = select.filter(search::contains(org_unit::Column::Name, &text));
    }
    paginate(state, select, org_unit::Column::Id, page).await
}

/// Creates the root (市总工会) when the database has no org unit yet; returns its id.
pub async fn ensure_root(
    db: &impl ConnectionTrait,
    name: &str,
    region_code: &str,
) -> ApiResult<Option<Uuid>> {
    if org_unit::Entity::find().one(db).await?.is_some() {
        return Ok(None);
    }
    let id = Uuid::now_v7();
    let now = Utc::now();
    org_unit::ActiveModel {
        id: Set(id),
        parent_id: Set(None),
        name: Set(name.to_owned()),
        kind: Set(OrgKind::CityFederation),
        path: Set(format!("/{id}/")),
        region_code: Set(region_code.to_owned()),
        ownership: Set(None),
        industry: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(Some(id))
}
