//! GraphQL surface of sign-in: `login`, `me`, `changePassword`.

use async_graphql::{Context, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};

use super::service;
use crate::graphql::context::ContextExt;
use crate::users::graphql::User;

/// Input of `login` (登录).
#[derive(InputObject)]
pub struct LoginInput {
    /// Login name (用户名).
    pub username: String,
    /// Password (密码).
    pub password: String,
}

/// Result of `login`: a bearer token for the `Authorization` header.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Bearer token (令牌): send as `Authorization: Bearer <token>`.
    pub token: String,
    /// When the token expires (过期时间).
    pub expires_at: DateTime<Utc>,
    /// The signed-in account (当前用户).
    pub user: User,
}

/// Input of `changePassword` (修改密码).
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// The current password (原密码).
    pub current_password: String,
    /// The new password (新密码), at least 8 characters.
    pub new_password: String,
}

/// Result of `changePassword`: every token issued before has stopped working, so the
/// caller continues with this one.
#[derive(SimpleObject)]
pub struct ChangePasswordPayload {
    /// A new bearer token (新令牌) in place of the one this request used.
    pub token: String,
    /// When the new token expires (过期时间).
    pub expires_at: DateTime<Utc>,
    /// The account whose password changed.
    pub user: User,
}

#[derive(Default)]
pub struct AuthQuery;

#[Object]
impl AuthQuery {
    /// The signed-in caller (当前用户).
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        service::me(ctx.state()?, ctx.actor()?)
            .await
            .map(User)
            .extend()
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Signs in with username and password and returns a token (登录). A wrong password
    /// and an unknown user get the same UNAUTHENTICATED error; repeated failures lock the
    /// username for a while (reason `LOGIN_THROTTLED`).
    /// Who may call: anyone (no token).
    async fn login(
        &self,
        ctx: &Context<'_>,
        input: LoginInput,
    ) -> async_graphql::Result<LoginPayload> {
        service::login(ctx.state()?, &input.username, &input.password)
            .await
            .map(|s| LoginPayload {
                token: s.token,
                expires_at: s.expires_at,
                user: User(s.user),
            })
            .extend()
    }

    /// Changes the caller's own password (修改密码). Every token issued before it stops
    /// working, this request's own included; the payload carries a new one.
    /// Who may call: any signed-in user.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        input: ChangePasswordInput,
    ) -> async_graphql::Result<ChangePasswordPayload> {
        service::change_password(
            ctx.state()?,
            ctx.actor()?,
            &input.current_password,
            &input.new_password,
        )
        .await
        .map(|s| ChangePasswordPayload {
            token: s.token,
            expires_at: s.expires_at,
            user: User(s.user),
        })
        .extend()
    }
}
