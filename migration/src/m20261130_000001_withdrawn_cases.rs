//! A withdrawn draft case (撤回, status WITHDRAWN) is closed like a rejected or exited one:
//! the worker may be filed again, so the one-open-case index leaves it out as well.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// The index is dropped and made again in one transaction on SQLite too (by default
    /// only PostgreSQL migrations run in one): on one connection, never without it.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX uq_case_open_per_worker")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX uq_case_open_per_worker ON hardship_case (worker_id) \
             WHERE status NOT IN ('REJECTED', 'EXITED', 'WITHDRAWN')",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX uq_case_open_per_worker")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX uq_case_open_per_worker ON hardship_case (worker_id) \
             WHERE status NOT IN ('REJECTED', 'EXITED')",
        )
        .await?;
        Ok(())
    }
}
