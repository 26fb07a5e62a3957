//! Campaign use cases. The budget is enforced when recipients are added, under a lock on
//! the campaign, so the campaign never commits more than its budget.

use entity::{CampaignKind, CaseStatus, Money, Role, campaign, campaign_recipient};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::funds::service::{FINANCE, find_fund};
use crate::pagination::{Page, PageArgs, paginate};
use crate::registry::lifecycle;
use crate::validate;

/// Input of `createCampaign`.
pub struct NewCampaign {
    pub kind: CampaignKind,
    pub name: String,
    pub year: i32,
    pub fund_id: Uuid,
    pub budget: Money,
    pub amount_per_recipient: Money,
}

/// Opens a campaign with a budget on a fund (FINANCE).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewCampaign,
) -> ApiResult<campaign::Model> {
    actor.require_any(FINANCE)?;
    let name = validate::name("name", &input.name, 100)?;
    if input.budget <= Money::ZERO {
        return Err(ApiError::bad_input("budget", "must be more than zero"));
    }
    if input.amount_per_recipient <= Money::ZERO || input.amount_per_recipient > input.budget {
        return Err(ApiError::bad_input(
            "amountPerRecipient",
            "must be more than zero and within the budget",
        ));
    }
    if !(2000..=2100).contains(&input.year) {
        return Err(ApiError::bad_input("year", "must be between 2000 and 2100"));
    }
    let mut tx = Tx::begin(state).await?;
    let fund = find_fund(&*tx, actor, input.fund_id, false)
        .await
        .or_refused(|| ApiError::bad_input("fundId", "no such fund in your scope"))?;
    let now = state.clock.now();
    let created = campaign::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(input.kind),
        name: Set(name),
        year: Set(input.year),
        fund_id: Set(fund.id),
        org_unit_id: Set(fund.org_unit_id),
        budget: Set(input.budget),
        amount_per_recipient: Set(input.amount_per_recipient),
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
            "createCampaign",
            "Campaign",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

async fn find(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<campaign::Model> {
    let mut query = campaign::Entity::find_by_id(id)
        .filter(scope::org_unit_column(campaign::Column::OrgUnitId, actor));
    if lock {
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("Campaign"))
}

/// What a campaign has committed so far, counted in SQL.
pub async fn committed(db: &impl ConnectionTrait, campaign_id: Uuid) -> ApiResult<Money> {
    let total: Option<i64> = campaign_recipient::Entity::find()
        .filter(campaign_recipient::Column::CampaignId.eq(campaign_id))
        .select_only()
        .column_as(crate::db::sum_of("campaign_recipient.amount"), "total")
        .into_tuple()
        .one(db)
        .await?;
    Ok(Money::from_fen(total.unwrap_or(0)))
}

/// Adds filed cases as recipients, each with the campaign's amount (CASEWORKER). All or
/// nothing: a case not filed, out of scope or already added, or a total beyond the
/// budget, refuses the whole list.
pub async fn add_recipients(
    state: &AppState,
    actor: &Actor,
    campaign_id: Uuid,
    case_ids: &[Uuid],
) -> ApiResult<campaign::Model> {
    actor.require_any(&[Role::Caseworker])?;
    if case_ids.is_empty() {
        return Err(ApiError::bad_input("caseIds", "name at least one case"));
    }
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let campaign = find(&*tx, actor, campaign_id, true).await?;
    let mut rows = Vec::with_capacity(case_ids.len());
    let now = state.clock.now();
    for (i, id) in case_ids.iter().enumerate() {
        let case = crate::registry::cases::find_case(&*tx, actor, *id, false)
            .await
            .or_refused(|| {
                ApiError::bad_input(format!("caseIds[{i}]"), "no such case in your scope")
            })?;
        if lifecycle::effective_status(case.status, case.notice_end, today) != CaseStatus::Active {
            return Err(ApiError::InvalidState {
                message: format!("caseIds[{i}]: recipients are filed (ACTIVE) cases"),
                reasons: vec!["CASE_NOT_ACTIVE"],
            });
        }
        rows.push(campaign_recipient::ActiveModel {
            id: Set(Uuid::now_v7()),
            campaign_id: Set(campaign.id),
            case_id: Set(case.id),
            worker_id: Set(case.worker_id),
            amount: Set(campaign.amount_per_recipient),
            added_by: Set(actor.user_id),
            created_at: Set(now),
        });
    }
    let adding = Money::from_fen(
        campaign
            .amount_per_recipient
            .fen()
            .saturating_mul(i64::try_from(rows.len()).unwrap_or(i64::MAX)),
    );
    let already = committed(&*tx, campaign.id).await?;
    if already.fen().saturating_add(adding.fen()) > campaign.budget.fen() {
        return Err(ApiError::Conflict {
            message: format!(
                "the campaign has {} left of its {} budget",
                Money::from_fen(campaign.budget.fen() - already.fen()),
                campaign.budget
            ),
            reasons: vec!["BUDGET_EXCEEDED"],
        });
    }
    campaign_recipient::Entity::insert_many(rows)
        .exec(&*tx)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict { .. } => ApiError::Conflict {
                message: "a case is already a recipient of this campaign".into(),
                reasons: vec!["ALREADY_A_RECIPIENT"],
            },
            other => other,
        })?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "addCampaignRecipients",
            "Campaign",
            campaign.id,
            Some(campaign.org_unit_id),
        )
        .after(&serde_json::json!({ "caseIds": case_ids, "amount": adding })),
    )
    .await?;
    tx.commit().await?;
    Ok(campaign)
}

/// Who may read campaigns: the fund's readers and the caseworkers who pick recipients.
const CAMPAIGN_READERS: &[Role] = &[
    Role::Finance,
    Role::Auditor,
    Role::Admin,
    Role::Reviewer,
    Role::Approver,
    Role::Caseworker,
];

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<campaign::Model> {
    actor.require_any(CAMPAIGN_READERS)?;
    find(&state.db, actor, id, false).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<campaign::Model>> {
    actor.require_any(CAMPAIGN_READERS)?;
    let select =
        campaign::Entity::find().filter(scope::org_unit_column(campaign::Column::OrgUnitId, actor));
    paginate(state, select, campaign::Column::Id, page).await
}
