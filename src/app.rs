//! Shared application state: what every request and every service needs.

use std::sync::Arc;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::auth::jwt::Keys;
use crate::bank::cipher::DataKeys;
use crate::cache::{Cache, WriteEpoch};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use crate::events::EventBus;
use crate::stats::service::HardshipStats;

/// Cheap to clone: every field is a handle.
#[derive(Clone)]
pub struct AppState {
    /// The pool; reads that lose their connection are retried once.
    pub db: Db,
    pub config: Arc<Config>,
    pub keys: Keys,
    /// Seal and open bank account numbers.
    pub data_keys: DataKeys,
    pub events: EventBus,
    pub clock: Clock,
    /// Moves on after every write, so that kept results know they are stale.
    pub writes: WriteEpoch,
    /// Hardship reports by org unit and date.
    pub hardship_reports: Arc<Cache<(Uuid, NaiveDate), HardshipStats>>,
}
