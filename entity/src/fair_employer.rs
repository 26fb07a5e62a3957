//! An employer taking part in a fair (参会单位).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fair_employer")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub fair_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub employer_id: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
