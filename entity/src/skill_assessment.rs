//! Skill assessment (职业技能鉴定) of a seeker.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "skill_assessment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub seeker_id: Uuid,
    pub occupation: String,
    /// Level assessed, 5 (初级) to 1 (高级技师).
    pub level: i32,
    pub passed: bool,
    pub assessed_on: Date,
    pub recorded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
