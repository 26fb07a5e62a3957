//! Women workers' rights (女职工维权): cases on maternity protection (孕期、产期、哺乳期),
//! discrimination in hiring or pay, and sexual harassment. They are confidential: only
//! the assigned handlers and the women workers' committee (女职工委员会) see that a case
//! exists at all; everyone else, ADMIN included, sees counts in the reports. Every read
//! of a case is audited.

pub mod graphql;
pub mod service;
