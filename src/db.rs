//! Database connection and transactions. SQLite gets WAL, foreign keys and a busy
//! timeout; every write transaction on SQLite starts `IMMEDIATE`, so two writers queue
//! instead of failing on a lock upgrade.

use std::time::Duration;

use migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::app::AppState;
use crate::cache::WriteEpoch;
use crate::events::{Event, EventBus};

/// Opens the pool for `url` with the settings each backend needs.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    opts.max_connections(if in_memory { 1 } else { max_connections })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30))
        });
    Database::connect(opts).await
}

/// Brings the schema up to date.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    migration::Migrator::up(db, None).await
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            db.begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
        }
        _ => db.begin().await,
    }
}

/// One use case's transaction: the writes, their audit rows, and the events to publish
/// once (and only if) it commits. Dropping it without `commit` rolls everything back.
pub struct Tx {
    txn: DatabaseTransaction,
    events: Vec<Event>,
    bus: EventBus,
    writes: WriteEpoch,
}

impl Tx {
    pub async fn begin(state: &AppState) -> Result<Self, DbErr> {
        Ok(Self {
            txn: begin_write(&state.db).await?,
            events: Vec::new(),
            bus: state.events.clone(),
            writes: state.writes.clone(),
        })
    }

    /// Queues an event for after the commit.
    pub fn publish(&mut self, event: Event) {
        self.events.push(event);
    }

    /// Commits; then results kept in memory know they are stale (the write epoch moves,
    /// whatever happens to the request afterwards; on PostgreSQL every other replica's
    /// moves too, on the `DataChanged` sent with the transaction), and the queued events
    /// reach subscribers (through PostgreSQL's notifications, or the in-process channel
    /// on SQLite).
    pub async fn commit(self) -> Result<(), DbErr> {
        let via_postgres = self.txn.get_database_backend() == DbBackend::Postgres;
        if via_postgres {
            crate::events::notify(&self.txn, &self.writes, &self.events).await?;
        }
        self.txn.commit().await?;
        self.writes.advance();
        if !via_postgres {
            for event in self.events {
                self.bus.publish(event);
            }
        }
        Ok(())
    }
}

/// Rows were written outside a `Tx`, each statement committed on its own (the notice
/// sweep): the write epoch moves here and, on PostgreSQL, a `DataChanged` notification
/// goes to every replica at once. A failed notification is logged: the other replicas'
/// kept reports then show the write only when they age out.
pub async fn announce_write(state: &AppState) {
    state.writes.advance();
    if state.db.get_database_backend() == DbBackend::Postgres
        && let Err(err) = crate::events::notify(&state.db, &state.writes, &[]).await
    {
        tracing::warn!(%err, "could not tell the other replicas of a write");
    }
}

impl std::ops::Deref for Tx {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &Self::Target {
        &self.txn
    }
}

/// `SUM(column)` as a BIGINT, 0 when there are no rows: PostgreSQL sums a BIGINT into a
/// NUMERIC, SQLite into an INTEGER; both read back as `i64` this way.
pub fn sum_of(column: &str) -> sea_orm::sea_query::SimpleExpr {
    sea_orm::sea_query::Expr::cust(format!("CAST(COALESCE(SUM({column}), 0) AS BIGINT)"))
}
