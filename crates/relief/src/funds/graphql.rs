//! GraphQL surface of funds and ledgers.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{EntryKind, FundKind, IncomeCategory, Money, fund, ledger_entry};

use super::report::{self, FundReport, Line};
use super::service;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::OrgUnitKey;
use crate::graphql::node::{decode, global_id};
use crate::org::graphql::OrgUnit;
use crate::users::graphql::User;
use crate::users::graphql::scoped_user;

pub struct Fund(pub fund::Model);

/// Fund (帮扶资金 / 帮扶基金), accounted on its own ledger (专账核算).
#[Object]
impl Fund {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Fund", self.0.id)
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Kind (资金类型): ASSISTANCE (帮扶资金) or MUTUAL_AID (帮扶基金, contributors only).
    async fn kind(&self) -> FundKind {
        self.0.kind
    }

    /// The org unit the fund belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Balance (余额): the sum of all entries; never below zero (量入为出).
    async fn balance(&self) -> Money {
        self.0.balance
    }

    /// Ledger entries, oldest first (账目).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn entries(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<LedgerEntry>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::entries(state, ctx.actor()?, self.0.id, &page)
            .await
            .map(|p| connection(p, |e| e.id, LedgerEntry))
            .extend()
    }

    /// When the fund was opened (设立时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct LedgerEntry(pub ledger_entry::Model);

/// Ledger entry (账目): immutable; corrected by a reversing entry.
#[Object]
impl LedgerEntry {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("LedgerEntry", self.0.id)
    }

    /// Position in the fund's ledger, from 1 (序号).
    async fn sequence(&self) -> i64 {
        self.0.sequence
    }

    /// Income, payout or reversal (账目类型).
    async fn kind(&self) -> EntryKind {
        self.0.kind
    }

    /// Income category (资金来源), for income and its corrections.
    async fn category(&self) -> Option<IncomeCategory> {
        self.0.category
    }

    /// Signed amount (金额): income positive, payouts negative.
    async fn amount(&self) -> Money {
        self.0.amount
    }

    /// Donor of a donation (捐款人).
    async fn donor(&self) -> Option<&str> {
        self.0.donor.as_deref()
    }

    /// Memo (摘要); for a payout, the bank reference.
    async fn memo(&self) -> Option<&str> {
        self.0.memo.as_deref()
    }

    /// The entry this one reverses (冲正的账目).
    async fn reverses_entry_id(&self) -> Option<ID> {
        self.0
            .reverses_entry_id
            .map(|id| global_id("LedgerEntry", id))
    }

    /// Who recorded it (记账人); null outside the caller's scope.
    async fn recorded_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, Some(self.0.recorded_by)).await
    }

    /// When (记账时间).
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }

    /// Hash of the previous entry (前一笔哈希).
    async fn prev_hash(&self) -> &str {
        &self.0.prev_hash
    }

    /// Hash of this entry over its fields and the previous hash (本笔哈希).
    async fn hash(&self) -> &str {
        &self.0.hash
    }
}

/// Result of checking a ledger's hash chain (账目校验).
#[derive(SimpleObject)]
pub struct LedgerVerification {
    /// The chain is intact and the balance equals the sum of the entries.
    pub ok: bool,
    /// The first entry that no longer fits the chain (edited, inserted or deleted
    /// outside the application); the fund's own ID when the newest entries are gone.
    pub first_broken_entry_id: Option<ID>,
    /// Entries checked.
    pub entries: u64,
    /// The stored balance equals the sum of the entries.
    pub balance_matches: bool,
}

/// A grouped total of a report.
#[derive(SimpleObject)]
pub struct ReportLine {
    /// What is counted: an income category, or what was paid (a subsidy item,
    /// CONDOLENCE_<kind>, CAMPAIGN_<kind>).
    pub key: String,
    /// Net amount (金额).
    pub amount: Money,
    /// Entries (笔数); for payouts, person-times (人次), net of reversals.
    pub count: i64,
}

impl From<Line> for ReportLine {
    fn from(l: Line) -> Self {
        Self {
            key: l.key,
            amount: l.amount,
            count: l.count,
        }
    }
}

/// Annual report of a fund (资金年度报告).
#[derive(SimpleObject)]
pub struct FundReportView {
    /// Year (年度).
    pub year: i32,
    /// Balance on 1 January (年初余额).
    pub opening_balance: Money,
    /// Income by category (收入分类).
    pub income_by_category: Vec<ReportLine>,
    /// Payouts by what they paid (支出分项).
    pub payouts_by_item: Vec<ReportLine>,
    /// Balance on 31 December (年末余额).
    pub closing_balance: Money,
    /// Reconciliation (对账): every payout of the year matched to an approved item.
    pub reconciliation: Reconciliation,
}

/// Reconciliation of payouts against approved items (对账).
#[derive(SimpleObject)]
pub struct Reconciliation {
    /// Every payout matches an approved item.
    pub ok: bool,
    /// Payouts checked.
    pub payouts_checked: i64,
    /// Payouts without an approved item to match (待核查).
    pub unmatched_payout_entry_ids: Vec<ID>,
}

impl From<FundReport> for FundReportView {
    fn from(r: FundReport) -> Self {
        Self {
            year: r.year,
            opening_balance: r.opening_balance,
            income_by_category: r.income_by_category.into_iter().map(Into::into).collect(),
            payouts_by_item: r.payouts_by_item.into_iter().map(Into::into).collect(),
            closing_balance: r.closing_balance,
            reconciliation: Reconciliation {
                ok: r.unmatched_payout_entry_ids.is_empty(),
                payouts_checked: r.payouts_checked,
                unmatched_payout_entry_ids: r
                    .unmatched_payout_entry_ids
                    .into_iter()
                    .map(|id| global_id("LedgerEntry", id))
                    .collect(),
            },
        }
    }
}

/// Input of `createFund` (设立资金).
#[derive(InputObject)]
pub struct CreateFundInput {
    /// Name (名称).
    pub name: String,
    /// Kind (资金类型).
    pub kind: FundKind,
    /// Org unit (所属组织).
    pub org_unit_id: ID,
}

/// Input of `recordIncome` (登记收入).
#[derive(InputObject)]
pub struct RecordIncomeInput {
    /// The fund.
    pub fund_id: ID,
    /// Category (资金来源).
    pub category: IncomeCategory,
    /// Amount (金额), more than zero.
    pub amount: Money,
    /// Donor (捐款人); required for a donation.
    pub donor: Option<String>,
    /// Memo (摘要).
    pub memo: Option<String>,
}

/// Input of `reverseEntry` (冲正).
#[derive(InputObject)]
pub struct ReverseEntryInput {
    /// The entry to correct.
    pub entry_id: ID,
    /// Why (冲正原因).
    pub memo: String,
}

/// Result of `createFund`.
#[derive(SimpleObject)]
pub struct FundPayload {
    /// The fund as saved.
    pub fund: Fund,
}

/// Result of `recordIncome` / `reverseEntry`.
#[derive(SimpleObject)]
pub struct LedgerEntryPayload {
    /// The new entry.
    pub entry: LedgerEntry,
    /// The fund after it.
    pub fund: Fund,
}

#[derive(Default)]
pub struct FundQuery;

#[Object]
impl FundQuery {
    /// One fund in the caller's subtree (资金).
    async fn fund(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Fund> {
        let id = decode(&id, "Fund", "id").extend()?;
        service::get_fund(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Fund)
            .extend()
    }

    /// Funds of the caller's subtree (资金列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn funds(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Fund>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list_funds(state, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |f| f.id, Fund))
            .extend()
    }

    /// Annual report of a fund with its reconciliation (资金年度报告).
    async fn fund_report(
        &self,
        ctx: &Context<'_>,
        fund_id: ID,
        year: i32,
    ) -> async_graphql::Result<FundReportView> {
        let id = decode(&fund_id, "Fund", "fundId").extend()?;
        report::fund_report(ctx.state()?, ctx.actor()?, id, year)
            .await
            .map(Into::into)
            .extend()
    }

    /// Checks a fund's hash chain and balance (账目校验). AUDITOR, FINANCE, ADMIN.
    async fn verify_ledger(
        &self,
        ctx: &Context<'_>,
        fund_id: ID,
    ) -> async_graphql::Result<LedgerVerification> {
        let id = decode(&fund_id, "Fund", "fundId").extend()?;
        let v = service::verify_ledger(ctx.state()?, ctx.actor()?, id)
            .await
            .extend()?;
        Ok(LedgerVerification {
            ok: v.ok,
            first_broken_entry_id: v.first_broken_entry_id.map(|e| {
                if e == id {
                    global_id("Fund", e)
                } else {
                    global_id("LedgerEntry", e)
                }
            }),
            entries: v.entries,
            balance_matches: v.balance_matches,
        })
    }
}

#[derive(Default)]
pub struct FundMutation;

#[Object]
impl FundMutation {
    /// Opens a fund (设立资金).
    /// Who may call: FINANCE.
    async fn create_fund(
        &self,
        ctx: &Context<'_>,
        input: CreateFundInput,
    ) -> async_graphql::Result<FundPayload> {
        let org = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::create_fund(ctx.state()?, ctx.actor()?, &input.name, input.kind, org)
            .await
            .map(|f| FundPayload { fund: Fund(f) })
            .extend()
    }

    /// Records income (登记收入).
    /// Who may call: FINANCE.
    async fn record_income(
        &self,
        ctx: &Context<'_>,
        input: RecordIncomeInput,
    ) -> async_graphql::Result<LedgerEntryPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let id = decode(&input.fund_id, "Fund", "fundId").extend()?;
        let entry = service::record_income(
            state,
            actor,
            id,
            input.category,
            input.amount,
            input.donor,
            input.memo,
        )
        .await
        .extend()?;
        let fund = service::get_fund(state, actor, entry.fund_id)
            .await
            .extend()?;
        Ok(LedgerEntryPayload {
            entry: LedgerEntry(entry),
            fund: Fund(fund),
        })
    }

    /// Corrects an entry with a reversing entry (冲正).
    /// Who may call: FINANCE.
    async fn reverse_entry(
        &self,
        ctx: &Context<'_>,
        input: ReverseEntryInput,
    ) -> async_graphql::Result<LedgerEntryPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let id = decode(&input.entry_id, "LedgerEntry", "entryId").extend()?;
        let entry = crate::payouts::reversal::reverse_entry(state, actor, id, input.memo)
            .await
            .extend()?;
        let fund = service::get_fund(state, actor, entry.fund_id)
            .await
            .extend()?;
        Ok(LedgerEntryPayload {
            entry: LedgerEntry(entry),
            fund: Fund(fund),
        })
    }
}
