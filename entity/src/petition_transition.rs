//! One step of a petition's history (流转记录): each status change, and each transfer.

use crate::PetitionStatus;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "petition_transition")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub petition_id: Uuid,
        pub from_status: Option<PetitionStatus>,
        pub to_status: PetitionStatus,
        pub actor_id: Option<Uuid>,
        pub actor_username: String,
        pub at: DateTimeUtc,
        pub comment: Option<String>,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
