//! Per-request DataLoader: nested fields ask for rows by key, and each batch of keys
//! becomes one `WHERE id IN (...)` query, its rows read by column position. A batch only
//! reads: one that lost its database connection is read again on a fresh one (see
//! [`Db`]).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use entity::{org_unit, user};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::db::{Db, all_at};

/// Key of an org unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrgUnitKey(pub Uuid);

/// Key of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserKey(pub Uuid);

/// A related row read in its parent's statement, or left to the DataLoader.
#[derive(Debug, Clone, Default)]
pub enum ReadAhead<T> {
    /// Read with the parent; none when there is no such row.
    Read(Option<T>),
    /// Not read: the field asks its DataLoader.
    #[default]
    Load,
}

/// Loads rows of any table by primary key.
pub struct DbLoader {
    pub db: Db,
}

/// A fresh loader for one request (its cache must not outlive the request).
pub fn for_request(db: Db) -> DataLoader<DbLoader> {
    DataLoader::new(DbLoader { db }, tokio::spawn)
}

#[async_trait::async_trait]
impl Loader<OrgUnitKey> for DbLoader {
    type Value = org_unit::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[OrgUnitKey],
    ) -> Result<HashMap<OrgUnitKey, Self::Value>, Self::Error> {
        let rows: Vec<org_unit::Model> = all_at(
            &self.db,
            org_unit::Entity::find().filter(org_unit::Column::Id.is_in(keys.iter().map(|k| k.0))),
        )
        .await?;
        Ok(rows.into_iter().map(|r| (OrgUnitKey(r.id), r)).collect())
    }
}

#[async_trait::async_trait]
impl Loader<UserKey> for DbLoader {
    type Value = user::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[UserKey]) -> Result<HashMap<UserKey, Self::Value>, Self::Error> {
        let rows: Vec<user::Model> = all_at(
            &self.db,
            user::Entity::find().filter(user::Column::Id.is_in(keys.iter().map(|k| k.0))),
        )
        .await?;
        Ok(rows.into_iter().map(|r| (UserKey(r.id), r)).collect())
    }
}

/// Rows of `$module` that belong to a parent, loaded for a batch of parents by one
/// `WHERE $fk IN (...)` query and grouped per parent, in `$order` order.
macro_rules! children_loader {
    ($(#[$doc:meta])* $key:ident, $module:ident, $fk_column:ident, $fk_field:ident, $order:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        #[async_trait::async_trait]
        impl Loader<$key> for DbLoader {
            type Value = Vec<entity::$module::Model>;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows: Vec<entity::$module::Model> = all_at(
                    &self.db,
                    entity::$module::Entity::find()
                        .filter(entity::$module::Column::$fk_column.is_in(keys.iter().map(|k| k.0)))
                        .order_by_asc(entity::$module::Column::$order),
                )
                .await?;
                let mut grouped: HashMap<$key, Self::Value> = HashMap::new();
                for row in rows {
                    grouped.entry($key(row.$fk_field)).or_default().push(row);
                }
                Ok(grouped)
            }
        }
    };
}

/// Rows of `$module` by primary key, for a batch of keys in one query.
macro_rules! row_loader {
    ($(#[$doc:meta])* $key:ident, $module:ident, $pk_column:ident, $pk_field:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub Uuid);

        #[async_trait::async_trait]
        impl Loader<$key> for DbLoader {
            type Value = entity::$module::Model;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                let rows: Vec<entity::$module::Model> = all_at(
                    &self.db,
                    entity::$module::Entity::find()
                        .filter(entity::$module::Column::$pk_column.is_in(keys.iter().map(|k| k.0))),
                )
                .await?;
                Ok(rows.into_iter().map(|r| ($key(r.$pk_field), r)).collect())
            }
        }
    };
}

row_loader!(
    /// Key of a worker.
    WorkerKey, worker, Id, id
);
row_loader!(
    /// Key of a worker's household (by worker id).
    HouseholdKey, household, WorkerId, worker_id
);
children_loader!(
    /// A worker's household members, in entry order.
    MembersKey, household_member, WorkerId, worker_id, Position
);
children_loader!(
    /// A worker's payout accounts (代发账户), in the order they were recorded.
    PayoutAccountsKey, payout_account, WorkerId, worker_id, Id
);
children_loader!(
    /// A worker's cases, oldest first.
    WorkerCasesKey, hardship_case, WorkerId, worker_id, Id
);
children_loader!(
    /// A case's causes of hardship.
    CaseCausesKey, case_cause, CaseId, case_id, Cause
);
children_loader!(
    /// The relief a case's family already receives.
    CaseReliefsKey, case_relief, CaseId, case_id, Relief
);
children_loader!(
    /// A case's history steps, in order.
    CaseHistoryKey, case_transition, CaseId, case_id, Id
);
children_loader!(
    /// A case's stored evaluations, in order.
    CaseEvaluationsKey, case_evaluation, CaseId, case_id, Id
);
children_loader!(
    /// A case's supporting documents, in order.
    CaseDocumentsKey, case_document, CaseId, case_id, Id
);
children_loader!(
    /// A case's objections, in order.
    CaseObjectionsKey, case_objection, CaseId, case_id, Id
);
children_loader!(
    /// A case's visits, in order.
    CaseVisitsKey, case_visit, CaseId, case_id, Id
);
row_loader!(
    /// Key of a case.
    CaseKey, hardship_case, Id, id
);
row_loader!(
    /// Key of a fund.
    FundKey, fund, Id, id
);
row_loader!(
    /// Key of a subsidy standard.
    StandardKey, subsidy_standard, Id, id
);
children_loader!(
    /// An application's history steps, in order.
    ApplicationHistoryKey, application_transition, ApplicationId, application_id, Id
);
children_loader!(
    /// A batch's payout items, in order.
    BatchItemsKey, payout_item, BatchId, batch_id, Id
);
children_loader!(
    /// A campaign's recipients, in order.
    CampaignRecipientsKey, campaign_recipient, CampaignId, campaign_id, Id
);
row_loader!(
    /// Key of an employer.
    EmployerKey, employer, Id, id
);
row_loader!(
    /// Key of a posting.
    PostingKey, posting, Id, id
);
row_loader!(
    /// Key of a job seeker.
    SeekerKey, job_seeker, Id, id
);
row_loader!(
    /// The placement of a referral (by referral id).
    PlacementByReferralKey, placement, ReferralId, referral_id
);
children_loader!(
    /// A seeker's categories.
    SeekerCategoriesKey, seeker_category, SeekerId, seeker_id, Category
);
children_loader!(
    /// A posting's referrals, oldest first.
    PostingReferralsKey, referral, PostingId, posting_id, Id
);
row_loader!(
    /// Key of a job fair.
    JobFairKey, job_fair, Id, id
);
children_loader!(
    /// A seeker's certificates, in issue order.
    SeekerCertificatesKey, certificate, SeekerId, seeker_id, Id
);
row_loader!(
    /// Key of a domestic worker (家政服务员).
    DomesticWorkerKey, domestic_worker, Id, id
);
children_loader!(
    /// The services a domestic worker offers.
    DomesticServicesKey, domestic_worker_service, DomesticWorkerId, domestic_worker_id, Service
);
row_loader!(
    /// Key of a client household of the domestic-service station.
    DomesticClientKey, domestic_client, Id, id
);
children_loader!(
    /// The participants of a community event.
    EventParticipantsKey, community_event_participant, EventId, event_id, DomesticWorkerId
);
children_loader!(
    /// The accounts of an org unit (its own, not its subtree's), oldest first.
    UnitUsersKey, user, OrgUnitId, org_unit_id, Id
);

/// How many domestic workers a service point keeps (by org unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PointWorkersKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<PointWorkersKey> for DbLoader {
    type Value = i64;
    type Error = Arc<DbErr>;

    /// One `GROUP BY` for the batch.
    async fn load(
        &self,
        keys: &[PointWorkersKey],
    ) -> Result<HashMap<PointWorkersKey, Self::Value>, Self::Error> {
        use entity::domestic_worker;
        use sea_orm::QuerySelect;
        let rows: Vec<(Uuid, i64)> = domestic_worker::Entity::find()
            .select_only()
            .column(domestic_worker::Column::OrgUnitId)
            .column_as(domestic_worker::Column::Id.count(), "n")
            .filter(domestic_worker::Column::OrgUnitId.is_in(keys.iter().map(|k| k.0)))
            .group_by(domestic_worker::Column::OrgUnitId)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(unit, n)| (PointWorkersKey(unit), n))
            .collect())
    }
}

/// Key of a worker's latest paid payout (最近一次发放).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LatestPayoutKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<LatestPayoutKey> for DbLoader {
    type Value = entity::payout_item::Model;
    type Error = Arc<DbErr>;

    /// One query for the batch: a worker has a handful of payouts a year, so all of their
    /// paid items come back newest first and the first per worker is kept.
    async fn load(
        &self,
        keys: &[LatestPayoutKey],
    ) -> Result<HashMap<LatestPayoutKey, Self::Value>, Self::Error> {
        use entity::payout_item::{Column, Entity};
        let rows: Vec<entity::payout_item::Model> = all_at(
            &self.db,
            Entity::find()
                .filter(Column::WorkerId.is_in(keys.iter().map(|k| k.0)))
                .filter(Column::Status.eq(entity::PayoutItemStatus::Paid))
                .order_by_desc(Column::PaidAt)
                .order_by_desc(Column::Id),
        )
        .await?;
        let mut latest = HashMap::new();
        for row in rows {
            latest.entry(LatestPayoutKey(row.worker_id)).or_insert(row);
        }
        Ok(latest)
    }
}

children_loader!(
    /// A petition's history steps (信访流转记录), in order.
    PetitionHistoryKey, petition_transition, PetitionId, petition_id, Id
);
children_loader!(
    /// A legal-aid case's history steps, in order.
    LegalAidHistoryKey, legal_aid_transition, CaseId, case_id, Id
);
children_loader!(
    /// A legal-aid case's dated stages, in order.
    LegalAidStepsKey, legal_aid_step, CaseId, case_id, Id
);
children_loader!(
    /// A contact's call-backs (回访), in order.
    ContactCallbacksKey, contact_callback, ContactId, contact_id, Id
);
row_loader!(
    /// Key of a contact (来电来访).
    ContactKey, contact, Id, id
);
children_loader!(
    /// A worker's condolences (慰问), oldest first.
    WorkerCondolencesKey, condolence, WorkerId, worker_id, Id
);
children_loader!(
    /// The handlers of a women workers' rights case (承办人).
    WomenRightsHandlersKey, women_rights_handler, CaseId, case_id, UserId
);
row_loader!(
    /// Key of goods of the catalogue (物资).
    GoodsKey, goods, Id, id
);
row_loader!(
    /// Key of a store (爱心超市).
    StoreKey, store, Id, id
);
children_loader!(
    /// A case's hand-outs of goods (实物发放), oldest first.
    CaseHandOutsKey, hand_out, CaseId, case_id, Id
);
/// Key of the goods lines of a hand-out (发放明细): its stock movements, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HandOutLinesKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<HandOutLinesKey> for DbLoader {
    type Value = Vec<entity::stock_movement::Model>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[HandOutLinesKey],
    ) -> Result<HashMap<HandOutLinesKey, Self::Value>, Self::Error> {
        use entity::stock_movement::{Column, Entity};
        let rows = Entity::find()
            .filter(Column::HandOutId.is_in(keys.iter().map(|k| k.0)))
            .order_by_asc(Column::Id)
            .all(&self.db)
            .await?;
        let mut grouped: HashMap<HandOutLinesKey, Self::Value> = HashMap::new();
        for row in rows {
            if let Some(hand_out) = row.hand_out_id {
                grouped
                    .entry(HandOutLinesKey(hand_out))
                    .or_default()
                    .push(row);
            }
        }
        Ok(grouped)
    }
}
