//! Reversing a ledger entry (冲正): the fund gets the entry's opposite, and an item the
//! entry paid is open to be paid again. It lives with payouts, which know both the ledger
//! and the items it pays; the funds know nothing of payouts.

use entity::{EntryKind, Money, ledger_entry};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use super::service::reopen_item;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::funds::service::{FINANCE, NewEntry, append_entry, find_fund};
use crate::validate;

/// Corrects an entry by appending its opposite (冲正); entries themselves never change.
/// A payout's item is open to be paid again afterwards.
pub async fn reverse_entry(
    state: &AppState,
    actor: &Actor,
    entry_id: Uuid,
    memo: String,
) -> ApiResult<ledger_entry::Model> {
    actor.require_any(FINANCE)?;
    let memo = validate::name("memo", &memo, 1000)?;
    let mut tx = Tx::begin(state).await?;
    let original = ledger_entry::Entity::find_by_id(entry_id)
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("LedgerEntry"))?;
    let mut fund = find_fund(&*tx, actor, original.fund_id, true)
        .await
        .or_refused(|| ApiError::not_found("LedgerEntry"))?;
    if original.kind == EntryKind::Reversal {
        return Err(ApiError::invalid_state(
            "a reversal is not reversed; record a new entry instead",
        ));
    }
    // The goods of a purchase are in a store's stock: cancelling the money alone would
    // part the two ledgers. A wrong purchase is written off and refunded as income.
    if original.kind == EntryKind::Purchase {
        return Err(ApiError::InvalidState {
            message: "a purchase is not reversed: write the goods off (writeOffStock) and \
                      record the refund as income"
                .into(),
            reasons: vec!["PURCHASE_NOT_REVERSIBLE"],
        });
    }
    if ledger_entry::Entity::find()
        .filter(ledger_entry::Column::ReversesEntryId.eq(entry_id))
        .count(&*tx)
        .await?
        > 0
    {
        return Err(ApiError::Conflict {
            message: "this entry has already been reversed".into(),
            reasons: vec!["ALREADY_REVERSED"],
        });
    }
    let now = state.clock.now();
    let entry = append_entry(
        &tx,
        &mut fund,
        actor,
        now,
        NewEntry {
            kind: EntryKind::Reversal,
            category: original.category,
            amount: Money::from_fen(-original.amount.fen()),
            donor: original.donor.clone(),
            memo: Some(memo),
            payout_item_id: original.payout_item_id,
            reverses_entry_id: Some(original.id),
        },
    )
    .await?;
    if let Some(item) = original.payout_item_id {
        reopen_item(&tx, item, now).await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "reverseEntry",
            "LedgerEntry",
            entry.id,
            Some(fund.org_unit_id),
        )
        .before(&original)
        .after(&entry),
    )
    .await?;
    tx.commit().await?;
    Ok(entry)
}
