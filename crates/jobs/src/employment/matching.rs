//! Matching (人岗匹配): postings for a seeker and seekers for a posting. SQL keeps a
//! short list that can fit at all (open, not full, not flagged, age and wage in range,
//! same occupation or district); the pure rules score and rank it, 两优先 first among
//! equals.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use entity::job_seeker::Skills;
use entity::{Education, Money, Role, SeekerStatus, certificate, job_seeker, posting};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, FromQueryResult, Order, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::postings::{find_posting, open_on};
use super::rules::{self, Fit, Part, PostingProfile, SeekerProfile, Standing, Wish};
use super::seekers::{find_seeker, has_active_case};
use crate::app::AppState;
use crate::auth::{Actor, scope};
use crate::error::ApiResult;

/// How many candidates SQL hands to the scoring at most.
const SHORT_LIST: u64 = 500;

/// The first read of a part; each further read of it is twice the last.
const FIRST_CHUNK: u64 = 32;

fn seeker_profile(
    s: &job_seeker::Model,
    today: NaiveDate,
    hardship: bool,
    certificates: Vec<String>,
) -> SeekerProfile {
    SeekerProfile {
        age: rules::age_on(s.birth_date, today),
        education: s.education,
        skills: s.skills.0.clone(),
        wanted_occupation: s.wanted_occupation.clone(),
        wanted_wage_min: s.wanted_wage_min,
        wanted_district: s.wanted_district.clone(),
        is_4050: rules::is_4050(s.gender, s.birth_date, today),
        hardship,
        certificates,
    }
}

fn posting_profile(p: &posting::Model) -> PostingProfile {
    PostingProfile {
        occupation: p.occupation.clone(),
        skills: p.skills.0.clone(),
        wage_max: p.wage_max,
        district: p.district.clone(),
        age_min: p.age_min,
        age_max: p.age_max,
        education: p.education,
        suitable_for_4050: p.suitable_for_4050,
        required_certificate: p.required_certificate.clone(),
    }
}

/// What the scoring reads of a posting: the short list of hundreds carries no more, and
/// only the postings shown are read whole.
#[derive(FromQueryResult)]
struct Candidate {
    id: Uuid,
    occupation: String,
    skills: Skills,
    wage_max: Money,
    district: String,
    age_min: Option<i32>,
    age_max: Option<i32>,
    education: Option<Education>,
    suitable_for_4050: bool,
    required_certificate: Option<String>,
}

impl Candidate {
    const COLUMNS: [posting::Column; 10] = [
        posting::Column::Id,
        posting::Column::Occupation,
        posting::Column::Skills,
        posting::Column::WageMax,
        posting::Column::District,
        posting::Column::AgeMin,
        posting::Column::AgeMax,
        posting::Column::Education,
        posting::Column::SuitableFor4050,
        posting::Column::RequiredCertificate,
    ];

    fn profile(self) -> PostingProfile {
        PostingProfile {
            occupation: self.occupation,
            skills: self.skills.0,
            wage_max: self.wage_max,
            district: self.district,
            age_min: self.age_min,
            age_max: self.age_max,
            education: self.education,
            suitable_for_4050: self.suitable_for_4050,
            required_certificate: self.required_certificate,
        }
    }
}

/// The relevance tiers of postings for a seeker, most relevant first: the wanted
/// occupation in the wanted district, the occupation elsewhere, the district for other
/// occupations (each of them alone when the seeker gave only one; every posting when
/// neither). Each comes with how its postings meet the two wishes.
fn tiers(profile: &SeekerProfile) -> Vec<(Condition, Wish, Wish)> {
    let occupation = profile
        .wanted_occupation
        .as_ref()
        .map(|o| posting::Column::Occupation.eq(o.clone()));
    let district = profile
        .wanted_district
        .as_ref()
        .map(|d| posting::Column::District.eq(d.clone()));
    match (occupation, district) {
        (Some(o), Some(d)) => vec![
            (
                Condition::all().add(o.clone()).add(d.clone()),
                Wish::Met,
                Wish::Met,
            ),
            (
                Condition::all().add(o.clone()).add(d.clone().not()),
                Wish::Met,
                Wish::Unmet,
            ),
            (Condition::all().add(d).add(o.not()), Wish::Unmet, Wish::Met),
        ],
        (Some(o), None) => vec![(Condition::all().add(o), Wish::Met, Wish::Any)],
        (None, Some(d)) => vec![(Condition::all().add(d), Wish::Any, Wish::Met)],
        (None, None) => vec![(Condition::all(), Wish::Any, Wish::Any)],
    }
}

/// The parts of the short list in reading order: each tier, and within it the postings
/// suitable for 4050 first when the seeker has the 两优先.
fn parts(profile: &SeekerProfile) -> Vec<(Condition, Part)> {
    let suitable_first: &[Option<bool>] = if profile.is_4050 || profile.hardship {
        &[Some(true), Some(false)]
    } else {
        &[None]
    };
    tiers(profile)
        .into_iter()
        .flat_map(|(condition, occupation, district)| {
            suitable_first.iter().map(move |&suitable| {
                let condition = match suitable {
                    Some(s) => condition
                        .clone()
                        .add(posting::Column::SuitableFor4050.eq(s)),
                    None => condition.clone(),
                };
                let part = Part {
                    occupation,
                    district,
                    suitable_for_4050: suitable,
                };
                (condition, part)
            })
        })
        .collect()
}

/// Postings for a seeker, best first (为求职者推荐岗位). AGENCY_STAFF.
pub async fn postings_for(
    state: &AppState,
    actor: &Actor,
    seeker_id: Uuid,
    first: usize,
) -> ApiResult<Vec<(posting::Model, Fit)>> {
    actor.require_any(&[Role::AgencyStaff])?;
    let today = state.clock.today();
    let seeker = find_seeker(&state.db, actor, seeker_id).await?;
    if first == 0 {
        return Ok(Vec::new());
    }
    let hardship = match seeker.worker_id {
        Some(w) => has_active_case(&state.db, w, today).await?,
        None => false,
    };
    let certificates = certificate::Entity::find()
        .filter(certificate::Column::SeekerId.eq(seeker.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| c.occupation)
        .collect();
    let profile = seeker_profile(&seeker, today, hardship, certificates);
    let mut select = posting::Entity::find()
        .filter(open_on(today))
        .filter(
            Condition::any()
                .add(posting::Column::AgeMin.is_null())
                .add(posting::Column::AgeMin.lte(profile.age)),
        )
        .filter(
            Condition::any()
                .add(posting::Column::AgeMax.is_null())
                .add(posting::Column::AgeMax.gte(profile.age)),
        );
    if let Some(w) = profile.wanted_wage_min {
        select = select.filter(posting::Column::WageMax.gte(w));
    }
    // 持证上岗 before the cut, so postings the seeker cannot take do not crowd it.
    select = select.filter(
        Condition::any()
            .add(posting::Column::RequiredCertificate.is_null())
            .add(
                Expr::expr(Func::lower(Expr::col(posting::Column::RequiredCertificate))).is_in(
                    profile
                        .certificates
                        .iter()
                        .map(|c| c.trim().to_ascii_lowercase()),
                ),
            ),
    );
    // The most relevant first before the cut: the wanted occupation in the wanted
    // district, then the occupation elsewhere, then the district; within a tier postings
    // suitable for 4050 first when the seeker has the 两优先, then the newest. Each part
    // is read in id order along an index, a chunk at a time, until the list is full or
    // no unread posting could rank among the best `first`.
    let parts = parts(&profile);
    let ceilings: Vec<Standing> = parts
        .iter()
        .map(|(_, part)| rules::ceiling(&profile, part))
        .collect();
    let mut short: Vec<Uuid> = Vec::new();
    let mut fits: Vec<(usize, Fit)> = Vec::new();
    // The parts and their chunks are separate reads: a posting edited between two of them
    // is kept once (and, being counted once, lets the part read one more).
    let mut seen = HashSet::new();
    'parts: for (i, (condition, _)) in parts.iter().enumerate() {
        let mut before: Option<Uuid> = None;
        let mut chunk = std::cmp::max(FIRST_CHUNK, 4 * first as u64);
        loop {
            let remaining = SHORT_LIST.saturating_sub(short.len() as u64);
            if remaining == 0 {
                break 'parts;
            }
            let limit = std::cmp::min(chunk, remaining);
            let mut part = select.clone().filter(condition.clone());
            if let Some(id) = before {
                part = part.filter(posting::Column::Id.lt(id));
            }
            let rows = part
                .select_only()
                .columns(Candidate::COLUMNS)
                .order_by_desc(posting::Column::Id)
                .limit(limit)
                .into_model::<Candidate>()
                .all(&state.db)
                .await?;
            let exhausted = (rows.len() as u64) < limit;
            before = rows.last().map(|c| c.id);
            for c in rows {
                if seen.insert(c.id) {
                    short.push(c.id);
                    if let Some(f) = rules::fit(&profile, &c.profile()) {
                        fits.push((short.len() - 1, f));
                    }
                }
            }
            let unread = if exhausted { i + 1 } else { i };
            if rules::settled(&fits, first, ceilings[unread..].iter().max().copied()) {
                break 'parts;
            }
            if exhausted {
                break;
            }
            chunk = chunk.saturating_mul(2);
        }
    }
    let ranked: Vec<(usize, Fit)> = rules::rank(fits).into_iter().take(first).collect();
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    // Read whole, and still open: one closed or filled since the short list was read is
    // left out.
    let mut shown: HashMap<Uuid, posting::Model> = posting::Entity::find()
        .filter(posting::Column::Id.is_in(ranked.iter().map(|(i, _)| short[*i])))
        .filter(open_on(today))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(i, f)| shown.remove(&short[i]).map(|p| (p, f)))
        .collect())
}

/// Seekers for a posting, best first (为岗位推荐求职者). AGENCY_STAFF, or an EMPLOYER for
/// a posting of its own (another's is NOT_FOUND): the employer gets the same ranking, told
/// nothing of hardship (the person is masked where it is shown).
pub async fn seekers_for(
    state: &AppState,
    actor: &Actor,
    posting_id: Uuid,
    first: usize,
) -> ApiResult<Vec<(job_seeker::Model, Fit)>> {
    actor.require_any(&[Role::AgencyStaff, Role::Employer])?;
    let today = state.clock.today();
    let posting = find_posting(&state.db, actor, posting_id, false).await?;
    let profile = posting_profile(&posting);
    let mut select = job_seeker::Entity::find()
        .filter(scope::org_unit_column(job_seeker::Column::OrgUnitId, actor))
        .filter(job_seeker::Column::Status.eq(SeekerStatus::Seeking))
        .filter(
            Condition::any()
                .add(job_seeker::Column::WantedWageMin.is_null())
                .add(job_seeker::Column::WantedWageMin.lte(posting.wage_max)),
        )
        .filter(
            Condition::any()
                .add(job_seeker::Column::WantedOccupation.eq(posting.occupation.clone()))
                .add(job_seeker::Column::WantedDistrict.eq(posting.district.clone())),
        );
    // 持证上岗 before the cut, so uncertified seekers do not crowd it.
    if let Some(required) = &posting.required_certificate {
        select = select.filter(
            job_seeker::Column::Id.in_subquery(
                Query::select()
                    .column(certificate::Column::SeekerId)
                    .from(certificate::Entity)
                    .and_where(
                        Expr::expr(Func::lower(Expr::col(certificate::Column::Occupation)))
                            .eq(required.trim().to_ascii_lowercase()),
                    )
                    .to_owned(),
            ),
        );
    }
    // Age limits as birth-date limits.
    if let Some(max) = posting.age_max {
        select = select
            .filter(job_seeker::Column::BirthDate.gt(years_before(today, max.saturating_add(1))));
    }
    if let Some(min) = posting.age_min {
        select = select.filter(job_seeker::Column::BirthDate.lte(years_before(today, min)));
    }
    let short = select
        .order_by(
            Expr::col(job_seeker::Column::WantedOccupation).eq(posting.occupation.clone()),
            Order::Desc,
        )
        .order_by(
            Expr::col(job_seeker::Column::WantedDistrict).eq(posting.district.clone()),
            Order::Desc,
        )
        // Older files first among equals: the long-unemployed are often the oldest.
        .order_by_asc(job_seeker::Column::Id)
        .limit(SHORT_LIST)
        .all(&state.db)
        .await?;
    // Which of them are in hardship: one query for the short list.
    let workers: Vec<Uuid> = short.iter().filter_map(|s| s.worker_id).collect();
    let hardship: HashSet<Uuid> = entity::hardship_case::Entity::find()
        .filter(entity::hardship_case::Column::WorkerId.is_in(workers))
        .filter(crate::workflow::statuses::status_is(
            entity::CaseStatus::Active,
            today,
        ))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|c| c.worker_id)
        .collect();
    // Their certificates: one query for the short list.
    let mut held: HashMap<Uuid, Vec<String>> = HashMap::new();
    for c in certificate::Entity::find()
        .filter(certificate::Column::SeekerId.is_in(short.iter().map(|s| s.id)))
        .all(&state.db)
        .await?
    {
        held.entry(c.seeker_id).or_default().push(c.occupation);
    }
    let ranked = rules::rank(
        short
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let in_hardship = s.worker_id.is_some_and(|w| hardship.contains(&w));
                let certs = held.get(&s.id).cloned().unwrap_or_default();
                rules::fit(&seeker_profile(s, today, in_hardship, certs), &profile).map(|f| (i, f))
            })
            .collect(),
    );
    let employer = actor.has_role(Role::Employer);
    Ok(ranked
        .into_iter()
        .take(first)
        .map(|(i, f)| {
            (
                short[i].clone(),
                if employer { f.for_employer() } else { f },
            )
        })
        .collect())
}

fn years_before(day: NaiveDate, years: i32) -> NaiveDate {
    let year = day.year().saturating_sub(years);
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), 28))
        .unwrap_or(day)
}
