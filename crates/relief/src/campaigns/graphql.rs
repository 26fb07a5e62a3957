//! GraphQL surface of seasonal care campaigns.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{CampaignKind, Money, campaign, campaign_recipient};

use super::service::{self, NewCampaign};
use crate::funds::graphql::Fund;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{CampaignRecipientsKey, CaseKey, FundKey};
use crate::graphql::node::{decode, global_id};
use crate::registry::case_graphql::Case;

pub struct Campaign(pub campaign::Model);

/// Seasonal care campaign (送温暖 / 送清凉 / 金秋助学).
#[Object]
impl Campaign {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Campaign", self.0.id)
    }

    /// Kind (活动类型).
    async fn kind(&self) -> CampaignKind {
        self.0.kind
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Year (年度).
    async fn year(&self) -> i32 {
        self.0.year
    }

    /// The fund it is budgeted on (资金); null for callers who may not read funds.
    async fn fund(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Fund>> {
        if ctx
            .actor()?
            .require_any(crate::funds::service::READERS)
            .is_err()
        {
            return Ok(None);
        }
        Ok(load(ctx, FundKey(self.0.fund_id)).await?.map(Fund))
    }

    /// Budget (预算).
    async fn budget(&self) -> Money {
        self.0.budget
    }

    /// Amount per recipient (每户金额).
    async fn amount_per_recipient(&self) -> Money {
        self.0.amount_per_recipient
    }

    /// Committed to recipients so far (已安排金额).
    async fn committed(&self, ctx: &Context<'_>) -> async_graphql::Result<Money> {
        Ok(self
            .recipients_of(ctx)
            .await?
            .iter()
            .map(|r| r.amount)
            .sum())
    }

    /// Recipients (慰问对象).
    async fn recipients(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CampaignRecipient>> {
        Ok(self
            .recipients_of(ctx)
            .await?
            .into_iter()
            .map(CampaignRecipient)
            .collect())
    }

    /// When it was opened (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

impl Campaign {
    async fn recipients_of(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<campaign_recipient::Model>> {
        Ok(load(ctx, CampaignRecipientsKey(self.0.id))
            .await?
            .unwrap_or_default())
    }
}

pub struct CampaignRecipient(pub campaign_recipient::Model);

/// A recipient of a campaign (慰问对象).
#[Object]
impl CampaignRecipient {
    /// The filed case (困难档案).
    async fn case(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Case>> {
        if ctx
            .actor()?
            .require_any(crate::registry::service::READERS)
            .is_err()
        {
            return Ok(None);
        }
        let case = load(ctx, CaseKey(self.0.case_id)).await?;
        match case {
            Some(c) if in_scope(ctx, c.org_unit_id).await? => Ok(Some(Case::from(c))),
            _ => Ok(None),
        }
    }

    /// Amount (金额).
    async fn amount(&self) -> Money {
        self.0.amount
    }
}

/// Input of `createCampaign` (创建慰问活动).
#[derive(InputObject)]
pub struct CreateCampaignInput {
    /// Kind (活动类型).
    pub kind: CampaignKind,
    /// Name (名称).
    pub name: String,
    /// Year (年度).
    pub year: i32,
    /// The fund it is budgeted on.
    pub fund_id: ID,
    /// Budget (预算).
    pub budget: Money,
    /// Amount per recipient (每户金额).
    pub amount_per_recipient: Money,
}

/// Input of `addCampaignRecipients` (添加慰问对象).
#[derive(InputObject)]
pub struct AddCampaignRecipientsInput {
    /// The campaign.
    pub campaign_id: ID,
    /// Filed cases to add.
    pub case_ids: Vec<ID>,
}

/// Result of the campaign mutations.
#[derive(SimpleObject)]
pub struct CampaignPayload {
    /// The campaign as saved.
    pub campaign: Campaign,
}

#[derive(Default)]
pub struct CampaignQuery;

#[Object]
impl CampaignQuery {
    /// One campaign (慰问活动).
    async fn campaign(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Campaign> {
        let id = decode(&id, "Campaign", "id").extend()?;
        service::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Campaign)
            .extend()
    }

    /// Campaigns of the caller's subtree (慰问活动列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn campaigns(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Campaign>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list(state, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |c| c.id, Campaign))
            .extend()
    }
}

#[derive(Default)]
pub struct CampaignMutation;

#[Object]
impl CampaignMutation {
    /// Opens a campaign with a budget on a fund (创建慰问活动).
    /// Who may call: FINANCE.
    async fn create_campaign(
        &self,
        ctx: &Context<'_>,
        input: CreateCampaignInput,
    ) -> async_graphql::Result<CampaignPayload> {
        let fund_id = decode(&input.fund_id, "Fund", "fundId").extend()?;
        let input = NewCampaign {
            kind: input.kind,
            name: input.name,
            year: input.year,
            fund_id,
            budget: input.budget,
            amount_per_recipient: input.amount_per_recipient,
        };
        service::create(ctx.state()?, ctx.actor()?, input)
            .await
            .map(|c| CampaignPayload {
                campaign: Campaign(c),
            })
            .extend()
    }

    /// Adds filed cases as recipients (添加慰问对象); beyond the budget the whole list is
    /// refused (BUDGET_EXCEEDED).
    /// Who may call: CASEWORKER.
    async fn add_campaign_recipients(
        &self,
        ctx: &Context<'_>,
        input: AddCampaignRecipientsInput,
    ) -> async_graphql::Result<CampaignPayload> {
        let id = decode(&input.campaign_id, "Campaign", "campaignId").extend()?;
        let cases = input
            .case_ids
            .iter()
            .enumerate()
            .map(|(i, c)| decode(c, "Case", &format!("caseIds[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .extend()?;
        service::add_recipients(ctx.state()?, ctx.actor()?, id, &cases)
            .await
            .map(|c| CampaignPayload {
                campaign: Campaign(c),
            })
            .extend()
    }
}
