//! Shared application state: what every request and every service needs.

use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::auth::jwt::Keys;
use crate::clock::Clock;
use crate::config::Config;
use crate::events::EventBus;

/// Cheap to clone: every field is a handle.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub keys: Keys,
    pub events: EventBus,
    pub clock: Clock,
}
