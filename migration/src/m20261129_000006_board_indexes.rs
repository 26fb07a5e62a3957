//! Indexes of the public job board (招聘信息) and of matching, measured in `bench/`. Each
//! reads open postings in id order within its filter, so a page or a short list stops
//! after the rows it needs instead of sorting the whole history: the board alone, by
//! occupation or by district, and matching's relevance tiers (occupation and district).
//! They replace the (status, occupation) and (status, district) indexes, which they
//! extend. The few flagged employers (失信), whose postings every board query leaves out,
//! get a partial index.

use sea_orm_migration::prelude::*;

use crate::helpers::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const CREATED: &[(&str, &[&str])] = &[
    ("idx_posting_status_id", &["status", "id"]),
    (
        "idx_posting_status_occupation_id",
        &["status", "occupation", "id"],
    ),
    (
        "idx_posting_status_district_id",
        &["status", "district", "id"],
    ),
    (
        "idx_posting_status_occupation_district_id",
        &["status", "occupation", "district", "id"],
    ),
];

const REPLACED: &[(&str, &[&str])] = &[
    ("idx_posting_status_occupation", &["status", "occupation"]),
    ("idx_posting_status_district", &["status", "district"]),
];

async fn drop(manager: &SchemaManager<'_>, name: &str, table: &str) -> Result<(), DbErr> {
    manager
        .drop_index(Index::drop().name(name).table(a(table)).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, columns) in CREATED {
            index(manager, name, "posting", columns, false).await?;
        }
        for (name, _) in REPLACED {
            drop(manager, name, "posting").await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_employer_flagged ON employer (id) WHERE flag IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop(manager, "idx_employer_flagged", "employer").await?;
        for (name, columns) in REPLACED {
            index(manager, name, "posting", columns, false).await?;
        }
        for (name, _) in CREATED {
            drop(manager, name, "posting").await?;
        }
        Ok(())
    }
}
