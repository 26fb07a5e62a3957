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

/// From December 1 on, the next year's holidays should be entered. The State Council
/// publishes them in October or November (the 2025 schedule on 2024-11-12, 2026's on
/// 2025-11-04), and December is when the year's assistance goes to review and public
/// notice so that it is paid at the Spring Festival: 「于每年12月初报领导小组」,
/// 「领导小组复核后，企业进行公示」, 「由财务部于每年春节和中秋节下拨帮扶资金」.
pub const NEXT_YEAR_DUE_MONTH: u32 = 12;

/// One year of the calendar (年度日历): how many holidays and make-up working days are
/// entered for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCoverage {
    pub year: i32,
    /// Days off (法定节假日放假日).
    pub holidays: u32,
    /// Weekend days worked instead (调休上班日).
    pub makeup_workdays: u32,
}

impl YearCoverage {
    /// Whether the year's official holidays are entered: at least one day off. A year
    /// without any is a plain Monday–Friday year, which no year in China is.
    pub fn entered(&self) -> bool {
        self.holidays > 0
    }
}

/// Which years the calendar covers, seen on `today` (工作日历覆盖情况).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub today: NaiveDate,
    /// Every year with an entry, and the current and next year even without, ascending.
    pub years: Vec<YearCoverage>,
}

impl Coverage {
    pub fn new(today: NaiveDate, days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        let mut years = std::collections::BTreeMap::new();
        for year in [today.year(), today.year().saturating_add(1)] {
            years.insert(year, (0, 0));
        }
        for (day, kind) in days {
            let (holidays, makeups) = years.entry(day.year()).or_insert((0u32, 0u32));
            match kind {
                DayKind::Holiday => *holidays += 1,
                DayKind::MakeupWorkday => *makeups += 1,
            }
        }
        let years = years
            .into_iter()
            .map(|(year, (holidays, makeup_workdays))| YearCoverage {
                year,
                holidays,
                makeup_workdays,
            })
            .collect();
        Self { today, years }
    }

    fn entered(&self, year: i32) -> bool {
        self.years.iter().any(|y| y.year == year && y.entered())
    }

    /// Whether next year's official holidays are still missing (true most of the year,
    /// a warning only from December).
    pub fn next_year_missing(&self) -> bool {
        !self.entered(self.today.year().saturating_add(1))
    }

    /// The years to warn about today: the current year whenever its holidays are missing
    /// (every notice running now is counted wrong), and from December 1 the next year too
    /// (the notices before the Spring Festival will run into it). Ascending.
    pub fn missing_years(&self) -> Vec<i32> {
        let this = self.today.year();
        let mut due = vec![this];
        if self.today.month() >= NEXT_YEAR_DUE_MONTH {
            due.push(this.saturating_add(1));
        }
        due.into_iter().filter(|&y| !self.entered(y)).collect()
    }

    /// What to tell an administrator, or `None` when the calendar is fine.
    pub fn warning(&self) -> Option<String> {
        let missing = self.missing_years();
        if missing.is_empty() {
            return None;
        }
        let chinese: Vec<String> = missing.iter().map(|y| format!("{y}年")).collect();
        let years: Vec<String> = missing.iter().map(i32::to_string).collect();
        Some(format!(
            "{}法定节假日未录入：公示期按工作日计算，春节等假日会被当作工作日 \
             (the official holidays of {} are not entered: public notice periods would count \
             the Spring Festival and other holidays as working days)",
            chinese.join("、"),
            years.join(", ")
        ))
    }
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

    fn coverage(today: NaiveDate) -> Coverage {
        Coverage::new(today, official_days())
    }

    #[test]
    fn counts_the_days_of_each_year() {
        let c = coverage(d(2026, 3, 2));
        let years: Vec<_> = c
            .years
            .iter()
            .map(|y| (y.year, y.holidays, y.makeup_workdays))
            .collect();
        // The next year is listed, empty, so that a table shows what is missing.
        assert_eq!(years, [(2025, 28, 5), (2026, 33, 6), (2027, 0, 0)]);
        assert!(c.next_year_missing());
    }

    /// 「公示时间不少于5个工作日」 and 「于每年12月初报领导小组」「领导小组复核后，企业进行公示」:
    /// the notices of December run into January, and those before the Spring Festival
    /// payout (「于每年春节…下拨帮扶资金」) into February; on a calendar without the next
    /// year's holidays the Spring Festival counts as working days.
    #[test]
    fn warns_from_december_when_the_next_year_is_missing() {
        assert_eq!(coverage(d(2026, 11, 30)).missing_years(), Vec::<i32>::new());
        assert_eq!(coverage(d(2026, 11, 30)).warning(), None);
        for today in [d(2026, 12, 1), d(2026, 12, 31)] {
            let c = coverage(today);
            assert_eq!(c.missing_years(), [2027], "{today}");
            let warning = c.warning().unwrap();
            assert!(warning.starts_with("2027年法定节假日未录入"), "{warning}");
            assert!(warning.contains("holidays of 2027"), "{warning}");
        }
        // On such a calendar a notice approved on Friday 2027-02-05, the eve of 春节
        // (2027-02-06), would end on Friday 02-12, in the middle of the holiday.
        let bare_2027 = Calendar::new(official_days());
        assert_eq!(bare_2027.notice_end(d(2027, 2, 5), 5), d(2027, 2, 12));
        // Entered (here just one day off): no more warning.
        let mut days = official_days();
        days.push((d(2027, 2, 6), DayKind::Holiday));
        let entered = Coverage::new(d(2026, 12, 1), days);
        assert!(entered.missing_years().is_empty());
        assert!(!entered.next_year_missing());
        assert_eq!(entered.warning(), None);
    }

    #[test]
    fn make_up_days_alone_do_not_cover_a_year() {
        let mut days = official_days();
        days.push((d(2027, 1, 2), DayKind::MakeupWorkday));
        let c = Coverage::new(d(2026, 12, 1), days);
        assert_eq!(c.missing_years(), [2027]);
        let y2027 = c.years.iter().find(|y| y.year == 2027).unwrap();
        assert_eq!((y2027.holidays, y2027.makeup_workdays), (0, 1));
    }

    #[test]
    fn a_missing_current_year_warns_at_any_time() {
        // Past the seeded years: in March 2027 every notice is counted on a bare week.
        assert_eq!(coverage(d(2027, 3, 1)).missing_years(), [2027]);
        // In December both years are due; the warning names both.
        let c = coverage(d(2027, 12, 1));
        assert_eq!(c.missing_years(), [2027, 2028]);
        assert!(
            c.warning()
                .unwrap()
                .starts_with("2027年、2028年法定节假日未录入")
        );
        assert_eq!(Coverage::new(d(2026, 6, 1), []).missing_years(), [2026]);
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
