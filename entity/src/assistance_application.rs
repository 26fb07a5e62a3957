//! Assistance application (救助申请) of a filed case for one item of the standards.

use crate::{ApplicationStatus, Money, SubsidyItem};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "assistance_application")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub case_id: Uuid,
    pub worker_id: Uuid,
    pub org_unit_id: Uuid,
    pub item: SubsidyItem,
    pub standard_id: Uuid,
    /// The year of assistance the application counts against.
    pub year: i32,
    pub requested_amount: Money,
    pub approved_amount: Option<Money>,
    pub reason: String,
    pub status: ApplicationStatus,
    pub created_by: Uuid,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: Option<DateTimeUtc>,
    pub notice_start: Option<Date>,
    pub notice_end: Option<Date>,
    pub paid_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
