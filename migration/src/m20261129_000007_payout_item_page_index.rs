//! Index of `payoutItems`: one batch's payouts of a status, in id order, so that a page of
//! a batch of tens of thousands reads only that page.

use sea_orm_migration::prelude::*;

use crate::helpers::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "idx_payout_item_batch_status_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        index(
            manager,
            NAME,
            "payout_item",
            &["batch_id", "status", "id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(a("payout_item")).to_owned())
            .await
    }
}
