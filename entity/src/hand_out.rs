//! A hand-out (实物发放): goods collected at a store by a household with an active
//! hardship case, counted against its quota of the period at reference prices.

use crate::{HardshipLevel, Kinship, Money};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "hand_out")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub store_id: Uuid,
        pub case_id: Uuid,
        pub worker_id: Uuid,
        /// The case's unit, for scope and reports.
        pub org_unit_id: Uuid,
        pub level: HardshipLevel,
        /// Value at reference prices (折价).
        pub value: Money,
        /// First day of the quota period it counts in.
        pub period_start: Date,
        pub collected_by_name: String,
        /// Who collected: the worker (SELF) or a household member on their behalf.
        pub collected_by_kinship: Kinship,
        pub handed_by: Uuid,
        pub handed_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
