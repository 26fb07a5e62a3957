//! Writing audit rows inside a use case's transaction, and reading them back in scope.

use chrono::{DateTime, Utc};
use entity::{Role, audit_log};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter,
};
use serde::Serialize;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::{Actor, scope};
use crate::db::{Tx, batch};
use crate::error::{ApiError, ApiResult};
use crate::events::Event;
use crate::pagination::{Page, PageArgs, paginate};

/// What one mutation changed.
pub struct Change {
    operation: &'static str,
    entity_type: &'static str,
    entity_id: Option<Uuid>,
    org_unit_id: Option<Uuid>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

impl Change {
    pub fn new(
        operation: &'static str,
        entity_type: &'static str,
        entity_id: Uuid,
        org_unit_id: Option<Uuid>,
    ) -> Self {
        Self::about(operation, entity_type, Some(entity_id), org_unit_id)
    }

    /// A change about an entity that may not exist (a failed login for an unknown name).
    pub fn about(
        operation: &'static str,
        entity_type: &'static str,
        entity_id: Option<Uuid>,
        org_unit_id: Option<Uuid>,
    ) -> Self {
        Self {
            operation,
            entity_type,
            entity_id,
            org_unit_id,
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_value(value).ok();
        self
    }

    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_value(value).ok();
        self
    }
}

/// Appends the audit row in the same transaction as the change itself.
pub async fn record(
    tx: &mut Tx,
    actor: &Actor,
    at: DateTime<Utc>,
    change: Change,
) -> ApiResult<()> {
    record_by(tx, Some(actor.user_id), &actor.username, at, change).await
}

/// Appends an audit row for whoever acted, signed in (`actor_id`) or not (a login: the
/// username given).
pub async fn record_by(
    tx: &mut Tx,
    actor_id: Option<Uuid>,
    username: &str,
    at: DateTime<Utc>,
    change: Change,
) -> ApiResult<()> {
    let id = Uuid::now_v7();
    row(id, actor_id, username, at, change)
        .insert(&**tx)
        .await?;
    tx.publish(Event::AuditAppended(id));
    Ok(())
}

/// Appends the audit rows of many changes by one caller in multi-row statements (an
/// import: one row per record, as if each were written alone).
pub async fn record_all(
    tx: &mut Tx,
    actor: &Actor,
    at: DateTime<Utc>,
    changes: Vec<Change>,
) -> ApiResult<()> {
    let ids: Vec<Uuid> = changes.iter().map(|_| Uuid::now_v7()).collect();
    let rows: Vec<audit_log::ActiveModel> = ids
        .iter()
        .zip(changes)
        .map(|(id, change)| row(*id, Some(actor.user_id), &actor.username, at, change))
        .collect();
    batch::insert_all(&**tx, rows).await?;
    for id in ids {
        tx.publish(Event::AuditAppended(id));
    }
    Ok(())
}

fn row(
    id: Uuid,
    actor_id: Option<Uuid>,
    username: &str,
    at: DateTime<Utc>,
    change: Change,
) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        id: Set(id),
        at: Set(at),
        actor_id: Set(actor_id),
        actor_username: Set(username.to_owned()),
        org_unit_id: Set(change.org_unit_id),
        operation: Set(change.operation.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        before: Set(change.before),
        after: Set(change.after),
    }
}

/// Who may read the audit log.
pub const READERS: &[Role] = &[Role::Admin, Role::Auditor];

/// Records whose very existence is confidential (女职工维权): their audit rows are read by
/// the women workers' committee, and by nobody else.
pub const CONFIDENTIAL: &[&str] = &["WomenRightsCase"];

/// The audit rows `actor` may read in their scope: the log's readers see every row but
/// the confidential ones, the committee those only (one holding both roles, all).
fn readable(actor: &Actor) -> ApiResult<Condition> {
    let reader = READERS.iter().any(|r| actor.has_role(*r));
    let committee = actor.has_role(Role::WomenCommittee);
    let kinds = match (reader, committee) {
        (true, true) => Condition::all(),
        (true, false) => Condition::all()
            .add(audit_log::Column::EntityType.is_not_in(CONFIDENTIAL.iter().copied())),
        (false, true) => {
            Condition::all().add(audit_log::Column::EntityType.is_in(CONFIDENTIAL.iter().copied()))
        }
        (false, false) => {
            return Err(ApiError::forbidden(
                "requires one of the roles ADMIN, AUDITOR, WOMEN_COMMITTEE",
            ));
        }
    };
    Ok(kinds.add(scope::org_unit_column(audit_log::Column::OrgUnitId, actor)))
}

/// Filter of `auditLog`.
#[derive(Debug, Default)]
pub struct AuditFilter {
    pub entity_id: Option<Uuid>,
    pub entity_type: Option<String>,
    pub actor_id: Option<Uuid>,
    pub operation: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// Audit rows in the caller's scope, oldest first.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: AuditFilter,
    page: &PageArgs,
) -> ApiResult<Page<audit_log::Model>> {
    let mut select = audit_log::Entity::find().filter(readable(actor)?);
    if let Some(id) = filter.entity_id {
        select = select.filter(audit_log::Column::EntityId.eq(id));
    }
    if let Some(t) = filter.entity_type {
        select = select.filter(audit_log::Column::EntityType.eq(t));
    }
    if let Some(id) = filter.actor_id {
        select = select.filter(audit_log::Column::ActorId.eq(id));
    }
    if let Some(op) = filter.operation {
        select = select.filter(audit_log::Column::Operation.eq(op));
    }
    if let Some(from) = filter.from {
        select = select.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(audit_log::Column::At.lt(to));
    }
    paginate(state, select, audit_log::Column::Id, page).await
}

/// Refuses callers who may read no part of the audit log.
pub fn require_reader(actor: &Actor) -> ApiResult<()> {
    actor.require_any(&[Role::Admin, Role::Auditor, Role::WomenCommittee])
}

/// One audit row in the caller's scope.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<audit_log::Model> {
    audit_log::Entity::find_by_id(id)
        .filter(readable(actor)?)
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("AuditEntry"))
}
