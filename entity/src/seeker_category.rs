//! A category of a job seeker, one row per category (counted in SQL by the reports).

use crate::SeekerCategory;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "seeker_category")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub seeker_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub category: SeekerCategory,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
