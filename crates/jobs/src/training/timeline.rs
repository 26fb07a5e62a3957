//! A seeker's service record (服务记录): everything the agency did with them, in date order.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use chrono::{DateTime, Months, NaiveDate, Utc};
use entity::{
    EnrollmentStatus, community_event, community_event_participant, domestic_worker, enrollment,
    guidance_session, placement, referral, service_order, skill_assessment, training_course,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::clock::CHINA;
use crate::graphql::loader::DbLoader;
use crate::labels::Label;

/// What happened (事项).
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineKind {
    /// 职业指导.
    Guidance,
    /// 报名参加培训.
    TrainingEnrolled,
    /// 培训合格.
    TrainingPassed,
    /// 培训不合格.
    TrainingFailed,
    /// 退学.
    TrainingWithdrawn,
    /// 技能鉴定合格.
    AssessmentPassed,
    /// 技能鉴定不合格.
    AssessmentFailed,
    /// 推荐就业 (介绍信).
    Referral,
    /// 实现就业.
    Placement,
    /// 跟踪回访: still employed.
    FollowUpEmployed,
    /// 跟踪回访: no longer employed.
    FollowUpNotEmployed,
    /// 家政上岗: placed with a client of the domestic-service station.
    DomesticPlacement,
    /// 家政服务结束: the client's rating.
    DomesticOrderClosed,
    /// 技能竞赛: a contest of the domestic workers' union.
    SkillContest,
    /// 公益活动: public-good work of the domestic workers' union.
    PublicGoodWork,
}

/// One event of a seeker's timeline.
#[derive(Debug, Clone)]
pub struct TimelineEvent {
    pub on: NaiveDate,
    /// When it was recorded: orders events of the same day.
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    pub summary: String,
}

fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&CHINA).date_naive()
}

/// The timelines of a batch of seekers, one query per kind of record (no N+1).
pub async fn timelines(
    db: &impl ConnectionTrait,
    seekers: &[Uuid],
) -> Result<HashMap<Uuid, Vec<TimelineEvent>>, DbErr> {
    let mut out: HashMap<Uuid, Vec<TimelineEvent>> = HashMap::new();
    let mut push = |seeker: Uuid, on, at, kind, summary| {
        out.entry(seeker).or_default().push(TimelineEvent {
            on,
            at,
            kind,
            summary,
        });
    };
    for g in guidance_session::Entity::find()
        .filter(guidance_session::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?
    {
        push(
            g.seeker_id,
            g.held_on,
            g.created_at,
            TimelineKind::Guidance,
            g.topic,
        );
    }
    let enrolments = enrollment::Entity::find()
        .filter(enrollment::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?;
    let courses: HashMap<Uuid, training_course::Model> = training_course::Entity::find()
        .filter(training_course::Column::Id.is_in(enrolments.iter().map(|e| e.course_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for e in enrolments {
        let course = courses.get(&e.course_id);
        let title = course.map(|c| c.title.clone()).unwrap_or_default();
        push(
            e.seeker_id,
            day_of(e.created_at),
            e.created_at,
            TimelineKind::TrainingEnrolled,
            title.clone(),
        );
        let result = match e.status {
            EnrollmentStatus::Passed => Some(TimelineKind::TrainingPassed),
            EnrollmentStatus::Failed => Some(TimelineKind::TrainingFailed),
            EnrollmentStatus::Dropped => Some(TimelineKind::TrainingWithdrawn),
            EnrollmentStatus::Enrolled => None,
        };
        if let Some(kind) = result {
            let on = match (kind, course) {
                (TimelineKind::TrainingWithdrawn, _) | (_, None) => day_of(e.updated_at),
                (_, Some(c)) => c.ends_on,
            };
            push(e.seeker_id, on, e.updated_at, kind, title);
        }
    }
    for a in skill_assessment::Entity::find()
        .filter(skill_assessment::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?
    {
        let kind = if a.passed {
            TimelineKind::AssessmentPassed
        } else {
            TimelineKind::AssessmentFailed
        };
        let summary = format!("{} 等级{}", a.occupation, a.level);
        push(a.seeker_id, a.assessed_on, a.created_at, kind, summary);
    }
    for r in referral::Entity::find()
        .filter(referral::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?
    {
        push(
            r.seeker_id,
            day_of(r.created_at),
            r.created_at,
            TimelineKind::Referral,
            r.letter_number,
        );
    }
    for p in placement::Entity::find()
        .filter(placement::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?
    {
        push(
            p.seeker_id,
            p.start_date,
            p.created_at,
            TimelineKind::Placement,
            format!("月工资 {}", p.monthly_wage),
        );
        for (months, employed) in [(3u32, p.employed_at_3_months), (6, p.employed_at_6_months)] {
            let Some(employed) = employed else { continue };
            let on = p
                .start_date
                .checked_add_months(Months::new(months))
                .unwrap_or(p.start_date);
            let kind = if employed {
                TimelineKind::FollowUpEmployed
            } else {
                TimelineKind::FollowUpNotEmployed
            };
            push(
                p.seeker_id,
                on,
                p.created_at,
                kind,
                format!("{months}个月回访"),
            );
        }
    }
    domestic(db, seekers, &mut push).await?;
    for events in out.values_mut() {
        events.sort_by(|a, b| a.on.cmp(&b.on).then(a.at.cmp(&b.at)));
    }
    Ok(out)
}

/// The domestic-service station's part of the timelines: placements with clients, their
/// ratings, and the union's contests and public-good work.
async fn domestic(
    db: &impl ConnectionTrait,
    seekers: &[Uuid],
    push: &mut impl FnMut(Uuid, NaiveDate, DateTime<Utc>, TimelineKind, String),
) -> Result<(), DbErr> {
    let workers: HashMap<Uuid, Uuid> = domestic_worker::Entity::find()
        .filter(domestic_worker::Column::SeekerId.is_in(seekers.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|w| (w.id, w.seeker_id))
        .collect();
    if workers.is_empty() {
        return Ok(());
    }
    for o in service_order::Entity::find()
        .filter(service_order::Column::DomesticWorkerId.is_in(workers.keys().copied()))
        .all(db)
        .await?
    {
        let (Some(seeker), Some(from), Some(at)) = (
            o.domestic_worker_id.and_then(|w| workers.get(&w)),
            o.contract_from,
            o.placed_at,
        ) else {
            continue;
        };
        let to = o.contract_to.map(|d| d.to_string()).unwrap_or_default();
        push(
            *seeker,
            from,
            at,
            TimelineKind::DomesticPlacement,
            format!(
                "{} {} {from}—{to}",
                o.service.label(),
                o.arrangement.label()
            ),
        );
        if let (Some(on), Some(rating)) = (o.closed_on, o.rating) {
            push(
                *seeker,
                on,
                at,
                TimelineKind::DomesticOrderClosed,
                format!("评价 {rating}"),
            );
        }
    }
    let taking_part = community_event_participant::Entity::find()
        .filter(
            community_event_participant::Column::DomesticWorkerId.is_in(workers.keys().copied()),
        )
        .order_by_asc(community_event_participant::Column::EventId)
        .all(db)
        .await?;
    let events: HashMap<Uuid, community_event::Model> = community_event::Entity::find()
        .filter(community_event::Column::Id.is_in(taking_part.iter().map(|p| p.event_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    for p in taking_part {
        let (Some(seeker), Some(e)) = (workers.get(&p.domestic_worker_id), events.get(&p.event_id))
        else {
            continue;
        };
        let kind = if e.kind.is_contest() {
            TimelineKind::SkillContest
        } else {
            TimelineKind::PublicGoodWork
        };
        let summary = match p.award {
            Some(award) => format!("{} {award}", e.title),
            None => e.title.clone(),
        };
        push(*seeker, e.held_on, e.created_at, kind, summary);
    }
    Ok(())
}

/// Key of a seeker's timeline (服务记录).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimelineKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<TimelineKey> for DbLoader {
    type Value = Vec<TimelineEvent>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[TimelineKey],
    ) -> Result<HashMap<TimelineKey, Self::Value>, Self::Error> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let timelines = timelines(&self.db, &ids).await?;
        Ok(timelines
            .into_iter()
            .map(|(k, v)| (TimelineKey(k), v))
            .collect())
    }
}
