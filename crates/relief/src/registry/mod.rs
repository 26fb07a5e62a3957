//! Hardship registry (困难职工档案): workers, households, eligibility and cases.

pub mod case_graphql;
pub mod cases;
pub mod graphql;
pub mod household;
pub mod lifecycle;
pub mod rules;
pub mod screening;
pub mod service;
pub mod types;
