//! GraphQL surface of training, assessment, certificates, guidance, timelines and labour
//! export.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use entity::{CertificateKind, EnrollmentStatus, Money, certificate, enrollment, training_course};

use super::service::{self, NewCourse};
use super::timeline::{self, TimelineKind};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::ContextExt;
use crate::graphql::node::{decode, global_id};
use crate::graphql::scalars::Date;

pub struct TrainingCourse(pub training_course::Model);

/// Training course (职业培训班).
#[Object]
impl TrainingCourse {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("TrainingCourse", self.0.id)
    }

    /// Title (名称).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Occupation trained for (培训工种).
    async fn occupation(&self) -> &str {
        &self.0.occupation
    }

    /// Provider (培训机构).
    async fn provider(&self) -> &str {
        &self.0.provider
    }

    /// First day (开班日期).
    async fn starts_on(&self) -> Date {
        Date(self.0.starts_on)
    }

    /// Last day (结业日期).
    async fn ends_on(&self) -> Date {
        Date(self.0.ends_on)
    }

    /// Places (名额).
    async fn capacity(&self) -> i32 {
        self.0.capacity
    }

    /// Fee (培训费); waived for the disadvantaged.
    async fn fee(&self) -> Money {
        self.0.fee
    }
}

/// Enrolment (培训报名).
#[derive(SimpleObject)]
pub struct Enrollment {
    /// Opaque global ID (全局标识).
    pub id: ID,
    /// Status (状态).
    pub status: EnrollmentStatus,
    /// Days attended (出勤天数).
    pub attendance_days: i32,
    /// Fee waived (免费).
    pub fee_waived: bool,
}

impl From<enrollment::Model> for Enrollment {
    fn from(e: enrollment::Model) -> Self {
        Self {
            id: global_id("Enrollment", e.id),
            status: e.status,
            attendance_days: e.attendance_days,
            fee_waived: e.fee_waived,
        }
    }
}

/// Certificate (证书).
#[derive(SimpleObject)]
pub struct Certificate {
    /// Kind (类型): 培训合格证 or 职业资格等级证书.
    pub kind: CertificateKind,
    /// Occupation (工种).
    pub occupation: String,
    /// Level 5 to 1 (等级), for a vocational qualification.
    pub level: Option<i32>,
    /// Number (编号).
    pub number: String,
    /// Issued on (发证日期).
    pub issued_on: Date,
}

impl From<certificate::Model> for Certificate {
    fn from(c: certificate::Model) -> Self {
        Self {
            kind: c.kind,
            occupation: c.occupation,
            level: c.level,
            number: c.number,
            issued_on: Date(c.issued_on),
        }
    }
}

/// One event of a seeker's timeline (服务记录).
#[derive(SimpleObject)]
pub struct TimelineEvent {
    /// The day (日期).
    pub on: Date,
    /// What happened (事项).
    pub kind: TimelineKind,
    /// A short description (摘要).
    pub summary: String,
}

impl From<timeline::TimelineEvent> for TimelineEvent {
    fn from(e: timeline::TimelineEvent) -> Self {
        Self {
            on: Date(e.on),
            kind: e.kind,
            summary: e.summary,
        }
    }
}

/// Result of a labour-export batch (外出务工输送).
#[derive(SimpleObject)]
pub struct ExportBatchSummary {
    /// Opaque global ID of the batch (全局标识).
    pub id: ID,
    /// Where they went (输送地).
    pub destination: String,
    /// Departure (出发日期).
    pub departure_date: Date,
    /// Seekers sent (输送人数).
    pub sent: i32,
    /// Placements made (实现就业).
    pub placements: i32,
}

/// Input of `createTrainingCourse` (开设培训班).
#[derive(InputObject)]
pub struct CreateTrainingCourseInput {
    /// Title (名称).
    pub title: String,
    /// Occupation (培训工种).
    pub occupation: String,
    /// Provider (培训机构).
    pub provider: String,
    /// First day (开班日期).
    pub starts_on: Date,
    /// Last day (结业日期).
    pub ends_on: Date,
    /// Places (名额).
    pub capacity: i32,
    /// Fee (培训费).
    pub fee: Money,
    /// The agency's org unit (所属组织).
    pub org_unit_id: ID,
}

/// Input of `enroll` (培训报名).
#[derive(InputObject)]
pub struct EnrollInput {
    /// The course.
    pub course_id: ID,
    /// The seeker.
    pub seeker_id: ID,
}

/// Input of `recordAttendance` (登记出勤).
#[derive(InputObject)]
pub struct RecordAttendanceInput {
    /// The enrolment.
    pub enrollment_id: ID,
    /// Days attended (出勤天数).
    pub days: i32,
}

/// Input of `withdrawEnrollment` (退学).
#[derive(InputObject)]
pub struct WithdrawEnrollmentInput {
    /// The enrolment.
    pub enrollment_id: ID,
}

/// Input of `recordTrainingResult` (登记结业).
#[derive(InputObject)]
pub struct RecordTrainingResultInput {
    /// The enrolment.
    pub enrollment_id: ID,
    /// Passed (合格): earns the training certificate.
    pub passed: bool,
}

/// Input of `recordSkillAssessment` (登记技能鉴定).
#[derive(InputObject)]
pub struct RecordSkillAssessmentInput {
    /// The seeker.
    pub seeker_id: ID,
    /// Occupation (工种).
    pub occupation: String,
    /// Level, 5 (初级) to 1 (高级技师).
    pub level: i32,
    /// Passed (通过): earns the qualification certificate of that level.
    pub passed: bool,
    /// Date (鉴定日期).
    pub assessed_on: Date,
}

/// Input of `recordGuidance` (职业指导).
#[derive(InputObject)]
pub struct RecordGuidanceInput {
    /// The seeker.
    pub seeker_id: ID,
    /// Date (日期).
    pub held_on: Date,
    /// Topic (主题).
    pub topic: String,
    /// Notes (记录).
    pub notes: String,
}

/// Input of `exportLabour` (外出务工输送).
#[derive(InputObject)]
pub struct ExportLabourInput {
    /// The posting of the employer in the other region.
    pub posting_id: ID,
    /// The seekers sent.
    pub seeker_ids: Vec<ID>,
    /// Destination (输送地).
    pub destination: String,
    /// Departure (出发日期).
    pub departure_date: Date,
    /// Note (备注).
    pub note: Option<String>,
}

/// Result of `createTrainingCourse`.
#[derive(SimpleObject)]
pub struct TrainingCoursePayload {
    /// The course.
    pub course: TrainingCourse,
}

/// Result of the enrolment mutations.
#[derive(SimpleObject)]
pub struct EnrollmentPayload {
    /// The enrolment.
    pub enrollment: Enrollment,
}

/// Result of `recordSkillAssessment` / `recordGuidance`.
#[derive(SimpleObject)]
pub struct RecordedPayload {
    /// The seeker's ID.
    pub seeker_id: ID,
}

#[derive(Default)]
pub struct TrainingQuery;

#[Object]
impl TrainingQuery {
    /// Training courses in the caller's scope, newest first (培训班).
    async fn training_courses(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<TrainingCourse>> {
        let state = ctx.state()?;
        let page = page_args(ctx, after, None, first, None)?;
        service::list_courses(state, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |c| c.id, TrainingCourse))
            .extend()
    }
}

#[derive(Default)]
pub struct TrainingMutation;

#[Object]
impl TrainingMutation {
    /// Opens a training course (开设培训班).
    /// Who may call: AGENCY_STAFF.
    async fn create_training_course(
        &self,
        ctx: &Context<'_>,
        input: CreateTrainingCourseInput,
    ) -> async_graphql::Result<TrainingCoursePayload> {
        let org = decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        let new = NewCourse {
            title: input.title,
            occupation: input.occupation,
            provider: input.provider,
            starts_on: input.starts_on.0,
            ends_on: input.ends_on.0,
            capacity: input.capacity,
            fee: input.fee,
            org_unit_id: org,
        };
        service::create_course(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|c| TrainingCoursePayload {
                course: TrainingCourse(c),
            })
            .extend()
    }

    /// Enrols a seeker (培训报名): capacity enforced, no double enrolment, free for the
    /// disadvantaged.
    /// Who may call: AGENCY_STAFF.
    async fn enroll(
        &self,
        ctx: &Context<'_>,
        input: EnrollInput,
    ) -> async_graphql::Result<EnrollmentPayload> {
        let course = decode(&input.course_id, "TrainingCourse", "courseId").extend()?;
        let seeker = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        service::enroll(ctx.state()?, ctx.actor()?, course, seeker)
            .await
            .map(|e| EnrollmentPayload {
                enrollment: e.into(),
            })
            .extend()
    }

    /// Records days attended (登记出勤).
    /// Who may call: AGENCY_STAFF.
    async fn record_attendance(
        &self,
        ctx: &Context<'_>,
        input: RecordAttendanceInput,
    ) -> async_graphql::Result<EnrollmentPayload> {
        let id = decode(&input.enrollment_id, "Enrollment", "enrollmentId").extend()?;
        service::record_attendance(ctx.state()?, ctx.actor()?, id, input.days)
            .await
            .map(|e| EnrollmentPayload {
                enrollment: e.into(),
            })
            .extend()
    }

    /// Withdraws a seeker from a course before it ends, freeing the place (退学).
    /// Who may call: AGENCY_STAFF.
    async fn withdraw_enrollment(
        &self,
        ctx: &Context<'_>,
        input: WithdrawEnrollmentInput,
    ) -> async_graphql::Result<EnrollmentPayload> {
        let id = decode(&input.enrollment_id, "Enrollment", "enrollmentId").extend()?;
        service::withdraw(ctx.state()?, ctx.actor()?, id)
            .await
            .map(|e| EnrollmentPayload {
                enrollment: e.into(),
            })
            .extend()
    }

    /// Records the course result; a pass earns the 培训合格证 (登记结业).
    /// Who may call: AGENCY_STAFF.
    async fn record_training_result(
        &self,
        ctx: &Context<'_>,
        input: RecordTrainingResultInput,
    ) -> async_graphql::Result<EnrollmentPayload> {
        let id = decode(&input.enrollment_id, "Enrollment", "enrollmentId").extend()?;
        service::record_result(ctx.state()?, ctx.actor()?, id, input.passed)
            .await
            .map(|e| EnrollmentPayload {
                enrollment: e.into(),
            })
            .extend()
    }

    /// Records a skill assessment; a pass earns the 职业资格等级证书 of that level
    /// (职业技能鉴定).
    /// Who may call: AGENCY_STAFF.
    async fn record_skill_assessment(
        &self,
        ctx: &Context<'_>,
        input: RecordSkillAssessmentInput,
    ) -> async_graphql::Result<RecordedPayload> {
        let id = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        service::record_assessment(
            ctx.state()?,
            ctx.actor()?,
            id,
            &input.occupation,
            input.level,
            input.passed,
            input.assessed_on.0,
        )
        .await
        .map(|a| RecordedPayload {
            seeker_id: global_id("JobSeeker", a.seeker_id),
        })
        .extend()
    }

    /// Records a vocational guidance session (职业指导).
    /// Who may call: AGENCY_STAFF.
    async fn record_guidance(
        &self,
        ctx: &Context<'_>,
        input: RecordGuidanceInput,
    ) -> async_graphql::Result<RecordedPayload> {
        let id = decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?;
        service::record_guidance(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.held_on.0,
            &input.topic,
            &input.notes,
        )
        .await
        .map(|g| RecordedPayload {
            seeker_id: global_id("JobSeeker", g.seeker_id),
        })
        .extend()
    }

    /// Sends a batch of seekers to an employer in another region, each placed at once
    /// (外出务工输送).
    /// Who may call: AGENCY_STAFF.
    async fn export_labour(
        &self,
        ctx: &Context<'_>,
        input: ExportLabourInput,
    ) -> async_graphql::Result<ExportBatchSummary> {
        let posting = decode(&input.posting_id, "Posting", "postingId").extend()?;
        let seekers = input
            .seeker_ids
            .iter()
            .enumerate()
            .map(|(i, s)| decode(s, "JobSeeker", &format!("seekerIds[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .extend()?;
        service::export(
            ctx.state()?,
            ctx.actor()?,
            posting,
            &seekers,
            &input.destination,
            input.departure_date.0,
            input.note,
        )
        .await
        .map(|s| ExportBatchSummary {
            id: global_id("ExportBatch", s.batch.id),
            destination: s.batch.destination,
            departure_date: Date(s.batch.departure_date),
            sent: i32::try_from(s.sent).unwrap_or(i32::MAX),
            placements: i32::try_from(s.placements).unwrap_or(i32::MAX),
        })
        .extend()
    }
}
