//! Org scope (组织范围): a caller reads and writes only its own org unit's subtree. The
//! filter is a SQL condition added to the query, never a check after loading.

use entity::org_unit;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{ColumnTrait, EntityName};

use super::Actor;

/// `org_unit.path LIKE '<caller path>%'`: the caller's subtree of org units.
pub fn org_units(actor: &Actor) -> SimpleExpr {
    org_unit::Column::Path.like(format!("{}%", actor.org_path))
}

/// `<column> IN (ids of the caller's subtree)`, for any table with an org-unit column.
pub fn org_unit_column(column: impl ColumnTrait, actor: &Actor) -> SimpleExpr {
    subtree_column(column, &actor.org_path)
}

/// Condition that a nullable org-unit column is in scope (null rows are global rows,
/// visible only to callers scoped at the root).
pub fn nullable_org_unit_column(column: impl ColumnTrait, actor: &Actor) -> SimpleExpr {
    if actor.org_path.matches('/').count() <= 2 {
        Expr::value(true)
    } else {
        org_unit_column(column, actor)
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
