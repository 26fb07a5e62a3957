//! Keyset pagination for Relay connections. Primary keys are UUID v7, so ordering by id
//! is ordering by creation, and a cursor is just the id of an edge.

use entity::FromRowAt;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::db::all_at;
use crate::error::{ApiError, ApiResult};

/// Page size when the client gives neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: u64 = 20;

/// Validated connection arguments.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub after: Option<Uuid>,
    pub before: Option<Uuid>,
    pub first: Option<u64>,
    pub last: Option<u64>,
    /// Whether to run the `COUNT(*)` for `totalCount`: only when the query selects it,
    /// since counting a city-wide table costs more than the page itself.
    pub with_total: bool,
}

impl PageArgs {
    /// Checks the Relay arguments against the page-size cap.
    pub fn new(
        after: Option<Uuid>,
        before: Option<Uuid>,
        first: Option<i32>,
        last: Option<i32>,
        max: u64,
        with_total: bool,
    ) -> ApiResult<Self> {
        let size = |name: &str, v: Option<i32>| -> ApiResult<Option<u64>> {
            match v {
                None => Ok(None),
                Some(n) if n < 0 => Err(ApiError::bad_input(name, "must not be negative")),
                Some(n) if n as u64 > max => {
                    Err(ApiError::bad_input(name, format!("must be at most {max}")))
                }
                Some(n) => Ok(Some(n as u64)),
            }
        };
        let first = size("first", first)?;
        let last = size("last", last)?;
        if first.is_some() && last.is_some() {
            return Err(ApiError::bad_input(
                "last",
                "give either first or last, not both",
            ));
        }
        Ok(Self {
            after,
            before,
            first,
            last,
            with_total,
        })
    }
}

/// One page of rows and what the connection needs to describe it.
#[derive(Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub has_previous_page: bool,
    pub has_next_page: bool,
    /// `None` when the caller did not ask for it (`PageArgs::with_total`).
    pub total_count: Option<u64>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            has_previous_page: self.has_previous_page,
            has_next_page: self.has_next_page,
            total_count: self.total_count,
        }
    }
}

/// Runs `select` (already filtered and scoped) as one page ordered by `id`, plus one
/// `COUNT(*)` for `totalCount` when it was asked for.
pub async fn paginate<E>(
    state: &AppState,
    select: Select<E>,
    id: E::Column,
    args: &PageArgs,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let total_count = total_count(state, &select, args).await?;
    paginate_query(select, id, args, total_count, |q| q.all(&state.db)).await
}

/// `paginate` for a list read often (the public board, say), its rows read by column
/// position rather than by name (`entity::row_at`).
pub async fn paginate_at<E>(
    state: &AppState,
    select: Select<E>,
    id: E::Column,
    args: &PageArgs,
) -> ApiResult<Page<E::Model>>
where
    E: EntityTrait,
    E::Model: FromRowAt + Sync,
{
    let total_count = total_count(state, &select, args).await?;
    paginate_query(select, id, args, total_count, |q| all_at(&state.db, q)).await
}

/// The statement of a count, with its values: equal keys count the same rows, since the
/// statement holds the caller's scope, the filter and the day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct CountKey(String);

/// The `COUNT(*)` of `select` for `totalCount`, run only when the query selects it. A
/// count reads every matching row and a scrolling list asks for it with every page, so
/// it is kept until the next write, as reports are (`AppState::reports`).
pub async fn total_count<E>(
    state: &AppState,
    select: &Select<E>,
    args: &PageArgs,
) -> ApiResult<Option<u64>>
where
    E: EntityTrait,
    E::Model: Sync,
{
    if !args.with_total {
        return Ok(None);
    }
    let statement = select.build(state.db.get_database_backend());
    let key = CountKey(format!("{}\n{:?}", statement.sql, statement.values));
    let count = async { Ok::<_, ApiError>(select.clone().count(&state.db).await?) };
    state
        .reports
        .of::<CountKey, u64>()
        .get_or_try(key, count)
        .await
        .map(Some)
}

/// Runs any query of rows keyed by `id` (a join, say) as one page ordered by `id`, each
/// read by `fetch`; `total_count` is the caller's, counted on the query without its joins.
pub async fn paginate_query<Q, R, F, Fut>(
    select: Q,
    id: impl ColumnTrait,
    args: &PageArgs,
    total_count: Option<u64>,
    fetch: F,
) -> ApiResult<Page<R>>
where
    Q: QueryFilter + QueryOrder + QuerySelect,
    F: FnOnce(Q) -> Fut,
    Fut: Future<Output = Result<Vec<R>, DbErr>>,
{
    let mut query = select;
    if let Some(after) = args.after {
        query = query.filter(id.gt(after));
    }
    if let Some(before) = args.before {
        query = query.filter(id.lt(before));
    }
    if let Some(last) = args.last {
        let mut items = fetch(query.order_by_desc(id).limit(last + 1)).await?;
        let has_previous_page = items.len() as u64 > last;
        items.truncate(last as usize);
        items.reverse();
        Ok(Page {
            items,
            has_previous_page,
            has_next_page: args.before.is_some(),
            total_count,
        })
    } else {
        let first = args.first.unwrap_or(DEFAULT_PAGE_SIZE);
        let mut items = fetch(query.order_by_asc(id).limit(first + 1)).await?;
        let has_next_page = items.len() as u64 > first;
        items.truncate(first as usize);
        Ok(Page {
            items,
            has_previous_page: args.after.is_some(),
            has_next_page,
            total_count,
        })
    }
}
