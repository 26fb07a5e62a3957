//! Job fair (专场招聘会).

use crate::FairKind;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "job_fair")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub org_unit_id: Uuid,
        pub title: String,
        pub kind: FairKind,
        pub date: Date,
        pub venue: String,
        /// Attendees who came without being checked in by name (现场散客).
        pub walk_ins: i32,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
