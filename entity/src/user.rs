//! User account (用户). Roles are stored as a JSON array; `disabled` stops every existing
//! token at once because each request reloads the account.

use crate::Role;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The roles of one account, stored as a JSON array of role names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Roles(pub Vec<Role>);

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "app_user")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub username: String,
        #[serde(skip_serializing)]
        pub password_hash: String,
        #[sea_orm(column_type = "JsonBinary")]
        pub roles: Roles,
        pub org_unit_id: Uuid,
        /// For an EMPLOYER portal account: the one employer it acts for.
        pub employer_id: Option<Uuid>,
        pub disabled: bool,
        /// Raised by every password change; a token carries the version it was issued for,
        /// so a change ends every token issued before it.
        pub credentials_version: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::OrgUnitId",
        to = "super::org_unit::Column::Id"
    )]
    OrgUnit,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrgUnit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
