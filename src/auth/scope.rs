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
