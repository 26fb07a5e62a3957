//! Member of a worker's household (家庭成员), the worker included.

use crate::{Health, Kinship, Schooling};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "household_member")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub worker_id: Uuid,
        pub position: i32,
        pub name: Option<String>,
        pub kinship: Kinship,
        pub birth_date: Option<Date>,
        /// Stored in fen (分).
        pub monthly_income: crate::Money,
        pub health: Health,
        pub disabled: bool,
        pub schooling: Schooling,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
