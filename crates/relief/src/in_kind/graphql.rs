//! GraphQL surface of in-kind aid (爱心超市).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    GoodsCategory, HardshipLevel, Kinship, Money, MovementKind, QuotaPeriod, goods, hand_out,
    in_kind_quota, stock, stock_movement, store,
};

use super::service::{self, Collector};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::{GoodsKey, HandOutLinesKey, OrgUnitKey, StoreKey};
use crate::graphql::node::{decode, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;
use crate::users::graphql::{User, scoped_user};

pub struct Store(pub store::Model);

/// A store of in-kind aid (爱心超市).
#[Object]
impl Store {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Store", self.0.id)
    }

    /// The org unit that keeps it (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Address (地址).
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
}

pub struct Goods(pub goods::Model);

/// Goods of the catalogue (物资).
#[Object]
impl Goods {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Goods", self.0.id)
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The unit counted in (计量单位), e.g. 袋, 桶, 件.
    async fn unit(&self) -> &str {
        &self.0.unit
    }

    /// Category (类别).
    async fn category(&self) -> GoodsCategory {
        self.0.category
    }

    /// Reference price per unit (参考价).
    async fn reference_price(&self) -> Money {
        self.0.reference_price
    }
}

async fn goods_of(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Goods>> {
    Ok(load(ctx, GoodsKey(id)).await?.map(Goods))
}

pub struct StockLine(pub stock::Model);

/// Stock on hand of one goods in a store (库存).
#[Object]
impl StockLine {
    /// The goods (物资).
    async fn goods(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Goods>> {
        goods_of(ctx, self.0.goods_id).await
    }

    /// Units on hand (数量), never below zero.
    async fn quantity(&self) -> i64 {
        self.0.quantity
    }
}

pub struct StockMovement(pub stock_movement::Model);

/// A movement of a store's stock (出入库记录), append-only.
#[Object]
impl StockMovement {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("StockMovement", self.0.id)
    }

    /// The goods (物资).
    async fn goods(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Goods>> {
        goods_of(ctx, self.0.goods_id).await
    }

    /// Kind (类型).
    async fn kind(&self) -> MovementKind {
        self.0.kind
    }

    /// Units, signed: into the store positive, out of it negative (数量).
    async fn quantity(&self) -> i64 {
        self.0.quantity
    }

    /// Value at the reference price, signed as the quantity (折价).
    async fn value(&self) -> Money {
        self.0.value
    }

    /// The donor of a donation (捐赠方).
    async fn donor(&self) -> Option<&str> {
        self.0.donor.as_deref()
    }

    /// The receipt number of a donation (收据号).
    async fn receipt_no(&self) -> Option<&str> {
        self.0.receipt_no.as_deref()
    }

    /// The fund's ledger entry that paid a purchase (资金账目).
    async fn ledger_entry_id(&self) -> Option<ID> {
        self.0
            .ledger_entry_id
            .map(|id| global_id("LedgerEntry", id))
    }

    /// The hand-out it belongs to (发放记录).
    async fn hand_out_id(&self) -> Option<ID> {
        self.0.hand_out_id.map(|id| global_id("HandOut", id))
    }

    /// The other store of a transfer (调拨对方).
    async fn other_store(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Store>> {
        let Some(id) = self.0.other_store_id else {
            return Ok(None);
        };
        Ok(load(ctx, StoreKey(id)).await?.map(Store))
    }

    /// The reason of a write-off (报损原因).
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }

    /// When (时间).
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
}

pub struct HandOut(pub hand_out::Model);

/// Goods handed out to a hardship household (实物发放).
#[Object]
impl HandOut {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("HandOut", self.0.id)
    }

    /// The store (爱心超市).
    async fn store(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Store>> {
        Ok(load(ctx, StoreKey(self.0.store_id)).await?.map(Store))
    }

    /// The case (困难档案).
    async fn case_id(&self) -> ID {
        global_id("Case", self.0.case_id)
    }

    /// The case's hardship level when handed out (困难程度).
    async fn level(&self) -> HardshipLevel {
        self.0.level
    }

    /// Value at reference prices (折价金额).
    async fn value(&self) -> Money {
        self.0.value
    }

    /// First day of the quota period it counts in (限额周期起始日).
    async fn period_start(&self) -> Date {
        Date(self.0.period_start)
    }

    /// Who collected (领取人); masked (张*明) for callers who may not see personal data.
    async fn collected_by(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let name = &self.0.collected_by_name;
        Ok(if ctx.actor()?.sees_personal_data() {
            name.clone()
        } else {
            crate::privacy::mask_name(name)
        })
    }

    /// Their relation to the worker (与职工关系); SELF for the worker.
    async fn collected_by_kinship(&self) -> Kinship {
        self.0.collected_by_kinship
    }

    /// When (发放时间).
    async fn handed_at(&self) -> DateTime<Utc> {
        self.0.handed_at
    }

    /// Who handed the goods out (发放人), when in the caller's scope.
    async fn handed_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, Some(self.0.handed_by)).await
    }

    /// The goods and quantities handed out (发放明细): the store's movements of this
    /// hand-out, out of stock, so negative.
    async fn lines(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<StockMovement>> {
        Ok(load(ctx, HandOutLinesKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(StockMovement)
            .collect())
    }
}

/// The in-kind quota of a hardship level (实物帮扶限额).
#[derive(SimpleObject)]
pub struct InKindQuota {
    /// The level (困难程度).
    pub level: HardshipLevel,
    /// The period (限额周期).
    pub period: QuotaPeriod,
    /// Value at reference prices a household may collect per period (限额).
    pub value: Money,
}

impl From<in_kind_quota::Model> for InKindQuota {
    fn from(m: in_kind_quota::Model) -> Self {
        Self {
            level: m.level,
            period: m.period,
            value: m.value,
        }
    }
}

/// A line of goods and a quantity (物资明细).
#[derive(InputObject)]
pub struct GoodsLineInput {
    /// The goods (物资).
    pub goods_id: ID,
    /// Units, at least one (数量).
    pub quantity: i64,
}

fn decode_lines(lines: &[GoodsLineInput]) -> crate::error::ApiResult<Vec<(uuid::Uuid, i64)>> {
    lines
        .iter()
        .map(|l| Ok((decode(&l.goods_id, "Goods", "goodsId")?, l.quantity)))
        .collect()
}

/// Input of `createStore` (设立爱心超市).
#[derive(InputObject)]
pub struct CreateStoreInput {
    /// The org unit that keeps it (所属组织).
    pub org_unit_id: ID,
    /// Name (名称).
    pub name: String,
    /// Address (地址).
    pub address: Option<String>,
}

/// Input of `createGoods` (新增物资).
#[derive(InputObject)]
pub struct CreateGoodsInput {
    /// Name, unique in the catalogue (名称).
    pub name: String,
    /// The unit counted in (计量单位).
    pub unit: String,
    /// Category (类别).
    pub category: GoodsCategory,
    /// Reference price per unit (参考价).
    pub reference_price: Money,
}

/// Input of `recordDonation` (捐赠入库).
#[derive(InputObject)]
pub struct RecordDonationInput {
    /// The store (爱心超市).
    pub store_id: ID,
    /// The goods and quantities (物资明细).
    pub lines: Vec<GoodsLineInput>,
    /// The donor, a person or an enterprise (捐赠方).
    pub donor: String,
    /// The receipt number (收据号).
    pub receipt_no: String,
}

/// Input of `recordPurchase` (采购入库).
#[derive(InputObject)]
pub struct RecordPurchaseInput {
    /// The store (爱心超市).
    pub store_id: ID,
    /// The fund that pays (支付资金).
    pub fund_id: ID,
    /// The goods and quantities (物资明细).
    pub lines: Vec<GoodsLineInput>,
    /// The amount paid (实付金额), entered in the fund's ledger.
    pub amount_paid: Money,
    /// Memo (摘要) of the ledger entry.
    pub memo: Option<String>,
}

/// Input of `transferStock` (调拨).
#[derive(InputObject)]
pub struct TransferStockInput {
    /// The store sending (调出).
    pub from_store_id: ID,
    /// The store receiving (调入).
    pub to_store_id: ID,
    /// The goods (物资).
    pub goods_id: ID,
    /// Units (数量).
    pub quantity: i64,
}

/// Input of `writeOffStock` (报损).
#[derive(InputObject)]
pub struct WriteOffStockInput {
    /// The store (爱心超市).
    pub store_id: ID,
    /// The goods (物资).
    pub goods_id: ID,
    /// Units (数量).
    pub quantity: i64,
    /// Why (报损原因).
    pub reason: String,
}

/// Input of `setInKindQuota` (设置实物帮扶限额).
#[derive(InputObject)]
pub struct SetInKindQuotaInput {
    /// The level (困难程度).
    pub level: HardshipLevel,
    /// The period (限额周期).
    pub period: QuotaPeriod,
    /// Value at reference prices per period (限额).
    pub value: Money,
}

/// Input of `handOut` (实物发放).
#[derive(InputObject)]
pub struct HandOutInput {
    /// The store handing out (发放门店).
    pub store_id: ID,
    /// The household's active case (困难档案).
    pub case_id: ID,
    /// The goods and quantities (物资明细).
    pub lines: Vec<GoodsLineInput>,
    /// Who collects: SELF, or a household member on the worker's behalf (领取人关系).
    #[graphql(default_with = "Kinship::Worker")]
    pub collected_by_kinship: Kinship,
    /// The collecting member's name as on the household's record (领取人); none for SELF.
    pub collected_by: Option<String>,
}

/// Result of the stock mutations: the movements written.
#[derive(SimpleObject)]
pub struct StockPayload {
    /// The movements (出入库记录).
    pub movements: Vec<StockMovement>,
}

/// Result of `createStore` (设立爱心超市).
#[derive(SimpleObject)]
pub struct StorePayload {
    /// The store (爱心超市).
    pub store: Store,
}

/// Result of `createGoods` (新增物资).
#[derive(SimpleObject)]
pub struct GoodsPayload {
    /// The goods (物资).
    pub goods: Goods,
}

/// Result of `setInKindQuota` (设置实物帮扶限额).
#[derive(SimpleObject)]
pub struct InKindQuotaPayload {
    /// The quota as set (限额).
    pub quota: InKindQuota,
}

/// Result of `handOut` (实物发放).
#[derive(SimpleObject)]
pub struct HandOutPayload {
    /// The hand-out (实物发放).
    pub hand_out: HandOut,
}

fn moved(list: Vec<stock_movement::Model>) -> StockPayload {
    StockPayload {
        movements: list.into_iter().map(StockMovement).collect(),
    }
}

#[derive(Default)]
pub struct InKindQuery;

#[Object]
impl InKindQuery {
    /// Stores of in-kind aid in the caller's scope (爱心超市).
    async fn stores(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Store>> {
        let page = page_args(ctx, after, None, first, None)?;
        service::list_stores(ctx.state()?, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |m| m.id, Store))
            .extend()
    }

    /// The goods catalogue (物资目录).
    async fn goods(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Goods>> {
        let page = page_args(ctx, after, None, first, None)?;
        service::list_goods(ctx.state()?, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |m| m.id, Goods))
            .extend()
    }

    /// A store's stock on hand (库存).
    async fn stock(
        &self,
        ctx: &Context<'_>,
        store_id: ID,
    ) -> async_graphql::Result<Vec<StockLine>> {
        let id = decode(&store_id, "Store", "storeId").extend()?;
        service::stock_of(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|l| l.into_iter().map(StockLine).collect())
            .extend()
    }

    /// A store's stock movements, oldest first (出入库记录).
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        store_id: ID,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<StockMovement>> {
        let id = decode(&store_id, "Store", "storeId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::movements(ctx.state()?, ctx.actor()?, id, &page)
            .await
            .map(|p| connection(p, |m| m.id, StockMovement))
            .extend()
    }

    /// The in-kind quotas in force, per hardship level (实物帮扶限额).
    async fn in_kind_quotas(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<InKindQuota>> {
        service::quotas(ctx.state()?, ctx.actor()?)
            .await
            .map(|l| l.into_iter().map(Into::into).collect())
            .extend()
    }

    /// The goods a case's household collected, oldest first (实物发放记录).
    async fn hand_outs(
        &self,
        ctx: &Context<'_>,
        case_id: ID,
    ) -> async_graphql::Result<Vec<HandOut>> {
        let id = decode(&case_id, "Case", "caseId").extend()?;
        service::hand_outs_of(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|l| l.into_iter().map(HandOut).collect())
            .extend()
    }
}

#[derive(Default)]
pub struct InKindMutation;

#[Object]
impl InKindMutation {
    /// Opens a store of in-kind aid (设立爱心超市) in an org unit.
    /// Who may call: ADMIN (whose scope holds the org unit).
    async fn create_store(
        &self,
        ctx: &Context<'_>,
        input: CreateStoreInput,
    ) -> async_graphql::Result<StorePayload> {
        let org = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::create_store(ctx.state()?, ctx.actor()?, org, &input.name, input.address)
            .await
            .map(|s| StorePayload { store: Store(s) })
            .extend()
    }

    /// Adds goods to the catalogue shared by every store (新增物资, DUPLICATE_GOODS).
    /// Who may call: ADMIN (root unit only).
    async fn create_goods(
        &self,
        ctx: &Context<'_>,
        input: CreateGoodsInput,
    ) -> async_graphql::Result<GoodsPayload> {
        service::create_goods(
            ctx.state()?,
            ctx.actor()?,
            &input.name,
            &input.unit,
            input.category,
            input.reference_price,
        )
        .await
        .map(|g| GoodsPayload { goods: Goods(g) })
        .extend()
    }

    /// Receives donated goods (捐赠入库) from a named donor, with the receipt number.
    /// Who may call: CASEWORKER.
    async fn record_donation(
        &self,
        ctx: &Context<'_>,
        input: RecordDonationInput,
    ) -> async_graphql::Result<StockPayload> {
        let store = decode(&input.store_id, "Store", "storeId").extend()?;
        let lines = decode_lines(&input.lines).extend()?;
        service::donate(
            ctx.state()?,
            ctx.actor()?,
            store,
            &lines,
            &input.donor,
            &input.receipt_no,
        )
        .await
        .map(moved)
        .extend()
    }

    /// Buys goods for a store with an assistance fund (采购入库): the amount paid is an
    /// entry of the fund's ledger, within its balance (INSUFFICIENT_FUNDS).
    /// Who may call: FINANCE.
    async fn record_purchase(
        &self,
        ctx: &Context<'_>,
        input: RecordPurchaseInput,
    ) -> async_graphql::Result<StockPayload> {
        let store = decode(&input.store_id, "Store", "storeId").extend()?;
        let fund = decode(&input.fund_id, "Fund", "fundId").extend()?;
        let lines = decode_lines(&input.lines).extend()?;
        service::purchase(
            ctx.state()?,
            ctx.actor()?,
            store,
            fund,
            &lines,
            input.amount_paid,
            input.memo,
        )
        .await
        .map(moved)
        .extend()
    }

    /// Sends goods to another store of the caller's scope (调拨, NOT_IN_STOCK).
    /// Who may call: CASEWORKER.
    async fn transfer_stock(
        &self,
        ctx: &Context<'_>,
        input: TransferStockInput,
    ) -> async_graphql::Result<StockPayload> {
        let from = decode(&input.from_store_id, "Store", "fromStoreId").extend()?;
        let to = decode(&input.to_store_id, "Store", "toStoreId").extend()?;
        let goods = decode(&input.goods_id, "Goods", "goodsId").extend()?;
        service::transfer(ctx.state()?, ctx.actor()?, from, to, goods, input.quantity)
            .await
            .map(moved)
            .extend()
    }

    /// Writes goods off with a reason (报损, NOT_IN_STOCK).
    /// Who may call: CASEWORKER.
    async fn write_off_stock(
        &self,
        ctx: &Context<'_>,
        input: WriteOffStockInput,
    ) -> async_graphql::Result<StockPayload> {
        let store = decode(&input.store_id, "Store", "storeId").extend()?;
        let goods = decode(&input.goods_id, "Goods", "goodsId").extend()?;
        service::write_off(
            ctx.state()?,
            ctx.actor()?,
            store,
            goods,
            input.quantity,
            &input.reason,
        )
        .await
        .map(|m| moved(vec![m]))
        .extend()
    }

    /// Sets the in-kind quota of a hardship level per period (设置实物帮扶限额).
    /// Who may call: ADMIN (root unit only).
    async fn set_in_kind_quota(
        &self,
        ctx: &Context<'_>,
        input: SetInKindQuotaInput,
    ) -> async_graphql::Result<InKindQuotaPayload> {
        service::set_quota(
            ctx.state()?,
            ctx.actor()?,
            input.level,
            input.period,
            input.value,
        )
        .await
        .map(|q| InKindQuotaPayload { quota: q.into() })
        .extend()
    }

    /// Hands goods out to the household of an ACTIVE case (实物发放), within the quota of
    /// its hardship level for the period and this store's stock (CASE_NOT_ACTIVE,
    /// NO_QUOTA, OVER_QUOTA, NOT_IN_STOCK).
    /// Who may call: CASEWORKER (whose scope holds the store and the case).
    async fn hand_out(
        &self,
        ctx: &Context<'_>,
        input: HandOutInput,
    ) -> async_graphql::Result<HandOutPayload> {
        let store = decode(&input.store_id, "Store", "storeId").extend()?;
        let case = decode(&input.case_id, "Case", "caseId").extend()?;
        let lines = decode_lines(&input.lines).extend()?;
        let collector = Collector {
            kinship: input.collected_by_kinship,
            name: input.collected_by,
        };
        service::hand_out(ctx.state()?, ctx.actor()?, store, case, &lines, collector)
            .await
            .map(|h| HandOutPayload {
                hand_out: HandOut(h),
            })
            .extend()
    }
}
