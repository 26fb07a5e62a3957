//! Events for subscriptions. Published only after the transaction that caused them has
//! committed; fanned out in-process (one replica, SQLite) through a broadcast channel.

use std::sync::Arc;

use tokio::sync::broadcast;

/// Something that happened and that subscribers may want.
#[derive(Debug, Clone)]
pub enum Event {
    /// An audit log entry was appended.
    AuditAppended(Arc<entity::audit_log::Model>),
}

/// The in-process fan-out of committed events.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Event>,
}

impl Default for EventBus {
    fn default() -> Self {
        let (sender, _) = broadcast::channel(1024);
        Self { sender }
    }
}

impl EventBus {
    pub fn publish(&self, event: Event) {
        // No subscriber is not an error.
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }
}
