//! Payout batches and payments. Paying an item writes its ledger entry in the same
//! transaction, under the fund's lock: the balance check, the entry and the item's
//! status stand or fall together, and paying an item twice pays once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{
    ApplicationStatus, BatchStatus, CondolenceStatus, EntryKind, Kinship, Money, PayoutItemStatus,
    PayoutOccasion, Role, assistance_application, campaign, campaign_recipient, condolence,
    payout_batch, payout_item, worker,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityName, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::funds::service::{FINANCE, NewEntry, READERS, append_entry, find_fund};
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// A payout that is owed, before it is put in a batch.
struct Owed {
    application_id: Option<Uuid>,
    condolence_id: Option<Uuid>,
    campaign_recipient_id: Option<Uuid>,
    worker_id: Uuid,
    beneficiary: Kinship,
    amount: Money,
}

/// `column` is not yet the source of any payout item.
fn not_batched(
    column: payout_item::Column,
    source: impl ColumnTrait,
) -> sea_orm::sea_query::SimpleExpr {
    source.not_in_subquery(
        Query::select()
            .column(column)
            .from(payout_item::Entity.table_ref())
            .and_where(Expr::col(column).is_not_null())
            .to_owned(),
    )
}

async fn owed_for_festival(db: &impl ConnectionTrait, org_path: &str) -> ApiResult<Vec<Owed>> {
    let applications = assistance_application::Entity::find()
        .filter(scope::subtree_column(
            assistance_application::Column::OrgUnitId,
            org_path,
        ))
        .filter(assistance_application::Column::Status.eq(ApplicationStatus::Payable))
        .filter(not_batched(
            payout_item::Column::ApplicationId,
            assistance_application::Column::Id,
        ))
        .order_by_asc(assistance_application::Column::Id)
        .all(db)
        .await?;
    let condolences = condolence::Entity::find()
        .filter(scope::subtree_column(
            condolence::Column::OrgUnitId,
            org_path,
        ))
        .filter(condolence::Column::Status.eq(CondolenceStatus::Approved))
        .filter(not_batched(
            payout_item::Column::CondolenceId,
            condolence::Column::Id,
        ))
        .order_by_asc(condolence::Column::Id)
        .all(db)
        .await?;
    // Only what the reviewers approved is paid: the approved amount, never the request.
    Ok(applications
        .into_iter()
        .filter_map(|a| {
            a.approved_amount.map(|amount| Owed {
                application_id: Some(a.id),
                condolence_id: None,
                campaign_recipient_id: None,
                worker_id: a.worker_id,
                beneficiary: Kinship::Worker,
                amount,
            })
        })
        .chain(condolences.into_iter().map(|c| Owed {
            application_id: None,
            condolence_id: Some(c.id),
            campaign_recipient_id: None,
            worker_id: c.worker_id,
            beneficiary: c.beneficiary,
            amount: c.amount,
        }))
        .collect())
}

async fn owed_for_campaign(db: &impl ConnectionTrait, campaign_id: Uuid) -> ApiResult<Vec<Owed>> {
    Ok(campaign_recipient::Entity::find()
        .filter(campaign_recipient::Column::CampaignId.eq(campaign_id))
        .filter(not_batched(
            payout_item::Column::CampaignRecipientId,
            campaign_recipient::Column::Id,
        ))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Owed {
            application_id: None,
            condolence_id: None,
            campaign_recipient_id: Some(r.id),
            worker_id: r.worker_id,
            beneficiary: Kinship::Worker,
            amount: r.amount,
        })
        .collect())
}

/// Puts everything owed in the fund's subtree into a new batch (FINANCE): payable
/// applications and approved condolences at a festival, or a campaign's recipients. A
/// mutual-aid fund takes only what it may pay; the rest waits for another fund.
pub async fn create_batch(
    state: &AppState,
    actor: &Actor,
    fund_id: Uuid,
    occasion: PayoutOccasion,
    year: i32,
    campaign_id: Option<Uuid>,
) -> ApiResult<payout_batch::Model> {
    actor.require_any(FINANCE)?;
    if !(2000..=2100).contains(&year) {
        return Err(ApiError::bad_input("year", "must be between 2000 and 2100"));
    }
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let fund = find_fund(&*tx, actor, fund_id, true)
        .await
        .or_refused(|| ApiError::bad_input("fundId", "no such fund in your scope"))?;
    let fund_org = crate::org::service::find_in_scope(&*tx, actor, fund.org_unit_id).await?;
    crate::assistance::service::settle_ended_notices(&*tx, today).await?;
    let owed = match (occasion, campaign_id) {
        (PayoutOccasion::Campaign, Some(id)) => {
            let campaign = campaign::Entity::find_by_id(id)
                .filter(scope::org_unit_column(campaign::Column::OrgUnitId, actor))
                .one(&*tx)
                .await?
                .ok_or_else(|| {
                    ApiError::bad_input("campaignId", "no such campaign in your scope")
                })?;
            if campaign.fund_id != fund.id {
                return Err(ApiError::bad_input(
                    "campaignId",
                    "the campaign is budgeted on another fund",
                ));
            }
            owed_for_campaign(&*tx, id).await?
        }
        (PayoutOccasion::Campaign, None) => {
            return Err(ApiError::bad_input(
                "campaignId",
                "a campaign batch names its campaign",
            ));
        }
        (_, Some(_)) => {
            return Err(ApiError::bad_input(
                "campaignId",
                "only a campaign batch names a campaign",
            ));
        }
        (_, None) => owed_for_festival(&*tx, &fund_org.path).await?,
    };
    let workers: HashMap<Uuid, worker::Model> = worker::Entity::find()
        .filter(worker::Column::Id.is_in(owed.iter().map(|o| o.worker_id)))
        .all(&*tx)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let payable: Vec<Owed> = owed
        .into_iter()
        .filter(|o| {
            workers.get(&o.worker_id).is_some_and(|w| {
                rules::payee_refusal(
                    fund.kind,
                    w.employment_type,
                    w.fund_contributor,
                    o.beneficiary,
                )
                .is_none()
            })
        })
        .collect();
    if payable.is_empty() {
        return Err(ApiError::InvalidState {
            message: "nothing is owed that this fund may pay".into(),
            reasons: vec!["NOTHING_TO_PAY"],
        });
    }
    let now = state.clock.now();
    let batch = payout_batch::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(fund.org_unit_id),
        fund_id: Set(fund.id),
        occasion: Set(occasion),
        campaign_id: Set(campaign_id),
        year: Set(year),
        status: Set(BatchStatus::Draft),
        created_by: Set(actor.user_id),
        approved_by: Set(None),
        approved_at: Set(None),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    let total: Money = payable.iter().map(|o| o.amount).sum();
    let count = payable.len();
    payout_item::Entity::insert_many(payable.into_iter().map(|o| payout_item::ActiveModel {
        id: Set(Uuid::now_v7()),
        batch_id: Set(batch.id),
        application_id: Set(o.application_id),
        condolence_id: Set(o.condolence_id),
        campaign_recipient_id: Set(o.campaign_recipient_id),
        worker_id: Set(o.worker_id),
        beneficiary: Set(o.beneficiary),
        amount: Set(o.amount),
        status: Set(PayoutItemStatus::Pending),
        bank_reference: Set(None),
        paid_at: Set(None),
        paid_by: Set(None),
        ledger_entry_id: Set(None),
        bank_failure: Set(None),
        bank_failed_at: Set(None),
    }))
    .exec(&*tx)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict { .. } => ApiError::Conflict {
            message: "another batch took some of these payouts at the same time; try again".into(),
            reasons: vec!["ALREADY_BATCHED"],
        },
        other => other,
    })?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createPayoutBatch",
            "PayoutBatch",
            batch.id,
            Some(batch.org_unit_id),
        )
        .after(&serde_json::json!({ "batch": batch, "items": count, "total": total })),
    )
    .await?;
    tx.commit().await?;
    Ok(batch)
}

pub(crate) async fn find_batch(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<payout_batch::Model> {
    let mut query = payout_batch::Entity::find_by_id(id).filter(scope::org_unit_column(
        payout_batch::Column::OrgUnitId,
        actor,
    ));
    if lock {
        query = query.lock_exclusive();
    }
    query
        .one(db)
        .await?
        .ok_or(ApiError::not_found("PayoutBatch"))
}

/// Approves a batch for payment (FINANCE, not whoever prepared it).
pub async fn approve_batch(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<payout_batch::Model> {
    actor.require_any(FINANCE)?;
    let mut tx = Tx::begin(state).await?;
    let before = find_batch(&*tx, actor, id, true).await?;
    if before.status != BatchStatus::Draft {
        return Err(ApiError::invalid_state("the batch is already approved"));
    }
    if before.created_by == actor.user_id {
        return Err(ApiError::forbidden(
            "four eyes (双人复核): who prepared a batch does not approve it",
        ));
    }
    let now = state.clock.now();
    let mut active: payout_batch::ActiveModel = before.clone().into();
    active.status = Set(BatchStatus::Approved);
    active.approved_by = Set(Some(actor.user_id));
    active.approved_at = Set(Some(now));
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "approvePayoutBatch",
            "PayoutBatch",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Marks an item paid with the bank's reference (FINANCE) and writes its ledger entry.
/// The same item marked again with the same reference returns the first result; with
/// another reference it is a CONFLICT. Concurrent calls queue on the fund's lock.
pub async fn mark_paid(
    state: &AppState,
    actor: &Actor,
    item_id: Uuid,
    bank_reference: &str,
) -> ApiResult<payout_item::Model> {
    actor.require_any(FINANCE)?;
    let reference = validate::name("bankReference", bank_reference, 64)?;
    let mut tx = Tx::begin(state).await?;
    let unlocked = payout_item::Entity::find_by_id(item_id)
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("PayoutItem"))?;
    let batch = find_batch(&*tx, actor, unlocked.batch_id, false)
        .await
        .or_refused(|| ApiError::not_found("PayoutItem"))?;
    // Lock order: the fund, then the item.
    let mut fund = find_fund(&*tx, actor, batch.fund_id, true).await?;
    let item = lock_item(&tx, item_id).await?;
    let payment = pay(
        &mut tx,
        actor,
        &mut fund,
        &batch,
        item,
        reference,
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(payment.item())
}

/// An item locked by this transaction (after its fund: the lock order).
pub(crate) async fn lock_item(tx: &Tx, item_id: Uuid) -> ApiResult<payout_item::Model> {
    payout_item::Entity::find_by_id(item_id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or(ApiError::not_found("PayoutItem"))
}

/// What paying an item did.
pub(crate) enum Payment {
    /// Paid now: its ledger entry is written.
    Made(payout_item::Model),
    /// Paid before under the same bank reference: nothing written.
    AlreadyMade(payout_item::Model),
}

impl Payment {
    pub fn item(self) -> payout_item::Model {
        match self {
            Self::Made(item) | Self::AlreadyMade(item) => item,
        }
    }
}

/// Pays `item` of `batch` out of `fund`, both locked by this transaction: the ledger
/// entry, the item and its source, and the audit row (`markPaid`), or nothing when the
/// item was paid before under the same reference (another is a CONFLICT).
pub(crate) async fn pay(
    tx: &mut Tx,
    actor: &Actor,
    fund: &mut entity::fund::Model,
    batch: &payout_batch::Model,
    item: payout_item::Model,
    reference: String,
    now: DateTime<Utc>,
) -> ApiResult<Payment> {
    if item.status == PayoutItemStatus::Paid {
        return if item.bank_reference.as_deref() == Some(reference.as_str()) {
            Ok(Payment::AlreadyMade(item))
        } else {
            Err(ApiError::Conflict {
                message: "the item is already paid under another bank reference".into(),
                reasons: vec!["ALREADY_PAID"],
            })
        };
    }
    if batch.status != BatchStatus::Approved {
        return Err(ApiError::InvalidState {
            message: "the batch is not approved yet".into(),
            reasons: vec!["BATCH_NOT_APPROVED"],
        });
    }
    let payee = worker::Entity::find_by_id(item.worker_id)
        .one(&**tx)
        .await?
        .ok_or_else(|| ApiError::internal("payout without worker"))?;
    if let Some(reason) = rules::payee_refusal(
        fund.kind,
        payee.employment_type,
        payee.fund_contributor,
        item.beneficiary,
    ) {
        return Err(ApiError::InvalidState {
            message:
                "the mutual-aid fund pays only contributors and their spouse, children and parents"
                    .into(),
            reasons: vec![reason],
        });
    }
    let entry = append_entry(
        tx,
        fund,
        actor,
        now,
        NewEntry {
            kind: EntryKind::Payout,
            category: None,
            amount: Money::from_fen(-item.amount.fen()),
            donor: None,
            memo: Some(reference.clone()),
            payout_item_id: Some(item.id),
            reverses_entry_id: None,
        },
    )
    .await?;
    let mut active: payout_item::ActiveModel = item.clone().into();
    active.status = Set(PayoutItemStatus::Paid);
    active.bank_reference = Set(Some(reference));
    active.paid_at = Set(Some(now));
    active.paid_by = Set(Some(actor.user_id));
    active.ledger_entry_id = Set(Some(entry.id));
    active.bank_failure = Set(None);
    active.bank_failed_at = Set(None);
    let after = active.update(&**tx).await?;
    settle_source(tx, &after, now, true).await?;
    audit::record(
        tx,
        actor,
        now,
        Change::new("markPaid", "PayoutItem", item.id, Some(batch.org_unit_id))
            .before(&item)
            .after(&after),
    )
    .await?;
    Ok(Payment::Made(after))
}

/// Moves an item's source (application, condolence) to paid, or back to payable.
async fn settle_source(
    tx: &Tx,
    item: &payout_item::Model,
    at: DateTime<Utc>,
    paid: bool,
) -> ApiResult<()> {
    if let Some(id) = item.application_id {
        let status = if paid {
            ApplicationStatus::Paid
        } else {
            ApplicationStatus::Payable
        };
        assistance_application::Entity::update_many()
            .col_expr(assistance_application::Column::Status, Expr::value(status))
            .col_expr(
                assistance_application::Column::PaidAt,
                Expr::value(paid.then_some(at)),
            )
            .col_expr(assistance_application::Column::UpdatedAt, Expr::value(at))
            .filter(assistance_application::Column::Id.eq(id))
            .exec(&**tx)
            .await?;
    }
    if let Some(id) = item.condolence_id {
        let status = if paid {
            CondolenceStatus::Paid
        } else {
            CondolenceStatus::Approved
        };
        condolence::Entity::update_many()
            .col_expr(condolence::Column::Status, Expr::value(status))
            .filter(condolence::Column::Id.eq(id))
            .exec(&**tx)
            .await?;
    }
    Ok(())
}

/// After a payout entry is reversed (the bank returned the money), the item is owed
/// again.
pub async fn reopen_item(tx: &Tx, item_id: Uuid, at: DateTime<Utc>) -> ApiResult<()> {
    let Some(item) = payout_item::Entity::find_by_id(item_id).one(&**tx).await? else {
        return Ok(());
    };
    let mut active: payout_item::ActiveModel = item.clone().into();
    active.status = Set(PayoutItemStatus::Pending);
    active.bank_reference = Set(None);
    active.paid_at = Set(None);
    active.paid_by = Set(None);
    active.ledger_entry_id = Set(None);
    let after = active.update(&**tx).await?;
    settle_source(tx, &after, at, false).await
}

/// Who may see the payouts made to a worker: those who read the funds, and the
/// caseworkers (综合部) who follow each family's assistance.
pub fn require_worker_payout_reader(actor: &Actor) -> ApiResult<()> {
    if actor.has_role(Role::Caseworker) {
        return Ok(());
    }
    actor.require_any(READERS)
}

pub async fn get_batch(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<payout_batch::Model> {
    actor.require_any(READERS)?;
    find_batch(&state.db, actor, id, false).await
}

/// The payouts of one batch, page by page, optionally of one status (发放明细): a
/// city-wide batch holds tens of thousands, too many for one answer.
pub async fn list_items(
    state: &AppState,
    actor: &Actor,
    batch_id: Uuid,
    status: Option<PayoutItemStatus>,
    page: &PageArgs,
) -> ApiResult<Page<payout_item::Model>> {
    actor.require_any(READERS)?;
    let batch = find_batch(&state.db, actor, batch_id, false).await?;
    let mut select = payout_item::Entity::find().filter(payout_item::Column::BatchId.eq(batch.id));
    if let Some(status) = status {
        select = select.filter(payout_item::Column::Status.eq(status));
    }
    paginate(state, select, payout_item::Column::Id, page).await
}

pub async fn list_batches(
    state: &AppState,
    actor: &Actor,
    fund_id: Option<Uuid>,
    page: &PageArgs,
) -> ApiResult<Page<payout_batch::Model>> {
    actor.require_any(READERS)?;
    let mut select = payout_batch::Entity::find().filter(scope::org_unit_column(
        payout_batch::Column::OrgUnitId,
        actor,
    ));
    if let Some(fund) = fund_id {
        select = select.filter(payout_batch::Column::FundId.eq(fund));
    }
    paginate(state, select, payout_batch::Column::Id, page).await
}
