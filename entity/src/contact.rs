//! Contact (来电来访登记): a call to 12351, a visit, a letter or an online message, logged
//! at the service desk, answered on the spot or turned into one follow-up.

use crate::{ContactChannel, ContactConversion, ContactStatus, ContactTopic};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "contact")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        /// The org unit it belongs to (by the caller's unit or district).
        pub org_unit_id: Uuid,
        pub channel: ContactChannel,
        pub topic: ContactTopic,
        pub received_at: DateTimeUtc,
        /// The caller, when a filed worker.
        pub worker_id: Option<Uuid>,
        /// The caller, when a filed job seeker.
        pub job_seeker_id: Option<Uuid>,
        /// The caller's name as given, for a stranger; none when anonymous.
        pub caller_name: Option<String>,
        pub caller_phone: Option<String>,
        pub anonymous: bool,
        pub summary: String,
        pub status: ContactStatus,
        /// What the desk told the caller on the spot.
        pub answer: Option<String>,
        pub converted_to: Option<ContactConversion>,
        /// The record the contact became (a worker screened, a job seeker, a legal-aid case
        /// or a petition), by `converted_to`.
        pub target_id: Option<Uuid>,
        /// For a screening: the evaluation (matched and excluded rules, line, policy version).
        pub screening: Option<Json>,
        pub logged_by: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
