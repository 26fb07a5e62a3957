//! Report rules, pure: the age bands and the "4050" line of the seed's survey reports,
//! turned into birth-date cutoffs so that SQL compares a column with a parameter (an
//! index-friendly range, the same on every database), and the Chinese labels of every
//! bucket (from `crate::labels`).
//!
//! 「被调查职工XXX名，其中男XXX人，女XXX人，18-30岁的有XXX人，31--40岁的有XXX人，41--50岁的XXX人，
//! 51--60岁的XXX人」 and 「特困职工中按年龄结构分类：男50岁以下612人，50岁以上140人，女40岁以上196人，
//! 40岁以下110人」.

use chrono::{Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// The latest birth date of someone aged `years` or more on `day`: a person is at least
/// `years` old on `day` exactly when born on or before it. A 29 February birthday counts
/// from 1 March in common years (as `employment::rules::age_on` does), so the cutoff of a
/// 29 February in a common year is 28 February.
pub fn born_by(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(NaiveDate::MIN)
}

/// Age band of the survey report (年龄段).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeBand {
    /// 30 and under (30岁及以下; the report's 18-30).
    UpTo30,
    /// 31-40.
    From31To40,
    /// 41-50.
    From41To50,
    /// 51-60.
    From51To60,
    /// Over 60 (60岁以上).
    Over60,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::UpTo30,
        AgeBand::From31To40,
        AgeBand::From41To50,
        AgeBand::From51To60,
        AgeBand::Over60,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AgeBand::UpTo30 => "UP_TO_30",
            AgeBand::From31To40 => "FROM_31_TO_40",
            AgeBand::From41To50 => "FROM_41_TO_50",
            AgeBand::From51To60 => "FROM_51_TO_60",
            AgeBand::Over60 => "OVER_60",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgeBand::UpTo30 => "30岁及以下",
            AgeBand::From31To40 => "31-40岁",
            AgeBand::From41To50 => "41-50岁",
            AgeBand::From51To60 => "51-60岁",
            AgeBand::Over60 => "60岁以上",
        }
    }

    /// The band's birth dates on `day` as a half-open range `(after, until]`: born after
    /// the first (exclusive, none for the oldest band) and on or before the second
    /// (none for the youngest band).
    pub fn birth_range(self, day: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        // Ages [min, max] ⇔ born in (born_by(max + 1), born_by(min)].
        let (min, max) = match self {
            AgeBand::UpTo30 => (None, Some(30)),
            AgeBand::From31To40 => (Some(31), Some(40)),
            AgeBand::From41To50 => (Some(41), Some(50)),
            AgeBand::From51To60 => (Some(51), Some(60)),
            AgeBand::Over60 => (Some(61), None),
        };
        (
            max.map(|m| born_by(day, m + 1)),
            min.map(|m| born_by(day, m)),
        )
    }

    /// The band of an age (for the unit tests and anyone holding one row).
    pub fn of_age(age: i32) -> AgeBand {
        match age {
            i32::MIN..=30 => AgeBand::UpTo30,
            31..=40 => AgeBand::From31To40,
            41..=50 => AgeBand::From41To50,
            51..=60 => AgeBand::From51To60,
            _ => AgeBand::Over60,
        }
    }
}

/// Latest birth dates of the 「4050」 people on `day`: women born by the first date (40 and
/// over), men born by the second (50 and over).
pub fn cutoffs_4050(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    (born_by(day, 40), born_by(day, 50))
}

/// The stored string of an enum value (its `string_value`), the key of its bucket.
pub fn db_key<E: sea_orm::ActiveEnum<Value = String>>(value: E) -> String {
    value.to_value()
}

/// Label of the bucket of people whose org unit has no enterprise with an ownership or
/// an industry above it (未注明).
pub const UNSTATED: (&str, &str) = ("UNSTATED", "未注明");

/// `part` of `whole` in percent, rounded half away from zero to two decimals (the share
/// answered on the spot, the share satisfied); none of nothing.
pub fn percent(part: i64, whole: i64) -> Option<Decimal> {
    (whole > 0).then(|| {
        (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    })
}

/// `sum / count` with two decimals, half away from zero; none of nothing.
pub fn average(sum: i64, count: i64) -> Option<Decimal> {
    (count > 0).then(|| {
        (Decimal::from(sum) / Decimal::from(count))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    })
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use entity::{Education, Gender, Ownership, Relief};

    use super::*;
    use crate::employment::rules::{age_on, is_4050};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The band a birth date falls in by its cutoffs, as the SQL decides it.
    fn band_by_cutoffs(birth: NaiveDate, day: NaiveDate) -> AgeBand {
        AgeBand::ALL
            .into_iter()
            .find(|b| {
                let (after, until) = b.birth_range(day);
                after.is_none_or(|a| birth > a) && until.is_none_or(|u| birth <= u)
            })
            .unwrap()
    }

    /// 「18-30岁的有XXX人，31--40岁的有XXX人，41--50岁的XXX人，51--60岁的XXX人」: the boundaries
    /// fall on birthdays — 30 on the day before the 31st birthday, 31 from it.
    #[test]
    fn age_bands_change_on_the_birthday() {
        let day = d(2026, 3, 2);
        assert_eq!(band_by_cutoffs(d(1995, 3, 3), day), AgeBand::UpTo30); // 30
        assert_eq!(band_by_cutoffs(d(1995, 3, 2), day), AgeBand::From31To40); // 31 today
        assert_eq!(band_by_cutoffs(d(1985, 3, 3), day), AgeBand::From31To40); // 40
        assert_eq!(band_by_cutoffs(d(1985, 3, 2), day), AgeBand::From41To50); // 41 today
        assert_eq!(band_by_cutoffs(d(1975, 3, 2), day), AgeBand::From51To60); // 51 today
        assert_eq!(band_by_cutoffs(d(1965, 3, 3), day), AgeBand::From51To60); // 60
        assert_eq!(band_by_cutoffs(d(1965, 3, 2), day), AgeBand::Over60); // 61 today
        assert_eq!(band_by_cutoffs(d(2008, 1, 1), day), AgeBand::UpTo30);
    }

    /// The cutoffs agree with the age in whole years on every day of a leap-year span,
    /// for 29 February birthdays too.
    #[test]
    fn cutoffs_agree_with_age_on_every_day() {
        let births = [
            d(1964, 2, 29),
            d(1985, 3, 1),
            d(1976, 2, 28),
            d(1996, 12, 31),
        ];
        let mut day = d(2023, 12, 25);
        while day < d(2028, 3, 5) {
            for birth in births {
                let age = age_on(birth, day);
                assert_eq!(
                    band_by_cutoffs(birth, day),
                    AgeBand::of_age(age),
                    "{birth} on {day}"
                );
                let (women, men) = cutoffs_4050(day);
                assert_eq!(
                    birth <= women,
                    is_4050(Gender::Female, birth, day),
                    "{birth} {day}"
                );
                assert_eq!(
                    birth <= men,
                    is_4050(Gender::Male, birth, day),
                    "{birth} {day}"
                );
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(born_by(d(2027, 2, 28), 1).day(), 28);
    }

    /// 「男50岁以下612人，50岁以上140人，女40岁以上196人，40岁以下110人」: 「4050」 are women from
    /// their 40th birthday and men from their 50th.
    #[test]
    fn the_4050_line_is_40_for_women_and_50_for_men() {
        let day = d(2026, 3, 2);
        let (women, men) = cutoffs_4050(day);
        assert_eq!(women, d(1986, 3, 2));
        assert_eq!(men, d(1976, 3, 2));
        // A woman of 40 today is 4050, a man of 49 is not.
        assert!(d(1986, 3, 2) <= women);
        assert!(d(1976, 3, 3) > men);
    }

    #[test]
    fn every_bucket_has_a_chinese_label() {
        use sea_orm::Iterable;

        use crate::labels::Label;
        // The survey report's words (统计报表), where they differ from the exports'.
        assert_eq!(Education::SeniorHigh.report(), "高中(中专)");
        assert_eq!(Ownership::Foreign.report(), "外资");
        assert_eq!(Relief::ReemploymentPreference.report(), "再就业优惠");
        for o in Ownership::iter() {
            assert!(!o.report().is_ascii());
        }
        assert_eq!(db_key(Gender::Female), "FEMALE");
    }

    #[test]
    fn a_share_is_a_percentage_to_two_decimals() {
        assert_eq!(percent(5, 8), Some(Decimal::new(6250, 2)));
        assert_eq!(percent(1, 3), Some(Decimal::new(3333, 2)));
        assert_eq!(percent(2, 3), Some(Decimal::new(6667, 2)));
        assert_eq!(percent(0, 0), None);
    }

    #[test]
    fn averages_have_two_decimals() {
        assert_eq!(average(14, 3), Some(Decimal::new(467, 2)));
        assert_eq!(average(9, 2), Some(Decimal::new(450, 2)));
        assert_eq!(average(0, 0), None);
    }
}
