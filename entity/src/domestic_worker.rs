//! A domestic worker (家政服务员): a job seeker registered with the station, kept by a
//! community service point, with the services offered and membership of the domestic
//! workers' union (家政服务员工会).

use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "domestic_worker")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub seeker_id: Uuid,
        /// The community service point that keeps the file (社区服务点), an org unit.
        pub org_unit_id: Uuid,
        /// Region code of the district the worker serves in.
        pub district: String,
        /// Date joined the domestic workers' union, when a member.
        pub union_joined_on: Option<Date>,
        /// Whether the worker takes orders now.
        pub active: bool,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
