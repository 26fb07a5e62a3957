//! Platform tables: org units, users, login throttle, audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AppSetting::Table)
                    .col(string_len(AppSetting::Key, 64).primary_key())
                    .col(text(AppSetting::Value))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrgUnit::Table)
                    .col(pk_uuid(OrgUnit::Id))
                    .col(uuid_null(OrgUnit::ParentId))
                    .col(string_len(OrgUnit::Name, 200))
                    .col(string_len(OrgUnit::Kind, 24))
                    .col(string_len_uniq(OrgUnit::Path, 1000))
                    .col(string_len(OrgUnit::RegionCode, 12))
                    .col(string_len_null(OrgUnit::Ownership, 16))
                    .col(string_len_null(OrgUnit::Industry, 24))
                    .col(timestamp_with_time_zone(OrgUnit::CreatedAt))
                    .col(timestamp_with_time_zone(OrgUnit::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_org_unit_parent")
                            .from(OrgUnit::Table, OrgUnit::ParentId)
                            .to(OrgUnit::Table, OrgUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_org_unit_parent")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::ParentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(pk_uuid(AppUser::Id))
                    .col(string_len_uniq(AppUser::Username, 64))
                    .col(string_len(AppUser::PasswordHash, 200))
                    .col(json_binary(AppUser::Roles))
                    .col(uuid(AppUser::OrgUnitId))
                    .col(boolean(AppUser::Disabled))
                    .col(timestamp_with_time_zone(AppUser::CreatedAt))
                    .col(timestamp_with_time_zone(AppUser::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_app_user_org_unit")
                            .from(AppUser::Table, AppUser::OrgUnitId)
                            .to(OrgUnit::Table, OrgUnit::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_app_user_org_unit")
                    .table(AppUser::Table)
                    .col(AppUser::OrgUnitId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string_len(LoginThrottle::Username, 64).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                    .col(timestamp_with_time_zone(LoginThrottle::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_uuid(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::ActorUsername, 64))
                    .col(uuid_null(AuditLog::OrgUnitId))
                    .col(string_len(AuditLog::Operation, 64))
                    .col(string_len(AuditLog::EntityType, 64))
                    .col(uuid_null(AuditLog::EntityId))
                    .col(json_binary_null(AuditLog::Before))
                    .col(json_binary_null(AuditLog::After))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_audit_log_entity", AuditLog::EntityId),
            ("idx_audit_log_org_unit", AuditLog::OrgUnitId),
            ("idx_audit_log_actor", AuditLog::ActorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            AppUser::Table.into_iden(),
            OrgUnit::Table.into_iden(),
            AppSetting::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
    ParentId,
    Name,
    Kind,
    Path,
    RegionCode,
    Ownership,
    Industry,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Username,
    PasswordHash,
    Roles,
    OrgUnitId,
    Disabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Username,
    Failures,
    LockedUntil,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorUsername,
    OrgUnitId,
    Operation,
    EntityType,
    EntityId,
    Before,
    After,
}

#[derive(DeriveIden)]
enum AppSetting {
    Table,
    Key,
    Value,
}
