//! Referral (职业介绍): a seeker sent to a posting with a referral letter (介绍信), whose
//! outcome the employer or the agency reports back.

use crate::ReferralStatus;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "referral")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub seeker_id: Uuid,
        pub posting_id: Uuid,
        pub employer_id: Uuid,
        pub org_unit_id: Uuid,
        /// Number printed on the referral letter (介绍信编号).
        pub letter_number: String,
        pub status: ReferralStatus,
        pub note: Option<String>,
        pub referred_by: Uuid,
        /// The job fair the referral came from (招聘会意向转推荐).
        pub fair_id: Option<Uuid>,
        /// The labour-export batch it belongs to (外出务工批次).
        pub export_batch_id: Option<Uuid>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
