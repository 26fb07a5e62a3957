//! GraphQL surface of contacts (来电来访登记).

use async_graphql::{Context, ID, InputObject, Json, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    ContactChannel, ContactConversion, ContactStatus, ContactTopic, contact, contact_callback,
};

use super::service::{self, ContactFilter, Conversion, NewContact};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{ContactCallbacksKey, OrgUnitKey, SeekerKey, WorkerKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::legal_aid::graphql::LegalAidClaimInput;
use crate::org::graphql::OrgUnit;
use bangfu_jobs::employment::graphql::{CreateJobSeekerInput, JobSeeker};
use bangfu_relief::registry::types::Worker;

pub struct Contact(pub contact::Model);

impl Contact {
    /// Whether the caller may read who called, what they said and what became of it: a
    /// women workers' rights contact (女职工维权) is for the desk and the committee only.
    fn readable(&self, ctx: &Context<'_>) -> bool {
        ctx.actor()
            .is_ok_and(|actor| super::rules::readable(actor, &self.0))
    }
}

/// The GraphQL type name of what a contact became, for its global ID.
fn target_kind(to: ContactConversion) -> &'static str {
    match to {
        ContactConversion::Screening => "Worker",
        ContactConversion::JobSeeker => "JobSeeker",
        ContactConversion::LegalAid => "LegalAidCase",
        ContactConversion::Petition => "Petition",
        ContactConversion::WomenRights => "WomenRightsCase",
    }
}

/// A contact with the service desk (来电来访登记): a call to 12351, a visit, a letter or an
/// online message.
#[Object]
impl Contact {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Contact", self.0.id)
    }

    /// The org unit it belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// How it came (渠道).
    async fn channel(&self) -> ContactChannel {
        self.0.channel
    }

    /// Topic (诉求类别).
    async fn topic(&self) -> ContactTopic {
        self.0.topic
    }

    /// When it came (来电来访时间).
    async fn received_at(&self) -> DateTime<Utc> {
        self.0.received_at
    }

    /// The caller as a filed worker (来访职工), when in the caller's scope; null on a
    /// women workers' rights contact for anyone but the desk and the committee.
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        let Some(id) = self.0.worker_id.filter(|_| self.readable(ctx)) else {
            return Ok(None);
        };
        match load(ctx, WorkerKey(id)).await? {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// The caller as a filed job seeker (求职人员), when in the caller's scope; null on a
    /// women workers' rights contact for anyone but the desk and the committee.
    async fn job_seeker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<JobSeeker>> {
        let Some(id) = self.0.job_seeker_id.filter(|_| self.readable(ctx)) else {
            return Ok(None);
        };
        match load(ctx, SeekerKey(id)).await? {
            Some(s) if in_scope(ctx, s.org_unit_id).await? => Ok(Some(JobSeeker::new(s))),
            _ => Ok(None),
        }
    }

    /// The name a caller not on file gave (来访人姓名); null on a women workers' rights
    /// contact for anyone but the desk and the committee.
    async fn caller_name(&self, ctx: &Context<'_>) -> Option<&str> {
        self.0.caller_name.as_deref().filter(|_| self.readable(ctx))
    }

    /// The caller's phone (联系电话); null on a women workers' rights contact for anyone
    /// but the desk and the committee.
    async fn caller_phone(&self, ctx: &Context<'_>) -> Option<&str> {
        self.0
            .caller_phone
            .as_deref()
            .filter(|_| self.readable(ctx))
    }

    /// The caller gave no name (匿名).
    async fn anonymous(&self) -> bool {
        self.0.anonymous
    }

    /// What the caller said (来电来访内容); null on a women workers' rights contact for
    /// anyone but the desk and the committee.
    async fn summary(&self, ctx: &Context<'_>) -> Option<&str> {
        Some(self.0.summary.as_str()).filter(|_| self.readable(ctx))
    }

    /// Where it stands (处理状态).
    async fn status(&self) -> ContactStatus {
        self.0.status
    }

    /// The answer given on the spot (当场答复); null on a women workers' rights contact
    /// for anyone but the desk and the committee.
    async fn answer(&self, ctx: &Context<'_>) -> Option<&str> {
        self.0.answer.as_deref().filter(|_| self.readable(ctx))
    }

    /// What it was turned into (转办去向); null on a women workers' rights contact for
    /// anyone but the desk and the committee.
    async fn converted_to(&self, ctx: &Context<'_>) -> Option<ContactConversion> {
        self.0.converted_to.filter(|_| self.readable(ctx))
    }

    /// The global ID of what it became: the worker screened, the job seeker, the
    /// legal-aid case, the petition or the women workers' case (转办记录), fetchable by
    /// its own query; null on a women workers' rights contact for anyone but the desk and
    /// the committee.
    async fn target_id(&self, ctx: &Context<'_>) -> Option<ID> {
        self.0
            .converted_to
            .zip(self.0.target_id)
            .filter(|_| self.readable(ctx))
            .map(|(to, id)| global_id(target_kind(to), id))
    }

    /// For a screening: the evaluation against the registry's criteria as it stood
    /// (摸底识别结果: matched and excluded rules, poverty line, policy version).
    async fn screening(&self) -> Option<Json<serde_json::Value>> {
        self.0.screening.clone().map(Json)
    }

    /// Call-backs (回访), oldest first; their notes are null on a women workers' rights
    /// contact for anyone but the desk and the committee.
    async fn callbacks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Callback>> {
        let readable = self.readable(ctx);
        Ok(load(ctx, ContactCallbacksKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|mut c| {
                if !readable {
                    c.note = None;
                }
                Callback(c)
            })
            .collect())
    }

    /// When it was logged (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct Callback(pub contact_callback::Model);

/// A call-back on a contact (回访).
#[Object]
impl Callback {
    /// When (回访时间).
    async fn called_at(&self) -> DateTime<Utc> {
        self.0.called_at
    }

    /// Whether the caller was satisfied (是否满意).
    async fn satisfied(&self) -> bool {
        self.0.satisfied
    }

    /// Note (回访记录).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

/// Input of `logContact` (来电来访登记). Name the caller one way: a worker, a job seeker, or
/// an ID number or phone found among them; else a name, or `anonymous`.
#[derive(InputObject)]
pub struct LogContactInput {
    /// How it came (渠道).
    pub channel: ContactChannel,
    /// Topic (诉求类别).
    pub topic: ContactTopic,
    /// When it came (来电来访时间); now when omitted, never in the future.
    pub received_at: Option<DateTime<Utc>>,
    /// The caller as a filed worker (来访职工).
    pub worker_id: Option<ID>,
    /// The caller as a filed job seeker (求职人员).
    pub job_seeker_id: Option<ID>,
    /// The caller's ID number (身份证号码), to find them among workers, then job seekers.
    pub caller_id_number: Option<String>,
    /// A name, for a caller not on file (来访人姓名).
    pub caller_name: Option<String>,
    /// The caller's phone (联系电话); when no other way names the caller, it finds them if it
    /// is on file for exactly one worker, else one job seeker.
    pub caller_phone: Option<String>,
    /// The caller gives no name (匿名).
    #[graphql(default)]
    pub anonymous: bool,
    /// What the caller said (来电来访内容).
    pub summary: String,
    /// The org unit it belongs to (所属组织); the caller's own unit when on file, else the
    /// operator's.
    pub org_unit_id: Option<ID>,
    /// The answer given on the spot (当场答复); the contact is then answered.
    pub answer: Option<String>,
}

/// Input of `convertContact` (转办): the follow-up, with what it needs beyond the contact.
#[derive(InputObject)]
pub struct ConvertContactInput {
    /// The contact, still open.
    pub contact_id: ID,
    /// What it becomes (转办去向).
    pub to: ContactConversion,
    /// For JOB_SEEKER: the registration (求职登记).
    pub job_seeker: Option<CreateJobSeekerInput>,
    /// For LEGAL_AID: the claim (诉求).
    pub legal_aid: Option<LegalAidClaimInput>,
    /// For PETITION: the org unit that handles it (承办单位); the contact's when omitted.
    pub petition_org_unit_id: Option<ID>,
}

impl ConvertContactInput {
    fn conversion(self) -> crate::error::ApiResult<Conversion> {
        let missing = |field: &str| {
            crate::error::ApiError::bad_input(
                field.to_owned(),
                format!("needed to convert to {:?}", self.to),
            )
        };
        Ok(match self.to {
            ContactConversion::Screening => Conversion::Screening,
            ContactConversion::JobSeeker => Conversion::JobSeeker(
                self.job_seeker
                    .ok_or_else(|| missing("jobSeeker"))?
                    .decode()?,
            ),
            ContactConversion::LegalAid => Conversion::LegalAid(
                self.legal_aid
                    .ok_or_else(|| missing("legalAid"))?
                    .decode()?,
            ),
            ContactConversion::WomenRights => Conversion::WomenRights,
            ContactConversion::Petition => Conversion::Petition {
                org_unit_id: decode_opt(
                    self.petition_org_unit_id.as_ref(),
                    "OrgUnit",
                    "petitionOrgUnitId",
                )?,
            },
        })
    }
}

/// Input of `recordCallback` (回访).
#[derive(InputObject)]
pub struct RecordCallbackInput {
    /// The contact, answered or turned into a follow-up.
    pub contact_id: ID,
    /// Whether the caller was satisfied (是否满意).
    pub satisfied: bool,
    /// Note (回访记录).
    pub note: Option<String>,
}

/// Result of `logContact` and `convertContact`.
#[derive(SimpleObject)]
pub struct ContactPayload {
    /// The contact as saved.
    pub contact: Contact,
}

/// Result of `recordCallback`.
#[derive(SimpleObject)]
pub struct CallbackPayload {
    /// The call-back as saved.
    pub callback: Callback,
}

#[derive(Default)]
pub struct ContactQuery;

#[Object]
impl ContactQuery {
    /// Contacts in the caller's scope, oldest first (来电来访记录): an org subtree's, or a
    /// worker's or job seeker's (their timeline of calls), by status, channel or topic.
    #[allow(clippy::too_many_arguments)]
    async fn contacts(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        worker_id: Option<ID>,
        job_seeker_id: Option<ID>,
        status: Option<ContactStatus>,
        channel: Option<ContactChannel>,
        topic: Option<ContactTopic>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Contact>> {
        let filter = ContactFilter {
            org_unit_id: decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            worker_id: decode_opt(worker_id.as_ref(), "Worker", "workerId").extend()?,
            job_seeker_id: decode_opt(job_seeker_id.as_ref(), "JobSeeker", "jobSeekerId")
                .extend()?,
            status,
            channel,
            topic,
        };
        let page = page_args(ctx, after, None, first, None)?;
        service::list(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, Contact))
            .extend()
    }
}

#[derive(Default)]
pub struct ContactMutation;

#[Object]
impl ContactMutation {
    /// Logs a call to 12351, a visit, a letter or an online message (来电来访登记); with an
    /// `answer` it is answered on the spot.
    /// Who may call: SERVICE_DESK (whose scope holds the caller and the org unit).
    async fn log_contact(
        &self,
        ctx: &Context<'_>,
        input: LogContactInput,
    ) -> async_graphql::Result<ContactPayload> {
        let new = NewContact {
            channel: input.channel,
            topic: input.topic,
            received_at: input.received_at,
            worker_id: decode_opt(input.worker_id.as_ref(), "Worker", "workerId").extend()?,
            job_seeker_id: decode_opt(input.job_seeker_id.as_ref(), "JobSeeker", "jobSeekerId")
                .extend()?,
            caller_id_number: input.caller_id_number,
            caller_name: input.caller_name,
            caller_phone: input.caller_phone,
            anonymous: input.anonymous,
            summary: input.summary,
            org_unit_id: decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            answer: input.answer,
        };
        service::log(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|c| ContactPayload {
                contact: Contact(c),
            })
            .extend()
    }

    /// Turns an open contact into exactly one follow-up (转办) — a screening of the worker
    /// for the registry, a job-seeker registration, a legal-aid case or a petition —
    /// created with it and linked both ways (CONTACT_CLOSED, CALLER_NOT_A_WORKER,
    /// ANONYMOUS_CALLER, ALREADY_A_JOB_SEEKER). A women workers' rights contact becomes a
    /// confidential case through `createWomenRightsCase` instead (CONFIDENTIAL_CONTACT).
    /// Who may call: SERVICE_DESK.
    async fn convert_contact(
        &self,
        ctx: &Context<'_>,
        input: ConvertContactInput,
    ) -> async_graphql::Result<ContactPayload> {
        let id = decode(&input.contact_id, "Contact", "contactId").extend()?;
        let conversion = input.conversion().extend()?;
        service::convert(ctx.state()?, ctx.actor()?, id, conversion)
            .await
            .map(|c| ContactPayload {
                contact: Contact(c),
            })
            .extend()
    }

    /// Records a call-back (回访) on a contact that was answered or turned into a
    /// follow-up: whether the caller was satisfied (CONTACT_OPEN).
    /// Who may call: SERVICE_DESK.
    async fn record_callback(
        &self,
        ctx: &Context<'_>,
        input: RecordCallbackInput,
    ) -> async_graphql::Result<CallbackPayload> {
        let id = decode(&input.contact_id, "Contact", "contactId").extend()?;
        service::record_callback(ctx.state()?, ctx.actor()?, id, input.satisfied, input.note)
            .await
            .map(|c| CallbackPayload {
                callback: Callback(c),
            })
            .extend()
    }
}
