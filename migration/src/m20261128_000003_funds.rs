//! Money: funds and their ledgers, subsidy standards, assistance applications,
//! condolences, seasonal campaigns, and payout batches.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Fund::Table)
                    .col(pk_uuid(Fund::Id))
                    .col(string_len(Fund::Name, 100))
                    .col(string_len(Fund::Kind, 16))
                    .col(uuid(Fund::OrgUnitId))
                    .col(big_integer(Fund::Balance))
                    .col(big_integer(Fund::EntryCount))
                    .col(string_len(Fund::HeadHash, 64))
                    .col(timestamp_with_time_zone(Fund::CreatedAt))
                    .check(Expr::col(Fund::Balance).gte(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_fund_org_unit")
                            .from(Fund::Table, Fund::OrgUnitId)
                            .to(OrgUnit::Table, OrgUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fund_org_unit")
                    .table(Fund::Table)
                    .col(Fund::OrgUnitId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LedgerEntry::Table)
                    .col(pk_uuid(LedgerEntry::Id))
                    .col(uuid(LedgerEntry::FundId))
                    .col(big_integer(LedgerEntry::Sequence))
                    .col(string_len(LedgerEntry::Kind, 16))
                    .col(string_len_null(LedgerEntry::Category, 24))
                    .col(big_integer(LedgerEntry::Amount))
                    .col(string_len_null(LedgerEntry::Donor, 100))
                    .col(text_null(LedgerEntry::Memo))
                    .col(uuid_null(LedgerEntry::PayoutItemId))
                    .col(uuid_null(LedgerEntry::ReversesEntryId))
                    .col(uuid(LedgerEntry::RecordedBy))
                    .col(timestamp_with_time_zone(LedgerEntry::RecordedAt))
                    .col(string_len(LedgerEntry::PrevHash, 64))
                    .col(string_len(LedgerEntry::Hash, 64))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_ledger_entry_fund")
                            .from(LedgerEntry::Table, LedgerEntry::FundId)
                            .to(Fund::Table, Fund::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_ledger_entry_fund_sequence")
                    .table(LedgerEntry::Table)
                    .col(LedgerEntry::FundId)
                    .col(LedgerEntry::Sequence)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // An entry is reversed at most once; a payout item is paid at most once.
        manager
            .create_index(
                Index::create()
                    .name("uq_ledger_entry_reverses")
                    .table(LedgerEntry::Table)
                    .col(LedgerEntry::ReversesEntryId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_ledger_entry_payout_item")
                    .table(LedgerEntry::Table)
                    .col(LedgerEntry::PayoutItemId)
                    .to_owned(),
            )
            .await?;
        create(manager, "subsidy_standard", |t| {
            t.col(pk_uuid(a("id")))
                .col(string_len(a("item"), 32))
                .col(string_len(a("name"), 100))
                .col(big_integer_null(a("amount")))
                .col(big_integer_null(a("cap")))
                .col(integer_null(a("times_per_year")))
                .col(boolean(a("once_only")))
                .col(boolean(a("requires_minimum_allowance")))
                .col(date(a("effective_from")))
                .col(date_null(a("effective_to")))
                .col(timestamp_with_time_zone(a("created_at")));
        })
        .await?;
        index(
            manager,
            "idx_subsidy_standard_item",
            "subsidy_standard",
            &["item", "effective_from"],
            false,
        )
        .await?;

        create(manager, "assistance_application", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("case_id")))
                .col(uuid(a("worker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("item"), 32))
                .col(uuid(a("standard_id")))
                .col(integer(a("year")))
                .col(big_integer(a("requested_amount")))
                .col(big_integer_null(a("approved_amount")))
                .col(text(a("reason")))
                .col(string_len(a("status"), 24))
                .col(uuid(a("created_by")))
                .col(uuid_null(a("submitted_by")))
                .col(timestamp_with_time_zone_null(a("submitted_at")))
                .col(date_null(a("notice_start")))
                .col(date_null(a("notice_end")))
                .col(timestamp_with_time_zone_null(a("paid_at")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk(
                    "assistance_application",
                    "case_id",
                    "hardship_case",
                ))
                .foreign_key(&mut fk("assistance_application", "worker_id", "worker"))
                .foreign_key(&mut fk("assistance_application", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk(
                    "assistance_application",
                    "standard_id",
                    "subsidy_standard",
                ));
        })
        .await?;
        index(
            manager,
            "idx_application_worker_year",
            "assistance_application",
            &["worker_id", "year"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_application_org_status",
            "assistance_application",
            &["org_unit_id", "status"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_application_case",
            "assistance_application",
            &["case_id"],
            false,
        )
        .await?;

        create(manager, "application_transition", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("application_id")))
                .col(string_len_null(a("from_status"), 24))
                .col(string_len(a("to_status"), 24))
                .col(uuid_null(a("actor_id")))
                .col(string_len(a("actor_username"), 64))
                .col(timestamp_with_time_zone(a("at")))
                .col(text_null(a("comment")))
                .foreign_key(&mut fk(
                    "application_transition",
                    "application_id",
                    "assistance_application",
                ));
        })
        .await?;
        index(
            manager,
            "idx_application_transition_application",
            "application_transition",
            &["application_id"],
            false,
        )
        .await?;

        create(manager, "condolence", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("worker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("kind"), 24))
                .col(json_binary(a("facts")))
                .col(string_len(a("beneficiary"), 16))
                .col(string_len(a("month"), 7))
                .col(big_integer(a("amount")))
                .col(big_integer(a("standard_min")))
                .col(big_integer(a("standard_max")))
                .col(string_len(a("status"), 16))
                .col(uuid(a("submitted_by")))
                .col(uuid_null(a("decided_by")))
                .col(timestamp_with_time_zone_null(a("decided_at")))
                .col(text_null(a("comment")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("condolence", "worker_id", "worker"))
                .foreign_key(&mut fk("condolence", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "idx_condolence_org_month",
            "condolence",
            &["org_unit_id", "month"],
            false,
        )
        .await?;

        create(manager, "campaign", |t| {
            t.col(pk_uuid(a("id")))
                .col(string_len(a("kind"), 16))
                .col(string_len(a("name"), 100))
                .col(integer(a("year")))
                .col(uuid(a("fund_id")))
                .col(uuid(a("org_unit_id")))
                .col(big_integer(a("budget")))
                .col(big_integer(a("amount_per_recipient")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("campaign", "fund_id", "fund"))
                .foreign_key(&mut fk("campaign", "org_unit_id", "org_unit"));
        })
        .await?;

        create(manager, "campaign_recipient", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("campaign_id")))
                .col(uuid(a("case_id")))
                .col(uuid(a("worker_id")))
                .col(big_integer(a("amount")))
                .col(uuid(a("added_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("campaign_recipient", "campaign_id", "campaign"))
                .foreign_key(&mut fk("campaign_recipient", "case_id", "hardship_case"));
        })
        .await?;
        index(
            manager,
            "uq_campaign_recipient",
            "campaign_recipient",
            &["campaign_id", "case_id"],
            true,
        )
        .await?;

        create(manager, "payout_batch", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(uuid(a("fund_id")))
                .col(string_len(a("occasion"), 16))
                .col(uuid_null(a("campaign_id")))
                .col(integer(a("year")))
                .col(string_len(a("status"), 16))
                .col(uuid(a("created_by")))
                .col(uuid_null(a("approved_by")))
                .col(timestamp_with_time_zone_null(a("approved_at")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("payout_batch", "fund_id", "fund"))
                .foreign_key(&mut fk("payout_batch", "org_unit_id", "org_unit"));
        })
        .await?;

        create(manager, "payout_item", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("batch_id")))
                .col(uuid_null(a("application_id")))
                .col(uuid_null(a("condolence_id")))
                .col(uuid_null(a("campaign_recipient_id")))
                .col(uuid(a("worker_id")))
                .col(string_len(a("beneficiary"), 16))
                .col(big_integer(a("amount")))
                .col(string_len(a("status"), 16))
                .col(string_len_null(a("bank_reference"), 64))
                .col(timestamp_with_time_zone_null(a("paid_at")))
                .col(uuid_null(a("paid_by")))
                .col(uuid_null(a("ledger_entry_id")))
                .foreign_key(&mut fk("payout_item", "batch_id", "payout_batch"))
                .foreign_key(&mut fk("payout_item", "worker_id", "worker"));
        })
        .await?;
        index(
            manager,
            "idx_payout_item_batch",
            "payout_item",
            &["batch_id"],
            false,
        )
        .await?;
        // Each application, condolence and campaign recipient is paid in one batch only.
        index(
            manager,
            "uq_payout_item_application",
            "payout_item",
            &["application_id"],
            true,
        )
        .await?;
        index(
            manager,
            "uq_payout_item_condolence",
            "payout_item",
            &["condolence_id"],
            true,
        )
        .await?;
        index(
            manager,
            "uq_payout_item_recipient",
            "payout_item",
            &["campaign_recipient_id"],
            true,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "payout_item",
            "payout_batch",
            "campaign_recipient",
            "campaign",
            "condolence",
            "application_transition",
            "assistance_application",
            "subsidy_standard",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table(LedgerEntry::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Fund::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Fund {
    Table,
    Id,
    Name,
    Kind,
    OrgUnitId,
    Balance,
    EntryCount,
    HeadHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LedgerEntry {
    Table,
    Id,
    FundId,
    Sequence,
    Kind,
    Category,
    Amount,
    Donor,
    Memo,
    PayoutItemId,
    ReversesEntryId,
    RecordedBy,
    RecordedAt,
    PrevHash,
    Hash,
}
