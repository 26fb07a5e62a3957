//! GraphQL surface of legal aid (法律援助).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    LegalAidOutcome, LegalAidStage, LegalAidStatus, LegalClaim, Money, ReviewDecision,
    legal_aid_case, legal_aid_step, legal_aid_transition,
};

use super::service::{self, Closing, LegalAidClaim, LegalAidFilter, NewLegalAid};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{
    EmployerKey, LegalAidHistoryKey, LegalAidStepsKey, OrgUnitKey, WorkerKey,
};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;
use crate::users::graphql::{User, scoped_user};
use bangfu_jobs::employment::graphql::Employer;
use bangfu_relief::registry::types::Worker;

pub struct LegalAidCase(pub legal_aid_case::Model);

/// A legal-aid case (法律援助案件) in a labour dispute.
#[Object]
impl LegalAidCase {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("LegalAidCase", self.0.id)
    }

    /// The worker's org unit (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// The contact it came from (来电来访登记), if any.
    async fn contact_id(&self) -> Option<ID> {
        self.0.contact_id.map(|id| global_id("Contact", id))
    }

    /// The worker helped (受援职工), when in the caller's scope.
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        match load(ctx, WorkerKey(self.0.worker_id)).await? {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// Whether the worker had an active hardship case when applying (困难职工优先).
    async fn hardship_registered(&self) -> bool {
        self.0.hardship_registered
    }

    /// The employer on file (用人单位档案), if linked and in the caller's scope.
    async fn employer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Employer>> {
        let Some(id) = self.0.employer_id else {
            return Ok(None);
        };
        match load(ctx, EmployerKey(id)).await? {
            Some(e) if in_scope(ctx, e.org_unit_id).await? => Ok(Some(Employer(e))),
            _ => Ok(None),
        }
    }

    /// The employer's name (用人单位).
    async fn employer_name(&self) -> &str {
        &self.0.employer_name
    }

    /// What is claimed (诉求类型).
    async fn claim(&self) -> LegalClaim {
        self.0.claim
    }

    /// Amount claimed (请求金额).
    async fn amount_claimed(&self) -> Money {
        self.0.amount_claimed
    }

    /// The dispute in brief (案情摘要).
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// Status (状态).
    async fn status(&self) -> LegalAidStatus {
        self.0.status
    }

    /// The stage it has reached (当前阶段).
    async fn stage(&self) -> Option<LegalAidStage> {
        self.0.stage
    }

    /// The legal-aid worker handling it (承办人), when in the caller's scope.
    async fn assignee(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.assignee_id).await
    }

    /// How it ended (结案结果).
    async fn outcome(&self) -> Option<LegalAidOutcome> {
        self.0.outcome
    }

    /// Amount actually recovered (追回金额).
    async fn amount_recovered(&self) -> Option<Money> {
        self.0.amount_recovered
    }

    /// Day it was closed (结案日期).
    async fn closed_on(&self) -> Option<Date> {
        self.0.closed_on.map(Date)
    }

    /// The dated stages (协商、调解、仲裁、诉讼), in order.
    async fn steps(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LegalAidStep>> {
        Ok(load(ctx, LegalAidStepsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(LegalAidStep)
            .collect())
    }

    /// Its history (流转记录), oldest first.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LegalAidTransition>> {
        Ok(load(ctx, LegalAidHistoryKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(LegalAidTransition)
            .collect())
    }

    /// When it was filed (申请时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct LegalAidStep(pub legal_aid_step::Model);

/// A dated stage of a legal-aid case (争议处理阶段).
#[Object]
impl LegalAidStep {
    /// The stage (阶段).
    async fn stage(&self) -> LegalAidStage {
        self.0.stage
    }

    /// The day it began (开始日期).
    async fn started_on(&self) -> Date {
        Date(self.0.started_on)
    }

    /// Note (说明).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

pub struct LegalAidTransition(pub legal_aid_transition::Model);

/// One step of a legal-aid case's history (流转记录).
#[Object]
impl LegalAidTransition {
    /// Status before (原状态); null for the application.
    async fn from_status(&self) -> Option<LegalAidStatus> {
        self.0.from_status
    }

    /// Status after (新状态).
    async fn status(&self) -> LegalAidStatus {
        self.0.to_status
    }

    /// Who took the step (操作人); null outside the caller's scope.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.actor_id).await
    }

    /// Username of who took the step (操作人用户名).
    async fn actor_username(&self) -> &str {
        &self.0.actor_username
    }

    /// When (时间).
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Comment (意见).
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
}

/// What a worker claims from the employer (法律援助诉求).
#[derive(InputObject)]
pub struct LegalAidClaimInput {
    /// The employer on file (用人单位档案), if there is one.
    pub employer_id: Option<ID>,
    /// The employer's name (用人单位); the file's when omitted.
    pub employer_name: Option<String>,
    /// What is claimed (诉求类型).
    pub claim: LegalClaim,
    /// Amount claimed (请求金额).
    pub amount_claimed: Money,
    /// The dispute in brief (案情摘要); a contact's summary when turned from one.
    pub summary: Option<String>,
}

impl LegalAidClaimInput {
    /// The service's claim, with its IDs decoded.
    pub fn decode(self) -> crate::error::ApiResult<LegalAidClaim> {
        Ok(LegalAidClaim {
            employer_id: decode_opt(self.employer_id.as_ref(), "Employer", "employerId")?,
            employer_name: self.employer_name,
            claim: self.claim,
            amount_claimed: self.amount_claimed,
            summary: self.summary,
        })
    }
}

/// Input of `createLegalAidCase` (法律援助申请).
#[derive(InputObject)]
pub struct CreateLegalAidCaseInput {
    /// The worker, a union member (受援职工).
    pub worker_id: ID,
    /// The claim (诉求).
    pub claim: LegalAidClaimInput,
}

/// Input of `reviewLegalAidCase` (审查).
#[derive(InputObject)]
pub struct ReviewLegalAidCaseInput {
    /// The case.
    pub case_id: ID,
    /// APPROVE or REJECT (审查意见).
    pub decision: ReviewDecision,
    /// Comment (意见说明); required to reject.
    pub comment: Option<String>,
}

/// Input of `assignLegalAidCase` (指派承办人).
#[derive(InputObject)]
pub struct AssignLegalAidCaseInput {
    /// The case.
    pub case_id: ID,
    /// The legal-aid worker (承办人).
    pub assignee_id: ID,
}

/// Input of `advanceLegalAidCase` (进入下一阶段).
#[derive(InputObject)]
pub struct AdvanceLegalAidCaseInput {
    /// The case.
    pub case_id: ID,
    /// The stage it moves on to (阶段).
    pub stage: LegalAidStage,
    /// The day it began (开始日期); today when omitted.
    pub started_on: Option<Date>,
    /// Note (说明).
    pub note: Option<String>,
}

/// Input of `closeLegalAidCase` (结案).
#[derive(InputObject)]
pub struct CloseLegalAidCaseInput {
    /// The case.
    pub case_id: ID,
    /// How it ended (结案结果).
    pub outcome: LegalAidOutcome,
    /// Amount actually recovered (追回金额); zero when lost or withdrawn.
    pub amount_recovered: Money,
    /// Day it closed (结案日期); today when omitted.
    pub closed_on: Option<Date>,
    /// Comment (结案说明).
    pub comment: Option<String>,
    /// Flag the employer on file for wage arrears in the agency (拖欠工资警示); for a won or
    /// settled wage-arrears case only.
    #[graphql(default)]
    pub flag_employer: bool,
}

/// Result of the legal-aid mutations.
#[derive(SimpleObject)]
pub struct LegalAidCasePayload {
    /// The case as saved.
    pub legal_aid_case: LegalAidCase,
}

fn payload(c: legal_aid_case::Model) -> LegalAidCasePayload {
    LegalAidCasePayload {
        legal_aid_case: LegalAidCase(c),
    }
}

#[derive(Default)]
pub struct LegalAidQuery;

#[Object]
impl LegalAidQuery {
    /// Legal-aid cases in the caller's scope, oldest first (法律援助案件), optionally of an
    /// org subtree, a status, a worker or an assignee; `hardshipRegistered: true` gives
    /// the cases of hardship-registered workers, to be served first (困难职工优先).
    #[allow(clippy::too_many_arguments)]
    async fn legal_aid_cases(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        status: Option<LegalAidStatus>,
        hardship_registered: Option<bool>,
        worker_id: Option<ID>,
        assignee_id: Option<ID>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<LegalAidCase>> {
        let filter = LegalAidFilter {
            org_unit_id: decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            status,
            hardship_registered,
            worker_id: decode_opt(worker_id.as_ref(), "Worker", "workerId").extend()?,
            assignee_id: decode_opt(assignee_id.as_ref(), "User", "assigneeId").extend()?,
        };
        let page = page_args(ctx, after, None, first, None)?;
        service::list(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, LegalAidCase))
            .extend()
    }
}

#[derive(Default)]
pub struct LegalAidMutation;

#[Object]
impl LegalAidMutation {
    /// Files an application for legal aid (法律援助申请) for a union member
    /// (NOT_A_UNION_MEMBER); hardship-registered workers are marked to be served first.
    /// Who may call: SERVICE_DESK, LEGAL_AID (whose scope holds the worker).
    async fn create_legal_aid_case(
        &self,
        ctx: &Context<'_>,
        input: CreateLegalAidCaseInput,
    ) -> async_graphql::Result<LegalAidCasePayload> {
        let new = NewLegalAid {
            worker_id: decode(&input.worker_id, "Worker", "workerId").extend()?,
            claim: input.claim.decode().extend()?,
        };
        service::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(payload)
            .extend()
    }

    /// Approves or rejects an application (审查).
    /// Who may call: LEGAL_AID (not who filed it).
    async fn review_legal_aid_case(
        &self,
        ctx: &Context<'_>,
        input: ReviewLegalAidCaseInput,
    ) -> async_graphql::Result<LegalAidCasePayload> {
        let id = decode(&input.case_id, "LegalAidCase", "caseId").extend()?;
        service::review(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.decision,
            input.comment,
        )
        .await
        .map(payload)
        .extend()
    }

    /// Assigns an approved case, or reassigns one in progress, to a legal-aid worker whose
    /// scope holds it (指派承办人, NOT_A_LEGAL_AID_WORKER).
    /// Who may call: LEGAL_AID.
    async fn assign_legal_aid_case(
        &self,
        ctx: &Context<'_>,
        input: AssignLegalAidCaseInput,
    ) -> async_graphql::Result<LegalAidCasePayload> {
        let id = decode(&input.case_id, "LegalAidCase", "caseId").extend()?;
        let assignee = decode(&input.assignee_id, "User", "assigneeId").extend()?;
        service::assign(ctx.state()?, ctx.actor()?, id, assignee)
            .await
            .map(payload)
            .extend()
    }

    /// Moves a case on to a later stage (协商 → 调解 → 仲裁 → 诉讼, as needed), dated
    /// (STAGE_OUT_OF_ORDER).
    /// Who may call: LEGAL_AID (the case's assignee).
    async fn advance_legal_aid_case(
        &self,
        ctx: &Context<'_>,
        input: AdvanceLegalAidCaseInput,
    ) -> async_graphql::Result<LegalAidCasePayload> {
        let id = decode(&input.case_id, "LegalAidCase", "caseId").extend()?;
        service::advance(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.stage,
            input.started_on.map(|d| d.0),
            input.note,
        )
        .await
        .map(payload)
        .extend()
    }

    /// Closes a case with its outcome and the amount recovered (结案), flagging the
    /// employer for wage arrears when asked (RECOVERY_WITHOUT_SUCCESS,
    /// CANNOT_FLAG_EMPLOYER).
    /// Who may call: LEGAL_AID (the case's assignee).
    async fn close_legal_aid_case(
        &self,
        ctx: &Context<'_>,
        input: CloseLegalAidCaseInput,
    ) -> async_graphql::Result<LegalAidCasePayload> {
        let id = decode(&input.case_id, "LegalAidCase", "caseId").extend()?;
        let closing = Closing {
            outcome: input.outcome,
            amount_recovered: input.amount_recovered,
            closed_on: input.closed_on.map(|d| d.0),
            comment: input.comment,
            flag_employer: input.flag_employer,
        };
        service::close(ctx.state()?, ctx.actor()?, id, closing)
            .await
            .map(payload)
            .extend()
    }
}
