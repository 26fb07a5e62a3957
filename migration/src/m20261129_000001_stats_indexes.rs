//! Indexes the reports (统计报表) read by: the registry on a date for an org subtree (the
//! case's unit, status and activation first, and the worker's counted columns, so that
//! PostgreSQL can answer a whole city's breakdowns from the indexes alone), payouts by
//! the day they were recorded, and the agency's rows by unit and day.

use sea_orm_migration::prelude::*;

use crate::helpers::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "idx_case_stats",
        "hardship_case",
        &[
            "org_unit_id",
            "status",
            "activated_on",
            "exited_at",
            "level",
            "worker_id",
        ],
    ),
    (
        "idx_worker_stats",
        "worker",
        &[
            "id",
            "org_unit_id",
            "gender",
            "birth_date",
            "education",
            "employment_type",
            "occupation",
        ],
    ),
    (
        "idx_household_stats",
        "household",
        &["worker_id", "seriously_ill_count", "children_in_school"],
    ),
    (
        "idx_ledger_entry_kind_recorded",
        "ledger_entry",
        &["kind", "recorded_at"],
    ),
    (
        "idx_job_seeker_org_created",
        "job_seeker",
        &["org_unit_id", "created_at"],
    ),
    (
        "idx_employer_org_created",
        "employer",
        &["org_unit_id", "created_at"],
    ),
    (
        "idx_posting_org_published",
        "posting",
        &["org_unit_id", "published_at"],
    ),
    (
        "idx_referral_org_created",
        "referral",
        &["org_unit_id", "created_at"],
    ),
    (
        "idx_placement_org_created",
        "placement",
        &["org_unit_id", "created_at"],
    ),
    (
        "idx_fee_waiver_org_created",
        "fee_waiver",
        &["org_unit_id", "created_at"],
    ),
    (
        "idx_job_fair_org_date",
        "job_fair",
        &["org_unit_id", "date"],
    ),
    ("idx_certificate_issued", "certificate", &["issued_on"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in INDEXES {
            index(manager, name, table, columns, false).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(*name).table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
