//! Working-day calendar (工作日历) for the public notice period (公示).
//!
//! The enterprise hardship rules say 「公示时间不少于5个工作日」: a case approved for
//! assistance is posted for at least five working days before it is filed (建档). Working
//! days are Monday to Friday, except the statutory holidays (法定节假日), plus the weekend
//! days that the State Council turns into make-up working days (调休上班日). Holidays
//! and make-up days are data, not arithmetic: they come from the yearly notice of the
//! General Office of the State Council (国务院办公厅关于节假日安排的通知).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};

/// How a date departs from the plain Monday–Friday week (shared with the database).
pub use entity::DayKind;

/// Working-day calendar (工作日历): the exceptions to the Monday–Friday week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    exceptions: HashMap<NaiveDate, DayKind>,
}

impl FromIterator<(NaiveDate, DayKind)> for Calendar {
    fn from_iter<I: IntoIterator<Item = (NaiveDate, DayKind)>>(iter: I) -> Self {
        Self {
            exceptions: iter.into_iter().collect(),
        }
    }
}

impl Calendar {
    /// Builds a calendar from holiday and make-up dates; a later entry for the same date
    /// wins.
    pub fn new(days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        days.into_iter().collect()
    }

    /// Whether people work on `date` (工作日): Monday–Friday unless a holiday, and a
    /// Saturday or Sunday only when it is a make-up working day (调休上班).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.exceptions.get(&date) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::MakeupWorkday) => true,
            None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// Last day of a public notice (公示) of `working_days` working days.
    ///
    /// The notice starts the calendar day after `approved_on` and ends on the last of
    /// `working_days` full working days (「公示时间不少于5个工作日」): approved on a Monday
    /// with no holidays, a 5-day notice ends the following Monday. With `working_days`
    /// of 0 there is no notice and the approval date is returned. Past the end of the
    /// representable dates the result saturates at `NaiveDate::MAX`.
    pub fn notice_end(&self, approved_on: NaiveDate, working_days: u32) -> NaiveDate {
        let Some(last_index) = working_days.checked_sub(1) else {
            return approved_on;
        };
        approved_on
            .iter_days()
            .skip(1)
            .filter(|day| self.is_working_day(*day))
            .nth(last_index as usize)
            .unwrap_or(NaiveDate::MAX)
    }

    /// Number of working days from `from` to `to`, both included; 0 when `to` is before
    /// `from`. Used to show how far a notice has run.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let count = from
            .iter_days()
            .take_while(|day| *day <= to)
            .filter(|day| self.is_working_day(*day))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

/// Builds a date at compile time: every use below is in a `const`, so an impossible
/// date fails the build instead of panicking at run time.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("impossible date in the holiday table"),
    }
}

/// Days off (放假调休), first and last day inclusive, per festival.
const HOLIDAYS: &[(NaiveDate, NaiveDate)] = &[
    // 2025 — 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号,
    // 2024-11-12).
    (ymd(2025, 1, 1), ymd(2025, 1, 1)),   // 元旦 New Year's Day
    (ymd(2025, 1, 28), ymd(2025, 2, 4)),  // 春节 Spring Festival
    (ymd(2025, 4, 4), ymd(2025, 4, 6)),   // 清明节 Qingming
    (ymd(2025, 5, 1), ymd(2025, 5, 5)),   // 劳动节 Labour Day
    (ymd(2025, 5, 31), ymd(2025, 6, 2)),  // 端午节 Dragon Boat Festival
    (ymd(2025, 10, 1), ymd(2025, 10, 8)), // 国庆节、中秋节 National Day + Mid-Autumn
    // 2026 — 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
    (ymd(2026, 1, 1), ymd(2026, 1, 3)),   // 元旦 New Year's Day
    (ymd(2026, 2, 15), ymd(2026, 2, 23)), // 春节 Spring Festival
    (ymd(2026, 4, 4), ymd(2026, 4, 6)),   // 清明节 Qingming
    (ymd(2026, 5, 1), ymd(2026, 5, 5)),   // 劳动节 Labour Day
    (ymd(2026, 6, 19), ymd(2026, 6, 21)), // 端午节 Dragon Boat Festival
    (ymd(2026, 9, 25), ymd(2026, 9, 27)), // 中秋节 Mid-Autumn Festival
    (ymd(2026, 10, 1), ymd(2026, 10, 7)), // 国庆节 National Day
];

/// Weekend days worked instead (调休上班), from the same notices.
const MAKEUP_WORKDAYS: &[NaiveDate] = &[
    // 2025
    ymd(2025, 1, 26),  // 春节 (Sunday)
    ymd(2025, 2, 8),   // 春节 (Saturday)
    ymd(2025, 4, 27),  // 劳动节 (Sunday)
    ymd(2025, 9, 28),  // 国庆节、中秋节 (Sunday)
    ymd(2025, 10, 11), // 国庆节、中秋节 (Saturday)
    // 2026
    ymd(2026, 1, 4),   // 元旦 (Sunday)
    ymd(2026, 2, 14),  // 春节 (Saturday)
    ymd(2026, 2, 28),  // 春节 (Saturday)
    ymd(2026, 5, 9),   // 劳动节 (Saturday)
    ymd(2026, 9, 20),  // 国庆节 (Sunday)
    ymd(2026, 10, 10), // 国庆节 (Saturday)
];

/// The official national holiday schedule (国务院办公厅关于节假日安排的通知) for 2025
/// and 2026: every day off and every make-up working day, sorted by date. Seed data for
/// the calendar table; later years are added by an administrator.
pub fn official_days() -> Vec<(NaiveDate, DayKind)> {
    let holidays = HOLIDAYS.iter().flat_map(|&(first, last)| {
        first
            .iter_days()
            .take_while(move |day| *day <= last)
            .map(|day| (day, DayKind::Holiday))
    });
    let makeups = MAKEUP_WORKDAYS
        .iter()
        .map(|&day| (day, DayKind::MakeupWorkday));
    let mut days: Vec<_> = holidays.chain(makeups).collect();
    days.sort_by_key(|&(day, _)| day);
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn d(year: i32, month: u32, day: u32) -> NaiveDate {
        ymd(year, month, day)
    }

    fn official() -> Calendar {
        Calendar::new(official_days())
    }

    #[test]
    fn plain_week_monday_approval_ends_next_monday() {
        let cal = Calendar::default();
        // 2024-03-04 is a Monday.
        assert_eq!(d(2024, 3, 4).weekday(), Weekday::Mon);
        assert_eq!(cal.notice_end(d(2024, 3, 4), 5), d(2024, 3, 11));
    }

    #[test]
    fn plain_week_friday_approval_skips_weekend() {
        let cal = Calendar::default();
        // Fri 2024-03-08 -> Mon 11 .. Fri 15.
        assert_eq!(cal.notice_end(d(2024, 3, 8), 5), d(2024, 3, 15));
    }

    #[test]
    fn weekend_approval_starts_on_monday() {
        let cal = Calendar::default();
        // Sat 2024-03-09 -> Mon 11 .. Fri 15.
        assert_eq!(cal.notice_end(d(2024, 3, 9), 5), d(2024, 3, 15));
        assert_eq!(cal.notice_end(d(2024, 3, 10), 1), d(2024, 3, 11));
    }

    #[test]
    fn zero_days_is_no_notice() {
        let cal = Calendar::default();
        assert_eq!(cal.notice_end(d(2024, 3, 9), 0), d(2024, 3, 9));
    }

    #[test]
    fn approval_day_itself_never_counts() {
        let cal = Calendar::default();
        // Approved on a working Tuesday: the notice still starts on Wednesday.
        assert_eq!(cal.notice_end(d(2024, 3, 5), 1), d(2024, 3, 6));
    }

    #[test]
    fn saturates_at_the_end_of_time() {
        let cal = Calendar::default();
        assert_eq!(cal.notice_end(NaiveDate::MAX, 5), NaiveDate::MAX);
    }

    #[test]
    fn is_working_day_follows_weekdays_and_exceptions() {
        let cal = official();
        assert!(cal.is_working_day(d(2026, 3, 2))); // Monday
        assert!(!cal.is_working_day(d(2026, 3, 7))); // Saturday
        assert!(!cal.is_working_day(d(2026, 3, 8))); // Sunday
        assert!(!cal.is_working_day(d(2026, 10, 1))); // 国庆 Thursday
        assert!(!cal.is_working_day(d(2026, 2, 23))); // 春节 Monday
        assert!(cal.is_working_day(d(2026, 10, 10))); // 调休 Saturday
        assert!(cal.is_working_day(d(2026, 9, 20))); // 调休 Sunday
        assert!(cal.is_working_day(d(2025, 1, 26))); // 调休 Sunday
    }

    #[test]
    fn national_day_2026_counts_makeup_saturday() {
        let cal = official();
        // Mon 9-28: Tue 29, Wed 30, (Oct 1-7 off), Thu 8, Fri 9, Sat 10 (调休).
        assert_eq!(cal.notice_end(d(2026, 9, 28), 5), d(2026, 10, 10));
        // Wed 9-30: Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13.
        assert_eq!(cal.notice_end(d(2026, 9, 30), 5), d(2026, 10, 13));
        // Without the make-up Saturday it would have been Wed 10-14.
        let no_makeup: Calendar = official_days()
            .into_iter()
            .filter(|&(_, kind)| kind == DayKind::Holiday)
            .collect();
        assert_eq!(no_makeup.notice_end(d(2026, 9, 30), 5), d(2026, 10, 14));
    }

    #[test]
    fn national_day_2026_approval_inside_the_holiday() {
        let cal = official();
        // Approved on Fri 10-2 (a day off): Thu 8, Fri 9, Sat 10, Mon 12, Tue 13.
        assert_eq!(cal.notice_end(d(2026, 10, 2), 5), d(2026, 10, 13));
    }

    #[test]
    fn spring_festival_2026() {
        let cal = official();
        // Wed 2-11: Thu 12, Fri 13, Sat 14 (调休), (15-23 off), Tue 24, Wed 25.
        assert_eq!(cal.notice_end(d(2026, 2, 11), 5), d(2026, 2, 25));
        // Fri 2-13: Sat 14 (调休), Tue 24, Wed 25, Thu 26, Fri 27.
        assert_eq!(cal.notice_end(d(2026, 2, 13), 5), d(2026, 2, 27));
        // Tue 2-24: Wed 25, Thu 26, Fri 27, Sat 28 (调休), Mon 3-2.
        assert_eq!(cal.notice_end(d(2026, 2, 24), 5), d(2026, 3, 2));
    }

    #[test]
    fn makeup_sunday_counts_as_working_day() {
        let cal = official();
        // 2025 春节: Fri 1-24 -> Sun 26 (调休), Mon 27, (28 - 2-4 off), Wed 5, Thu 6, Fri 7.
        assert_eq!(d(2025, 1, 26).weekday(), Weekday::Sun);
        assert_eq!(cal.notice_end(d(2025, 1, 24), 5), d(2025, 2, 7));
        // 2026 元旦: Wed 2025-12-31 -> (1-1..3 off), Sun 4 (调休), Mon 5 .. Thu 8.
        assert_eq!(d(2026, 1, 4).weekday(), Weekday::Sun);
        assert_eq!(cal.notice_end(d(2025, 12, 31), 5), d(2026, 1, 8));
        // 2026 国庆: Fri 9-18 -> Sun 20 (调休), Mon 21 .. Thu 24.
        assert_eq!(cal.notice_end(d(2026, 9, 18), 5), d(2026, 9, 24));
    }

    #[test]
    fn working_days_between_is_inclusive() {
        let cal = official();
        assert_eq!(cal.working_days_between(d(2024, 3, 4), d(2024, 3, 8)), 5);
        assert_eq!(cal.working_days_between(d(2024, 3, 4), d(2024, 3, 4)), 1);
        assert_eq!(cal.working_days_between(d(2024, 3, 9), d(2024, 3, 10)), 0);
        assert_eq!(cal.working_days_between(d(2024, 3, 8), d(2024, 3, 4)), 0);
        // The notice from 9-29 to 10-10 in 2026 spans exactly five working days.
        assert_eq!(cal.working_days_between(d(2026, 9, 29), d(2026, 10, 10)), 5);
    }

    #[test]
    fn notice_end_agrees_with_working_days_between() {
        let cal = official();
        let mut approved = d(2025, 1, 1);
        while approved <= d(2026, 12, 31) {
            let end = cal.notice_end(approved, 5);
            let start = approved + chrono::Days::new(1);
            assert_eq!(
                cal.working_days_between(start, end),
                5,
                "approved {approved}"
            );
            assert!(cal.is_working_day(end), "approved {approved}");
            approved = start;
        }
    }

    #[test]
    fn later_entry_wins() {
        let day = d(2026, 3, 7);
        let cal = Calendar::new([(day, DayKind::Holiday), (day, DayKind::MakeupWorkday)]);
        assert!(cal.is_working_day(day));
    }

    #[test]
    fn official_days_counts_and_order() {
        let days = official_days();
        let count = |year: i32, kind: DayKind| {
            days.iter()
                .filter(|&&(day, k)| day.year() == year && k == kind)
                .count()
        };
        // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; 5 make-up days.
        assert_eq!(count(2025, DayKind::Holiday), 28);
        assert_eq!(count(2025, DayKind::MakeupWorkday), 5);
        // 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; 6 make-up days.
        assert_eq!(count(2026, DayKind::Holiday), 33);
        assert_eq!(count(2026, DayKind::MakeupWorkday), 6);
        assert!(
            days.windows(2).all(|w| w[0].0 < w[1].0),
            "sorted, no duplicates"
        );
        let unique: HashSet<_> = days.iter().map(|&(day, _)| day).collect();
        assert_eq!(unique.len(), days.len());
    }

    #[test]
    fn makeup_days_are_all_weekends() {
        for (day, kind) in official_days() {
            if kind == DayKind::MakeupWorkday {
                assert!(
                    matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                    "{day} is not a weekend"
                );
            }
        }
    }

    #[test]
    fn festival_ranges_match_notice_weekdays() {
        // Weekdays as printed in the notices, a guard against typos in the table.
        let printed = [
            (d(2025, 1, 1), Weekday::Wed),
            (d(2025, 1, 28), Weekday::Tue),
            (d(2025, 2, 4), Weekday::Tue),
            (d(2025, 4, 4), Weekday::Fri),
            (d(2025, 5, 1), Weekday::Thu),
            (d(2025, 5, 5), Weekday::Mon),
            (d(2025, 5, 31), Weekday::Sat),
            (d(2025, 6, 2), Weekday::Mon),
            (d(2025, 10, 1), Weekday::Wed),
            (d(2025, 10, 8), Weekday::Wed),
            (d(2026, 1, 1), Weekday::Thu),
            (d(2026, 1, 3), Weekday::Sat),
            (d(2026, 2, 15), Weekday::Sun),
            (d(2026, 2, 23), Weekday::Mon),
            (d(2026, 4, 4), Weekday::Sat),
            (d(2026, 4, 6), Weekday::Mon),
            (d(2026, 5, 1), Weekday::Fri),
            (d(2026, 5, 5), Weekday::Tue),
            (d(2026, 6, 19), Weekday::Fri),
            (d(2026, 6, 21), Weekday::Sun),
            (d(2026, 9, 25), Weekday::Fri),
            (d(2026, 9, 27), Weekday::Sun),
            (d(2026, 10, 1), Weekday::Thu),
            (d(2026, 10, 7), Weekday::Wed),
        ];
        for (day, weekday) in printed {
            assert_eq!(day.weekday(), weekday, "{day}");
        }
    }
}
