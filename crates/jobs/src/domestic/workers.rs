//! Domestic workers (家政服务员): a job seeker registered with the services she offers,
//! the service point that keeps her file and her membership of the domestic workers'
//! union. Her certificates are the training domain's.

use chrono::NaiveDate;
use entity::{
    DomesticService, OrgKind, Role, domestic_worker, domestic_worker_service, org_unit, user,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::employment::seekers::{check_district, find_seeker};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};

/// Who runs the station: registers workers and clients, takes, matches, places and closes
/// orders, and records events (职业介绍所).
pub const STAFF: &[Role] = &[Role::AgencyStaff];

/// Who reads the station's files.
pub const READERS: &[Role] = &[Role::AgencyStaff, Role::Auditor, Role::Admin];

/// Input of `registerDomesticWorker`.
pub struct NewDomesticWorker {
    pub seeker_id: Uuid,
    pub service_point_id: Uuid,
    pub services: Vec<DomesticService>,
    pub district: Option<String>,
    pub union_joined_on: Option<NaiveDate>,
}

/// Filter of `domesticWorkers`.
#[derive(Default)]
pub struct WorkerFilter {
    pub service: Option<DomesticService>,
    pub service_point_id: Option<Uuid>,
    pub union_member: Option<bool>,
}

/// A domestic worker in the caller's scope, by the service point that keeps her.
pub async fn find_worker(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<domestic_worker::Model> {
    domestic_worker::Entity::find_by_id(id)
        .filter(scope::org_unit_column(
            domestic_worker::Column::OrgUnitId,
            actor,
        ))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("DomesticWorker"))
}

/// Registers a job seeker as a domestic worker (家政服务员登记). AGENCY_STAFF.
pub async fn register(
    state: &AppState,
    actor: &Actor,
    input: NewDomesticWorker,
) -> ApiResult<domestic_worker::Model> {
    actor.require_any(STAFF)?;
    let mut services = input.services;
    services.sort();
    services.dedup();
    if services.is_empty() {
        return Err(ApiError::bad_input(
            "services",
            "name at least one service offered",
        ));
    }
    let district = check_district("district", input.district)?;
    if input
        .union_joined_on
        .is_some_and(|d| d > state.clock.today())
    {
        return Err(ApiError::bad_input(
            "unionJoinedOn",
            "must not be in the future",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let seeker = find_seeker(&*tx, actor, input.seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    let point = find_in_scope(&*tx, actor, input.service_point_id)
        .await
        .or_refused(|| {
            ApiError::bad_input("servicePointId", "no such service point in your scope")
        })?;
    if point.kind != OrgKind::CommunityPoint {
        return Err(ApiError::BadUserInput {
            field: "servicePointId".into(),
            message: "a service point is a community point (社区联系点)".into(),
            reasons: vec!["NOT_A_SERVICE_POINT"],
        });
    }
    if domestic_worker::Entity::find()
        .filter(domestic_worker::Column::SeekerId.eq(seeker.id))
        .one(&*tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: "the job seeker is registered as a domestic worker already".into(),
            reasons: vec!["ALREADY_REGISTERED"],
        });
    }
    let now = state.clock.now();
    let district = district
        .or_else(|| seeker.wanted_district.clone())
        .unwrap_or(point.region_code);
    let created = domestic_worker::ActiveModel {
        id: Set(Uuid::now_v7()),
        seeker_id: Set(seeker.id),
        org_unit_id: Set(point.id),
        district: Set(district),
        union_joined_on: Set(input.union_joined_on),
        active: Set(true),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    domestic_worker_service::Entity::insert_many(services.iter().map(|s| {
        domestic_worker_service::ActiveModel {
            domestic_worker_id: Set(created.id),
            service: Set(*s),
        }
    }))
    .exec(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "registerDomesticWorker",
            "DomesticWorker",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&serde_json::json!({ "worker": &created, "services": &services })),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// The domestic workers in the caller's scope (家政服务员名册), newest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: WorkerFilter,
    page: &PageArgs,
) -> ApiResult<Page<domestic_worker::Model>> {
    actor.require_any(READERS)?;
    let mut select = domestic_worker::Entity::find().filter(scope::org_unit_column(
        domestic_worker::Column::OrgUnitId,
        actor,
    ));
    if let Some(s) = filter.service {
        select = select.filter(
            domestic_worker::Column::Id.in_subquery(
                Query::select()
                    .column(domestic_worker_service::Column::DomesticWorkerId)
                    .from(domestic_worker_service::Entity)
                    .and_where(domestic_worker_service::Column::Service.eq(s))
                    .to_owned(),
            ),
        );
    }
    if let Some(point) = filter.service_point_id {
        select = select.filter(domestic_worker::Column::OrgUnitId.eq(point));
    }
    if let Some(member) = filter.union_member {
        select = select.filter(if member {
            domestic_worker::Column::UnionJoinedOn.is_not_null()
        } else {
            domestic_worker::Column::UnionJoinedOn.is_null()
        });
    }
    paginate(state, select, domestic_worker::Column::Id, page).await
}

/// A domestic worker in the caller's scope, for `node`.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<domestic_worker::Model> {
    actor.require_any(READERS)?;
    find_worker(&state.db, actor, id).await
}

/// The community service points in the caller's scope (社区服务点): the org units of kind
/// COMMUNITY_POINT, oldest first.
pub async fn service_points(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<org_unit::Model>> {
    actor.require_any(READERS)?;
    let select = org_unit::Entity::find()
        .filter(scope::org_units(actor))
        .filter(org_unit::Column::Kind.eq(OrgKind::CommunityPoint));
    paginate(state, select, org_unit::Column::Id, page).await
}

/// Whether an account of a service point's unit keeps the point: an enabled account of
/// the agency's staff.
pub fn keeps_point(account: &user::Model) -> bool {
    !account.disabled && account.roles.0.contains(&Role::AgencyStaff)
}
