//! A dated stage of a legal-aid case (协商、调解、仲裁、诉讼).

use crate::LegalAidStage;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "legal_aid_step")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub case_id: Uuid,
        pub stage: LegalAidStage,
        pub started_on: Date,
        pub note: Option<String>,
        pub recorded_by: Uuid,
        pub recorded_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
