//! Payout account (代发账户): the bank account a worker, or a member of their household,
//! is paid into. The number is sealed at rest (AES-256-GCM, `number_sealed`, with the id
//! of the data key that sealed it); only its masked form is ever shown, and only the
//! bank's payout file carries it whole.

use crate::Kinship;
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "payout_account")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub worker_id: Uuid,
        /// Whose account: the worker (`WORKER`) or the member of that kinship.
        pub holder_kinship: Kinship,
        pub holder_name: String,
        pub bank_name: String,
        pub bank_code: Option<String>,
        /// `nonce || ciphertext` in base64; never serialized (audit rows show the mask).
        #[serde(skip_serializing)]
        pub number_sealed: String,
        pub number_key_id: String,
        pub masked_number: String,
        pub recorded_by: Uuid,
        pub recorded_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
