//! A fee the agency waived for a disadvantaged seeker (减免费用), recorded so the total
//! can be reported.

use crate::{Money, WaivedService};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "fee_waiver")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub org_unit_id: Uuid,
    pub service: WaivedService,
    pub amount: Money,
    pub recorded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
