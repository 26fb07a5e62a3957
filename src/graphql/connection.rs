//! Relay cursor connections with `totalCount`, built from a service `Page`.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};
use uuid::Uuid;

use super::node::{cursor, decode_cursor};
use crate::error::ApiResult;
use crate::pagination::{Page, PageArgs};

/// Extra fields of every connection.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// Number of items matching the filter, over all pages (总数).
    pub total_count: u64,
}

/// A connection of `T` with `totalCount`.
pub type Conn<T> = Connection<String, T, ConnectionTotals>;

/// Checks and decodes the four Relay arguments against the page-size cap.
pub fn page_args(
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
    max: u16,
) -> ApiResult<PageArgs> {
    PageArgs::new(
        decode_cursor(after, "after")?,
        decode_cursor(before, "before")?,
        first,
        last,
        u64::from(max),
    )
}

/// Builds the connection of a page; `id` gives each row's cursor, `wrap` its GraphQL type.
pub fn connection<M, T: OutputType>(
    page: Page<M>,
    id: impl Fn(&M) -> Uuid,
    wrap: impl Fn(M) -> T,
) -> Conn<T> {
    let mut conn = Connection::with_additional_fields(
        page.has_previous_page,
        page.has_next_page,
        ConnectionTotals {
            total_count: page.total_count,
        },
    );
    conn.edges.extend(
        page.items
            .into_iter()
            .map(|m| Edge::new(cursor(id(&m)), wrap(m))),
    );
    conn
}

/// Complexity of a connection field: its page size times the complexity of one node.
pub fn complexity(child: usize, first: Option<i32>, last: Option<i32>) -> usize {
    let size = first.or(last).unwrap_or(20).clamp(0, 1000) as usize;
    size.saturating_mul(child).saturating_add(1)
}
