//! Posting (岗位): vacancies of an employer, with the conditions a seeker must meet.

use crate::job_seeker::Skills;
use crate::{Education, Money, PostingStatus};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "posting")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub employer_id: Uuid,
        pub org_unit_id: Uuid,
        pub title: String,
        pub occupation: String,
        pub headcount: i32,
        /// Hires made so far.
        pub filled: i32,
        pub wage_min: Money,
        pub wage_max: Money,
        pub district: String,
        pub age_min: Option<i32>,
        pub age_max: Option<i32>,
        pub education: Option<Education>,
        #[sea_orm(column_type = "JsonBinary")]
        pub skills: Skills,
        pub suitable_for_4050: bool,
        /// A certificate the seeker must hold, by occupation (持证要求).
        pub required_certificate: Option<String>,
        pub expires_on: Date,
        pub status: PostingStatus,
        pub published_at: Option<DateTimeUtc>,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
