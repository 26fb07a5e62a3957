//! Subsidy standard (救助标准): one version of the rules for an assistance item, in force
//! from a date. Changing a standard adds a version; old applications keep theirs.

use crate::{Money, SubsidyItem};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "subsidy_standard")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub item: SubsidyItem,
        pub name: String,
        /// Fixed amount per time; null for a discretionary item.
        pub amount: Option<Money>,
        /// Highest amount of a discretionary item.
        pub cap: Option<Money>,
        pub times_per_year: Option<i32>,
        pub once_only: bool,
        pub requires_minimum_allowance: bool,
        pub effective_from: Date,
        pub effective_to: Option<Date>,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
