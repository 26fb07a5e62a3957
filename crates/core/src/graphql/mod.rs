//! GraphQL plumbing every domain's types use: Relay connections, the request context,
//! the per-request DataLoader, global ids and the scalars. The schema itself is assembled
//! in the `bangfu` crate, above every domain.

pub mod connection;
pub mod context;
pub mod list;
pub mod loader;
pub mod node;
pub mod scalars;
