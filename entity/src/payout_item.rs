//! One payout of a batch (发放明细): for an application, a condolence or a campaign
//! recipient, each of which is in at most one batch.

use crate::{Kinship, Money, PayoutItemStatus};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "payout_item")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub batch_id: Uuid,
        pub application_id: Option<Uuid>,
        pub condolence_id: Option<Uuid>,
        pub campaign_recipient_id: Option<Uuid>,
        pub worker_id: Uuid,
        pub beneficiary: Kinship,
        pub amount: Money,
        pub status: PayoutItemStatus,
        pub bank_reference: Option<String>,
        pub paid_at: Option<DateTimeUtc>,
        pub paid_by: Option<Uuid>,
        pub ledger_entry_id: Option<Uuid>,
        /// The bank's reason when its return file (回盘文件) said the payment failed; cleared
        /// when the item is paid.
        pub bank_failure: Option<String>,
        pub bank_failed_at: Option<DateTimeUtc>,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
