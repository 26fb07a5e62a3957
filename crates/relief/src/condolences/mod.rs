//! Condolences (慰问) for union members, by the company union's rules: listed monthly by
//! branch unions, approved by the company union, paid through a payout batch.

pub mod graphql;
pub mod rules;
pub mod service;
