//! Petitions (信访事项): accepted or declined within the acceptance period, answered within
//! the answer period (extendable once), and open to one review (复查). The periods are
//! policy rows of the root unit, kept with each petition at receipt.

pub mod graphql;
pub mod policy;
pub mod rules;
pub mod service;
