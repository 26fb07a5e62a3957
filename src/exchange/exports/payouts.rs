//! The payout list of a batch for the bank (发放名单): 「由财务部于每年春节和中秋节下拨帮扶资金」.
//! One row per payout with a total row; FINANCE and AUDITOR only.

use entity::{
    CampaignKind, CondolenceKind, Kinship, Money, PayoutItemStatus, Role, SubsidyItem,
    assistance_application, campaign, campaign_recipient, condolence, org_unit, payout_item,
    worker,
};
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::Shown;
use crate::app::AppState;
use crate::auth::Actor;
use crate::error::ApiResult;
use crate::exchange::Sheet;
use crate::exchange::labels::Label;
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

/// The list of a batch in the caller's subtree, in org-unit order, with a total row.
/// FINANCE or AUDITOR; names and ID numbers masked unless the caller may see personal data.
pub async fn batch_list(
    state: &AppState,
    actor: &Actor,
    batch_id: Uuid,
) -> ApiResult<(Sheet, String)> {
    actor.require_any(EXPORTERS)?;
    let batch = get_batch(state, actor, batch_id).await?;
    let rows = payout_item::Entity::find()
        .select_only()
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
        .filter(payout_item::Column::BatchId.eq(batch.id))
        .order_by_asc(org_unit::Column::Path)
        .order_by_asc(payout_item::Column::Id)
        .into_model::<ItemRow>()
        .all(&state.db)
        .await?;

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
