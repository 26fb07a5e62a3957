//! The employment agency (职业介绍所): employers with valid credit codes, job seekers
//! (some of them hardship or laid-off workers), postings in every state, referrals with
//! outcomes, placements with follow-ups, fee waivers, job fairs and training.

use std::collections::HashSet;

use chrono::Duration;
use entity::job_seeker::Skills;
use entity::{
    CertificateKind, Education, EnrollmentStatus, FairKind, FlagReason, Gender, Money,
    PostingStatus, ReferralStatus, Role, SeekerCategory, SeekerStatus, WaivedService, certificate,
    employer, enrollment, fair_attendee, fair_employer, fair_intent, fair_posting, fee_waiver,
    job_fair, job_seeker, placement, posting, referral, seeker_category, skill_assessment,
    training_course, user,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::names::{FIRM_KINDS, FIRM_PREFIXES, JOBS, OTHER_REGIONS};
use super::org::Tree;
use super::registry::Registry;
use super::{CHUNK, DemoResult, Gen};
use crate::employment::credit_code::CreditCode;
use crate::employment::rules::{FAIR_FEE, REFERRAL_FEE, REGISTRATION_FEE, served_free};

const CODE_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A unified social credit code for employer number `n`: 法人 (9), 企业 (1), the
/// district, an organisation code made from `n`, and the check character that
/// `CreditCode::parse` accepts.
fn credit_code(g: &mut Gen, region: &str, n: u64) -> String {
    let mut body = String::new();
    let mut v = n;
    for _ in 0..8 {
        body.push(char::from(CODE_CHARS[(v % 31) as usize]));
        v /= 31;
    }
    body.push(char::from(CODE_CHARS[g.index(31)]));
    let first17 = format!("91{region}{body}");
    CODE_CHARS
        .iter()
        .map(|&c| format!("{first17}{}", char::from(c)))
        .find(|code| CreditCode::parse(code).is_ok())
        .unwrap_or(first17)
}

struct Seeker {
    id: Uuid,
    free: bool,
    placed: bool,
    org_unit_id: Uuid,
}

pub async fn seed(
    db: &DatabaseConnection,
    g: &mut Gen,
    tree: &Tree,
    reg: &Registry,
) -> DemoResult<()> {
    let agency = tree.users.agency.id;
    let street_of = |g: &mut Gen, district: usize| -> Uuid {
        let streets: Vec<Uuid> = tree
            .streets
            .iter()
            .filter(|(_, d)| *d == district)
            .map(|(id, _)| *id)
            .collect();
        streets[g.index(streets.len())]
    };

    // Employers.
    let txn = crate::db::begin_write(db).await?;
    let employer_count = g.scaled(10_000, 5);
    let mut employers: Vec<(Uuid, usize, Uuid, bool)> = Vec::new();
    let mut rows = Vec::new();
    for n in 0..employer_count {
        let district = g.index(tree.districts.len());
        let org = street_of(g, district);
        let created = g.at_day_before(400, 1500);
        let flag = if g.chance(0.03) {
            Some(g.pick(&[FlagReason::WageArrears, FlagReason::LabourDispute]))
        } else {
            None
        };
        let verified = g.chance(0.85);
        let e = employer::Model {
            id: g.uuid(created),
            org_unit_id: org,
            name: format!(
                "{}{}{}",
                tree.districts[district].name.trim_end_matches('区'),
                g.pick(FIRM_PREFIXES),
                g.pick(FIRM_KINDS)
            ) + &if n >= 100 {
                format!("（{n}）")
            } else {
                String::new()
            },
            credit_code: credit_code(g, tree.districts[district].code, n),
            ownership: g.pick(&[
                entity::Ownership::State,
                entity::Ownership::Private,
                entity::Ownership::Private,
                entity::Ownership::Foreign,
                entity::Ownership::Collective,
            ]),
            industry: g.pick(&[
                entity::Industry::CommerceServices,
                entity::Industry::Construction,
                entity::Industry::MachineryMetallurgy,
                entity::Industry::Transport,
                entity::Industry::Textiles,
            ]),
            district: tree.districts[district].code.to_owned(),
            contact_name: g.name(Gender::Female),
            contact_phone: g.phone(),
            verified,
            verified_at: verified.then_some(created + Duration::days(3)),
            flag,
            flag_note: flag.map(|_| "劳动保障监察通报".to_owned()),
            created_at: created,
            updated_at: created,
        };
        employers.push((e.id, district, org, flag.is_none() && verified));
        rows.push(e);
    }
    g.insert::<employer::Entity, _>(&txn, rows).await?;
    // The employer portal's demo account acts for the first employer.
    let created = g.at(g.as_of - Duration::days(400));
    let user = user::Model {
        id: g.uuid(created),
        username: "demo-employer".to_owned(),
        password_hash: tree.password_hash.clone(),
        roles: user::Roles(vec![Role::Employer]),
        org_unit_id: employers[0].2,
        employer_id: Some(employers[0].0),
        disabled: false,
        credentials_version: 0,
        created_at: created,
        updated_at: created,
    };
    g.insert::<user::Entity, _>(&txn, vec![user]).await?;
    txn.commit().await?;

    // Job seekers: the workers picked by the registry, then people from outside.
    let target = g.scaled(200_000, 20) as usize;
    let mut seekers: Vec<Seeker> = Vec::with_capacity(target);
    let mut done = 0usize;
    while done < target {
        let size = (CHUNK as usize).min(target - done);
        let mut rows = Vec::with_capacity(size);
        let mut cats = Vec::new();
        let mut waivers = Vec::new();
        for k in done..done + size {
            let linked = reg.seekers.get(k);
            let (worker_id, name, id_number, gender, birth, education, district, mut categories) =
                match linked {
                    Some(p) => {
                        let mut c = Vec::new();
                        if p.laid_off {
                            c.push(SeekerCategory::LaidOffUnemployed);
                        }
                        if p.hardship {
                            c.push(SeekerCategory::HardshipWorker);
                        }
                        (
                            Some(p.worker_id),
                            p.name.clone(),
                            p.id_number.clone(),
                            p.gender,
                            p.birth,
                            p.education,
                            p.district,
                            c,
                        )
                    }
                    None => {
                        let gender = if g.chance(0.5) {
                            Gender::Male
                        } else {
                            Gender::Female
                        };
                        let category = g.weighted(&[
                            (SeekerCategory::LaidOffUnemployed, 25),
                            (SeekerCategory::LandlessFarmer, 20),
                            (SeekerCategory::MigrantWorker, 30),
                            (SeekerCategory::Graduate, 15),
                            (SeekerCategory::Other, 10),
                        ]);
                        let birth = if category == SeekerCategory::Graduate {
                            g.birth(21, 25)
                        } else {
                            g.birth(18, 58)
                        };
                        let district = g.index(tree.districts.len());
                        let region = if category == SeekerCategory::MigrantWorker {
                            g.pick(OTHER_REGIONS)
                        } else {
                            tree.districts[district].code
                        };
                        let education = if category == SeekerCategory::Graduate {
                            Education::CollegeOrAbove
                        } else {
                            g.pick(&[
                                Education::Primary,
                                Education::JuniorHigh,
                                Education::JuniorHigh,
                                Education::SeniorHigh,
                            ])
                        };
                        (
                            None,
                            g.name(gender),
                            g.id_number(region, birth, gender),
                            gender,
                            birth,
                            education,
                            district,
                            vec![category],
                        )
                    }
                };
            if categories.is_empty() {
                categories.push(SeekerCategory::Other);
            }
            let created = g.at_day_before(10, 900);
            let status = g.weighted(&[
                (SeekerStatus::Seeking, 65),
                (SeekerStatus::Placed, 25),
                (SeekerStatus::Inactive, 10),
            ]);
            let (job, skill) = g.pick(JOBS);
            let org = street_of(g, district);
            let id = g.uuid(created);
            let free = served_free(&categories);
            for category in &categories {
                cats.push(seeker_category::Model {
                    seeker_id: id,
                    category: *category,
                });
            }
            if free {
                waivers.push(fee_waiver::Model {
                    id: g.uuid(created),
                    seeker_id: id,
                    org_unit_id: org,
                    service: WaivedService::Registration,
                    amount: REGISTRATION_FEE,
                    recorded_by: agency,
                    created_at: created,
                });
            }
            rows.push(job_seeker::Model {
                id,
                org_unit_id: org,
                name,
                id_number,
                gender,
                birth_date: birth,
                phone: Some(g.phone()),
                education,
                skills: Skills(vec![skill.to_owned()]),
                wanted_occupation: Some(job.to_owned()),
                wanted_wage_min: Some(Money::from_fen(
                    tree.min_wages[district] + g.range(0, 20) * 10_000,
                )),
                wanted_district: Some(tree.districts[district].code.to_owned()),
                worker_id,
                status,
                created_at: created,
                updated_at: created,
            });
            seekers.push(Seeker {
                id,
                free,
                placed: status == SeekerStatus::Placed,
                org_unit_id: org,
            });
        }
        let txn = crate::db::begin_write(db).await?;
        g.insert::<job_seeker::Entity, _>(&txn, rows).await?;
        g.insert::<seeker_category::Entity, _>(&txn, cats).await?;
        g.insert::<fee_waiver::Entity, _>(&txn, waivers).await?;
        txn.commit().await?;
        done += size;
    }
    g.note("job seekers");

    // Postings, with their referrals and placements (a hire fills the headcount).
    let placed: Vec<usize> = (0..seekers.len()).filter(|&i| seekers[i].placed).collect();
    let mut next_placed = 0usize;
    let target = g.scaled(300_000, 10) as usize;
    let mut open_postings: Vec<(Uuid, Uuid)> = Vec::new();
    let mut done = 0usize;
    while done < target {
        let size = (CHUNK as usize).min(target - done);
        let mut rows = Vec::with_capacity(size);
        let mut referrals = Vec::new();
        let mut placements = Vec::new();
        let mut waivers = Vec::new();
        for _ in 0..size {
            let (employer_id, district, org, good) = employers[g.index(employers.len())];
            let status = if good {
                g.weighted(&[
                    (PostingStatus::Open, 50),
                    (PostingStatus::Filled, 15),
                    (PostingStatus::Closed, 10),
                    (PostingStatus::Expired, 15),
                    (PostingStatus::Draft, 10),
                ])
            } else {
                g.pick(&[PostingStatus::Draft, PostingStatus::Closed])
            };
            let created_day = match status {
                PostingStatus::Open | PostingStatus::Draft => g.day_before(1, 60),
                _ => g.day_before(90, 700),
            };
            let created = g.at(created_day);
            let expires_on = match status {
                PostingStatus::Expired => created_day + Duration::days(g.range(30, 80)),
                _ => g.as_of + Duration::days(g.range(15, 120)),
            };
            let (job, skill) = g.pick(JOBS);
            let for_4050 = g.chance(0.3);
            let wage_min = tree.min_wages[district] + g.range(0, 30) * 10_000;
            let id = g.uuid(created);
            let mut headcount = g.range(1, 11) as i32;
            // Referrals: desk referrals with their outcomes.
            let referral_count = match status {
                PostingStatus::Draft => 0,
                PostingStatus::Filled => g.range(1, 4),
                _ => g.range(0, 3),
            };
            let mut hires = 0i32;
            for r in 0..referral_count {
                let want_hire = status == PostingStatus::Filled || (r == 0 && g.chance(0.3));
                let hired_seeker = if want_hire && next_placed < placed.len() && hires < headcount {
                    next_placed += 1;
                    Some(placed[next_placed - 1])
                } else {
                    None
                };
                let si = hired_seeker.unwrap_or_else(|| g.index(seekers.len()));
                let seeker = &seekers[si];
                let outcome = if hired_seeker.is_some() {
                    ReferralStatus::Hired
                } else {
                    g.weighted(&[
                        (ReferralStatus::Referred, 20),
                        (ReferralStatus::Interviewing, 20),
                        (ReferralStatus::Rejected, 30),
                        (ReferralStatus::NoShow, 15),
                        (ReferralStatus::Withdrawn, 15),
                    ])
                };
                let day = (created_day + Duration::days(g.range(1, 20))).min(g.as_of);
                let at = g.at(day);
                let rid = g.uuid(at);
                referrals.push(referral::Model {
                    id: rid,
                    seeker_id: seeker.id,
                    posting_id: id,
                    employer_id,
                    org_unit_id: org,
                    letter_number: format!(
                        "JS{}-{}",
                        day.format("%Y%m%d"),
                        &rid.simple().to_string()[20..]
                    )
                    .to_uppercase(),
                    status: outcome,
                    note: None,
                    referred_by: agency,
                    fair_id: None,
                    export_batch_id: None,
                    created_at: at,
                    updated_at: at + Duration::days(3),
                });
                if seeker.free {
                    waivers.push(fee_waiver::Model {
                        id: g.uuid(at),
                        seeker_id: seeker.id,
                        org_unit_id: seeker.org_unit_id,
                        service: WaivedService::Referral,
                        amount: REFERRAL_FEE,
                        recorded_by: agency,
                        created_at: at,
                    });
                }
                if outcome == ReferralStatus::Hired {
                    hires += 1;
                    let start = (day + Duration::days(g.range(3, 15))).min(g.as_of);
                    let months = (g.as_of - start).num_days() / 30;
                    let still = g.chance(0.8);
                    placements.push(placement::Model {
                        id: g.uuid(at),
                        referral_id: rid,
                        seeker_id: seeker.id,
                        posting_id: id,
                        employer_id,
                        org_unit_id: org,
                        start_date: start,
                        monthly_wage: Money::from_fen(wage_min + g.range(0, 10) * 10_000),
                        employed_at_3_months: (months >= 3).then_some(still),
                        employed_at_6_months: (months >= 6).then(|| still && g.chance(0.9)),
                        created_at: at + Duration::days(3),
                    });
                }
            }
            if status == PostingStatus::Filled {
                headcount = hires.max(1);
                if hires == 0 {
                    // No placed seeker was left to fill it: it closed instead.
                    headcount = g.range(1, 4) as i32;
                }
            }
            let status = if status == PostingStatus::Filled && hires == 0 {
                PostingStatus::Closed
            } else {
                status
            };
            if status == PostingStatus::Open {
                open_postings.push((id, employer_id));
            }
            rows.push(posting::Model {
                id,
                employer_id,
                org_unit_id: org,
                title: format!("招聘{job}"),
                occupation: job.to_owned(),
                headcount,
                filled: hires,
                wage_min: Money::from_fen(wage_min),
                wage_max: Money::from_fen(wage_min + g.range(5, 30) * 10_000),
                district: tree.districts[district].code.to_owned(),
                age_min: Some(18),
                age_max: Some(if for_4050 { 60 } else { 45 }),
                education: g.chance(0.4).then_some(Education::JuniorHigh),
                skills: Skills(vec![skill.to_owned()]),
                suitable_for_4050: for_4050,
                required_certificate: None,
                expires_on,
                status,
                published_at: (status != PostingStatus::Draft)
                    .then_some(created + Duration::hours(2)),
                created_by: agency,
                created_at: created,
                updated_at: created,
            });
        }
        let txn = crate::db::begin_write(db).await?;
        g.insert::<posting::Entity, _>(&txn, rows).await?;
        g.insert::<referral::Entity, _>(&txn, referrals).await?;
        g.insert::<placement::Entity, _>(&txn, placements).await?;
        g.insert::<fee_waiver::Entity, _>(&txn, waivers).await?;
        txn.commit().await?;
        done += size;
    }
    g.note("postings, referrals and placements");

    // Job fairs (专场招聘会).
    let txn = crate::db::begin_write(db).await?;
    let fairs = g.scaled(100, 2);
    let mut fair_rows = Vec::new();
    let mut f_employers = Vec::new();
    let mut f_postings = Vec::new();
    let mut attendees = Vec::new();
    let mut intents = Vec::new();
    let mut waivers = Vec::new();
    for f in 0..fairs {
        let district = (f as usize) % tree.districts.len();
        let upcoming = f == 0;
        let date = if upcoming {
            g.as_of + Duration::days(g.range(5, 30))
        } else {
            g.day_before(1, 365)
        };
        let kind = g.pick(&[
            FairKind::LaidOffSpecial,
            FairKind::MigrantWorker,
            FairKind::OlderWorker4050,
            FairKind::General,
        ]);
        let created = g.at(date - Duration::days(20));
        let id = g.uuid(created);
        let title = match kind {
            FairKind::LaidOffSpecial => "下岗失业人员专场招聘会",
            FairKind::MigrantWorker => "春风行动农民工专场招聘会",
            FairKind::OlderWorker4050 => "“4050”人员就业援助专场",
            FairKind::General => "职工就业服务招聘会",
        };
        fair_rows.push(job_fair::Model {
            id,
            org_unit_id: tree.districts[district].id,
            title: format!("{}{title}", tree.districts[district].name),
            kind,
            date,
            venue: format!("{}职工服务中心", tree.districts[district].name),
            walk_ins: if upcoming { 0 } else { g.range(20, 200) as i32 },
            created_by: agency,
            created_at: created,
        });
        let mut chosen_postings = Vec::new();
        let mut chosen_employers = HashSet::new();
        for _ in 0..g.range(5, 21).min(open_postings.len() as i64) {
            let (p, e) = open_postings[g.index(open_postings.len())];
            if chosen_postings.iter().any(|(x, _)| *x == p) {
                continue;
            }
            chosen_postings.push((p, e));
            if chosen_employers.insert(e) {
                f_employers.push(fair_employer::Model {
                    fair_id: id,
                    employer_id: e,
                });
            }
            f_postings.push(fair_posting::Model {
                fair_id: id,
                posting_id: p,
            });
        }
        if upcoming || seekers.is_empty() {
            continue;
        }
        let mut seen = HashSet::new();
        let at = g.at(date);
        for _ in 0..g.range(20, 200).min(seekers.len() as i64) {
            let si = g.index(seekers.len());
            if !seen.insert(si) {
                continue;
            }
            let s = &seekers[si];
            attendees.push(fair_attendee::Model {
                fair_id: id,
                seeker_id: s.id,
                checked_in_at: at,
            });
            if s.free {
                waivers.push(fee_waiver::Model {
                    id: g.uuid(at),
                    seeker_id: s.id,
                    org_unit_id: s.org_unit_id,
                    service: WaivedService::JobFair,
                    amount: FAIR_FEE,
                    recorded_by: agency,
                    created_at: at,
                });
            }
            if !chosen_postings.is_empty() && g.chance(0.15) {
                let (p, e) = chosen_postings[g.index(chosen_postings.len())];
                intents.push(fair_intent::Model {
                    id: g.uuid(at),
                    fair_id: id,
                    seeker_id: s.id,
                    employer_id: e,
                    posting_id: p,
                    referral_id: None,
                    recorded_by: agency,
                    created_at: at,
                });
            }
        }
    }
    g.insert::<job_fair::Entity, _>(&txn, fair_rows).await?;
    g.insert::<fair_employer::Entity, _>(&txn, f_employers)
        .await?;
    g.insert::<fair_posting::Entity, _>(&txn, f_postings)
        .await?;
    g.insert::<fair_attendee::Entity, _>(&txn, attendees)
        .await?;
    g.insert::<fair_intent::Entity, _>(&txn, intents).await?;
    g.insert::<fee_waiver::Entity, _>(&txn, waivers).await?;

    // Training (职业培训): courses, enrolments, results, assessments and certificates.
    let courses = g.scaled(500, 2);
    let mut course_rows = Vec::new();
    let mut enrolments = Vec::new();
    let mut certificates = Vec::new();
    for c in 0..courses {
        let district = (c as usize) % tree.districts.len();
        let (job, _) = g.pick(JOBS);
        let starts_on = g.day_before(-30, 400);
        let ends_on = starts_on + Duration::days(g.range(10, 45));
        let created = g.at(starts_on - Duration::days(30));
        let id = g.uuid(created);
        let capacity = g.range(20, 50) as i32;
        course_rows.push(training_course::Model {
            id,
            org_unit_id: tree.districts[district].id,
            title: format!("{job}职业技能培训班"),
            occupation: job.to_owned(),
            provider: format!("{}职业技能培训学校", tree.districts[district].name),
            starts_on,
            ends_on,
            capacity,
            fee: Money::from_fen(g.range(5, 20) * 10_000),
            created_at: created,
        });
        let mut seen = HashSet::new();
        for _ in 0..g.range(5, i64::from(capacity)).min(seekers.len() as i64) {
            let si = g.index(seekers.len());
            if !seen.insert(si) {
                continue;
            }
            let s = &seekers[si];
            let over = ends_on < g.as_of;
            let status = if !over {
                EnrollmentStatus::Enrolled
            } else {
                g.weighted(&[
                    (EnrollmentStatus::Passed, 70),
                    (EnrollmentStatus::Failed, 15),
                    (EnrollmentStatus::Dropped, 15),
                ])
            };
            let at = {
                let back = g.range(1, 20);
                g.at(starts_on - Duration::days(back))
            };
            enrolments.push(enrollment::Model {
                id: g.uuid(at),
                course_id: id,
                seeker_id: s.id,
                status,
                attendance_days: if over { g.range(5, 40) as i32 } else { 0 },
                fee_waived: s.free,
                created_at: at,
                updated_at: at,
            });
            if status == EnrollmentStatus::Passed {
                let cid = g.uuid(at);
                certificates.push(certificate::Model {
                    id: cid,
                    seeker_id: s.id,
                    kind: CertificateKind::TrainingCompletion,
                    occupation: job.to_owned(),
                    level: None,
                    number: format!("PX-{}", cid.simple()).to_uppercase(),
                    issued_on: ends_on,
                    course_id: Some(id),
                    created_at: g.at(ends_on),
                });
            }
        }
    }
    let mut assessments = Vec::new();
    for _ in 0..g.scaled(20_000, 5).min(seekers.len() as u64) {
        let s = &seekers[g.index(seekers.len())];
        let (job, _) = g.pick(JOBS);
        let day = g.day_before(1, 500);
        let at = g.at(day);
        let passed = g.chance(0.75);
        let level = g.range(3, 6) as i32;
        let id = g.uuid(at);
        assessments.push(skill_assessment::Model {
            id,
            seeker_id: s.id,
            occupation: job.to_owned(),
            level,
            passed,
            assessed_on: day,
            recorded_by: agency,
            created_at: at,
        });
        if passed {
            let cid = g.uuid(at);
            certificates.push(certificate::Model {
                id: cid,
                seeker_id: s.id,
                kind: CertificateKind::VocationalQualification,
                occupation: job.to_owned(),
                level: Some(level),
                number: format!("ZG-{}", cid.simple()).to_uppercase(),
                issued_on: day,
                course_id: None,
                created_at: at,
            });
        }
    }
    g.insert::<training_course::Entity, _>(&txn, course_rows)
        .await?;
    g.insert::<enrollment::Entity, _>(&txn, enrolments).await?;
    g.insert::<skill_assessment::Entity, _>(&txn, assessments)
        .await?;
    g.insert::<certificate::Entity, _>(&txn, certificates)
        .await?;
    txn.commit().await?;
    Ok(())
}
