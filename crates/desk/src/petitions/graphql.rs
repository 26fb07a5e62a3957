//! GraphQL surface of petitions (信访事项).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    ContactChannel, ContactTopic, PetitionPeriod, PetitionStatus, petition, petition_transition,
};

use super::service::{self, NewPetition, PetitionFilter};
use super::{policy, rules};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{OrgUnitKey, PetitionHistoryKey, WorkerKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;
use crate::users::graphql::{User, scoped_user};
use bangfu_relief::registry::types::Worker;

pub struct Petition(pub petition::Model);

/// A petition (信访事项), with its deadlines (办理期限) as they stand.
#[Object]
impl Petition {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Petition", self.0.id)
    }

    /// The org unit handling it now (承办单位).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// The contact it came from (来电来访登记), if any.
    async fn contact_id(&self) -> Option<ID> {
        self.0.contact_id.map(|id| global_id("Contact", id))
    }

    /// The petitioner as a filed worker (信访职工), when known and in the caller's scope.
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        let Some(id) = self.0.worker_id else {
            return Ok(None);
        };
        match load(ctx, WorkerKey(id)).await? {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// Petitioner's name (信访人).
    async fn petitioner_name(&self) -> &str {
        &self.0.petitioner_name
    }

    /// Petitioner's phone (联系电话).
    async fn petitioner_phone(&self) -> Option<&str> {
        self.0.petitioner_phone.as_deref()
    }

    /// How it came (信访方式).
    async fn channel(&self) -> ContactChannel {
        self.0.channel
    }

    /// Topic (诉求类别).
    async fn topic(&self) -> ContactTopic {
        self.0.topic
    }

    /// What is asked (信访内容).
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// Day of receipt (收到日期), from which the acceptance period runs.
    async fn received_on(&self) -> Date {
        Date(self.0.received_on)
    }

    /// Status (状态).
    async fn status(&self) -> PetitionStatus {
        self.0.status
    }

    /// The periods it was received under (适用期限), in calendar days.
    async fn periods(&self) -> PetitionPeriods {
        let p = rules::Periods::of(&self.0);
        PetitionPeriods {
            acceptance: p.acceptance,
            answer: p.answer,
            extension: p.extension,
            review_request: p.review_request,
            review_answer: p.review_answer,
        }
    }

    /// Last day to accept or decline (受理期限).
    async fn acceptance_due_on(&self) -> Date {
        Date(self.0.acceptance_due_on)
    }

    /// Last day to answer, with any extension (办理期限); null until accepted.
    async fn answer_due_on(&self) -> Option<Date> {
        self.0.answer_due_on.map(Date)
    }

    /// Last day the petitioner may ask for a review (申请复查期限); null until answered.
    async fn review_request_until(&self) -> Option<Date> {
        self.0.review_request_until.map(Date)
    }

    /// Last day to answer the review (复查期限); null unless a review was asked.
    async fn review_due_on(&self) -> Option<Date> {
        self.0.review_due_on.map(Date)
    }

    /// Deadline of what is pending now (当前期限); null when nothing is.
    async fn due_on(&self) -> Option<Date> {
        self.0.due_on.map(Date)
    }

    /// Whether what is pending is past its deadline today (超期).
    async fn overdue(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(rules::overdue(&self.0, ctx.state()?.clock.today()))
    }

    /// Day it was accepted or declined (受理/不予受理日期).
    async fn decided_on(&self) -> Option<Date> {
        self.0.decided_on.map(Date)
    }

    /// The reason told to the petitioner (告知理由).
    async fn decision_reason(&self) -> Option<&str> {
        self.0.decision_reason.as_deref()
    }

    /// Whether it was accepted or declined after the acceptance period (逾期受理).
    async fn decided_late(&self) -> bool {
        self.0
            .decided_on
            .is_some_and(|d| rules::late(d, self.0.acceptance_due_on))
    }

    /// Days the answer period was extended by (延长天数).
    async fn extended_days(&self) -> Option<i32> {
        self.0.extended_days
    }

    /// Why it was extended (延期理由).
    async fn extension_reason(&self) -> Option<&str> {
        self.0.extension_reason.as_deref()
    }

    /// Day it was answered (答复日期).
    async fn answered_on(&self) -> Option<Date> {
        self.0.answered_on.map(Date)
    }

    /// The answer (答复意见).
    async fn answer(&self) -> Option<&str> {
        self.0.answer.as_deref()
    }

    /// Whether it was answered after the answer period (逾期办结).
    async fn answered_late(&self) -> bool {
        match (self.0.answered_on, self.0.answer_due_on) {
            (Some(on), Some(due)) => rules::late(on, due),
            _ => false,
        }
    }

    /// Day the review was asked (申请复查日期).
    async fn review_requested_on(&self) -> Option<Date> {
        self.0.review_requested_on.map(Date)
    }

    /// Why the petitioner asked for a review (复查理由).
    async fn review_reason(&self) -> Option<&str> {
        self.0.review_reason.as_deref()
    }

    /// Day the review was answered (复查答复日期).
    async fn reviewed_on(&self) -> Option<Date> {
        self.0.reviewed_on.map(Date)
    }

    /// The review's answer (复查意见).
    async fn review_answer(&self) -> Option<&str> {
        self.0.review_answer.as_deref()
    }

    /// Its history (流转记录): receipt, each step and each transfer, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PetitionStep>> {
        Ok(load(ctx, PetitionHistoryKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(PetitionStep)
            .collect())
    }

    /// When it was registered (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// The periods of a petition, in calendar days (信访期限).
#[derive(SimpleObject)]
pub struct PetitionPeriods {
    /// To accept or decline, from receipt (受理期限).
    pub acceptance: i32,
    /// To answer, from acceptance (办理期限).
    pub answer: i32,
    /// Most days of the one extension (延长期限).
    pub extension: i32,
    /// To ask for a review, from the answer (申请复查期限).
    pub review_request: i32,
    /// To answer the review, from the request (复查期限).
    pub review_answer: i32,
}

pub struct PetitionStep(pub petition_transition::Model);

/// One step of a petition (信访流转记录).
#[Object]
impl PetitionStep {
    /// Status before (原状态); null for the receipt.
    async fn from_status(&self) -> Option<PetitionStatus> {
        self.0.from_status
    }

    /// Status after (新状态); a transfer keeps it.
    async fn status(&self) -> PetitionStatus {
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

    /// Comment: the reason, the answer, the unit transferred to (意见).
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
}

/// A period of the petition rules with its length in force (信访期限设置).
#[derive(SimpleObject)]
pub struct PetitionPolicyEntry {
    /// The period (期限).
    pub period: PetitionPeriod,
    /// Calendar days (日历日).
    pub days: i32,
}

/// Input of `createPetition` (信访登记).
#[derive(InputObject)]
pub struct CreatePetitionInput {
    /// The org unit that handles it (承办单位).
    pub org_unit_id: ID,
    /// The petitioner as a filed worker (信访职工), if they are one.
    pub worker_id: Option<ID>,
    /// Petitioner's name (信访人).
    pub petitioner_name: String,
    /// Petitioner's phone (联系电话).
    pub petitioner_phone: Option<String>,
    /// How it came (信访方式).
    pub channel: ContactChannel,
    /// Topic (诉求类别).
    pub topic: ContactTopic,
    /// What is asked (信访内容).
    pub summary: String,
    /// Day of receipt (收到日期); today when omitted, never in the future.
    pub received_on: Option<Date>,
}

impl CreatePetitionInput {
    /// The service's petition, with its IDs decoded.
    pub fn decode(self) -> crate::error::ApiResult<NewPetition> {
        Ok(NewPetition {
            org_unit_id: decode(&self.org_unit_id, "OrgUnit", "orgUnitId")?,
            worker_id: decode_opt(self.worker_id.as_ref(), "Worker", "workerId")?,
            petitioner_name: self.petitioner_name,
            petitioner_phone: self.petitioner_phone,
            channel: self.channel,
            topic: self.topic,
            summary: self.summary,
            received_on: self.received_on.map(|d| d.0),
        })
    }
}

/// Input of `acceptPetition` (受理或不予受理).
#[derive(InputObject)]
pub struct AcceptPetitionInput {
    /// The petition.
    pub petition_id: ID,
    /// True to accept (受理), false to decline (不予受理).
    pub accept: bool,
    /// The reason told to the petitioner (告知理由); required to decline.
    pub reason: Option<String>,
}

/// Input of `extendPetition` (延长办理期限).
#[derive(InputObject)]
pub struct ExtendPetitionInput {
    /// The petition.
    pub petition_id: ID,
    /// Days to add, at most the policy's extension (延长天数).
    pub days: i32,
    /// Why (延期理由).
    pub reason: String,
}

/// Input of `answerPetition` (答复, or 复查答复).
#[derive(InputObject)]
pub struct AnswerPetitionInput {
    /// The petition.
    pub petition_id: ID,
    /// The answer or the review's answer (答复意见).
    pub answer: String,
}

/// Input of `requestPetitionReview` (申请复查).
#[derive(InputObject)]
pub struct RequestPetitionReviewInput {
    /// The petition.
    pub petition_id: ID,
    /// Why the petitioner asks (复查理由).
    pub reason: String,
}

/// Input of `transferPetition` (转办).
#[derive(InputObject)]
pub struct TransferPetitionInput {
    /// The petition.
    pub petition_id: ID,
    /// The org unit it goes to (转办单位).
    pub org_unit_id: ID,
    /// Why (转办理由).
    pub reason: String,
}

/// Input of `setPetitionPeriod` (设置信访期限).
#[derive(InputObject)]
pub struct SetPetitionPeriodInput {
    /// The period (期限).
    pub period: PetitionPeriod,
    /// Calendar days, 1 to 366 (日历日).
    pub days: i32,
}

/// Result of the petition mutations.
#[derive(SimpleObject)]
pub struct PetitionPayload {
    /// The petition as saved.
    pub petition: Petition,
}

/// Result of `setPetitionPeriod`.
#[derive(SimpleObject)]
pub struct PetitionPolicyPayload {
    /// The period as set.
    pub entry: PetitionPolicyEntry,
}

fn payload(p: petition::Model) -> PetitionPayload {
    PetitionPayload {
        petition: Petition(p),
    }
}

/// Most petitions `petitionsDue` returns.
const DUE_LIMIT: u64 = 500;

#[derive(Default)]
pub struct PetitionQuery;

#[Object]
impl PetitionQuery {
    /// Petitions in the caller's scope, oldest first (信访事项), optionally of an org
    /// subtree, a status or a worker.
    #[allow(clippy::too_many_arguments)]
    async fn petitions(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        status: Option<PetitionStatus>,
        worker_id: Option<ID>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Petition>> {
        let filter = PetitionFilter {
            org_unit_id: decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            status,
            worker_id: decode_opt(worker_id.as_ref(), "Worker", "workerId").extend()?,
        };
        let page = page_args(ctx, after, None, first, None)?;
        service::list(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, Petition))
            .extend()
    }

    /// The desk's daily list (待办信访): petitions of an org subtree whose pending
    /// deadline is past or falls within `withinDays` (default 7), the earliest first (at
    /// most 500).
    async fn petitions_due(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        #[graphql(default = 7, validator(minimum = 0, maximum = 366))] within_days: u32,
    ) -> async_graphql::Result<Vec<Petition>> {
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::due(ctx.state()?, ctx.actor()?, org, within_days, DUE_LIMIT)
            .await
            .map(|list| list.into_iter().map(Petition).collect())
            .extend()
    }

    /// The petition periods in force (信访期限), in calendar days.
    async fn petition_policy(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<PetitionPolicyEntry>> {
        policy::list(ctx.state()?, ctx.actor()?)
            .await
            .map(|all| {
                all.into_iter()
                    .map(|(period, days)| PetitionPolicyEntry { period, days })
                    .collect()
            })
            .extend()
    }
}

#[derive(Default)]
pub struct PetitionMutation;

#[Object]
impl PetitionMutation {
    /// Registers a petition (信访登记); its acceptance period runs from the day of receipt.
    /// Who may call: SERVICE_DESK (whose scope holds the org unit).
    async fn create_petition(
        &self,
        ctx: &Context<'_>,
        input: CreatePetitionInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let new = input.decode().extend()?;
        service::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(payload)
            .extend()
    }

    /// Accepts a received petition (受理), or declines it (不予受理) with the reason told to
    /// the petitioner; a decision after the acceptance period shows as late.
    /// Who may call: SERVICE_DESK.
    async fn accept_petition(
        &self,
        ctx: &Context<'_>,
        input: AcceptPetitionInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let id = decode(&input.petition_id, "Petition", "petitionId").extend()?;
        service::decide(ctx.state()?, ctx.actor()?, id, input.accept, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Extends the answer period once (延期), by at most the policy's days, with a reason,
    /// before it ends (ALREADY_EXTENDED, EXTENSION_TOO_LONG, PERIOD_ENDED).
    /// Who may call: SERVICE_DESK.
    async fn extend_petition(
        &self,
        ctx: &Context<'_>,
        input: ExtendPetitionInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let id = decode(&input.petition_id, "Petition", "petitionId").extend()?;
        service::extend(ctx.state()?, ctx.actor()?, id, input.days, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Answers an accepted petition (办结答复), or the review asked of it (复查意见).
    /// Who may call: SERVICE_DESK.
    async fn answer_petition(
        &self,
        ctx: &Context<'_>,
        input: AnswerPetitionInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let id = decode(&input.petition_id, "Petition", "petitionId").extend()?;
        service::answer(ctx.state()?, ctx.actor()?, id, input.answer)
            .await
            .map(payload)
            .extend()
    }

    /// Records the petitioner's request for a review (申请复查), within the window after the
    /// answer (REVIEW_WINDOW_CLOSED).
    /// Who may call: SERVICE_DESK.
    async fn request_petition_review(
        &self,
        ctx: &Context<'_>,
        input: RequestPetitionReviewInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let id = decode(&input.petition_id, "Petition", "petitionId").extend()?;
        service::request_review(ctx.state()?, ctx.actor()?, id, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Transfers a pending petition to another org unit (转办) under the unit above the
    /// caller's own — down its own subtree, or to a sibling unit and its subtree; its
    /// deadlines stay as they were.
    /// Who may call: SERVICE_DESK.
    async fn transfer_petition(
        &self,
        ctx: &Context<'_>,
        input: TransferPetitionInput,
    ) -> async_graphql::Result<PetitionPayload> {
        let id = decode(&input.petition_id, "Petition", "petitionId").extend()?;
        let unit = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::transfer(ctx.state()?, ctx.actor()?, id, unit, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Sets a petition period (设置信访期限); petitions already received keep theirs.
    /// Who may call: ADMIN (root unit only).
    async fn set_petition_period(
        &self,
        ctx: &Context<'_>,
        input: SetPetitionPeriodInput,
    ) -> async_graphql::Result<PetitionPolicyPayload> {
        policy::set(ctx.state()?, ctx.actor()?, input.period, input.days)
            .await
            .map(|(period, days)| PetitionPolicyPayload {
                entry: PetitionPolicyEntry { period, days },
            })
            .extend()
    }
}
