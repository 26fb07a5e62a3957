//! A stock movement (出入库记录): append-only, signed (in positive, out negative), with
//! what it came from — a donor and receipt, a fund's ledger entry, a hand-out, the other
//! store of a transfer, the reason of a write-off.

use crate::{Money, MovementKind};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "stock_movement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub store_id: Uuid,
    pub goods_id: Uuid,
    pub kind: MovementKind,
    /// Signed: into the store positive, out of it negative.
    pub quantity: i64,
    /// Value at the reference price, signed as the quantity.
    pub value: Money,
    pub donor: Option<String>,
    pub receipt_no: Option<String>,
    pub ledger_entry_id: Option<Uuid>,
    pub hand_out_id: Option<Uuid>,
    pub other_store_id: Option<Uuid>,
    pub reason: Option<String>,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
