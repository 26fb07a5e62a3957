//! An eligibility evaluation stored with a case at submission, at each review and at each
//! re-evaluation: the evidence for audit and appeal (审核依据).

use crate::HardshipLevel;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "case_evaluation")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub case_id: Uuid,
        /// SUBMISSION, INITIAL_REVIEW, GROUP_REVIEW, APPROVAL or REEVALUATION.
        pub stage: String,
        pub at: DateTimeUtc,
        pub actor_id: Option<Uuid>,
        pub eligible: bool,
        pub level: Option<HardshipLevel>,
        pub matched: Json,
        pub excluded: Json,
        /// Stored in fen (分).
        pub per_capita_income: crate::Money,
        /// Stored in fen (分).
        pub poverty_line: crate::Money,
        pub policy_version: String,
        /// The household facts the rules read.
        pub inputs: Json,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
