//! bangfu (帮扶): GraphQL API of a trade union's hardship-assistance registry
//! (困难职工帮扶) and its employment agency (职业介绍所).
//!
//! The server is built from workspace crates along the domain lines, so that cargo
//! compiles them side by side: `bangfu-core` (the platform), `bangfu-relief` and
//! `bangfu-jobs` (the two domains, independent of each other), `bangfu-desk` (the service
//! desk: contacts, petitions, legal aid), `bangfu-exchange` (exports,
//! imports and statistics) and `bangfu-demo`; this crate assembles the schema, serves
//! HTTP and starts the server. Every module is re-exported here under its old path.
//!
//! Data flows one way: GraphQL resolver → service (authorises, validates, opens a
//! transaction) → rules (decide, pure) → entities.

pub use bangfu_core::{
    AppState, Config, app, audit, auth, cache, calendar, cipher, clock, config, db, error, events,
    id_number, labels, org, pagination, privacy, search, spreadsheet, users, validate, workflow,
};
pub use bangfu_demo::demo;
pub use bangfu_desk::{contacts, legal_aid, model_workers, petitions, women_rights};
pub use bangfu_exchange::{exchange, stats};
pub use bangfu_jobs::{domestic, employment, fairs, training};
pub use bangfu_relief::{
    assistance, bank, campaigns, condolences, funds, in_kind, payouts, registry,
};

pub mod bootstrap;
pub mod graphiql;
pub mod graphql;
pub mod http;
