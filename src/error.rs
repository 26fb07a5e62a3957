//! The one error type of the service layer, and how it reaches a GraphQL client.
//!
//! Every variant maps to a stable `extensions.code` that frontends switch on. Rule refusals
//! carry `extensions.reasons` (stable codes such as `EXCLUDED_MULTIPLE_HOMES`). Database
//! and other internal errors are logged with their detail and shown only as `INTERNAL`.

use async_graphql::ErrorExtensions;
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
            Self::Internal(_) => "INTERNAL",
        }
    }

    fn reasons(&self) -> &[&'static str] {
        match self {
            Self::Unauthenticated { reasons, .. }
            | Self::BadUserInput { reasons, .. }
            | Self::Conflict { reasons, .. }
            | Self::InvalidState { reasons, .. } => reasons,
            _ => &[],
        }
    }
}

impl From<DbErr> for ApiError {
    /// A unique-key violation is a conflict the client caused; anything else is internal.
    fn from(err: DbErr) -> Self {
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
