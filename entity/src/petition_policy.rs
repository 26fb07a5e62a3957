//! A period of the petition rules (信访办理期限) as the root unit's ADMIN set it; a period
//! without a row has its default.

use crate::PetitionPeriod;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "petition_policy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub period: PetitionPeriod,
    /// Calendar days.
    pub days: i32,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
