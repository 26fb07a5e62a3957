//! Job seeker (求职档案). Linked to a worker when the person is in the hardship registry.

use crate::{Education, Gender, Money, SeekerStatus};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Skills or certificates, as short labels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult, Default)]
pub struct Skills(pub Vec<String>);

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "job_seeker")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub org_unit_id: Uuid,
        pub name: String,
        #[sea_orm(unique)]
        pub id_number: String,
        pub gender: Gender,
        pub birth_date: Date,
        pub phone: Option<String>,
        pub education: Education,
        #[sea_orm(column_type = "JsonBinary")]
        pub skills: Skills,
        pub wanted_occupation: Option<String>,
        pub wanted_wage_min: Option<Money>,
        pub wanted_district: Option<String>,
        pub worker_id: Option<Uuid>,
        pub status: SeekerStatus,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
