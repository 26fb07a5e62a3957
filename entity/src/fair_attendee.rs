//! A seeker checked in at a fair (进场求职者).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fair_attendee")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub fair_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub seeker_id: Uuid,
    pub checked_in_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
