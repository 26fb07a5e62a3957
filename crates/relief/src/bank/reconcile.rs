//! Reconciliation of a payout batch (对账): how many items, and how much, the bank has
//! paid, could not pay, and has still to pay. Counted in SQL, one statement for every
//! batch a page shows.

use std::collections::HashMap;
use std::sync::Arc;

use crate::graphql::loader::DbLoader;
use async_graphql::dataloader::Loader;
use entity::{Money, PayoutItemStatus, payout_item};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

/// Count and sum of a group of items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: i64,
    pub amount: Money,
}

impl Tally {
    fn add(&mut self, count: i64, fen: i64) {
        self.count += count;
        self.amount = Money::from_fen(self.amount.fen().saturating_add(fen));
    }
}

/// The figures of one batch. Every item is in exactly one group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// Paid (已发放).
    pub paid: Tally,
    /// Not paid, the bank having refused the last attempt (发放失败).
    pub failed: Tally,
    /// Not paid and not refused: still with the bank or not yet sent (待发放).
    pub outstanding: Tally,
}

/// The figures of each of `batches` (batches without items get zeros).
pub async fn of_batches(
    db: &impl ConnectionTrait,
    batches: &[Uuid],
) -> Result<HashMap<Uuid, Reconciliation>, DbErr> {
    let refused = || {
        Expr::cust("CAST(CASE WHEN payout_item.bank_failure IS NULL THEN 0 ELSE 1 END AS BIGINT)")
    };
    let rows: Vec<(Uuid, PayoutItemStatus, i64, i64, i64)> = payout_item::Entity::find()
        .select_only()
        .column(payout_item::Column::BatchId)
        .column(payout_item::Column::Status)
        .column_as(refused(), "refused")
        .column_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "n")
        .column_as(crate::db::sum_of("payout_item.amount"), "total")
        .filter(payout_item::Column::BatchId.is_in(batches.iter().copied()))
        .group_by(payout_item::Column::BatchId)
        .group_by(payout_item::Column::Status)
        .group_by(refused())
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Reconciliation> = batches
        .iter()
        .map(|b| (*b, Reconciliation::default()))
        .collect();
    for (batch, status, refused, count, fen) in rows {
        let figures = out.entry(batch).or_default();
        let tally = match (status, refused) {
            (PayoutItemStatus::Paid, _) => &mut figures.paid,
            (PayoutItemStatus::Pending, 0) => &mut figures.outstanding,
            (PayoutItemStatus::Pending, _) => &mut figures.failed,
        };
        tally.add(count, fen);
    }
    Ok(out)
}

/// Key of a payout batch's reconciliation figures (对账).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReconciliationKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<ReconciliationKey> for DbLoader {
    type Value = Reconciliation;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[ReconciliationKey],
    ) -> Result<HashMap<ReconciliationKey, Self::Value>, Self::Error> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let figures = of_batches(&self.db, &ids).await?;
        Ok(figures
            .into_iter()
            .map(|(k, v)| (ReconciliationKey(k), v))
            .collect())
    }
}
