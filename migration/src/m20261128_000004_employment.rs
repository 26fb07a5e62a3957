//! Employment agency: employers (and their portal accounts), minimum wages, job seekers,
//! fee waivers, postings, referrals and placements.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{a, create, fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create(manager, "employer", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("name"), 100))
                .col(string_len_uniq(a("credit_code"), 18))
                .col(string_len(a("ownership"), 16))
                .col(string_len(a("industry"), 24))
                .col(string_len(a("district"), 6))
                .col(string_len(a("contact_name"), 50))
                .col(string_len(a("contact_phone"), 20))
                .col(boolean(a("verified")))
                .col(timestamp_with_time_zone_null(a("verified_at")))
                .col(string_len_null(a("flag"), 24))
                .col(text_null(a("flag_note")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("employer", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "idx_employer_org_unit",
            "employer",
            &["org_unit_id"],
            false,
        )
        .await?;

        manager
            .alter_table(
                Table::alter()
                    .table(a("app_user"))
                    .add_column(uuid_null(a("employer_id")))
                    .to_owned(),
            )
            .await?;

        create(manager, "minimum_wage", |t| {
            t.col(pk_uuid(a("id")))
                .col(string_len(a("region_code"), 6))
                .col(date(a("effective_from")))
                .col(big_integer(a("monthly_amount")))
                .col(timestamp_with_time_zone(a("created_at")));
        })
        .await?;
        index(
            manager,
            "uq_minimum_wage_region_from",
            "minimum_wage",
            &["region_code", "effective_from"],
            true,
        )
        .await?;

        create(manager, "job_seeker", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("name"), 50))
                .col(string_len_uniq(a("id_number"), 18))
                .col(string_len(a("gender"), 8))
                .col(date(a("birth_date")))
                .col(string_len_null(a("phone"), 20))
                .col(string_len(a("education"), 24))
                .col(json_binary(a("skills")))
                .col(string_len_null(a("wanted_occupation"), 50))
                .col(big_integer_null(a("wanted_wage_min")))
                .col(string_len_null(a("wanted_district"), 6))
                .col(uuid_null(a("worker_id")))
                .col(string_len(a("status"), 16))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("job_seeker", "org_unit_id", "org_unit"))
                .foreign_key(&mut fk("job_seeker", "worker_id", "worker"));
        })
        .await?;
        index(
            manager,
            "idx_job_seeker_org_status",
            "job_seeker",
            &["org_unit_id", "status"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_job_seeker_worker",
            "job_seeker",
            &["worker_id"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_job_seeker_status_occupation",
            "job_seeker",
            &["status", "wanted_occupation"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_job_seeker_status_district",
            "job_seeker",
            &["status", "wanted_district"],
            false,
        )
        .await?;

        create(manager, "seeker_category", |t| {
            t.col(uuid(a("seeker_id")))
                .col(string_len(a("category"), 24))
                .primary_key(Index::create().col(a("seeker_id")).col(a("category")))
                .foreign_key(&mut fk("seeker_category", "seeker_id", "job_seeker"));
        })
        .await?;

        create(manager, "fee_waiver", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("seeker_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("service"), 16))
                .col(big_integer(a("amount")))
                .col(uuid(a("recorded_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("fee_waiver", "seeker_id", "job_seeker"));
        })
        .await?;
        index(
            manager,
            "idx_fee_waiver_org",
            "fee_waiver",
            &["org_unit_id", "created_at"],
            false,
        )
        .await?;

        create(manager, "posting", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("employer_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len(a("title"), 100))
                .col(string_len(a("occupation"), 50))
                .col(integer(a("headcount")))
                .col(integer(a("filled")))
                .col(big_integer(a("wage_min")))
                .col(big_integer(a("wage_max")))
                .col(string_len(a("district"), 6))
                .col(integer_null(a("age_min")))
                .col(integer_null(a("age_max")))
                .col(string_len_null(a("education"), 24))
                .col(json_binary(a("skills")))
                .col(boolean(a("suitable_for_4050")))
                .col(date(a("expires_on")))
                .col(string_len(a("status"), 16))
                .col(timestamp_with_time_zone_null(a("published_at")))
                .col(uuid(a("created_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .check(Expr::col(a("filled")).lte(Expr::col(a("headcount"))))
                .foreign_key(&mut fk("posting", "employer_id", "employer"))
                .foreign_key(&mut fk("posting", "org_unit_id", "org_unit"));
        })
        .await?;
        index(
            manager,
            "idx_posting_status_expires",
            "posting",
            &["status", "expires_on"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_posting_employer",
            "posting",
            &["employer_id"],
            false,
        )
        .await?;
        // The matching short lists filter on status with occupation or district.
        index(
            manager,
            "idx_posting_status_occupation",
            "posting",
            &["status", "occupation"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_posting_status_district",
            "posting",
            &["status", "district"],
            false,
        )
        .await?;

        create(manager, "referral", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid(a("seeker_id")))
                .col(uuid(a("posting_id")))
                .col(uuid(a("employer_id")))
                .col(uuid(a("org_unit_id")))
                .col(string_len_uniq(a("letter_number"), 32))
                .col(string_len(a("status"), 16))
                .col(text_null(a("note")))
                .col(uuid(a("referred_by")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .foreign_key(&mut fk("referral", "seeker_id", "job_seeker"))
                .foreign_key(&mut fk("referral", "posting_id", "posting"));
        })
        .await?;
        index(
            manager,
            "idx_referral_posting",
            "referral",
            &["posting_id"],
            false,
        )
        .await?;
        index(
            manager,
            "idx_referral_seeker",
            "referral",
            &["seeker_id"],
            false,
        )
        .await?;

        create(manager, "placement", |t| {
            t.col(pk_uuid(a("id")))
                .col(uuid_uniq(a("referral_id")))
                .col(uuid(a("seeker_id")))
                .col(uuid(a("posting_id")))
                .col(uuid(a("employer_id")))
                .col(uuid(a("org_unit_id")))
                .col(date(a("start_date")))
                .col(big_integer(a("monthly_wage")))
                .col(boolean_null(a("employed_at_3_months")))
                .col(boolean_null(a("employed_at_6_months")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut fk("placement", "referral_id", "referral"));
        })
        .await?;
        index(
            manager,
            "idx_placement_org",
            "placement",
            &["org_unit_id", "created_at"],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "placement",
            "referral",
            "posting",
            "fee_waiver",
            "seeker_category",
            "job_seeker",
            "minimum_wage",
        ] {
            manager
                .drop_table(Table::drop().table(a(table)).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(a("app_user"))
                    .drop_column(a("employer_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(a("employer")).to_owned())
            .await
    }
}
