//! User accounts (用户): who may sign in, with which roles, in which org unit.

pub mod graphql;
pub mod rules;
pub mod service;
