//! Recording the account a worker or a family member is paid into (登记代发账户), and
//! opening its number for the bank's payout file.

use std::collections::HashMap;

use entity::{
    CondolenceKind, Kinship, Role, condolence, household_member, payout_account, payout_item,
    worker,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::cipher::Sealed;
use super::rules::{self, AccountDetails, Holder};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::auth::scope::find_worker;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};

/// Who records and removes accounts: the caseworkers who keep each family's file (the
/// seed's 本人银行卡复印件 is among its documents) and finance, who pays into them.
pub const KEEPERS: &[Role] = &[Role::Caseworker, Role::Finance];

/// Input of `setPayoutAccount`.
pub struct NewAccount {
    pub worker_id: Uuid,
    /// The member of the worker's household who holds it; none for the worker.
    pub household_member_id: Option<Uuid>,
    pub holder_name: String,
    pub bank_name: String,
    pub bank_code: Option<String>,
    pub account_number: String,
}

/// Records the account of the worker or of a listed household member; recording one for
/// the same person again replaces it. The number is sealed with the current data key,
/// for this account's row only.
pub async fn set(
    state: &AppState,
    actor: &Actor,
    input: NewAccount,
) -> ApiResult<payout_account::Model> {
    actor.require_any(KEEPERS)?;
    let details = rules::account(
        &input.bank_name,
        input.bank_code.as_deref(),
        &input.account_number,
    )
    .map_err(first_error)?;
    let mut tx = Tx::begin(state).await?;
    let worker = find_worker(&*tx, actor, input.worker_id)
        .await
        .or_refused(|| ApiError::not_found("Worker"))?;
    let holder = holder(&*tx, &worker, input.household_member_id).await?;
    rules::check_holder(&input.holder_name, &holder)?;
    let after = store(
        state,
        &mut tx,
        actor,
        "setPayoutAccount",
        &worker,
        holder,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The first of the problems `rules::account` found: a mutation names one.
fn first_error(errors: Vec<ApiError>) -> ApiError {
    errors
        .into_iter()
        .next()
        .unwrap_or_else(|| ApiError::internal("an account refused without a reason"))
}

/// Writes the account of `holder`, a person of `worker`'s household, inside `tx`, with
/// its audit row under `operation`: the account recorded for the same person (same
/// holder name) is replaced in its own row, sealed again; otherwise a new one is added.
/// `setPayoutAccount` and the workers import (`importWorkers`) both record accounts
/// here, after checking them with `rules::account`; the holder is the caller's to check.
pub async fn store(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    operation: &'static str,
    worker: &worker::Model,
    holder: Holder,
    details: AccountDetails,
) -> ApiResult<payout_account::Model> {
    actor.require_any(KEEPERS)?;
    let before = payout_account::Entity::find()
        .filter(payout_account::Column::WorkerId.eq(worker.id))
        .filter(payout_account::Column::HolderName.eq(&holder.name))
        .one(&**tx)
        .await?;
    let id = before.as_ref().map_or_else(Uuid::now_v7, |b| b.id);
    let sealed = state
        .data_keys
        .seal(&details.number, id.as_bytes())
        .map_err(ApiError::internal)?;
    let now = state.clock.now();
    let row = payout_account::ActiveModel {
        id: Set(id),
        worker_id: Set(worker.id),
        holder_kinship: Set(holder.kinship),
        holder_name: Set(holder.name),
        bank_name: Set(details.bank_name),
        bank_code: Set(details.bank_code),
        number_sealed: Set(sealed.blob),
        number_key_id: Set(sealed.key_id),
        masked_number: Set(rules::masked(&details.number)),
        recorded_by: Set(actor.user_id),
        recorded_at: Set(now),
    };
    let after = match &before {
        Some(_) => row.update(&**tx).await?,
        None => row.insert(&**tx).await?,
    };
    let mut change =
        Change::new(operation, "PayoutAccount", id, Some(worker.org_unit_id)).after(&after);
    if let Some(before) = &before {
        change = change.before(before);
    }
    audit::record(tx, actor, now, change).await?;
    Ok(after)
}

/// The person an account is recorded for: the worker, or the member of their household.
async fn holder(
    db: &impl ConnectionTrait,
    worker: &worker::Model,
    member_id: Option<Uuid>,
) -> ApiResult<Holder> {
    let Some(member_id) = member_id else {
        return Ok(Holder {
            name: worker.name.clone(),
            kinship: Kinship::Worker,
        });
    };
    let member = household_member::Entity::find_by_id(member_id)
        .filter(household_member::Column::WorkerId.eq(worker.id))
        .one(db)
        .await?
        .ok_or_else(|| {
            ApiError::bad_input(
                "householdMemberId",
                "no such member in this worker's household (家庭成员)",
            )
        })?;
    let name = member.name.ok_or_else(|| {
        ApiError::bad_input(
            "householdMemberId",
            "record the member's name in the household first: an account is held in a name",
        )
    })?;
    Ok(Holder {
        name,
        kinship: member.kinship,
    })
}

/// Removes a recorded account (撤销代发账户).
pub async fn remove(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<payout_account::Model> {
    actor.require_any(KEEPERS)?;
    let mut tx = Tx::begin(state).await?;
    let account = payout_account::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("PayoutAccount"))?;
    let worker = find_worker(&*tx, actor, account.worker_id)
        .await
        .or_refused(|| ApiError::not_found("PayoutAccount"))?;
    payout_account::Entity::delete_by_id(id).exec(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        state.clock.now(),
        Change::new(
            "removePayoutAccount",
            "PayoutAccount",
            id,
            Some(worker.org_unit_id),
        )
        .before(&account),
    )
    .await?;
    tx.commit().await?;
    Ok(account)
}

/// The accounts of the workers in `worker_ids`, in the order they were recorded.
pub async fn of_workers(
    db: &impl ConnectionTrait,
    worker_ids: impl IntoIterator<Item = Uuid>,
) -> ApiResult<Vec<payout_account::Model>> {
    Ok(payout_account::Entity::find()
        .filter(payout_account::Column::WorkerId.is_in(worker_ids))
        .order_by_asc(payout_account::Column::Id)
        .all(db)
        .await?)
}

/// The whole number of an account, for the bank's payout file only.
pub fn number(state: &AppState, account: &payout_account::Model) -> ApiResult<String> {
    state
        .data_keys
        .open(
            &Sealed {
                key_id: account.number_key_id.clone(),
                blob: account.number_sealed.clone(),
            },
            account.id.as_bytes(),
        )
        .map_err(ApiError::internal)
}

/// A payout as the bank files see it: the item, its worker, and who is paid.
#[derive(Debug, Clone, Copy)]
pub struct Payout {
    pub item_id: Uuid,
    pub worker_id: Uuid,
    pub payee: rules::Payee,
}

/// The payouts of `items`, their condolences' kinds read in one query.
pub async fn payouts(
    db: &impl ConnectionTrait,
    items: &[payout_item::Model],
) -> ApiResult<Vec<Payout>> {
    let kinds: HashMap<Uuid, CondolenceKind> = condolence::Entity::find()
        .select_only()
        .column(condolence::Column::Id)
        .column(condolence::Column::Kind)
        .filter(condolence::Column::Id.is_in(items.iter().filter_map(|i| i.condolence_id)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(items
        .iter()
        .map(|item| Payout {
            item_id: item.id,
            worker_id: item.worker_id,
            payee: rules::payee(
                item.beneficiary,
                item.condolence_id.and_then(|c| kinds.get(&c).copied()),
            ),
        })
        .collect())
}

/// The account each payout goes into, by item; a payout whose payee holds none is absent.
pub async fn paid_into(
    db: &impl ConnectionTrait,
    payouts: &[Payout],
) -> ApiResult<HashMap<Uuid, payout_account::Model>> {
    let mut by_worker: HashMap<Uuid, Vec<payout_account::Model>> = HashMap::new();
    for account in of_workers(db, payouts.iter().map(|p| p.worker_id)).await? {
        by_worker
            .entry(account.worker_id)
            .or_default()
            .push(account);
    }
    let mut out = HashMap::new();
    for payout in payouts {
        let held: Vec<(Kinship, &payout_account::Model)> = by_worker
            .get(&payout.worker_id)
            .map(|list| list.iter().map(|a| (a.holder_kinship, a)).collect())
            .unwrap_or_default();
        if let Some(account) = rules::account_for(payout.payee, &held) {
            out.insert(payout.item_id, account.clone());
        }
    }
    Ok(out)
}
