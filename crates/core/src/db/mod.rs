//! Database connection and transactions. SQLite gets WAL, foreign keys and a busy
//! timeout; every write transaction on SQLite starts `IMMEDIATE`, so two writers queue
//! instead of failing on a lock upgrade.
//!
//! A lost connection (a failover, a restarted pooler, a server process terminated by an
//! administrator) is told apart from other failures ([`failure`]): a read that lost its
//! connection is sent once more on a fresh one ([`Db`]); a write is never sent twice, and
//! the client gets `UNAVAILABLE` (see [`crate::error::ApiError::Unavailable`]).

use std::future::Future;
use std::time::Duration;

use entity::row_at::RowAt;
use migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, ExecResult, QueryResult, QueryTrait, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};

pub mod batch;
pub mod failure;

use failure::{Failure, classify};

use crate::cache::WriteEpoch;
use crate::error::{ApiError, ApiResult};
use crate::events::{Event, EventBus};

/// Opens the pool for `url` with the settings each backend needs.
pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url.to_owned());
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    opts.max_connections(if in_memory { 1 } else { max_connections })
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        // sqlx's default, stated because the recovery from lost connections relies on
        // it: a pooled connection is pinged before it is handed out, and one whose server
        // went away is dropped instead of failing the next statement.
        .test_before_acquire(true)
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

/// Begins a transaction that will write. On SQLite it takes the write lock at once. A
/// `BEGIN` that lost its connection started nothing, so it is sent once more.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    again_if_lost(|| async {
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
    })
    .await
}

/// Runs `attempt`, and once more when it lost its connection: only for work that
/// changes nothing (a read, a `BEGIN`), which is safe to do twice. The pool tests a
/// connection before handing it out, so the second attempt gets a live one.
async fn again_if_lost<T, F, Fut>(mut attempt: F) -> Result<T, DbErr>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, DbErr>>,
{
    match attempt().await {
        Err(err) if classify(&err) == Failure::ConnectionLost => {
            tracing::warn!(error = %err, "database connection lost; trying again");
            attempt().await
        }
        done => done,
    }
}

/// Whether a statement only reads: a `SELECT` (none of this project's, outside a
/// transaction, calls a function that writes).
fn only_reads(sql: &str) -> bool {
    sql.trim_start()
        .get(..6)
        .is_some_and(|word| word.eq_ignore_ascii_case("select"))
}

/// The pool as requests use it. A statement sent through it that only reads, outside
/// any transaction, is sent once more on a fresh connection when the first attempt lost
/// its connection; anything else is sent once. It derefs to the sea-orm pool for what
/// takes one (transactions, pool settings, functions that take a `&DatabaseConnection`,
/// whose reads are then not retried).
#[derive(Clone)]
pub struct Db(DatabaseConnection);

impl From<DatabaseConnection> for Db {
    fn from(pool: DatabaseConnection) -> Self {
        Self(pool)
    }
}

impl std::ops::Deref for Db {
    type Target = DatabaseConnection;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Db {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Db {
    /// Sends `stmt` with `send`, again if it only reads and lost its connection.
    async fn send<T, F, Fut>(stmt: Statement, send: F) -> Result<T, DbErr>
    where
        F: Fn(Statement) -> Fut,
        Fut: Future<Output = Result<T, DbErr>>,
    {
        if only_reads(&stmt.sql) {
            again_if_lost(|| send(stmt.clone())).await
        } else {
            send(stmt).await
        }
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for Db {
    fn get_database_backend(&self) -> DbBackend {
        self.0.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        Self::send(stmt, |s| self.0.execute_raw(s)).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        if only_reads(sql) {
            again_if_lost(|| self.0.execute_unprepared(sql)).await
        } else {
            self.0.execute_unprepared(sql).await
        }
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        Self::send(stmt, |s| self.0.query_one_raw(s)).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        Self::send(stmt, |s| self.0.query_all_raw(s)).await
    }

    fn support_returning(&self) -> bool {
        self.0.support_returning()
    }

    fn is_mock_connection(&self) -> bool {
        self.0.is_mock_connection()
    }
}

/// What writing needs of the application: the pool, the event bus and the write epoch.
/// The app state provides them; this layer does not know the app.
pub trait WriteContext {
    fn db(&self) -> &Db;
    fn events(&self) -> &EventBus;
    fn writes(&self) -> &WriteEpoch;
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
    pub async fn begin(state: &impl WriteContext) -> Result<Self, DbErr> {
        Ok(Self {
            txn: begin_write(state.db()).await?,
            events: Vec::new(),
            bus: state.events().clone(),
            writes: state.writes().clone(),
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
    /// on SQLite). A connection lost before `COMMIT` rolled everything back; one lost
    /// during it leaves the outcome unknown: the error says so (`OUTCOME_UNKNOWN`), and
    /// kept results are taken as stale all the same.
    pub async fn commit(self) -> ApiResult<()> {
        let via_postgres = self.txn.get_database_backend() == DbBackend::Postgres;
        if via_postgres {
            crate::events::notify(&self.txn, &self.writes, &self.events).await?;
        }
        self.txn.commit().await.map_err(|err| {
            if classify(&err).is_unavailable() {
                tracing::warn!(error = %err, "connection lost during COMMIT");
                self.writes.advance();
                ApiError::outcome_unknown()
            } else {
                ApiError::from(err)
            }
        })?;
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
pub async fn announce_write(state: &impl WriteContext) {
    state.writes().advance();
    if state.db().get_database_backend() == DbBackend::Postgres
        && let Err(err) = crate::events::notify(state.db(), state.writes(), &[]).await
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

/// Runs `query` and reads its rows by column position (`entity::row_at`), their columns
/// checked on the first: for the lists and loaders read most.
pub async fn all_at<T: RowAt>(
    db: &impl ConnectionTrait,
    query: impl QueryTrait,
) -> Result<Vec<T>, DbErr> {
    let statement = query.build(db.get_database_backend());
    let rows = db.query_all_raw(statement).await?;
    if let Some(first) = rows.first() {
        T::check(first)?;
    }
    rows.iter().map(T::read).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use sea_orm::ConnAcquireErr;

    use super::failure::tests::server;
    use super::*;

    #[test]
    fn only_selects_count_as_reads() {
        assert!(only_reads("SELECT \"worker\".\"id\" FROM \"worker\""));
        assert!(only_reads("  select count(*) from worker"));
        assert!(!only_reads("INSERT INTO worker VALUES ($1) RETURNING id"));
        assert!(!only_reads("UPDATE worker SET name = $1"));
        assert!(!only_reads("DELETE FROM worker"));
        assert!(!only_reads(
            "WITH x AS (DELETE FROM worker RETURNING *) SELECT * FROM x"
        ));
        assert!(!only_reads(""));
    }

    /// Runs `again_if_lost` over attempts that fail with `errors` in turn, then succeed;
    /// the result and the number of attempts made.
    async fn attempts(errors: Vec<DbErr>) -> (Result<(), DbErr>, usize) {
        let made = AtomicUsize::new(0);
        let errors = std::sync::Mutex::new(errors.into_iter());
        let result = again_if_lost(|| {
            made.fetch_add(1, Ordering::SeqCst);
            let next = errors.lock().unwrap().next();
            async move { next.map_or(Ok(()), Err) }
        })
        .await;
        (result, made.load(Ordering::SeqCst))
    }

    #[tokio::test]
    async fn a_lost_read_is_tried_once_more_and_only_once() {
        let lost = || server("57P01", "terminating connection");
        let (result, made) = attempts(vec![lost()]).await;
        assert!(result.is_ok());
        assert_eq!(made, 2);

        let (result, made) = attempts(vec![lost(), lost(), lost()]).await;
        assert_eq!(classify(&result.unwrap_err()), Failure::ConnectionLost);
        assert_eq!(made, 2);
    }

    #[tokio::test]
    async fn other_failures_are_not_tried_again() {
        for err in [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            server("23505", "duplicate key"),
        ] {
            let (result, made) = attempts(vec![err]).await;
            assert!(result.is_err());
            assert_eq!(made, 1);
        }
        let (result, made) = attempts(Vec::new()).await;
        assert!(result.is_ok());
        assert_eq!(made, 1);
    }
}
