//! Relay cursor connections with `totalCount`, built from a service `Page`.

use std::borrow::Cow;

use async_graphql::connection::PageInfo;
use async_graphql::{Context, ErrorExtensions, Object, OutputType, TypeName};
use uuid::Uuid;

use super::context::ContextExt;
use super::list::Together;
use super::node::{cursor, decode_cursor};
use crate::pagination::{Page, PageArgs};

/// An edge of a connection: one node and its cursor.
///
/// Our own rather than async-graphql's `Edge`, so that its two fields are resolved in
/// order: joining them concurrently cost an allocation per field on every row of a page
/// and waited on nothing (bench/RESULTS.md, issue 19).
pub struct ConnEdge<T: OutputType> {
    node: T,
    cursor: String,
}

impl<T: OutputType> TypeName for ConnEdge<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Edge", T::type_name()).into()
    }
}

/// An edge in a connection (边): one node and its cursor.
#[Object(name_type, serial)]
impl<T: OutputType> ConnEdge<T> {
    /// The item at the end of the edge (节点).
    async fn node(&self) -> &T {
        &self.node
    }

    /// A cursor for use in pagination (游标).
    async fn cursor(&self) -> &str {
        &self.cursor
    }
}

/// One page of a list (分页列表), Relay style: the edges with their cursors, the nodes, the
/// page info and `totalCount`.
///
/// Our own rather than async-graphql's `Connection` so that the page's items are resolved
/// [`Together`]: each nested field of a page then costs one DataLoader batch.
pub struct Conn<T: OutputType> {
    edges: Vec<ConnEdge<T>>,
    has_previous_page: bool,
    has_next_page: bool,
    total_count: u64,
}

impl<T: OutputType> TypeName for Conn<T> {
    fn type_name() -> Cow<'static, str> {
        format!("{}Connection", T::type_name()).into()
    }
}

/// One page of a list (分页列表): the edges with their cursors, the nodes, the page info
/// and `totalCount`.
#[Object(name_type, serial)]
impl<T: OutputType> Conn<T> {
    /// Information to aid in pagination (分页信息).
    async fn page_info(&self) -> PageInfo {
        PageInfo {
            has_previous_page: self.has_previous_page,
            has_next_page: self.has_next_page,
            start_cursor: self.edges.first().map(|e| e.cursor.clone()),
            end_cursor: self.edges.last().map(|e| e.cursor.clone()),
        }
    }

    /// The edges of the page, each a node and its cursor (边).
    async fn edges(&self) -> Together<&ConnEdge<T>> {
        Together(self.edges.iter().collect())
    }

    /// The nodes of the page, without cursors (节点).
    async fn nodes(&self) -> Together<&T> {
        Together(self.edges.iter().map(|e| &e.node).collect())
    }

    /// Number of items matching the filter, over all pages (总数).
    async fn total_count(&self) -> u64 {
        self.total_count
    }
}

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

/// Whether the connection's nodes (through `edges` or `nodes`) select `field`.
pub fn nodes_select(ctx: &Context<'_>, field: &str) -> bool {
    let look = ctx.look_ahead();
    look.field("edges").field("node").field(field).exists()
        || look.field("nodes").field(field).exists()
}

/// Builds the connection of a page; `id` gives each row's cursor, `wrap` its GraphQL type.
pub fn connection<M, T: OutputType>(
    page: Page<M>,
    id: impl Fn(&M) -> Uuid,
    wrap: impl Fn(M) -> T,
) -> Conn<T> {
    Conn {
        edges: page
            .items
            .into_iter()
            .map(|m| ConnEdge {
                cursor: cursor(id(&m)),
                node: wrap(m),
            })
            .collect(),
        has_previous_page: page.has_previous_page,
        has_next_page: page.has_next_page,
        // Absent only when the selection has no `totalCount` to show it in.
        total_count: page.total_count.unwrap_or_default(),
    }
}

/// Complexity of a connection field: its page size times the complexity of one node.
pub fn complexity(child: usize, first: Option<i32>, last: Option<i32>) -> usize {
    let size = first.or(last).unwrap_or(20).clamp(0, 1000) as usize;
    size.saturating_mul(child).saturating_add(1)
}
