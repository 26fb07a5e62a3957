//! Domestic-service rules, pure: which certificates qualify for a service, the wage floor
//! of hourly and live-in work, when two engagements collide, and how domestic workers
//! are matched to an order (the agency's reasons-based style, 4050 and hardship first
//! among equals).
//!
//! 「职业指导—职业培训—职业技能鉴定—职业介绍“一条龙”服务体系,切实为大龄下岗失业女职工解决
//! 就业咨询题」 (so the seed).

use chrono::NaiveDate;
use entity::{CertificateKind, DomesticService, Money, ServiceArrangement};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::employment::rules::Fit;

/// Paid days of a month (月计薪天数) times hours of a day: what turns the monthly minimum
/// wage into an hourly floor.
pub const PAID_HOURS_PER_MONTH: Decimal = Decimal::from_parts(174, 0, 0, false, 0);

/// Most hours of hourly work a week.
pub const MAX_HOURS_PER_WEEK: i32 = 60;

/// The occupations whose certificates (职业资格) qualify a worker for a service.
pub fn qualifying_occupations(service: DomesticService) -> &'static [&'static str] {
    match service {
        DomesticService::Cooking => &["中式烹调师", "家政服务员"],
        DomesticService::Cleaning => &["保洁员", "家政服务员"],
        DomesticService::ElderlyCare => &["养老护理员", "家政服务员"],
        DomesticService::InfantCare => &["育婴员"],
        DomesticService::PatientCare => &["医疗护理员", "养老护理员"],
        DomesticService::HourlyHelp => &["家政服务员", "保洁员"],
    }
}

/// A certificate as the rules read it.
#[derive(Debug, Clone)]
pub struct Held {
    pub kind: CertificateKind,
    pub occupation: String,
    pub level: Option<i32>,
}

/// The best vocational-qualification level (1 the highest, 5 the lowest) a worker holds
/// for a service, if any.
pub fn best_level(service: DomesticService, held: &[Held]) -> Option<i32> {
    let accepted = qualifying_occupations(service);
    held.iter()
        .filter(|h| h.kind == CertificateKind::VocationalQualification)
        .filter(|h| accepted.contains(&h.occupation.trim()))
        .filter_map(|h| h.level)
        .min()
}

/// Whether the worker holds any certificate for the service, a training certificate
/// (培训合格证) included.
pub fn certified_for(service: DomesticService, held: &[Held]) -> bool {
    let accepted = qualifying_occupations(service);
    held.iter().any(|h| accepted.contains(&h.occupation.trim()))
}

/// The lowest wage an order may offer: the monthly minimum for live-in work, and for
/// hourly work the monthly minimum over 174 paid hours, rounded up to the fen.
pub fn wage_floor(arrangement: ServiceArrangement, monthly_minimum: Money) -> Money {
    match arrangement {
        ServiceArrangement::LiveIn => monthly_minimum,
        ServiceArrangement::Hourly => {
            let hourly = (monthly_minimum.amount() / PAID_HOURS_PER_MONTH)
                .round_dp_with_strategy(2, RoundingStrategy::AwayFromZero);
            Money::new(hourly).unwrap_or(monthly_minimum)
        }
    }
}

/// What is wrong with an order's terms, as `(field, reason)`.
pub fn check_order(
    arrangement: ServiceArrangement,
    hours_per_week: Option<i32>,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    wage: Money,
    monthly_minimum: Money,
    min_certificate_level: Option<i32>,
) -> Result<(), (&'static str, &'static str)> {
    match (arrangement, hours_per_week) {
        (ServiceArrangement::Hourly, None) => return Err(("hoursPerWeek", "HOURS_MISSING")),
        (ServiceArrangement::Hourly, Some(h)) if !(1..=MAX_HOURS_PER_WEEK).contains(&h) => {
            return Err(("hoursPerWeek", "HOURS_OUT_OF_RANGE"));
        }
        (ServiceArrangement::LiveIn, Some(_)) => {
            return Err(("hoursPerWeek", "HOURS_OF_LIVE_IN"));
        }
        _ => {}
    }
    if ends_on.is_some_and(|e| e < starts_on) {
        return Err(("endsOn", "PERIOD_INVERTED"));
    }
    if wage < wage_floor(arrangement, monthly_minimum) {
        return Err(("wageOffered", "BELOW_MINIMUM_WAGE"));
    }
    if min_certificate_level.is_some_and(|l| !(1..=5).contains(&l)) {
        return Err(("minCertificateLevel", "LEVEL_OUT_OF_RANGE"));
    }
    Ok(())
}

/// Whether two periods, both ends included, share a day.
pub fn overlaps(a: (NaiveDate, NaiveDate), b: (NaiveDate, NaiveDate)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

/// Whether a new engagement collides with one the worker already has in an overlapping
/// period: a live-in worker serves no one else, and is not placed live-in while she
/// works elsewhere; hourly work beside hourly work is fine.
pub fn collides(new: ServiceArrangement, existing: ServiceArrangement) -> bool {
    new == ServiceArrangement::LiveIn || existing == ServiceArrangement::LiveIn
}

/// Whether `asked` more hours a week of hourly work fit beside `booked` hours of it in the
/// same period: at most [`MAX_HOURS_PER_WEEK`] in all, at the most exactly is within.
pub fn hours_fit(booked: i32, asked: i32) -> bool {
    booked.saturating_add(asked) <= MAX_HOURS_PER_WEEK
}

/// A client's rating (评价): 1 to 5.
pub fn check_rating(rating: i32) -> Result<(), &'static str> {
    if (1..=5).contains(&rating) {
        Ok(())
    } else {
        Err("RATING_OUT_OF_RANGE")
    }
}

/// A domestic worker as matching sees her.
#[derive(Debug, Clone)]
pub struct WorkerProfile {
    pub district: String,
    /// Best level for the order's service.
    pub level: Option<i32>,
    /// Any certificate for the service.
    pub certified: bool,
    pub wanted_wage_min: Option<Money>,
    pub union_member: bool,
    pub is_4050: bool,
    pub hardship: bool,
}

/// An order as matching sees it.
#[derive(Debug, Clone)]
pub struct OrderProfile {
    pub arrangement: ServiceArrangement,
    pub district: String,
    pub wage: Money,
    pub min_certificate_level: Option<i32>,
}

/// Points of a certificate for the service, and per level above the fifth.
const CERTIFIED_POINTS: u32 = 20;
const LEVEL_POINTS: u32 = 5;
/// Points of the client's district, and of another district of its city.
const DISTRICT_POINTS: u32 = 30;
const CITY_POINTS: u32 = 15;
/// Points of a wage that meets the worker's wish.
const WAGE_POINTS: u32 = 20;
/// Points of the service itself, always met by the short list.
const SERVICE_POINTS: u32 = 10;

/// The fit of a worker for an order, or none when the order asks for a level she does
/// not hold. The short list has already kept only workers who offer the service and are
/// free in the period.
///
/// Score: service 10, certificate 20 and 5 per level above the fifth (up to 40), district
/// 30 (city 15), wage 20 (the order pays the wish).
pub fn fit(w: &WorkerProfile, o: &OrderProfile) -> Option<Fit> {
    if let Some(min) = o.min_certificate_level
        && w.level.is_none_or(|l| l > min)
    {
        return None;
    }
    let mut score = SERVICE_POINTS;
    let mut reasons = vec!["SERVICE_OFFERED"];
    if let Some(level) = w.level {
        score += CERTIFIED_POINTS + LEVEL_POINTS * u32::try_from(5 - level).unwrap_or(0);
        reasons.push("CERTIFIED_LEVEL");
    } else if w.certified {
        score += CERTIFIED_POINTS;
        reasons.push("CERTIFIED");
    }
    if w.district == o.district {
        score += DISTRICT_POINTS;
        reasons.push("SAME_DISTRICT");
    } else if w
        .district
        .get(..4)
        .is_some_and(|c| o.district.starts_with(c))
    {
        score += CITY_POINTS;
        reasons.push("SAME_CITY");
    }
    // A wish is a monthly wage; an hourly order meets it over a full month.
    let monthly = match o.arrangement {
        ServiceArrangement::LiveIn => o.wage.amount(),
        ServiceArrangement::Hourly => o.wage.amount() * PAID_HOURS_PER_MONTH,
    };
    if w.wanted_wage_min
        .is_none_or(|wish| monthly >= wish.amount())
    {
        score += WAGE_POINTS;
        reasons.push("WAGE_MEETS_WISH");
    }
    if w.union_member {
        reasons.push("UNION_MEMBER");
    }
    if w.is_4050 {
        reasons.push("PRIORITY_4050");
    }
    if w.hardship {
        reasons.push("PRIORITY_HARDSHIP");
    }
    Some(Fit {
        score,
        reasons,
        priority: u8::from(w.is_4050 || w.hardship),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::employment::rules::rank;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn worker() -> WorkerProfile {
        WorkerProfile {
            district: "510104".into(),
            level: None,
            certified: false,
            wanted_wage_min: None,
            union_member: false,
            is_4050: false,
            hardship: false,
        }
    }

    fn order() -> OrderProfile {
        OrderProfile {
            arrangement: ServiceArrangement::LiveIn,
            district: "510104".into(),
            wage: Money::from_fen(450_000),
            min_certificate_level: None,
        }
    }

    /// 「学员经过培训、考核和鉴定,获得培训合格证和职业资格等级证书,成为四川省首批持证上岗特意从事
    /// 家政服务的从业人员」: the certificates of the training domain qualify for the service.
    #[test]
    fn certificates_qualify_by_occupation_and_level() {
        let held = vec![
            Held {
                kind: CertificateKind::TrainingCompletion,
                occupation: "育婴员".into(),
                level: None,
            },
            Held {
                kind: CertificateKind::VocationalQualification,
                occupation: "家政服务员".into(),
                level: Some(4),
            },
            Held {
                kind: CertificateKind::VocationalQualification,
                occupation: "养老护理员".into(),
                level: Some(3),
            },
        ];
        assert_eq!(best_level(DomesticService::ElderlyCare, &held), Some(3));
        assert_eq!(best_level(DomesticService::Cooking, &held), Some(4));
        assert_eq!(best_level(DomesticService::InfantCare, &held), None);
        assert!(certified_for(DomesticService::InfantCare, &held));
        assert!(!certified_for(DomesticService::PatientCare, &held[..2]));
    }

    /// Wage below the local minimum is refused, as for postings; by the hour the floor is
    /// the monthly minimum over 174 paid hours.
    #[test]
    fn wage_floor_by_arrangement() {
        let min = Money::from_fen(210_000);
        assert_eq!(wage_floor(ServiceArrangement::LiveIn, min), min);
        // 2100 / 174 = 12.0689… → 12.07
        assert_eq!(
            wage_floor(ServiceArrangement::Hourly, min),
            Money::from_fen(1_207)
        );
        let start = d(2026, 3, 10);
        let ok = |a, h, w| check_order(a, h, start, None, Money::from_fen(w), min, None);
        assert!(ok(ServiceArrangement::Hourly, Some(12), 1_207).is_ok());
        assert_eq!(
            ok(ServiceArrangement::Hourly, Some(12), 1_206),
            Err(("wageOffered", "BELOW_MINIMUM_WAGE"))
        );
        assert_eq!(
            ok(ServiceArrangement::LiveIn, None, 209_999),
            Err(("wageOffered", "BELOW_MINIMUM_WAGE"))
        );
        assert_eq!(
            ok(ServiceArrangement::Hourly, None, 2_000),
            Err(("hoursPerWeek", "HOURS_MISSING"))
        );
        assert_eq!(
            ok(ServiceArrangement::LiveIn, Some(40), 300_000),
            Err(("hoursPerWeek", "HOURS_OF_LIVE_IN"))
        );
        assert_eq!(
            check_order(
                ServiceArrangement::LiveIn,
                None,
                start,
                Some(d(2026, 3, 9)),
                min,
                min,
                None
            ),
            Err(("endsOn", "PERIOD_INVERTED"))
        );
    }

    /// A worker placed live-in is not offered to another client for the same period.
    #[test]
    fn live_in_is_exclusive() {
        let march = (d(2026, 3, 1), d(2026, 3, 31));
        assert!(overlaps(march, (d(2026, 3, 31), d(2026, 4, 30))));
        assert!(!overlaps(march, (d(2026, 4, 1), d(2026, 4, 30))));
        assert!(collides(
            ServiceArrangement::Hourly,
            ServiceArrangement::LiveIn
        ));
        assert!(collides(
            ServiceArrangement::LiveIn,
            ServiceArrangement::Hourly
        ));
        assert!(!collides(
            ServiceArrangement::Hourly,
            ServiceArrangement::Hourly
        ));
    }

    /// 「对他们实行“两优先”,即优先推举、优先挑选」: 4050 and hardship first among equals, never
    /// above a better fit.
    #[test]
    fn matching_scores_and_priority() {
        let o = order();
        let plain = fit(&worker(), &o).unwrap();
        assert_eq!(plain.score, 60);
        assert_eq!(
            plain.reasons,
            vec!["SERVICE_OFFERED", "SAME_DISTRICT", "WAGE_MEETS_WISH"]
        );
        let priority = fit(
            &WorkerProfile {
                is_4050: true,
                ..worker()
            },
            &o,
        )
        .unwrap();
        let certified = fit(
            &WorkerProfile {
                level: Some(4),
                ..worker()
            },
            &o,
        )
        .unwrap();
        assert_eq!(certified.score, 85);
        let ranked = rank(vec![(1, plain), (2, priority), (3, certified)]);
        let order: Vec<i32> = ranked.iter().map(|(k, _)| *k).collect();
        assert_eq!(order, vec![3, 2, 1]);
    }

    #[test]
    fn level_asked_for_is_a_hard_condition() {
        let o = OrderProfile {
            min_certificate_level: Some(4),
            ..order()
        };
        assert!(fit(&worker(), &o).is_none());
        assert!(
            fit(
                &WorkerProfile {
                    level: Some(5),
                    ..worker()
                },
                &o
            )
            .is_none()
        );
        assert!(
            fit(
                &WorkerProfile {
                    level: Some(3),
                    ..worker()
                },
                &o
            )
            .is_some()
        );
    }

    #[test]
    fn wage_wish_is_monthly() {
        let w = WorkerProfile {
            wanted_wage_min: Some(Money::from_fen(300_000)),
            ..worker()
        };
        let hourly = |fen| OrderProfile {
            arrangement: ServiceArrangement::Hourly,
            wage: Money::from_fen(fen),
            ..order()
        };
        // 17.25 × 174 = 3001.50 meets 3000; 17.24 × 174 = 2999.76 does not.
        assert!(
            fit(&w, &hourly(1_725))
                .unwrap()
                .reasons
                .contains(&"WAGE_MEETS_WISH")
        );
        assert!(
            !fit(&w, &hourly(1_724))
                .unwrap()
                .reasons
                .contains(&"WAGE_MEETS_WISH")
        );
    }

    #[test]
    fn hourly_work_stays_within_the_weeks_most() {
        assert!(hours_fit(40, 20));
        assert!(!hours_fit(40, 21));
        assert!(hours_fit(0, MAX_HOURS_PER_WEEK));
    }

    #[test]
    fn ratings() {
        assert!(check_rating(1).is_ok() && check_rating(5).is_ok());
        assert_eq!(check_rating(0), Err("RATING_OUT_OF_RANGE"));
        assert_eq!(check_rating(6), Err("RATING_OUT_OF_RANGE"));
    }
}
