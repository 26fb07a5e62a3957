//! Payouts through the bank (银行代发): the account each worker or family member is paid
//! into, its number sealed at rest with the id of the data key that sealed it; and on each
//! payout item, the bank's reason when the bank's return file (回盘文件) says it failed.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(a("payout_account"))
                    .col(pk_uuid(a("id")))
                    .col(uuid(a("worker_id")))
                    .col(string_len(a("holder_kinship"), 16))
                    .col(string_len(a("holder_name"), 50))
                    .col(string_len(a("bank_name"), 100))
                    .col(string_len_null(a("bank_code"), 12))
                    .col(text(a("number_sealed")))
                    .col(string_len(a("number_key_id"), 16))
                    .col(string_len(a("masked_number"), 40))
                    .col(uuid(a("recorded_by")))
                    .col(timestamp_with_time_zone(a("recorded_at")))
                    .foreign_key(&mut fk("payout_account", "worker_id", "worker"))
                    .to_owned(),
            )
            .await?;
        // One account per person: recording it again replaces it.
        index(
            manager,
            "uq_payout_account_worker_holder",
            "payout_account",
            &["worker_id", "holder_name"],
            true,
        )
        .await?;
        for column in [
            string_len_null(a("bank_failure"), 200),
            timestamp_with_time_zone_null(a("bank_failed_at")),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("payout_item"))
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in ["bank_failure", "bank_failed_at"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("payout_item"))
                        .drop_column(a(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(a("payout_account")).to_owned())
            .await
    }
}
