//! A certificate held by a seeker (证书).

use crate::CertificateKind;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "certificate")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub seeker_id: Uuid,
        pub kind: CertificateKind,
        pub occupation: String,
        /// For a vocational qualification: level 5 to 1.
        pub level: Option<i32>,
        pub number: String,
        pub issued_on: Date,
        pub course_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
