//! The review workflow's database work, inside the caller's transaction: history rows
//! (流转记录), the checks before a decision, the decision and the start of the notice (公示),
//! and the end of a notice without objection. The caller loads and locks the item, makes
//! its own checks, updates the row and writes the audit.

use chrono::{DateTime, NaiveDate, Utc};
use entity::ReviewDecision;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Value};
use uuid::Uuid;

use super::rules::{self, NOTICE_WORKING_DAYS, Stage, Status, Step, Subject};
use crate::auth::Actor;
use crate::error::ApiResult;

/// Name recorded for steps the system takes by itself.
pub const SYSTEM: &str = "system";

/// An item whose status changes are written to its own history table (流转记录): the
/// reviewed items, and the items that move through steps of their own (petitions, legal
/// aid). The tables stay the domain's own; the workflow only needs these columns.
pub trait Tracked {
    type Status: Copy + Eq + std::fmt::Debug + Into<Value> + Send + Sync + 'static;
    /// Its history (case_transition, application_transition, …).
    type History: EntityTrait;
    /// The history row's reference to its item.
    const HISTORY_ITEM: <Self::History as EntityTrait>::Column;
    /// The history row's UUID v7 key, which orders the steps.
    const HISTORY_ID: <Self::History as EntityTrait>::Column;

    /// The history row of `step`, with a new key.
    fn history_row(
        item_id: Uuid,
        step: Transition<Self::Status>,
    ) -> <Self::History as EntityTrait>::ActiveModel;

    /// The move a history row records: from, to and who.
    fn moved(
        row: &<Self::History as EntityTrait>::Model,
    ) -> (Option<Self::Status>, Self::Status, Option<Uuid>);
}

/// One domain's use of the review workflow: a tracked item whose statuses name the review
/// stages, and the item's table.
pub trait Flow: Tracked<Status: Status> {
    /// The reviewed item (hardship_case, assistance_application, …).
    type Item: EntityTrait;
    /// How refusals name the item.
    const SUBJECT: Subject;
    const ITEM_ID: <Self::Item as EntityTrait>::Column;
    const ITEM_STATUS: <Self::Item as EntityTrait>::Column;
    const ITEM_UPDATED_AT: <Self::Item as EntityTrait>::Column;
}

/// A step of an item's history, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition<S> {
    pub from: Option<S>,
    pub to: S,
    /// None for the system.
    pub actor_id: Option<Uuid>,
    pub actor_username: String,
    pub at: DateTime<Utc>,
    pub comment: Option<String>,
}

impl<S> Transition<S> {
    /// A step taken by `actor`.
    pub fn by(
        actor: &Actor,
        from: Option<S>,
        to: S,
        at: DateTime<Utc>,
        comment: Option<String>,
    ) -> Self {
        Self {
            from,
            to,
            actor_id: Some(actor.user_id),
            actor_username: actor.username.clone(),
            at,
            comment,
        }
    }

    /// A step the system takes by itself (the end of a notice).
    pub fn by_system(from: Option<S>, to: S, at: DateTime<Utc>, comment: String) -> Self {
        Self {
            from,
            to,
            actor_id: None,
            actor_username: SYSTEM.to_owned(),
            at,
            comment: Some(comment),
        }
    }
}

/// Appends a step to the item's history.
pub async fn record<F: Tracked>(
    db: &impl ConnectionTrait,
    item_id: Uuid,
    step: Transition<F::Status>,
) -> ApiResult<()> {
    F::History::insert(F::history_row(item_id, step))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The item's history rows, oldest first.
pub async fn rows<F: Tracked>(
    db: &impl ConnectionTrait,
    item_id: Uuid,
) -> ApiResult<Vec<<F::History as EntityTrait>::Model>> {
    Ok(F::History::find()
        .filter(F::HISTORY_ITEM.eq(item_id))
        .order_by_asc(F::HISTORY_ID)
        .all(db)
        .await?)
}

/// The item's history as four eyes reads it, oldest first.
pub async fn history<F: Flow>(db: &impl ConnectionTrait, item_id: Uuid) -> ApiResult<Vec<Step>> {
    Ok(rows::<F>(db, item_id)
        .await?
        .iter()
        .map(|row| {
            let (from, to, actor) = F::moved(row);
            Step::of(from, to, actor)
        })
        .collect())
}

/// The stage `actor` decides the item at: it must await one, the actor hold its role,
/// and four eyes (双人复核) let them.
pub async fn stage_for<F: Flow>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    item_id: Uuid,
    status: F::Status,
    submitted_by: Option<Uuid>,
) -> ApiResult<Stage> {
    let stage = rules::stage_to_decide(F::SUBJECT, actor, status)?;
    let history = history::<F>(db, item_id).await?;
    rules::check_four_eyes(F::SUBJECT, actor.user_id, submitted_by, stage, &history)?;
    Ok(stage)
}

/// A public notice (公示): its first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// What a decision led to: the item's new status and, on approval, its notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided<S> {
    pub status: S,
    pub notice: Option<Notice>,
}

/// Records `decision` at `stage`. Approval starts the notice at once, from the next
/// working day for 「不少于5个工作日」, as a second step.
#[allow(clippy::too_many_arguments)]
pub async fn record_decision<F: Flow>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    item_id: Uuid,
    from: F::Status,
    stage: Stage,
    decision: ReviewDecision,
    comment: Option<String>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> ApiResult<Decided<F::Status>> {
    let next: F::Status = rules::after_decision(stage, decision);
    record::<F>(
        db,
        item_id,
        Transition::by(actor, Some(from), next, now, comment),
    )
    .await?;
    if next != F::Status::APPROVED {
        return Ok(Decided {
            status: next,
            notice: None,
        });
    }
    let calendar = crate::calendar::service::load(db).await?;
    let start = calendar.notice_end(today, 1);
    let end = calendar.notice_end(today, NOTICE_WORKING_DAYS);
    record::<F>(
        db,
        item_id,
        Transition::by(
            actor,
            Some(next),
            F::Status::IN_NOTICE,
            now,
            Some(rules::notice_comment(start, end)),
        ),
    )
    .await?;
    Ok(Decided {
        status: F::Status::IN_NOTICE,
        notice: Some(Notice { start, end }),
    })
}

/// Records the end of a notice without objection (公示期满无异议) as of `at`, with the
/// system's `comment`. Idempotent: the guarded update lets one writer, on any replica,
/// record the step; whether this call did.
pub async fn settle_notice<F: Flow>(
    db: &impl ConnectionTrait,
    item_id: Uuid,
    at: DateTime<Utc>,
    comment: String,
) -> ApiResult<bool> {
    let passed: Value = F::Status::NOTICE_PASSED.into();
    let updated = F::Item::update_many()
        .col_expr(F::ITEM_STATUS, Expr::value(passed))
        .col_expr(F::ITEM_UPDATED_AT, Expr::value(at))
        .filter(F::ITEM_ID.eq(item_id))
        .filter(F::ITEM_STATUS.eq(F::Status::IN_NOTICE))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Ok(false);
    }
    record::<F>(
        db,
        item_id,
        Transition::by_system(
            Some(F::Status::IN_NOTICE),
            F::Status::NOTICE_PASSED,
            at,
            comment,
        ),
    )
    .await?;
    Ok(true)
}

/// Lodges an objection (异议) against an item whose status is `status`: refused outside
/// the notice, else the step back to the leading group's review is recorded. The status
/// the item goes back to.
pub async fn object<F: Flow>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    item_id: Uuid,
    status: F::Status,
    reason: &str,
    now: DateTime<Utc>,
) -> ApiResult<F::Status> {
    let back = rules::check_objection(status)?;
    let comment = Some(rules::objection_comment(reason));
    record::<F>(
        db,
        item_id,
        Transition::by(actor, Some(status), back, now, comment),
    )
    .await?;
    Ok(back)
}

/// Withdraws a draft (撤回) if `actor` may (`rules::check_withdrawal`), recording the step.
/// The status the item takes.
pub async fn withdraw<F: Flow>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    item_id: Uuid,
    created_by: Uuid,
    status: F::Status,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> ApiResult<F::Status> {
    rules::check_withdrawal(actor, created_by, status == F::Status::DRAFT)?;
    let to = F::Status::WITHDRAWN;
    record::<F>(
        db,
        item_id,
        Transition::by(actor, Some(status), to, now, reason),
    )
    .await?;
    Ok(to)
}
