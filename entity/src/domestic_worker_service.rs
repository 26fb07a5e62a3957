//! A service a domestic worker offers (服务项目), a row each so matching and reports
//! filter and count in SQL.

use crate::DomesticService;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "domestic_worker_service")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub domestic_worker_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub service: DomesticService,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
