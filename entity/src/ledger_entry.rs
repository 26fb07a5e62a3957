//! Ledger entry (账目): immutable. A correction is a reversing entry. Each entry stores
//! the hash of its predecessor and its own, so an entry edited or deleted behind the
//! application's back breaks the chain.

use crate::{EntryKind, IncomeCategory, Money};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "ledger_entry")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub fund_id: Uuid,
    /// 1, 2, 3… per fund.
    pub sequence: i64,
    pub kind: EntryKind,
    pub category: Option<IncomeCategory>,
    /// Signed, in fen: income positive, payouts negative.
    pub amount: Money,
    pub donor: Option<String>,
    pub memo: Option<String>,
    pub payout_item_id: Option<Uuid>,
    pub reverses_entry_id: Option<Uuid>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
