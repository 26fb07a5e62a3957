//! Relay cursor connections with `totalCount`, built from a service `Page`.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{Context, ErrorExtensions, OutputType, SimpleObject};
use uuid::Uuid;

use super::context::ContextExt;
use super::node::{cursor, decode_cursor};
use crate::pagination::{Page, PageArgs};

/// Extra fields of every connection.
#[derive(SimpleObject)]
pub struct ConnectionTotals {
    /// Number of items matching the filter, over all pages (总数).
    pub total_count: u64,
}

/// A connection of `T` with `totalCount`.
pub type Conn<T> = Connection<String, T, ConnectionTotals>;

/// Checks and decodes the four Relay arguments against the page-size cap; `totalCount`
/// is counted only when the selection of the connection field asks for it.
pub fn page_args(
    ctx: &Context<'_>,
    after: Option<String>,
    before: Option<String>,
    first: Option<i32>,
    last: Option<i32>,
) -> async_graphql::Result<PageArgs> {
    let max = ctx.state()?.config.max_page_size;
    PageArgs::new(
        decode_cursor(after, "after")?,
        decode_cursor(before, "before")?,
        first,
        last,
        u64::from(max),
        ctx.look_ahead().field("totalCount").exists(),
    )
    .map_err(|e| e.extend())
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
            // Absent only when the selection has no `totalCount` to show it in.
            total_count: page.total_count.unwrap_or_default(),
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
