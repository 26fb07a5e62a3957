//! The org tree (市总工会 -> districts -> streets -> enterprise and branch unions), poverty
//! lines, minimum wages and the demo users.

use chrono::{Duration, NaiveDate};
use entity::{
    Industry, Money, OrgKind, Ownership, Role, minimum_wage, org_unit, poverty_line, user,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::names::{DISTRICTS, FIRM_KINDS, FIRM_PREFIXES, STREETS};
use super::{DEMO_PASSWORD, DemoResult, Gen};

pub struct District {
    pub id: Uuid,
    pub name: &'static str,
    pub code: &'static str,
}

/// A unit workers belong to (an enterprise or branch union).
#[derive(Clone, Copy)]
pub struct WorkUnit {
    pub id: Uuid,
    pub district: usize,
}

#[derive(Clone)]
pub struct DemoUser {
    pub id: Uuid,
    pub username: String,
}

pub struct Users {
    pub admin: DemoUser,
    pub caseworker: DemoUser,
    pub caseworker_b: DemoUser,
    pub reviewer: DemoUser,
    pub approver: DemoUser,
    pub finance: DemoUser,
    pub agency: DemoUser,
    /// The 12351 hotline operator (服务中心前台).
    pub desk: DemoUser,
    /// The legal-aid workers: one handles cases, the other reviews them.
    pub legal_aid: DemoUser,
    pub legal_aid_b: DemoUser,
}

pub struct Tree {
    pub root: Uuid,
    pub districts: Vec<District>,
    /// Street workstations, with their district.
    pub streets: Vec<(Uuid, usize)>,
    pub units: Vec<WorkUnit>,
    pub users: Users,
    /// Poverty line (fen per month per person) of each district in the reference year.
    pub lines: Vec<i64>,
    /// Minimum wage (fen per month) of each district.
    pub min_wages: Vec<i64>,
    pub password_hash: String,
}

const OWNERSHIPS: &[(Ownership, u32)] = &[
    (Ownership::State, 30),
    (Ownership::Collective, 10),
    (Ownership::Foreign, 10),
    (Ownership::Private, 40),
    (Ownership::Other, 10),
];

const INDUSTRIES: &[(Industry, u32)] = &[
    (Industry::MachineryMetallurgy, 14),
    (Industry::Construction, 12),
    (Industry::Textiles, 8),
    (Industry::Coal, 4),
    (Industry::Defence, 3),
    (Industry::Transport, 9),
    (Industry::PowerGas, 5),
    (Industry::CommerceServices, 20),
    (Industry::ScienceEducationHealth, 10),
    (Industry::Agriculture, 5),
    (Industry::PublicBodies, 4),
    (Industry::Other, 6),
];

fn unit(
    g: &mut Gen,
    parent: Option<(&Uuid, &str)>,
    name: String,
    kind: OrgKind,
    region: &str,
    firm: Option<(Ownership, Industry)>,
) -> org_unit::Model {
    let created = g.at(g.as_of - Duration::days(1500));
    let id = g.uuid(created);
    org_unit::Model {
        id,
        parent_id: parent.map(|(p, _)| *p),
        name,
        kind,
        path: format!("{}{id}/", parent.map_or("/", |(_, path)| path)),
        region_code: region.to_owned(),
        ownership: firm.map(|f| f.0),
        industry: firm.map(|f| f.1),
        created_at: created,
        updated_at: created,
    }
}

pub async fn seed(db: &DatabaseConnection, g: &mut Gen) -> DemoResult<Tree> {
    let txn = crate::db::begin_write(db).await?;
    let mut rows = Vec::new();
    let existing = org_unit::Entity::find()
        .filter(org_unit::Column::ParentId.is_null())
        .one(&txn)
        .await?;
    let root = match existing {
        Some(root) => root,
        None => {
            let root = unit(
                g,
                None,
                crate::org::rules::ROOT_NAME.to_owned(),
                OrgKind::CityFederation,
                "510100",
                None,
            );
            rows.push(root.clone());
            root
        }
    };

    let mut districts = Vec::new();
    let mut district_paths = Vec::new();
    let mut streets = Vec::new();
    let mut street_paths = Vec::new();
    for &(name, code) in DISTRICTS {
        let d = unit(
            g,
            Some((&root.id, &root.path)),
            format!("{name}总工会"),
            OrgKind::DistrictUnion,
            code,
            None,
        );
        districts.push(District {
            id: d.id,
            name,
            code,
        });
        district_paths.push(d.path.clone());
        rows.push(d);
    }
    let streets_per_district = g.scaled(60, 2).min(12) as usize;
    for (di, district) in districts.iter().enumerate() {
        for s in 0..streets_per_district {
            let base = STREETS[(di * streets_per_district + s) % STREETS.len()];
            let round = (di * streets_per_district + s) / STREETS.len();
            let name = if round == 0 {
                format!("{base}街道帮扶工作站")
            } else {
                format!("{base}{}街道帮扶工作站", round + 1)
            };
            let st = unit(
                g,
                Some((&district.id, &district_paths[di])),
                name,
                OrgKind::StreetWorkstation,
                district.code,
                None,
            );
            let community = unit(
                g,
                Some((&st.id, &st.path)),
                format!("{base}社区联系点"),
                OrgKind::CommunityPoint,
                district.code,
                None,
            );
            streets.push((st.id, di));
            street_paths.push(st.path.clone());
            rows.push(st);
            rows.push(community);
        }
    }

    // About 400 workers per enterprise union; big ones have branch unions.
    let enterprises = g.scaled(2_500, 4) as usize;
    let mut units = Vec::new();
    for e in 0..enterprises {
        let si = e % streets.len();
        let (street_id, di) = streets[si];
        let ownership = g.weighted(OWNERSHIPS);
        let industry = g.weighted(INDUSTRIES);
        let name = format!(
            "{}{}{}工会",
            g.pick(FIRM_PREFIXES),
            g.pick(FIRM_KINDS),
            if e >= FIRM_PREFIXES.len() {
                format!("（{}）", e + 1)
            } else {
                String::new()
            }
        );
        let ent = unit(
            g,
            Some((&street_id, &street_paths[si])),
            name,
            OrgKind::EnterpriseUnion,
            districts[di].code,
            Some((ownership, industry)),
        );
        units.push(WorkUnit {
            id: ent.id,
            district: di,
        });
        if g.chance(0.4) {
            for b in 1..=g.range(1, 4) {
                let branch = unit(
                    g,
                    Some((&ent.id, &ent.path)),
                    format!("第{b}分工会"),
                    OrgKind::BranchUnion,
                    districts[di].code,
                    Some((ownership, industry)),
                );
                units.push(WorkUnit {
                    id: branch.id,
                    district: di,
                });
                rows.push(branch);
            }
        }
        rows.push(ent);
    }
    g.insert::<org_unit::Entity, _>(&txn, rows).await?;

    // Poverty lines (低保线) for three years, and minimum wages (最低工资).
    let year = super::year_of(g.as_of);
    let mut lines = Vec::new();
    let mut line_rows = Vec::new();
    let mut min_wages = Vec::new();
    let mut wage_rows = Vec::new();
    let created = g.at(NaiveDate::from_ymd_opt(year - 2, 1, 5).unwrap_or(g.as_of));
    let mut regions: Vec<&str> = vec!["510100"];
    regions.extend(DISTRICTS.iter().map(|d| d.1));
    for (ri, region) in regions.iter().enumerate() {
        let base = if ri <= 5 { 110_000 } else { 105_000 };
        for (k, y) in (year - 2..=year).enumerate() {
            let amount = base + 5_000 * k as i64;
            if ri > 0 && y == year {
                lines.push(amount);
            }
            line_rows.push(poverty_line::Model {
                id: g.uuid(created),
                region_code: (*region).to_owned(),
                year: y,
                monthly_amount: Money::from_fen(amount),
                created_at: created,
                updated_at: created,
            });
        }
        let wage = if ri <= 5 { 210_000 } else { 200_000 };
        if ri > 0 {
            min_wages.push(wage);
        }
        for (from, amount) in [(year - 2, wage - 20_000), (year - 1, wage)] {
            wage_rows.push(minimum_wage::Model {
                id: g.uuid(created),
                region_code: (*region).to_owned(),
                effective_from: NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or(g.as_of),
                monthly_amount: Money::from_fen(amount),
                created_at: created,
            });
        }
    }
    g.insert::<poverty_line::Entity, _>(&txn, line_rows).await?;
    g.insert::<minimum_wage::Entity, _>(&txn, wage_rows).await?;

    // Demo users: one per role at the root, a few at the first district.
    let password_hash = crate::auth::password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut user_rows = Vec::new();
    let mut make = |g: &mut Gen, username: &str, roles: Vec<Role>, org: Uuid| {
        let created = g.at(g.as_of - Duration::days(1400));
        let user = user::Model {
            id: g.uuid(created),
            username: username.to_owned(),
            password_hash: password_hash.clone(),
            roles: user::Roles(roles),
            org_unit_id: org,
            employer_id: None,
            disabled: false,
            credentials_version: 0,
            created_at: created,
            updated_at: created,
        };
        let demo = DemoUser {
            id: user.id,
            username: user.username.clone(),
        };
        user_rows.push(user);
        demo
    };
    let d0 = districts[0].id;
    let admin = make(g, "demo-admin", vec![Role::Admin], root.id);
    make(g, "demo-auditor", vec![Role::Auditor], root.id);
    let users = Users {
        admin,
        caseworker: make(g, "demo-caseworker", vec![Role::Caseworker], root.id),
        caseworker_b: make(g, "demo-caseworker-b", vec![Role::Caseworker], root.id),
        reviewer: make(g, "demo-reviewer", vec![Role::Reviewer], root.id),
        approver: make(g, "demo-approver", vec![Role::Approver], root.id),
        finance: make(g, "demo-finance", vec![Role::Finance], root.id),
        agency: make(g, "demo-agency", vec![Role::AgencyStaff], root.id),
        desk: make(g, "demo-desk", vec![Role::ServiceDesk], root.id),
        legal_aid: make(g, "demo-legal-aid", vec![Role::LegalAid], root.id),
        legal_aid_b: make(g, "demo-legal-aid-b", vec![Role::LegalAid], root.id),
    };
    make(
        g,
        "demo-women-committee",
        vec![Role::WomenCommittee],
        root.id,
    );
    make(g, "demo-district-desk", vec![Role::ServiceDesk], d0);
    make(g, "demo-viewer", vec![Role::Viewer], root.id);
    make(g, "demo-district-admin", vec![Role::Admin], d0);
    make(g, "demo-district-caseworker", vec![Role::Caseworker], d0);
    make(g, "demo-district-reviewer", vec![Role::Reviewer], d0);
    make(g, "demo-district-approver", vec![Role::Approver], d0);
    make(g, "demo-district-finance", vec![Role::Finance], d0);
    make(g, "demo-district-agency", vec![Role::AgencyStaff], d0);
    make(g, "demo-district-viewer", vec![Role::Viewer], d0);
    g.insert::<user::Entity, _>(&txn, user_rows).await?;
    txn.commit().await?;

    Ok(Tree {
        root: root.id,
        districts,
        streets,
        units,
        users,
        lines,
        min_wages,
        password_hash,
    })
}
