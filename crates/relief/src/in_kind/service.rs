//! In-kind use cases: stores and the catalogue, every stock movement written to the
//! store's ledger in the same transaction as the stock it moves, purchases written to
//! the paying fund's ledger, and hand-outs within the household's quota. Stock is taken
//! with one guarded update, so it never goes below zero, whatever the race; a household's
//! hand-outs are serialised on its case row, so its quota holds too.

use std::collections::BTreeMap;

use entity::{
    CaseStatus, EntryKind, FundKind, GoodsCategory, HardshipLevel, Kinship, Money, MovementKind,
    QuotaPeriod, Role, goods, hand_out, household_member, in_kind_quota, stock, stock_movement,
    store,
};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::{Tx, batch};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::funds::service::{NewEntry, append_entry, find_fund};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::registry::cases::find_case;
use crate::registry::lifecycle::effective_status;
use crate::validate;

/// Who keeps the stores: receives donations, transfers, writes off and hands out.
pub const KEEPERS: &[Role] = &[Role::Caseworker];

/// Who pays for purchases out of a fund (财务部).
pub const BUYERS: &[Role] = &[Role::Finance];

/// Who reads stores, stock and hand-outs.
pub const READERS: &[Role] = &[
    Role::Caseworker,
    Role::Reviewer,
    Role::Approver,
    Role::Finance,
    Role::Auditor,
    Role::Admin,
];

/// Opens a store (设立爱心超市) in an org unit of the caller's scope. ADMIN.
pub async fn create_store(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    name: &str,
    address: Option<String>,
) -> ApiResult<store::Model> {
    actor.require_any(&[Role::Admin])?;
    let name = validate::name("name", name, 100)?;
    let address = validate::text("address", address, 200)?;
    let mut tx = Tx::begin(state).await?;
    find_in_scope(&*tx, actor, org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let now = state.clock.now();
    let created = store::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(org_unit_id),
        name: Set(name),
        address: Set(address),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createStore",
            "Store",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Adds goods to the catalogue (物资目录), shared by every store. ADMIN of the root unit.
pub async fn create_goods(
    state: &AppState,
    actor: &Actor,
    name: &str,
    unit: &str,
    category: GoodsCategory,
    reference_price: Money,
) -> ApiResult<goods::Model> {
    actor.require_policy_admin()?;
    let name = validate::name("name", name, 100)?;
    let unit = validate::name("unit", unit, 10)?;
    if reference_price < Money::ZERO {
        return Err(ApiError::bad_input(
            "referencePrice",
            "must not be negative",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    if goods::Entity::find()
        .filter(goods::Column::Name.eq(name.clone()))
        .one(&*tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: "goods of this name are in the catalogue already".into(),
            reasons: vec!["DUPLICATE_GOODS"],
        });
    }
    let now = state.clock.now();
    let created = goods::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        unit: Set(unit),
        category: Set(category),
        reference_price: Set(reference_price),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("createGoods", "Goods", created.id, None).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Sets the quota of a hardship level (实物帮扶限额): the value at reference prices a
/// household of that level may collect per period. ADMIN of the root unit.
pub async fn set_quota(
    state: &AppState,
    actor: &Actor,
    level: HardshipLevel,
    period: QuotaPeriod,
    value: Money,
) -> ApiResult<in_kind_quota::Model> {
    actor.require_policy_admin()?;
    if value < Money::ZERO {
        return Err(ApiError::bad_input("value", "must not be negative"));
    }
    let now = state.clock.now();
    let mut tx = Tx::begin(state).await?;
    let before = in_kind_quota::Entity::find_by_id(level).one(&*tx).await?;
    let row = in_kind_quota::Model {
        level,
        period,
        value,
        updated_by: actor.user_id,
        updated_at: now,
    };
    in_kind_quota::Entity::insert(in_kind_quota::ActiveModel::from(row.clone()))
        .on_conflict(
            OnConflict::column(in_kind_quota::Column::Level)
                .update_columns([
                    in_kind_quota::Column::Period,
                    in_kind_quota::Column::Value,
                    in_kind_quota::Column::UpdatedBy,
                    in_kind_quota::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&*tx)
        .await?;
    let mut change = Change::about("setInKindQuota", "InKindQuota", None, None).after(&row);
    if let Some(before) = before {
        change = change.before(&before);
    }
    audit::record(&mut tx, actor, now, change).await?;
    tx.commit().await?;
    Ok(row)
}

/// The store `id`, if it is in the caller's scope.
fn store_in_scope(actor: &Actor, id: Uuid) -> Select<store::Entity> {
    store::Entity::find_by_id(id).filter(scope::org_unit_column(store::Column::OrgUnitId, actor))
}

async fn find_store(db: &impl ConnectionTrait, actor: &Actor, id: Uuid) -> ApiResult<store::Model> {
    store_in_scope(actor, id)
        .one(db)
        .await?
        .ok_or(ApiError::not_found("Store"))
}

/// A store in the caller's scope, its row locked for the transaction: what a store has
/// received is then read and written by one import at a time.
pub async fn lock_store(tx: &Tx, actor: &Actor, id: Uuid) -> ApiResult<store::Model> {
    store_in_scope(actor, id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or(ApiError::not_found("Store"))
}

/// The goods of each line, with the line's quantity checked, in the order of the goods'
/// ids: every use case then locks stock rows in one order, so two never wait on each other.
async fn lines(
    db: &impl ConnectionTrait,
    lines: &[(Uuid, i64)],
) -> ApiResult<Vec<(goods::Model, i64)>> {
    if lines.is_empty() {
        return Err(ApiError::bad_input("lines", "name at least one goods"));
    }
    let mut wanted = lines.to_vec();
    wanted.sort_by_key(|(id, _)| *id);
    if wanted.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err(ApiError::bad_input("lines", "each goods once"));
    }
    for (_, quantity) in &wanted {
        rules::check_quantity(*quantity)?;
    }
    let found = goods::Entity::find()
        .filter(goods::Column::Id.is_in(wanted.iter().map(|(id, _)| *id)))
        .order_by_asc(goods::Column::Id)
        .all(db)
        .await?;
    if found.len() != wanted.len() {
        return Err(ApiError::bad_input(
            "goodsId",
            "no such goods in the catalogue",
        ));
    }
    Ok(found
        .into_iter()
        .zip(wanted)
        .map(|(g, (_, quantity))| (g, quantity))
        .collect())
}

/// On a stock row already there, adds the inserted quantity to it.
fn added_to_stock() -> OnConflict {
    OnConflict::columns([stock::Column::StoreId, stock::Column::GoodsId])
        .value(
            stock::Column::Quantity,
            Expr::cust("stock.quantity + excluded.quantity"),
        )
        .update_column(stock::Column::UpdatedAt)
        .to_owned()
}

/// Puts `quantity` of `goods_id` into the store's stock.
async fn add_stock(
    tx: &Tx,
    store_id: Uuid,
    goods_id: Uuid,
    quantity: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    stock::Entity::insert(stock::ActiveModel {
        store_id: Set(store_id),
        goods_id: Set(goods_id),
        quantity: Set(quantity),
        updated_at: Set(at),
    })
    .on_conflict(added_to_stock())
    .exec_without_returning(&**tx)
    .await?;
    Ok(())
}

/// Takes `quantity` of `goods` from the store's stock, or refuses (NOT_IN_STOCK): one
/// guarded update, so that concurrent takers never drive it below zero.
async fn take_stock(
    tx: &Tx,
    store_id: Uuid,
    goods: &goods::Model,
    quantity: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<()> {
    let taken = stock::Entity::update_many()
        .col_expr(
            stock::Column::Quantity,
            Expr::col(stock::Column::Quantity).sub(quantity),
        )
        .col_expr(stock::Column::UpdatedAt, Expr::value(at))
        .filter(stock::Column::StoreId.eq(store_id))
        .filter(stock::Column::GoodsId.eq(goods.id))
        .filter(stock::Column::Quantity.gte(quantity))
        .exec(&**tx)
        .await?;
    if taken.rows_affected == 1 {
        Ok(())
    } else {
        Err(ApiError::Conflict {
            message: format!(
                "the store has fewer than {quantity} {} of {}",
                goods.unit, goods.name
            ),
            reasons: vec!["NOT_IN_STOCK"],
        })
    }
}

/// A movement of the ledger, before it is written.
#[derive(Default)]
struct Movement {
    donor: Option<String>,
    receipt_no: Option<String>,
    ledger_entry_id: Option<Uuid>,
    hand_out_id: Option<Uuid>,
    other_store_id: Option<Uuid>,
    reason: Option<String>,
}

/// Moves stock and writes the movement: `quantity` is signed (in positive).
#[allow(clippy::too_many_arguments)]
async fn movement(
    tx: &Tx,
    actor: &Actor,
    store_id: Uuid,
    goods: &goods::Model,
    kind: MovementKind,
    quantity: i64,
    at: chrono::DateTime<chrono::Utc>,
    m: Movement,
) -> ApiResult<stock_movement::Model> {
    if quantity > 0 {
        add_stock(tx, store_id, goods.id, quantity, at).await?;
    } else {
        take_stock(tx, store_id, goods, -quantity, at).await?;
    }
    Ok(stock_movement::ActiveModel {
        id: Set(Uuid::now_v7()),
        store_id: Set(store_id),
        goods_id: Set(goods.id),
        kind: Set(kind),
        quantity: Set(quantity),
        value: Set(rules::value_of(goods.reference_price, quantity)?),
        donor: Set(m.donor),
        receipt_no: Set(m.receipt_no),
        ledger_entry_id: Set(m.ledger_entry_id),
        hand_out_id: Set(m.hand_out_id),
        other_store_id: Set(m.other_store_id),
        reason: Set(m.reason),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(at),
    }
    .insert(&**tx)
    .await?)
}

/// One line of a donation: checked goods, quantity, donor and receipt number.
pub struct Donation<'a> {
    pub goods: &'a goods::Model,
    pub quantity: i64,
    pub donor: String,
    pub receipt_no: String,
}

/// Puts donated lines into the store's stock and its ledger, inside the caller's
/// transaction (`recordDonation`, and the donations import): the stock of each goods
/// moved once, by the sum of its lines, and the movements written in multi-row
/// statements, whatever the number of lines.
pub async fn receive_donations(
    tx: &Tx,
    actor: &Actor,
    store_id: Uuid,
    lines: Vec<Donation<'_>>,
    at: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Vec<stock_movement::Model>> {
    // By goods id: stock rows are taken in one order, as every use case takes them.
    let mut per_goods: BTreeMap<Uuid, i64> = BTreeMap::new();
    let mut moved = Vec::with_capacity(lines.len());
    for d in lines {
        rules::check_quantity(d.quantity)?;
        let sum = per_goods.entry(d.goods.id).or_default();
        *sum = sum
            .checked_add(d.quantity)
            .ok_or_else(|| ApiError::bad_input("quantity", "too large"))?;
        moved.push(stock_movement::Model {
            id: Uuid::now_v7(),
            store_id,
            goods_id: d.goods.id,
            kind: MovementKind::Donation,
            quantity: d.quantity,
            value: rules::value_of(d.goods.reference_price, d.quantity)?,
            donor: Some(d.donor),
            receipt_no: Some(d.receipt_no),
            ledger_entry_id: None,
            hand_out_id: None,
            other_store_id: None,
            reason: None,
            recorded_by: actor.user_id,
            recorded_at: at,
        });
    }
    let stock_rows: Vec<stock::ActiveModel> = per_goods
        .into_iter()
        .map(|(goods_id, quantity)| stock::ActiveModel {
            store_id: Set(store_id),
            goods_id: Set(goods_id),
            quantity: Set(quantity),
            updated_at: Set(at),
        })
        .collect();
    batch::upsert_all(&**tx, stock_rows, added_to_stock()).await?;
    batch::insert_all(
        &**tx,
        moved
            .iter()
            .cloned()
            .map(stock_movement::ActiveModel::from)
            .collect(),
    )
    .await?;
    Ok(moved)
}

/// Receives donated goods (捐赠入库) from a named donor, with the receipt number. CASEWORKER.
pub async fn donate(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    goods_lines: &[(Uuid, i64)],
    donor: &str,
    receipt_no: &str,
) -> ApiResult<Vec<stock_movement::Model>> {
    actor.require_any(KEEPERS)?;
    let donor = validate::name("donor", donor, 100)?;
    let receipt_no = validate::name("receiptNo", receipt_no, 50)?;
    let mut tx = Tx::begin(state).await?;
    let store = find_store(&*tx, actor, store_id).await?;
    let now = state.clock.now();
    let goods = lines(&*tx, goods_lines).await?;
    let donations = goods
        .iter()
        .map(|(g, quantity)| Donation {
            goods: g,
            quantity: *quantity,
            donor: donor.clone(),
            receipt_no: receipt_no.clone(),
        })
        .collect();
    let moved = receive_donations(&tx, actor, store.id, donations, now).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("recordDonation", "Store", store.id, Some(store.org_unit_id)).after(&moved),
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// Buys goods for a store, paid from an assistance fund (采购入库): the payment is an
/// entry of the fund's own ledger (专账核算), within its balance. FINANCE.
pub async fn purchase(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    fund_id: Uuid,
    goods_lines: &[(Uuid, i64)],
    amount_paid: Money,
    memo: Option<String>,
) -> ApiResult<Vec<stock_movement::Model>> {
    actor.require_any(BUYERS)?;
    if amount_paid <= Money::ZERO {
        return Err(ApiError::bad_input("amountPaid", "must be more than zero"));
    }
    let memo = validate::text("memo", memo, 500)?;
    let mut tx = Tx::begin(state).await?;
    let store = find_store(&*tx, actor, store_id).await?;
    let mut fund = find_fund(&*tx, actor, fund_id, true)
        .await
        .or_refused(|| ApiError::bad_input("fundId", "no such fund in your scope"))?;
    // 「专款专用」: goods for hardship families are bought from an assistance fund of a unit
    // above the store, never from the mutual-aid fund of its contributors.
    let fund_unit = find_in_scope(&*tx, actor, fund.org_unit_id).await?;
    let store_unit = find_in_scope(&*tx, actor, store.org_unit_id).await?;
    if fund.kind != FundKind::Assistance || !store_unit.path.starts_with(&fund_unit.path) {
        return Err(ApiError::BadUserInput {
            field: "fundId".into(),
            message: "a purchase is paid from an assistance fund of the store's unit or above"
                .into(),
            reasons: vec!["NOT_AN_ASSISTANCE_FUND"],
        });
    }
    let bought = lines(&*tx, goods_lines).await?;
    let now = state.clock.now();
    let entry = append_entry(
        &tx,
        &mut fund,
        actor,
        now,
        NewEntry {
            kind: EntryKind::Purchase,
            category: None,
            amount: Money::from_fen(-amount_paid.fen()),
            donor: None,
            memo: Some(memo.unwrap_or_else(|| format!("爱心超市采购: {}", store.name))),
            payout_item_id: None,
            reverses_entry_id: None,
        },
    )
    .await?;
    let mut moved = Vec::new();
    for (g, quantity) in bought {
        let m = Movement {
            ledger_entry_id: Some(entry.id),
            ..Movement::default()
        };
        moved.push(
            movement(
                &tx,
                actor,
                store.id,
                &g,
                MovementKind::Purchase,
                quantity,
                now,
                m,
            )
            .await?,
        );
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("recordPurchase", "Store", store.id, Some(store.org_unit_id))
            .after(&serde_json::json!({ "entry": entry, "movements": moved })),
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// Sends goods from one store to another (调拨), both in the caller's scope. CASEWORKER.
pub async fn transfer(
    state: &AppState,
    actor: &Actor,
    from: Uuid,
    to: Uuid,
    goods_id: Uuid,
    quantity: i64,
) -> ApiResult<Vec<stock_movement::Model>> {
    actor.require_any(KEEPERS)?;
    if from == to {
        return Err(ApiError::bad_input(
            "toStoreId",
            "a transfer goes to another store",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let source = find_store(&*tx, actor, from).await?;
    let target = find_store(&*tx, actor, to)
        .await
        .or_refused(|| ApiError::bad_input("toStoreId", "no such store in your scope"))?;
    let (g, quantity) = lines(&*tx, &[(goods_id, quantity)])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("one line in, one out"))?;
    let now = state.clock.now();
    let out = Movement {
        other_store_id: Some(target.id),
        ..Movement::default()
    };
    let back = Movement {
        other_store_id: Some(source.id),
        ..Movement::default()
    };
    // Both stock rows are taken in the order of the stores' ids, as every transfer takes
    // them, so that two opposite transfers never wait on each other; a refused take
    // rolls the whole transfer back, whichever ran first.
    let (first, second) = if source.id < target.id {
        (
            (source.id, MovementKind::TransferOut, -quantity, out),
            (target.id, MovementKind::TransferIn, quantity, back),
        )
    } else {
        (
            (target.id, MovementKind::TransferIn, quantity, back),
            (source.id, MovementKind::TransferOut, -quantity, out),
        )
    };
    let a = movement(&tx, actor, first.0, &g, first.1, first.2, now, first.3).await?;
    let b = movement(&tx, actor, second.0, &g, second.1, second.2, now, second.3).await?;
    let moved = if a.kind == MovementKind::TransferOut {
        vec![a, b]
    } else {
        vec![b, a]
    };
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "transferStock",
            "Store",
            source.id,
            Some(source.org_unit_id),
        )
        .after(&moved),
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// Writes goods off with a reason (报损: spoiled, damaged, lost). CASEWORKER.
pub async fn write_off(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    goods_id: Uuid,
    quantity: i64,
    reason: &str,
) -> ApiResult<stock_movement::Model> {
    actor.require_any(KEEPERS)?;
    let reason = validate::name("reason", reason, 500)?;
    let mut tx = Tx::begin(state).await?;
    let store = find_store(&*tx, actor, store_id).await?;
    let (g, quantity) = lines(&*tx, &[(goods_id, quantity)])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("one line in, one out"))?;
    let now = state.clock.now();
    let m = Movement {
        reason: Some(reason),
        ..Movement::default()
    };
    let moved = movement(
        &tx,
        actor,
        store.id,
        &g,
        MovementKind::WriteOff,
        -quantity,
        now,
        m,
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("writeOffStock", "Store", store.id, Some(store.org_unit_id)).after(&moved),
    )
    .await?;
    tx.commit().await?;
    Ok(moved)
}

/// Who collects a hand-out: the worker, or a household member on their behalf.
pub struct Collector {
    pub kinship: Kinship,
    /// The member's name, as on the household's record; none when the worker collects.
    pub name: Option<String>,
}

/// Hands goods out to the household of an ACTIVE case (发放), within the quota of its
/// hardship level for the period, from this store's stock. CASEWORKER.
pub async fn hand_out(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    case_id: Uuid,
    goods_lines: &[(Uuid, i64)],
    collector: Collector,
) -> ApiResult<hand_out::Model> {
    actor.require_any(KEEPERS)?;
    let mut tx = Tx::begin(state).await?;
    let store = find_store(&*tx, actor, store_id).await?;
    // The case row is the household's lock: its hand-outs queue here, so the quota holds.
    let case = find_case(&*tx, actor, case_id, true)
        .await
        .or_refused(|| ApiError::bad_input("caseId", "no such case in your scope"))?;
    let today = state.clock.today();
    let level = match (
        effective_status(case.status, case.notice_end, today),
        case.level,
    ) {
        (CaseStatus::Active, Some(level)) => level,
        _ => {
            return Err(ApiError::InvalidState {
                message: "goods are handed out to households with an active case (建档)".into(),
                reasons: vec!["CASE_NOT_ACTIVE"],
            });
        }
    };
    let quota = in_kind_quota::Entity::find_by_id(level)
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::InvalidState {
            message: format!("no in-kind quota is set for {level:?} households"),
            reasons: vec!["NO_QUOTA"],
        })?;
    let taken_lines = lines(&*tx, goods_lines).await?;
    let mut value = Money::ZERO;
    for (g, quantity) in &taken_lines {
        value = Money::from_fen(
            value
                .fen()
                .saturating_add(rules::value_of(g.reference_price, *quantity)?.fen()),
        );
    }
    let period_start = rules::period_start(quota.period, today);
    // What was handed out since the period began, whatever period the quota had then.
    let taken: Option<i64> = hand_out::Entity::find()
        .select_only()
        .column_as(crate::db::sum_of("hand_out.value"), "taken")
        .filter(hand_out::Column::CaseId.eq(case.id))
        .filter(hand_out::Column::HandedAt.gte(crate::clock::start_of_day(period_start)))
        .into_tuple()
        .one(&*tx)
        .await?;
    rules::check_quota(quota.value, Money::from_fen(taken.unwrap_or(0)), value)?;
    let worker = entity::worker::Entity::find_by_id(case.worker_id)
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("case without worker"))?;
    let name = match collector.kinship {
        Kinship::Worker => worker.name.clone(),
        kinship => {
            // A member on the household's record, by relation and name (代领).
            let given = validate::name("collectedBy", collector.name.as_deref().unwrap_or(""), 50)?;
            let member = household_member::Entity::find()
                .filter(household_member::Column::WorkerId.eq(worker.id))
                .filter(household_member::Column::Kinship.eq(kinship))
                .filter(household_member::Column::Name.eq(given.clone()))
                .one(&*tx)
                .await?;
            if member.is_none() {
                return Err(ApiError::BadUserInput {
                    field: "collectedBy".into(),
                    message:
                        "who collects on the worker's behalf is a member of the household on record"
                            .into(),
                    reasons: vec!["NOT_A_HOUSEHOLD_MEMBER"],
                });
            }
            given
        }
    };
    let now = state.clock.now();
    let created = hand_out::ActiveModel {
        id: Set(Uuid::now_v7()),
        store_id: Set(store.id),
        case_id: Set(case.id),
        worker_id: Set(case.worker_id),
        org_unit_id: Set(case.org_unit_id),
        level: Set(level),
        value: Set(value),
        period_start: Set(period_start),
        collected_by_name: Set(name),
        collected_by_kinship: Set(collector.kinship),
        handed_by: Set(actor.user_id),
        handed_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    for (g, quantity) in &taken_lines {
        let m = Movement {
            hand_out_id: Some(created.id),
            ..Movement::default()
        };
        movement(
            &tx,
            actor,
            store.id,
            g,
            MovementKind::HandOut,
            -quantity,
            now,
            m,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("handOut", "HandOut", created.id, Some(created.org_unit_id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

pub async fn list_stores(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<store::Model>> {
    actor.require_any(READERS)?;
    let select =
        store::Entity::find().filter(scope::org_unit_column(store::Column::OrgUnitId, actor));
    paginate(state, select, store::Column::Id, page).await
}

/// The catalogue, for anyone signed in.
pub async fn list_goods(
    state: &AppState,
    _actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<goods::Model>> {
    paginate(state, goods::Entity::find(), goods::Column::Id, page).await
}

/// A store's stock on hand, by goods.
pub async fn stock_of(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
) -> ApiResult<Vec<stock::Model>> {
    actor.require_any(READERS)?;
    let store = find_store(&state.db, actor, store_id).await?;
    Ok(stock::Entity::find()
        .filter(stock::Column::StoreId.eq(store.id))
        .order_by_asc(stock::Column::GoodsId)
        .all(&state.db)
        .await?)
}

/// A store's movements, oldest first.
pub async fn movements(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    page: &PageArgs,
) -> ApiResult<Page<stock_movement::Model>> {
    actor.require_any(READERS)?;
    let store = find_store(&state.db, actor, store_id).await?;
    let select =
        stock_movement::Entity::find().filter(stock_movement::Column::StoreId.eq(store.id));
    paginate(state, select, stock_movement::Column::Id, page).await
}

/// The quotas in force, for anyone signed in.
pub async fn quotas(state: &AppState, _actor: &Actor) -> ApiResult<Vec<in_kind_quota::Model>> {
    Ok(in_kind_quota::Entity::find()
        .order_by_asc(in_kind_quota::Column::Level)
        .all(&state.db)
        .await?)
}

/// A case's hand-outs, oldest first.
pub async fn hand_outs_of(
    state: &AppState,
    actor: &Actor,
    case_id: Uuid,
) -> ApiResult<Vec<hand_out::Model>> {
    actor.require_any(READERS)?;
    let case = find_case(&state.db, actor, case_id, false).await?;
    Ok(hand_out::Entity::find()
        .filter(hand_out::Column::CaseId.eq(case.id))
        .order_by_asc(hand_out::Column::Id)
        .all(&state.db)
        .await?)
}
