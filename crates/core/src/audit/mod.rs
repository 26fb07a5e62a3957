//! Audit log (审计日志): who changed what, when, before and after.

pub mod graphql;
pub mod service;
