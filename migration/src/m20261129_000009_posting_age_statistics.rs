//! Statistics of the 4050 flag and the age limits of postings together, on PostgreSQL.
//! Postings suitable for 4050 are the ones whose age limit reaches 50, so the planner,
//! taking the two conditions as independent, expected a tenth of a seeker's short list
//! where a third matched; it then sorted the whole tier instead of reading it along the
//! id index (39 ms against 0.6 ms for a 4050 seeker at city scale). SQLite has no
//! multi-column statistics; nothing to do there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE STATISTICS posting_4050_ages (mcv) \
             ON suitable_for_4050, age_min, age_max FROM posting",
        )
        .await?;
        // Gathered now rather than at the next autovacuum, so plans use them at once.
        db.execute_unprepared("ANALYZE posting").await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared("DROP STATISTICS IF EXISTS posting_4050_ages")
            .await?;
        Ok(())
    }
}
