//! A list whose items are resolved together, so that a page's nested fields reach their
//! DataLoader in one batch.
//!
//! async-graphql joins more than 30 futures with `FuturesUnordered`, which hands control
//! back to the runtime after polling a couple of items that woke themselves. Under load
//! the rest of a page of 50 was polled milliseconds later, after the DataLoader's 1 ms
//! window had closed: the city benchmark's page of cases sent about seven worker queries
//! instead of one, and the same for every nested field (bench/RESULTS.md).

use std::borrow::Cow;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::Poll;

use async_graphql::parser::types::Field;
use async_graphql::registry::Registry;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};
use futures_util::future::{TryFutureExt, TryMaybeDone, try_maybe_done};

/// A GraphQL list (`[T!]!`) whose items are all polled on every wake-up, in one pass.
/// Like async-graphql's own list it sets each item's error path and stops at the first
/// error; unlike it, it runs no extension hooks per item (the schema has none).
pub struct Together<T>(pub Vec<T>);

#[async_trait::async_trait]
impl<T: OutputType> OutputType for Together<T> {
    fn type_name() -> Cow<'static, str> {
        <Vec<T> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<T> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<T> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        let mut items: Vec<Pin<Box<TryMaybeDone<_>>>> = self
            .0
            .iter()
            .enumerate()
            .map(|(idx, item)| {
                Box::pin(try_maybe_done(async move {
                    let ctx_idx = ctx.with_index(idx);
                    OutputType::resolve(item, &ctx_idx, field)
                        .map_err(|e| ctx_idx.set_error_path(e))
                        .await
                }))
            })
            .collect();
        poll_fn(|cx| {
            let mut pending = false;
            for item in &mut items {
                match item.as_mut().poll(cx) {
                    Poll::Pending => pending = true,
                    Poll::Ready(Ok(())) => {}
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                }
            }
            if pending {
                Poll::Pending
            } else {
                Poll::Ready(Ok(()))
            }
        })
        .await?;
        Ok(Value::List(
            items
                .iter_mut()
                .map(|item| item.as_mut().take_output().unwrap_or_default())
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};

    use async_graphql::{Context, EmptyMutation, EmptySubscription, Object, Schema};

    use super::*;

    /// Which poll of the request each item was first polled in.
    #[derive(Default)]
    struct Polls {
        current: AtomicUsize,
        first: Mutex<Vec<usize>>,
    }

    /// Wakes itself once, as a future does that gives way to the runtime.
    async fn give_way() {
        let mut woke = false;
        poll_fn(|cx| match std::mem::replace(&mut woke, true) {
            false => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            true => Poll::Ready(()),
        })
        .await
    }

    struct Item;

    #[Object]
    impl Item {
        async fn n(&self, ctx: &Context<'_>) -> u32 {
            let polls = ctx.data_unchecked::<Arc<Polls>>();
            let now = polls.current.load(Ordering::SeqCst);
            polls.first.lock().map(|mut v| v.push(now)).ok();
            give_way().await;
            1
        }
    }

    struct Query;

    #[Object]
    impl Query {
        async fn together(&self) -> Together<Item> {
            Together((0..50).map(|_| Item).collect())
        }

        async fn plain(&self) -> Vec<Item> {
            (0..50).map(|_| Item).collect()
        }
    }

    /// The distinct polls of the request in which the 50 items were first polled.
    async fn first_polls(query: &str) -> BTreeSet<usize> {
        let polls = Arc::new(Polls::default());
        let schema = Schema::build(Query, EmptyMutation, EmptySubscription)
            .data(polls.clone())
            .finish();
        let mut run = Box::pin(schema.execute(query));
        let response = poll_fn(|cx| {
            polls.current.fetch_add(1, Ordering::SeqCst);
            run.as_mut().poll(cx)
        })
        .await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let first = polls.first.lock().map(|v| v.clone()).unwrap_or_default();
        assert_eq!(first.len(), 50);
        first.into_iter().collect()
    }

    #[tokio::test]
    async fn every_item_starts_in_the_same_poll() {
        assert_eq!(first_polls("{ together { n } }").await.len(), 1);
    }

    #[tokio::test]
    async fn a_plain_list_of_more_than_30_starts_its_items_over_many_polls() {
        // Why `Together` exists: if this ever fails, async-graphql no longer yields mid-list.
        assert!(first_polls("{ plain { n } }").await.len() > 10);
    }
}
