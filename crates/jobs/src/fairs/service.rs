//! Job-fair use cases: 「成功举办了300场下岗、失业人员专场求职聘请洽谈会,共组织5249家用工单位
//! 进场聘请,提供用工岗位5万9千余个,进场求职者累计达18万余人次,现场达成意向性协议6万7千余个,
//! 经过聘请会实现再就业的达2万余人」 — every one of those figures is counted here.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use chrono::NaiveDate;
use entity::{
    FairKind, WaivedService, employer, fair_attendee, fair_employer, fair_intent, fair_posting,
    job_fair, placement, posting, referral,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QuerySelect, Select,
};
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::scope::find_employer;
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::employment::employers::STAFF;
use crate::employment::postings::find_posting;
use crate::employment::referrals::{self, Origin};
use crate::employment::seekers::{find_seeker, served_free, waive};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::graphql::loader::DbLoader;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// Who may read fairs.
pub const READERS: &[entity::Role] = &[
    entity::Role::AgencyStaff,
    entity::Role::Auditor,
    entity::Role::Admin,
    entity::Role::Viewer,
];

async fn find_fair(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<job_fair::Model> {
    let mut query = job_fair::Entity::find_by_id(id)
        .filter(scope::org_unit_column(job_fair::Column::OrgUnitId, actor));
    if lock {
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("JobFair"))
}

async fn audited<T: serde::Serialize>(
    tx: &mut Tx,
    actor: &Actor,
    state: &AppState,
    op: &'static str,
    fair: &job_fair::Model,
    after: &T,
) -> ApiResult<()> {
    audit::record(
        tx,
        actor,
        state.clock.now(),
        Change::new(op, "JobFair", fair.id, Some(fair.org_unit_id)).after(after),
    )
    .await
}

/// Attendance, walk-ins and intents are recorded on or after the fair's day, never before.
fn held(fair: &job_fair::Model, today: NaiveDate) -> ApiResult<()> {
    if today < fair.date {
        return Err(ApiError::InvalidState {
            message: format!("the fair is held on {}", fair.date),
            reasons: vec!["FAIR_NOT_HELD"],
        });
    }
    Ok(())
}

/// Plans a fair (举办招聘会). AGENCY_STAFF.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    title: &str,
    kind: FairKind,
    date: NaiveDate,
    venue: &str,
    org_unit_id: Uuid,
) -> ApiResult<job_fair::Model> {
    actor.require_any(STAFF)?;
    let title = validate::name("title", title, 100)?;
    let venue = validate::name("venue", venue, 100)?;
    let mut tx = Tx::begin(state).await?;
    find_in_scope(&*tx, actor, org_unit_id)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let fair = job_fair::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(org_unit_id),
        title: Set(title),
        kind: Set(kind),
        date: Set(date),
        venue: Set(venue),
        walk_ins: Set(0),
        created_by: Set(actor.user_id),
        created_at: Set(state.clock.now()),
    }
    .insert(&*tx)
    .await?;
    audited(&mut tx, actor, state, "createJobFair", &fair, &fair).await?;
    tx.commit().await?;
    Ok(fair)
}

/// Signs an employer up with the postings it brings (参会单位及岗位). AGENCY_STAFF.
pub async fn add_employer(
    state: &AppState,
    actor: &Actor,
    fair_id: Uuid,
    employer_id: Uuid,
    posting_ids: &[Uuid],
) -> ApiResult<job_fair::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let fair = find_fair(&*tx, actor, fair_id, true).await?;
    let employer: employer::Model = find_employer(&*tx, actor, employer_id)
        .await
        .or_refused(|| ApiError::bad_input("employerId", "no such employer in your scope"))?;
    if employer.flag.is_some() {
        return Err(ApiError::InvalidState {
            message: "a flagged employer does not recruit at the union's fairs".into(),
            reasons: vec!["EMPLOYER_FLAGGED"],
        });
    }
    for (i, id) in posting_ids.iter().enumerate() {
        let p: posting::Model = find_posting(&*tx, actor, *id, false).await.or_refused(|| {
            ApiError::bad_input(format!("postingIds[{i}]"), "no such posting in your scope")
        })?;
        if p.employer_id != employer.id {
            return Err(ApiError::bad_input(
                format!("postingIds[{i}]"),
                "the posting is another employer's",
            ));
        }
    }
    fair_employer::Entity::insert(fair_employer::ActiveModel {
        fair_id: Set(fair.id),
        employer_id: Set(employer.id),
    })
    .on_conflict_do_nothing_on([
        fair_employer::Column::FairId,
        fair_employer::Column::EmployerId,
    ])
    .exec(&*tx)
    .await?;
    if !posting_ids.is_empty() {
        fair_posting::Entity::insert_many(posting_ids.iter().map(|p| fair_posting::ActiveModel {
            fair_id: Set(fair.id),
            posting_id: Set(*p),
        }))
        .on_conflict_do_nothing_on([
            fair_posting::Column::FairId,
            fair_posting::Column::PostingId,
        ])
        .exec(&*tx)
        .await?;
    }
    audited(
        &mut tx,
        actor,
        state,
        "addFairEmployer",
        &fair,
        &serde_json::json!({ "employerId": employer.id, "postingIds": posting_ids }),
    )
    .await?;
    tx.commit().await?;
    Ok(fair)
}

/// Checks a seeker in at the fair (进场登记); admission is free for the disadvantaged.
/// AGENCY_STAFF.
pub async fn check_in(
    state: &AppState,
    actor: &Actor,
    fair_id: Uuid,
    seeker_id: Uuid,
) -> ApiResult<job_fair::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let fair = find_fair(&*tx, actor, fair_id, true).await?;
    held(&fair, state.clock.today())?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    let now = state.clock.now();
    let inserted = fair_attendee::Entity::insert(fair_attendee::ActiveModel {
        fair_id: Set(fair.id),
        seeker_id: Set(seeker.id),
        checked_in_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        fair_attendee::Column::FairId,
        fair_attendee::Column::SeekerId,
    ])
    .exec(&*tx)
    .await?;
    if matches!(inserted, sea_orm::TryInsertResult::Conflicted) {
        return Err(ApiError::Conflict {
            message: "the seeker is checked in already".into(),
            reasons: vec!["ALREADY_CHECKED_IN"],
        });
    }
    if served_free(&*tx, &seeker, today).await? {
        waive(
            &tx,
            &seeker,
            WaivedService::JobFair,
            crate::employment::rules::FAIR_FEE,
            actor,
            now,
        )
        .await?;
    }
    audited(
        &mut tx,
        actor,
        state,
        "checkInAttendee",
        &fair,
        &serde_json::json!({ "seekerId": seeker.id }),
    )
    .await?;
    tx.commit().await?;
    Ok(fair)
}

/// Counts walk-in attendees not checked in by name (现场散客). AGENCY_STAFF.
pub async fn add_walk_ins(
    state: &AppState,
    actor: &Actor,
    fair_id: Uuid,
    count: i32,
) -> ApiResult<job_fair::Model> {
    actor.require_any(STAFF)?;
    if !(1..=100_000).contains(&count) {
        return Err(ApiError::bad_input("count", "between 1 and 100000"));
    }
    let mut tx = Tx::begin(state).await?;
    let before = find_fair(&*tx, actor, fair_id, true).await?;
    held(&before, state.clock.today())?;
    let mut active: job_fair::ActiveModel = before.clone().into();
    active.walk_ins = Set(before.walk_ins.saturating_add(count));
    let after = active.update(&*tx).await?;
    audited(
        &mut tx,
        actor,
        state,
        "recordWalkIns",
        &after,
        &serde_json::json!({ "added": count, "walkIns": after.walk_ins }),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Records an on-site intent agreement (意向性协议) between an attendee and a taking-part
/// employer for one of its fair postings. AGENCY_STAFF.
pub async fn record_intent(
    state: &AppState,
    actor: &Actor,
    fair_id: Uuid,
    seeker_id: Uuid,
    employer_id: Uuid,
    posting_id: Uuid,
) -> ApiResult<fair_intent::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let fair = find_fair(&*tx, actor, fair_id, true).await?;
    held(&fair, state.clock.today())?;
    let seeker = find_seeker(&*tx, actor, seeker_id)
        .await
        .or_refused(|| ApiError::bad_input("seekerId", "no such job seeker in your scope"))?;
    let posting = find_posting(&*tx, actor, posting_id, false)
        .await
        .or_refused(|| ApiError::bad_input("postingId", "no such posting in your scope"))?;
    let attended = fair_attendee::Entity::find_by_id((fair.id, seeker.id))
        .one(&*tx)
        .await?
        .is_some();
    if !attended {
        return Err(ApiError::InvalidState {
            message: "the seeker is not checked in at this fair".into(),
            reasons: vec!["NOT_CHECKED_IN"],
        });
    }
    let offered = fair_posting::Entity::find_by_id((fair.id, posting_id))
        .one(&*tx)
        .await?
        .is_some()
        && fair_employer::Entity::find_by_id((fair.id, employer_id))
            .one(&*tx)
            .await?
            .is_some()
        && posting.employer_id == employer_id;
    if !offered {
        return Err(ApiError::InvalidState {
            message: "the posting is not offered by that employer at this fair".into(),
            reasons: vec!["NOT_AT_FAIR"],
        });
    }
    let intent = fair_intent::ActiveModel {
        id: Set(Uuid::now_v7()),
        fair_id: Set(fair.id),
        seeker_id: Set(seeker_id),
        employer_id: Set(employer_id),
        posting_id: Set(posting_id),
        referral_id: Set(None),
        recorded_by: Set(actor.user_id),
        created_at: Set(state.clock.now()),
    }
    .insert(&*tx)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict { .. } => ApiError::Conflict {
            message: "this intent is recorded already".into(),
            reasons: vec!["DUPLICATE_INTENT"],
        },
        other => other,
    })?;
    audited(&mut tx, actor, state, "recordIntent", &fair, &intent).await?;
    tx.commit().await?;
    Ok(intent)
}

/// Turns an intent into a referral (意向转推荐) that keeps the link to the fair, so a hire
/// from it counts as re-employment through the fair. AGENCY_STAFF.
pub async fn refer_intent(
    state: &AppState,
    actor: &Actor,
    intent_id: Uuid,
) -> ApiResult<referral::Model> {
    actor.require_any(STAFF)?;
    let mut tx = Tx::begin(state).await?;
    let intent = fair_intent::Entity::find_by_id(intent_id)
        .lock_exclusive()
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("FairIntent"))?;
    let fair = find_fair(&*tx, actor, intent.fair_id, false)
        .await
        .or_refused(|| ApiError::not_found("FairIntent"))?;
    if intent.referral_id.is_some() {
        return Err(ApiError::Conflict {
            message: "the intent has become a referral already".into(),
            reasons: vec!["ALREADY_REFERRED"],
        });
    }
    let seeker = find_seeker(&*tx, actor, intent.seeker_id).await?;
    let posting = find_posting(&*tx, actor, intent.posting_id, true).await?;
    let now = state.clock.now();
    let created = referrals::issue(
        &tx,
        actor,
        &seeker,
        &posting,
        state.clock.today(),
        now,
        Origin::Fair(fair.id),
    )
    .await?;
    fair_intent::Entity::update_many()
        .col_expr(fair_intent::Column::ReferralId, Expr::value(created.id))
        .filter(fair_intent::Column::Id.eq(intent.id))
        .exec(&*tx)
        .await?;
    audited(&mut tx, actor, state, "referIntent", &fair, &created).await?;
    tx.commit().await?;
    Ok(created)
}

/// A fair's figures (招聘会统计) as recorded; walk-ins live on the fair itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// 进场单位.
    pub employers: i64,
    /// 提供岗位: the headcount of the postings brought.
    pub positions: i64,
    /// 登记进场的求职者.
    pub checked_in: i64,
    /// 意向性协议.
    pub intents: i64,
    /// 经招聘会实现再就业: placements from the fair's referrals.
    pub placements: i64,
}

/// One grouped query: `value` per fair.
async fn per_fair<E: EntityTrait>(
    db: &impl ConnectionTrait,
    mut select: Select<E>,
    fair: Expr,
    value: sea_orm::sea_query::SimpleExpr,
) -> Result<Vec<(Uuid, i64)>, DbErr> {
    QuerySelect::query(&mut select)
        .clear_selects()
        .expr_as(fair.clone(), Alias::new("fair_id"))
        .expr_as(value, Alias::new("n"));
    select.group_by(fair).into_tuple().all(db).await
}

/// The figures of a batch of fairs, in five grouped queries (for the DataLoader).
pub async fn counts(
    db: &impl ConnectionTrait,
    fairs: &[Uuid],
) -> Result<HashMap<Uuid, Counts>, DbErr> {
    let ids = || fairs.iter().copied();
    let mut out: HashMap<Uuid, Counts> = fairs.iter().map(|f| (*f, Counts::default())).collect();
    let count = || Expr::cust("COUNT(*)");
    for (f, n) in per_fair(
        db,
        fair_employer::Entity::find().filter(fair_employer::Column::FairId.is_in(ids())),
        Expr::col((fair_employer::Entity, fair_employer::Column::FairId)),
        count(),
    )
    .await?
    {
        out.entry(f).or_default().employers = n;
    }
    let mut positions =
        fair_posting::Entity::find().filter(fair_posting::Column::FairId.is_in(ids()));
    QuerySelect::query(&mut positions).inner_join(
        posting::Entity,
        Expr::col((posting::Entity, posting::Column::Id))
            .equals((fair_posting::Entity, fair_posting::Column::PostingId)),
    );
    for (f, n) in per_fair(
        db,
        positions,
        Expr::col((fair_posting::Entity, fair_posting::Column::FairId)),
        crate::db::sum_of("posting.headcount"),
    )
    .await?
    {
        out.entry(f).or_default().positions = n;
    }
    for (f, n) in per_fair(
        db,
        fair_attendee::Entity::find().filter(fair_attendee::Column::FairId.is_in(ids())),
        Expr::col((fair_attendee::Entity, fair_attendee::Column::FairId)),
        count(),
    )
    .await?
    {
        out.entry(f).or_default().checked_in = n;
    }
    for (f, n) in per_fair(
        db,
        fair_intent::Entity::find().filter(fair_intent::Column::FairId.is_in(ids())),
        Expr::col((fair_intent::Entity, fair_intent::Column::FairId)),
        count(),
    )
    .await?
    {
        out.entry(f).or_default().intents = n;
    }
    let mut placements = placement::Entity::find();
    QuerySelect::query(&mut placements)
        .inner_join(
            referral::Entity,
            Expr::col((referral::Entity, referral::Column::Id))
                .equals((placement::Entity, placement::Column::ReferralId)),
        )
        .and_where(Expr::col((referral::Entity, referral::Column::FairId)).is_in(ids()));
    for (f, n) in per_fair(
        db,
        placements,
        Expr::col((referral::Entity, referral::Column::FairId)),
        count(),
    )
    .await?
    {
        out.entry(f).or_default().placements = n;
    }
    Ok(out)
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<job_fair::Model> {
    actor.require_any(READERS)?;
    find_fair(&state.db, actor, id, false).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<job_fair::Model>> {
    actor.require_any(READERS)?;
    let select =
        job_fair::Entity::find().filter(scope::org_unit_column(job_fair::Column::OrgUnitId, actor));
    paginate(state, select, job_fair::Column::Id, page).await
}

/// Key of a job fair's figures (招聘会统计).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FairCountsKey(pub Uuid);

#[async_trait::async_trait]
impl Loader<FairCountsKey> for DbLoader {
    type Value = Counts;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[FairCountsKey],
    ) -> Result<HashMap<FairCountsKey, Self::Value>, Self::Error> {
        let ids: Vec<Uuid> = keys.iter().map(|k| k.0).collect();
        let counts = counts(&self.db, &ids).await?;
        Ok(counts
            .into_iter()
            .map(|(k, v)| (FairCountsKey(k), v))
            .collect())
    }
}
