//! The bank's return file (回盘文件): what the bank paid and what it could not, read back
//! into the batch. Paid lines are paid as `markPaid` pays (the same ledger entry, exactly
//! once however often the file or a line comes); failed lines keep the item unpaid with
//! the bank's reason, ready for a corrected account and the next bank file.

use std::collections::HashMap;

use entity::{BatchStatus, Money, payout_item};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::accounts;
use super::rules::{self, BankResult, ItemFacts, ReturnAction, ReturnLine};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::funds::service::{FINANCE, find_fund};
use crate::payouts::service::{Payment, find_batch, lock_item, pay};
use crate::spreadsheet::rows::{self as import, Column, Row, RowError};

/// Columns of a return file, as banks name them.
pub const COLUMNS: &[Column] = &[
    Column {
        header: "参考号",
        required: true,
        note: "代发文件中的参考号",
        example: "01937a5e8c3b7d2a9f1e0b4c6d8a2f10",
    },
    Column {
        header: "账号",
        required: true,
        note: "收款账号",
        example: "6222021234567890128",
    },
    Column {
        header: "金额",
        required: true,
        note: "金额，元",
        example: "500.00",
    },
    Column {
        header: "结果",
        required: true,
        note: "成功 或 失败",
        example: "成功",
    },
    Column {
        header: "失败原因",
        required: false,
        note: "失败时银行给出的原因",
        example: "户名与账号不符",
    },
    Column {
        header: "银行流水号",
        required: false,
        note: "成功时银行的流水号",
        example: "20270120000123",
    },
];

/// A return file as uploaded.
pub struct ReturnFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// Write the good lines and report the bad ones; by default nothing is written while
    /// any line is bad.
    pub partial: bool,
}

/// What reading a return file did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ReturnOutcome {
    /// Items paid now (a line already applied counts no more).
    pub paid: usize,
    /// Items the bank could not pay, now showing its reason.
    pub failed: usize,
    /// Lines refused.
    pub refused: usize,
    /// Every refused line, by row.
    pub errors: Vec<RowError>,
}

fn row_error(row: &Row, column: &str, message: impl Into<String>) -> RowError {
    RowError {
        row: row.number,
        column: column.to_owned(),
        message: message.into(),
    }
}

/// A row read into a return line, or why not.
fn line(row: &Row) -> Result<ReturnLine, RowError> {
    let item_id = rules::parse_reference(row.text("参考号"))
        .ok_or_else(|| row_error(row, "参考号", "不是代发文件中的参考号"))?;
    let account_number = rules::account_number(row.text("账号"))
        .map_err(|e| row_error(row, "账号", import::zh(&e)))?;
    let amount = Money::parse_plain(row.text("金额"))
        .ok_or_else(|| row_error(row, "金额", "金额须为数字，最多两位小数，如500.00"))?;
    let result = match row.text("结果") {
        "成功" => {
            let reference = row.text("银行流水号");
            if reference.is_empty() || reference.chars().count() > 64 {
                return Err(row_error(
                    row,
                    "银行流水号",
                    "成功的一笔须有银行流水号（不超过64个字）",
                ));
            }
            BankResult::Paid {
                bank_reference: reference.to_owned(),
            }
        }
        "失败" => {
            let reason = row.text("失败原因");
            BankResult::Failed {
                reason: if reason.is_empty() {
                    "银行未说明原因".to_owned()
                } else {
                    reason.chars().take(200).collect()
                },
            }
        }
        _ => return Err(row_error(row, "结果", "结果须为“成功”或“失败”")),
    };
    Ok(ReturnLine {
        item_id,
        account_number,
        amount,
        result,
    })
}

/// Reads the bank's return file for a batch (FINANCE of the batch's unit) in one
/// transaction, under the fund's lock, so that two uploads of one file pay each item
/// once.
pub async fn import(
    state: &AppState,
    actor: &Actor,
    batch_id: Uuid,
    file: ReturnFile,
) -> ApiResult<ReturnOutcome> {
    actor.require_any(FINANCE)?;
    let format = import::format_of(&file.file_name, &file.bytes)?;
    let rows = import::read(&file.bytes, format, COLUMNS)?;
    let mut outcome = ReturnOutcome::default();
    let mut lines = Vec::new();
    for row in &rows {
        match line(row) {
            Ok(line) => lines.push((row, line)),
            Err(error) => outcome.errors.push(error),
        }
    }
    let mut tx = Tx::begin(state).await?;
    let batch = find_batch(&*tx, actor, batch_id, false).await?;
    if batch.status != BatchStatus::Approved {
        return Err(ApiError::InvalidState {
            message: "the bank pays only an approved batch (已审批)".into(),
            reasons: vec!["BATCH_NOT_APPROVED"],
        });
    }
    // Lock order: the fund, then the items (as markPaid).
    let mut fund = find_fund(&*tx, actor, batch.fund_id, true).await?;
    let found = payout_item::Entity::find()
        .filter(payout_item::Column::BatchId.eq(batch.id))
        .filter(payout_item::Column::Id.is_in(lines.iter().map(|(_, l)| l.item_id)))
        .all(&*tx)
        .await?;
    let numbers = account_numbers(state, &tx, &found).await?;
    let items: HashMap<Uuid, payout_item::Model> = found.into_iter().map(|i| (i.id, i)).collect();
    // Each line is judged against the item as the lines before it left it.
    let mut paid_as: HashMap<Uuid, String> = items
        .values()
        .filter_map(|i| Some((i.id, i.bank_reference.clone()?)))
        .collect();
    let mut plan = Vec::new();
    for (row, line) in lines {
        let facts = items.get(&line.item_id).map(|item| ItemFacts {
            amount: item.amount,
            paid_as: paid_as.get(&item.id).map(String::as_str),
            account_number: numbers.get(&item.id).map(String::as_str),
        });
        match rules::judge(&line, facts) {
            Ok(ReturnAction::Nothing) => {}
            Ok(action) => {
                if let BankResult::Paid { bank_reference } = &line.result {
                    paid_as.insert(line.item_id, bank_reference.clone());
                }
                plan.push((row, line, action));
            }
            Err(message) => outcome.errors.push(row_error(row, "参考号", message)),
        }
    }
    if !outcome.errors.is_empty() && !file.partial {
        return Ok(refused(outcome));
    }
    let now = state.clock.now();
    for (row, line, action) in plan {
        let item = lock_item(&tx, line.item_id).await?;
        match (action, line.result) {
            (ReturnAction::Pay, BankResult::Paid { bank_reference }) => {
                match pay(&mut tx, actor, &mut fund, &batch, item, bank_reference, now).await {
                    Ok(Payment::Made(_)) => outcome.paid += 1,
                    Ok(Payment::AlreadyMade(_)) => {}
                    // A refusal of the payment itself (the fund's balance, who the fund
                    // pays) writes nothing for this line, and nothing at all unless the
                    // import is partial.
                    Err(
                        err @ (ApiError::InvalidState { .. }
                        | ApiError::Conflict { .. }
                        | ApiError::BadUserInput { .. }),
                    ) => {
                        outcome.errors.push(row_error(row, "结果", err.to_string()));
                        if !file.partial {
                            return Ok(refused(outcome));
                        }
                    }
                    Err(err) => return Err(err),
                }
            }
            (_, BankResult::Failed { reason }) => {
                let mut active: payout_item::ActiveModel = item.clone().into();
                active.bank_failure = Set(Some(reason));
                active.bank_failed_at = Set(Some(now));
                let after = active.update(&*tx).await?;
                audit::record(
                    &mut tx,
                    actor,
                    now,
                    Change::new(
                        "recordBankFailure",
                        "PayoutItem",
                        after.id,
                        Some(batch.org_unit_id),
                    )
                    .before(&item)
                    .after(&after),
                )
                .await?;
                outcome.failed += 1;
            }
            (_, BankResult::Paid { .. }) => {}
        }
    }
    outcome.refused = outcome.errors.len();
    outcome.errors.sort_by_key(|e| e.row);
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "importBankReturn",
            "PayoutBatch",
            batch.id,
            Some(batch.org_unit_id),
        )
        .after(&serde_json::json!({
            "sha256": hex::encode(Sha256::digest(&file.bytes)),
            "paid": outcome.paid,
            "failed": outcome.failed,
            "refused": outcome.refused,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The outcome of a file refused as a whole: nothing written, every bad line named.
fn refused(outcome: ReturnOutcome) -> ReturnOutcome {
    let mut errors = outcome.errors;
    errors.sort_by_key(|e| e.row);
    ReturnOutcome {
        paid: 0,
        failed: 0,
        refused: errors.len(),
        errors,
    }
}

/// The number of the account each item is paid into now, opened from its seal.
async fn account_numbers(
    state: &AppState,
    tx: &Tx,
    items: &[payout_item::Model],
) -> ApiResult<HashMap<Uuid, String>> {
    let payouts = accounts::payouts(&**tx, items).await?;
    accounts::paid_into(&**tx, &payouts)
        .await?
        .into_iter()
        .map(|(item, account)| Ok((item, accounts::number(state, &account)?)))
        .collect()
}
