//! Employer (用工单位档案): a company that posts vacancies, identified by its unified social
//! credit code. A flagged employer's postings stay off the public board.

use crate::{FlagReason, Industry, Ownership};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "employer")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub org_unit_id: Uuid,
        pub name: String,
        #[sea_orm(unique)]
        pub credit_code: String,
        pub ownership: Ownership,
        pub industry: Industry,
        /// Region code of the district where the work is (行政区划代码).
        pub district: String,
        pub contact_name: String,
        pub contact_phone: String,
        pub verified: bool,
        pub verified_at: Option<DateTimeUtc>,
        pub flag: Option<FlagReason>,
        pub flag_note: Option<String>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
