//! Petition (信访事项): received, accepted or declined within the acceptance period,
//! answered within the answer period (extendable once), and reviewable (复查). The periods
//! in force at receipt are kept with it, so a later policy change moves no deadline.

use crate::{ContactChannel, ContactTopic, PetitionStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "petition")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The unit handling it now; a transfer changes it and nothing else.
    pub org_unit_id: Uuid,
    /// The contact it came from.
    pub contact_id: Option<Uuid>,
    pub worker_id: Option<Uuid>,
    pub petitioner_name: String,
    pub petitioner_phone: Option<String>,
    pub channel: ContactChannel,
    pub topic: ContactTopic,
    pub summary: String,
    pub received_on: Date,
    pub status: PetitionStatus,
    pub acceptance_days: i32,
    pub answer_days: i32,
    pub extension_max_days: i32,
    pub review_request_days: i32,
    pub review_answer_days: i32,
    /// The last day to accept or decline (受理期限).
    pub acceptance_due_on: Date,
    /// The last day to answer, with any extension (办理期限).
    pub answer_due_on: Option<Date>,
    /// The last day a review may be asked (申请复查期限).
    pub review_request_until: Option<Date>,
    /// The last day to answer the review (复查期限).
    pub review_due_on: Option<Date>,
    /// The deadline of what is pending now (decision, answer or review); none when
    /// nothing is, so that the desk's list of due petitions is one indexed range.
    pub due_on: Option<Date>,
    /// The day it was accepted or declined.
    pub decided_on: Option<Date>,
    /// The reason told to the petitioner.
    pub decision_reason: Option<String>,
    pub extended_days: Option<i32>,
    pub extension_reason: Option<String>,
    pub answered_on: Option<Date>,
    pub answer: Option<String>,
    pub review_requested_on: Option<Date>,
    pub review_reason: Option<String>,
    pub reviewed_on: Option<Date>,
    pub review_answer: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
