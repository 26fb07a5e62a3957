//! GraphQL surface of the working-day calendar.

use async_graphql::{Context, InputObject, Object, ResultExt, SimpleObject};
use entity::{DayKind, calendar_day};

use super::service;
use crate::graphql::context::ContextExt;
use crate::graphql::scalars::Date;

/// A day that departs from the Monday–Friday week (节假日 / 调休上班日).
#[derive(SimpleObject)]
pub struct CalendarDay {
    /// The date (日期).
    pub day: Date,
    /// Holiday or make-up working day (类型).
    pub kind: DayKind,
    /// Name of the festival (节日名称), if recorded.
    pub name: Option<String>,
}

impl From<calendar_day::Model> for CalendarDay {
    fn from(m: calendar_day::Model) -> Self {
        Self {
            day: Date(m.day),
            kind: m.kind,
            name: m.name,
        }
    }
}

/// Input of `setCalendarDay` (设置节假日 / 调休).
#[derive(InputObject)]
pub struct SetCalendarDayInput {
    /// The date (日期).
    pub day: Date,
    /// Holiday or make-up working day (类型).
    pub kind: DayKind,
    /// Name of the festival (节日名称).
    pub name: Option<String>,
}

/// Input of `removeCalendarDay` (取消节假日 / 调休).
#[derive(InputObject)]
pub struct RemoveCalendarDayInput {
    /// The date that becomes an ordinary day again.
    pub day: Date,
}

/// Result of `setCalendarDay`.
#[derive(SimpleObject)]
pub struct SetCalendarDayPayload {
    /// The day as saved.
    pub calendar_day: CalendarDay,
}

/// Result of `removeCalendarDay`.
#[derive(SimpleObject)]
pub struct RemoveCalendarDayPayload {
    /// The date that is an ordinary day again.
    pub day: Date,
}

#[derive(Default)]
pub struct CalendarQuery;

#[Object]
impl CalendarQuery {
    /// Holidays and make-up working days of a year (工作日历), in date order.
    async fn calendar_days(
        &self,
        ctx: &Context<'_>,
        year: i32,
    ) -> async_graphql::Result<Vec<CalendarDay>> {
        ctx.actor()?;
        service::days_of_year(ctx.state()?, year)
            .await
            .map(|days| days.into_iter().map(CalendarDay::from).collect())
            .extend()
    }
}

#[derive(Default)]
pub struct CalendarMutation;

#[Object]
impl CalendarMutation {
    /// Marks a date as a public holiday or a make-up working day (设置节假日).
    /// Who may call: ADMIN (root unit only).
    async fn set_calendar_day(
        &self,
        ctx: &Context<'_>,
        input: SetCalendarDayInput,
    ) -> async_graphql::Result<SetCalendarDayPayload> {
        service::set_day(
            ctx.state()?,
            ctx.actor()?,
            input.day.0,
            input.kind,
            input.name,
        )
        .await
        .map(|d| SetCalendarDayPayload {
            calendar_day: d.into(),
        })
        .extend()
    }

    /// Makes a date an ordinary day again (取消节假日).
    /// Who may call: ADMIN (root unit only).
    async fn remove_calendar_day(
        &self,
        ctx: &Context<'_>,
        input: RemoveCalendarDayInput,
    ) -> async_graphql::Result<RemoveCalendarDayPayload> {
        service::remove_day(ctx.state()?, ctx.actor()?, input.day.0)
            .await
            .map(|()| RemoveCalendarDayPayload { day: input.day })
            .extend()
    }
}
