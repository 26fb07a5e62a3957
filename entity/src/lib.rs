//! Database entities of bangfu, one module per table.
//!
//! Enumerations stored in columns derive both `DeriveActiveEnum` (stored as stable English
//! strings) and `async_graphql::Enum`, so the GraphQL schema and the database share one
//! definition; each variant's doc comment becomes its GraphQL description.

pub mod app_setting;
pub mod audit_log;
pub mod enums;
pub mod login_throttle;
pub mod org_unit;
pub mod user;

pub use enums::*;
