//! Hardship case (困难职工档案): one filing of a worker, from draft through review, public
//! notice and the registry, to exit. Its causes and the relief already received are rows
//! of `case_cause` and `case_relief`, so statistics count them in SQL.

use crate::{CaseStatus, ExitReason, HardshipLevel};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// The "five clears" (五清) a caseworker records about the family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult, Default)]
pub struct FiveClears {
    pub family_situation: Option<String>,
    pub cause: Option<String>,
    pub skills: Option<String>,
    pub work_wish: Option<String>,
    pub state_of_mind: Option<String>,
}

/// Stable reason codes (e.g. why an exit is proposed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult, Default)]
pub struct Codes(pub Vec<String>);

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
    #[sea_orm(table_name = "hardship_case")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub worker_id: Uuid,
        pub org_unit_id: Uuid,
        pub status: CaseStatus,
        pub level: Option<HardshipLevel>,
        #[sea_orm(column_type = "JsonBinary")]
        pub five_clears: FiveClears,
        pub assistance_plan: Option<String>,
        pub notes: Option<String>,
        pub paired_cadre_name: Option<String>,
        pub paired_cadre_position: Option<String>,
        pub created_by: Uuid,
        pub submitted_by: Option<Uuid>,
        pub submitted_at: Option<DateTimeUtc>,
        pub notice_start: Option<Date>,
        pub notice_end: Option<Date>,
        pub activated_on: Option<Date>,
        pub review_due_on: Option<Date>,
        pub exit_proposed: bool,
        #[sea_orm(column_type = "JsonBinary")]
        pub exit_proposal_reasons: Codes,
        pub needs_reevaluation: bool,
        pub exit_reason: Option<ExitReason>,
        pub exit_note: Option<String>,
        pub exited_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::worker::Entity",
        from = "Column::WorkerId",
        to = "super::worker::Column::Id"
    )]
    Worker,
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::OrgUnitId",
        to = "super::org_unit::Column::Id"
    )]
    OrgUnit,
}

impl Related<super::worker::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Worker.def()
    }
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrgUnit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
