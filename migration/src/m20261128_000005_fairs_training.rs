//! Job fairs, vocational training with assessments and certificates, guidance sessions,
//! labour-export batches; referrals remember the fair or batch they came from; postings
//! may require a certificate.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, "job_fair", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("title"), 100))
                .col(string_len(a("kind"), 24))
                .col(date(a("date")))
                .col(string_len(a("venue"), 100))
                .col(integer(a("walk_ins")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("job_fair", "org_unit_id", "org_unit"));
        })
        .await?;
        for (table, other, target) in [
            ("fair_employer", "employer_id", "employer"),
            ("fair_posting", "posting_id", "posting"),
        ] {
            create(manager, table, |t| {
                t.col(uuid(a("fair_id")))
                    .col(uuid(a(other)))
                    .primary_key(Index::create().col(a("fair_id")).col(a(other)))
                    .foreign_key(&mut fk(table, "fair_id", "job_fair"))
                    .foreign_key(&mut fk(table, other, target));
            })
            .await?;
        }
        create(manager, "fair_attendee", |t| {
            t.col(uuid(a("fair_id")))
                .col(uuid(a("seeker_id")))
                .col(timestamp_with_time_zone(a("checked_in_at")))
                .primary_key(Index::create().col(a("fair_id")).col(a("seeker_id")))
                .foreign_key(&mut fk("fair_attendee", "fair_id", "job_fair"))
                .foreign_key(&mut fk("fair_attendee", "seeker_id", "job_seeker"));
        })
        .await?;
        create(manager, "fair_intent", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("fair_id")))
                .col(uuid(a("seeker_id")))
                .col(uuid(a("employer_id")))
                .col(uuid(a("posting_id")))
                .col(uuid_null(a("referral_id")))
                .col(uuid(a("recorded_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("fair_intent", "fair_id", "job_fair"))
                .foreign_key(&mut fk("fair_intent", "seeker_id", "job_seeker"))
                .foreign_key(&mut fk("fair_intent", "posting_id", "posting"));
        })
        .await?;
        index(
            manager,
            "uq_fair_intent",
            "fair_intent",
            &["fair_id", "seeker_id", "posting_id"],
            true,
        )
        .await?;

        create(manager, "training_course", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("title"), 100))
                .col(string_len(a("occupation"), 50))
                .col(string_len(a("provider"), 100))
                .col(date(a("starts_on")))
                .col(date(a("ends_on")))
                .col(integer(a("capacity")))
                .col(big_integer(a("fee")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("training_course", "org_unit_id", "org_unit"));
        })
        .await?;
        create(manager, "enrollment", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("course_id")))
                .col(uuid(a("seeker_id")))
                .col(string_len(a("status"), 16))
                .col(integer(a("attendance_days")))
                .col(boolean(a("fee_waived")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("enrollment", "course_id", "training_course"))
                .foreign_key(&mut fk("enrollment", "seeker_id", "job_seeker"));
        })
        .await?;
        index(
            manager,
            "uq_enrollment",
            "enrollment",
            &["course_id", "seeker_id"],
            true,
        )
        .await?;
        create(manager, "skill_assessment", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("seeker_id")))
                .col(string_len(a("occupation"), 50))
                .col(integer(a("level")))
                .col(boolean(a("passed")))
                .col(date(a("assessed_on")))
                .col(uuid(a("recorded_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("skill_assessment", "seeker_id", "job_seeker"));
        })
        .await?;
        create(manager, "certificate", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("seeker_id")))
                .col(string_len(a("kind"), 24))
                .col(string_len(a("occupation"), 50))
                .col(integer_null(a("level")))
                .col(string_len_uniq(a("number"), 40))
                .col(date(a("issued_on")))
                .col(uuid_null(a("course_id")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("certificate", "seeker_id", "job_seeker"));
        })
        .await?;
        index(
            manager,
            "idx_certificate_seeker",
            "certificate",
            &["seeker_id"],
            false,
        )
        .await?;
        create(manager, "guidance_session", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("seeker_id")))
                .col(date(a("held_on")))
                .col(string_len(a("topic"), 100))
                .col(text(a("notes")))
                .col(uuid(a("counselor_id")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("guidance_session", "seeker_id", "job_seeker"));
        })
        .await?;
        create(manager, "export_batch", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(uuid(a("posting_id")))
                .col(uuid(a("employer_id")))
                .col(string_len(a("destination"), 100))
                .col(date(a("departure_date")))
                .col(text_null(a("note")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("export_batch", "posting_id", "posting"));
        })
        .await?;
        for (table, column) in [("referral", "fair_id"), ("referral", "export_batch_id")] {
            manager
                .alter_table(
                    Table::alter()
                        .table(a(table))
                        .add_column(uuid_null(a(column)))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(a("posting"))
                    .add_column(string_len_null(a("required_certificate"), 50))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(a("posting"))
                    .drop_column(a("required_certificate"))
                    .to_owned(),
            )
            .await?;
        for column in ["export_batch_id", "fair_id"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(a("referral"))
                        .drop_column(a(column))
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            "export_batch",
            "guidance_session",
            "certificate",
            "skill_assessment",
            "enrollment",
            "training_course",
            "fair_intent",
            "fair_attendee",
            "fair_posting",
            "fair_employer",
            "job_fair",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
