//! Model worker use cases: registering a title, and the register with its screening
//! against the registry's criteria (the same SQL as proactive screening).

use chrono::Datelike;
use entity::{EmploymentType, ModelWorkerLevel, model_worker, worker};
use sea_orm::sea_query::Query;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;
use bangfu_relief::registry::screening::meets_a_criterion;
use bangfu_relief::registry::service::{READERS, WRITERS};

/// The earliest year a title is recorded for.
const FIRST_YEAR: i32 = 1950;

/// Registers a worker's model-worker title (劳模登记). CASEWORKER.
pub async fn register(
    state: &AppState,
    actor: &Actor,
    worker_id: Uuid,
    title: String,
    level: ModelWorkerLevel,
    year: i32,
) -> ApiResult<model_worker::Model> {
    actor.require_any(WRITERS)?;
    let title = validate::name("title", &title, 100)?;
    let this_year = state.clock.today().year();
    if !(FIRST_YEAR..=this_year).contains(&year) {
        return Err(ApiError::bad_input(
            "year",
            format!("a title is conferred between {FIRST_YEAR} and {this_year}"),
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let worker = scope::find_worker(&*tx, actor, worker_id)
        .await
        .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
    let duplicate = model_worker::Entity::find()
        .filter(model_worker::Column::WorkerId.eq(worker.id))
        .filter(model_worker::Column::Title.eq(title.clone()))
        .filter(model_worker::Column::Year.eq(year))
        .one(&*tx)
        .await?;
    if duplicate.is_some() {
        return Err(ApiError::Conflict {
            message: "this title of this year is registered already".into(),
            reasons: vec!["DUPLICATE_TITLE"],
        });
    }
    let now = state.clock.now();
    let created = model_worker::ActiveModel {
        id: Set(Uuid::now_v7()),
        worker_id: Set(worker.id),
        org_unit_id: Set(worker.org_unit_id),
        title: Set(title),
        level: Set(level),
        year: Set(year),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "registerModelWorker",
            "ModelWorker",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// What the register keeps.
#[derive(Debug, Clone, Default)]
pub struct ModelWorkerFilter {
    pub org_unit_id: Option<Uuid>,
    pub level: Option<ModelWorkerLevel>,
    /// Only those whose household meets a filing criterion of the registry and who are not
    /// of an excluded person type (建档标准筛查).
    pub meets_criteria: bool,
}

/// The register in the caller's scope, oldest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: ModelWorkerFilter,
    page: &PageArgs,
) -> ApiResult<Page<model_worker::Model>> {
    actor.require_any(READERS)?;
    let mut select = model_worker::Entity::find().filter(scope::org_unit_column(
        model_worker::Column::OrgUnitId,
        actor,
    ));
    if let Some(unit) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, unit).await?;
        select = select.filter(scope::subtree_column(
            model_worker::Column::OrgUnitId,
            &unit.path,
        ));
    }
    if let Some(level) = filter.level {
        select = select.filter(model_worker::Column::Level.eq(level));
    }
    if filter.meets_criteria {
        let year = state.clock.today().year();
        select = select.filter(
            model_worker::Column::WorkerId.in_subquery(
                Query::select()
                    .column((worker::Entity, worker::Column::Id))
                    .from(worker::Entity)
                    .and_where(worker::Column::EmploymentType.is_not_in([
                        EmploymentType::Retired,
                        EmploymentType::WorkInjuryDeathFamily,
                        EmploymentType::DisabilityRetired,
                    ]))
                    .and_where(meets_a_criterion(year))
                    .to_owned(),
            ),
        );
    }
    paginate(state, select, model_worker::Column::Id, page).await
}
