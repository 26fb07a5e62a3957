//! Hardship relief (困难职工帮扶): the registry of workers, households and cases, the
//! assistance applications, the funds and their ledgers, payouts and the bank's files,
//! condolences and campaigns, and in-kind aid (爱心超市).

use bangfu_core::{
    app, audit, auth, clock, db, error, graphql, id_number, org, pagination, privacy, search,
    spreadsheet, users, validate, workflow,
};

pub mod assistance;
pub mod bank;
pub mod campaigns;
pub mod condolences;
pub mod funds;
pub mod in_kind;
pub mod payouts;
pub mod registry;
