//! GraphQL surface of subsidy standards and assistance applications.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    ApplicationStatus, Money, ReviewDecision, SubsidyItem, application_transition,
    assistance_application, subsidy_standard,
};

use super::rules;
use super::service::{self, ApplicationFilter, NewStandard};
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load, personal};
use crate::graphql::loader::{ApplicationHistoryKey, CaseKey, StandardKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::registry::case_graphql::Case;
use crate::users::graphql::User;
use crate::users::graphql::scoped_user;

pub struct SubsidyStandard(pub subsidy_standard::Model);

/// Subsidy standard (救助标准): one version of an item's rules, in force from a date.
#[Object]
impl SubsidyStandard {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("SubsidyStandard", self.0.id)
    }

    /// The item (救助项目).
    async fn item(&self) -> SubsidyItem {
        self.0.item
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Fixed amount per time (每次金额); null for a discretionary item.
    async fn amount(&self) -> Option<Money> {
        self.0.amount
    }

    /// Highest amount of a discretionary item (酌情救助上限).
    async fn cap(&self) -> Option<Money> {
        self.0.cap
    }

    /// Times a household may receive it in a year (每年次数).
    async fn times_per_year(&self) -> Option<i32> {
        self.0.times_per_year
    }

    /// Paid once only (一次性).
    async fn once_only(&self) -> bool {
        self.0.once_only
    }

    /// Only for households receiving 低保 (享受最低生活保障待遇).
    async fn requires_minimum_allowance(&self) -> bool {
        self.0.requires_minimum_allowance
    }

    /// In force from (生效日期).
    async fn effective_from(&self) -> Date {
        Date(self.0.effective_from)
    }

    /// In force until (失效日期); null while current.
    async fn effective_to(&self) -> Option<Date> {
        self.0.effective_to.map(Date)
    }
}

pub struct Application(pub assistance_application::Model);

/// Assistance application (救助申请) of a filed case.
#[Object]
impl Application {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Application", self.0.id)
    }

    /// The case (困难档案).
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

    /// The item applied for (救助项目).
    async fn item(&self) -> SubsidyItem {
        self.0.item
    }

    /// The standard applied (救助标准).
    async fn standard(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<SubsidyStandard>> {
        Ok(load(ctx, StandardKey(self.0.standard_id))
            .await?
            .map(SubsidyStandard))
    }

    /// The year of assistance it counts against (救助年度).
    async fn year(&self) -> i32 {
        self.0.year
    }

    /// Amount asked for (申请金额).
    async fn requested_amount(&self) -> Money {
        self.0.requested_amount
    }

    /// Amount approved by the reviewers (批准金额).
    async fn approved_amount(&self) -> Option<Money> {
        self.0.approved_amount
    }

    /// Why (申请理由); null for callers who may not see personal data.
    async fn reason(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        personal(ctx, self.0.reason.as_str())
    }

    /// Status as of today (申请状态): a notice past its end is PAYABLE.
    async fn status(&self, ctx: &Context<'_>) -> async_graphql::Result<ApplicationStatus> {
        Ok(rules::effective_status(
            self.0.status,
            self.0.notice_end,
            ctx.state()?.clock.today(),
        ))
    }

    /// First day of the public notice (公示开始日).
    async fn notice_start(&self) -> Option<Date> {
        self.0.notice_start.map(Date)
    }

    /// Last day of the public notice (公示截止日).
    async fn notice_end(&self) -> Option<Date> {
        self.0.notice_end.map(Date)
    }

    /// When it was paid (发放时间).
    async fn paid_at(&self) -> Option<DateTime<Utc>> {
        self.0.paid_at
    }

    /// Every step, in order (流转记录).
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApplicationStep>> {
        Ok(load(ctx, ApplicationHistoryKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(ApplicationStep)
            .collect())
    }

    /// When it was opened (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct ApplicationStep(pub application_transition::Model);

/// One step of an application (流转记录).
#[Object]
impl ApplicationStep {
    /// Status before (原状态).
    async fn from_status(&self) -> Option<ApplicationStatus> {
        self.0.from_status
    }

    /// Status after (新状态).
    async fn status(&self) -> ApplicationStatus {
        self.0.to_status
    }

    /// Who took the step (操作人); null for the system and outside the caller's scope.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.actor_id).await
    }

    /// Username of who took the step, or `system` (操作人用户名).
    async fn actor_username(&self) -> &str {
        &self.0.actor_username
    }

    /// When (时间).
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Comment (意见); null for callers who may not see personal data.
    async fn comment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.comment.as_deref())?.flatten())
    }
}

/// Input of `setSubsidyStandard` (设置救助标准): a new version from a date.
#[derive(InputObject)]
pub struct SetSubsidyStandardInput {
    /// The item (救助项目).
    pub item: SubsidyItem,
    /// Name (名称).
    pub name: String,
    /// Fixed amount per time (每次金额); or give `cap`.
    pub amount: Option<Money>,
    /// Highest amount of a discretionary item (酌情救助上限).
    pub cap: Option<Money>,
    /// Times a year (每年次数).
    pub times_per_year: Option<i32>,
    /// Paid once only (一次性).
    #[graphql(default)]
    pub once_only: bool,
    /// Only for 低保 households.
    #[graphql(default)]
    pub requires_minimum_allowance: bool,
    /// In force from (生效日期).
    pub effective_from: Date,
}

/// Input of `createApplication` (救助申请).
#[derive(InputObject)]
pub struct CreateApplicationInput {
    /// The filed case (困难档案).
    pub case_id: ID,
    /// The item (救助项目).
    pub item: SubsidyItem,
    /// Amount asked for (申请金额).
    pub amount: Money,
    /// Why (申请理由).
    pub reason: String,
}

/// Input of the steps that need only the application.
#[derive(InputObject)]
pub struct ApplicationIdInput {
    /// The application.
    pub application_id: ID,
}

/// Input of `withdrawApplication` (撤回救助申请).
#[derive(InputObject)]
pub struct WithdrawApplicationInput {
    /// The draft application.
    pub application_id: ID,
    /// Why (撤回原因), kept in the history.
    pub reason: Option<String>,
}

/// Input of `reviewApplication` (审核救助申请).
#[derive(InputObject)]
pub struct ReviewApplicationInput {
    /// The application.
    pub application_id: ID,
    /// Decision (审核意见).
    pub decision: ReviewDecision,
    /// Comment (意见说明); required to reject or return.
    pub comment: Option<String>,
    /// Amount the reviewers grant (批准金额), within the standard; the amount asked for
    /// when omitted.
    pub approved_amount: Option<Money>,
}

/// Input of `lodgeApplicationObjection` (提出公示异议).
#[derive(InputObject)]
pub struct LodgeApplicationObjectionInput {
    /// The application on notice.
    pub application_id: ID,
    /// The objection (异议内容).
    pub reason: String,
}

/// Result of the application mutations.
#[derive(SimpleObject)]
pub struct ApplicationPayload {
    /// The application as saved.
    pub application: Application,
}

/// Result of `lodgeApplicationObjection`: only what the objector needs.
#[derive(SimpleObject)]
pub struct LodgeApplicationObjectionPayload {
    /// The application objected to.
    pub application_id: ID,
    /// Its status now: back with the leading group (INITIAL_REVIEWED).
    pub status: ApplicationStatus,
}

/// Result of `setSubsidyStandard`.
#[derive(SimpleObject)]
pub struct SubsidyStandardPayload {
    /// The new version.
    pub subsidy_standard: SubsidyStandard,
}

/// Filter of `applications`.
#[derive(InputObject, Default)]
pub struct ApplicationFilterInput {
    /// Only this case's applications.
    pub case_id: Option<ID>,
    /// Only this status (as of today).
    pub status: Option<ApplicationStatus>,
    /// Only this year.
    pub year: Option<i32>,
    /// Only this item.
    pub item: Option<SubsidyItem>,
}

fn payload(a: assistance_application::Model) -> ApplicationPayload {
    ApplicationPayload {
        application: Application(a),
    }
}

#[derive(Default)]
pub struct AssistanceQuery;

#[Object]
impl AssistanceQuery {
    /// The subsidy standards in force on a date (救助标准), today when omitted.
    async fn subsidy_standards(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<Vec<SubsidyStandard>> {
        let state = ctx.state()?;
        ctx.actor()?;
        let day = as_of.map_or_else(|| state.clock.today(), |d| d.0);
        service::standards_on(state, day)
            .await
            .map(|v| v.into_iter().map(SubsidyStandard).collect())
            .extend()
    }

    /// One application in the caller's subtree (救助申请).
    async fn application(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Application> {
        let id = decode(&id, "Application", "id").extend()?;
        service::get_application(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Application)
            .extend()
    }

    /// Applications of the caller's subtree, oldest first (救助申请列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn applications(
        &self,
        ctx: &Context<'_>,
        filter: Option<ApplicationFilterInput>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Application>> {
        let state = ctx.state()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, None, first, None)?;
        let filter = ApplicationFilter {
            case_id: decode_opt(filter.case_id.as_ref(), "Case", "filter.caseId").extend()?,
            status: filter.status,
            year: filter.year,
            item: filter.item,
        };
        service::list_applications(state, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |a| a.id, Application))
            .extend()
    }
}

#[derive(Default)]
pub struct AssistanceMutation;

#[Object]
impl AssistanceMutation {
    /// Sets a new version of an item's standard from a date (设置救助标准).
    /// Who may call: ADMIN (root unit only).
    async fn set_subsidy_standard(
        &self,
        ctx: &Context<'_>,
        input: SetSubsidyStandardInput,
    ) -> async_graphql::Result<SubsidyStandardPayload> {
        let input = NewStandard {
            item: input.item,
            name: input.name,
            amount: input.amount,
            cap: input.cap,
            times_per_year: input.times_per_year,
            once_only: input.once_only,
            requires_minimum_allowance: input.requires_minimum_allowance,
            effective_from: input.effective_from.0,
        };
        service::set_standard(ctx.state()?, ctx.actor()?, input)
            .await
            .map(|s| SubsidyStandardPayload {
                subsidy_standard: SubsidyStandard(s),
            })
            .extend()
    }

    /// Applies for assistance for a filed case (救助申请). Refused with reasons:
    /// ONE_ITEM_PER_YEAR, TIMES_PER_YEAR_EXCEEDED, ONCE_ONLY_ALREADY_PAID,
    /// ONCE_ONLY_ALREADY_APPLIED, REQUIRES_MINIMUM_ALLOWANCE, ABOVE_STANDARD,
    /// ITEM_CONDITION_NOT_MET; the message names the applications each counted (a draft
    /// counts until withdrawn; rejected and withdrawn ones never).
    /// Who may call: CASEWORKER.
    async fn create_application(
        &self,
        ctx: &Context<'_>,
        input: CreateApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let case = decode(&input.case_id, "Case", "caseId").extend()?;
        service::create_application(
            ctx.state()?,
            ctx.actor()?,
            case,
            input.item,
            input.amount,
            input.reason,
        )
        .await
        .map(payload)
        .extend()
    }

    /// Submits a draft application to 综合部 (提交).
    /// Who may call: CASEWORKER.
    async fn submit_application(
        &self,
        ctx: &Context<'_>,
        input: ApplicationIdInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let id = decode(&input.application_id, "Application", "applicationId").extend()?;
        service::submit_application(ctx.state()?, ctx.actor()?, id)
            .await
            .map(payload)
            .extend()
    }

    /// Withdraws a draft application (撤回), one never submitted or returned for
    /// correction (退回): it stays in the history as WITHDRAWN and counts toward none of
    /// the standards' limits.
    /// Who may call: CASEWORKER, or the draft's author.
    async fn withdraw_application(
        &self,
        ctx: &Context<'_>,
        input: WithdrawApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let id = decode(&input.application_id, "Application", "applicationId").extend()?;
        service::withdraw_application(ctx.state()?, ctx.actor()?, id, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Decides at the stage the application awaits (审核), as for cases; approval starts
    /// the public notice, after which it is PAYABLE.
    /// Who may call: CASEWORKER (initial review), REVIEWER (group review), APPROVER (approval).
    async fn review_application(
        &self,
        ctx: &Context<'_>,
        input: ReviewApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let id = decode(&input.application_id, "Application", "applicationId").extend()?;
        service::review_application(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.decision,
            input.comment,
            input.approved_amount,
        )
        .await
        .map(payload)
        .extend()
    }

    /// Lodges an objection during the application's notice (提出异议): back to the
    /// leading group.
    /// Who may call: any signed-in user but EMPLOYER (a portal account).
    async fn lodge_application_objection(
        &self,
        ctx: &Context<'_>,
        input: LodgeApplicationObjectionInput,
    ) -> async_graphql::Result<LodgeApplicationObjectionPayload> {
        let id = decode(&input.application_id, "Application", "applicationId").extend()?;
        service::lodge_objection(ctx.state()?, ctx.actor()?, id, input.reason)
            .await
            .map(|a| LodgeApplicationObjectionPayload {
                application_id: global_id("Application", a.id),
                status: a.status,
            })
            .extend()
    }
}
