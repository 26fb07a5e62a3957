//! GraphQL surface of the audit log: the paged list and a live feed.

use async_graphql::{Context, ID, InputObject, Json, Object, ResultExt, Subscription};
use chrono::{DateTime, Utc};
use entity::audit_log;
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use super::service::{self, AuditFilter};
use crate::events::Event;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::OrgUnitKey;
use crate::graphql::node::{decode_opt, global_id};
use crate::org::graphql::OrgUnit;
use crate::privacy;
use crate::users::graphql::User;
use crate::users::graphql::scoped_user;

pub struct AuditEntry(pub audit_log::Model);

impl AuditEntry {
    fn shown(
        &self,
        ctx: &Context<'_>,
        value: Option<serde_json::Value>,
    ) -> async_graphql::Result<Option<Json<serde_json::Value>>> {
        let whole = ctx.actor()?.sees_personal_data();
        Ok(value.map(|mut v| {
            if !whole {
                privacy::redact(&mut v);
            }
            Json(v)
        }))
    }
}

/// Audit log entry (审计日志): who did what to which record, when, before and after.
#[Object]
impl AuditEntry {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("AuditEntry", self.0.id)
    }

    /// When it happened (时间).
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who did it (操作人); null if the account is gone or outside the caller's scope.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.actor_id).await
    }

    /// Username of who did it, kept even if the account changes (操作人用户名).
    async fn actor_username(&self) -> &str {
        &self.0.actor_username
    }

    /// The org unit the record belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        let Some(id) = self.0.org_unit_id else {
            return Ok(None);
        };
        Ok(load(ctx, OrgUnitKey(id)).await?.map(OrgUnit))
    }

    /// The mutation (操作), e.g. `createOrgUnit`.
    async fn operation(&self) -> &str {
        &self.0.operation
    }

    /// Type of the record changed (对象类型), e.g. `OrgUnit`.
    async fn entity_type(&self) -> &str {
        &self.0.entity_type
    }

    /// Global ID of the record changed (对象标识).
    async fn entity_id(&self) -> Option<ID> {
        self.0
            .entity_id
            .map(|id| global_id(&self.0.entity_type, id))
    }

    /// The record before the change (变更前), as JSON; personal data redacted for
    /// callers who may not see it.
    async fn before(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Json<serde_json::Value>>> {
        self.shown(ctx, self.0.before.clone())
    }

    /// The record after the change (变更后), as JSON; personal data redacted for callers
    /// who may not see it.
    async fn after(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Json<serde_json::Value>>> {
        self.shown(ctx, self.0.after.clone())
    }
}

/// Filter of `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditFilterInput {
    /// Only entries about this record (global ID).
    pub entity_id: Option<ID>,
    /// Only entries about records of this type, e.g. `OrgUnit`.
    pub entity_type: Option<String>,
    /// Only entries by this account.
    pub actor_id: Option<ID>,
    /// Only this mutation, e.g. `createUser`.
    pub operation: Option<String>,
    /// From this time on (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this time (exclusive).
    pub to: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Audit log of the caller's subtree, oldest first (审计日志). ADMIN, AUDITOR; the rows
    /// of confidential records (女职工维权) are read by WOMEN_COMMITTEE alone.
    #[graphql(complexity = "complexity(child_complexity, first, last)")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> async_graphql::Result<Conn<AuditEntry>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, before, first, last)?;
        let entity_id = match filter.entity_id.as_ref() {
            Some(gid) => Some(crate::graphql::node::decode_any(gid, "filter.entityId").extend()?),
            None => None,
        };
        let filter = AuditFilter {
            entity_id,
            entity_type: filter.entity_type,
            actor_id: decode_opt(filter.actor_id.as_ref(), "User", "filter.actorId").extend()?,
            operation: filter.operation,
            from: filter.from,
            to: filter.to,
        };
        service::list(state, actor, filter, &page)
            .await
            .map(|page| connection(page, |m| m.id, AuditEntry))
            .extend()
    }
}

#[derive(Default)]
pub struct AuditSubscription;

#[Subscription]
impl AuditSubscription {
    /// Live feed of audit entries in the caller's subtree as they are committed
    /// (审计日志实时推送). ADMIN, AUDITOR; WOMEN_COMMITTEE for the confidential rows.
    async fn audit_appended(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = AuditEntry> + use<>> {
        let state = ctx.state()?.clone();
        let actor = ctx.actor()?;
        service::require_reader(actor).extend()?;
        let caller = actor.clone();
        let events = BroadcastStream::new(state.events.subscribe());
        // The account is reloaded for every event: disabling it, taking its role or
        // changing its password ends the feed at once, as it ends the account's tokens.
        Ok(events
            .then(move |event| {
                let state = state.clone();
                let caller = caller.clone();
                async move {
                    let actor = crate::auth::service::reload(&state, &caller).await;
                    (state, actor, event)
                }
            })
            .take_while(|(_, actor, _)| {
                futures_util::future::ready(
                    actor
                        .as_ref()
                        .is_some_and(|a| service::require_reader(a).is_ok()),
                )
            })
            .filter_map(|(state, actor, event)| async move {
                let (Some(actor), Ok(Event::AuditAppended(id))) = (actor, event) else {
                    return None;
                };
                service::get(&state, &actor, id).await.ok().map(AuditEntry)
            }))
    }
}
