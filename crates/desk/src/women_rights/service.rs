//! Women workers' rights use cases: filing with the handlers, closing, and the reads —
//! each read audited, and the confidentiality applied in the query itself.

use entity::{
    ContactConversion, Role, WomenRightsKind, WomenRightsStatus, org_unit, user, women_rights_case,
    women_rights_handler,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    JoinType, QueryFilter, QuerySelect, RelationTrait,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::contacts::rules as contact_rules;
use crate::contacts::service as contacts;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// Who files a case: the desk that takes the complaint, and the committee.
pub const FILERS: &[Role] = &[Role::ServiceDesk, Role::WomenCommittee];

/// Who sees every case of their scope: the women workers' committee.
pub const COMMITTEE: &[Role] = &[Role::WomenCommittee];

/// The cases `actor` may know of: in scope, and either the committee's or one the actor
/// handles. A condition of the query, so nobody else learns even that a case exists.
fn visible(actor: &Actor) -> Condition {
    let in_scope = scope::org_unit_column(women_rights_case::Column::OrgUnitId, actor);
    let mine = women_rights_case::Column::Id.in_subquery(
        Query::select()
            .column(women_rights_handler::Column::CaseId)
            .from(women_rights_handler::Entity)
            .and_where(women_rights_handler::Column::UserId.eq(actor.user_id))
            .to_owned(),
    );
    let all = actor.roles.iter().any(|r| COMMITTEE.contains(r));
    Condition::all().add(in_scope).add(if all {
        Condition::all()
    } else {
        Condition::all().add(mine)
    })
}

/// What the audit keeps of a case: no name and no details, so that the log does not
/// tell its readers what the case itself would not.
fn audited(case: &women_rights_case::Model) -> serde_json::Value {
    serde_json::json!({
        "id": case.id,
        "kind": case.kind,
        "status": case.status,
        "orgUnitId": case.org_unit_id,
    })
}

/// Records that `actor` read `cases` (查阅记录), one audit row each.
async fn audit_reads(
    state: &AppState,
    actor: &Actor,
    cases: &[women_rights_case::Model],
) -> ApiResult<()> {
    if cases.is_empty() {
        return Ok(());
    }
    let now = state.clock.now();
    let mut tx = Tx::begin(state).await?;
    let changes = cases
        .iter()
        .map(|c| {
            Change::new(
                "readWomenRightsCase",
                "WomenRightsCase",
                c.id,
                Some(c.org_unit_id),
            )
            .after(&audited(c))
        })
        .collect();
    audit::record_all(&mut tx, actor, now, changes).await?;
    tx.commit().await
}

/// A complaint as filed.
pub struct NewWomenRightsCase {
    /// The women workers' rights call it came from, which it closes (转办).
    pub contact_id: Option<Uuid>,
    pub worker_id: Option<Uuid>,
    pub org_unit_id: Option<Uuid>,
    pub complainant_name: Option<String>,
    pub complainant_phone: Option<String>,
    pub kind: WomenRightsKind,
    pub details: String,
    pub handler_ids: Vec<Uuid>,
}

/// The handlers named: active users in the caller's scope whose own scope holds the
/// case's unit.
async fn handlers(
    db: &impl ConnectionTrait,
    actor: &Actor,
    ids: &[Uuid],
    case_path: &str,
) -> ApiResult<Vec<Uuid>> {
    let mut wanted = ids.to_vec();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(wanted);
    }
    // The named users in scope, each with the path of their unit, in one statement.
    let found: Vec<(Uuid, bool, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Disabled)
        .column_as(org_unit::Column::Path, "path")
        .join(JoinType::InnerJoin, user::Relation::OrgUnit.def())
        .filter(user::Column::Id.is_in(wanted.clone()))
        .filter(scope::org_unit_column(user::Column::OrgUnitId, actor))
        .into_tuple()
        .all(db)
        .await?;
    let fit = found
        .iter()
        .filter(|(_, disabled, path)| !disabled && case_path.starts_with(path.as_str()))
        .count();
    if fit != wanted.len() {
        return Err(ApiError::BadUserInput {
            field: "handlerIds".into(),
            message: "each handler is an active user whose scope holds the case".into(),
            reasons: vec!["NOT_A_HANDLER"],
        });
    }
    Ok(wanted)
}

/// Files a confidential case (女职工维权立案) with its handlers. SERVICE_DESK or
/// WOMEN_COMMITTEE.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    new: NewWomenRightsCase,
) -> ApiResult<women_rights_case::Model> {
    actor.require_any(FILERS)?;
    let details = validate::name("details", &new.details, 8000)?;
    let phone = validate::phone("complainantPhone", new.complainant_phone)?;
    let mut tx = Tx::begin(state).await?;
    let contact = match new.contact_id {
        Some(id) => {
            let c = contacts::lock(&tx, actor, id)
                .await
                .or_refused(|| ApiError::bad_input("contactId", "no such contact in your scope"))?;
            contact_rules::check_conversion(&c, ContactConversion::WomenRights)?;
            Some(c)
        }
        None => None,
    };
    let worker_id = new.worker_id.or(contact.as_ref().and_then(|c| c.worker_id));
    let worker = match worker_id {
        Some(id) => Some(
            scope::find_worker(&*tx, actor, id)
                .await
                .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?,
        ),
        None => None,
    };
    let given_name = new
        .complainant_name
        .or(contact.as_ref().and_then(|c| c.caller_name.clone()));
    let name = match (given_name.as_deref(), &worker) {
        (Some(name), _) => validate::name("complainantName", name, 50)?,
        (None, Some(w)) => w.name.clone(),
        (None, None) => {
            return Err(ApiError::bad_input(
                "complainantName",
                "name the complainant or the worker on file",
            ));
        }
    };
    let phone = phone.or(contact.as_ref().and_then(|c| c.caller_phone.clone()));
    let unit_id = new
        .org_unit_id
        .or(contact.as_ref().map(|c| c.org_unit_id))
        .or(worker.as_ref().map(|w| w.org_unit_id))
        .unwrap_or(actor.org_unit_id);
    let unit = find_in_scope(&*tx, actor, unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let handler_ids = handlers(&*tx, actor, &new.handler_ids, &unit.path).await?;
    let now = state.clock.now();
    let created = women_rights_case::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(unit.id),
        contact_id: Set(contact.as_ref().map(|c| c.id)),
        worker_id: Set(worker.map(|w| w.id)),
        complainant_name: Set(name),
        complainant_phone: Set(phone),
        kind: Set(new.kind),
        details: Set(details),
        status: Set(WomenRightsStatus::Open),
        outcome: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if !handler_ids.is_empty() {
        women_rights_handler::Entity::insert_many(handler_ids.iter().map(|user_id| {
            women_rights_handler::ActiveModel {
                case_id: Set(created.id),
                user_id: Set(*user_id),
            }
        }))
        .exec_without_returning(&*tx)
        .await?;
    }
    if let Some(c) = contact {
        contacts::mark_converted(
            state,
            &mut tx,
            actor,
            c,
            ContactConversion::WomenRights,
            created.id,
            None,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createWomenRightsCase",
            "WomenRightsCase",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&audited(&created)),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Closes a case with its outcome (办结). WOMEN_COMMITTEE, or a handler of the case.
pub async fn close(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    outcome: String,
) -> ApiResult<women_rights_case::Model> {
    let outcome = validate::name("outcome", &outcome, 4000)?;
    let mut tx = Tx::begin(state).await?;
    // A case the caller may not know of is NOT_FOUND, as if it did not exist.
    let before = women_rights_case::Entity::find_by_id(id)
        .filter(visible(actor))
        .lock_exclusive()
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("WomenRightsCase"))?;
    if before.status != WomenRightsStatus::Open {
        return Err(ApiError::invalid_state("the case is closed already"));
    }
    let now = state.clock.now();
    let mut active: women_rights_case::ActiveModel = before.clone().into();
    active.status = Set(WomenRightsStatus::Closed);
    active.outcome = Set(Some(outcome));
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "closeWomenRightsCase",
            "WomenRightsCase",
            id,
            Some(after.org_unit_id),
        )
        .before(&audited(&before))
        .after(&audited(&after)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The case, if the caller may know of it; the read is audited.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<women_rights_case::Model> {
    let case = women_rights_case::Entity::find_by_id(id)
        .filter(visible(actor))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("WomenRightsCase"))?;
    audit_reads(state, actor, std::slice::from_ref(&case)).await?;
    Ok(case)
}

/// What the list keeps.
#[derive(Debug, Clone, Default)]
pub struct WomenRightsFilter {
    pub status: Option<WomenRightsStatus>,
    pub kind: Option<WomenRightsKind>,
}

/// The cases the caller may know of, oldest first; every case on the page is an audited
/// read. Anyone signed in may ask: those who may know of none get an empty list.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: WomenRightsFilter,
    page: &PageArgs,
) -> ApiResult<Page<women_rights_case::Model>> {
    let mut select = women_rights_case::Entity::find().filter(visible(actor));
    if let Some(status) = filter.status {
        select = select.filter(women_rights_case::Column::Status.eq(status));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(women_rights_case::Column::Kind.eq(kind));
    }
    let page = paginate(state, select, women_rights_case::Column::Id, page).await?;
    audit_reads(state, actor, &page.items).await?;
    Ok(page)
}
