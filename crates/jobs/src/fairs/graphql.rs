//! GraphQL surface of job fairs.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use entity::{FairKind, fair_intent};

use super::service;
use crate::employment::graphql::Referral;
use crate::fairs::service::FairCountsKey;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::node::{decode, global_id};
use crate::graphql::scalars::Date;

pub use super::types::JobFair;

/// Special job fair (专场招聘会).
#[Object]
impl JobFair {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("JobFair", self.0.id)
    }

    /// Title (名称).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Kind (类型).
    async fn kind(&self) -> FairKind {
        self.0.kind
    }

    /// Date (日期).
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// Venue (地点).
    async fn venue(&self) -> &str {
        &self.0.venue
    }

    /// The fair's figures (统计), counted in SQL.
    async fn summary(&self, ctx: &Context<'_>) -> async_graphql::Result<FairSummary> {
        let c = load(ctx, FairCountsKey(self.0.id))
            .await?
            .unwrap_or_default();
        let walk_ins = i64::from(self.0.walk_ins);
        Ok(FairSummary {
            employers: c.employers,
            positions: c.positions,
            attendees: c.checked_in + walk_ins,
            checked_in: c.checked_in,
            walk_ins,
            intents: c.intents,
            placements: c.placements,
        })
    }
}

/// A fair's figures (招聘会统计).
#[derive(SimpleObject)]
pub struct FairSummary {
    /// Employers taking part (进场单位).
    pub employers: i64,
    /// Positions offered (提供岗位).
    pub positions: i64,
    /// Attendees, checked in and walk-in (进场求职者).
    pub attendees: i64,
    /// Attendees checked in by name (登记进场).
    pub checked_in: i64,
    /// Walk-ins (散客).
    pub walk_ins: i64,
    /// On-site intent agreements (意向性协议).
    pub intents: i64,
    /// Placements that came from the fair (经招聘会实现再就业).
    pub placements: i64,
}

pub struct FairIntent(pub fair_intent::Model);

/// An on-site intent agreement (意向性协议).
#[Object]
impl FairIntent {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("FairIntent", self.0.id)
    }

    /// The referral it became, if any (转推荐).
    async fn referral_id(&self) -> Option<ID> {
        self.0.referral_id.map(|id| global_id("Referral", id))
    }
}

/// Input of `createJobFair` (举办招聘会).
#[derive(InputObject)]
pub struct CreateJobFairInput {
    /// Title (名称).
    pub title: String,
    /// Kind (类型).
    pub kind: FairKind,
    /// Date (日期).
    pub date: Date,
    /// Venue (地点).
    pub venue: String,
    /// The agency's org unit (所属组织).
    pub org_unit_id: ID,
}

/// Input of `addFairEmployer` (参会单位).
#[derive(InputObject)]
pub struct AddFairEmployerInput {
    /// The fair.
    pub fair_id: ID,
    /// The employer.
    pub employer_id: ID,
    /// Its postings offered at the fair (参会岗位).
    #[graphql(default)]
    pub posting_ids: Vec<ID>,
}

/// Input of `checkInAttendee` (进场登记).
#[derive(InputObject)]
pub struct CheckInAttendeeInput {
    /// The fair.
    pub fair_id: ID,
    /// The seeker.
    pub seeker_id: ID,
}

/// Input of `recordWalkIns` (登记散客).
#[derive(InputObject)]
pub struct RecordWalkInsInput {
    /// The fair.
    pub fair_id: ID,
    /// How many more walked in (人数).
    pub count: i32,
}

/// Input of `recordIntent` (达成意向).
#[derive(InputObject)]
pub struct RecordIntentInput {
    /// The fair.
    pub fair_id: ID,
    /// The seeker, checked in.
    pub seeker_id: ID,
    /// The employer, taking part.
    pub employer_id: ID,
    /// One of its postings at the fair.
    pub posting_id: ID,
}

/// Input of `referIntent` (意向转推荐).
#[derive(InputObject)]
pub struct ReferIntentInput {
    /// The intent.
    pub intent_id: ID,
}

/// Result of the fair mutations.
#[derive(SimpleObject)]
pub struct JobFairPayload {
    /// The fair.
    pub job_fair: JobFair,
}

/// Result of `recordIntent`.
#[derive(SimpleObject)]
pub struct FairIntentPayload {
    /// The intent as recorded.
    pub intent: FairIntent,
}

#[derive(Default)]
pub struct FairQuery;

#[Object]
impl FairQuery {
    /// One job fair (招聘会).
    async fn job_fair(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<JobFair> {
        let id = decode(&id, "JobFair", "id").extend()?;
        service::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(JobFair)
            .extend()
    }

    /// Job fairs of the caller's subtree (招聘会列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn job_fairs(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<JobFair>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list(state, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |f| f.id, JobFair))
            .extend()
    }
}

#[derive(Default)]
pub struct FairMutation;

#[Object]
impl FairMutation {
    /// Plans a job fair (举办招聘会).
    /// Who may call: AGENCY_STAFF.
    async fn create_job_fair(
        &self,
        ctx: &Context<'_>,
        input: CreateJobFairInput,
    ) -> async_graphql::Result<JobFairPayload> {
        let org = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        service::create(
            ctx.state()?,
            ctx.actor()?,
            &input.title,
            input.kind,
            input.date.0,
            &input.venue,
            org,
        )
        .await
        .map(|f| JobFairPayload {
            job_fair: JobFair(f),
        })
        .extend()
    }

    /// Signs up an employer with its postings (参会单位).
    /// Who may call: AGENCY_STAFF.
    async fn add_fair_employer(
        &self,
        ctx: &Context<'_>,
        input: AddFairEmployerInput,
    ) -> async_graphql::Result<JobFairPayload> {
        let fair = decode(&input.fair_id, "JobFair", "fairId").extend()?;
        let employer = decode(&input.employer_id, "Employer", "employerId").extend()?;
        let postings = input
            .posting_ids
            .iter()
            .enumerate()
            .map(|(i, p)| decode(p, "Posting", &format!("postingIds[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .extend()?;
        service::add_employer(ctx.state()?, ctx.actor()?, fair, employer, &postings)
            .await
            .map(|f| JobFairPayload {
                job_fair: JobFair(f),
            })
            .extend()
    }

    /// Checks a seeker in (进场登记).
    /// Who may call: AGENCY_STAFF.
    async fn check_in_attendee(
        &self,
        ctx: &Context<'_>,
        input: CheckInAttendeeInput,
    ) -> async_graphql::Result<JobFairPayload> {
        let fair = decode(&input.fair_id, "JobFair", "fairId").extend()?;
        let seeker = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        service::check_in(ctx.state()?, ctx.actor()?, fair, seeker)
            .await
            .map(|f| JobFairPayload {
                job_fair: JobFair(f),
            })
            .extend()
    }

    /// Counts walk-in attendees (登记散客).
    /// Who may call: AGENCY_STAFF.
    async fn record_walk_ins(
        &self,
        ctx: &Context<'_>,
        input: RecordWalkInsInput,
    ) -> async_graphql::Result<JobFairPayload> {
        let fair = decode(&input.fair_id, "JobFair", "fairId").extend()?;
        service::add_walk_ins(ctx.state()?, ctx.actor()?, fair, input.count)
            .await
            .map(|f| JobFairPayload {
                job_fair: JobFair(f),
            })
            .extend()
    }

    /// Records an on-site intent agreement (意向性协议).
    /// Who may call: AGENCY_STAFF.
    async fn record_intent(
        &self,
        ctx: &Context<'_>,
        input: RecordIntentInput,
    ) -> async_graphql::Result<FairIntentPayload> {
        let fair = decode(&input.fair_id, "JobFair", "fairId").extend()?;
        let seeker = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        let employer = decode(&input.employer_id, "Employer", "employerId").extend()?;
        let posting = decode(&input.posting_id, "Posting", "postingId").extend()?;
        service::record_intent(ctx.state()?, ctx.actor()?, fair, seeker, employer, posting)
            .await
            .map(|i| FairIntentPayload {
                intent: FairIntent(i),
            })
            .extend()
    }

    /// Turns an intent into a referral that keeps the fair's link (意向转推荐).
    /// Who may call: AGENCY_STAFF.
    async fn refer_intent(
        &self,
        ctx: &Context<'_>,
        input: ReferIntentInput,
    ) -> async_graphql::Result<crate::employment::graphql::ReferralPayload> {
        let id = decode(&input.intent_id, "FairIntent", "intentId").extend()?;
        service::refer_intent(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|r| crate::employment::graphql::ReferralPayload {
                referral: Referral(r),
            })
            .extend()
    }
}
