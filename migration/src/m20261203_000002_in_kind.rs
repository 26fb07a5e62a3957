//! In-kind aid (爱心超市): stores, the goods catalogue, stock on hand with its append-only
//! movement ledger, the quotas per hardship level, and the hand-outs.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, "store", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("name"), 100))
                .col(string_len_null(a("address"), 200))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("store", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "ix_store_org_id",
            "store",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        create(manager, "goods", |t| {
            t.col(pk_uuid(a("id")))
                .col(string_len(a("name"), 100))
                .col(string_len(a("unit"), 10))
                .col(string_len(a("category"), 24))
                .col(big_integer(a("reference_price")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")));
        })
        .await?;
        index(manager, "uq_goods_name", "goods", &["name"], true).await?;
        create(manager, "stock", |t| {
            t.col(uuid(a("store_id")))
                .col(uuid(a("goods_id")))
                .col(big_integer(a("quantity")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .primary_key(Index::create().col(a("store_id")).col(a("goods_id")))
                .foreign_key(&mut fk("stock", "store_id", "store"))
                .foreign_key(&mut fk("stock", "goods_id", "goods"))
                // Stock is never negative, whatever the race.
                .check(Expr::col(a("quantity")).gte(0));
        })
        .await?;
        create(manager, "hand_out", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("store_id")))
                .col(uuid(a("case_id")))
                .col(uuid(a("worker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("level"), 16))
                .col(big_integer(a("value")))
                .col(date(a("period_start")))
                .col(string_len(a("collected_by_name"), 50))
                .col(string_len(a("collected_by_kinship"), 16))
                .col(uuid(a("handed_by")))
                .col(timestamp_with_time_zone(a("handed_at")))
                .foreign_key(&mut fk("hand_out", "store_id", "store"))
                .foreign_key(&mut fk("hand_out", "case_id", "hardship_case"))
                .foreign_key(&mut fk("hand_out", "worker_id", "worker"))
                .foreign_key(&mut fk("hand_out", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "ix_hand_out_case_at",
            "hand_out",
            &["case_id", "handed_at"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_hand_out_org_at",
            "hand_out",
            &["org_unit_id", "handed_at"],
            false,
        )
        .await?;
        create(manager, "stock_movement", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("store_id")))
                .col(uuid(a("goods_id")))
                .col(string_len(a("kind"), 24))
                .col(big_integer(a("quantity")))
                .col(big_integer(a("value")))
                .col(string_len_null(a("donor"), 100))
                .col(string_len_null(a("receipt_no"), 50))
                .col(uuid_null(a("ledger_entry_id")))
                .col(uuid_null(a("hand_out_id")))
                .col(uuid_null(a("other_store_id")))
                .col(text_null(a("reason")))
                .col(uuid(a("recorded_by")))
                .col(timestamp_with_time_zone(a("recorded_at")))
                .foreign_key(&mut fk("stock_movement", "store_id", "store"))
                .foreign_key(&mut fk("stock_movement", "goods_id", "goods"))
                .foreign_key(&mut fk("stock_movement", "ledger_entry_id", "ledger_entry"))
                .foreign_key(&mut fk("stock_movement", "hand_out_id", "hand_out"))
                .foreign_key(&mut fk("stock_movement", "other_store_id", "store"));
        })
        .await?;
        index(
            manager,
            "ix_stock_movement_store_id",
            "stock_movement",
            &["store_id", "id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_stock_movement_hand_out",
            "stock_movement",
            &["hand_out_id"],
            false,
        )
        .await?;
        create(manager, "in_kind_quota", |t| {
            t.col(string_len(a("level"), 16).primary_key())
                .col(string_len(a("period"), 16))
                .col(big_integer(a("value")))
                .col(uuid(a("updated_by")))
                .col(timestamp_with_time_zone(a("updated_at")));
        })
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "in_kind_quota",
            "stock_movement",
            "hand_out",
            "stock",
            "goods",
            "store",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
