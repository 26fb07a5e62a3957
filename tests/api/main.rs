//! The API test suite: GraphQL operations through the real schema against a real
//! database (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), and a wiring module
//! that drives the real HTTP server.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod bank;
mod bank_files;
mod bank_import;
mod cases;
mod demo;
mod desk;
mod domestic;
mod employment;
mod export_stream;
mod exports;
mod fairs;
mod fixtures;
mod funds;
mod helpers;
mod imports;
mod in_kind;
mod layers;
mod org;
mod platform;
mod protocol;
mod registry;
mod resilience;
mod rights;
mod server;
mod statements;
mod stats;
mod users;
mod wiring;
