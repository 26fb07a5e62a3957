//! Org unit (组织): a node of the union tree. `path` is the materialised path of ids from
//! the root ("/root/child/.../self/"), so a subtree is one `LIKE 'prefix%'` in SQL.

use crate::{Industry, OrgKind, Ownership};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "org_unit")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub parent_id: Option<Uuid>,
        pub name: String,
        pub kind: OrgKind,
        #[sea_orm(unique)]
        pub path: String,
        pub region_code: String,
        pub ownership: Option<Ownership>,
        pub industry: Option<Industry>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
