//! Per-request DataLoader: nested fields ask for rows by key, and each batch of keys
//! becomes one `WHERE id IN (...)` query.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use entity::{org_unit, user};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

/// Key of an org unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrgUnitKey(pub Uuid);

/// Key of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserKey(pub Uuid);

/// Loads rows of any table by primary key.
pub struct DbLoader {
    db: DatabaseConnection,
}

/// A fresh loader for one request (its cache must not outlive the request).
pub fn for_request(db: DatabaseConnection) -> DataLoader<DbLoader> {
    DataLoader::new(DbLoader { db }, tokio::spawn)
}

impl Loader<OrgUnitKey> for DbLoader {
    type Value = org_unit::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[OrgUnitKey],
    ) -> Result<HashMap<OrgUnitKey, Self::Value>, Self::Error> {
        let rows = org_unit::Entity::find()
            .filter(org_unit::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|r| (OrgUnitKey(r.id), r)).collect())
    }
}

impl Loader<UserKey> for DbLoader {
    type Value = user::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[UserKey]) -> Result<HashMap<UserKey, Self::Value>, Self::Error> {
        let rows = user::Entity::find()
            .filter(user::Column::Id.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|r| (UserKey(r.id), r)).collect())
    }
}
