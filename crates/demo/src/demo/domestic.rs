//! The domestic-service station (家政服务站): 「在全市83个社区建立…家政服务”宣传问点」 and
//! 「成立了四川省第一具家政服务职员会委员会」 — older women among the agency's seekers
//! registered as domestic workers at the community points, most of them union members,
//! with the skill assessments and certificates of their services; client households with
//! orders taken, placed (a live-in worker serving one household at a time) and closed with
//! ratings; and the union's contests and public-good work.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use entity::{
    CertificateKind, CommunityEventKind, DomesticService, Gender, Money, OrgKind,
    ServiceArrangement, ServiceOrderStatus, certificate, community_event,
    community_event_participant, domestic_client, domestic_worker, domestic_worker_service,
    job_seeker, org_unit, service_order, skill_assessment,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::org::Tree;
use super::{DemoResult, Gen};
use crate::clock::CHINA;
use crate::domestic::rules::{collides, hours_fit, overlaps, qualifying_occupations, wage_floor};

const SERVICES: &[(DomesticService, u32)] = &[
    (DomesticService::Cooking, 3),
    (DomesticService::Cleaning, 4),
    (DomesticService::ElderlyCare, 4),
    (DomesticService::InfantCare, 2),
    (DomesticService::PatientCare, 2),
    (DomesticService::HourlyHelp, 3),
];

const RATINGS: &[(i32, u32)] = &[(5, 60), (4, 28), (3, 9), (2, 2), (1, 1)];

const COMMENTS: &[&str] = &[
    "做事细心，老人很满意",
    "手脚麻利，饭菜可口",
    "守时认真，家里收拾得干净",
    "照顾孩子耐心",
    "沟通还需加强",
];

const EVENTS: &[(CommunityEventKind, &str)] = &[
    (CommunityEventKind::CookingContest, "家政服务员烹饪技能大赛"),
    (CommunityEventKind::PublicGood, "为孤寡老人打扫卫生"),
    (CommunityEventKind::IroningContest, "家政服务员熨烫技能竞赛"),
    (CommunityEventKind::PublicGood, "为残疾人家庭打扫卫生"),
    (
        CommunityEventKind::WindowCleaningContest,
        "家政服务员擦窗技能竞赛",
    ),
    (CommunityEventKind::PublicGood, "社区敬老公益服务日"),
];

/// A worker's engagements: contract period, arrangement, and hours a week by the hour.
type Booked = Vec<(NaiveDate, NaiveDate, ServiceArrangement, i32)>;

pub async fn seed(db: &DatabaseConnection, g: &mut Gen, tree: &Tree) -> DemoResult<()> {
    let agency = tree.users.agency.id;
    let points: Vec<org_unit::Model> = org_unit::Entity::find()
        .filter(org_unit::Column::Kind.eq(OrgKind::CommunityPoint))
        .order_by_asc(org_unit::Column::Id)
        .limit(83)
        .all(db)
        .await?;
    if points.is_empty() {
        return Ok(());
    }
    // Older women first: the station was built for 大龄下岗失业女职工.
    let wanted = g.scaled(3_000, 30);
    let seekers: Vec<job_seeker::Model> = job_seeker::Entity::find()
        .filter(job_seeker::Column::Gender.eq(Gender::Female))
        .order_by_asc(job_seeker::Column::BirthDate)
        .limit(wanted)
        .all(db)
        .await?;

    let mut workers = Vec::new();
    let mut offered = Vec::new();
    let mut assessments = Vec::new();
    let mut certificates = Vec::new();
    let mut by_service: HashMap<DomesticService, Vec<usize>> = HashMap::new();
    // Each date after the one it depends on: the seeker's file, her registration, her
    // union card; her certificate before she registers.
    let mut registered = Vec::new();
    for s in &seekers {
        let point = &points[g.index(points.len())];
        let filed = s.created_at.with_timezone(&CHINA).date_naive();
        let on = (filed + Duration::days(g.range(1, 60))).min(g.as_of);
        let at = g.at(on);
        let union_joined_on = g
            .chance(0.7)
            .then(|| on + Duration::days(g.range(0, (g.as_of - on).num_days() + 1)));
        let w = domestic_worker::Model {
            id: g.uuid(at),
            seeker_id: s.id,
            org_unit_id: point.id,
            district: point.region_code.clone(),
            union_joined_on,
            active: g.chance(0.95),
            created_by: agency,
            created_at: at,
        };
        let mut services: Vec<DomesticService> = Vec::new();
        for _ in 0..g.range(1, 4) {
            let service = g.weighted(SERVICES);
            if !services.contains(&service) {
                services.push(service);
            }
        }
        services.sort();
        // 持证上岗: most hold a qualification of their first service, from an assessment.
        if g.chance(0.6) {
            let occupation = qualifying_occupations(services[0])[0];
            let day = on - Duration::days(g.range(10, 300));
            let at = g.at(day);
            let level = g.range(3, 6) as i32;
            assessments.push(skill_assessment::Model {
                id: g.uuid(at),
                seeker_id: s.id,
                occupation: occupation.to_owned(),
                level,
                passed: true,
                assessed_on: day,
                recorded_by: agency,
                created_at: at,
            });
            let cid = g.uuid(at);
            certificates.push(certificate::Model {
                id: cid,
                seeker_id: s.id,
                kind: CertificateKind::VocationalQualification,
                occupation: occupation.to_owned(),
                level: Some(level),
                number: format!("ZG-{}", cid.simple()).to_uppercase(),
                issued_on: day,
                course_id: None,
                created_at: at,
            });
        }
        for service in &services {
            offered.push(domestic_worker_service::Model {
                domestic_worker_id: w.id,
                service: *service,
            });
            if w.active {
                by_service.entry(*service).or_default().push(workers.len());
            }
        }
        workers.push(w);
        registered.push(on);
    }

    // Clients and their orders, oldest first.
    let mut clients = Vec::new();
    let mut orders: Vec<service_order::Model> = Vec::new();
    let mut booked: Vec<Booked> = vec![Vec::new(); workers.len()];
    let mut plan: Vec<(NaiveDate, usize)> = Vec::new();
    for _ in 0..g.scaled(2_000, 24) {
        let district = g.index(tree.districts.len());
        let mut day = g.day_before(20, 400);
        let created = g.at(day);
        let gender = g.pick(&[Gender::Female, Gender::Male]);
        clients.push((
            domestic_client::Model {
                id: g.uuid(created),
                org_unit_id: tree.districts[district].id,
                name: g.name(gender),
                phone: g.phone(),
                district: tree.districts[district].code.to_owned(),
                address: Some(format!(
                    "{}某小区{}栋",
                    tree.districts[district].name,
                    g.range(1, 30)
                )),
                created_by: agency,
                created_at: created,
            },
            district,
        ));
        // One order, a quarter of them coming back for more.
        for _ in 0..if g.chance(0.25) { 2 } else { 1 } {
            plan.push((day, clients.len() - 1));
            day += Duration::days(g.range(60, 200));
        }
    }
    plan.sort();
    for (day, c) in plan {
        if day > g.as_of {
            continue;
        }
        let (client, district) = &clients[c];
        let service = g.weighted(SERVICES);
        let live_in = matches!(
            service,
            DomesticService::ElderlyCare
                | DomesticService::InfantCare
                | DomesticService::PatientCare
        ) && g.chance(0.5);
        let arrangement = if live_in {
            ServiceArrangement::LiveIn
        } else {
            ServiceArrangement::Hourly
        };
        let minimum = Money::from_fen(tree.min_wages[*district]);
        let wage = match arrangement {
            ServiceArrangement::LiveIn => minimum.fen() + g.range(5, 26) * 10_000,
            ServiceArrangement::Hourly => {
                wage_floor(arrangement, minimum).fen() + g.range(0, 16) * 100
            }
        };
        let at = g.at(day);
        let starts_on = day + Duration::days(g.range(1, 8));
        let contract = (starts_on, starts_on + Duration::days(g.range(30, 181)));
        let mut order = service_order::Model {
            id: g.uuid(at),
            client_id: client.id,
            org_unit_id: client.org_unit_id,
            service,
            arrangement,
            hours_per_week: (!live_in).then(|| g.range(4, 31) as i32),
            starts_on,
            ends_on: Some(contract.1),
            wage_offered: Money::from_fen(wage),
            min_certificate_level: None,
            note: None,
            status: ServiceOrderStatus::Open,
            domestic_worker_id: None,
            contract_from: None,
            contract_to: None,
            placed_by: None,
            placed_at: None,
            rating: None,
            comment: None,
            follow_up: None,
            closed_on: None,
            closed_by: None,
            created_by: agency,
            created_at: at,
        };
        // Placed with a free worker who offers the service, unless it starts after today.
        let free = by_service.get(&service).and_then(|candidates| {
            let start = g.index(candidates.len());
            (0..candidates.len())
                .map(|k| candidates[(start + k) % candidates.len()])
                .find(|&w| {
                    let hourly: i32 = booked[w]
                        .iter()
                        .filter(|(from, to, _, _)| overlaps((*from, *to), contract))
                        .map(|(_, _, _, hours)| *hours)
                        .sum();
                    registered[w] + Duration::days(1) < contract.0
                        && hours_fit(hourly, order.hours_per_week.unwrap_or(0))
                        && booked[w].iter().all(|(from, to, a, _)| {
                            !(overlaps((*from, *to), contract) && collides(arrangement, *a))
                        })
                })
        });
        if let (Some(w), true) = (free, starts_on <= g.as_of) {
            booked[w].push((
                contract.0,
                contract.1,
                arrangement,
                order.hours_per_week.unwrap_or(0),
            ));
            let placed_at = g.at(starts_on - Duration::days(1));
            order.status = ServiceOrderStatus::Placed;
            order.domestic_worker_id = Some(workers[w].id);
            order.contract_from = Some(contract.0);
            order.contract_to = Some(contract.1);
            order.placed_by = Some(agency);
            order.placed_at = Some(placed_at);
            if contract.1 < g.as_of && g.chance(0.9) {
                order.status = ServiceOrderStatus::Closed;
                order.rating = Some(g.weighted(RATINGS));
                order.comment = Some(g.pick(COMMENTS).to_owned());
                order.follow_up = Some("合同期满电话回访，客户意见已记录".to_owned());
                order.closed_on = Some(contract.1);
                order.closed_by = Some(agency);
            }
        }
        orders.push(order);
    }

    // The union's contests and public-good work, among its members.
    let mut events = Vec::new();
    let mut participants = Vec::new();
    for (k, (kind, title)) in EVENTS.iter().enumerate() {
        let held_on = g.as_of - Duration::days(40 + 50 * k as i64);
        let members: Vec<usize> = (0..workers.len())
            .filter(|&w| workers[w].union_joined_on.is_some_and(|d| d <= held_on))
            .collect();
        if members.is_empty() {
            continue;
        }
        let at = g.at(held_on);
        let e = community_event::Model {
            id: g.uuid(at),
            org_unit_id: tree.root,
            kind: *kind,
            title: (*title).to_owned(),
            held_on,
            place: Some(format!(
                "{}社区",
                tree.districts[k % tree.districts.len()].name
            )),
            created_by: agency,
            created_at: at,
        };
        let mut taken: Vec<usize> = Vec::new();
        for _ in 0..g.range(5, 21) {
            let w = members[g.index(members.len())];
            if !taken.contains(&w) {
                taken.push(w);
            }
        }
        for (place, w) in taken.iter().enumerate() {
            let award = kind
                .is_contest()
                .then(|| {
                    ["一等奖", "二等奖", "三等奖"]
                        .get(place)
                        .map(|a| (*a).to_owned())
                })
                .flatten();
            participants.push(community_event_participant::Model {
                event_id: e.id,
                domestic_worker_id: workers[*w].id,
                award,
            });
        }
        events.push(e);
    }

    let txn = crate::db::begin_write(db).await?;
    g.insert::<skill_assessment::Entity, _>(&txn, assessments)
        .await?;
    g.insert::<certificate::Entity, _>(&txn, certificates)
        .await?;
    g.insert::<domestic_worker::Entity, _>(&txn, workers)
        .await?;
    g.insert::<domestic_worker_service::Entity, _>(&txn, offered)
        .await?;
    g.insert::<domestic_client::Entity, _>(&txn, clients.into_iter().map(|(c, _)| c).collect())
        .await?;
    g.insert::<service_order::Entity, _>(&txn, orders).await?;
    g.insert::<community_event::Entity, _>(&txn, events).await?;
    g.insert::<community_event_participant::Entity, _>(&txn, participants)
        .await?;
    txn.commit().await?;
    Ok(())
}
