//! Events for subscriptions, published only when the transaction that caused them commits.
//!
//! On SQLite (one process) they go straight to an in-process broadcast channel. On
//! PostgreSQL they go out with `pg_notify` inside the transaction — PostgreSQL delivers a
//! notification only on commit — and every replica's listener feeds its own channel, so a
//! subscriber on any replica sees changes made on any other. Events carry ids, not rows:
//! a notification payload is small, and subscribers load what they may see.

use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

/// The PostgreSQL channel events travel on.
const CHANNEL: &str = "bangfu_events";

/// Something that happened and that subscribers may want.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id")]
pub enum Event {
    /// An audit log entry was appended.
    AuditAppended(Uuid),
    /// A posting was published to the job board.
    PostingPublished(Uuid),
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

/// Sends `events` inside the open transaction `txn` (PostgreSQL only); they are
/// delivered when it commits.
pub async fn notify(txn: &impl ConnectionTrait, events: &[Event]) -> Result<(), DbErr> {
    for event in events {
        let payload = serde_json::to_string(event).map_err(|e| DbErr::Custom(e.to_string()))?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), payload.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Feeds `bus` from PostgreSQL notifications until the process ends, reconnecting after
/// a lost connection.
pub fn spawn_listener(db: &DatabaseConnection, bus: EventBus) {
    let pool = db.get_postgres_connection_pool().clone();
    tokio::spawn(async move {
        loop {
            match listen(&pool, &bus).await {
                Ok(()) => return,
                Err(err) => {
                    tracing::warn!(%err, "event listener lost its connection; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
}

async fn listen(pool: &sea_orm::sqlx::PgPool, bus: &EventBus) -> Result<(), sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    loop {
        let notification = listener.recv().await?;
        match serde_json::from_str::<Event>(notification.payload()) {
            Ok(event) => bus.publish(event),
            Err(err) => tracing::warn!(%err, "ignored a malformed event notification"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_travel_as_small_json() {
        let id = Uuid::now_v7();
        let json = serde_json::to_string(&Event::AuditAppended(id)).unwrap();
        assert_eq!(json, format!(r#"{{"kind":"AuditAppended","id":"{id}"}}"#));
        assert_eq!(
            serde_json::from_str::<Event>(&json).unwrap(),
            Event::AuditAppended(id)
        );
    }
}
