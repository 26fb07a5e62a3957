//! Contact use cases (来电来访登记): logging, turning into a follow-up inside the same
//! transaction as the follow-up itself, call-backs, and the list.

use chrono::{DateTime, Utc};
use entity::{
    ContactChannel, ContactConversion, ContactStatus, ContactTopic, Role, contact,
    contact_callback, job_seeker, worker,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::rules::{self, Caller};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::clock::CHINA;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::legal_aid::service::{self as legal_aid, LegalAidClaim, NewLegalAid};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::petitions::service::{self as petitions, NewPetition};
use crate::validate;
use bangfu_jobs::employment::seekers::{self, NewSeeker};
use bangfu_relief::registry::service::assess;

/// Who logs contacts and opens their follow-ups: the hotline operators (12351 接线员).
pub const DESK: &[Role] = &[Role::ServiceDesk];

/// Who reads contacts: the desk, the caseworkers who follow workers up, and auditors.
pub const READERS: &[Role] = &[Role::ServiceDesk, Role::Caseworker, Role::Auditor];

/// A contact as logged.
pub struct NewContact {
    pub channel: ContactChannel,
    pub topic: ContactTopic,
    /// When it came; now when none.
    pub received_at: Option<DateTime<Utc>>,
    pub worker_id: Option<Uuid>,
    pub job_seeker_id: Option<Uuid>,
    /// An ID number to find the caller among workers, then job seekers; failing that,
    /// the phone finds them when it is on file for one person only.
    pub caller_id_number: Option<String>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub anonymous: bool,
    pub summary: String,
    /// The unit it belongs to; the caller's own unit when they are on file, else required.
    pub org_unit_id: Option<Uuid>,
    /// An answer given on the spot (当场答复).
    pub answer: Option<String>,
}

/// Who the caller is, found in the caller's scope.
async fn identify(
    db: &impl ConnectionTrait,
    actor: &Actor,
    new: &NewContact,
    phone: Option<&str>,
) -> ApiResult<(Caller, Option<Uuid>)> {
    if let Some(id) = new.worker_id {
        let w = scope::find_worker(db, actor, id)
            .await
            .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
        return Ok((Caller::Worker(w.id), Some(w.org_unit_id)));
    }
    if let Some(id) = new.job_seeker_id {
        let s = seekers::find_seeker(db, actor, id).await.or_refused(|| {
            ApiError::bad_input("jobSeekerId", "no such job seeker in your scope")
        })?;
        return Ok((Caller::Seeker(s.id), Some(s.org_unit_id)));
    }
    if let Some(number) = new.caller_id_number.as_deref().map(str::trim) {
        let number = number.to_ascii_uppercase();
        if let Some(w) = worker::Entity::find()
            .filter(worker::Column::IdNumber.eq(number.clone()))
            .filter(scope::org_unit_column(worker::Column::OrgUnitId, actor))
            .one(db)
            .await?
        {
            return Ok((Caller::Worker(w.id), Some(w.org_unit_id)));
        }
        if let Some(s) = job_seeker::Entity::find()
            .filter(job_seeker::Column::IdNumber.eq(number))
            .filter(scope::org_unit_column(job_seeker::Column::OrgUnitId, actor))
            .one(db)
            .await?
        {
            return Ok((Caller::Seeker(s.id), Some(s.org_unit_id)));
        }
    }
    if new.anonymous {
        return Ok((Caller::Anonymous, None));
    }
    if let Some(phone) = phone {
        // A phone on file for exactly one worker, else one job seeker, names the caller.
        let workers = worker::Entity::find()
            .filter(worker::Column::Phone.eq(phone))
            .filter(scope::org_unit_column(worker::Column::OrgUnitId, actor))
            .limit(2)
            .all(db)
            .await?;
        if let [w] = workers.as_slice() {
            return Ok((Caller::Worker(w.id), Some(w.org_unit_id)));
        }
        let seekers = job_seeker::Entity::find()
            .filter(job_seeker::Column::Phone.eq(phone))
            .filter(scope::org_unit_column(job_seeker::Column::OrgUnitId, actor))
            .limit(2)
            .all(db)
            .await?;
        if let (true, [s]) = (workers.is_empty(), seekers.as_slice()) {
            return Ok((Caller::Seeker(s.id), Some(s.org_unit_id)));
        }
    }
    match new.caller_name.as_deref() {
        Some(name) => Ok((
            Caller::Stranger(validate::name("callerName", name, 50)?),
            None,
        )),
        None => Err(ApiError::bad_input(
            "callerName",
            "name the caller, find them on file, or log the contact as anonymous",
        )),
    }
}

/// Logs a contact (来电来访登记), answered on the spot when `answer` is given. SERVICE_DESK.
pub async fn log(state: &AppState, actor: &Actor, new: NewContact) -> ApiResult<contact::Model> {
    actor.require_any(DESK)?;
    let now = state.clock.now();
    let received_at = new.received_at.unwrap_or(now);
    if received_at > now {
        return Err(ApiError::bad_input(
            "receivedAt",
            "a contact cannot come in the future",
        ));
    }
    let summary = validate::name("summary", &new.summary, 4000)?;
    let answer = validate::text("answer", new.answer.clone(), 4000)?;
    let phone = validate::phone("callerPhone", new.caller_phone.clone())?;
    let mut tx = Tx::begin(state).await?;
    let (caller, caller_unit) = identify(&*tx, actor, &new, phone.as_deref()).await?;
    let org_unit_id = match (new.org_unit_id, caller_unit) {
        (Some(unit), _) => {
            find_in_scope(&*tx, actor, unit)
                .await
                .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?
                .id
        }
        (None, Some(unit)) => unit,
        (None, None) => actor.org_unit_id,
    };
    let (worker_id, job_seeker_id, caller_name) = match caller.clone() {
        Caller::Worker(id) => (Some(id), None, None),
        Caller::Seeker(id) => (None, Some(id), None),
        Caller::Stranger(name) => (None, None, Some(name)),
        Caller::Anonymous => (None, None, None),
    };
    let created = contact::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(org_unit_id),
        channel: Set(new.channel),
        topic: Set(new.topic),
        received_at: Set(received_at),
        worker_id: Set(worker_id),
        job_seeker_id: Set(job_seeker_id),
        caller_name: Set(caller_name),
        caller_phone: Set(if caller == Caller::Anonymous {
            None
        } else {
            phone
        }),
        anonymous: Set(caller == Caller::Anonymous),
        summary: Set(summary),
        status: Set(if answer.is_some() {
            ContactStatus::Answered
        } else {
            ContactStatus::Open
        }),
        answer: Set(answer),
        converted_to: Set(None),
        target_id: Set(None),
        screening: Set(None),
        logged_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "logContact",
            "Contact",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&rules::audited(&created)),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// What a contact is turned into, with what each follow-up needs beyond the contact.
pub enum Conversion {
    /// Screen the worker against the registry's criteria (摸底识别).
    Screening,
    /// Register the caller as a job seeker (求职登记).
    JobSeeker(NewSeeker),
    /// Open a legal-aid case (法律援助申请) for the calling worker.
    LegalAid(LegalAidClaim),
    /// Register a petition (信访登记), handled by `org_unit_id` or the contact's unit.
    Petition { org_unit_id: Option<Uuid> },
    /// A confidential women workers' case: filed with `createWomenRightsCase`, which
    /// carries what such a case needs, so refused here.
    WomenRights,
}

impl Conversion {
    fn kind(&self) -> ContactConversion {
        match self {
            Self::Screening => ContactConversion::Screening,
            Self::JobSeeker(_) => ContactConversion::JobSeeker,
            Self::LegalAid(_) => ContactConversion::LegalAid,
            Self::Petition { .. } => ContactConversion::Petition,
            Self::WomenRights => ContactConversion::WomenRights,
        }
    }
}

/// Turns an open contact into exactly one follow-up (转办), created in the same
/// transaction and linked both ways. SERVICE_DESK.
pub async fn convert(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    conversion: Conversion,
) -> ApiResult<contact::Model> {
    actor.require_any(DESK)?;
    let mut tx = Tx::begin(state).await?;
    let before = lock(&tx, actor, id).await?;
    let kind = conversion.kind();
    rules::check_conversion(&before, kind)?;
    let mut screening = None;
    let target = match conversion {
        Conversion::Screening => {
            let worker_id = before
                .worker_id
                .ok_or_else(|| ApiError::internal("checked: the caller is a worker"))?;
            let w = scope::find_worker(&*tx, actor, worker_id).await?;
            let assessment = assess(&*tx, &w, state.clock.today()).await?;
            screening = Some(serde_json::json!({
                "evaluation": assessment.evaluation,
                "inputs": assessment.inputs,
            }));
            w.id
        }
        Conversion::JobSeeker(mut new) => {
            if new.worker_id.is_none() {
                new.worker_id = before.worker_id;
            }
            if new.phone.is_none() {
                new.phone = before.caller_phone.clone();
            }
            seekers::register(state, &mut tx, actor, new).await?.id
        }
        Conversion::LegalAid(claim) => {
            let worker_id = before
                .worker_id
                .ok_or_else(|| ApiError::internal("checked: the caller is a worker"))?;
            let summary = claim
                .summary
                .clone()
                .unwrap_or_else(|| before.summary.clone());
            let new = NewLegalAid {
                worker_id,
                claim: LegalAidClaim {
                    summary: Some(summary),
                    ..claim
                },
            };
            legal_aid::apply(state, &mut tx, actor, new, Some(before.id))
                .await?
                .id
        }
        Conversion::WomenRights => {
            return Err(ApiError::bad_input(
                "to",
                "a women workers' rights case is filed with createWomenRightsCase",
            ));
        }
        Conversion::Petition { org_unit_id } => {
            let (name, worker_id) = match before.worker_id {
                Some(w) => (scope::find_worker(&*tx, actor, w).await?.name, Some(w)),
                None => match before.job_seeker_id {
                    Some(s) => (seekers::find_seeker(&*tx, actor, s).await?.name, None),
                    None => (before.caller_name.clone().unwrap_or_default(), None),
                },
            };
            let new = NewPetition {
                org_unit_id: org_unit_id.unwrap_or(before.org_unit_id),
                worker_id,
                petitioner_name: name,
                petitioner_phone: before.caller_phone.clone(),
                channel: before.channel,
                topic: before.topic,
                summary: before.summary.clone(),
                received_on: Some(before.received_at.with_timezone(&CHINA).date_naive()),
            };
            petitions::receive(state, &mut tx, actor, new, Some(before.id))
                .await?
                .id
        }
    };
    let after = mark_converted(state, &mut tx, actor, before, kind, target, screening).await?;
    tx.commit().await?;
    Ok(after)
}

/// The contact, in the caller's scope, locked for turning it into a follow-up.
pub async fn lock(tx: &Tx, actor: &Actor, id: Uuid) -> ApiResult<contact::Model> {
    contact::Entity::find_by_id(id)
        .filter(scope::org_unit_column(contact::Column::OrgUnitId, actor))
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or(ApiError::not_found("Contact"))
}

/// Records what the locked contact `before` became (`target`), inside `tx`.
pub async fn mark_converted(
    state: &AppState,
    tx: &mut Tx,
    actor: &Actor,
    before: contact::Model,
    kind: ContactConversion,
    target: Uuid,
    screening: Option<serde_json::Value>,
) -> ApiResult<contact::Model> {
    let now = state.clock.now();
    let mut active: contact::ActiveModel = before.clone().into();
    active.status = Set(ContactStatus::Converted);
    active.converted_to = Set(Some(kind));
    active.target_id = Set(Some(target));
    active.screening = Set(screening);
    if kind == ContactConversion::JobSeeker {
        active.job_seeker_id = Set(Some(target));
    }
    active.updated_at = Set(now);
    let after = active.update(&**tx).await?;
    audit::record(
        tx,
        actor,
        now,
        Change::new(
            "convertContact",
            "Contact",
            after.id,
            Some(after.org_unit_id),
        )
        .before(&rules::audited(&before))
        .after(&rules::audited(&after)),
    )
    .await?;
    Ok(after)
}

/// Records a call-back (回访): whether the caller was satisfied. SERVICE_DESK.
pub async fn record_callback(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    satisfied: bool,
    note: Option<String>,
) -> ApiResult<contact_callback::Model> {
    actor.require_any(DESK)?;
    let note = validate::text("note", note, 2000)?;
    let mut tx = Tx::begin(state).await?;
    let contact = contact::Entity::find_by_id(id)
        .filter(scope::org_unit_column(contact::Column::OrgUnitId, actor))
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("Contact"))?;
    rules::check_callback(&contact)?;
    let now = state.clock.now();
    let created = contact_callback::ActiveModel {
        id: Set(Uuid::now_v7()),
        contact_id: Set(contact.id),
        called_at: Set(now),
        satisfied: Set(satisfied),
        note: Set(note),
        recorded_by: Set(actor.user_id),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new("recordCallback", "Contact", id, Some(contact.org_unit_id)).after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// What the list of contacts keeps.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    pub org_unit_id: Option<Uuid>,
    pub worker_id: Option<Uuid>,
    pub job_seeker_id: Option<Uuid>,
    pub status: Option<ContactStatus>,
    pub channel: Option<ContactChannel>,
    pub topic: Option<ContactTopic>,
}

/// Contacts in the caller's scope, oldest first: a worker's, for their timeline, or an
/// org subtree's.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: ContactFilter,
    page: &PageArgs,
) -> ApiResult<Page<contact::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        contact::Entity::find().filter(scope::org_unit_column(contact::Column::OrgUnitId, actor));
    if let Some(unit) = filter.org_unit_id {
        let unit = find_in_scope(&state.db, actor, unit).await?;
        select = select.filter(scope::subtree_column(
            contact::Column::OrgUnitId,
            &unit.path,
        ));
    }
    if let Some(w) = filter.worker_id {
        select = select.filter(contact::Column::WorkerId.eq(w));
    }
    if let Some(s) = filter.job_seeker_id {
        select = select.filter(contact::Column::JobSeekerId.eq(s));
    }
    // Who made a women workers' rights call is not for the list of a person's calls,
    // unless the caller is a confidant.
    if (filter.worker_id.is_some() || filter.job_seeker_id.is_some()) && !rules::confidant(actor) {
        select = select.filter(contact::Column::Topic.ne(ContactTopic::WomenRights));
    }
    if let Some(status) = filter.status {
        select = select.filter(contact::Column::Status.eq(status));
    }
    if let Some(channel) = filter.channel {
        select = select.filter(contact::Column::Channel.eq(channel));
    }
    if let Some(topic) = filter.topic {
        select = select.filter(contact::Column::Topic.eq(topic));
    }
    paginate(state, select, contact::Column::Id, page).await
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<contact::Model> {
    actor.require_any(READERS)?;
    contact::Entity::find_by_id(id)
        .filter(scope::org_unit_column(contact::Column::OrgUnitId, actor))
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("Contact"))
}
