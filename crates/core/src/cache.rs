//! Results kept in memory between writes (报表缓存). A city-wide report reads every case;
//! dashboards ask for the same one again and again. A kept result is served until the
//! next write (the write epoch moves) or until it is older than the configured age,
//! whichever comes first; concurrent asks for the same result share one computation.
//!
//! On PostgreSQL every replica keeps its own results, and every write on any replica
//! moves every replica's epoch: the writing transaction sends a notification that
//! PostgreSQL delivers once it commits (`events`). A result is stored under the epoch its
//! computation started in, so one that began before a write is never served after it.
//! While a replica cannot hear the others (its listener is reconnecting) it keeps nothing.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;
use uuid::Uuid;

/// The lowest bit of the epoch word: set while writes elsewhere may go unheard.
const DEAF: u64 = 1;
/// One step of the epoch, above the `DEAF` bit.
const STEP: u64 = 2;

/// Counts the writes this server knows of: every committed `db::Tx` here (each use case's
/// transaction, the notice sweeps' included) moves it on right after the commit, whatever
/// becomes of the request afterwards, and so does every other replica's write when its
/// notification arrives. Counter and "deaf" flag share one atomic word, so a reader never
/// sees one without the other. The id tells this server's notifications from the others':
/// its own writes have moved the epoch already, and moving it again when their
/// notification comes back would drop results computed after them.
#[derive(Debug, Clone)]
pub struct WriteEpoch {
    word: Arc<AtomicU64>,
    server: Uuid,
}

impl Default for WriteEpoch {
    fn default() -> Self {
        Self {
            word: Arc::default(),
            server: Uuid::now_v7(),
        }
    }
}

impl WriteEpoch {
    /// The server this epoch belongs to (random per start).
    pub fn server(&self) -> Uuid {
        self.server
    }

    /// The current epoch, or `None` while writes may go unheard (keep nothing then).
    pub fn current(&self) -> Option<u64> {
        let word = self.word.load(Ordering::Acquire);
        (word & DEAF == 0).then_some(word)
    }

    /// A write was made: whatever was kept is stale.
    pub fn advance(&self) {
        self.word.fetch_add(STEP, Ordering::AcqRel);
    }

    /// Writes elsewhere may go unheard from now on (the listener lost its connection):
    /// drop what was kept and keep nothing until `resume`.
    pub fn suspend(&self) {
        self.update(|word| word.wrapping_add(STEP) | DEAF);
    }

    /// Writes elsewhere are heard again (the listener listens anew). Some may have been
    /// missed meanwhile, so whatever was kept is dropped once more.
    pub fn resume(&self) {
        self.update(|word| word.wrapping_add(STEP) & !DEAF);
    }

    fn update(&self, f: impl Fn(u64) -> u64) {
        // The closure always returns `Some`, so this cannot fail.
        let _ = self
            .word
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |word| Some(f(word)));
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
        let epoch = self.epoch.current().filter(|_| !self.max_age.is_zero());
        let Some(epoch) = epoch else {
            return compute.await;
        };
        let slot = self.slot(key, epoch);
        slot.value.get_or_try_init(|| compute).await.cloned()
    }

    /// The live slot of `key`, or a fresh one for `epoch` (the current one).
    fn slot(&self, key: K, epoch: u64) -> Arc<Slot<V>> {
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

/// One cache for each kind of result (its key and value types), made on first use: the
/// application state keeps every report's results without knowing their types.
pub struct Kept {
    epoch: WriteEpoch,
    max_age: Duration,
    caches: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Kept {
    /// Caches that follow `epoch`; a zero `max_age` keeps nothing.
    pub fn new(epoch: WriteEpoch, max_age: Duration) -> Self {
        Self {
            epoch,
            max_age,
            caches: Mutex::new(HashMap::new()),
        }
    }

    /// The cache of results of type `V` by `K`.
    pub fn of<K, V>(&self) -> Arc<Cache<K, V>>
    where
        K: Eq + Hash + Clone + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        let mut caches = self
            .caches
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let cache = caches
            .entry(TypeId::of::<Cache<K, V>>())
            .or_insert_with(|| Arc::new(Cache::<K, V>::new(self.epoch.clone(), self.max_age)))
            .clone();
        // Each entry is stored under its own type's id; should that ever fail, a cache
        // that keeps nothing is right, only slower.
        cache
            .downcast::<Cache<K, V>>()
            .unwrap_or_else(|_| Arc::new(Cache::new(self.epoch.clone(), Duration::ZERO)))
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
    async fn a_result_begun_before_a_write_is_not_served_after_it() {
        let epoch = WriteEpoch::default();
        let cache = Cache::new(epoch.clone(), Duration::from_secs(60));
        let (go, gate) = tokio::sync::oneshot::channel::<()>();
        let stale = cache.get_or_try("city", async {
            gate.await.ok();
            Ok::<_, ()>("read before the write")
        });
        let write = async {
            tokio::task::yield_now().await;
            epoch.advance();
            go.send(()).ok();
        };
        let (stale, ()) = tokio::join!(stale, write);
        assert_eq!(stale, Ok("read before the write"));
        let fresh = cache.get_or_try("city", async { Ok::<_, ()>("read after") });
        assert_eq!(fresh.await, Ok("read after"));
    }

    #[tokio::test]
    async fn nothing_is_kept_while_writes_may_go_unheard() {
        let epoch = WriteEpoch::default();
        let cache = Cache::new(epoch.clone(), Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        assert_eq!(cache.get_or_try("city", counted(&calls, 1)).await, Ok(1));
        epoch.suspend();
        assert_eq!(epoch.current(), None);
        assert_eq!(cache.get_or_try("city", counted(&calls, 2)).await, Ok(2));
        assert_eq!(cache.get_or_try("city", counted(&calls, 3)).await, Ok(3));
        epoch.advance();
        assert_eq!(epoch.current(), None, "a write does not make it hear again");
        epoch.resume();
        assert!(epoch.current().is_some());
        assert_eq!(cache.get_or_try("city", counted(&calls, 4)).await, Ok(4));
        assert_eq!(cache.get_or_try("city", counted(&calls, 5)).await, Ok(4));
        assert_eq!(calls.load(Ordering::SeqCst), 4);
    }

    #[test]
    fn every_change_of_hearing_moves_the_epoch() {
        let epoch = WriteEpoch::default();
        let start = epoch.current();
        epoch.suspend();
        epoch.resume();
        assert!(epoch.current().is_some());
        assert_ne!(epoch.current(), start);
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

    #[tokio::test]
    async fn each_kind_of_result_has_its_own_cache() {
        let epoch = WriteEpoch::default();
        let kept = Kept::new(epoch.clone(), Duration::from_secs(60));
        let calls = AtomicUsize::new(0);
        let numbers = kept.of::<&str, u32>();
        assert_eq!(numbers.get_or_try("city", counted(&calls, 1)).await, Ok(1));
        let again = kept.of::<&str, u32>();
        assert_eq!(again.get_or_try("city", counted(&calls, 2)).await, Ok(1));
        let words = kept.of::<&str, String>();
        let word = words.get_or_try("city", async { Ok::<_, ()>("市".to_owned()) });
        assert_eq!(word.await, Ok("市".to_owned()));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        epoch.advance();
        assert_eq!(numbers.get_or_try("city", counted(&calls, 3)).await, Ok(3));
    }
}
