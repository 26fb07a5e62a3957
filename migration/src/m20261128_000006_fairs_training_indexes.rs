//! Indexes the fairs and the seeker's timeline read by, and one training certificate per
//! course and seeker (a result recorded twice must not issue two 培训合格证).

use sea_orm_migration::prelude::*;

use crate::helpers::{a, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str], bool)] = &[
    (
        "uq_certificate_course_seeker",
        "certificate",
        &["course_id", "seeker_id"],
        true,
    ),
    ("idx_referral_fair", "referral", &["fair_id"], false),
    ("idx_enrollment_seeker", "enrollment", &["seeker_id"], false),
    (
        "idx_guidance_session_seeker",
        "guidance_session",
        &["seeker_id"],
        false,
    ),
    (
        "idx_skill_assessment_seeker",
        "skill_assessment",
        &["seeker_id"],
        false,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns, unique) in INDEXES {
            index(manager, name, table, columns, *unique).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(*name).table(a(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
