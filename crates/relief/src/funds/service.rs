//! Fund use cases: create funds, record income, correct entries, read balances and
//! ledgers, and verify the hash chain. Every entry is appended under a lock on its fund
//! (row lock on PostgreSQL; SQLite's write transactions are serial), so the balance check
//! and the chain hold under any concurrency.

use chrono::{DateTime, Utc};
use entity::{EntryKind, FundKind, IncomeCategory, Money, Role, fund, ledger_entry};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::rules::{self, EntryFacts, GENESIS};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// Who may read funds and ledgers.
pub const READERS: &[Role] = &[
    Role::Finance,
    Role::Auditor,
    Role::Admin,
    Role::Reviewer,
    Role::Approver,
];

/// Who moves money (财务部).
pub const FINANCE: &[Role] = &[Role::Finance];

/// A fund in the caller's subtree, or NOT_FOUND; locked for the rest of the transaction
/// when `lock` is set.
pub async fn find_fund(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<fund::Model> {
    let mut query =
        fund::Entity::find_by_id(id).filter(scope::org_unit_column(fund::Column::OrgUnitId, actor));
    if lock {
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("Fund"))
}

/// A new entry, before it has a place in the chain.
pub struct NewEntry {
    pub kind: EntryKind,
    pub category: Option<IncomeCategory>,
    pub amount: Money,
    pub donor: Option<String>,
    pub memo: Option<String>,
    pub payout_item_id: Option<Uuid>,
    pub reverses_entry_id: Option<Uuid>,
}

fn insufficient(balance: Money, amount: Money) -> ApiError {
    ApiError::Conflict {
        message: format!(
            "the fund holds {balance}, not enough for {}",
            Money::from_fen(-amount.fen())
        ),
        reasons: vec!["INSUFFICIENT_FUNDS"],
    }
}

/// Appends an entry to a fund locked by this transaction: checks the balance, chains
/// the hash, and moves the balance, all in the caller's transaction. `fund` becomes the
/// fund as it now stands, ready for the next entry of the same transaction.
pub async fn append_entry(
    tx: &Tx,
    fund: &mut fund::Model,
    actor: &Actor,
    at: DateTime<Utc>,
    entry: NewEntry,
) -> ApiResult<ledger_entry::Model> {
    let balance = rules::balance_after(fund.balance, entry.amount)
        .ok_or_else(|| insufficient(fund.balance, entry.amount))?;
    let sequence = fund.entry_count + 1;
    let recorded_at = rules::ledger_time(at);
    let id = Uuid::now_v7();
    let hash = rules::entry_hash(
        &fund.head_hash,
        &EntryFacts {
            id,
            fund_id: fund.id,
            sequence,
            kind: entry.kind,
            category: entry.category,
            amount: entry.amount,
            donor: entry.donor.as_deref(),
            memo: entry.memo.as_deref(),
            payout_item_id: entry.payout_item_id,
            reverses_entry_id: entry.reverses_entry_id,
            recorded_by: actor.user_id,
            recorded_at,
        },
    );
    let row = ledger_entry::ActiveModel {
        id: Set(id),
        fund_id: Set(fund.id),
        sequence: Set(sequence),
        kind: Set(entry.kind),
        category: Set(entry.category),
        amount: Set(entry.amount),
        donor: Set(entry.donor),
        memo: Set(entry.memo),
        payout_item_id: Set(entry.payout_item_id),
        reverses_entry_id: Set(entry.reverses_entry_id),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(recorded_at),
        prev_hash: Set(fund.head_hash.clone()),
        hash: Set(hash.clone()),
    }
    .insert(&**tx)
    .await?;
    let mut active: fund::ActiveModel = fund.clone().into();
    active.balance = Set(balance);
    active.entry_count = Set(sequence);
    active.head_hash = Set(hash);
    *fund = active.update(&**tx).await?;
    Ok(row)
}

pub async fn create_fund(
    state: &AppState,
    actor: &Actor,
    name: &str,
    kind: FundKind,
    org_unit_id: Uuid,
) -> ApiResult<fund::Model> {
    actor.require_any(FINANCE)?;
    let name = validate::name("name", name, 100)?;
    let mut tx = Tx::begin(state).await?;
    find_in_scope(&*tx, actor, org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let now = state.clock.now();
    let created = fund::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        kind: Set(kind),
        org_unit_id: Set(org_unit_id),
        balance: Set(Money::ZERO),
        entry_count: Set(0),
        head_hash: Set(GENESIS.to_owned()),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("createFund", "Fund", created.id, Some(org_unit_id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Records money coming in (资金来源); a donation names its donor.
pub async fn record_income(
    state: &AppState,
    actor: &Actor,
    fund_id: Uuid,
    category: IncomeCategory,
    amount: Money,
    donor: Option<String>,
    memo: Option<String>,
) -> ApiResult<ledger_entry::Model> {
    actor.require_any(FINANCE)?;
    if amount <= Money::ZERO {
        return Err(ApiError::bad_input("amount", "income is more than zero"));
    }
    let donor = validate::text("donor", donor, 100)?;
    if category == IncomeCategory::Donation && donor.is_none() {
        return Err(ApiError::bad_input(
            "donor",
            "a donation names its donor (捐款人)",
        ));
    }
    let memo = validate::text("memo", memo, 1000)?;
    let mut tx = Tx::begin(state).await?;
    let mut fund = find_fund(&*tx, actor, fund_id, true).await?;
    let now = state.clock.now();
    let entry = append_entry(
        &tx,
        &mut fund,
        actor,
        now,
        NewEntry {
            kind: EntryKind::Income,
            category: Some(category),
            amount,
            donor,
            memo,
            payout_item_id: None,
            reverses_entry_id: None,
        },
    )
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordIncome",
            "LedgerEntry",
            entry.id,
            Some(fund.org_unit_id),
        )
        .after(&entry),
    )
    .await?;
    tx.commit().await?;
    Ok(entry)
}

pub async fn get_fund(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<fund::Model> {
    actor.require_any(READERS)?;
    find_fund(&state.db, actor, id, false).await
}

pub async fn list_funds(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<fund::Model>> {
    actor.require_any(READERS)?;
    let select =
        fund::Entity::find().filter(scope::org_unit_column(fund::Column::OrgUnitId, actor));
    paginate(state, select, fund::Column::Id, page).await
}

/// A fund's entries in order (readers of funds, in scope).
pub async fn entries(
    state: &AppState,
    actor: &Actor,
    fund_id: Uuid,
    page: &PageArgs,
) -> ApiResult<Page<ledger_entry::Model>> {
    actor.require_any(READERS)?;
    find_fund(&state.db, actor, fund_id, false).await?;
    let select = ledger_entry::Entity::find().filter(ledger_entry::Column::FundId.eq(fund_id));
    paginate(state, select, ledger_entry::Column::Id, page).await
}

/// Result of checking a ledger.
pub struct Verification {
    pub ok: bool,
    pub first_broken_entry_id: Option<Uuid>,
    pub entries: u64,
    pub balance_matches: bool,
}

/// Walks a fund's chain from the first entry and reports the first one whose hashes do
/// not match (edited, inserted or deleted behind the application's back), and whether
/// the balance equals the sum of the entries.
pub async fn verify_ledger(
    state: &AppState,
    actor: &Actor,
    fund_id: Uuid,
) -> ApiResult<Verification> {
    actor.require_any(&[Role::Auditor, Role::Finance, Role::Admin])?;
    let fund = find_fund(&state.db, actor, fund_id, false).await?;
    let mut broken = None;
    let mut prev = GENESIS.to_owned();
    let mut expected = 1i64;
    let mut sum = 0i64;
    let mut after = 0i64;
    loop {
        let chunk = ledger_entry::Entity::find()
            .filter(ledger_entry::Column::FundId.eq(fund_id))
            .filter(ledger_entry::Column::Sequence.gt(after))
            // Entries appended while we read belong to a later head: leave them out.
            .filter(ledger_entry::Column::Sequence.lte(fund.entry_count))
            .order_by_asc(ledger_entry::Column::Sequence)
            .limit(1000)
            .all(&state.db)
            .await?;
        let Some(last) = chunk.last() else { break };
        after = last.sequence;
        for e in &chunk {
            sum = sum.saturating_add(e.amount.fen());
            if broken.is_some() {
                continue;
            }
            let facts = EntryFacts {
                id: e.id,
                fund_id: e.fund_id,
                sequence: e.sequence,
                kind: e.kind,
                category: e.category,
                amount: e.amount,
                donor: e.donor.as_deref(),
                memo: e.memo.as_deref(),
                payout_item_id: e.payout_item_id,
                reverses_entry_id: e.reverses_entry_id,
                recorded_by: e.recorded_by,
                recorded_at: e.recorded_at,
            };
            if !rules::entry_ok(&prev, expected, &e.prev_hash, &e.hash, &facts) {
                broken = Some(e.id);
            }
            prev = e.hash.clone();
            expected += 1;
        }
    }
    if broken.is_none() && (expected - 1 != fund.entry_count || prev != fund.head_hash) {
        // The newest entries are gone: the fund's head no longer matches the chain.
        broken = Some(fund.id);
    }
    Ok(Verification {
        ok: broken.is_none() && sum == fund.balance.fen(),
        first_broken_entry_id: broken,
        entries: u64::try_from(expected - 1).unwrap_or(0),
        balance_matches: sum == fund.balance.fen(),
    })
}
