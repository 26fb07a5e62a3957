//! Legal-aid case (法律援助): a union member's labour dispute, reviewed, assigned to a
//! legal-aid worker, taken through its stages and closed with the amount recovered.

use crate::{LegalAidOutcome, LegalAidStage, LegalAidStatus, LegalClaim, Money};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "legal_aid_case")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub org_unit_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub worker_id: Uuid,
    /// Whether the worker had an active hardship case when applying (served first).
    pub hardship_registered: bool,
    pub employer_id: Option<Uuid>,
    pub employer_name: String,
    pub claim: LegalClaim,
    pub amount_claimed: Money,
    pub summary: String,
    pub status: LegalAidStatus,
    pub stage: Option<LegalAidStage>,
    pub assignee_id: Option<Uuid>,
    pub outcome: Option<LegalAidOutcome>,
    pub amount_recovered: Option<Money>,
    pub closed_on: Option<Date>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
