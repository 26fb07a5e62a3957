//! The one error type of the service layer, and how it reaches a GraphQL client.
//!
//! Every variant maps to a stable `extensions.code` that frontends switch on. Rule refusals
//! carry `extensions.reasons` (stable codes such as `EXCLUDED_MULTIPLE_HOMES`). A database
//! that cannot be reached, or a connection lost under a request, is `UNAVAILABLE`: the
//! client may try again. Other database and internal errors are logged with their detail
//! and shown only as `INTERNAL`.

use std::sync::Arc;

use async_graphql::ErrorExtensions;
use axum::http::StatusCode;
use sea_orm::{DbErr, SqlErr};

/// Result of a service call.
pub type ApiResult<T> = Result<T, ApiError>;

/// An error a client can act on, or an internal one it cannot.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid token: log in first. (`UNAUTHENTICATED`)
    #[error("{message}")]
    Unauthenticated {
        message: String,
        reasons: Vec<&'static str>,
    },
    /// Logged in, but the role or the org scope does not allow this. (`FORBIDDEN`)
    #[error("{0}")]
    Forbidden(String),
    /// No such object within the caller's scope. (`NOT_FOUND`)
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    /// A field of the input is invalid. (`BAD_USER_INPUT`)
    #[error("{field}: {message}")]
    BadUserInput {
        field: String,
        message: String,
        reasons: Vec<&'static str>,
    },
    /// The change collides with existing data (a duplicate, a race lost). (`CONFLICT`)
    #[error("{message}")]
    Conflict {
        message: String,
        reasons: Vec<&'static str>,
    },
    /// The object is not in a state that allows this step. (`INVALID_STATE`)
    #[error("{message}")]
    InvalidState {
        message: String,
        reasons: Vec<&'static str>,
    },
    /// The database could not be reached, or the connection was lost under the request
    /// (a failover, a restarted pooler); try again shortly. Reads were already tried a
    /// second time. A change was rolled back and nothing was written, unless `reasons`
    /// holds `OUTCOME_UNKNOWN`: the connection broke while committing, so the change may
    /// or may not have been saved; look before repeating it. (`UNAVAILABLE`; HTTP 503,
    /// with `Retry-After`, when the whole request failed)
    #[error("{message}")]
    Unavailable {
        message: String,
        reasons: Vec<&'static str>,
    },
    /// Anything the client cannot fix; the detail goes to the log only. (`INTERNAL`)
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::Unauthenticated {
            message: message.into(),
            reasons: Vec::new(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::Forbidden(message.into())
    }

    pub fn not_found(entity: &'static str) -> Self {
        Self::NotFound { entity }
    }

    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
            reasons: Vec::new(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
            reasons: Vec::new(),
        }
    }

    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::InvalidState {
            message: message.into(),
            reasons: Vec::new(),
        }
    }

    /// The database cannot be reached or the connection was lost; nothing was written.
    pub fn unavailable() -> Self {
        Self::Unavailable {
            message: "the database is unavailable; try again shortly".into(),
            reasons: Vec::new(),
        }
    }

    /// The connection broke while committing: the change may or may not be saved.
    pub fn outcome_unknown() -> Self {
        Self::Unavailable {
            message: "the database connection was lost while saving; the change may or may \
                      not have been saved"
                .into(),
            reasons: vec!["OUTCOME_UNKNOWN"],
        }
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// The stable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated { .. } => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound { .. } => "NOT_FOUND",
            Self::BadUserInput { .. } => "BAD_USER_INPUT",
            Self::Conflict { .. } => "CONFLICT",
            Self::InvalidState { .. } => "INVALID_STATE",
            Self::Unavailable { .. } => "UNAVAILABLE",
            Self::Internal(_) => "INTERNAL",
        }
    }

    /// The HTTP status when this error fails a whole request (before GraphQL runs, or a
    /// download).
    pub fn http_status(&self) -> StatusCode {
        match self {
            Self::Unauthenticated { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::BadUserInput { .. } => StatusCode::BAD_REQUEST,
            Self::Conflict { .. } | Self::InvalidState { .. } => StatusCode::CONFLICT,
            Self::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable reason codes of a refusal (`extensions.reasons`).
    pub fn reasons(&self) -> &[&'static str] {
        match self {
            Self::Unauthenticated { reasons, .. }
            | Self::BadUserInput { reasons, .. }
            | Self::Conflict { reasons, .. }
            | Self::InvalidState { reasons, .. }
            | Self::Unavailable { reasons, .. } => reasons,
            _ => &[],
        }
    }
}

/// A lookup whose refusal the use case reports in its own words.
pub trait OrRefused<T> {
    /// The error `instead()` when the lookup was refused (the record is missing or out of
    /// the caller's scope), e.g. BAD_USER_INPUT naming the input field; a failure of the
    /// database itself (UNAVAILABLE, INTERNAL) stays as it is, so that a lost connection
    /// never tells the client its input was wrong.
    fn or_refused(self, instead: impl FnOnce() -> ApiError) -> ApiResult<T>;
}

impl<T> OrRefused<T> for ApiResult<T> {
    fn or_refused(self, instead: impl FnOnce() -> ApiError) -> ApiResult<T> {
        self.map_err(|err| match err {
            ApiError::Unavailable { .. } | ApiError::Internal(_) => err,
            _ => instead(),
        })
    }
}

impl From<DbErr> for ApiError {
    /// A lost or missing connection is unavailability; a unique-key violation is a
    /// conflict the client caused; anything else is internal.
    fn from(err: DbErr) -> Self {
        Self::from(&err)
    }
}

impl From<Arc<DbErr>> for ApiError {
    /// A DataLoader's error, classified as any other database error.
    fn from(err: Arc<DbErr>) -> Self {
        Self::from(err.as_ref())
    }
}

impl From<&DbErr> for ApiError {
    fn from(err: &DbErr) -> Self {
        if crate::db::failure::classify(err).is_unavailable() {
            tracing::warn!(error = %err, "database unavailable");
            return Self::unavailable();
        }
        if let Some(SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return Self::conflict("a record with the same unique key already exists");
        }
        // Lost a race the database resolved by aborting this transaction: the client may
        // simply try again.
        let text = err.to_string();
        if [
            "deadlock detected",
            "could not serialize",
            "database is locked",
        ]
        .iter()
        .any(|m| text.contains(m))
        {
            return Self::Conflict {
                message: "another change got there first; try again".into(),
                reasons: vec!["RETRY"],
            };
        }
        Self::Internal(text)
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        if let Self::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code());
            if let Self::BadUserInput { field, .. } = self {
                ext.set("field", field.as_str());
            }
            let reasons = self.reasons();
            if !reasons.is_empty() {
                ext.set(
                    "reasons",
                    async_graphql::Value::List(
                        reasons
                            .iter()
                            .map(|r| async_graphql::Value::from(*r))
                            .collect(),
                    ),
                );
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnAcquireErr, RuntimeErr};

    use super::*;

    fn extensions(err: &ApiError) -> serde_json::Value {
        serde_json::to_value(err.extend().extensions).unwrap()
    }

    #[test]
    fn a_lost_connection_is_unavailable_not_internal() {
        let lost = DbErr::Query(RuntimeErr::SqlxError(Arc::new(sea_orm::sqlx::Error::Io(
            std::io::ErrorKind::ConnectionReset.into(),
        ))));
        let err = ApiError::from(lost);
        assert_eq!(err.code(), "UNAVAILABLE");
        assert_eq!(err.http_status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(extensions(&err)["code"], "UNAVAILABLE");
        assert!(extensions(&err).get("reasons").is_none());

        let timeout = Arc::new(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert_eq!(ApiError::from(timeout).code(), "UNAVAILABLE");
    }

    #[test]
    fn a_commit_cut_off_says_its_outcome_is_unknown() {
        let err = ApiError::outcome_unknown();
        assert_eq!(err.code(), "UNAVAILABLE");
        assert_eq!(
            extensions(&err)["reasons"],
            serde_json::json!(["OUTCOME_UNKNOWN"])
        );
    }

    #[test]
    fn a_refused_lookup_is_reported_as_asked_but_a_lost_connection_is_not() {
        let instead = || ApiError::bad_input("orgUnitId", "no such org unit in your scope");
        for refused in [
            ApiError::not_found("OrgUnit"),
            ApiError::forbidden("not yours"),
        ] {
            let looked_up: ApiResult<()> = Err(refused);
            assert_eq!(
                looked_up.or_refused(instead).unwrap_err().code(),
                "BAD_USER_INPUT"
            );
        }
        for failed in [ApiError::unavailable(), ApiError::internal("boom")] {
            let code = failed.code();
            let looked_up: ApiResult<()> = Err(failed);
            assert_eq!(looked_up.or_refused(instead).unwrap_err().code(), code);
        }
        assert!(Ok(()).or_refused(instead).is_ok());
    }

    #[test]
    fn other_database_errors_stay_internal_and_hide_their_detail() {
        let err = ApiError::from(DbErr::Custom("relation \"secret\" does not exist".into()));
        assert_eq!(err.code(), "INTERNAL");
        assert_eq!(err.http_status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(err.extend().message, "internal error");
    }
}
