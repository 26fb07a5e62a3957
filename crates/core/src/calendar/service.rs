//! The calendar as data: seeded with the official schedules, edited by ADMIN.

use chrono::{Datelike, NaiveDate};
use entity::Role;
use entity::{DayKind, calendar_day};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::rules::{self, Calendar, Coverage};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};

/// The whole calendar (a few dozen rows a year).
pub async fn load(db: &impl ConnectionTrait) -> ApiResult<Calendar> {
    let days = calendar_day::Entity::find().all(db).await?;
    Ok(Calendar::new(days.into_iter().map(|d| (d.day, d.kind))))
}

/// On an empty calendar, the official 2025 and 2026 schedules.
pub async fn seed_official(db: &impl ConnectionTrait) -> ApiResult<()> {
    if calendar_day::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let rows = rules::official_days()
        .into_iter()
        .map(|(day, kind)| calendar_day::ActiveModel {
            day: Set(day),
            kind: Set(kind),
            name: Set(None),
        });
    // Replicas starting together may both seed: the second one's rows are ignored.
    calendar_day::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([calendar_day::Column::Day])
        .exec(db)
        .await?;
    Ok(())
}

/// The exceptions of one year, in date order.
pub async fn days_of_year(state: &AppState, year: i32) -> ApiResult<Vec<calendar_day::Model>> {
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1)
            .ok_or_else(|| ApiError::bad_input("year", "out of range"))?,
        NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or_else(|| ApiError::bad_input("year", "out of range"))?,
    );
    Ok(calendar_day::Entity::find()
        .filter(calendar_day::Column::Day.between(from, to))
        .order_by_asc(calendar_day::Column::Day)
        .all(&state.db)
        .await?)
}

/// Who reads the calendar's coverage: ADMIN, who has the holidays entered, and the staff
/// whose public notices (公示) are counted on the calendar and who tell workers when a
/// notice ends: CASEWORKER, REVIEWER, APPROVER. The others act on no notice.
pub const COVERAGE_READERS: &[Role] = &[
    Role::Admin,
    Role::Caseworker,
    Role::Reviewer,
    Role::Approver,
];

/// Which years the calendar covers, seen today (`COVERAGE_READERS`).
pub async fn coverage(state: &AppState, actor: &Actor) -> ApiResult<Coverage> {
    actor.require_any(COVERAGE_READERS)?;
    coverage_today(state).await
}

async fn coverage_today(state: &AppState) -> ApiResult<Coverage> {
    let days: Vec<(NaiveDate, DayKind)> = calendar_day::Entity::find()
        .select_only()
        .columns([calendar_day::Column::Day, calendar_day::Column::Kind])
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(Coverage::new(state.clock.today(), days))
}

/// The server's own check, at start and then daily: a warning in the log for each year
/// whose official holidays are missing while notices may run into it
/// (`Coverage::missing_years`). Returns those years.
pub async fn check_coverage(state: &AppState) -> ApiResult<Vec<i32>> {
    let missing = coverage_today(state).await?.missing_years();
    for &year in &missing {
        tracing::warn!(
            year,
            "the official holidays (法定节假日) of {year} are not entered: public notices (公示) \
             would count the Spring Festival and other holidays as working days; enter them \
             with setCalendarDay"
        );
    }
    Ok(missing)
}

/// Marks a day as a holiday or a make-up working day (ADMIN).
pub async fn set_day(
    state: &AppState,
    actor: &Actor,
    day: NaiveDate,
    kind: DayKind,
    name: Option<String>,
) -> ApiResult<calendar_day::Model> {
    actor.require_policy_admin()?;
    let weekend = matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
    if kind == DayKind::MakeupWorkday && !weekend {
        return Err(ApiError::bad_input(
            "day",
            "a make-up working day (调休上班日) falls on a weekend",
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let before = calendar_day::Entity::find_by_id(day).one(&*tx).await?;
    let row = calendar_day::ActiveModel {
        day: Set(day),
        kind: Set(kind),
        name: Set(name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty())),
    };
    calendar_day::Entity::insert(row)
        .on_conflict(
            OnConflict::column(calendar_day::Column::Day)
                .update_columns([calendar_day::Column::Kind, calendar_day::Column::Name])
                .to_owned(),
        )
        .exec(&*tx)
        .await?;
    let after = calendar_day::Entity::find_by_id(day)
        .one(&*tx)
        .await?
        .ok_or_else(|| ApiError::internal("calendar day vanished"))?;
    audit::record(
        &mut tx,
        actor,
        state.clock.now(),
        Change::new("setCalendarDay", "CalendarDay", day_id(day), None)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Makes a day ordinary again (ADMIN).
pub async fn remove_day(state: &AppState, actor: &Actor, day: NaiveDate) -> ApiResult<()> {
    actor.require_policy_admin()?;
    let mut tx = Tx::begin(state).await?;
    let before = calendar_day::Entity::find_by_id(day)
        .one(&*tx)
        .await?
        .ok_or(ApiError::not_found("CalendarDay"))?;
    calendar_day::Entity::delete_by_id(day).exec(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        state.clock.now(),
        Change::new("removeCalendarDay", "CalendarDay", day_id(day), None).before(&before),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A stable id for a calendar day in the audit log (days are keyed by date).
fn day_id(day: NaiveDate) -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, day.to_string().as_bytes())
}
