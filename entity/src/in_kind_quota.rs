//! The in-kind quota of a hardship level (实物帮扶限额): the value of goods a household of
//! that level may collect per period, set by an ADMIN of the root unit.

use crate::{HardshipLevel, Money, QuotaPeriod};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "in_kind_quota")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub level: HardshipLevel,
    pub period: QuotaPeriod,
    pub value: Money,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
