//! Events for subscriptions, published only when the transaction that caused them commits.
//!
//! On SQLite (one process) they go straight to an in-process broadcast channel. On
//! PostgreSQL they go out with `pg_notify` inside the transaction — PostgreSQL delivers a
//! notification only on commit — and every replica's listener feeds its own channel, so a
//! subscriber on any replica sees changes made on any other. Events carry ids, not rows:
//! a notification payload is small, and subscribers load what they may see.
//!
//! Every write transaction on PostgreSQL also sends `DataChanged`, on which each other
//! replica drops the results it keeps (`cache`; the writer has dropped its own already). It travels inside the transaction, not after
//! it: PostgreSQL delivers it only if and once the transaction commits, to listeners that
//! then read the committed rows, and a process dying between commit and a separate send
//! cannot lose it. A replica that loses its listener's connection may miss some, so it
//! keeps nothing until it listens again.

use std::time::Duration;

use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::cache::WriteEpoch;

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
    /// Something was written by the server with this id (`WriteEpoch::server`): results
    /// kept in memory are stale. For the replicas' caches, not for subscribers.
    DataChanged(Uuid),
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

/// Sends `events`, and `DataChanged` from `writer`, inside the open transaction `txn`
/// (PostgreSQL only); they are delivered when it commits, to every replica's listener.
pub async fn notify(
    txn: &impl ConnectionTrait,
    writer: &WriteEpoch,
    events: &[Event],
) -> Result<(), DbErr> {
    let changed = Event::DataChanged(writer.server());
    let payloads = events
        .iter()
        .chain([&changed])
        .map(|event| serde_json::to_string(event).map_err(|e| DbErr::Custom(e.to_string())))
        .collect::<Result<Vec<String>, DbErr>>()?;
    // A SELECT list holds at most 1,664 entries: a large import sends several statements.
    for chunk in payloads.chunks(NOTIFICATIONS_PER_STATEMENT) {
        let mut values = vec![CHANNEL.into()];
        let mut calls = Vec::with_capacity(chunk.len());
        for payload in chunk {
            values.push(payload.as_str().into());
            calls.push(format!("pg_notify($1, ${})", values.len()));
        }
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {}", calls.join(", ")),
            values,
        ))
        .await?;
    }
    Ok(())
}

/// `pg_notify` calls in one statement, under PostgreSQL's limit of 1,664 select-list
/// entries.
const NOTIFICATIONS_PER_STATEMENT: usize = 1000;

/// Listens on the channel before it returns (a replica that cannot hear the others must
/// not start), then, until the process ends: feeds `bus` with the events, and moves
/// `writes` on every other server's `DataChanged`. On a lost connection it suspends
/// `writes` (nothing is kept while writes may go unheard), reconnects and resumes it.
pub async fn spawn_listener(
    db: &DatabaseConnection,
    bus: EventBus,
    writes: WriteEpoch,
) -> Result<(), DbErr> {
    let pool = db.get_postgres_connection_pool().clone();
    let mut listener = subscribe(&pool)
        .await
        .map_err(|e| DbErr::Custom(format!("cannot listen for notifications: {e}")))?;
    tokio::spawn(async move {
        loop {
            match relay(&mut listener, &bus, &writes).await {
                Err(sea_orm::sqlx::Error::PoolClosed) => return,
                Err(err) => tracing::warn!(%err, "event listener failed; reconnecting"),
                Ok(()) => tracing::warn!("event listener lost its connection; reconnecting"),
            }
            drop(listener);
            writes.suspend();
            listener = loop {
                match subscribe(&pool).await {
                    Ok(listener) => break listener,
                    Err(sea_orm::sqlx::Error::PoolClosed) => return,
                    Err(err) => {
                        tracing::warn!(%err, "event listener cannot reconnect; retrying");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            };
            writes.resume();
            tracing::info!("event listener reconnected; reports kept in memory dropped");
        }
    });
    Ok(())
}

/// A listener on `CHANNEL` that reports a lost connection instead of silently
/// reconnecting (so that what was missed meanwhile is known to be missed).
async fn subscribe(pool: &sea_orm::sqlx::PgPool) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Hands on notifications until the connection is lost (`Ok`) or fails otherwise.
async fn relay(
    listener: &mut PgListener,
    bus: &EventBus,
    writes: &WriteEpoch,
) -> Result<(), sea_orm::sqlx::Error> {
    while let Some(notification) = listener.try_recv().await? {
        match serde_json::from_str::<Event>(notification.payload()) {
            Ok(Event::DataChanged(writer)) if writer == writes.server() => {}
            Ok(Event::DataChanged(_)) => writes.advance(),
            Ok(event) => bus.publish(event),
            Err(err) => tracing::warn!(%err, "ignored a malformed event notification"),
        }
    }
    Ok(())
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
        let json = serde_json::to_string(&Event::DataChanged(id)).unwrap();
        assert_eq!(json, format!(r#"{{"kind":"DataChanged","id":"{id}"}}"#));
    }
}
