//! Login, the caller of each request, and password changes.

use chrono::{DateTime, Utc};
use entity::{login_throttle, org_unit, user};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::rules::{self, Throttle};
use super::{Actor, Auth, password};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};

/// A successful login.
pub struct Session {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: user::Model,
}

/// Resolves the bearer token of a request to the caller. The account is reloaded on
/// every request, so disabling it or changing its roles takes effect at once.
pub async fn authenticate(state: &AppState, bearer: Option<&str>) -> ApiResult<Auth> {
    let Some(token) = bearer else {
        return Ok(Auth::Anonymous);
    };
    let user_id = match state.keys.verify(token, state.clock.now()) {
        Ok(id) => id,
        Err(reason) => return Ok(Auth::Rejected(reason)),
    };
    match load_actor(state, user_id).await? {
        Some(actor) => Ok(Auth::Actor(actor)),
        None => Ok(Auth::Rejected("account disabled or removed")),
    }
}

/// The account as it is now, if it is still enabled (for long-lived subscriptions).
pub async fn reload(state: &AppState, user_id: Uuid) -> Option<Actor> {
    load_actor(state, user_id).await.ok().flatten()
}

async fn load_actor(state: &AppState, user_id: Uuid) -> ApiResult<Option<Actor>> {
    let found = user::Entity::find_by_id(user_id)
        .find_also_related(org_unit::Entity)
        .one(&state.db)
        .await?;
    Ok(match found {
        Some((user, Some(org))) if !user.disabled => Some(Actor {
            user_id: user.id,
            username: user.username,
            roles: user.roles.0,
            org_unit_id: org.id,
            org_path: org.path,
            employer_id: user.employer_id,
        }),
        _ => None,
    })
}

/// Checks a username and password and issues a token. A wrong password, an unknown user
/// and a disabled account get the same answer; too many failures lock the username.
pub async fn login(state: &AppState, username: &str, password: &str) -> ApiResult<Session> {
    let now = state.clock.now();
    // No account has such a name; nothing is counted for it either.
    if username.is_empty() || username.chars().count() > 64 {
        return Err(ApiError::unauthenticated("wrong username or password"));
    }
    let throttle = login_throttle::Entity::find_by_id(username.to_owned())
        .one(&state.db)
        .await?;
    if rules::is_locked(throttle.as_ref().and_then(|t| t.locked_until), now) {
        return Err(ApiError::Unauthenticated {
            message: "too many failed logins; try again later".into(),
            reasons: vec!["LOGIN_THROTTLED"],
        });
    }
    let account = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&state.db)
        .await?;
    let stored = account.as_ref().map(|u| u.password_hash.clone());
    let valid = password::verify(password.to_owned(), stored).await;
    let account = match account {
        Some(account) if valid && !account.disabled => account,
        _ => {
            record_failure(state, username, throttle, now).await?;
            tracing::warn!(%username, "failed login");
            return Err(ApiError::unauthenticated("wrong username or password"));
        }
    };

    let expires_at = now + state.config.token_ttl();
    let token = state
        .keys
        .issue(account.id, now, expires_at)
        .map_err(ApiError::internal)?;
    let mut tx = Tx::begin(state).await?;
    login_throttle::Entity::delete_by_id(username.to_owned())
        .exec(&*tx)
        .await?;
    let actor = Actor {
        user_id: account.id,
        username: account.username.clone(),
        roles: account.roles.0.clone(),
        org_unit_id: account.org_unit_id,
        org_path: String::new(),
        employer_id: account.employer_id,
    };
    audit::record(
        &mut tx,
        &actor,
        now,
        Change::new("login", "User", account.id, Some(account.org_unit_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(Session {
        token,
        expires_at,
        user: account,
    })
}

/// Counts a failure in its own transaction (it must stick although the login fails).
/// The count is incremented in SQL, so concurrent guesses are all counted.
async fn record_failure(
    state: &AppState,
    username: &str,
    previous: Option<login_throttle::Model>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let settings = Throttle {
        max_failures: state.config.login_max_failures,
        lockout: chrono::Duration::seconds(
            i64::try_from(state.config.login_lockout_secs).unwrap_or(i64::MAX / 1000),
        ),
    };
    let tx = Tx::begin(state).await?;
    let expired = previous
        .as_ref()
        .is_some_and(|t| t.locked_until.is_some_and(|until| until <= now));
    let row = login_throttle::ActiveModel {
        username: Set(username.to_owned()),
        failures: Set(1),
        locked_until: Set(None),
        updated_at: Set(now),
    };
    let count = if expired {
        // A lock that ran out starts a fresh count.
        Expr::value(1)
    } else {
        Expr::col((login_throttle::Entity, login_throttle::Column::Failures)).add(1)
    };
    login_throttle::Entity::insert(row)
        .on_conflict(
            OnConflict::column(login_throttle::Column::Username)
                .value(login_throttle::Column::Failures, count)
                .update_columns([login_throttle::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(&*tx)
        .await?;
    let stored = login_throttle::Entity::find_by_id(username.to_owned())
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("throttle row vanished"))?;
    if let Some(until) = rules::lock_for(settings, stored.failures, now) {
        let mut active: login_throttle::ActiveModel = stored.into();
        active.locked_until = Set(Some(until));
        active.update(&*tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The caller's own account.
pub async fn me(state: &AppState, actor: &Actor) -> ApiResult<user::Model> {
    user::Entity::find_by_id(actor.user_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("User"))
}

/// Changes the caller's own password after checking the current one.
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: &str,
    new: &str,
) -> ApiResult<user::Model> {
    password::validate_new("newPassword", new)?;
    let account = me(state, actor).await?;
    if !password::verify(current.to_owned(), Some(account.password_hash.clone())).await {
        return Err(ApiError::bad_input(
            "currentPassword",
            "the current password is wrong",
        ));
    }
    let hash = password::hash(new.to_owned()).await?;
    let now = state.clock.now();
    let mut tx = Tx::begin(state).await?;
    let mut active: user::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.updated_at = Set(now);
    let updated = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "changePassword",
            "User",
            updated.id,
            Some(updated.org_unit_id),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(updated)
}
