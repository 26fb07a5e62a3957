//! Shared application state: what every request and every service needs.

use std::sync::Arc;

use entity::{org_unit, user};
use uuid::Uuid;

use crate::auth::jwt::Keys;
use crate::cache::{Cache, Kept, WriteEpoch};
use crate::cipher::DataKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{Db, WriteContext};
use crate::events::EventBus;

/// Callers' accounts with their org units, by user id, kept until the next write on any
/// replica (`AppState::callers`). Disabling an account, changing its roles, unit or
/// password are writes, so each takes effect at the next request as if it were read
/// afresh; a read that began before such a write is never kept past it (`cache`).
pub type Callers = Cache<Uuid, Option<(user::Model, org_unit::Model)>>;

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
    /// Callers' accounts kept until the next write, so that a request does not read its
    /// caller again.
    pub callers: Arc<Callers>,
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
