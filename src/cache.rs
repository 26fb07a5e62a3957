//! Results kept in memory between writes (报表缓存). A city-wide report reads every case;
//! dashboards ask for the same one again and again. A kept result is served until the
//! next write through this server (the write epoch moves) or until it is older than the
//! configured age, whichever comes first; concurrent asks for the same result share one
//! computation. Replicas each keep their own, so another replica's write shows within
//! that age.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

/// Counts the writes made through this server: every committed `db::Tx` (each use case's
/// transaction, the notice sweeps' included) moves it on, right after the commit, whatever
/// becomes of the request afterwards.
#[derive(Debug, Clone, Default)]
pub struct WriteEpoch(Arc<AtomicU64>);

impl WriteEpoch {
    pub fn current(&self) -> u64 {
        self.0.load(Ordering::Acquire)
    }

    pub fn advance(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// More keys than this and the stale ones are dropped, then all of them: a bound on
/// memory when callers vary the arguments.
const MAX_ENTRIES: usize = 256;

struct Slot<V> {
    epoch: u64,
    made: Instant,
    value: OnceCell<V>,
}

/// Results by key, valid for one write epoch and at most `max_age`.
pub struct Cache<K, V> {
    epoch: WriteEpoch,
    max_age: Duration,
    slots: Mutex<HashMap<K, Arc<Slot<V>>>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Cache<K, V> {
    /// A cache that follows `epoch`; a zero `max_age` keeps nothing.
    pub fn new(epoch: WriteEpoch, max_age: Duration) -> Self {
        Self {
            epoch,
            max_age,
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The kept result for `key`, or the one `compute` makes (an error is not kept).
    pub async fn get_or_try<E, F>(&self, key: K, compute: F) -> Result<V, E>
    where
        F: Future<Output = Result<V, E>>,
    {
        if self.max_age.is_zero() {
            return compute.await;
        }
        let slot = self.slot(key);
        slot.value.get_or_try_init(|| compute).await.cloned()
    }

    /// The live slot of `key`, or a fresh one for the current epoch.
    fn slot(&self, key: K) -> Arc<Slot<V>> {
        let epoch = self.epoch.current();
        let live = |s: &Slot<V>| s.epoch == epoch && s.made.elapsed() < self.max_age;
        // A panic elsewhere while holding the lock leaves the map usable: it holds no
        // invariant a half-done insert could break.
        let mut slots = self
            .slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(slot) = slots.get(&key).filter(|s| live(s)) {
            return slot.clone();
        }
        if slots.len() >= MAX_ENTRIES {
            slots.retain(|_, s| live(s));
            if slots.len() >= MAX_ENTRIES {
                slots.clear();
            }
        }
        let slot = Arc::new(Slot {
            epoch,
            made: Instant::now(),
            value: OnceCell::new(),
        });
        slots.insert(key, slot.clone());
        slot
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    async fn counted(calls: &AtomicUsize, value: u32) -> Result<u32, ()> {
        calls.fetch_add(1, Ordering::SeqCst);
        tokio::task::yield_now().await;
        Ok(value)
    }

    #[tokio::test]
    async fn keeps_a_result_until_the_next_write() {
        let epoch = WriteEpoch::default();
        let cache = Cache::new(epoch.clone(), Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        assert_eq!(cache.get_or_try("city", counted(&calls, 1)).await, Ok(1));
        assert_eq!(cache.get_or_try("city", counted(&calls, 2)).await, Ok(1));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        epoch.advance();
        assert_eq!(cache.get_or_try("city", counted(&calls, 3)).await, Ok(3));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn concurrent_asks_share_one_computation() {
        let cache = Cache::new(WriteEpoch::default(), Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        let (a, b) = tokio::join!(
            cache.get_or_try("city", counted(&calls, 1)),
            cache.get_or_try("city", counted(&calls, 2)),
        );
        assert_eq!((a, b), (Ok(1), Ok(1)));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn errors_and_a_zero_age_keep_nothing() {
        let cache = Cache::new(WriteEpoch::default(), Duration::from_secs(60));
        assert_eq!(
            cache
                .get_or_try("city", async { Err::<u32, _>("down") })
                .await,
            Err("down")
        );
        assert_eq!(
            cache.get_or_try("city", async { Ok::<_, &str>(7) }).await,
            Ok(7)
        );

        let off = Cache::new(WriteEpoch::default(), Duration::ZERO);
        let calls = AtomicUsize::new(0);
        off.get_or_try("city", counted(&calls, 1)).await.ok();
        off.get_or_try("city", counted(&calls, 1)).await.ok();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn the_map_stays_bounded() {
        let cache = Cache::new(WriteEpoch::default(), Duration::from_secs(60));
        for key in 0..(MAX_ENTRIES * 2) {
            cache.get_or_try(key, async { Ok::<_, ()>(key) }).await.ok();
        }
        assert!(cache.slots.lock().map(|s| s.len()).unwrap_or(0) <= MAX_ENTRIES);
    }
}
