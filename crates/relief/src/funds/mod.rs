//! Funds and ledgers (帮扶资金管理): income, payouts, corrections, balances that never go
//! below zero (量入为出), a hash chain that makes tampering visible, and the annual report.

pub mod graphql;
pub mod report;
pub mod rules;
pub mod service;
