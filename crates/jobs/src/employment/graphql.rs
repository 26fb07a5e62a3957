//! GraphQL surface of the employment agency.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject, Subscription};
use chrono::{DateTime, Utc};
use entity::{
    Education, FlagReason, Gender, Industry, Money, Ownership, PostingStatus, ReferralStatus,
    SeekerCategory, SeekerStatus, employer, job_seeker, placement, posting, referral,
};
use futures_util::{Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use super::rules::{self, Fit};
use super::{employers, matching, postings, referrals, seekers};
use crate::events::Event;
use crate::fairs::types::JobFair;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::{
    EmployerKey, JobFairKey, PlacementByReferralKey, PostingKey, PostingReferralsKey,
    SeekerCategoriesKey, SeekerCertificatesKey, SeekerKey, WorkerCasesKey,
};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::privacy;
use crate::training::graphql::{Certificate, TimelineEvent};
use crate::training::timeline::TimelineKey;

pub struct JobSeeker {
    pub model: job_seeker::Model,
    /// Set when the caller's right to see the person whole is decided by the context
    /// (an employer's candidate); otherwise the caller's role decides.
    pub reveal: Option<bool>,
}

impl JobSeeker {
    pub fn new(model: job_seeker::Model) -> Self {
        Self {
            model,
            reveal: None,
        }
    }

    fn whole(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(match self.reveal {
            Some(r) => r,
            None => ctx.actor()?.sees_seeker_data(),
        })
    }
}

/// Job seeker (求职者). Personal data is whole for the agency's staff and auditors, and
/// for an employer once it has hired the person; masked for everyone else.
#[Object]
impl JobSeeker {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("JobSeeker", self.model.id)
    }

    /// Name (姓名); masked unless the caller may see it whole.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let n = &self.model.name;
        Ok(if self.whole(ctx)? {
            n.clone()
        } else {
            privacy::mask_name(n)
        })
    }

    /// Resident ID number (身份证号码); masked unless the caller may see it whole.
    async fn id_number(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let n = &self.model.id_number;
        Ok(if self.whole(ctx)? {
            n.clone()
        } else {
            privacy::mask_id_number(n)
        })
    }

    /// Phone (联系电话); masked unless the caller may see it whole.
    async fn phone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let whole = self.whole(ctx)?;
        Ok(self.model.phone.as_deref().map(|p| {
            if whole {
                p.to_owned()
            } else {
                privacy::mask_phone(p)
            }
        }))
    }

    /// Gender (性别).
    async fn gender(&self) -> Gender {
        self.model.gender
    }

    /// Age today (年龄).
    async fn age(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        Ok(rules::age_on(
            self.model.birth_date,
            ctx.state()?.clock.today(),
        ))
    }

    /// 「4050」人员 today: a woman of 40 or over, a man of 50 or over (优先推举、优先挑选).
    async fn is_4050(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(rules::is_4050(
            self.model.gender,
            self.model.birth_date,
            ctx.state()?.clock.today(),
        ))
    }

    /// Linked to a worker with a filed hardship case (困难职工): served first and free.
    /// Null for employers: who is in hardship is not theirs to know.
    async fn hardship(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<bool>> {
        if ctx.actor()?.has_role(entity::Role::Employer) {
            return Ok(None);
        }
        let Some(worker) = self.model.worker_id else {
            return Ok(Some(false));
        };
        let today = ctx.state()?.clock.today();
        Ok(Some(
            load(ctx, WorkerCasesKey(worker))
                .await?
                .unwrap_or_default()
                .iter()
                .any(|c| {
                    crate::workflow::rules::effective_status(c.status, c.notice_end, today)
                        == entity::CaseStatus::Active
                }),
        ))
    }

    /// Categories (人员类别); null for employers.
    async fn categories(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Vec<SeekerCategory>>> {
        if ctx.actor()?.has_role(entity::Role::Employer) {
            return Ok(None);
        }
        Ok(Some(
            load(ctx, SeekerCategoriesKey(self.model.id))
                .await?
                .unwrap_or_default()
                .into_iter()
                .map(|c| c.category)
                .collect(),
        ))
    }

    /// Education (文化程度).
    async fn education(&self) -> Education {
        self.model.education
    }

    /// Skills and certificates (技能).
    async fn skills(&self) -> &[String] {
        &self.model.skills.0
    }

    /// Wanted occupation (求职意向).
    async fn wanted_occupation(&self) -> Option<&str> {
        self.model.wanted_occupation.as_deref()
    }

    /// Lowest monthly wage wanted (期望月薪).
    async fn wanted_wage_min(&self) -> Option<Money> {
        self.model.wanted_wage_min
    }

    /// Wanted district (期望工作区域), a region code.
    async fn wanted_district(&self) -> Option<&str> {
        self.model.wanted_district.as_deref()
    }

    /// Status (求职状态).
    async fn status(&self) -> SeekerStatus {
        self.model.status
    }

    /// When filed (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.model.created_at
    }

    /// Certificates earned through training and skill assessment (培训合格证、职业资格证书).
    async fn certificates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Certificate>> {
        Ok(load(ctx, SeekerCertificatesKey(self.model.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Certificate::from)
            .collect())
    }

    /// Everything the agency did with the seeker, in date order (服务记录): guidance,
    /// training, assessments, referrals, placements and follow-ups. Null for employers.
    async fn timeline(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Vec<TimelineEvent>>> {
        if ctx.actor()?.has_role(entity::Role::Employer) {
            return Ok(None);
        }
        Ok(Some(
            load(ctx, TimelineKey(self.model.id))
                .await?
                .unwrap_or_default()
                .into_iter()
                .map(TimelineEvent::from)
                .collect(),
        ))
    }
}

pub struct Employer(pub employer::Model);

/// Whether the caller works with employers' contacts: the agency, or a portal account
/// (which only ever reaches its own employer).
fn agency_or_own(ctx: &Context<'_>) -> async_graphql::Result<bool> {
    let actor = ctx.actor()?;
    Ok(actor.has_role(entity::Role::AgencyStaff) || actor.has_role(entity::Role::Employer))
}

/// Employer (用工单位).
#[Object]
impl Employer {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Employer", self.0.id)
    }

    /// Name (单位名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Unified social credit code (统一社会信用代码).
    async fn credit_code(&self) -> &str {
        &self.0.credit_code
    }

    /// Ownership (所有制性质).
    async fn ownership(&self) -> Ownership {
        self.0.ownership
    }

    /// Industry (所属行业).
    async fn industry(&self) -> Industry {
        self.0.industry
    }

    /// District (所在区域), a region code.
    async fn district(&self) -> &str {
        &self.0.district
    }

    /// Contact person (联系人); masked outside the agency and the employer itself.
    async fn contact_name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(if agency_or_own(ctx)? {
            self.0.contact_name.clone()
        } else {
            privacy::mask_name(&self.0.contact_name)
        })
    }

    /// Contact phone (联系电话); masked outside the agency and the employer itself.
    async fn contact_phone(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(if agency_or_own(ctx)? {
            self.0.contact_phone.clone()
        } else {
            privacy::mask_phone(&self.0.contact_phone)
        })
    }

    /// Verified by the agency (已核实).
    async fn verified(&self) -> bool {
        self.0.verified
    }

    /// Flag for wage arrears or a labour dispute (警示); its postings stay off the board.
    async fn flag(&self) -> Option<FlagReason> {
        self.0.flag
    }

    /// What was recorded with the flag (警示说明).
    async fn flag_note(&self) -> Option<&str> {
        self.0.flag_note.as_deref()
    }
}

pub struct Posting(pub posting::Model);

/// Posting (岗位).
#[Object]
impl Posting {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Posting", self.0.id)
    }

    /// The employer (用工单位).
    async fn employer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Employer>> {
        Ok(load(ctx, EmployerKey(self.0.employer_id))
            .await?
            .map(Employer))
    }

    /// Title (岗位名称).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Occupation (工种).
    async fn occupation(&self) -> &str {
        &self.0.occupation
    }

    /// Positions (招聘人数).
    async fn headcount(&self) -> i32 {
        self.0.headcount
    }

    /// Positions filled (已录用人数).
    async fn filled(&self) -> i32 {
        self.0.filled
    }

    /// Lowest monthly wage (月薪下限).
    async fn wage_min(&self) -> Money {
        self.0.wage_min
    }

    /// Highest monthly wage (月薪上限).
    async fn wage_max(&self) -> Money {
        self.0.wage_max
    }

    /// District (工作区域), a region code.
    async fn district(&self) -> &str {
        &self.0.district
    }

    /// Youngest age accepted (年龄下限).
    async fn age_min(&self) -> Option<i32> {
        self.0.age_min
    }

    /// Oldest age accepted (年龄上限).
    async fn age_max(&self) -> Option<i32> {
        self.0.age_max
    }

    /// Lowest education (学历要求).
    async fn education(&self) -> Option<Education> {
        self.0.education
    }

    /// Skills wanted (技能要求).
    async fn skills(&self) -> &[String] {
        &self.0.skills.0
    }

    /// Suitable for 「4050」 seekers (适合4050人员).
    async fn suitable_for_4050(&self) -> bool {
        self.0.suitable_for_4050
    }

    /// A certificate the seeker must hold (持证要求).
    async fn required_certificate(&self) -> Option<&str> {
        self.0.required_certificate.as_deref()
    }

    /// Last day it takes referrals (截止日期).
    async fn expires_on(&self) -> Date {
        Date(self.0.expires_on)
    }

    /// Status as of today (岗位状态).
    async fn status(&self, ctx: &Context<'_>) -> async_graphql::Result<PostingStatus> {
        Ok(postings::effective_status(
            &self.0,
            ctx.state()?.clock.today(),
        ))
    }

    /// When it was published (发布时间).
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// Referrals to it (推荐记录): the agency's, or the employer's own postings'.
    async fn referrals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Referral>> {
        // The posting itself was reached through a scoped, employer-filtered query; who
        // may see its referrals is a matter of role.
        if ctx
            .actor()?
            .require_any(&[
                entity::Role::AgencyStaff,
                entity::Role::Employer,
                entity::Role::Auditor,
            ])
            .is_err()
        {
            return Ok(Vec::new());
        }
        Ok(load(ctx, PostingReferralsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Referral)
            .collect())
    }
}

pub struct PublicPosting(pub posting::Model);

/// A posting on the public board (招聘信息): no contact data.
// Plain data and at most one loaded field: in order is cheaper than joined.
#[Object(serial)]
impl PublicPosting {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Posting", self.0.id)
    }

    /// Employer's name (用工单位).
    async fn employer_name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(load(ctx, EmployerKey(self.0.employer_id))
            .await?
            .map(|e| e.name))
    }

    /// Title (岗位名称).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Occupation (工种).
    async fn occupation(&self) -> &str {
        &self.0.occupation
    }

    /// Positions still open (尚缺人数).
    async fn openings(&self) -> i32 {
        self.0.headcount - self.0.filled
    }

    /// Lowest monthly wage (月薪下限).
    async fn wage_min(&self) -> Money {
        self.0.wage_min
    }

    /// Highest monthly wage (月薪上限).
    async fn wage_max(&self) -> Money {
        self.0.wage_max
    }

    /// District (工作区域).
    async fn district(&self) -> &str {
        &self.0.district
    }

    /// Age range (年龄要求).
    async fn age_min(&self) -> Option<i32> {
        self.0.age_min
    }

    /// Age range (年龄要求).
    async fn age_max(&self) -> Option<i32> {
        self.0.age_max
    }

    /// Lowest education (学历要求).
    async fn education(&self) -> Option<Education> {
        self.0.education
    }

    /// Suitable for 「4050」 seekers (适合4050人员).
    async fn suitable_for_4050(&self) -> bool {
        self.0.suitable_for_4050
    }

    /// Last day (截止日期).
    async fn expires_on(&self) -> Date {
        Date(self.0.expires_on)
    }
}

pub struct Referral(pub referral::Model);

/// Referral (职业介绍) with its letter (介绍信).
#[Object]
impl Referral {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Referral", self.0.id)
    }

    /// Number of the referral letter (介绍信编号).
    async fn letter_number(&self) -> &str {
        &self.0.letter_number
    }

    /// The seeker (求职者): an employer sees the person masked until it hires them.
    async fn seeker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<JobSeeker>> {
        let actor = ctx.actor()?;
        let reveal = actor
            .has_role(entity::Role::Employer)
            .then_some(self.0.status == ReferralStatus::Hired);
        Ok(load(ctx, SeekerKey(self.0.seeker_id))
            .await?
            .map(|model| JobSeeker { model, reveal }))
    }

    /// The posting (岗位).
    async fn posting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Posting>> {
        Ok(load(ctx, PostingKey(self.0.posting_id)).await?.map(Posting))
    }

    /// Status (推荐状态).
    async fn status(&self) -> ReferralStatus {
        self.0.status
    }

    /// Note (备注).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// The placement, once hired (介绍成功).
    async fn placement(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Placement>> {
        Ok(load(ctx, PlacementByReferralKey(self.0.id))
            .await?
            .map(Placement))
    }

    /// The job fair it came from (招聘会), when made from an on-site intent (意向性协议).
    /// Null for those who do not read fairs (an employer).
    async fn fair(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<JobFair>> {
        let Some(fair) = self.0.fair_id else {
            return Ok(None);
        };
        if ctx
            .actor()?
            .require_any(crate::fairs::service::READERS)
            .is_err()
        {
            return Ok(None);
        }
        Ok(load(ctx, JobFairKey(fair)).await?.map(JobFair))
    }

    /// The labour-export batch it belongs to (外出务工输送批次), if any.
    async fn export_batch_id(&self) -> Option<ID> {
        self.0.export_batch_id.map(|b| global_id("ExportBatch", b))
    }

    /// When the letter was issued (开具时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Placement(pub placement::Model);

/// Placement (介绍成功).
#[Object]
impl Placement {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("Placement", self.0.id)
    }

    /// First day of work (上岗日期).
    async fn start_date(&self) -> Date {
        Date(self.0.start_date)
    }

    /// Monthly wage (月薪).
    async fn monthly_wage(&self) -> Money {
        self.0.monthly_wage
    }

    /// Still employed at the 3-month follow-up (三个月回访); null until recorded.
    async fn employed_at_3_months(&self) -> Option<bool> {
        self.0.employed_at_3_months
    }

    /// Still employed at the 6-month follow-up (六个月回访); null until recorded.
    async fn employed_at_6_months(&self) -> Option<bool> {
        self.0.employed_at_6_months
    }
}

pub struct PostingMatch(posting::Model, Fit);

/// A posting matched to a seeker (推荐岗位).
#[Object]
impl PostingMatch {
    /// The posting.
    async fn posting(&self) -> Posting {
        Posting(self.0.clone())
    }

    /// Fit, 0–100 (匹配度): occupation 30, skills 25, district 15, wage 15, age 10, education 5.
    async fn score(&self) -> u32 {
        self.1.score
    }

    /// Why (匹配原因), as codes.
    async fn reasons(&self) -> &[&'static str] {
        &self.1.reasons
    }
}

pub struct SeekerMatch(job_seeker::Model, Fit);

/// A seeker matched to a posting (推荐人选).
#[Object]
impl SeekerMatch {
    /// The seeker (求职者): an employer sees the person masked, as in a referral before
    /// hire.
    async fn seeker(&self, ctx: &Context<'_>) -> async_graphql::Result<JobSeeker> {
        let reveal = ctx
            .actor()?
            .has_role(entity::Role::Employer)
            .then_some(false);
        Ok(JobSeeker {
            model: self.0.clone(),
            reveal,
        })
    }

    /// Fit, 0–100 (匹配度).
    async fn score(&self) -> u32 {
        self.1.score
    }

    /// Why (匹配原因), as codes; PRIORITY_4050 / PRIORITY_HARDSHIP mark the 两优先 (an
    /// employer is not told PRIORITY_HARDSHIP).
    async fn reasons(&self) -> &[&'static str] {
        &self.1.reasons
    }
}

/// Fees waived (减免费用).
#[derive(SimpleObject)]
pub struct FeesWaived {
    /// Total (合计).
    pub total: Money,
    /// Services waived (次数).
    pub count: i64,
}

/// Input of `createJobSeeker` (求职登记).
#[derive(InputObject)]
pub struct CreateJobSeekerInput {
    /// Name (姓名).
    pub name: String,
    /// Resident ID number (身份证号码).
    pub id_number: String,
    /// Phone (联系电话).
    pub phone: Option<String>,
    /// The agency's org unit (所属组织).
    pub org_unit_id: ID,
    /// Categories (人员类别), at least one.
    pub categories: Vec<SeekerCategory>,
    /// Education (文化程度).
    pub education: Education,
    /// Skills and certificates (技能).
    #[graphql(default)]
    pub skills: Vec<String>,
    /// Wanted occupation (求职意向).
    pub wanted_occupation: Option<String>,
    /// Lowest monthly wage wanted (期望月薪).
    pub wanted_wage_min: Option<Money>,
    /// Wanted district (期望工作区域), a region code.
    pub wanted_district: Option<String>,
    /// The worker in the hardship registry, if the seeker is one (关联职工).
    pub worker_id: Option<ID>,
}

impl CreateJobSeekerInput {
    /// The service's new seeker, with its IDs decoded.
    pub fn decode(self) -> crate::error::ApiResult<seekers::NewSeeker> {
        Ok(seekers::NewSeeker {
            org_unit_id: decode(&self.org_unit_id, "OrgUnit", "orgUnitId")?,
            worker_id: decode_opt(self.worker_id.as_ref(), "Worker", "workerId")?,
            name: self.name,
            id_number: self.id_number,
            phone: self.phone,
            categories: self.categories,
            education: self.education,
            skills: self.skills,
            wanted_occupation: self.wanted_occupation,
            wanted_wage_min: self.wanted_wage_min,
            wanted_district: self.wanted_district,
        })
    }
}

/// Input of `updateJobSeeker` (修改求职信息); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateJobSeekerInput {
    /// The seeker.
    pub id: ID,
    /// Phone (联系电话).
    pub phone: Option<String>,
    /// Categories (人员类别).
    pub categories: Option<Vec<SeekerCategory>>,
    /// Education (文化程度).
    pub education: Option<Education>,
    /// Skills (技能).
    pub skills: Option<Vec<String>>,
    /// Wanted occupation (求职意向).
    pub wanted_occupation: Option<String>,
    /// Lowest monthly wage wanted (期望月薪).
    pub wanted_wage_min: Option<Money>,
    /// Wanted district (期望工作区域).
    pub wanted_district: Option<String>,
    /// Status (求职状态).
    pub status: Option<SeekerStatus>,
}

/// Input of `createEmployer` (建立用工单位档案).
#[derive(InputObject)]
pub struct CreateEmployerInput {
    /// Name (单位名称).
    pub name: String,
    /// Unified social credit code (统一社会信用代码), with a valid check character.
    pub credit_code: String,
    /// Ownership (所有制性质).
    pub ownership: Ownership,
    /// Industry (所属行业).
    pub industry: Industry,
    /// District (所在区域), a region code.
    pub district: String,
    /// Contact person (联系人).
    pub contact_name: String,
    /// Contact phone (联系电话).
    pub contact_phone: String,
    /// The agency's org unit that files it (所属组织).
    pub org_unit_id: ID,
}

/// Input of `verifyEmployer` (核实用工单位).
#[derive(InputObject)]
pub struct VerifyEmployerInput {
    /// The employer.
    pub employer_id: ID,
}

/// Input of `flagEmployer` (警示用工单位): a reason flags, none clears.
#[derive(InputObject)]
pub struct FlagEmployerInput {
    /// The employer.
    pub employer_id: ID,
    /// Wage arrears or a labour dispute; omitted to clear the flag.
    pub reason: Option<FlagReason>,
    /// What was recorded (说明); required with a reason.
    pub note: Option<String>,
}

/// Input of `setMinimumWage` (设置最低工资标准).
#[derive(InputObject)]
pub struct SetMinimumWageInput {
    /// Region code (行政区划代码).
    pub region_code: String,
    /// In force from (执行日期).
    pub effective_from: Date,
    /// Monthly amount (月最低工资).
    pub monthly_amount: Money,
}

/// Input of `createPosting` (发布岗位信息).
#[derive(InputObject)]
pub struct CreatePostingInput {
    /// The employer.
    pub employer_id: ID,
    /// Title (岗位名称).
    pub title: String,
    /// Occupation (工种).
    pub occupation: String,
    /// Positions (招聘人数), at least 1.
    pub headcount: i32,
    /// Lowest monthly wage (月薪下限), not below the local minimum wage.
    pub wage_min: Money,
    /// Highest monthly wage (月薪上限).
    pub wage_max: Money,
    /// District (工作区域), a region code.
    pub district: String,
    /// Youngest age (年龄下限).
    pub age_min: Option<i32>,
    /// Oldest age (年龄上限).
    pub age_max: Option<i32>,
    /// Lowest education (学历要求).
    pub education: Option<Education>,
    /// Skills wanted (技能要求).
    #[graphql(default)]
    pub skills: Vec<String>,
    /// Suitable for 「4050」 seekers (适合4050人员).
    #[graphql(default)]
    pub suitable_for_4050: bool,
    /// A certificate the seeker must hold, by occupation (持证要求), e.g. 焊工.
    pub required_certificate: Option<String>,
    /// Last day (截止日期).
    pub expires_on: Date,
}

/// Input of `publishPosting` / `closePosting`.
#[derive(InputObject)]
pub struct PostingIdInput {
    /// The posting.
    pub posting_id: ID,
}

/// Input of `refer` (推荐就业).
#[derive(InputObject)]
pub struct ReferInput {
    /// The seeker.
    pub seeker_id: ID,
    /// The posting.
    pub posting_id: ID,
}

/// Input of `updateReferral` (反馈推荐结果).
#[derive(InputObject)]
pub struct UpdateReferralInput {
    /// The referral.
    pub referral_id: ID,
    /// The new status (推荐状态).
    pub status: ReferralStatus,
    /// Note (备注).
    pub note: Option<String>,
    /// For a hire: the first day of work (上岗日期); today when omitted.
    pub start_date: Option<Date>,
    /// For a hire: the monthly wage (月薪); the posting's lowest when omitted.
    pub monthly_wage: Option<Money>,
}

/// Input of `recordFollowUp` (就业回访).
#[derive(InputObject)]
pub struct RecordFollowUpInput {
    /// The placement.
    pub placement_id: ID,
    /// 3 or 6 months after the start (回访时点).
    pub months: u32,
    /// Still employed (仍在岗).
    pub still_employed: bool,
}

/// Filter of the public board.
#[derive(InputObject, Default)]
pub struct PostingBoardFilter {
    /// Only this occupation (工种).
    pub occupation: Option<String>,
    /// Only this district (区域).
    pub district: Option<String>,
    /// Only postings suitable (or not) for 4050 seekers.
    pub suitable_for_4050: Option<bool>,
    /// Only postings paying at least this much (月薪不低于).
    pub wage_at_least: Option<Money>,
}

/// Filter of `jobSeekers`.
#[derive(InputObject, Default)]
pub struct JobSeekerFilterInput {
    /// Part of the name, or the start of the ID number.
    pub search: Option<String>,
    /// Only this category.
    pub category: Option<SeekerCategory>,
    /// Only this status.
    pub status: Option<SeekerStatus>,
}

/// Result of the job-seeker mutations.
#[derive(SimpleObject)]
pub struct JobSeekerPayload {
    /// The seeker as saved.
    pub job_seeker: JobSeeker,
}

/// Result of the employer mutations.
#[derive(SimpleObject)]
pub struct EmployerPayload {
    /// The employer as saved.
    pub employer: Employer,
}

/// Result of the posting mutations.
#[derive(SimpleObject)]
pub struct PostingPayload {
    /// The posting as saved.
    pub posting: Posting,
}

/// Result of `refer` / `updateReferral`.
#[derive(SimpleObject)]
pub struct ReferralPayload {
    /// The referral as saved.
    pub referral: Referral,
}

/// Result of `recordFollowUp`.
#[derive(SimpleObject)]
pub struct PlacementPayload {
    /// The placement as saved.
    pub placement: Placement,
}

/// Result of `setMinimumWage`.
#[derive(SimpleObject)]
pub struct MinimumWagePayload {
    /// Region code.
    pub region_code: String,
    /// In force from.
    pub effective_from: Date,
    /// Monthly amount.
    pub monthly_amount: Money,
}

#[derive(Default)]
pub struct EmploymentQuery;

#[Object]
impl EmploymentQuery {
    /// One job seeker (求职者).
    async fn job_seeker(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<JobSeeker> {
        let id = decode(&id, "JobSeeker", "id").extend()?;
        seekers::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(JobSeeker::new)
            .extend()
    }

    /// Job seekers of the caller's subtree, oldest first (求职者列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn job_seekers(
        &self,
        ctx: &Context<'_>,
        filter: Option<JobSeekerFilterInput>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<JobSeeker>> {
        let state = ctx.state()?;
        let f = filter.unwrap_or_default();
        let page = page_args(ctx, after, None, first, None)?;
        let filter = seekers::SeekerFilter {
            search: f.search,
            category: f.category,
            status: f.status,
        };
        seekers::list(state, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |s| s.id, JobSeeker::new))
            .extend()
    }

    /// One employer (用工单位).
    async fn employer(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Employer> {
        let id = decode(&id, "Employer", "id").extend()?;
        employers::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Employer)
            .extend()
    }

    /// Employers of the caller's subtree (用工单位列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn employers(
        &self,
        ctx: &Context<'_>,
        flagged: Option<bool>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Employer>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        employers::list(state, ctx.actor()?, flagged, &page)
            .await
            .map(|p| connection(p, |e| e.id, Employer))
            .extend()
    }

    /// One posting (岗位).
    async fn posting(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Posting> {
        let id = decode(&id, "Posting", "id").extend()?;
        postings::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Posting)
            .extend()
    }

    /// Postings of the caller's subtree, or an employer's own (岗位列表).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn postings(
        &self,
        ctx: &Context<'_>,
        employer_id: Option<ID>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Posting>> {
        let state = ctx.state()?;
        let employer = decode_opt(employer_id.as_ref(), "Employer", "employerId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        postings::list(state, ctx.actor()?, employer, &page)
            .await
            .map(|p| connection(p, |x| x.id, Posting))
            .extend()
    }

    /// The public job board (招聘信息): open postings of employers in good standing. No
    /// login; no contact data.
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn open_postings(
        &self,
        ctx: &Context<'_>,
        filter: Option<PostingBoardFilter>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<PublicPosting>> {
        let state = ctx.state()?;
        let f = filter.unwrap_or_default();
        let page = page_args(ctx, after, None, first, None)?;
        let filter = postings::BoardFilter {
            occupation: f.occupation,
            district: f.district,
            suitable_for_4050: f.suitable_for_4050,
            wage_at_least: f.wage_at_least,
        };
        postings::board(state, filter, &page)
            .await
            .map(|p| connection(p, |x| x.id, PublicPosting))
            .extend()
    }

    /// Postings for a seeker, best first, with the score and its reasons (人岗匹配).
    /// AGENCY_STAFF.
    async fn match_postings(
        &self,
        ctx: &Context<'_>,
        seeker_id: ID,
        #[graphql(default = 10)] first: u16,
    ) -> async_graphql::Result<Vec<PostingMatch>> {
        let id = decode(&seeker_id, "JobSeeker", "seekerId").extend()?;
        let state = ctx.state()?;
        let n = usize::from(first.min(state.config.max_page_size));
        matching::postings_for(state, ctx.actor()?, id, n)
            .await
            .map(|v| v.into_iter().map(|(p, f)| PostingMatch(p, f)).collect())
            .extend()
    }

    /// Seekers recommended for a posting (推荐人选), best first; 4050 and hardship seekers
    /// first among equals (两优先). AGENCY_STAFF, or an EMPLOYER for its own posting: the same
    /// ranking, the people masked as in referrals before hire, nothing said of hardship.
    async fn match_seekers(
        &self,
        ctx: &Context<'_>,
        posting_id: ID,
        #[graphql(default = 10)] first: u16,
    ) -> async_graphql::Result<Vec<SeekerMatch>> {
        let id = decode(&posting_id, "Posting", "postingId").extend()?;
        let state = ctx.state()?;
        let n = usize::from(first.min(state.config.max_page_size));
        matching::seekers_for(state, ctx.actor()?, id, n)
            .await
            .map(|v| v.into_iter().map(|(s, f)| SeekerMatch(s, f)).collect())
            .extend()
    }

    /// Fees waived in an org subtree over a period (减免费用), summed.
    async fn fees_waived(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> async_graphql::Result<FeesWaived> {
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        seekers::fees_waived(ctx.state()?, ctx.actor()?, org, from, to)
            .await
            .map(|(total, count)| FeesWaived { total, count })
            .extend()
    }
}

#[derive(Default)]
pub struct EmploymentMutation;

#[Object]
impl EmploymentMutation {
    /// Files a job seeker (求职登记); free for the disadvantaged, with the fee recorded as
    /// waived.
    /// Who may call: AGENCY_STAFF.
    async fn create_job_seeker(
        &self,
        ctx: &Context<'_>,
        input: CreateJobSeekerInput,
    ) -> async_graphql::Result<JobSeekerPayload> {
        let new = input.decode().extend()?;
        seekers::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|s| JobSeekerPayload {
                job_seeker: JobSeeker::new(s),
            })
            .extend()
    }

    /// Changes a job seeker's record (修改求职信息).
    /// Who may call: AGENCY_STAFF.
    async fn update_job_seeker(
        &self,
        ctx: &Context<'_>,
        input: UpdateJobSeekerInput,
    ) -> async_graphql::Result<JobSeekerPayload> {
        let id = decode(&input.id, "JobSeeker", "id").extend()?;
        let changes = seekers::SeekerChanges {
            phone: input.phone,
            categories: input.categories,
            education: input.education,
            skills: input.skills,
            wanted_occupation: input.wanted_occupation,
            wanted_wage_min: input.wanted_wage_min,
            wanted_district: input.wanted_district,
            status: input.status,
        };
        seekers::update(ctx.state()?, ctx.actor()?, id, changes)
            .await
            .map(|s| JobSeekerPayload {
                job_seeker: JobSeeker::new(s),
            })
            .extend()
    }

    /// Files an employer (建立用工单位档案).
    /// Who may call: AGENCY_STAFF.
    async fn create_employer(
        &self,
        ctx: &Context<'_>,
        input: CreateEmployerInput,
    ) -> async_graphql::Result<EmployerPayload> {
        let org = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        let new = employers::NewEmployer {
            name: input.name,
            credit_code: input.credit_code,
            ownership: input.ownership,
            industry: input.industry,
            district: input.district,
            contact_name: input.contact_name,
            contact_phone: input.contact_phone,
            org_unit_id: org,
        };
        employers::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|e| EmployerPayload {
                employer: Employer(e),
            })
            .extend()
    }

    /// Verifies an employer (核实).
    /// Who may call: AGENCY_STAFF.
    async fn verify_employer(
        &self,
        ctx: &Context<'_>,
        input: VerifyEmployerInput,
    ) -> async_graphql::Result<EmployerPayload> {
        let id = decode(&input.employer_id, "Employer", "employerId").extend()?;
        employers::set_standing(ctx.state()?, ctx.actor()?, id, Some(true), None, None)
            .await
            .map(|e| EmployerPayload {
                employer: Employer(e),
            })
            .extend()
    }

    /// Flags an employer for wage arrears or a labour dispute, keeping its postings off
    /// the board; no reason clears it (警示).
    /// Who may call: AGENCY_STAFF.
    async fn flag_employer(
        &self,
        ctx: &Context<'_>,
        input: FlagEmployerInput,
    ) -> async_graphql::Result<EmployerPayload> {
        let id = decode(&input.employer_id, "Employer", "employerId").extend()?;
        employers::set_standing(
            ctx.state()?,
            ctx.actor()?,
            id,
            None,
            Some(input.reason),
            input.note,
        )
        .await
        .map(|e| EmployerPayload {
            employer: Employer(e),
        })
        .extend()
    }

    /// Sets a region's minimum monthly wage from a date (设置最低工资标准).
    /// Who may call: ADMIN (root unit only).
    async fn set_minimum_wage(
        &self,
        ctx: &Context<'_>,
        input: SetMinimumWageInput,
    ) -> async_graphql::Result<MinimumWagePayload> {
        employers::set_minimum_wage(
            ctx.state()?,
            ctx.actor()?,
            input.region_code.trim(),
            input.effective_from.0,
            input.monthly_amount,
        )
        .await
        .map(|m| MinimumWagePayload {
            region_code: m.region_code,
            effective_from: Date(m.effective_from),
            monthly_amount: m.monthly_amount,
        })
        .extend()
    }

    /// Creates a draft posting (新建岗位): wages not below the local minimum, wageMin ≤
    /// wageMax, headcount ≥ 1.
    /// Who may call: AGENCY_STAFF, EMPLOYER (for its own employer).
    async fn create_posting(
        &self,
        ctx: &Context<'_>,
        input: CreatePostingInput,
    ) -> async_graphql::Result<PostingPayload> {
        let employer = decode(&input.employer_id, "Employer", "employerId").extend()?;
        let new = postings::NewPosting {
            employer_id: employer,
            title: input.title,
            occupation: input.occupation,
            headcount: input.headcount,
            wage_min: input.wage_min,
            wage_max: input.wage_max,
            district: input.district,
            age_min: input.age_min,
            age_max: input.age_max,
            education: input.education,
            skills: input.skills,
            suitable_for_4050: input.suitable_for_4050,
            required_certificate: input.required_certificate,
            expires_on: input.expires_on.0,
        };
        postings::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|p| PostingPayload {
                posting: Posting(p),
            })
            .extend()
    }

    /// Publishes a draft posting to the board (发布).
    /// Who may call: AGENCY_STAFF, EMPLOYER (its own postings).
    async fn publish_posting(
        &self,
        ctx: &Context<'_>,
        input: PostingIdInput,
    ) -> async_graphql::Result<PostingPayload> {
        let id = decode(&input.posting_id, "Posting", "postingId").extend()?;
        postings::publish(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|p| PostingPayload {
                posting: Posting(p),
            })
            .extend()
    }

    /// Closes a posting (关闭).
    /// Who may call: AGENCY_STAFF, EMPLOYER (its own postings).
    async fn close_posting(
        &self,
        ctx: &Context<'_>,
        input: PostingIdInput,
    ) -> async_graphql::Result<PostingPayload> {
        let id = decode(&input.posting_id, "Posting", "postingId").extend()?;
        postings::close(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|p| PostingPayload {
                posting: Posting(p),
            })
            .extend()
    }

    /// Issues a referral letter (开具介绍信) for a seeker to an open posting.
    /// Who may call: AGENCY_STAFF.
    async fn refer(
        &self,
        ctx: &Context<'_>,
        input: ReferInput,
    ) -> async_graphql::Result<ReferralPayload> {
        let seeker = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        let posting = decode(&input.posting_id, "Posting", "postingId").extend()?;
        referrals::refer(ctx.state()?, ctx.actor()?, seeker, posting)
            .await
            .map(|r| ReferralPayload {
                referral: Referral(r),
            })
            .extend()
    }

    /// Reports a referral's outcome (反馈); a hire is a placement that fills the posting.
    /// Who may call: AGENCY_STAFF, EMPLOYER (referrals to its own postings).
    async fn update_referral(
        &self,
        ctx: &Context<'_>,
        input: UpdateReferralInput,
    ) -> async_graphql::Result<ReferralPayload> {
        let id = decode(&input.referral_id, "Referral", "referralId").extend()?;
        let hire = referrals::Hire {
            start_date: input.start_date.map(|d| d.0),
            monthly_wage: input.monthly_wage,
        };
        referrals::update(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.status,
            input.note,
            hire,
        )
        .await
        .map(|(r, _)| ReferralPayload {
            referral: Referral(r),
        })
        .extend()
    }

    /// Records a follow-up 3 or 6 months after a placement (就业回访).
    /// Who may call: AGENCY_STAFF.
    async fn record_follow_up(
        &self,
        ctx: &Context<'_>,
        input: RecordFollowUpInput,
    ) -> async_graphql::Result<PlacementPayload> {
        let id = decode(&input.placement_id, "Placement", "placementId").extend()?;
        referrals::follow_up(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.months,
            input.still_employed,
        )
        .await
        .map(|p| PlacementPayload {
            placement: Placement(p),
        })
        .extend()
    }
}

/// Filter of `postingPublished`.
#[derive(InputObject, Default)]
pub struct PostingPublishedFilter {
    /// Only this occupation.
    pub occupation: Option<String>,
    /// Only this district.
    pub district: Option<String>,
    /// Only postings suitable for 4050 seekers.
    pub suitable_for_4050: Option<bool>,
}

#[derive(Default)]
pub struct EmploymentSubscription;

#[Subscription]
impl EmploymentSubscription {
    /// Postings as they are published to the public board (新岗位发布). No login needed.
    async fn posting_published(
        &self,
        ctx: &Context<'_>,
        filter: Option<PostingPublishedFilter>,
    ) -> async_graphql::Result<impl Stream<Item = PublicPosting> + use<>> {
        let state = ctx.state()?.clone();
        let filter = filter.unwrap_or_default();
        Ok(
            BroadcastStream::new(state.events.subscribe()).filter_map(move |event| {
                let state = state.clone();
                let (occupation, district, suitable) = (
                    filter.occupation.clone(),
                    filter.district.clone(),
                    filter.suitable_for_4050,
                );
                async move {
                    let Ok(Event::PostingPublished(id)) = event else {
                        return None;
                    };
                    let p = postings::on_board(&state, id).await.ok().flatten()?;
                    let wanted = occupation.is_none_or(|o| o == p.occupation)
                        && district.is_none_or(|d| d == p.district)
                        && suitable.is_none_or(|s| s == p.suitable_for_4050);
                    wanted.then_some(PublicPosting(p))
                }
            }),
        )
    }
}
