//! One step of a case's history (流转记录): who moved it from which status to which, when,
//! and why.

use crate::CaseStatus;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "case_transition")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub case_id: Uuid,
        pub from_status: Option<CaseStatus>,
        pub to_status: CaseStatus,
        /// Null for steps the system takes (the end of a notice period).
        pub actor_id: Option<Uuid>,
        pub actor_username: String,
        pub at: DateTimeUtc,
        pub comment: Option<String>,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
