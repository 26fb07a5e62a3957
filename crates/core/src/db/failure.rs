//! What a database error says about the connection it happened on: a lost connection is
//! told apart from a failed statement, so that a read can be tried again and the client
//! told `UNAVAILABLE`.

use sea_orm::{DbErr, RuntimeErr};

/// What a database error says about the connection it happened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The connection broke under the statement (closed, reset, its server process
    /// terminated): the statement may be sent again on another connection if it only
    /// reads.
    ConnectionLost,
    /// No connection could be had: the pool timed out or is closed, the server refuses
    /// connections (starting up, full) or the connection could not be set up.
    NoConnection,
    /// The statement itself failed; the connection is fine.
    Statement,
}

impl Failure {
    /// Whether the database, not the request, is at fault: the client may try again.
    pub fn is_unavailable(self) -> bool {
        self != Self::Statement
    }
}

/// Classifies a database error.
pub fn classify(err: &DbErr) -> Failure {
    match err {
        DbErr::ConnectionAcquire(_) => Failure::NoConnection,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => sqlx_failure(e),
        DbErr::Conn(_) => Failure::NoConnection,
        _ => Failure::Statement,
    }
}

fn sqlx_failure(err: &sea_orm::sqlx::Error) -> Failure {
    use sea_orm::sqlx::Error;
    match err {
        Error::Io(_) => Failure::ConnectionLost,
        Error::Tls(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed => {
            Failure::NoConnection
        }
        Error::Database(e) => e
            .code()
            .map_or(Failure::Statement, |c| sqlstate_failure(&c)),
        _ => Failure::Statement,
    }
}

/// PostgreSQL's SQLSTATEs for a lost or refused connection: class 08 (connection
/// exception, also what poolers such as PgBouncer answer when their server connection
/// broke), `57P01` admin shutdown (`pg_terminate_backend`, a fast shutdown), `57P02`
/// crash shutdown; `57P03` cannot connect now and `53300` too many connections.
fn sqlstate_failure(code: &str) -> Failure {
    match code {
        "57P01" | "57P02" => Failure::ConnectionLost,
        c if c.starts_with("08") => Failure::ConnectionLost,
        "57P03" | "53300" => Failure::NoConnection,
        _ => Failure::Statement,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::borrow::Cow;
    use std::sync::Arc;

    use sea_orm::ConnAcquireErr;
    use sea_orm::sqlx::error::{DatabaseError, ErrorKind};

    use super::*;

    /// A server error with a SQLSTATE, as PostgreSQL sends it.
    #[derive(Debug, thiserror::Error)]
    #[error("{message}")]
    struct ServerError {
        code: &'static str,
        message: &'static str,
    }

    impl DatabaseError for ServerError {
        fn message(&self) -> &str {
            self.message
        }
        fn code(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.code))
        }
        fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
            self
        }
        fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
            self
        }
        fn kind(&self) -> ErrorKind {
            ErrorKind::Other
        }
    }

    pub(crate) fn sqlx(err: sea_orm::sqlx::Error) -> DbErr {
        DbErr::Query(RuntimeErr::SqlxError(Arc::new(err)))
    }

    pub(crate) fn server(code: &'static str, message: &'static str) -> DbErr {
        sqlx(sea_orm::sqlx::Error::Database(Box::new(ServerError {
            code,
            message,
        })))
    }

    fn io(kind: std::io::ErrorKind) -> DbErr {
        sqlx(sea_orm::sqlx::Error::Io(kind.into()))
    }

    #[test]
    fn a_connection_that_broke_under_a_statement_is_lost() {
        for err in [
            server(
                "57P01",
                "terminating connection due to administrator command",
            ),
            server(
                "57P02",
                "terminating connection due to crash of another process",
            ),
            server("08006", "connection failure"),
            server("08P01", "server conn crashed?"),
            io(std::io::ErrorKind::UnexpectedEof),
            io(std::io::ErrorKind::ConnectionReset),
            io(std::io::ErrorKind::BrokenPipe),
            DbErr::Exec(RuntimeErr::SqlxError(Arc::new(sea_orm::sqlx::Error::Io(
                std::io::ErrorKind::ConnectionAborted.into(),
            )))),
        ] {
            assert_eq!(classify(&err), Failure::ConnectionLost, "{err}");
        }
    }

    #[test]
    fn no_connection_to_be_had_is_unavailable_but_not_retried() {
        for err in [
            DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
            DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
            DbErr::Conn(RuntimeErr::SqlxError(Arc::new(
                sea_orm::sqlx::Error::PoolTimedOut,
            ))),
            server("57P03", "the database system is starting up"),
            server("53300", "sorry, too many clients already"),
        ] {
            assert_eq!(classify(&err), Failure::NoConnection, "{err}");
            assert!(classify(&err).is_unavailable());
        }
    }

    #[test]
    fn a_failing_statement_is_not_a_connection_problem() {
        for err in [
            server("23505", "duplicate key value violates unique constraint"),
            server("40001", "could not serialize access"),
            server("57014", "canceling statement due to statement timeout"),
            server("42P01", "relation does not exist"),
            sqlx(sea_orm::sqlx::Error::RowNotFound),
            sqlx(sea_orm::sqlx::Error::Protocol("unexpected message".into())),
            DbErr::RecordNotFound("worker".into()),
            DbErr::Custom("anything".into()),
        ] {
            assert_eq!(classify(&err), Failure::Statement, "{err}");
            assert!(!classify(&err).is_unavailable());
        }
    }
}
