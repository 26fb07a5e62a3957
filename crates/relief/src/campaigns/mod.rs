//! Seasonal care campaigns (送温暖 / 送清凉 / 金秋助学): a budget from a fund, recipients
//! chosen from filed cases, paid through a payout batch.

pub mod graphql;
pub mod service;
