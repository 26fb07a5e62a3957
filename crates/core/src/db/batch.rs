//! Multi-row statements: as many rows per `INSERT` as the backend's parameter limit
//! allows, so that writing a file of 2,000 rows is a handful of statements, not 2,000.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, Iterable};

/// Bind parameters one statement may carry: SQLite allows 32,766 variables, PostgreSQL
/// 65,535 parameters.
pub fn parameter_limit(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Sqlite => 32_000,
        _ => 65_000,
    }
}

/// Keys one `IN (…)` list holds, for the reads and deletes that go with a batch.
pub const IDS_PER_STATEMENT: usize = 1000;

/// Rows of table `E` that fit in one statement.
fn rows_per_statement<E: EntityTrait>(backend: DbBackend) -> usize {
    let columns = E::Column::iter().count().max(1);
    (parameter_limit(backend) / columns).max(1)
}

/// Inserts `rows`, every column given, in as few statements as the limit allows.
pub async fn insert_all<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
{
    write::<A>(db, rows, None).await
}

/// Inserts `rows`, or on `conflict` updates the row in place, in as few statements as
/// the limit allows. Every column must be given: a row may be new.
pub async fn upsert_all<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    conflict: OnConflict,
) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
{
    write::<A>(db, rows, Some(conflict)).await
}

async fn write<A>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
    conflict: Option<OnConflict>,
) -> Result<(), DbErr>
where
    A: ActiveModelTrait,
{
    let per_statement = rows_per_statement::<A::Entity>(db.get_database_backend());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        let insert = A::Entity::insert_many(chunk);
        match &conflict {
            Some(conflict) => insert
                .on_conflict(conflict.clone())
                .exec_without_returning(db),
            None => insert.exec_without_returning(db),
        }
        .await?;
    }
    Ok(())
}
