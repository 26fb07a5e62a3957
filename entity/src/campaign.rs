//! Seasonal care campaign (送温暖 / 送清凉 / 金秋助学): a budget from a fund, an amount
//! per recipient, recipients chosen from filed cases.

use crate::{CampaignKind, Money};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "campaign")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: CampaignKind,
    pub name: String,
    pub year: i32,
    pub fund_id: Uuid,
    pub org_unit_id: Uuid,
    pub budget: Money,
    pub amount_per_recipient: Money,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
