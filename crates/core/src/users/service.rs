//! User administration within the caller's subtree (ADMIN), and first-start bootstrap.

use entity::user::Roles;
use entity::{Role, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, password, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::search;

/// Who may read the list of accounts.
const READERS: &[Role] = &[Role::Admin, Role::Auditor];

/// Input of `createUser`.
pub struct NewUser {
    pub username: String,
    pub password: String,
    pub roles: Vec<Role>,
    pub org_unit_id: Uuid,
    /// The employer an EMPLOYER portal account acts for.
    pub employer_id: Option<Uuid>,
}

/// Input of `updateUser`: only the fields given change.
pub struct UserChanges {
    pub roles: Option<Vec<Role>>,
    pub org_unit_id: Option<Uuid>,
    pub password: Option<String>,
}

/// Filter of `users`.
#[derive(Default)]
pub struct UserFilter {
    pub org_unit_id: Option<Uuid>,
    pub username_contains: Option<String>,
    pub disabled: Option<bool>,
}

/// An account whose org unit is in the caller's subtree, or NOT_FOUND.
async fn find_in_scope_user(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<user::Model> {
    user::Entity::find_by_id(id)
        .filter(scope::org_unit_column(user::Column::OrgUnitId, actor))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("User"))
}

pub async fn create(state: &AppState, actor: &Actor, input: NewUser) -> ApiResult<user::Model> {
    actor.require_any(&[Role::Admin])?;
    let username = input.username.trim().to_owned();
    rules::check_username(&username)?;
    let roles = rules::normalise_roles(&input.roles)?;
    password::validate_new("password", &input.password)?;
    let hash = password::hash(input.password).await?;

    let mut tx = Tx::begin(state).await?;
    let unit = find_in_scope(&*tx, actor, input.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    rules::check_money_grant(grantor(actor), &unit.path, &roles)?;
    // A portal account acts for exactly one employer, and only a portal account does.
    let employer_id = match (roles.contains(&Role::Employer), input.employer_id) {
        (true, Some(id)) => {
            let employer = crate::auth::scope::find_employer(&*tx, actor, id)
                .await
                .or_refused(|| {
                    ApiError::bad_input("employerId", "no such employer in your scope")
                })?;
            if roles.len() > 1 {
                return Err(ApiError::bad_input(
                    "roles",
                    "an EMPLOYER account holds no other role",
                ));
            }
            if employer.org_unit_id != input.org_unit_id {
                return Err(ApiError::bad_input(
                    "orgUnitId",
                    "a portal account sits in its employer's org unit",
                ));
            }
            Some(id)
        }
        (true, None) => {
            return Err(ApiError::bad_input(
                "employerId",
                "an EMPLOYER account names its employer",
            ));
        }
        (false, Some(_)) => {
            return Err(ApiError::bad_input(
                "employerId",
                "only an EMPLOYER account names an employer",
            ));
        }
        (false, None) => None,
    };
    if user::Entity::find()
        .filter(user::Column::Username.eq(&username))
        .one(&*tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: format!("username {username} is taken"),
            reasons: vec!["USERNAME_TAKEN"],
        });
    }
    let now = state.clock.now();
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        username: Set(username),
        password_hash: Set(hash),
        roles: Set(Roles(roles)),
        org_unit_id: Set(input.org_unit_id),
        employer_id: Set(employer_id),
        disabled: Set(false),
        credentials_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("createUser", "User", created.id, Some(created.org_unit_id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    changes: UserChanges,
) -> ApiResult<user::Model> {
    actor.require_any(&[Role::Admin])?;
    let roles = changes
        .roles
        .as_deref()
        .map(rules::normalise_roles)
        .transpose()?;
    let hash = match changes.password {
        Some(p) => {
            password::validate_new("password", &p)?;
            Some(password::hash(p).await?)
        }
        None => None,
    };
    let tx = Tx::begin(state).await?;
    let before = find_in_scope_user(&*tx, actor, id).await?;
    let roles = roles.filter(|r| !same_roles(r, &before.roles.0));
    let org_unit_id = changes.org_unit_id.filter(|org| *org != before.org_unit_id);
    if id == actor.user_id && (roles.is_some() || org_unit_id.is_some()) {
        return Err(ApiError::forbidden(
            "nobody changes their own roles or org unit; another administrator does",
        ));
    }
    // A portal account stays one: EMPLOYER with its employer and nothing else.
    if let Some(roles) = &roles {
        let portal = before.employer_id.is_some();
        if portal != (roles.as_slice() == [Role::Employer]) {
            return Err(ApiError::bad_input(
                "roles",
                "an EMPLOYER account holds that role alone, and only it",
            ));
        }
    }
    if before.employer_id.is_some() && org_unit_id.is_some() {
        return Err(ApiError::bad_input(
            "orgUnitId",
            "a portal account sits in its employer's org unit",
        ));
    }
    let mut active: user::ActiveModel = before.clone().into();
    let unit = match org_unit_id {
        Some(org) => {
            active.org_unit_id = Set(org);
            Some(find_in_scope(&*tx, actor, org).await.or_refused(|| {
                ApiError::bad_input("orgUnitId", "no such org unit in your scope")
            })?)
        }
        None => None,
    };
    // Money roles newly given, or carried into another unit, are granted from above it.
    let granted: Vec<Role> = match (&roles, &unit) {
        (_, Some(_)) => roles.clone().unwrap_or_else(|| before.roles.0.clone()),
        (Some(roles), None) => roles
            .iter()
            .filter(|r| !before.roles.0.contains(r))
            .copied()
            .collect(),
        (None, None) => Vec::new(),
    };
    if granted.iter().any(|r| rules::MONEY_ROLES.contains(r)) {
        let unit = match unit {
            Some(unit) => unit,
            None => find_in_scope(&*tx, actor, before.org_unit_id).await?,
        };
        rules::check_money_grant(grantor(actor), &unit.path, &granted)?;
    }
    if let Some(roles) = roles {
        active.roles = Set(Roles(roles));
    }
    if let Some(hash) = hash {
        // A new password ends every token issued before it.
        active.password_hash = Set(hash);
        active.credentials_version = Set(before.credentials_version.saturating_add(1));
    }
    save(state, tx, actor, "updateUser", before, active).await
}

fn grantor(actor: &Actor) -> rules::Grantor<'_> {
    rules::Grantor {
        org_path: &actor.org_path,
        at_root: actor.at_root(),
    }
}

/// Whether two role lists hold the same roles, in any order.
fn same_roles(a: &[Role], b: &[Role]) -> bool {
    a.len() == b.len() && a.iter().all(|r| b.contains(r))
}

/// Disables (or re-enables) an account; a disabled account's tokens stop working at once.
pub async fn set_disabled(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    disabled: bool,
) -> ApiResult<user::Model> {
    actor.require_any(&[Role::Admin])?;
    if disabled && id == actor.user_id {
        return Err(ApiError::bad_input(
            "id",
            "you cannot disable your own account",
        ));
    }
    let tx = Tx::begin(state).await?;
    let before = find_in_scope_user(&*tx, actor, id).await?;
    let mut active: user::ActiveModel = before.clone().into();
    active.disabled = Set(disabled);
    let operation = if disabled {
        "disableUser"
    } else {
        "enableUser"
    };
    save(state, tx, actor, operation, before, active).await
}

/// Saves an edited account and audits before/after, then commits.
async fn save(
    state: &AppState,
    mut tx: Tx,
    actor: &Actor,
    operation: &'static str,
    before: user::Model,
    mut active: user::ActiveModel,
) -> ApiResult<user::Model> {
    let now = state.clock.now();
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(operation, "User", after.id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<user::Model> {
    if id != actor.user_id {
        actor.require_any(READERS)?;
    }
    find_in_scope_user(&state.db, actor, id).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: UserFilter,
    page: &PageArgs,
) -> ApiResult<Page<user::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        user::Entity::find().filter(scope::org_unit_column(user::Column::OrgUnitId, actor));
    if let Some(org) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, org).await?;
        select = select.filter(
            user::Column::OrgUnitId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(entity::org_unit::Column::Id)
                    .from(entity::org_unit::Entity)
                    .and_where(entity::org_unit::Column::Path.like(format!("{}%", unit.path)))
                    .to_owned(),
            ),
        );
    }
    if let Some(text) = search::text("filter.usernameContains", filter.username_contains)? {
        select = select.filter(search::contains(user::Column::Username, &text));
    }
    if let Some(disabled) = filter.disabled {
        select = select.filter(user::Column::Disabled.eq(disabled));
    }
    paginate(state, select, user::Column::Id, page).await
}

/// Creates a user without an acting caller: the first admin, or `bangfu user create`.
pub async fn create_unattended(
    db: &impl ConnectionTrait,
    username: &str,
    password: &str,
    roles: Vec<Role>,
    org_unit_id: Uuid,
) -> ApiResult<user::Model> {
    rules::check_username(username)?;
    let roles = rules::normalise_roles(&roles)?;
    if roles.contains(&Role::Employer) {
        return Err(ApiError::bad_input(
            "roles",
            "portal accounts are created for an employer through the API",
        ));
    }
    password::validate_new("password", password)?;
    let hash = password::hash(password.to_owned()).await?;
    let now = chrono::Utc::now();
    Ok(user::ActiveModel {
        id: Set(Uuid::now_v7()),
        username: Set(username.to_owned()),
        password_hash: Set(hash),
        roles: Set(Roles(roles)),
        org_unit_id: Set(org_unit_id),
        employer_id: Set(None),
        disabled: Set(false),
        credentials_version: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?)
}
