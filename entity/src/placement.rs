//! Placement (介绍成功): a hire from a referral, followed up after 3 and 6 months.

use crate::Money;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "placement")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub referral_id: Uuid,
        pub seeker_id: Uuid,
        pub posting_id: Uuid,
        pub employer_id: Uuid,
        pub org_unit_id: Uuid,
        pub start_date: Date,
        pub monthly_wage: Money,
        /// Still employed at the 3-month follow-up (三个月回访); null until recorded.
        pub employed_at_3_months: Option<bool>,
        /// Still employed at the 6-month follow-up (六个月回访); null until recorded.
        pub employed_at_6_months: Option<bool>,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
