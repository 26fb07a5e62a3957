//! Shared application state: what every request and every service needs.

use std::sync::Arc;

use crate::auth::jwt::Keys;
use crate::cache::{Kept, WriteEpoch};
use crate::cipher::DataKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{Db, WriteContext};
use crate::events::EventBus;

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
    /// Reports kept until the next write, one cache for each kind of report.
    pub reports: Arc<Kept>,
}

impl WriteContext for AppState {
    fn db(&self) -> &Db {
        &self.db
    }

    fn events(&self) -> &EventBus {
        &self.events
    }

    fn writes(&self) -> &WriteEpoch {
        &self.writes
    }
}
