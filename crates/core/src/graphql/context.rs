//! Access to per-request data from resolvers.

use std::hash::Hash;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::{Context, ErrorExtensions};
use sea_orm::DbErr;

use super::loader::{DbLoader, OrgUnitKey};
use crate::app::AppState;
use crate::auth::{Actor, Auth};
use crate::error::ApiError;

/// What a resolver needs from its context.
pub trait ContextExt {
    fn state(&self) -> async_graphql::Result<&AppState>;
    /// The signed-in caller, or UNAUTHENTICATED.
    fn actor(&self) -> async_graphql::Result<&Actor>;
    fn loader(&self) -> async_graphql::Result<&DataLoader<DbLoader>>;
}

impl ContextExt for Context<'_> {
    fn state(&self) -> async_graphql::Result<&AppState> {
        self.data::<AppState>()
    }

    fn actor(&self) -> async_graphql::Result<&Actor> {
        match self.data_opt::<Auth>() {
            Some(auth) => auth.actor().map_err(|e| e.extend()),
            None => Err(ApiError::unauthenticated("authentication required").extend()),
        }
    }

    fn loader(&self) -> async_graphql::Result<&DataLoader<DbLoader>> {
        self.data::<DataLoader<DbLoader>>()
    }
}

/// Loads one row through the request's DataLoader; a database failure is classified as
/// any other (UNAVAILABLE for a lost connection, else INTERNAL: logged, never shown).
pub async fn load<K>(
    ctx: &Context<'_>,
    key: K,
) -> async_graphql::Result<Option<<DbLoader as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    DbLoader: Loader<K, Error = Arc<DbErr>>,
{
    ctx.loader()?
        .load_one(key)
        .await
        .map_err(|e| ApiError::from(e).extend())
}

/// `value` for callers who may see personal data (ID numbers, incomes, diagnoses, case
/// notes); null for everyone else.
pub fn personal<T>(ctx: &Context<'_>, value: T) -> async_graphql::Result<Option<T>> {
    Ok(ctx.actor()?.sees_personal_data().then_some(value))
}

/// Whether org unit `id` is in the caller's subtree (for nested fields that reach across
/// records: a payout's worker, an application's case).
pub async fn in_scope(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<bool> {
    let actor = ctx.actor()?;
    Ok(load(ctx, OrgUnitKey(id))
        .await?
        .is_some_and(|o| actor.reaches(&o.path)))
}
