//! The platform under every domain of bangfu (帮扶): errors, the database and its
//! transactions, sign-in, roles and the org scope, the org tree, users, the audit log,
//! the one review workflow, the Chinese labels, spreadsheet files, and the GraphQL
//! plumbing (connections, the DataLoader, global ids, scalars) the domains' types use.
//!
//! Data flows one way: GraphQL resolver → service (authorises, validates, opens a
//! transaction) → rules (decide, pure) → entities.

pub mod app;
pub mod audit;
pub mod auth;
pub mod cache;
pub mod calendar;
pub mod cipher;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod events;
pub mod graphql;
pub mod http;
pub mod id_number;
pub mod labels;
pub mod org;
pub mod pagination;
pub mod privacy;
pub mod search;
pub mod spreadsheet;
pub mod users;
pub mod validate;
pub mod workflow;

pub use app::AppState;
pub use config::Config;
