//! The service desk (帮扶服务中心前台): contacts to 12351 and visitors with their
//! call-backs, petitions (信访) with the policy periods and their history, legal-aid cases
//! with their history and stages, confidential women workers' cases with their handlers,
//! and the register of model workers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A history table (流转记录) of `item`, as the review workflow writes it.
async fn history(
    manager: &SchemaManager<'_>,
    table: &str,
    item_column: &str,
    item: &str,
) -> Result<(), DbErr> {
    create(manager, table, |t| {
        t.col(pk_uuid(a("id")))
            .col(uuid(a(item_column)))
            .col(string_len_null(a("from_status"), 24))
            .col(string_len(a("to_status"), 24))
            .col(uuid_null(a("actor_id")))
            .col(string_len(a("actor_username"), 64))
            .col(timestamp_with_time_zone(a("at")))
            .col(text_null(a("comment")))
            .foreign_key(&mut fk(table, item_column, item));
    })
    .await?;
    index(
        manager,
        &format!("ix_{table}_{item_column}"),
        table,
        &[item_column, "id"],
        false,
    )
    .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, "contact", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("channel"), 24))
                .col(string_len(a("topic"), 24))
                .col(timestamp_with_time_zone(a("received_at")))
                .col(uuid_null(a("worker_id")))
                .col(uuid_null(a("job_seeker_id")))
                .col(string_len_null(a("caller_name"), 50))
                .col(string_len_null(a("caller_phone"), 20))
                .col(boolean(a("anonymous")))
                .col(text(a("summary")))
                .col(string_len(a("status"), 24))
                .col(text_null(a("answer")))
                .col(string_len_null(a("converted_to"), 24))
                .col(uuid_null(a("target_id")))
                .col(json_binary_null(a("screening")))
                .col(uuid(a("logged_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("contact", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("contact", "worker_id", "worker"))
                .foreign_key(&mut fk("contact", "job_seeker_id", "job_seeker"));
        })
        .await?;
        index(
            manager,
            "ix_contact_org_id",
            "contact",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_contact_worker",
            "contact",
            &["worker_id"],
            false,
        )
        .await?;
        create(manager, "contact_callback", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("contact_id")))
                .col(timestamp_with_time_zone(a("called_at")))
                .col(boolean(a("satisfied")))
                .col(text_null(a("note")))
                .col(uuid(a("recorded_by")))
                .foreign_key(&mut fk("contact_callback", "contact_id", "contact"));
        })
        .await?;
        index(
            manager,
            "ix_contact_callback_contact",
            "contact_callback",
            &["contact_id"],
            false,
        )
        .await?;
        create(manager, "petition_policy", |t| {
            t.col(string_len(a("period"), 24).primary_key())
                .col(integer(a("days")))
                .col(uuid(a("updated_by")))
                .col(timestamp_with_time_zone(a("updated_at")));
        })
        .await?;
        create(manager, "petition", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(uuid_null(a("contact_id")))
                .col(uuid_null(a("worker_id")))
                .col(string_len(a("petitioner_name"), 50))
                .col(string_len_null(a("petitioner_phone"), 20))
                .col(string_len(a("channel"), 24))
                .col(string_len(a("topic"), 24))
                .col(text(a("summary")))
                .col(date(a("received_on")))
                .col(string_len(a("status"), 24))
                .col(integer(a("acceptance_days")))
                .col(integer(a("answer_days")))
                .col(integer(a("extension_max_days")))
                .col(integer(a("review_request_days")))
                .col(integer(a("review_answer_days")))
                .col(date(a("acceptance_due_on")))
                .col(date_null(a("answer_due_on")))
                .col(date_null(a("review_request_until")))
                .col(date_null(a("review_due_on")))
                .col(date_null(a("due_on")))
                .col(date_null(a("decided_on")))
                .col(text_null(a("decision_reason")))
                .col(integer_null(a("extended_days")))
                .col(text_null(a("extension_reason")))
                .col(date_null(a("answered_on")))
                .col(text_null(a("answer")))
                .col(date_null(a("review_requested_on")))
                .col(text_null(a("review_reason")))
                .col(date_null(a("reviewed_on")))
                .col(text_null(a("review_answer")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("petition", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("petition", "contact_id", "contact"))
                .foreign_key(&mut fk("petition", "worker_id", "worker"));
        })
        .await?;
        index(
            manager,
            "ix_petition_org_id",
            "petition",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        index(manager, "ix_petition_due", "petition", &["due_on"], false).await?;
        history(manager, "petition_transition", "petition_id", "petition").await?;
        create(manager, "legal_aid_case", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(uuid_null(a("contact_id")))
                .col(uuid(a("worker_id")))
                .col(boolean(a("hardship_registered")))
                .col(uuid_null(a("employer_id")))
                .col(string_len(a("employer_name"), 100))
                .col(string_len(a("claim"), 24))
                .col(big_integer(a("amount_claimed")))
                .col(text(a("summary")))
                .col(string_len(a("status"), 24))
                .col(string_len_null(a("stage"), 24))
                .col(uuid_null(a("assignee_id")))
                .col(string_len_null(a("outcome"), 24))
                .col(big_integer_null(a("amount_recovered")))
                .col(date_null(a("closed_on")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("legal_aid_case", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("legal_aid_case", "contact_id", "contact"))
                .foreign_key(&mut fk("legal_aid_case", "worker_id", "worker"))
                .foreign_key(&mut fk("legal_aid_case", "employer_id", "employer"))
                .foreign_key(&mut fk("legal_aid_case", "assignee_id", "app_user"));
        })
        .await?;
        index(
            manager,
            "ix_legal_aid_case_org_id",
            "legal_aid_case",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_legal_aid_case_worker",
            "legal_aid_case",
            &["worker_id"],
            false,
        )
        .await?;
        history(manager, "legal_aid_transition", "case_id", "legal_aid_case").await?;
        create(manager, "legal_aid_step", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("case_id")))
                .col(string_len(a("stage"), 24))
                .col(date(a("started_on")))
                .col(text_null(a("note")))
                .col(uuid(a("recorded_by")))
                .col(timestamp_with_time_zone(a("recorded_at")))
                .foreign_key(&mut fk("legal_aid_step", "case_id", "legal_aid_case"));
        })
        .await?;
        index(
            manager,
            "ix_legal_aid_step_case",
            "legal_aid_step",
            &["case_id", "id"],
            false,
        )
        .await?;
        create(manager, "women_rights_case", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(uuid_null(a("contact_id")))
                .col(uuid_null(a("worker_id")))
                .col(string_len(a("complainant_name"), 50))
                .col(string_len_null(a("complainant_phone"), 20))
                .col(string_len(a("kind"), 24))
                .col(text(a("details")))
                .col(string_len(a("status"), 24))
                .col(text_null(a("outcome")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("women_rights_case", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("women_rights_case", "contact_id", "contact"))
                .foreign_key(&mut fk("women_rights_case", "worker_id", "worker"));
        })
        .await?;
        index(
            manager,
            "ix_women_rights_case_org_id",
            "women_rights_case",
            &["org_unit_id", "id"],
            false,
        )
        .await?;
        create(manager, "women_rights_handler", |t| {
            t.col(uuid(a("case_id")))
                .col(uuid(a("user_id")))
                .primary_key(Index::create().col(a("case_id")).col(a("user_id")))
                .foreign_key(&mut fk(
                    "women_rights_handler",
                    "case_id",
                    "women_rights_case",
                ))
                .foreign_key(&mut fk("women_rights_handler", "user_id", "app_user"));
        })
        .await?;
        index(
            manager,
            "ix_women_rights_handler_user",
            "women_rights_handler",
            &["user_id"],
            false,
        )
        .await?;
        create(manager, "model_worker", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("worker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("title"), 100))
                .col(string_len(a("level"), 24))
                .col(integer(a("year")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("model_worker", "worker_id", "worker"))
                .foreign_key(&mut fk("model_worker", "org_unit_id", "org_unit"));
        })
        .await?;
        // A title is conferred once a year on a worker.
        index(
            manager,
            "uq_model_worker_title",
            "model_worker",
            &["worker_id", "title", "year"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_model_worker_org_id",
            "model_worker",
            &["org_unit_id", "id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "model_worker",
            "women_rights_handler",
            "women_rights_case",
            "legal_aid_step",
            "legal_aid_transition",
            "legal_aid_case",
            "petition_transition",
            "petition",
            "petition_policy",
            "contact_callback",
            "contact",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
