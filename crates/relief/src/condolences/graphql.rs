//! GraphQL surface of condolences.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{CondolenceKind, CondolenceStatus, Kinship, Money, ReviewDecision, condolence};

use super::rules::Facts;
use super::service;
use crate::graphql::context::{ContextExt, in_scope, load, personal};
use crate::graphql::loader::WorkerKey;
use crate::graphql::node::{decode, global_id};
use crate::registry::types::Worker;

pub struct Condolence(pub condolence::Model);

/// Condolence (慰问) for a union member.
#[Object]
impl Condolence {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Condolence", self.0.id)
    }

    /// The member (会员).
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        let worker = load(ctx, WorkerKey(self.0.worker_id)).await?;
        match worker {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// Kind (慰问类型); null for callers who may not see health data.
    async fn kind(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CondolenceKind>> {
        personal(ctx, self.0.kind)
    }

    /// The facts reported (慰问事由); null for callers who may not see personal data.
    async fn facts(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CondolenceFacts>> {
        let facts: Facts = serde_json::from_value(self.0.facts.clone()).unwrap_or_default();
        personal(ctx, CondolenceFacts::from(facts))
    }

    /// Who the money is for (受益人).
    async fn beneficiary(&self) -> Kinship {
        self.0.beneficiary
    }

    /// The month of the branch union's list (上报月份), `YYYY-MM`.
    async fn month(&self) -> &str {
        &self.0.month
    }

    /// Amount (慰问金额).
    async fn amount(&self) -> Money {
        self.0.amount
    }

    /// Lowest amount of the standard (标准下限).
    async fn standard_min(&self) -> Money {
        self.0.standard_min
    }

    /// Highest amount of the standard (标准上限).
    async fn standard_max(&self) -> Money {
        self.0.standard_max
    }

    /// Status (状态).
    async fn status(&self) -> CondolenceStatus {
        self.0.status
    }

    /// When it was listed (上报时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// The facts of a condolence (慰问事由).
#[derive(SimpleObject, InputObject, Default)]
#[graphql(input_name = "CondolenceFactsInput")]
pub struct CondolenceFacts {
    /// Days in hospital (住院天数).
    pub hospital_days: Option<u32>,
    /// Surgery was performed (实施手术).
    #[graphql(default)]
    pub surgery: bool,
    /// The injury at work is serious (严重伤害).
    #[graphql(default)]
    pub serious_injury: bool,
    /// For a relative's death: who died (去世的直系亲属).
    pub relative: Option<Kinship>,
}

impl From<Facts> for CondolenceFacts {
    fn from(f: Facts) -> Self {
        Self {
            hospital_days: f.hospital_days,
            surgery: f.surgery,
            serious_injury: f.serious_injury,
            relative: f.relative,
        }
    }
}

impl From<CondolenceFacts> for Facts {
    fn from(f: CondolenceFacts) -> Self {
        Self {
            hospital_days: f.hospital_days,
            surgery: f.surgery,
            serious_injury: f.serious_injury,
            relative: f.relative,
        }
    }
}

/// A branch union's monthly list (月度慰问名单).
#[derive(SimpleObject)]
pub struct CondolenceList {
    /// The condolences listed (not rejected).
    pub items: Vec<Condolence>,
    /// Their total (合计).
    pub total: Money,
}

/// Input of `createCondolence` (上报慰问).
#[derive(InputObject)]
pub struct CreateCondolenceInput {
    /// The member (会员).
    pub worker_id: ID,
    /// Kind (慰问类型).
    pub kind: CondolenceKind,
    /// The facts (慰问事由) that set the standard.
    pub facts: CondolenceFacts,
    /// Amount (慰问金额), within the standard.
    pub amount: Money,
    /// The month of the list (上报月份), `YYYY-MM`; this month when omitted.
    pub month: Option<String>,
}

/// Input of `decideCondolence` (审定慰问).
#[derive(InputObject)]
pub struct DecideCondolenceInput {
    /// The condolence.
    pub condolence_id: ID,
    /// APPROVE or REJECT (审定意见).
    pub decision: ReviewDecision,
    /// Comment (意见说明); required to reject.
    pub comment: Option<String>,
}

/// Result of the condolence mutations.
#[derive(SimpleObject)]
pub struct CondolencePayload {
    /// The condolence as saved.
    pub condolence: Condolence,
}

#[derive(Default)]
pub struct CondolenceQuery;

#[Object]
impl CondolenceQuery {
    /// The condolences of an org subtree for a month, with their total (月度慰问名单).
    async fn condolence_list(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        month: String,
    ) -> async_graphql::Result<CondolenceList> {
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::monthly_list(ctx.state()?, ctx.actor()?, org, &month)
            .await
            .map(|l| CondolenceList {
                items: l.items.into_iter().map(Condolence).collect(),
                total: l.total,
            })
            .extend()
    }
}

#[derive(Default)]
pub struct CondolenceMutation;

#[Object]
impl CondolenceMutation {
    /// Lists a condolence for a union member (上报慰问): the facts set the standard; an
    /// amount outside it is refused (OUTSIDE_STANDARD).
    /// Who may call: CASEWORKER (whose scope holds the worker).
    async fn create_condolence(
        &self,
        ctx: &Context<'_>,
        input: CreateCondolenceInput,
    ) -> async_graphql::Result<CondolencePayload> {
        let worker = decode(&input.worker_id, "Worker", "workerId").extend()?;
        service::create(
            ctx.state()?,
            ctx.actor()?,
            worker,
            input.kind,
            input.facts.into(),
            input.amount,
            input.month,
        )
        .await
        .map(|c| CondolencePayload {
            condolence: Condolence(c),
        })
        .extend()
    }

    /// Approves or rejects a listed condolence (审定).
    /// Who may call: APPROVER (of a union above the branch that listed it, not who listed it).
    async fn decide_condolence(
        &self,
        ctx: &Context<'_>,
        input: DecideCondolenceInput,
    ) -> async_graphql::Result<CondolencePayload> {
        let id = decode(&input.condolence_id, "Condolence", "condolenceId").extend()?;
        service::decide(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.decision,
            input.comment,
        )
        .await
        .map(|c| CondolencePayload {
            condolence: Condolence(c),
        })
        .extend()
    }
}
