//! One step of an assistance application's history (流转记录).

use crate::ApplicationStatus;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "application_transition")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub application_id: Uuid,
        pub from_status: Option<ApplicationStatus>,
        pub to_status: ApplicationStatus,
        pub actor_id: Option<Uuid>,
        pub actor_username: String,
        pub at: DateTimeUtc,
        pub comment: Option<String>,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
