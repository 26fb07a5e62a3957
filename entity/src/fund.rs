//! Fund (帮扶资金 / 帮扶基金): money accounted on its own ledger (专账核算). `balance` is
//! kept with every entry in the same transaction; it always equals the sum of entries.

use crate::{FundKind, Money};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "fund")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub kind: FundKind,
        pub org_unit_id: Uuid,
        /// Stored in fen (分).
        pub balance: Money,
        /// Number of entries; the next entry's sequence.
        pub entry_count: i64,
        /// Hash of the last entry (the chain's head).
        pub head_hash: String,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
