//! Login, the caller of each request, and password changes.

use chrono::{DateTime, Utc};
use entity::{login_throttle, org_unit, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    QueryFilter, Statement,
};
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

/// Resolves the bearer token of a request to the caller. The account is as of the last
/// write (`app::Callers`), so disabling it or changing its roles takes effect at once, and a
/// token issued before the account's last password change is refused.
pub async fn authenticate(state: &AppState, bearer: Option<&str>) -> ApiResult<Auth> {
    let Some(token) = bearer else {
        return Ok(Auth::Anonymous);
    };
    let claims = match state
        .keys
        .verify(token, state.clock.now(), state.config.token_ttl())
    {
        Ok(claims) => claims,
        Err(reason) => return Ok(Auth::Rejected(reason)),
    };
    match load_actor(state, claims.sub).await? {
        Some(actor) if actor.credentials_version != claims.ver => Ok(Auth::Rejected(
            "the password was changed since this token was issued; log in again",
        )),
        Some(actor) => Ok(Auth::Actor(actor)),
        None => Ok(Auth::Rejected("account disabled or removed")),
    }
}

/// The caller's account as it is now, if it is still enabled and its password has not
/// changed since `caller` signed in (for long-lived subscriptions). Read from the database,
/// not from the kept callers: on PostgreSQL an event reaches a feed as the COMMIT that
/// raised it returns, before the writer has moved the write epoch, so the kept account
/// may still be the one from before that write (a password change delivered to the token
/// it ended).
pub async fn reload(state: &AppState, caller: &Actor) -> Option<Actor> {
    read_account(state, caller.user_id)
        .await
        .ok()
        .flatten()
        .and_then(actor_of)
        .filter(|now| now.credentials_version == caller.credentials_version)
}

async fn load_actor(state: &AppState, user_id: Uuid) -> ApiResult<Option<Actor>> {
    Ok(account(state, user_id).await?.and_then(actor_of))
}

/// The caller an enabled account signs in as.
fn actor_of((user, org): (user::Model, org_unit::Model)) -> Option<Actor> {
    (!user.disabled).then_some(Actor {
        user_id: user.id,
        username: user.username,
        roles: user.roles.0,
        org_unit_id: org.id,
        org_path: org.path,
        employer_id: user.employer_id,
        credentials_version: user.credentials_version,
    })
}

/// A user's account and org unit as of the last write, kept per caller.
async fn account(
    state: &AppState,
    user_id: Uuid,
) -> ApiResult<Option<(user::Model, org_unit::Model)>> {
    state
        .callers
        .get_or_try(user_id, read_account(state, user_id))
        .await
}

/// A user's account and org unit, read from the database.
async fn read_account(
    state: &AppState,
    user_id: Uuid,
) -> ApiResult<Option<(user::Model, org_unit::Model)>> {
    let found = user::Entity::find_by_id(user_id)
        .find_also_related(org_unit::Entity)
        .one(&state.db)
        .await?;
    Ok(found.and_then(|(user, org)| org.map(|org| (user, org))))
}

/// Checks a username and password and issues a token. A wrong password, an unknown user
/// and a disabled account get the same answer; too many failures lock the username.
///
/// Each attempt is counted before its password is checked, in one statement that also
/// tells its place in the count, so that of any number of simultaneous guesses at most
/// `BANGFU_LOGIN_MAX_FAILURES` are ever checked in a lockout window.
pub async fn login(state: &AppState, username: &str, password: &str) -> ApiResult<Session> {
    let now = state.clock.now();
    // No account has such a name; nothing is counted for it either.
    if username.is_empty() || username.chars().count() > 64 {
        return Err(ApiError::unauthenticated("wrong username or password"));
    }
    let throttle = throttle(&state.config);
    let attempt = count_attempt(state, username, throttle, now).await?;
    if !rules::may_verify(throttle, attempt) {
        tracing::warn!(%username, attempt, "login refused: username locked");
        return Err(throttled());
    }
    let account = user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(&state.db)
        .await?;
    let stored = account.as_ref().map(|u| u.password_hash.clone());
    let valid = password::verify(password.to_owned(), stored).await;
    let account = match account {
        Some(account) if valid && !account.disabled => account,
        account => {
            tracing::warn!(%username, attempt, "failed login");
            record_failure(state, username, account.as_ref(), throttle, attempt, now).await?;
            return Err(ApiError::unauthenticated("wrong username or password"));
        }
    };

    let mut tx = Tx::begin(state).await?;
    login_throttle::Entity::delete_by_id(username.to_owned())
        .exec(&*tx)
        .await?;
    audit::record_by(
        &mut tx,
        Some(account.id),
        &account.username,
        now,
        Change::new("login", "User", account.id, Some(account.org_unit_id)),
    )
    .await?;
    tx.commit().await?;
    issue(state, account, now)
}

fn issue(state: &AppState, account: user::Model, now: DateTime<Utc>) -> ApiResult<Session> {
    let expires_at = now + state.config.token_ttl();
    let token = state
        .keys
        .issue(account.id, account.credentials_version, now, expires_at)
        .map_err(ApiError::internal)?;
    Ok(Session {
        token,
        expires_at,
        user: account,
    })
}

fn throttle(config: &crate::config::Config) -> Throttle {
    Throttle {
        max_failures: config.login_max_failures,
        lockout: chrono::Duration::seconds(
            i64::try_from(config.login_lockout_secs).unwrap_or(i64::MAX / 1000),
        ),
    }
}

fn throttled() -> ApiError {
    ApiError::Unauthenticated {
        message: "too many failed logins; try again later".into(),
        reasons: vec!["LOGIN_THROTTLED"],
    }
}

/// Counts one attempt for `username` and returns its place in the count of the current
/// window, in one statement: concurrent attempts each get their own number (PostgreSQL
/// locks the row, SQLite has one writer). A lock that ran out starts a fresh count; the
/// attempt that reaches the limit sets the lock; attempts while locked only count on.
/// A successful login deletes the row.
async fn count_attempt(
    state: &AppState,
    username: &str,
    throttle: Throttle,
    now: DateTime<Utc>,
) -> ApiResult<i32> {
    let backend = state.db.get_database_backend();
    let p = |n: u8| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    };
    let (user, first_lock, now_, max, lock) = (p(1), p(2), p(3), p(4), p(5));
    let sql = format!(
        "INSERT INTO login_throttle (username, failures, locked_until, updated_at) \
         VALUES ({user}, 1, {first_lock}, {now_}) \
         ON CONFLICT (username) DO UPDATE SET \
           failures = CASE WHEN login_throttle.locked_until <= {now_} THEN 1 \
             ELSE login_throttle.failures + 1 END, \
           locked_until = CASE WHEN login_throttle.locked_until <= {now_} THEN {first_lock} \
             WHEN login_throttle.locked_until IS NOT NULL THEN login_throttle.locked_until \
             WHEN login_throttle.failures + 1 >= {max} THEN {lock} \
             ELSE NULL END, \
           updated_at = {now_} \
         RETURNING failures"
    );
    let values: [sea_orm::Value; 5] = [
        username.into(),
        rules::lock_for(throttle, 1, now).into(),
        now.into(),
        i32::from(throttle.max_failures).into(),
        (now + throttle.lockout).into(),
    ];
    let row = state
        .db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?
        .ok_or_else(|| ApiError::internal("the login count returned no row"))?;
    Ok(row.try_get::<i32>("", "failures")?)
}

/// Writes a failed login to the audit log (the username tried and the count, never the
/// password), and the lock when this attempt reached the limit.
async fn record_failure(
    state: &AppState,
    username: &str,
    account: Option<&user::Model>,
    throttle: Throttle,
    attempt: i32,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let id = account.map(|a| a.id);
    let org = account.map(|a| a.org_unit_id);
    let mut tx = Tx::begin(state).await?;
    let failure = serde_json::json!({ "failures": attempt });
    audit::record_by(
        &mut tx,
        None,
        username,
        now,
        Change::about("loginFailed", "User", id, org).after(&failure),
    )
    .await?;
    if let Some(until) = rules::lock_for(throttle, attempt, now)
        .filter(|_| attempt == i32::from(throttle.max_failures))
    {
        tracing::warn!(%username, %until, "username locked after failed logins");
        let lock = serde_json::json!({ "failures": attempt, "lockedUntil": until });
        audit::record_by(
            &mut tx,
            None,
            username,
            now,
            Change::about("loginLocked", "User", id, org).after(&lock),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The caller's own account, as of the last write (`app::Callers`).
pub async fn me(state: &AppState, actor: &Actor) -> ApiResult<user::Model> {
    account(state, actor.user_id)
        .await?
        .map(|(user, _)| user)
        .ok_or(ApiError::not_found("User"))
}

/// Changes the caller's own password after checking the current one. Every token issued
/// before, this request's own included, stops working; the answer carries a new one.
pub async fn change_password(
    state: &AppState,
    actor: &Actor,
    current: &str,
    new: &str,
) -> ApiResult<Session> {
    password::validate_new("newPassword", new)?;
    // The stored row, not the kept one: a reset on another replica whose notification
    // has not arrived yet must not be overwritten by a check against the old password.
    let account = user::Entity::find_by_id(actor.user_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("User"))?;
    if !password::verify(current.to_owned(), Some(account.password_hash.clone())).await {
        return Err(ApiError::bad_input(
            "currentPassword",
            "the current password is wrong",
        ));
    }
    let hash = password::hash(new.to_owned()).await?;
    let now = state.clock.now();
    let mut tx = Tx::begin(state).await?;
    let version = account.credentials_version.saturating_add(1);
    let mut active: user::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.credentials_version = Set(version);
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
    issue(state, updated, now)
}
