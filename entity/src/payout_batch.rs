//! Payout batch (发放批次): what FINANCE pays out of one fund at a festival or for a
//! campaign, approved before anything is paid.

use crate::{BatchStatus, PayoutOccasion};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "payout_batch")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_unit_id: Uuid,
    pub fund_id: Uuid,
    pub occasion: PayoutOccasion,
    pub campaign_id: Option<Uuid>,
    pub year: i32,
    pub status: BatchStatus,
    pub created_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
