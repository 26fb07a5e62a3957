//! One step of a legal-aid case's history (流转记录).

use crate::LegalAidStatus;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "legal_aid_transition")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub case_id: Uuid,
        pub from_status: Option<LegalAidStatus>,
        pub to_status: LegalAidStatus,
        pub actor_id: Option<Uuid>,
        pub actor_username: String,
        pub at: DateTimeUtc,
        pub comment: Option<String>,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
