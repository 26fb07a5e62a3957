//! Org scope (组织范围): a caller reads and writes only its own org unit's subtree. The
//! filter is a SQL condition added to the query, never a check after loading.

use entity::{Role, employer, org_unit, worker};
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityName, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::Actor;
use crate::error::{ApiError, ApiResult};

/// `org_unit.path LIKE '<caller path>%'`: the caller's subtree of org units.
pub fn org_units(actor: &Actor) -> SimpleExpr {
    org_unit::Column::Path.like(format!("{}%", actor.org_path))
}

/// `<column> IN (ids of the caller's subtree)`, for any table with an org-unit column.
/// At the root the subtree is every unit and the condition is left out: the subquery
/// over all units would only cost (and SQLite would sort by it instead of paging in id
/// order). A nullable column's null rows are global rows, so they are visible only there.
pub fn org_unit_column(column: impl ColumnTrait, actor: &Actor) -> SimpleExpr {
    if actor.at_root() {
        Expr::value(true)
    } else {
        subtree_column(column, &actor.org_path)
    }
}

/// `<column> IN (ids of the subtree at `path`)`, for filtering by a chosen org unit.
pub fn subtree_column(column: impl ColumnTrait, path: &str) -> SimpleExpr {
    column.in_subquery(
        Query::select()
            .column(org_unit::Column::Id)
            .from(org_unit::Entity.table_ref())
            .and_where(org_unit::Column::Path.like(format!("{path}%")))
            .to_owned(),
    )
}

/// A worker in the caller's subtree, or NOT_FOUND.
pub async fn find_worker(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<worker::Model> {
    worker::Entity::find_by_id(id)
        .filter(org_unit_column(worker::Column::OrgUnitId, actor))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Worker"))
}

/// An employer in the caller's subtree (or the portal account's own), or NOT_FOUND.
pub async fn find_employer(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<employer::Model> {
    if actor.has_role(Role::Employer) && actor.employer_id != Some(id) {
        return Err(ApiError::not_found("Employer"));
    }
    employer::Entity::find_by_id(id)
        .filter(org_unit_column(employer::Column::OrgUnitId, actor))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Employer"))
}
