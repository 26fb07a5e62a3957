//! Indexes of the hot read paths measured in `bench/`: a worker's latest payout.

use sea_orm_migration::prelude::*;

use crate::helpers::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str], bool)] = &[(
    "idx_payout_item_worker_paid",
    "payout_item",
    &["worker_id", "paid_at"],
    false,
)];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns, unique) in INDEXES {
            index(manager, name, table, columns, *unique).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(*name).table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
