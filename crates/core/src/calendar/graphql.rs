//! GraphQL surface of the working-day calendar.

use async_graphql::{Context, InputObject, Object, ResultExt, SimpleObject};
use entity::{DayKind, calendar_day};

use super::{rules, service};
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

/// One year of the working-day calendar (年度工作日历).
#[derive(SimpleObject)]
pub struct CalendarYear {
    /// The year (年份).
    pub year: i32,
    /// Days off entered for it (法定节假日放假天数).
    pub holidays: u32,
    /// Weekend days worked instead entered for it (调休上班天数).
    pub makeup_workdays: u32,
    /// Whether its official holidays are entered (法定节假日已录入): at least one day off.
    pub entered: bool,
}

/// Which years the working-day calendar covers (工作日历覆盖情况). Public notices (公示)
/// last working days, so a year without its official holidays (法定节假日) and make-up
/// working days (调休) counts the Spring Festival as working days.
#[derive(SimpleObject)]
pub struct CalendarCoverage {
    /// The business date (China time) the coverage is seen on (今天).
    pub today: Date,
    /// Every year with days entered, and the current and the next year even without,
    /// ascending.
    pub years: Vec<CalendarYear>,
    /// Whether next year's official holidays are still missing (下一年度未录入); they are
    /// published in October or November, and the server warns from December 1.
    pub next_year_missing: bool,
    /// The years whose official holidays must be entered now (应录入年份): the current year
    /// whenever it is missing, and from December 1 the next year too. Empty when the
    /// calendar is ready.
    pub missing_years: Vec<i32>,
    /// A warning for a banner (提示), in Chinese then English; null when `missingYears` is
    /// empty. The server logs a warning for each of these years at start and daily.
    pub warning: Option<String>,
}

impl From<rules::Coverage> for CalendarCoverage {
    fn from(c: rules::Coverage) -> Self {
        Self {
            today: Date(c.today),
            next_year_missing: c.next_year_missing(),
            missing_years: c.missing_years(),
            warning: c.warning(),
            years: c
                .years
                .iter()
                .map(|y| CalendarYear {
                    year: y.year,
                    holidays: y.holidays,
                    makeup_workdays: y.makeup_workdays,
                    entered: y.entered(),
                })
                .collect(),
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

    /// Which years the working-day calendar covers (工作日历覆盖情况) and which years'
    /// official holidays (法定节假日) and make-up working days (调休) must be entered now.
    /// ADMIN, who has them entered, and CASEWORKER, REVIEWER and APPROVER, whose public
    /// notices (公示) are counted on the calendar.
    async fn calendar_coverage(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<CalendarCoverage> {
        service::coverage(ctx.state()?, ctx.actor()?)
            .await
            .map(CalendarCoverage::from)
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
