//! A supporting document recorded for a case (证明材料).

use crate::DocumentKind;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "case_document")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub case_id: Uuid,
        pub kind: DocumentKind,
        pub issued_on: Option<Date>,
        pub issuer: Option<String>,
        /// For a diagnosis: issued by a public hospital of grade 2 or above (公立二级以上医院).
        pub qualified_issuer: bool,
        pub note: Option<String>,
        pub recorded_by: Uuid,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
