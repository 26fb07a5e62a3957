//! The petition periods as policy rows (信访办理期限): an ADMIN of the root unit sets them;
//! a period without a row has the regulations' default.

use entity::{PetitionPeriod, petition_policy};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Iterable};

use super::rules::{self, Periods};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::db::Tx;
use crate::error::ApiResult;

/// The periods in force.
pub async fn periods(db: &impl ConnectionTrait) -> ApiResult<Periods> {
    let rows = petition_policy::Entity::find().all(db).await?;
    Ok(Periods::from_fn(|period| {
        rows.iter()
            .find(|r| r.period == period)
            .map_or_else(|| rules::default_days(period), |r| r.days)
    }))
}

/// Each period with its length in force, for everyone signed in to read.
pub async fn list(state: &AppState, _actor: &Actor) -> ApiResult<Vec<(PetitionPeriod, i32)>> {
    let periods = periods(&state.db).await?;
    Ok(PetitionPeriod::iter()
        .map(|p| {
            let days = match p {
                PetitionPeriod::Acceptance => periods.acceptance,
                PetitionPeriod::Answer => periods.answer,
                PetitionPeriod::Extension => periods.extension,
                PetitionPeriod::ReviewRequest => periods.review_request,
                PetitionPeriod::ReviewAnswer => periods.review_answer,
            };
            (p, days)
        })
        .collect())
}

/// Sets a period (ADMIN of the root unit). Petitions already received keep the periods
/// they were received under.
pub async fn set(
    state: &AppState,
    actor: &Actor,
    period: PetitionPeriod,
    days: i32,
) -> ApiResult<(PetitionPeriod, i32)> {
    actor.require_policy_admin()?;
    rules::check_days(days)?;
    let now = state.clock.now();
    let mut tx = Tx::begin(state).await?;
    let before = petition_policy::Entity::find_by_id(period)
        .one(&*tx)
        .await?;
    let row = petition_policy::ActiveModel {
        period: Set(period),
        days: Set(days),
        updated_by: Set(actor.user_id),
        updated_at: Set(now),
    };
    petition_policy::Entity::insert(row)
        .on_conflict(
            OnConflict::column(petition_policy::Column::Period)
                .update_columns([
                    petition_policy::Column::Days,
                    petition_policy::Column::UpdatedBy,
                    petition_policy::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&*tx)
        .await?;
    let mut change = Change::about("setPetitionPeriod", "PetitionPeriod", None, None)
        .after(&serde_json::json!({ "period": period, "days": days }));
    if let Some(before) = before {
        change = change.before(&before);
    }
    audit::record(&mut tx, actor, now, change).await?;
    tx.commit().await?;
    Ok((period, days))
}
