//! The version of an account's credentials (凭据版本): raised by every password change and
//! carried in each token, so that a change ends every token issued before it.

use sea_orm_migration::prelude::*;

use crate::helpers::a;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("app_user"))
                    .add_column(
                        ColumnDef::new(a("credentials_version"))
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("app_user"))
                    .drop_column(a("credentials_version"))
                    .to_owned(),
            )
            .await
    }
}
