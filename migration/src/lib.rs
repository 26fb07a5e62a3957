//! Migrations of bangfu. Append-only: a landed migration is never edited; a change is a
//! new file.

pub use sea_orm_migration::prelude::*;

mod helpers;

mod m20261128_000001_platform;
mod m20261128_000002_registry;
mod m20261128_000003_funds;
mod m20261128_000004_employment;
mod m20261128_000005_fairs_training;
mod m20261128_000006_fairs_training_indexes;
mod m20261129_000001_stats_indexes;
mod m20261129_000005_hot_path_indexes;
mod m20261129_000006_board_indexes;
mod m20261129_000007_payout_item_page_index;
mod m20261129_000009_posting_age_statistics;
mod m20261130_000001_withdrawn_cases;
mod m20261202_000001_credentials_version;
mod m20261202_000002_payout_accounts;
mod m20261203_000001_service_desk;
mod m20261203_000002_in_kind;
mod m20261203_000003_domestic_service;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_platform::Migration),
            Box::new(m20261128_000002_registry::Migration),
            Box::new(m20261128_000003_funds::Migration),
            Box::new(m20261128_000004_employment::Migration),
            Box::new(m20261128_000005_fairs_training::Migration),
            Box::new(m20261128_000006_fairs_training_indexes::Migration),
            Box::new(m20261129_000001_stats_indexes::Migration),
            Box::new(m20261129_000005_hot_path_indexes::Migration),
            Box::new(m20261129_000006_board_indexes::Migration),
            Box::new(m20261129_000007_payout_item_page_index::Migration),
            Box::new(m20261129_000009_posting_age_statistics::Migration),
            Box::new(m20261130_000001_withdrawn_cases::Migration),
            Box::new(m20261202_000001_credentials_version::Migration),
            Box::new(m20261202_000002_payout_accounts::Migration),
            Box::new(m20261203_000001_service_desk::Migration),
            Box::new(m20261203_000002_in_kind::Migration),
            Box::new(m20261203_000003_domestic_service::Migration),
        ]
    }
}
