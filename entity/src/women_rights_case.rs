//! Women workers' rights case (女职工维权): confidential. Only its handlers and the women
//! workers' committee see it at all; reports count it.

use crate::{WomenRightsKind, WomenRightsStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "women_rights_case")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_unit_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub worker_id: Option<Uuid>,
    pub complainant_name: String,
    pub complainant_phone: Option<String>,
    pub kind: WomenRightsKind,
    pub details: String,
    pub status: WomenRightsStatus,
    pub outcome: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
