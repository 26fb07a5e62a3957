//! A client household of the domestic-service station (家政客户).

use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "domestic_client")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// The unit whose desk took the client.
        pub org_unit_id: Uuid,
        pub name: String,
        pub phone: String,
        /// Region code of the district of the client's address.
        pub district: String,
        pub address: Option<String>,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
