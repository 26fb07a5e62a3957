//! bangfu (帮扶): GraphQL API of a trade union's hardship-assistance registry
//! (困难职工帮扶) and its employment agency (职业介绍所).
//!
//! Data flows one way: GraphQL resolver → service (authorises, validates, opens a
//! transaction) → rules (decide, pure) → entities.

pub mod app;
pub mod assistance;
pub mod audit;
pub mod auth;
pub mod bank;
pub mod bootstrap;
pub mod cache;
pub mod calendar;
pub mod campaigns;
pub mod clock;
pub mod condolences;
pub mod config;
pub mod db;
pub mod demo;
pub mod employment;
pub mod error;
pub mod events;
pub mod exchange;
pub mod fairs;
pub mod funds;
pub mod graphiql;
pub mod graphql;
pub mod http;
pub mod id_number;
pub mod labels;
pub mod org;
pub mod pagination;
pub mod payouts;
pub mod privacy;
pub mod registry;
pub mod search;
pub mod spreadsheet;
pub mod stats;
pub mod training;
pub mod users;
pub mod validate;
pub mod workflow;

pub use app::AppState;
pub use config::Config;
