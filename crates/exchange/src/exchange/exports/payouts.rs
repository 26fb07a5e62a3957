//! The payout list of a batch for the bank (发放名单): 「由财务部于每年春节和中秋节下拨帮扶资金」.
//! One row per payout with a total row; FINANCE and AUDITOR only.

use entity::{
    BatchStatus, CampaignKind, CondolenceKind, Kinship, Money, PayoutItemStatus, Role, SubsidyItem,
    assistance_application, campaign, campaign_recipient, condolence, org_unit, payout_item,
    worker,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::Shown;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::bank;
use crate::bank::accounts::Payout;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::exchange::Sheet;
use crate::exchange::labels::Label;
use crate::exchange::sheet::{Format, render_book};
use crate::payouts::service::get_batch;

/// Who downloads a batch's list: 财务部 who pays it, and the auditors who check it.
const EXPORTERS: &[Role] = &[Role::Finance, Role::Auditor];

/// Columns of the payout list. The bank card number is not recorded (only that a copy of
/// the card is on file), so the list carries the bank's reference once paid.
pub const BATCH_HEADERS: &[&str] = &[
    "序号",
    "单位",
    "姓名",
    "身份证号",
    "金额",
    "项目",
    "受益人",
    "发放状态",
    "银行流水号",
    "备注",
];

#[derive(Debug, FromQueryResult)]
struct ItemRow {
    id: Uuid,
    worker_id: Uuid,
    amount: Money,
    beneficiary: Kinship,
    status: PayoutItemStatus,
    bank_reference: Option<String>,
    org_name: Option<String>,
    worker_name: Option<String>,
    id_number: Option<String>,
    item: Option<SubsidyItem>,
    application_year: Option<i32>,
    condolence_kind: Option<CondolenceKind>,
    condolence_month: Option<String>,
    campaign_kind: Option<CampaignKind>,
    campaign_name: Option<String>,
}

/// What a payout pays (项目) and a note on it (备注).
fn what(row: &ItemRow) -> (String, String) {
    if let Some(item) = row.item {
        let note = row
            .application_year
            .map(|y| format!("{y}年度救助"))
            .unwrap_or_default();
        (item.label().to_owned(), note)
    } else if let Some(kind) = row.condolence_kind {
        let note = row
            .condolence_month
            .as_deref()
            .map(|m| format!("{m}月慰问"))
            .unwrap_or_default();
        (kind.label().to_owned(), note)
    } else if let Some(kind) = row.campaign_kind {
        (
            kind.label().to_owned(),
            row.campaign_name.clone().unwrap_or_default(),
        )
    } else {
        (String::new(), String::new())
    }
}

/// The items of a batch (of one status, if given) with what the lists show of them, in
/// org-unit order.
async fn item_rows(
    db: &impl ConnectionTrait,
    batch_id: Uuid,
    status: Option<PayoutItemStatus>,
) -> ApiResult<Vec<ItemRow>> {
    Ok(payout_item::Entity::find()
        .select_only()
        .column_as(payout_item::Column::Id, "id")
        .column_as(payout_item::Column::WorkerId, "worker_id")
        .column_as(payout_item::Column::Amount, "amount")
        .column_as(payout_item::Column::Beneficiary, "beneficiary")
        .column_as(payout_item::Column::Status, "status")
        .column_as(payout_item::Column::BankReference, "bank_reference")
        .column_as(org_unit::Column::Name, "org_name")
        .column_as(worker::Column::Name, "worker_name")
        .column_as(worker::Column::IdNumber, "id_number")
        .column_as(assistance_application::Column::Item, "item")
        .column_as(assistance_application::Column::Year, "application_year")
        .column_as(condolence::Column::Kind, "condolence_kind")
        .column_as(condolence::Column::Month, "condolence_month")
        .column_as(campaign::Column::Kind, "campaign_kind")
        .column_as(campaign::Column::Name, "campaign_name")
        .join(
            JoinType::LeftJoin,
            payout_item::Entity::belongs_to(worker::Entity)
                .from(payout_item::Column::WorkerId)
                .to(worker::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            worker::Entity::belongs_to(org_unit::Entity)
                .from(worker::Column::OrgUnitId)
                .to(org_unit::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            payout_item::Entity::belongs_to(assistance_application::Entity)
                .from(payout_item::Column::ApplicationId)
                .to(assistance_application::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            payout_item::Entity::belongs_to(condolence::Entity)
                .from(payout_item::Column::CondolenceId)
                .to(condolence::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            payout_item::Entity::belongs_to(campaign_recipient::Entity)
                .from(payout_item::Column::CampaignRecipientId)
                .to(campaign_recipient::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            campaign_recipient::Entity::belongs_to(campaign::Entity)
                .from(campaign_recipient::Column::CampaignId)
                .to(campaign::Column::Id)
                .into(),
        )
        .filter(payout_item::Column::BatchId.eq(batch_id))
        .apply_if(status, |q, s| q.filter(payout_item::Column::Status.eq(s)))
        .order_by_asc(org_unit::Column::Path)
        .order_by_asc(payout_item::Column::Id)
        .into_model::<ItemRow>()
        .all(db)
        .await?)
}

/// The list of a batch in the caller's subtree, in org-unit order, with a total row.
/// FINANCE or AUDITOR; names and ID numbers masked unless the caller may see personal data.
pub async fn batch_list(
    state: &AppState,
    actor: &Actor,
    batch_id: Uuid,
) -> ApiResult<(Sheet, String)> {
    actor.require_any(EXPORTERS)?;
    let batch = get_batch(state, actor, batch_id).await?;
    let rows = item_rows(&state.db, batch.id, None).await?;
    let shown = Shown::for_actor(actor);
    let file = format!("发放名单-{}年{}", batch.year, batch.occasion.label());
    let mut sheet = Sheet::new("发放名单", BATCH_HEADERS);
    let total: Money = rows.iter().map(|r| r.amount).sum();
    let count = rows.len();
    for (n, row) in (1i64..).zip(&rows) {
        let (item, note) = what(row);
        sheet.push(vec![
            n.into(),
            row.org_name.clone().into(),
            row.worker_name.as_deref().map(|s| shown.name(s)).into(),
            row.id_number.as_deref().map(|s| shown.id_number(s)).into(),
            row.amount.into(),
            item.into(),
            row.beneficiary.label().into(),
            row.status.label().into(),
            row.bank_reference.clone().into(),
            note.into(),
        ]);
    }
    sheet.push(vec![
        "合计".into(),
        "".into(),
        format!("共{count}笔").into(),
        "".into(),
        total.into(),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
    ]);
    Ok((sheet, file))
}

/// Who a bank file's note says is paid.
fn payee_label(payee: bank::rules::Payee) -> &'static str {
    match payee {
        bank::rules::Payee::Person(kinship) => kinship.label(),
        bank::rules::Payee::Survivors => "家属",
    }
}

/// Who downloads a batch's bank file: 财务部 of the batch's unit, who pays it, and the
/// auditors, who read it.
const BANK_FILE_READERS: &[Role] = &[Role::Finance, Role::Auditor];

/// Columns of the bank file (代发文件): what the bank needs to pay each item.
pub const BANK_FILE_HEADERS: &[&str] = &[
    "序号",
    "参考号",
    "户名",
    "账号",
    "开户行",
    "银行代码",
    "金额",
    "用途",
];

/// Columns of the items left out of the bank file for want of an account.
pub const WITHOUT_ACCOUNT_HEADERS: &[&str] = &[
    "序号",
    "参考号",
    "职工姓名",
    "受益人",
    "金额",
    "用途",
    "说明",
];

/// The bank file of an approved batch (代发文件): every item not yet paid that has an
/// account, with the holder's name and the account number whole, a total row; and apart,
/// the items whose beneficiary has no account recorded (never silently left out). Each
/// download is written to the audit log with the file's SHA-256.
pub async fn bank_file(
    state: &AppState,
    actor: &Actor,
    batch_id: Uuid,
    format: Format,
) -> ApiResult<(Vec<u8>, String)> {
    actor.require_any(BANK_FILE_READERS)?;
    let batch = get_batch(state, actor, batch_id).await?;
    if batch.status != BatchStatus::Approved {
        return Err(ApiError::InvalidState {
            message: "the bank pays only an approved batch (已审批)".into(),
            reasons: vec!["BATCH_NOT_APPROVED"],
        });
    }
    let rows = item_rows(&state.db, batch.id, Some(PayoutItemStatus::Pending)).await?;
    let payouts: Vec<Payout> = rows
        .iter()
        .map(|r| Payout {
            item_id: r.id,
            worker_id: r.worker_id,
            payee: bank::rules::payee(r.beneficiary, r.condolence_kind),
        })
        .collect();
    let accounts = bank::accounts::paid_into(&state.db, &payouts).await?;
    let mut paid = Sheet::new("代发明细", BANK_FILE_HEADERS);
    let mut missing = Sheet::new("无代发账户", WITHOUT_ACCOUNT_HEADERS);
    let mut total = Money::ZERO;
    for (row, payout) in rows.iter().zip(&payouts) {
        let (item, _) = what(row);
        let reference = bank::rules::reference(row.id);
        match accounts.get(&row.id) {
            Some(account) => {
                total = Money::from_fen(total.fen().saturating_add(row.amount.fen()));
                let n = i64::try_from(paid.rows.len()).unwrap_or(i64::MAX) + 1;
                paid.push(vec![
                    n.into(),
                    reference.into(),
                    account.holder_name.clone().into(),
                    bank::accounts::number(state, account)?.into(),
                    account.bank_name.clone().into(),
                    account.bank_code.clone().into(),
                    row.amount.into(),
                    item.into(),
                ]);
            }
            None => {
                let n = i64::try_from(missing.rows.len()).unwrap_or(i64::MAX) + 1;
                missing.push(vec![
                    n.into(),
                    reference.into(),
                    row.worker_name.clone().into(),
                    row.beneficiary.label().into(),
                    row.amount.into(),
                    item.into(),
                    format!("{}未登记代发账户，未列入代发", payee_label(payout.payee)).into(),
                ]);
            }
        }
    }
    let (count, without) = (paid.rows.len(), missing.rows.len());
    paid.push(vec![
        "合计".into(),
        format!("共{count}笔").into(),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
        total.into(),
        if without > 0 {
            format!("另有{without}笔无代发账户，见“无代发账户”")
        } else {
            String::new()
        }
        .into(),
    ]);
    let bytes = render_book(&[paid, missing], format)?;
    let digest = hex::encode(Sha256::digest(&bytes));
    let mut tx = Tx::begin(state).await?;
    audit::record(
        &mut tx,
        actor,
        state.clock.now(),
        Change::new(
            "downloadBankFile",
            "PayoutBatch",
            batch.id,
            Some(batch.org_unit_id),
        )
        .after(&serde_json::json!({
            "format": format.extension(),
            "sha256": digest,
            "items": count,
            "amount": total,
            "withoutAccount": without,
        })),
    )
    .await?;
    tx.commit().await?;
    let file = format!("代发文件-{}年{}", batch.year, batch.occasion.label());
    Ok((bytes, file))
}
