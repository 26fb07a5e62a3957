//! Assistance (救助): the subsidy standards and the applications of filed cases, through
//! review and public notice to payment.

pub mod graphql;
pub mod rules;
pub mod service;
