//! GraphQL surface of payout batches and payments.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    BatchStatus, Kinship, Money, PayoutItemStatus, PayoutOccasion, payout_batch, payout_item,
};

use super::service;
use crate::bank::graphql::BatchReconciliation;
use crate::bank::reconcile::ReconciliationKey;
use crate::funds::graphql::Fund;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{BatchItemsKey, FundKey, WorkerKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::registry::types::Worker;

pub struct PayoutBatch(pub payout_batch::Model);

/// Payout batch (发放批次) of one fund, for a festival or a campaign.
#[Object]
impl PayoutBatch {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("PayoutBatch", self.0.id)
    }

    /// The fund it pays from (资金).
    async fn fund(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Fund>> {
        Ok(load(ctx, FundKey(self.0.fund_id)).await?.map(Fund))
    }

    /// When it is paid (发放时机).
    async fn occasion(&self) -> PayoutOccasion {
        self.0.occasion
    }

    /// The campaign, for a campaign batch (慰问活动).
    async fn campaign_id(&self) -> Option<ID> {
        self.0.campaign_id.map(|id| global_id("Campaign", id))
    }

    /// Year (年度).
    async fn year(&self) -> i32 {
        self.0.year
    }

    /// Status (批次状态).
    async fn status(&self) -> BatchStatus {
        self.0.status
    }

    /// The payouts (发放明细).
    async fn items(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PayoutItem>> {
        Ok(load(ctx, BatchItemsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(PayoutItem)
            .collect())
    }

    /// Total of the payouts (合计金额).
    async fn total(&self, ctx: &Context<'_>) -> async_graphql::Result<Money> {
        Ok(load(ctx, BatchItemsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .iter()
            .map(|i| i.amount)
            .sum())
    }

    /// How far the bank has paid it (对账): counts and sums of the items paid, refused by
    /// the bank and still to pay, counted by the database.
    async fn reconciliation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<BatchReconciliation> {
        Ok(BatchReconciliation(
            load(ctx, ReconciliationKey(self.0.id))
                .await?
                .unwrap_or_default(),
        ))
    }

    /// When it was approved (审批时间).
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }

    /// When it was prepared (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct PayoutItem(pub payout_item::Model);

/// One payout (发放明细).
// Plain data and at most one loaded field: in order is cheaper than joined.
#[Object(serial)]
impl PayoutItem {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("PayoutItem", self.0.id)
    }

    /// The worker paid (职工).
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        let worker = load(ctx, WorkerKey(self.0.worker_id)).await?;
        match worker {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// Who the money is for (受益人): the worker, or a relative.
    async fn beneficiary(&self) -> Kinship {
        self.0.beneficiary
    }

    /// What it pays: an application, a condolence or a campaign recipient (来源).
    async fn source_id(&self) -> Option<ID> {
        self.0
            .application_id
            .map(|id| global_id("Application", id))
            .or_else(|| self.0.condolence_id.map(|id| global_id("Condolence", id)))
            .or_else(|| {
                self.0
                    .campaign_recipient_id
                    .map(|id| global_id("CampaignRecipient", id))
            })
    }

    /// Amount (金额).
    async fn amount(&self) -> Money {
        self.0.amount
    }

    /// Status (发放状态).
    async fn status(&self) -> PayoutItemStatus {
        self.0.status
    }

    /// The bank's reference of the transfer (银行流水号).
    async fn bank_reference(&self) -> Option<&str> {
        self.0.bank_reference.as_deref()
    }

    /// When it was paid (发放时间).
    async fn paid_at(&self) -> Option<DateTime<Utc>> {
        self.0.paid_at
    }

    /// The item's reference in the bank's files (参考号), as the 代发文件 lists it and the
    /// 回盘文件 gives it back.
    async fn bank_file_reference(&self) -> String {
        crate::bank::rules::reference(self.0.id)
    }

    /// Why the bank could not pay it the last time (发放失败原因), from its return file;
    /// null once paid or before any refusal.
    async fn bank_failure(&self) -> Option<&str> {
        self.0.bank_failure.as_deref()
    }

    /// When the bank's refusal was read (失败登记时间).
    async fn bank_failed_at(&self) -> Option<DateTime<Utc>> {
        self.0.bank_failed_at
    }

    /// The ledger entry of the payment (记账凭证).
    async fn ledger_entry_id(&self) -> Option<ID> {
        self.0
            .ledger_entry_id
            .map(|id| global_id("LedgerEntry", id))
    }
}

/// Input of `createPayoutBatch` (生成发放批次).
#[derive(InputObject)]
pub struct CreatePayoutBatchInput {
    /// The fund to pay from.
    pub fund_id: ID,
    /// Spring Festival, Mid-Autumn, or a campaign (发放时机).
    pub occasion: PayoutOccasion,
    /// Year (年度).
    pub year: i32,
    /// The campaign, for a campaign batch.
    pub campaign_id: Option<ID>,
}

/// Input of `approvePayoutBatch` (审批发放批次).
#[derive(InputObject)]
pub struct ApprovePayoutBatchInput {
    /// The batch.
    pub batch_id: ID,
}

/// Input of `markPaid` (登记发放).
#[derive(InputObject)]
pub struct MarkPaidInput {
    /// The payout.
    pub item_id: ID,
    /// The bank's reference of the transfer (银行流水号).
    pub bank_reference: String,
}

/// Result of the batch mutations.
#[derive(SimpleObject)]
pub struct PayoutBatchPayload {
    /// The batch as saved.
    pub batch: PayoutBatch,
}

/// Result of `markPaid`.
#[derive(SimpleObject)]
pub struct MarkPaidPayload {
    /// The payout as paid.
    pub item: PayoutItem,
}

#[derive(Default)]
pub struct PayoutQuery;

#[Object]
impl PayoutQuery {
    /// One payout batch (发放批次).
    async fn payout_batch(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PayoutBatch> {
        let id = decode(&id, "PayoutBatch", "id").extend()?;
        service::get_batch(ctx.state()?, ctx.actor()?, id)
            .await
            .map(PayoutBatch)
            .extend()
    }

    /// Payout batches of the caller's subtree, oldest first (发放批次列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn payout_batches(
        &self,
        ctx: &Context<'_>,
        fund_id: Option<ID>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<PayoutBatch>> {
        let state = ctx.state()?;
        let fund = decode_opt(fund_id.as_ref(), "Fund", "fundId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list_batches(state, ctx.actor()?, fund, &page)
            .await
            .map(|p| connection(p, |b| b.id, PayoutBatch))
            .extend()
    }

    /// The payouts of one batch, oldest first, page by page and optionally of one status
    /// (发放明细列表): `PayoutBatch.items` holds a whole batch at once.
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn payout_items(
        &self,
        ctx: &Context<'_>,
        batch_id: ID,
        status: Option<PayoutItemStatus>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<PayoutItem>> {
        let batch = decode(&batch_id, "PayoutBatch", "batchId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list_items(ctx.state()?, ctx.actor()?, batch, status, &page)
            .await
            .map(|p| connection(p, |i| i.id, PayoutItem))
            .extend()
    }
}

#[derive(Default)]
pub struct PayoutMutation;

#[Object]
impl PayoutMutation {
    /// Puts what is owed in the fund's subtree into a batch (生成发放批次): payable
    /// applications and approved condolences at a festival, or a campaign's recipients.
    /// Who may call: FINANCE.
    async fn create_payout_batch(
        &self,
        ctx: &Context<'_>,
        input: CreatePayoutBatchInput,
    ) -> async_graphql::Result<PayoutBatchPayload> {
        let fund = decode(&input.fund_id, "Fund", "fundId").extend()?;
        let campaign = decode_opt(input.campaign_id.as_ref(), "Campaign", "campaignId").extend()?;
        service::create_batch(
            ctx.state()?,
            ctx.actor()?,
            fund,
            input.occasion,
            input.year,
            campaign,
        )
        .await
        .map(|b| PayoutBatchPayload {
            batch: PayoutBatch(b),
        })
        .extend()
    }

    /// Approves a batch for payment (审批发放批次).
    /// Who may call: FINANCE (not who prepared the batch).
    async fn approve_payout_batch(
        &self,
        ctx: &Context<'_>,
        input: ApprovePayoutBatchInput,
    ) -> async_graphql::Result<PayoutBatchPayload> {
        let id = decode(&input.batch_id, "PayoutBatch", "batchId").extend()?;
        service::approve_batch(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|b| PayoutBatchPayload {
                batch: PayoutBatch(b),
            })
            .extend()
    }

    /// Marks a payout paid with the bank's reference and writes its ledger entry
    /// (登记发放). Refused with INSUFFICIENT_FUNDS when the fund cannot afford it; the same
    /// item again with the same reference returns the first result.
    /// Who may call: FINANCE.
    async fn mark_paid(
        &self,
        ctx: &Context<'_>,
        input: MarkPaidInput,
    ) -> async_graphql::Result<MarkPaidPayload> {
        let id = decode(&input.item_id, "PayoutItem", "itemId").extend()?;
        service::mark_paid(ctx.state()?, ctx.actor()?, id, &input.bank_reference)
            .await
            .map(|i| MarkPaidPayload {
                item: PayoutItem(i),
            })
            .extend()
    }
}
