//! Condolence use cases: 「由各分工会上报本月需慰问的员工名单，由公司工会审定评议发放人员名单
//! 与发放金额」.

use chrono::Datelike;
use entity::{CondolenceKind, CondolenceStatus, Money, ReviewDecision, Role, condolence};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::rules::{self, Facts};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::scope::find_worker;
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::validate;

/// Who lists condolences: the branch union's cadres.
const SUBMITTERS: &[Role] = &[Role::Caseworker];

/// Who approves them: the company union.
const APPROVERS: &[Role] = &[Role::Approver];

/// Who may read them: those who list, approve and pay them, and auditors.
const READERS: &[Role] = &[
    Role::Caseworker,
    Role::Approver,
    Role::Finance,
    Role::Auditor,
];

/// A month as `YYYY-MM`.
fn check_month(month: &str) -> ApiResult<String> {
    let ok = month.is_ascii()
        && month.len() == 7
        && month.as_bytes()[4] == b'-'
        && month[..4].parse::<u16>().is_ok()
        && month[5..]
            .parse::<u8>()
            .is_ok_and(|m| (1..=12).contains(&m));
    if ok {
        Ok(month.to_owned())
    } else {
        Err(ApiError::bad_input("month", "a month is written YYYY-MM"))
    }
}

/// Lists a condolence for a union member (上报慰问). CASEWORKER of the branch union.
pub async fn create(
    state: &AppState,
    actor: &Actor,
    worker_id: Uuid,
    kind: CondolenceKind,
    facts: Facts,
    amount: Money,
    month: Option<String>,
) -> ApiResult<condolence::Model> {
    actor.require_any(SUBMITTERS)?;
    let today = state.clock.today();
    let month = match month {
        Some(m) => check_month(m.trim())?,
        None => format!("{:04}-{:02}", today.year(), today.month()),
    };
    let mut tx = Tx::begin(state).await?;
    let worker = find_worker(&*tx, actor, worker_id)
        .await
        .or_refused(|| ApiError::bad_input("workerId", "no such worker in your scope"))?;
    // 「本办法适用于公司全体工会会员」
    if !worker.union_member {
        return Err(ApiError::InvalidState {
            message: "condolences are for union members (工会会员)".into(),
            reasons: vec!["NOT_A_UNION_MEMBER"],
        });
    }
    // The same event is condoled once: a worker's death once ever, anything else once a
    // month per kind.
    let mut earlier = condolence::Entity::find()
        .filter(condolence::Column::WorkerId.eq(worker.id))
        .filter(condolence::Column::Status.ne(CondolenceStatus::Rejected))
        .filter(condolence::Column::Kind.eq(kind));
    if kind != CondolenceKind::DeathOfWorker {
        earlier = earlier.filter(condolence::Column::Month.eq(month.clone()));
    }
    if earlier.one(&*tx).await?.is_some() {
        return Err(ApiError::Conflict {
            message: "this condolence is already listed".into(),
            reasons: vec!["DUPLICATE_CONDOLENCE"],
        });
    }
    let (min, max) = rules::standard(kind, &facts).map_err(|reason| ApiError::BadUserInput {
        field: "facts".into(),
        message: "the facts do not meet a condolence standard (慰问标准)".into(),
        reasons: vec![reason],
    })?;
    if amount < min || amount > max {
        return Err(ApiError::BadUserInput {
            field: "amount".into(),
            message: format!("the standard is {min} to {max}"),
            reasons: vec!["OUTSIDE_STANDARD"],
        });
    }
    let now = state.clock.now();
    let created = condolence::ActiveModel {
        id: Set(Uuid::now_v7()),
        worker_id: Set(worker.id),
        org_unit_id: Set(worker.org_unit_id),
        kind: Set(kind),
        facts: Set(serde_json::to_value(facts).map_err(ApiError::internal)?),
        beneficiary: Set(rules::beneficiary(kind, &facts)),
        month: Set(month),
        amount: Set(amount),
        standard_min: Set(min),
        standard_max: Set(max),
        status: Set(CondolenceStatus::Submitted),
        submitted_by: Set(actor.user_id),
        decided_by: Set(None),
        decided_at: Set(None),
        comment: Set(None),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createCondolence",
            "Condolence",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Approves or rejects a listed condolence (审定). APPROVER of the company union, not who
/// listed it.
pub async fn decide(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    decision: ReviewDecision,
    comment: Option<String>,
) -> ApiResult<condolence::Model> {
    actor.require_any(APPROVERS)?;
    let comment = validate::text("comment", comment, 2000)?;
    if decision == ReviewDecision::Return {
        return Err(ApiError::bad_input(
            "decision",
            "a condolence is approved or rejected",
        ));
    }
    if decision == ReviewDecision::Reject && comment.is_none() {
        return Err(ApiError::bad_input("comment", "say why when rejecting"));
    }
    let mut tx = Tx::begin(state).await?;
    let before = condolence::Entity::find_by_id(id)
        .filter(scope::org_unit_column(condolence::Column::OrgUnitId, actor))
        .lock_exclusive()
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("Condolence"))?;
    if before.status != CondolenceStatus::Submitted {
        return Err(ApiError::invalid_state(
            "the condolence has been decided already",
        ));
    }
    // 「由公司工会审定」: the approver sits above the branch union that listed it.
    let unit = entity::org_unit::Entity::find_by_id(before.org_unit_id)
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("condolence without org unit"))?;
    if unit.path == actor.org_path {
        return Err(ApiError::forbidden(
            "a condolence is approved by the union above the branch that listed it",
        ));
    }
    if before.submitted_by == actor.user_id {
        return Err(ApiError::forbidden(
            "four eyes (双人复核): who listed a condolence does not approve it",
        ));
    }
    let now = state.clock.now();
    let mut active: condolence::ActiveModel = before.clone().into();
    active.status = Set(if decision == ReviewDecision::Approve {
        CondolenceStatus::Approved
    } else {
        CondolenceStatus::Rejected
    });
    active.decided_by = Set(Some(actor.user_id));
    active.decided_at = Set(Some(now));
    active.comment = Set(comment);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "decideCondolence",
            "Condolence",
            id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A branch union's list for a month (月度慰问名单), with its total counted in SQL.
pub struct MonthlyList {
    pub items: Vec<condolence::Model>,
    pub total: Money,
}

pub async fn monthly_list(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    month: &str,
) -> ApiResult<MonthlyList> {
    actor.require_any(READERS)?;
    let month = check_month(month.trim())?;
    let unit = find_in_scope(&state.db, actor, org_unit_id).await?;
    let in_list = || {
        condolence::Entity::find()
            .filter(scope::subtree_column(
                condolence::Column::OrgUnitId,
                &unit.path,
            ))
            .filter(condolence::Column::Month.eq(month.clone()))
            .filter(condolence::Column::Status.ne(CondolenceStatus::Rejected))
    };
    let items = in_list().all(&state.db).await?;
    let total: Option<i64> = in_list()
        .select_only()
        .column_as(crate::db::sum_of("condolence.amount"), "total")
        .into_tuple()
        .one(&state.db)
        .await?;
    Ok(MonthlyList {
        items,
        total: Money::from_fen(total.unwrap_or(0)),
    })
}
