//! Workers, households and hardship cases in every state of their life, with the stored
//! eligibility evaluation (`registry::rules::evaluate`), causes, relief, transitions,
//! documents, objections and visits.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::hardship_case::{Codes, FiveClears};
use entity::{
    CaseStatus, Cause, DocumentKind, Education, EmploymentStatus, EmploymentType, ExitReason,
    Gender, HardshipLevel, Health, Kinship, Money, Occupation, Relief, Schooling, case_cause,
    case_document, case_evaluation, case_objection, case_relief, case_transition, case_visit,
    hardship_case, household, household_member, worker,
};
use rust_decimal::Decimal;
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::names::OTHER_REGIONS;
use super::org::{DemoUser, Tree};
use super::{CHUNK, DemoResult, Gen};
use crate::registry::household::summarize;
use crate::registry::lifecycle::{NOTICE_WORKING_DAYS, activation_date, annual_review_due};
use crate::registry::rules::{self, Evaluation, HouseholdFacts, MemberFacts};
use crate::registry::service::HouseholdRecord;

/// A filed case the later phases build on (applications, campaigns, job seekers).
#[derive(Clone)]
pub struct CaseRef {
    pub case_id: Uuid,
    pub worker_id: Uuid,
    pub org_unit_id: Uuid,
    pub district: usize,
    pub minimum_allowance: bool,
    pub seriously_ill: bool,
    pub terminal: bool,
    pub disaster: bool,
    pub activated_on: NaiveDate,
    /// 特困 or 困难, as evaluated.
    pub level: HardshipLevel,
    pub worker_name: String,
}

/// A worker who may also be a job seeker (laid off, unemployed, or in hardship).
#[derive(Clone)]
pub struct PersonRef {
    pub worker_id: Uuid,
    pub name: String,
    pub id_number: String,
    pub gender: Gender,
    pub birth: NaiveDate,
    pub education: Education,
    pub district: usize,
    pub hardship: bool,
    pub laid_off: bool,
}

/// A union member a condolence (慰问) can be for.
#[derive(Clone)]
pub struct MemberRef {
    pub worker_id: Uuid,
    pub name: String,
    pub org_unit_id: Uuid,
    pub district: usize,
}

pub struct Registry {
    pub active_cases: Vec<CaseRef>,
    pub seekers: Vec<PersonRef>,
    pub members: Vec<MemberRef>,
    /// Cases made so far: the first ones go through every state, so that even the
    /// smallest data set has a case in each.
    cases_made: usize,
}

/// Every state a case can rest in (APPROVED is passed through on the way to the notice).
const EVERY_STATE: &[CaseStatus] = &[
    CaseStatus::Active,
    CaseStatus::Draft,
    CaseStatus::Submitted,
    CaseStatus::InitialReviewed,
    CaseStatus::GroupReviewed,
    CaseStatus::InNotice,
    CaseStatus::Exited,
    CaseStatus::Rejected,
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Profile {
    BelowLine,
    NearLineIll,
    NearLineSchool,
    Special,
    Disaster,
    Above,
    ExHomes,
    ExBusiness,
    ExVehicles,
    ExHighFee,
}

const ELIGIBLE: &[(Profile, u32)] = &[
    (Profile::BelowLine, 35),
    (Profile::NearLineIll, 20),
    (Profile::NearLineSchool, 15),
    (Profile::Special, 20),
    (Profile::Disaster, 10),
];

const NOT_FILED: &[(Profile, u32)] = &[
    (Profile::Above, 60),
    (Profile::ExHomes, 8),
    (Profile::ExBusiness, 8),
    (Profile::ExVehicles, 5),
    (Profile::ExHighFee, 4),
    (Profile::BelowLine, 8),
    (Profile::NearLineIll, 7),
];

const REJECTED: &[(Profile, u32)] = &[
    (Profile::Above, 40),
    (Profile::ExHomes, 20),
    (Profile::ExBusiness, 20),
    (Profile::ExVehicles, 10),
    (Profile::ExHighFee, 10),
];

const STATUSES: &[(CaseStatus, u32)] = &[
    (CaseStatus::Active, 70),
    (CaseStatus::Exited, 8),
    (CaseStatus::Draft, 3),
    (CaseStatus::Submitted, 3),
    (CaseStatus::InitialReviewed, 3),
    (CaseStatus::GroupReviewed, 3),
    (CaseStatus::InNotice, 3),
    (CaseStatus::Rejected, 7),
];

const EMPLOYMENT_TYPES: &[(EmploymentType, u32)] = &[
    (EmploymentType::Formal, 70),
    (EmploymentType::Dispatched, 12),
    (EmploymentType::InternalRetirement, 6),
    (EmploymentType::Retired, 8),
    (EmploymentType::WorkInjuryDeathFamily, 2),
    (EmploymentType::DisabilityRetired, 2),
];

const EDUCATIONS: &[(Education, u32)] = &[
    (Education::Illiterate, 2),
    (Education::Primary, 10),
    (Education::JuniorHigh, 33),
    (Education::SeniorHigh, 35),
    (Education::CollegeOrAbove, 20),
];

const OCCUPATIONS: &[(Occupation, u32)] = &[
    (Occupation::Worker, 65),
    (Occupation::Manager, 8),
    (Occupation::Professional, 17),
    (Occupation::Other, 10),
];

const CADRES: &[(&str, &str)] = &[
    ("李建国", "工会主席"),
    ("王秀英", "工会副主席"),
    ("陈志强", "综合部部长"),
    ("刘红梅", "分工会主席"),
    ("张卫东", "党委副书记"),
];

/// One worker's household: the rows and the facts the rules read.
struct Home {
    household: household::Model,
    members: Vec<household_member::Model>,
    facts: HouseholdFacts,
}

fn yuan(fen: f64) -> i64 {
    // Incomes are whole yuan, as people report them.
    (fen / 100.0).round() as i64 * 100
}

fn make_home(
    g: &mut Gen,
    w: &worker::Model,
    profile: Profile,
    line: i64,
    at: DateTime<Utc>,
) -> Home {
    let worker_age = (g.as_of - w.birth_date).num_days() / 365;
    let mut single_parent = false;
    let mut widowed = false;
    let mut lives_alone = false;
    let mut two_ill = false;
    if profile == Profile::Special {
        match g.range(0, 4) {
            0 => single_parent = true,
            1 => {
                single_parent = true;
                widowed = true;
            }
            2 => lives_alone = true,
            _ => two_ill = true,
        }
    }
    // (kinship, birth, health, disabled, schooling)
    let mut people: Vec<(Kinship, NaiveDate, Health, bool, Schooling)> = vec![(
        Kinship::Worker,
        w.birth_date,
        Health::Healthy,
        false,
        Schooling::NotInSchool,
    )];
    if !lives_alone && !single_parent && g.chance(0.85) {
        let spouse = w.birth_date + Duration::days(g.range(-1500, 1500));
        people.push((
            Kinship::Spouse,
            spouse,
            Health::Healthy,
            false,
            Schooling::NotInSchool,
        ));
    }
    if !lives_alone {
        let mut children = g.range(0, 3);
        if matches!(profile, Profile::NearLineSchool | Profile::ExHighFee) || single_parent {
            children = children.max(1);
        }
        for _ in 0..children {
            let years = g.range(22, 36).min(worker_age.max(23) - 1);
            let birth = (w.birth_date + Duration::days(years * 365 + g.range(0, 300)))
                .min(g.as_of - Duration::days(400));
            let age = (g.as_of - birth).num_days() / 365;
            let schooling = match age {
                6..=17 => Schooling::School,
                18..=22 if g.chance(0.6) => Schooling::University,
                _ => Schooling::NotInSchool,
            };
            people.push((Kinship::Child, birth, Health::Healthy, false, schooling));
        }
        if g.chance(0.2) {
            let birth = w.birth_date - Duration::days(g.range(22 * 365, 32 * 365));
            people.push((
                Kinship::Parent,
                birth,
                Health::ChronicIllness,
                false,
                Schooling::NotInSchool,
            ));
        }
    }
    match profile {
        Profile::NearLineIll => {
            let i = g.index(people.len());
            people[i].2 = g.pick(&[
                Health::ChronicIllness,
                Health::SeriousIllness,
                Health::TerminalIllness,
            ]);
            if g.chance(0.2) {
                people[i].3 = true;
            }
        }
        Profile::NearLineSchool => {
            if let Some(child) = people.iter_mut().find(|p| p.0 == Kinship::Child) {
                child.4 = Schooling::School;
            }
        }
        Profile::ExHighFee => {
            if let Some(child) = people.iter_mut().find(|p| p.0 == Kinship::Child) {
                child.4 = Schooling::HighFeePrivateSchool;
            }
        }
        Profile::Special if lives_alone => people[0].2 = Health::SeriousIllness,
        Profile::Special if two_ill => {
            people[0].2 = Health::SeriousIllness;
            if people.len() < 2 {
                let birth = w.birth_date + Duration::days(g.range(-900, 900));
                people.push((
                    Kinship::Spouse,
                    birth,
                    Health::Healthy,
                    false,
                    Schooling::NotInSchool,
                ));
            }
            people[1].2 = Health::TerminalIllness;
        }
        _ => {
            if g.chance(0.08) {
                let i = g.index(people.len());
                people[i].2 = Health::ChronicIllness;
            }
        }
    }
    let factor = match profile {
        Profile::BelowLine => 0.35 + 0.6 * g.unit(),
        Profile::NearLineIll | Profile::NearLineSchool => 1.02 + 0.46 * g.unit(),
        Profile::Special => 1.6 + g.unit(),
        Profile::Disaster => 1.2 + 1.8 * g.unit(),
        Profile::Above => 2.0 + 4.0 * g.unit(),
        _ => 0.5 + 0.8 * g.unit(),
    };
    // Income of the household, shared by the earners (the worker and a spouse); the
    // per-capita figure stays just inside its band after rounding to whole yuan.
    let count = people.len() as f64;
    let total = line as f64 * count * factor;
    let earners: Vec<usize> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.0, Kinship::Worker | Kinship::Spouse))
        .map(|(i, _)| i)
        .collect();
    let worker_share = if earners.len() > 1 {
        0.5 + 0.4 * g.unit()
    } else {
        1.0
    };
    let worker_income = yuan(total * worker_share);
    let spouse_income = if earners.len() > 1 {
        yuan((total - worker_income as f64).max(0.0) / 100.0 * 100.0)
    } else {
        0
    };
    let homes = match profile {
        Profile::ExHomes => g.range(2, 4),
        Profile::BelowLine => g.range(0, 2),
        _ => i64::from(g.chance(0.8)),
    };
    let receives_minimum_allowance = match profile {
        Profile::BelowLine => g.chance(0.7),
        Profile::NearLineIll | Profile::Special => g.chance(0.2),
        _ => false,
    };
    let mut members = Vec::with_capacity(people.len());
    for (position, (kinship, birth, health, disabled, schooling)) in people.into_iter().enumerate()
    {
        let income = match kinship {
            Kinship::Worker => worker_income,
            Kinship::Spouse => spouse_income,
            _ => 0,
        };
        let name = if kinship == Kinship::Worker {
            w.name.clone()
        } else {
            let gender = if g.chance(0.5) {
                Gender::Male
            } else {
                Gender::Female
            };
            let mut name = g.name(gender);
            if kinship == Kinship::Child {
                // Children carry the worker's surname.
                name = w.name.chars().take(1).chain(name.chars().skip(1)).collect();
            }
            name
        };
        members.push(household_member::Model {
            id: g.uuid(at),
            worker_id: w.id,
            position: position as i32,
            name: Some(name),
            kinship,
            birth_date: Some(birth),
            monthly_income: Money::from_fen(income),
            health,
            disabled,
            schooling,
        });
    }
    let facts = HouseholdFacts {
        members: members
            .iter()
            .map(|m| MemberFacts {
                kinship: m.kinship,
                monthly_income: m.monthly_income.amount(),
                health: m.health,
                disabled: m.disabled,
                schooling: m.schooling,
            })
            .collect(),
        receives_minimum_allowance,
        homes_owned: homes as u32,
        owns_business: profile == Profile::ExBusiness,
        uses_vehicles: profile == Profile::ExVehicles,
        single_parent,
        widowed,
        lives_alone,
        disaster_loss: profile == Profile::Disaster,
        other_special_cause: false,
    };
    let s = summarize(&facts.members);
    let household = household::Model {
        worker_id: w.id,
        receives_minimum_allowance,
        homes_owned: homes as i32,
        owns_business: facts.owns_business,
        uses_vehicles: facts.uses_vehicles,
        single_parent,
        widowed,
        lives_alone,
        disaster_loss: facts.disaster_loss,
        other_special_cause: None,
        member_count: s.member_count,
        income_total: Money::rounded(s.income_total).unwrap_or_default(),
        ill_count: s.ill_count,
        seriously_ill_count: s.seriously_ill_count,
        disabled_count: s.disabled_count,
        children_in_school: s.children_in_school,
        children_at_university: s.children_at_university,
        high_fee_schooling: s.high_fee_schooling,
        updated_at: at,
    };
    Home {
        household,
        members,
        facts,
    }
}

/// Rows of one chunk of workers.
#[derive(Default)]
struct Batch {
    workers: Vec<worker::Model>,
    households: Vec<household::Model>,
    members: Vec<household_member::Model>,
    cases: Vec<hardship_case::Model>,
    causes: Vec<case_cause::Model>,
    reliefs: Vec<case_relief::Model>,
    evaluations: Vec<case_evaluation::Model>,
    transitions: Vec<case_transition::Model>,
    documents: Vec<case_document::Model>,
    objections: Vec<case_objection::Model>,
    visits: Vec<case_visit::Model>,
}

pub async fn seed(db: &DatabaseConnection, g: &mut Gen, tree: &Tree) -> DemoResult<Registry> {
    let mut out = Registry {
        active_cases: Vec::new(),
        seekers: Vec::new(),
        members: Vec::new(),
        cases_made: 0,
    };
    let mut done = 0u64;
    while done < g.n {
        let size = CHUNK.min(g.n - done);
        let mut b = Batch::default();
        for _ in 0..size {
            one_worker(g, tree, &mut b, &mut out);
        }
        let txn = crate::db::begin_write(db).await?;
        g.insert::<worker::Entity, _>(&txn, b.workers).await?;
        g.insert::<household::Entity, _>(&txn, b.households).await?;
        g.insert::<household_member::Entity, _>(&txn, b.members)
            .await?;
        g.insert::<hardship_case::Entity, _>(&txn, b.cases).await?;
        g.insert::<case_cause::Entity, _>(&txn, b.causes).await?;
        g.insert::<case_relief::Entity, _>(&txn, b.reliefs).await?;
        g.insert::<case_evaluation::Entity, _>(&txn, b.evaluations)
            .await?;
        g.insert::<case_transition::Entity, _>(&txn, b.transitions)
            .await?;
        g.insert::<case_document::Entity, _>(&txn, b.documents)
            .await?;
        g.insert::<case_objection::Entity, _>(&txn, b.objections)
            .await?;
        g.insert::<case_visit::Entity, _>(&txn, b.visits).await?;
        txn.commit().await?;
        done += size;
        if done.is_multiple_of(CHUNK * 20) || done == g.n {
            g.note(&format!("{done} workers"));
        }
    }
    Ok(out)
}

fn one_worker(g: &mut Gen, tree: &Tree, b: &mut Batch, out: &mut Registry) {
    let unit = tree.units[g.index(tree.units.len())];
    let district = &tree.districts[unit.district];
    let gender = if g.chance(0.55) {
        Gender::Male
    } else {
        Gender::Female
    };
    let employment_type = g.weighted(EMPLOYMENT_TYPES);
    let birth = match employment_type {
        EmploymentType::Retired | EmploymentType::DisabilityRetired => g.birth(55, 75),
        EmploymentType::InternalRetirement => g.birth(50, 60),
        _ => g.birth(20, 60),
    };
    let region = if g.chance(0.8) {
        district.code
    } else {
        g.pick(OTHER_REGIONS)
    };
    let created = g.at_day_before(1300, 2500);
    let employment_status = match employment_type {
        EmploymentType::Formal | EmploymentType::Dispatched => g.weighted(&[
            (EmploymentStatus::Employed, 85),
            (EmploymentStatus::LaidOff, 8),
            (EmploymentStatus::Unemployed, 7),
        ]),
        _ => EmploymentStatus::Unemployed,
    };
    let w = worker::Model {
        id: g.uuid(created),
        org_unit_id: unit.id,
        name: g.name(gender),
        id_number: g.id_number(region, birth, gender),
        gender,
        birth_date: birth,
        phone: g.chance(0.9).then(|| g.phone()),
        employment_type,
        employment_status,
        education: g.weighted(EDUCATIONS),
        occupation: g.weighted(OCCUPATIONS),
        union_member: g.chance(0.9),
        fund_contributor: matches!(
            employment_type,
            EmploymentType::Formal | EmploymentType::Dispatched
        ) && g.chance(0.6),
        created_at: created,
        updated_at: created,
    };
    let line = tree.lines[unit.district];
    let filed_type = matches!(
        employment_type,
        EmploymentType::Formal | EmploymentType::Dispatched | EmploymentType::InternalRetirement
    );
    let has_case = g.chance(if filed_type { 0.11 } else { 0.05 })
        && (filed_type || out.cases_made >= EVERY_STATE.len());
    let mut hardship = false;
    if has_case {
        out.cases_made += 1;
        let status = if let Some(&status) = EVERY_STATE.get(out.cases_made - 1) {
            status
        } else if filed_type {
            g.weighted(STATUSES)
        } else {
            CaseStatus::Rejected
        };
        let profile = if status == CaseStatus::Rejected && filed_type {
            g.weighted(REJECTED)
        } else {
            // Retired and similar workers are refused for their person type.
            g.weighted(ELIGIBLE)
        };
        let home = make_home(g, &w, profile, line, created + Duration::days(30));
        hardship = matches!(status, CaseStatus::Active | CaseStatus::InNotice);
        make_case(
            g,
            tree,
            &w,
            unit.district,
            district.code,
            status,
            home,
            b,
            out,
        );
    } else if g.chance(0.15) {
        let profile = g.weighted(NOT_FILED);
        let home = make_home(g, &w, profile, line, created + Duration::days(30));
        b.households.push(home.household);
        b.members.extend(home.members);
    }
    let laid_off = employment_status != EmploymentStatus::Employed && filed_type;
    let age = (g.as_of - birth).num_days() / 365;
    if age < 60 && ((laid_off && g.chance(0.55)) || (hardship && g.chance(0.5))) {
        out.seekers.push(PersonRef {
            worker_id: w.id,
            name: w.name.clone(),
            id_number: w.id_number.clone(),
            gender,
            birth,
            education: w.education,
            district: unit.district,
            hardship,
            laid_off,
        });
    }
    if w.union_member && g.chance(0.06) {
        out.members.push(MemberRef {
            worker_id: w.id,
            name: w.name.clone(),
            org_unit_id: unit.id,
            district: unit.district,
        });
    }
    b.workers.push(w);
}

fn codes(items: Vec<&'static str>) -> serde_json::Value {
    serde_json::json!(items)
}

#[allow(clippy::too_many_arguments)]
fn make_case(
    g: &mut Gen,
    tree: &Tree,
    w: &worker::Model,
    district: usize,
    region: &str,
    status: CaseStatus,
    home: Home,
    b: &mut Batch,
    out: &mut Registry,
) {
    let u = &tree.users;
    let line = tree.lines[district];
    let evaluation: Evaluation =
        match rules::evaluate(w.employment_type, &home.facts, Decimal::new(line, 2)) {
            Ok(e) => e,
            Err(_) => return,
        };
    // A household the rules do not accept never got past a review.
    let status = if !evaluation.eligible && status != CaseStatus::Draft {
        CaseStatus::Rejected
    } else {
        status
    };
    let objection = status == CaseStatus::InitialReviewed && g.chance(0.4);
    // The statuses the case went through after DRAFT, in order.
    let mut path: Vec<CaseStatus> = match status {
        CaseStatus::Draft => vec![],
        CaseStatus::Submitted => vec![CaseStatus::Submitted],
        CaseStatus::InitialReviewed if !objection => {
            vec![CaseStatus::Submitted, CaseStatus::InitialReviewed]
        }
        CaseStatus::GroupReviewed => vec![
            CaseStatus::Submitted,
            CaseStatus::InitialReviewed,
            CaseStatus::GroupReviewed,
        ],
        CaseStatus::Rejected => {
            let stages = g.range(0, 3) as usize;
            let mut p = vec![CaseStatus::Submitted];
            p.extend([CaseStatus::InitialReviewed, CaseStatus::GroupReviewed][..stages].iter());
            p.push(CaseStatus::Rejected);
            p
        }
        _ => vec![
            CaseStatus::Submitted,
            CaseStatus::InitialReviewed,
            CaseStatus::GroupReviewed,
            CaseStatus::Approved,
            CaseStatus::InNotice,
        ],
    };
    if objection {
        path.push(CaseStatus::InitialReviewed);
    }
    // The day of the last decision, and the days before it.
    let anchor = match status {
        CaseStatus::InNotice => g.day_before(0, 3),
        CaseStatus::Active => g.day_before(10, 900),
        CaseStatus::Exited => g.day_before(300, 1200),
        CaseStatus::Rejected => g.day_before(1, 400),
        CaseStatus::InitialReviewed if objection => g.day_before(0, 5),
        _ => g.day_before(0, 20),
    };
    let mut days = vec![anchor; path.len()];
    for i in (0..path.len().saturating_sub(1)).rev() {
        let gap = match path[i + 1] {
            CaseStatus::InNotice => 0,
            // The objection came during the notice, within a week of approval.
            CaseStatus::InitialReviewed if i + 1 == path.len() - 1 && objection => g.range(1, 4),
            _ => g.range(1, 8),
        };
        days[i] = days[i + 1] - Duration::days(gap);
    }
    let created_day = days.first().copied().unwrap_or(anchor) - Duration::days(g.range(0, 10));
    let created = g.at(created_day);
    let case_id = g.uuid(created);
    let submitter = u.caseworker.clone();
    let actor_for = |to: CaseStatus, stage_before: CaseStatus| -> DemoUser {
        match to {
            CaseStatus::Submitted => u.caseworker.clone(),
            CaseStatus::InitialReviewed => u.caseworker_b.clone(),
            CaseStatus::GroupReviewed => u.reviewer.clone(),
            CaseStatus::Approved | CaseStatus::InNotice => u.approver.clone(),
            _ => match stage_before {
                CaseStatus::Submitted => u.caseworker_b.clone(),
                CaseStatus::InitialReviewed => u.reviewer.clone(),
                _ => u.approver.clone(),
            },
        }
    };
    let mut transitions = vec![case_transition::Model {
        id: g.uuid(created),
        case_id,
        from_status: None,
        to_status: CaseStatus::Draft,
        actor_id: Some(u.caseworker.id),
        actor_username: u.caseworker.username.clone(),
        at: created,
        comment: Some("建立困难职工档案".to_owned()),
    }];
    let inputs = serde_json::json!({
        "employmentType": w.employment_type,
        "regionCode": region,
        "year": super::year_of(g.as_of),
        "povertyLine": Money::from_fen(line),
        "household": HouseholdRecord {
            household: home.household.clone(),
            members: home.members.clone(),
        },
    });
    let mut submitted_at = None;
    let mut notice: Option<(NaiveDate, NaiveDate)> = None;
    let mut previous = CaseStatus::Draft;
    let mut last_at = created;
    let mut last_stage: Option<(&'static str, DateTime<Utc>, Uuid)> = None;
    let mut lodged: Option<(DateTime<Utc>, Uuid)> = None;
    for (i, to) in path.iter().copied().enumerate() {
        let at = if to == CaseStatus::InNotice {
            last_at + Duration::seconds(1)
        } else {
            g.at(days[i]).max(last_at + Duration::minutes(5))
        };
        let from = previous;
        let objection_step = objection && i == path.len() - 1;
        let actor = if objection_step {
            u.caseworker_b.clone()
        } else {
            actor_for(to, from)
        };
        let comment = match to {
            CaseStatus::Submitted => "材料齐全，提交综合部初核".to_owned(),
            CaseStatus::InitialReviewed if objection_step => {
                "公示期间收到异议，退回复核".to_owned()
            }
            CaseStatus::InitialReviewed => "初核属实".to_owned(),
            CaseStatus::GroupReviewed => "领导小组复核同意".to_owned(),
            CaseStatus::Approved => "同意建档".to_owned(),
            CaseStatus::InNotice => {
                let start = g.calendar.notice_end(days[i], 1);
                let end = g.calendar.notice_end(days[i], NOTICE_WORKING_DAYS);
                notice = Some((start, end));
                format!("公示 {start} 至 {end}")
            }
            _ => "不符合建档条件".to_owned(),
        };
        if to == CaseStatus::Submitted {
            submitted_at = Some(at);
            let stage = "SUBMISSION";
            last_stage = Some((stage, at, actor.id));
            b.evaluations.push(evaluation_row(
                g,
                case_id,
                stage,
                at,
                actor.id,
                &evaluation,
                &inputs,
            ));
            for (kind, issuer) in [
                (DocumentKind::IdAndHukouCopy, "派出所"),
                (DocumentKind::IncomeCertificate, "单位人事部门"),
                (DocumentKind::BankCardCopy, "开户银行"),
            ] {
                b.documents.push(case_document::Model {
                    id: g.uuid(at),
                    case_id,
                    kind,
                    issued_on: Some(days[i] - Duration::days(g.range(1, 60))),
                    issuer: Some(issuer.to_owned()),
                    qualified_issuer: false,
                    note: None,
                    recorded_by: submitter.id,
                    created_at: at - Duration::hours(1),
                });
            }
            if home.household.ill_count > 0 {
                b.documents.push(case_document::Model {
                    id: g.uuid(at),
                    case_id,
                    kind: DocumentKind::DiagnosisCertificate,
                    issued_on: Some(days[i] - Duration::days(g.range(10, 200))),
                    issuer: Some("四川大学华西医院".to_owned()),
                    qualified_issuer: true,
                    note: None,
                    recorded_by: submitter.id,
                    created_at: at - Duration::hours(1),
                });
            }
            if home.household.disabled_count > 0 {
                b.documents.push(case_document::Model {
                    id: g.uuid(at),
                    case_id,
                    kind: DocumentKind::DisabilityCertificate,
                    issued_on: Some(days[i] - Duration::days(g.range(100, 900))),
                    issuer: Some("区残疾人联合会".to_owned()),
                    qualified_issuer: false,
                    note: None,
                    recorded_by: submitter.id,
                    created_at: at - Duration::hours(1),
                });
            }
        } else if objection_step {
            lodged = Some((at, actor.id));
        } else if to != CaseStatus::Approved && to != CaseStatus::InNotice {
            let stage = match from {
                CaseStatus::Submitted => "INITIAL_REVIEW",
                CaseStatus::InitialReviewed => "GROUP_REVIEW",
                _ => "APPROVAL",
            };
            last_stage = Some((stage, at, actor.id));
        } else if to == CaseStatus::Approved {
            last_stage = Some(("APPROVAL", at, actor.id));
        }
        transitions.push(case_transition::Model {
            id: g.uuid(at),
            case_id,
            from_status: Some(from),
            to_status: to,
            actor_id: Some(actor.id),
            actor_username: actor.username.clone(),
            at,
            comment: Some(comment),
        });
        previous = to;
        last_at = at;
    }
    if let Some((stage, at, actor)) = last_stage
        && stage != "SUBMISSION"
    {
        b.evaluations.push(evaluation_row(
            g,
            case_id,
            stage,
            at,
            actor,
            &evaluation,
            &inputs,
        ));
    }
    if let Some((at, by)) = lodged {
        b.objections.push(case_objection::Model {
            id: g.uuid(at),
            case_id,
            reason: g
                .pick(&[
                    "反映该户家庭另有经营收入",
                    "反映该户有车辆且经常使用",
                    "反映家庭成员收入申报不实",
                ])
                .to_owned(),
            lodged_by: by,
            lodged_at: at,
        });
        notice = None;
    }

    let mut case = hardship_case::Model {
        id: case_id,
        worker_id: w.id,
        org_unit_id: w.org_unit_id,
        status,
        level: if matches!(status, CaseStatus::Draft | CaseStatus::Submitted) {
            None
        } else {
            evaluation.level
        },
        five_clears: FiveClears {
            family_situation: Some(format!("家庭{}口人", home.household.member_count)),
            cause: Some(
                if home.household.ill_count > 0 {
                    "家人患病，医疗支出大"
                } else {
                    "家庭收入低"
                }
                .to_owned(),
            ),
            skills: Some(
                g.pick(&["电工", "驾驶", "无特长", "缝纫", "烹饪"])
                    .to_owned(),
            ),
            work_wish: Some(
                g.pick(&["希望再就业", "希望就近就业", "暂无就业意愿"])
                    .to_owned(),
            ),
            state_of_mind: Some(g.pick(&["积极乐观", "情绪稳定", "思想压力较大"]).to_owned()),
        },
        assistance_plan: Some("节日慰问，医疗救助，优先推荐就业".to_owned()),
        notes: None,
        paired_cadre_name: None,
        paired_cadre_position: None,
        created_by: u.caseworker.id,
        submitted_by: submitted_at.map(|_| submitter.id),
        submitted_at,
        notice_start: notice.map(|n| n.0),
        notice_end: notice.map(|n| n.1),
        activated_on: notice.map(|n| activation_date(n.1)),
        review_due_on: notice.map(|n| annual_review_due(activation_date(n.1))),
        exit_proposed: false,
        exit_proposal_reasons: Codes::default(),
        needs_reevaluation: false,
        exit_reason: None,
        exit_note: None,
        exited_at: None,
        created_at: created,
        updated_at: last_at,
    };
    if matches!(
        status,
        CaseStatus::Active | CaseStatus::Exited | CaseStatus::InNotice
    ) {
        let (name, position) = g.pick(CADRES);
        case.paired_cadre_name = Some(name.to_owned());
        case.paired_cadre_position = Some(position.to_owned());
    }
    if matches!(status, CaseStatus::Active | CaseStatus::Exited) {
        if let Some(step) = crate::registry::cases::activation_step(&case) {
            let at = step.at;
            transitions.push(case_transition::Model {
                id: g.uuid(at),
                ..step
            });
            case.updated_at = at;
        }
        let activated = case.activated_on.unwrap_or(anchor);
        let until = if status == CaseStatus::Exited {
            let exit_day =
                activated + Duration::days(g.range(60, (g.as_of - activated).num_days().max(61)));
            let at = g.at(exit_day);
            let reason = g.weighted(&[
                (ExitReason::Reemployed, 40),
                (ExitReason::IncomeAboveLine, 35),
                (ExitReason::MovedAway, 10),
                (ExitReason::Deceased, 5),
                (ExitReason::Other, 10),
            ]);
            case.exit_reason = Some(reason);
            case.exit_note = Some("经复核，家庭情况好转，脱困撤档".to_owned());
            case.exited_at = Some(at);
            case.updated_at = at;
            transitions.push(case_transition::Model {
                id: g.uuid(at),
                case_id,
                from_status: Some(CaseStatus::Active),
                to_status: CaseStatus::Exited,
                actor_id: Some(u.caseworker.id),
                actor_username: u.caseworker.username.clone(),
                at,
                comment: Some("脱困撤档".to_owned()),
            });
            exit_day
        } else {
            if g.chance(0.03) {
                case.exit_proposed = true;
                case.exit_proposal_reasons = Codes(vec!["NOT_ELIGIBLE".to_owned()]);
                case.needs_reevaluation = true;
            }
            g.as_of
        };
        let span = (until - activated).num_days().max(1);
        for _ in 0..g.range(0, 4) {
            let day = activated + Duration::days(g.range(0, span));
            let at = g.at(day);
            b.visits.push(case_visit::Model {
                id: g.uuid(at),
                case_id,
                visited_on: day,
                visitor: case.paired_cadre_name.clone().unwrap_or_default(),
                notes: g
                    .pick(&[
                        "走访慰问，了解家庭近况",
                        "送去慰问金和米油",
                        "了解子女就学情况",
                        "协助办理医疗救助",
                    ])
                    .to_owned(),
                recorded_by: u.caseworker.id,
                created_at: at,
            });
        }
    }

    // Causes (致困原因) and relief received (已享受救助).
    let h = &home.household;
    let mut causes = Vec::new();
    if evaluation.matched.contains(&rules::Criterion::BelowLine)
        || evaluation
            .matched
            .contains(&rules::Criterion::NearLineWithCause)
    {
        causes.push(Cause::LowIncome);
    }
    if h.seriously_ill_count > 0 || h.ill_count > 0 {
        causes.push(Cause::SeriousIllness);
    }
    if h.children_in_school > 0 {
        causes.push(Cause::ChildSchooling);
    }
    if h.disabled_count > 0 {
        causes.push(Cause::Disability);
    }
    if h.single_parent {
        causes.push(Cause::SingleParent);
    }
    if h.disaster_loss {
        causes.push(Cause::Disaster);
    }
    if w.employment_status != EmploymentStatus::Employed {
        causes.push(Cause::LaidOff);
    }
    if causes.is_empty() {
        causes.push(Cause::Other);
    }
    for cause in causes {
        b.causes.push(case_cause::Model { case_id, cause });
    }
    if matches!(status, CaseStatus::Active | CaseStatus::Exited) {
        let mut reliefs = vec![];
        if g.chance(0.6) {
            reliefs.push(Relief::LivingAssistance);
        }
        if h.receives_minimum_allowance {
            reliefs.push(Relief::MinimumAllowance);
        }
        if h.ill_count > 0 && g.chance(0.7) {
            reliefs.push(Relief::MedicalAssistance);
        }
        if h.children_in_school > 0 && g.chance(0.6) {
            reliefs.push(Relief::EducationAssistance);
        }
        if g.chance(0.05) {
            reliefs.push(Relief::HousingAssistance);
        }
        if w.employment_status != EmploymentStatus::Employed {
            reliefs.push(Relief::ReemploymentPreference);
        }
        for relief in reliefs {
            b.reliefs.push(case_relief::Model { case_id, relief });
        }
    }
    if status == CaseStatus::Active {
        out.active_cases.push(CaseRef {
            case_id,
            worker_id: w.id,
            org_unit_id: w.org_unit_id,
            district,
            minimum_allowance: h.receives_minimum_allowance,
            seriously_ill: h.seriously_ill_count > 0,
            terminal: home
                .members
                .iter()
                .any(|m| m.health == Health::TerminalIllness),
            disaster: h.disaster_loss,
            activated_on: case.activated_on.unwrap_or(anchor),
            level: case.level.unwrap_or(HardshipLevel::Ordinary),
            worker_name: w.name.clone(),
        });
    }
    b.households.push(home.household);
    b.members.extend(home.members);
    b.transitions.extend(transitions);
    b.cases.push(case);
}

fn evaluation_row(
    g: &mut Gen,
    case_id: Uuid,
    stage: &str,
    at: DateTime<Utc>,
    actor: Uuid,
    e: &Evaluation,
    inputs: &serde_json::Value,
) -> case_evaluation::Model {
    case_evaluation::Model {
        id: g.uuid(at),
        case_id,
        stage: stage.to_owned(),
        at,
        actor_id: Some(actor),
        eligible: e.eligible,
        level: e.level,
        matched: codes(e.matched.iter().map(|c| c.code()).collect()),
        excluded: codes(e.excluded.iter().map(|x| x.code()).collect()),
        per_capita_income: Money::rounded(e.per_capita_income).unwrap_or_default(),
        poverty_line: Money::rounded(e.poverty_line).unwrap_or_default(),
        policy_version: e.policy_version.to_owned(),
        inputs: inputs.clone(),
    }
}
