//! Model worker (劳动模范): a filed worker's title, its level and year.

use crate::ModelWorkerLevel;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "model_worker")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub worker_id: Uuid,
    /// The worker's unit, kept for scope and reports.
    pub org_unit_id: Uuid,
    pub title: String,
    pub level: ModelWorkerLevel,
    pub year: i32,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
