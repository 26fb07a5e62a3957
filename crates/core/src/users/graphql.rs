//! GraphQL surface of user accounts.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{Role, user};

use super::service::{self, NewUser, UserChanges, UserFilter};
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::{OrgUnitKey, UserKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::org::graphql::OrgUnit;

pub struct User(pub user::Model);

/// User account (用户).
#[Object]
impl User {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("User", self.0.id)
    }

    /// Login name (用户名).
    async fn username(&self) -> &str {
        &self.0.username
    }

    /// Roles held (角色).
    async fn roles(&self) -> &[Role] {
        &self.0.roles.0
    }

    /// The org unit the account belongs to (所属组织); its subtree is the account's scope.
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Whether the account is disabled (已停用); a disabled account cannot sign in.
    async fn disabled(&self) -> bool {
        self.0.disabled
    }

    /// When the account was created (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the account was last changed (更新时间).
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// Input of `createUser` (新建用户).
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Login name (用户名): 3–64 letters, digits or `._-@`.
    pub username: String,
    /// Initial password (初始密码), at least 8 characters.
    pub password: String,
    /// Roles (角色), at least one.
    pub roles: Vec<Role>,
    /// Org unit (所属组织) in the caller's scope.
    pub org_unit_id: ID,
    /// For an EMPLOYER portal account: the employer it acts for (所属用工单位).
    pub employer_id: Option<ID>,
}

/// Input of `updateUser` (修改用户); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateUserInput {
    /// The account to change.
    pub id: ID,
    /// New roles (角色).
    pub roles: Option<Vec<Role>>,
    /// New org unit (所属组织).
    pub org_unit_id: Option<ID>,
    /// A new password set by the administrator (重置密码).
    pub password: Option<String>,
}

/// Input of `disableUser` / `enableUser`.
#[derive(InputObject)]
pub struct UserIdInput {
    /// The account.
    pub id: ID,
}

/// Result of the user mutations.
#[derive(SimpleObject)]
pub struct UserPayload {
    /// The account as saved.
    pub user: User,
}

/// Filter of `users`.
#[derive(InputObject, Default)]
pub struct UserFilterInput {
    /// Only accounts in this unit's subtree.
    pub org_unit_id: Option<ID>,
    /// Only usernames containing this text.
    pub username_contains: Option<String>,
    /// Only disabled (true) or active (false) accounts.
    pub disabled: Option<bool>,
}

#[derive(Default)]
pub struct UserQuery;

#[Object]
impl UserQuery {
    /// One account in the caller's subtree (用户). ADMIN, AUDITOR, or the account itself.
    async fn user(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<User> {
        let id = decode(&id, "User", "id").extend()?;
        service::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(User)
            .extend()
    }

    /// Accounts of the caller's subtree, oldest first (用户列表). ADMIN, AUDITOR.
    #[graphql(complexity = "complexity(child_complexity, first, last)")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        filter: Option<UserFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> async_graphql::Result<Conn<User>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, before, first, last)?;
        let filter = UserFilter {
            org_unit_id: decode_opt(filter.org_unit_id.as_ref(), "OrgUnit", "filter.orgUnitId")
                .extend()?,
            username_contains: filter.username_contains,
            disabled: filter.disabled,
        };
        service::list(state, actor, filter, &page)
            .await
            .map(|page| connection(page, |m| m.id, User))
            .extend()
    }
}

#[derive(Default)]
pub struct UserMutation;

#[Object]
impl UserMutation {
    /// Creates an account in the caller's subtree (新建用户). The money roles (FINANCE,
    /// APPROVER, AUDITOR) are granted only by an ADMIN of an org unit above the account's
    /// own, or for an account of the root unit by another root ADMIN (职责分离).
    /// Who may call: ADMIN (money roles only for accounts of a unit below theirs, or of the root unit by a root ADMIN).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> async_graphql::Result<UserPayload> {
        let actor = ctx.actor()?;
        let input = NewUser {
            username: input.username,
            password: input.password,
            roles: input.roles,
            org_unit_id: decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?,
            employer_id: decode_opt(input.employer_id.as_ref(), "Employer", "employerId")
                .extend()?,
        };
        service::create(ctx.state()?, actor, input)
            .await
            .map(|m| UserPayload { user: User(m) })
            .extend()
    }

    /// Changes an account's roles, org unit or password (修改用户). Nobody changes their
    /// own roles or org unit. Money roles (FINANCE, APPROVER, AUDITOR) newly given, or
    /// kept while the account moves unit, are granted only by an ADMIN of an org unit
    /// above the account's unit, or in the root unit by another root ADMIN (职责分离). A
    /// new password ends every token issued before it.
    /// Who may call: ADMIN (not for their own roles or unit; money roles only from a unit above the account's).
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        input: UpdateUserInput,
    ) -> async_graphql::Result<UserPayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.id, "User", "id").extend()?;
        let changes = UserChanges {
            roles: input.roles,
            org_unit_id: decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            password: input.password,
        };
        service::update(ctx.state()?, actor, id, changes)
            .await
            .map(|m| UserPayload { user: User(m) })
            .extend()
    }

    /// Disables an account; its tokens stop working at once (停用用户).
    /// Who may call: ADMIN.
    async fn disable_user(
        &self,
        ctx: &Context<'_>,
        input: UserIdInput,
    ) -> async_graphql::Result<UserPayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.id, "User", "id").extend()?;
        service::set_disabled(ctx.state()?, actor, id, true)
            .await
            .map(|m| UserPayload { user: User(m) })
            .extend()
    }

    /// Enables a disabled account again (启用用户).
    /// Who may call: ADMIN.
    async fn enable_user(
        &self,
        ctx: &Context<'_>,
        input: UserIdInput,
    ) -> async_graphql::Result<UserPayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.id, "User", "id").extend()?;
        service::set_disabled(ctx.state()?, actor, id, false)
            .await
            .map(|m| UserPayload { user: User(m) })
            .extend()
    }
}

/// The account `id`, if its org unit is in the caller's subtree.
pub async fn scoped_user(
    ctx: &Context<'_>,
    id: Option<uuid::Uuid>,
) -> async_graphql::Result<Option<User>> {
    let Some(id) = id else {
        return Ok(None);
    };
    let actor = ctx.actor()?;
    let Some(user) = load(ctx, UserKey(id)).await? else {
        return Ok(None);
    };
    let org = load(ctx, OrgUnitKey(user.org_unit_id)).await?;
    Ok(org.filter(|o| actor.reaches(&o.path)).map(|_| User(user)))
}
