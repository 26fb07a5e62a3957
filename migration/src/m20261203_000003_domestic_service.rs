//! The domestic-service station (家政服务站): domestic workers with the services they
//! offer, client households, their orders, and the union's community events.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, "domestic_worker", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid_uniq(a("seeker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("district"), 12))
                .col(date_null(a("union_joined_on")))
                .col(boolean(a("active")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("domestic_worker", "seeker_id", "job_seeker"))
                .foreign_key(&mut fk("domestic_worker", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "ix_domestic_worker_org_id",
            "domestic_worker",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        create(manager, "domestic_worker_service", |t| {
            t.col(uuid(a("domestic_worker_id")))
                .col(string_len(a("service"), 24))
                .primary_key(
                    Index::create()
                        .col(a("domestic_worker_id"))
                        .col(a("service")),
                )
                .foreign_key(&mut fk(
                    "domestic_worker_service",
                    "domestic_worker_id",
                    "domestic_worker",
                ));
        })
        .await?;
        index(
            manager,
            "ix_domestic_worker_service_service",
            "domestic_worker_service",
            &["service", "domestic_worker_id"],
            false,
        )
        .await?;
        create(manager, "domestic_client", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("name"), 50))
                .col(string_len(a("phone"), 20))
                .col(string_len(a("district"), 12))
                .col(string_len_null(a("address"), 200))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("domestic_client", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "ix_domestic_client_org_id",
            "domestic_client",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        create(manager, "service_order", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("client_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("service"), 24))
                .col(string_len(a("arrangement"), 16))
                .col(integer_null(a("hours_per_week")))
                .col(date(a("starts_on")))
                .col(date_null(a("ends_on")))
                .col(big_integer(a("wage_offered")))
                .col(integer_null(a("min_certificate_level")))
                .col(text_null(a("note")))
                .col(string_len(a("status"), 16))
                .col(uuid_null(a("domestic_worker_id")))
                .col(date_null(a("contract_from")))
                .col(date_null(a("contract_to")))
                .col(uuid_null(a("placed_by")))
                .col(timestamp_with_time_zone_null(a("placed_at")))
                .col(integer_null(a("rating")))
                .col(text_null(a("comment")))
                .col(text_null(a("follow_up")))
                .col(date_null(a("closed_on")))
                .col(uuid_null(a("closed_by")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("service_order", "client_id", "domestic_client"))
                .foreign_key(&mut fk("service_order", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk(
                    "service_order",
                    "domestic_worker_id",
                    "domestic_worker",
                ))
                .check(
                    Expr::col(a("rating"))
                        .is_null()
                        .or(Expr::col(a("rating")).between(1, 5)),
                );
        })
        .await?;
        index(
            manager,
            "ix_service_order_org_id",
            "service_order",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_service_order_client",
            "service_order",
            &["client_id"],
            false,
        )
        .await?;
        // The placements of a worker, read to keep a live-in contract exclusive.
        index(
            manager,
            "ix_service_order_worker_from",
            "service_order",
            &["domestic_worker_id", "contract_from"],
            false,
        )
        .await?;
        create(manager, "community_event", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("kind"), 24))
                .col(string_len(a("title"), 100))
                .col(date(a("held_on")))
                .col(string_len_null(a("place"), 200))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("community_event", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "ix_community_event_org_held",
            "community_event",
            &["org_unit_id", "held_on"],
            false,
        )
        .await?;
        create(manager, "community_event_participant", |t| {
            t.col(uuid(a("event_id")))
                .col(uuid(a("domestic_worker_id")))
                .col(string_len_null(a("award"), 50))
                .primary_key(
                    Index::create()
                        .col(a("event_id"))
                        .col(a("domestic_worker_id")),
                )
                .foreign_key(&mut fk(
                    "community_event_participant",
                    "event_id",
                    "community_event",
                ))
                .foreign_key(&mut fk(
                    "community_event_participant",
                    "domestic_worker_id",
                    "domestic_worker",
                ));
        })
        .await?;
        index(
            manager,
            "ix_community_event_participant_worker",
            "community_event_participant",
            &["domestic_worker_id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "community_event_participant",
            "community_event",
            "service_order",
            "domestic_client",
            "domestic_worker_service",
            "domestic_worker",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
