//! Training, assessment, certificates, guidance, the seeker's timeline, and labour export.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{
    CertificateKind, EnrollmentStatus, Money, WaivedService, certificate, enrollment, export_batch,
    guidance_session, skill_assessment, training_course,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::rules;
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::employment::employers::STAFF;
use crate::employment::postings::find_posting;
use crate::employment::referrals::{self, Hire, Origin};
use crate::employment::seekers::{find_seeker, served_free, waive};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// Input of `createTrainingCourse`.
pub struct NewCourse {
    pub title: String,
    pub occupation: String,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: i32,
    pub fee: Money,
    pub org_unit_id: Uuid,
}

async fn find_course(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<training_course::Model> {
    use sea_orm::QuerySelect;
    let mut query = training_course::Entity::find_by_id(id).filter(scope::org_unit_column(
        training_course::Column::OrgUnitId,
        actor,
    ));
    if lock {
        query = query.lock_exclusive();
    }
    query
        .one(db)
        .await?
        .ok_or(ApiError::not_found("TrainingCourse"))
}

/// Opens a course (开设培训班). AGENCY_STAFF.
pub async fn create_course(
    state: &AppState,
    actor: &Actor,
    input: NewCourse,
) -> ApiResult<training_course::Model> {
    actor.require_any(STAFF)?;
    let title = validate::name("title", &input.title, 100)?;
    let occupation = validate::name("occupation", &input.occupation, 50)?;
    let provider = validate::name("provider", &input.provider, 100)?;
    if input.ends_on < input.starts_on {
        return Err(ApiError::bad_input("endsOn", "ends before it starts"));
    }
    if !(1..=1000).contains(&input.capacity) {
        return Err(ApiError::bad_input("capacity", "between 1 and 1000"));
    }
    if input.fee < Money::ZERO {
        return Err(ApiError::bad_input("fee", "must not be negative"));
    }
    let mut tx = Tx::begin(state).await?;
    find_in_scope(&*tx, actor, input.org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let now = state.clock.now();
    let course = training_course::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(input.org_unit_id),
        title: Set(title),
        occupation: Set(occupation),
        provider: Set(provider),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        capacity: Set(input.capacity),
        fee: Set(input.fee),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createTrainingCourse",
            "TrainingCourse",
            course.id,
            Some(course.org_unit_id),
        )
        .after(&course),
    )
    .await?;
    tx.commit().await?;
    Ok(course)
}

/// Enrols a seeker (培训报名): the capacity holds under concurrency (the course row is
/// locked), nobody enrols twice, and the fee is waived for the disadvantaged. AGENCY_STAFF.
pub async fn enroll(
    state: &AppState,
    actor: &Actor,
    course_id: Uuid,
    seeker_id: Uuid,
) -> ApiResult<enrollment::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let course = find_course(&*tx, actor, course_id, true).await?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    if enrollment::Entity::find()
        .filter(enrollment::Column::CourseId.eq(course.id))
        .filter(enrollment::Column::SeekerId.eq(seeker.id))
        .one(&*tx)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict {
            message: "the seeker is enrolled already".into(),
            reasons: vec!["ALREADY_ENROLLED"],
        });
    }
    if today > course.ends_on {
        return Err(ApiError::InvalidState {
            message: format!("the course ended on {}", course.ends_on),
            reasons: vec!["COURSE_ENDED"],
        });
    }
    let taken = enrollment::Entity::find()
        .filter(enrollment::Column::CourseId.eq(course.id))
        .filter(enrollment::Column::Status.ne(EnrollmentStatus::Dropped))
        .count(&*tx)
        .await?;
    if taken >= u64::try_from(course.capacity).unwrap_or(0) {
        return Err(ApiError::Conflict {
            message: format!("the course is full ({} places)", course.capacity),
            reasons: vec!["COURSE_FULL"],
        });
    }
    let now = state.clock.now();
    let free = served_free(&*tx, &seeker, today).await?;
    let created = enrollment::ActiveModel {
        id: Set(Uuid::now_v7()),
        course_id: Set(course.id),
        seeker_id: Set(seeker.id),
        status: Set(EnrollmentStatus::Enrolled),
        attendance_days: Set(0),
        fee_waived: Set(free),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if free && course.fee > Money::ZERO {
        waive(
            &tx,
            &seeker,
            WaivedService::Training,
            course.fee,
            actor,
            now,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "enroll",
            "TrainingCourse",
            course.id,
            Some(course.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

async fn find_enrollment(
    tx: &Tx,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<(enrollment::Model, training_course::Model)> {
    use sea_orm::QuerySelect;
    let e = enrollment::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&**tx)
        .await?
        .ok_or(ApiError::not_found("Enrollment"))?;
    let course = find_course(&**tx, actor, e.course_id, false)
        .await
        .or_refused(|| ApiError::not_found("Enrollment"))?;
    Ok((e, course))
}

/// Records the days attended (出勤). AGENCY_STAFF.
pub async fn record_attendance(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    days: i32,
) -> ApiResult<enrollment::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let (before, course) = find_enrollment(&tx, actor, id).await?;
    let span = (course.ends_on - course.starts_on).num_days() + 1;
    if days < 0 || i64::from(days) > span {
        return Err(ApiError::bad_input(
            "days",
            format!("between 0 and the course's {span} days"),
        ));
    }
    let now = state.clock.now();
    let mut active: enrollment::ActiveModel = before.clone().into();
    active.attendance_days = Set(days);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordAttendance",
            "TrainingCourse",
            course.id,
            Some(course.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Withdraws a seeker from a course before it ends (退学): the place is freed for
/// another. AGENCY_STAFF.
pub async fn withdraw(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<enrollment::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let (before, course) = find_enrollment(&tx, actor, id).await?;
    if before.status != EnrollmentStatus::Enrolled {
        return Err(ApiError::InvalidState {
            message: "only a current enrolment can be withdrawn".into(),
            reasons: vec!["NOT_ENROLLED"],
        });
    }
    if today > course.ends_on {
        return Err(ApiError::InvalidState {
            message: format!("the course ended on {}; record its result", course.ends_on),
            reasons: vec!["COURSE_ENDED"],
        });
    }
    let now = state.clock.now();
    let mut active: enrollment::ActiveModel = before.clone().into();
    active.status = Set(EnrollmentStatus::Dropped);
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "withdrawEnrollment",
            "TrainingCourse",
            course.id,
            Some(course.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

fn certificate_number(kind: CertificateKind, id: Uuid) -> String {
    let prefix = match kind {
        CertificateKind::TrainingCompletion => "PX",
        CertificateKind::VocationalQualification => "ZG",
    };
    format!("{prefix}-{}", id.simple()).to_uppercase()
}

/// What a certificate is awarded for: a passed course (结业) or a passed assessment (鉴定).
struct Award<'a> {
    seeker_id: Uuid,
    kind: CertificateKind,
    occupation: &'a str,
    level: Option<i32>,
    issued_on: NaiveDate,
    course_id: Option<Uuid>,
}

async fn issue_certificate(
    tx: &Tx,
    award: Award<'_>,
    now: DateTime<Utc>,
) -> ApiResult<certificate::Model> {
    let id = Uuid::now_v7();
    Ok(certificate::ActiveModel {
        id: Set(id),
        seeker_id: Set(award.seeker_id),
        kind: Set(award.kind),
        occupation: Set(award.occupation.to_owned()),
        level: Set(award.level),
        number: Set(certificate_number(award.kind, id)),
        issued_on: Set(award.issued_on),
        course_id: Set(award.course_id),
        created_at: Set(now),
    }
    .insert(&**tx)
    .await?)
}

/// Records a course result (结业); a pass earns the training certificate (培训合格证).
/// AGENCY_STAFF.
pub async fn record_result(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    passed: bool,
) -> ApiResult<enrollment::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let (before, course) = find_enrollment(&tx, actor, id).await?;
    if before.status != EnrollmentStatus::Enrolled {
        return Err(ApiError::InvalidState {
            message: "the result is recorded already".into(),
            reasons: vec!["RESULT_RECORDED"],
        });
    }
    if today < course.ends_on {
        return Err(ApiError::InvalidState {
            message: format!("the course ends on {}", course.ends_on),
            reasons: vec!["COURSE_NOT_ENDED"],
        });
    }
    let now = state.clock.now();
    let mut active: enrollment::ActiveModel = before.clone().into();
    active.status = Set(if passed {
        EnrollmentStatus::Passed
    } else {
        EnrollmentStatus::Failed
    });
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    if passed {
        let award = Award {
            seeker_id: before.seeker_id,
            kind: CertificateKind::TrainingCompletion,
            occupation: &course.occupation,
            level: None,
            issued_on: today,
            course_id: Some(course.id),
        };
        issue_certificate(&tx, award, now).await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordTrainingResult",
            "TrainingCourse",
            course.id,
            Some(course.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records a skill assessment (职业技能鉴定); a pass earns the vocational qualification
/// certificate of that level (职业资格等级证书, 5 to 1). AGENCY_STAFF.
pub async fn record_assessment(
    state: &AppState,
    actor: &Actor,
    seeker_id: Uuid,
    occupation: &str,
    level: i32,
    passed: bool,
    assessed_on: NaiveDate,
) -> ApiResult<skill_assessment::Model> {
    actor.require_any(STAFF)?;
    let occupation = validate::name("occupation", occupation, 50)?;
    if !rules::LEVELS.contains(&level) {
        return Err(ApiError::bad_input(
            "level",
            "levels run from 5 (初级) to 1 (高级技师)",
        ));
    }
    if assessed_on > state.clock.today() {
        return Err(ApiError::bad_input("assessedOn", "is in the future"));
    }
    let mut tx = Tx::begin(state).await?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    if passed {
        let held = certificate::Entity::find()
            .filter(certificate::Column::SeekerId.eq(seeker.id))
            .filter(certificate::Column::Kind.eq(CertificateKind::VocationalQualification))
            .filter(certificate::Column::Occupation.eq(occupation.as_str()))
            .all(&*tx)
            .await?;
        if !rules::earns_certificate(held.iter().filter_map(|c| c.level), level) {
            return Err(ApiError::Conflict {
                message: format!(
                    "the seeker holds a {occupation} certificate of this level or higher"
                ),
                reasons: vec!["ALREADY_CERTIFIED"],
            });
        }
    }
    let now = state.clock.now();
    let assessment = skill_assessment::ActiveModel {
        id: Set(Uuid::now_v7()),
        seeker_id: Set(seeker.id),
        occupation: Set(occupation.clone()),
        level: Set(level),
        passed: Set(passed),
        assessed_on: Set(assessed_on),
        recorded_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if passed {
        let award = Award {
            seeker_id: seeker.id,
            kind: CertificateKind::VocationalQualification,
            occupation: &occupation,
            level: Some(level),
            issued_on: assessed_on,
            course_id: None,
        };
        issue_certificate(&tx, award, now).await?;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordSkillAssessment",
            "JobSeeker",
            seeker.id,
            Some(seeker.org_unit_id),
        )
        .after(&assessment),
    )
    .await?;
    tx.commit().await?;
    Ok(assessment)
}

/// Records a guidance session (职业指导). AGENCY_STAFF.
pub async fn record_guidance(
    state: &AppState,
    actor: &Actor,
    seeker_id: Uuid,
    held_on: NaiveDate,
    topic: &str,
    notes: &str,
) -> ApiResult<guidance_session::Model> {
    actor.require_any(STAFF)?;
    let topic = validate::name("topic", topic, 100)?;
    let notes = validate::name("notes", notes, 4000)?;
    if held_on > state.clock.today() {
        return Err(ApiError::bad_input("heldOn", "is in the future"));
    }
    let mut tx = Tx::begin(state).await?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    let now = state.clock.now();
    let session = guidance_session::ActiveModel {
        id: Set(Uuid::now_v7()),
        seeker_id: Set(seeker.id),
        held_on: Set(held_on),
        topic: Set(topic),
        notes: Set(notes),
        counselor_id: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "recordGuidance",
            "JobSeeker",
            seeker.id,
            Some(seeker.org_unit_id),
        )
        .after(&session),
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// A labour-export batch with its figures.
pub struct ExportSummary {
    pub batch: export_batch::Model,
    pub sent: usize,
    pub placements: usize,
}

/// Sends a batch of seekers to an employer in another region (外出务工输送): each is
/// referred and placed on the posting at once; all or nothing. AGENCY_STAFF.
pub async fn export(
    state: &AppState,
    actor: &Actor,
    posting_id: Uuid,
    seeker_ids: &[Uuid],
    destination: &str,
    departure_date: NaiveDate,
    note: Option<String>,
) -> ApiResult<ExportSummary> {
    actor.require_any(STAFF)?;
    if seeker_ids.is_empty() || seeker_ids.len() > 500 {
        return Err(ApiError::bad_input(
            "seekerIds",
            "between 1 and 500 seekers",
        ));
    }
    let destination = validate::name("destination", destination, 100)?;
    let note = validate::text("note", note, 1000)?;
    let today = state.clock.today();
    if departure_date > today + chrono::Duration::days(90) {
        return Err(ApiError::bad_input(
            "departureDate",
            "no more than 90 days ahead",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let posting = find_posting(&*tx, actor, posting_id, true)
        .await
        .or_refused(|| ApiError::bad_input("postingId", "no such posting in your scope"))?;
    let city = entity::org_unit::Entity::find()
        .filter(entity::org_unit::Column::ParentId.is_null())
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("no root org unit"))?
        .region_code;
    if !rules::outside_city(&city, &posting.district) {
        return Err(ApiError::InvalidState {
            message: format!(
                "the posting is in the city ({}); 外出务工 goes elsewhere",
                posting.district
            ),
            reasons: vec!["NOT_ELSEWHERE"],
        });
    }
    let now = state.clock.now();
    let batch = export_batch::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(posting.org_unit_id),
        posting_id: Set(posting.id),
        employer_id: Set(posting.employer_id),
        destination: Set(destination),
        departure_date: Set(departure_date),
        note: Set(note),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    let mut placements = 0;
    for (i, id) in seeker_ids.iter().enumerate() {
        let seeker = find_seeker(&*tx, actor, *id).await.or_refused(|| {
            ApiError::bad_input(
                format!("seekerIds[{i}]"),
                "no such job seeker in your scope",
            )
        })?;
        // Re-read the posting: each hire fills it a little more.
        let current = find_posting(&*tx, actor, posting_id, true).await?;
        let referral = referrals::issue(
            &tx,
            actor,
            &seeker,
            &current,
            today,
            now,
            Origin::Export(batch.id),
        )
        .await?;
        referrals::hire(
            &tx,
            &referral,
            Hire {
                start_date: Some(departure_date.max(today)),
                monthly_wage: None,
            },
            today,
            now,
        )
        .await?;
        placements += 1;
    }
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "exportLabour",
            "ExportBatch",
            batch.id,
            Some(batch.org_unit_id),
        )
        .after(&serde_json::json!({ "batch": batch, "seekers": seeker_ids })),
    )
    .await?;
    tx.commit().await?;
    Ok(ExportSummary {
        batch,
        sent: seeker_ids.len(),
        placements,
    })
}

/// Courses in the caller's scope (培训班). Agency staff, auditors, admins.
pub async fn list_courses(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<training_course::Model>> {
    actor.require_any(crate::employment::seekers::READERS)?;
    let select = training_course::Entity::find().filter(scope::org_unit_column(
        training_course::Column::OrgUnitId,
        actor,
    ));
    paginate(state, select, training_course::Column::Id, page).await
}
