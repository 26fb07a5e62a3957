//! Employment-agency rules, pure: who is "4050", who is served free, what a posting must
//! offer, and how seekers and postings are matched.
//!
//! 「对他们实行“两优先”,即优先推举、优先挑选。在组织用工信息时,注重挑选适合“4050”人员的工作
//! 岗位」 and 「对下岗失业人员和失地农民在求职登记、职业介绍、职业培训以及参加聘请会等方面实行免费
//! 政策」 (so the seed).

use chrono::{Datelike, NaiveDate};
use entity::{Education, Gender, Money, SeekerCategory};

/// Fee the agency would charge for registering a seeker (求职登记费), waived for the
/// disadvantaged and recorded as waived.
pub const REGISTRATION_FEE: Money = Money::from_fen(2_000);

/// Fee the agency would charge for a referral (职业介绍费), waived likewise.
pub const REFERRAL_FEE: Money = Money::from_fen(5_000);

/// Fee the agency would charge for a job fair's admission (招聘会入场费), waived likewise.
pub const FAIR_FEE: Money = Money::from_fen(1_000);

/// Age in whole years on `day`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// 「4050」人员: women aged 40 and over, men aged 50 and over, on `day`.
pub fn is_4050(gender: Gender, birth: NaiveDate, day: NaiveDate) -> bool {
    let age = age_on(birth, day);
    match gender {
        Gender::Female => age >= 40,
        Gender::Male => age >= 50,
    }
}

/// 持证上岗: whether the seeker holds a certificate for the required occupation.
pub fn holds_certificate(held: &[String], required: &str) -> bool {
    held.iter()
        .any(|c| c.trim().eq_ignore_ascii_case(required.trim()))
}

/// Served free (免费服务): laid-off and unemployed people, landless farmers, migrant
/// workers and workers in hardship.
pub fn served_free(categories: &[SeekerCategory]) -> bool {
    categories.iter().any(|c| {
        matches!(
            c,
            SeekerCategory::LaidOffUnemployed
                | SeekerCategory::LandlessFarmer
                | SeekerCategory::MigrantWorker
                | SeekerCategory::HardshipWorker
        )
    })
}

/// Order of education levels, lowest first.
pub fn education_rank(e: Education) -> u8 {
    match e {
        Education::Illiterate => 0,
        Education::Primary => 1,
        Education::JuniorHigh => 2,
        Education::SeniorHigh => 3,
        Education::CollegeOrAbove => 4,
    }
}

/// A posting's conditions that the rules check.
#[derive(Debug, Clone)]
pub struct PostingTerms {
    pub headcount: i32,
    pub wage_min: Money,
    pub wage_max: Money,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub expires_on: NaiveDate,
}

/// The field and reason of the first thing wrong with a posting's terms, given the local
/// minimum wage and today.
pub fn check_terms(
    t: &PostingTerms,
    minimum_wage: Money,
    today: NaiveDate,
) -> Result<(), (&'static str, &'static str)> {
    if t.headcount < 1 {
        return Err(("headcount", "HEADCOUNT_BELOW_ONE"));
    }
    if t.wage_min > t.wage_max {
        return Err(("wageMin", "WAGE_RANGE_INVERTED"));
    }
    if t.wage_min < minimum_wage {
        return Err(("wageMin", "BELOW_MINIMUM_WAGE"));
    }
    if t.age_min.is_some_and(|a| !(16..=70).contains(&a)) {
        return Err(("ageMin", "AGE_OUT_OF_RANGE"));
    }
    if t.age_max.is_some_and(|a| !(16..=70).contains(&a)) {
        return Err(("ageMax", "AGE_OUT_OF_RANGE"));
    }
    if let (Some(lo), Some(hi)) = (t.age_min, t.age_max)
        && lo > hi
    {
        return Err(("ageMin", "AGE_RANGE_INVERTED"));
    }
    if t.expires_on < today {
        return Err(("expiresOn", "ALREADY_EXPIRED"));
    }
    Ok(())
}

/// A seeker as matching sees it.
#[derive(Debug, Clone)]
pub struct SeekerProfile {
    pub age: i32,
    pub education: Education,
    pub skills: Vec<String>,
    pub wanted_occupation: Option<String>,
    pub wanted_wage_min: Option<Money>,
    pub wanted_district: Option<String>,
    pub is_4050: bool,
    pub hardship: bool,
    /// Occupations the seeker holds a certificate for (持证).
    pub certificates: Vec<String>,
}

/// A posting as matching sees it.
#[derive(Debug, Clone)]
pub struct PostingProfile {
    pub occupation: String,
    pub skills: Vec<String>,
    pub wage_max: Money,
    pub district: String,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub education: Option<Education>,
    pub suitable_for_4050: bool,
    /// A certificate required, by occupation (持证要求).
    pub required_certificate: Option<String>,
}

/// How well a seeker and a posting fit (0–100), why, and whether the 两优先 applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    pub score: u32,
    pub reasons: Vec<&'static str>,
    /// 两优先: a 4050 or hardship seeker, and for them a posting suitable for 4050.
    pub priority: u8,
}

/// Points of the wanted occupation.
const OCCUPATION_POINTS: u32 = 30;
/// Points of the posting's skills, in full when the seeker has them all.
const SKILLS_POINTS: u32 = 25;
/// Points of the wanted district.
const DISTRICT_POINTS: u32 = 15;
/// Points of another district of the wanted city.
const CITY_POINTS: u32 = 8;
/// Points of a wage that meets the wish.
const WAGE_POINTS: u32 = 15;
/// Points of the age range, a hard condition.
const AGE_POINTS: u32 = 10;
/// Points of the education, a hard condition.
const EDUCATION_POINTS: u32 = 5;

/// The fit of a seeker and a posting, or none when a hard condition fails (age outside
/// the range, education below the requirement).
///
/// Score: occupation 30, skills up to 25 (share of the posting's skills the seeker has),
/// district 15 (city 8), wage 15 (the posting pays the wish), age 10, education 5.
pub fn fit(s: &SeekerProfile, p: &PostingProfile) -> Option<Fit> {
    if p.age_min.is_some_and(|a| s.age < a) || p.age_max.is_some_and(|a| s.age > a) {
        return None;
    }
    if p.education
        .is_some_and(|e| education_rank(s.education) < education_rank(e))
    {
        return None;
    }
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut reasons = Vec::new();
    if let Some(required) = &p.required_certificate {
        if !holds_certificate(&s.certificates, required) {
            return None;
        }
        reasons.push("CERTIFIED");
    }
    let mut score = 0u32;
    if s.wanted_occupation
        .as_deref()
        .is_some_and(|w| same(w, &p.occupation))
    {
        score += OCCUPATION_POINTS;
        reasons.push("OCCUPATION_MATCH");
    }
    if p.skills.is_empty() {
        score += SKILLS_POINTS;
    } else {
        let have = p
            .skills
            .iter()
            .filter(|need| s.skills.iter().any(|h| same(h, need)))
            .count();
        let part =
            u32::try_from(have * SKILLS_POINTS as usize / p.skills.len()).unwrap_or(SKILLS_POINTS);
        score += part;
        if have == p.skills.len() {
            reasons.push("SKILLS_MATCH");
        } else if have > 0 {
            reasons.push("SKILLS_PARTLY_MATCH");
        }
    }
    match s.wanted_district.as_deref() {
        Some(d) if d == p.district => {
            score += DISTRICT_POINTS;
            reasons.push("SAME_DISTRICT");
        }
        Some(d) if d.get(..4).is_some_and(|c| p.district.starts_with(c)) => {
            score += CITY_POINTS;
            reasons.push("SAME_CITY");
        }
        _ => {}
    }
    if s.wanted_wage_min.is_none_or(|w| p.wage_max >= w) {
        score += WAGE_POINTS;
        reasons.push("WAGE_MEETS_WISH");
    }
    score += AGE_POINTS;
    reasons.push("AGE_FIT");
    score += EDUCATION_POINTS;
    reasons.push("EDUCATION_FIT");
    let mut priority = 0;
    if s.is_4050 {
        reasons.push("PRIORITY_4050");
    }
    if s.hardship {
        reasons.push("PRIORITY_HARDSHIP");
    }
    if s.is_4050 || s.hardship {
        priority += 1;
        if p.suitable_for_4050 {
            priority += 1;
            reasons.push("SUITABLE_FOR_4050");
        }
    }
    Some(Fit {
        score,
        reasons,
        priority,
    })
}

impl Fit {
    /// Score, then 两优先: what ranks a fit before the tie-break by key.
    pub fn standing(&self) -> Standing {
        Standing {
            score: self.score,
            priority: self.priority,
        }
    }

    /// The fit as an employer reads it: who is in hardship is not its to know, so no
    /// reason says so (a posting suitable for 4050 is named only for a 4050 seeker, whom
    /// the employer sees as one). Score and rank are the agency's.
    pub fn for_employer(mut self) -> Self {
        let is_4050 = self.reasons.contains(&"PRIORITY_4050");
        self.reasons
            .retain(|r| *r != "PRIORITY_HARDSHIP" && (is_4050 || *r != "SUITABLE_FOR_4050"));
        self
    }
}

/// Score, then 两优先, compared in that order: the higher the better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Standing {
    pub score: u32,
    pub priority: u8,
}

/// Orders candidates best first: by score, and among equal scores the 两优先 first; then
/// by `key` so the order is stable.
pub fn rank<K: Ord + Copy>(mut items: Vec<(K, Fit)>) -> Vec<(K, Fit)> {
    items.sort_by(|(ka, a), (kb, b)| b.standing().cmp(&a.standing()).then(ka.cmp(kb)));
    items
}

/// How the postings of a part of the short list relate to one of the seeker's wishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wish {
    /// Every posting of the part is what the seeker wants.
    Met,
    /// No posting of the part is exactly what the seeker wants.
    Unmet,
    /// The part does not sort by this wish.
    Any,
}

/// A part of the short list: postings read together, in key order, after the parts
/// before them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub occupation: Wish,
    pub district: Wish,
    /// Whether the part holds only postings suitable for 4050, only others, or both.
    pub suitable_for_4050: Option<bool>,
}

/// The best standing any posting of `part` can reach for the seeker: once the short list
/// holds enough fits at least this good, no later posting of the part can rank among them
/// (ties go to the posting read first).
pub fn ceiling(s: &SeekerProfile, part: &Part) -> Standing {
    // The part's SQL compares occupations exactly; the score ignores case and spaces, so
    // a posting outside the wanted occupation may still score it.
    let occupation = match part.occupation {
        Wish::Met | Wish::Unmet => OCCUPATION_POINTS,
        Wish::Any if s.wanted_occupation.is_some() => OCCUPATION_POINTS,
        Wish::Any => 0,
    };
    let district = match part.district {
        Wish::Met => DISTRICT_POINTS,
        Wish::Unmet => CITY_POINTS,
        Wish::Any if s.wanted_district.is_some() => DISTRICT_POINTS,
        Wish::Any => 0,
    };
    let priority = match (s.is_4050 || s.hardship, part.suitable_for_4050) {
        (false, _) => 0,
        (true, Some(false)) => 1,
        (true, _) => 2,
    };
    Standing {
        score: occupation + SKILLS_POINTS + district + WAGE_POINTS + AGE_POINTS + EDUCATION_POINTS,
        priority,
    }
}

/// Whether the best `k` of `fits` are final: none of the postings still unread, whose
/// best standing is `unread` (none when every part is read), can rank among them.
pub fn settled<K>(fits: &[(K, Fit)], k: usize, unread: Option<Standing>) -> bool {
    let Some(unread) = unread else {
        return true;
    };
    if k == 0 {
        return true;
    }
    if fits.len() < k {
        return false;
    }
    let mut standings: Vec<Standing> = fits.iter().map(|(_, f)| f.standing()).collect();
    let (_, kth, _) = standings.select_nth_unstable_by(k - 1, |a, b| b.cmp(a));
    *kth >= unread
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// 「4050」: women 40 and over, men 50 and over.
    #[test]
    fn four_oh_five_oh() {
        let today = d(2026, 3, 2);
        assert!(is_4050(Gender::Female, d(1986, 3, 2), today));
        assert!(!is_4050(Gender::Female, d(1986, 3, 3), today));
        assert!(!is_4050(Gender::Male, d(1980, 1, 1), today));
        assert!(is_4050(Gender::Male, d(1976, 3, 2), today));
    }

    /// 「对下岗失业人员和失地农民…实行免费政策」
    #[test]
    fn the_disadvantaged_are_served_free() {
        assert!(served_free(&[SeekerCategory::LaidOffUnemployed]));
        assert!(served_free(&[
            SeekerCategory::Graduate,
            SeekerCategory::LandlessFarmer
        ]));
        assert!(!served_free(&[
            SeekerCategory::Graduate,
            SeekerCategory::Other
        ]));
    }

    #[test]
    fn posting_terms() {
        let today = d(2026, 3, 2);
        let min = Money::from_fen(233_000);
        let ok = PostingTerms {
            headcount: 2,
            wage_min: Money::from_fen(300_000),
            wage_max: Money::from_fen(400_000),
            age_min: Some(18),
            age_max: Some(55),
            expires_on: d(2026, 6, 30),
        };
        assert!(check_terms(&ok, min, today).is_ok());
        let low = PostingTerms {
            wage_min: Money::from_fen(232_999),
            ..ok.clone()
        };
        assert_eq!(
            check_terms(&low, min, today),
            Err(("wageMin", "BELOW_MINIMUM_WAGE"))
        );
        let inverted = PostingTerms {
            wage_max: Money::from_fen(299_999),
            ..ok.clone()
        };
        assert_eq!(
            check_terms(&inverted, min, today),
            Err(("wageMin", "WAGE_RANGE_INVERTED"))
        );
        let none = PostingTerms { headcount: 0, ..ok };
        assert_eq!(
            check_terms(&none, min, today),
            Err(("headcount", "HEADCOUNT_BELOW_ONE"))
        );
    }

    fn seeker(is_4050: bool) -> SeekerProfile {
        SeekerProfile {
            age: 52,
            education: Education::JuniorHigh,
            skills: vec!["电焊".into()],
            wanted_occupation: Some("焊工".into()),
            wanted_wage_min: Some(Money::from_fen(300_000)),
            wanted_district: Some("510104".into()),
            is_4050,
            hardship: false,
            certificates: Vec::new(),
        }
    }

    fn posting(suitable: bool) -> PostingProfile {
        PostingProfile {
            occupation: "焊工".into(),
            skills: vec!["电焊".into()],
            wage_max: Money::from_fen(400_000),
            district: "510104".into(),
            age_min: Some(18),
            age_max: Some(60),
            education: Some(Education::Primary),
            suitable_for_4050: suitable,
            required_certificate: None,
        }
    }

    #[test]
    fn a_perfect_fit_scores_100_with_its_reasons() {
        let f = fit(&seeker(false), &posting(false)).unwrap();
        assert_eq!(f.score, 100);
        assert_eq!(
            f.reasons,
            vec![
                "OCCUPATION_MATCH",
                "SKILLS_MATCH",
                "SAME_DISTRICT",
                "WAGE_MEETS_WISH",
                "AGE_FIT",
                "EDUCATION_FIT"
            ]
        );
    }

    /// 「两优先」 ranks a hardship seeker first, but an employer is not told why.
    #[test]
    fn an_employer_is_not_told_who_is_in_hardship() {
        let mut s = seeker(false);
        s.hardship = true;
        let f = fit(&s, &posting(true)).unwrap();
        assert!(f.reasons.contains(&"PRIORITY_HARDSHIP"));
        assert!(f.reasons.contains(&"SUITABLE_FOR_4050"));
        let told = f.clone().for_employer();
        assert!(!told.reasons.contains(&"PRIORITY_HARDSHIP"));
        assert!(!told.reasons.contains(&"SUITABLE_FOR_4050"));
        assert_eq!(told.standing(), f.standing());
        s.is_4050 = true;
        let told = fit(&s, &posting(true)).unwrap().for_employer();
        assert!(told.reasons.contains(&"PRIORITY_4050"));
        assert!(told.reasons.contains(&"SUITABLE_FOR_4050"));
        assert!(!told.reasons.contains(&"PRIORITY_HARDSHIP"));
    }

    /// A posting that requires a certificate takes only holders (持证上岗).
    #[test]
    fn a_required_certificate_is_a_hard_condition() {
        let mut p = posting(false);
        p.required_certificate = Some("焊工".into());
        assert_eq!(fit(&seeker(false), &p), None);
        let mut s = seeker(false);
        s.certificates = vec!["焊工".into()];
        assert!(fit(&s, &p).unwrap().reasons.contains(&"CERTIFIED"));
    }

    #[test]
    fn age_and_education_are_hard_conditions() {
        let mut p = posting(false);
        p.age_max = Some(45);
        assert_eq!(fit(&seeker(false), &p), None);
        let mut p = posting(false);
        p.education = Some(Education::CollegeOrAbove);
        assert_eq!(fit(&seeker(false), &p), None);
    }

    /// 「两优先」: among equally suitable candidates, 4050 seekers first; for them,
    /// postings suitable for 4050 first.
    #[test]
    fn two_priorities_break_ties() {
        let ranked = rank(vec![
            (1, fit(&seeker(false), &posting(false)).unwrap()),
            (2, fit(&seeker(true), &posting(false)).unwrap()),
        ]);
        assert_eq!(ranked[0].0, 2);
        let ranked = rank(vec![
            (1, fit(&seeker(true), &posting(false)).unwrap()),
            (2, fit(&seeker(true), &posting(true)).unwrap()),
        ]);
        assert_eq!(ranked[0].0, 2);
        assert!(ranked[0].1.reasons.contains(&"SUITABLE_FOR_4050"));
    }

    /// The part a posting falls in, as the short list's SQL sorts it: exact comparisons.
    fn part_of(s: &SeekerProfile, p: &PostingProfile) -> Part {
        let wish = |wanted: &Option<String>, have: &str| match wanted {
            Some(w) if w == have => Wish::Met,
            Some(_) => Wish::Unmet,
            None => Wish::Any,
        };
        Part {
            occupation: wish(&s.wanted_occupation, &p.occupation),
            district: wish(&s.wanted_district, &p.district),
            suitable_for_4050: Some(p.suitable_for_4050),
        }
    }

    /// No posting fits better than the ceiling of its part, whatever its occupation
    /// (even one that differs only in case), district, skills and 两优先.
    #[test]
    fn no_posting_beats_the_ceiling_of_its_part() {
        let mut seekers = Vec::new();
        for is_4050 in [false, true] {
            for occupation in [Some("Java开发"), None] {
                for district in [Some("510104"), None] {
                    let mut s = seeker(is_4050);
                    s.wanted_occupation = occupation.map(str::to_owned);
                    s.wanted_district = district.map(str::to_owned);
                    s.skills = vec!["Java".into()];
                    seekers.push(s);
                }
            }
        }
        let mut checked = 0;
        for s in &seekers {
            for occupation in ["Java开发", "java开发 ", "焊工"] {
                for district in ["510104", "510105", "440301"] {
                    for skills in [vec![], vec!["java".to_owned()], vec!["C".to_owned()]] {
                        for suitable in [false, true] {
                            let mut p = posting(suitable);
                            p.occupation = occupation.into();
                            p.district = district.into();
                            p.skills = skills.clone();
                            let Some(f) = fit(s, &p) else { continue };
                            let part = part_of(s, &p);
                            assert!(f.standing() <= ceiling(s, &part), "{s:?} {p:?}");
                            let both = Part {
                                suitable_for_4050: None,
                                ..part
                            };
                            assert!(f.standing() <= ceiling(s, &both), "{s:?} {p:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 8 * 3 * 3 * 3 * 2);
    }

    /// The ceiling is reached: a posting of the wanted occupation and district with the
    /// seeker's skills scores 100, and a 4050 seeker's suitable posting ranks first.
    #[test]
    fn the_ceiling_is_tight_for_the_best_part() {
        let s = seeker(true);
        let best = fit(&s, &posting(true)).unwrap();
        let part = Part {
            occupation: Wish::Met,
            district: Wish::Met,
            suitable_for_4050: Some(true),
        };
        assert_eq!(best.standing(), ceiling(&s, &part));
        let elsewhere = Part {
            district: Wish::Unmet,
            ..part
        };
        assert_eq!(ceiling(&s, &elsewhere).score, 93);
    }

    fn fits(standings: &[(u32, u8)]) -> Vec<(usize, Fit)> {
        standings
            .iter()
            .enumerate()
            .map(|(i, &(score, priority))| {
                (
                    i,
                    Fit {
                        score,
                        reasons: Vec::new(),
                        priority,
                    },
                )
            })
            .collect()
    }

    /// 「优先推举」: the short list stops early only when no unread posting could rank
    /// among the best `k` (one that ties ranks after them, being read later).
    #[test]
    fn the_best_k_are_settled_only_when_nothing_unread_can_beat_them() {
        let at = |score, priority| Some(Standing { score, priority });
        let read = fits(&[(100, 1), (93, 2), (100, 2), (80, 0)]);
        assert!(!settled(&read, 5, at(10, 0)), "fewer than k fits");
        assert!(settled(&read, 5, None), "nothing left to read");
        assert!(settled(&read, 0, at(100, 2)));
        assert!(settled(&read, 2, at(100, 1)), "a tie ranks after");
        assert!(!settled(&read, 2, at(100, 2)));
        assert!(settled(&read, 3, at(93, 2)));
        assert!(!settled(&read, 3, at(94, 0)));
        assert!(settled(&read, 4, at(80, 0)));
    }
}

/// Whether a referral may go from `from` to `to`: 「介绍信」 outcomes are reported once.
pub fn referral_step_ok(from: entity::ReferralStatus, to: entity::ReferralStatus) -> bool {
    use entity::ReferralStatus::*;
    matches!(
        (from, to),
        (
            Referred,
            Interviewing | Hired | Rejected | NoShow | Withdrawn
        ) | (Interviewing, Hired | Rejected | NoShow | Withdrawn)
    )
}

#[cfg(test)]
mod referral_tests {
    use super::*;
    use entity::ReferralStatus::*;

    #[test]
    fn outcomes_are_reported_once() {
        assert!(referral_step_ok(Referred, Interviewing));
        assert!(referral_step_ok(Interviewing, Hired));
        assert!(referral_step_ok(Referred, NoShow));
        assert!(!referral_step_ok(Hired, Rejected));
        assert!(!referral_step_ok(Interviewing, Referred));
        assert!(!referral_step_ok(Withdrawn, Hired));
    }
}
