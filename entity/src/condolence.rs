//! Condolence (慰问): money for a union member in illness, injury or bereavement, listed
//! monthly by the branch union and approved by the company union.

use crate::{CondolenceKind, CondolenceStatus, Kinship, Money};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "condolence")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub worker_id: Uuid,
        pub org_unit_id: Uuid,
        pub kind: CondolenceKind,
        /// The facts that set the standard (days in hospital, surgery, severity…).
        pub facts: Json,
        /// Who the money is for (the worker, or the relative concerned).
        pub beneficiary: Kinship,
        /// The month of the branch union's list, `YYYY-MM`.
        pub month: String,
        pub amount: Money,
        pub standard_min: Money,
        pub standard_max: Money,
        pub status: CondolenceStatus,
        pub submitted_by: Uuid,
        pub decided_by: Option<Uuid>,
        pub decided_at: Option<DateTimeUtc>,
        pub comment: Option<String>,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
