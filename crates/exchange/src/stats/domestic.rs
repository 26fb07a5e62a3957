//! The domestic-service station's figures (家政服务统计) for an org subtree and a period:
//! domestic workers on file by service and certificate level, union members, orders
//! taken, placed and closed, the clients' average rating, repeat clients, and the union's
//! contests and public-good work.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{CertificateKind, CommunityEventKind, DomesticService, org_unit};
use sea_orm::Iterable;
use uuid::Uuid;

use super::rules::db_key;
use super::service::{AGENCY_READERS, Params, end_of, int, period, root_unit, rows};
use crate::app::AppState;
use crate::auth::Actor;
use crate::clock::start_of_day;
use crate::domestic::rules::qualifying_occupations;
use crate::error::{ApiError, ApiResult};

/// One service: workers offering it now, orders for it taken and placed in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLine {
    pub service: DomesticService,
    pub workers: i64,
    pub orders: i64,
    pub placed: i64,
}

/// Workers whose best vocational-qualification level for any domestic service is
/// `level` (none: no such certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelLine {
    pub level: Option<i32>,
    pub workers: i64,
}

/// One kind of community event held in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine {
    pub kind: CommunityEventKind,
    pub events: i64,
    /// Person-times (人次).
    pub participants: i64,
}

/// The station's figures for a period.
#[derive(Debug, Clone, Default)]
pub struct DomesticStats {
    /// Domestic workers on file and taking orders now.
    pub workers: i64,
    /// Of them, members of the domestic workers' union by the period's end.
    pub union_members: i64,
    pub by_service: Vec<ServiceLine>,
    pub by_level: Vec<LevelLine>,
    pub orders: i64,
    pub placed: i64,
    pub closed: i64,
    /// Ratings given at closing, and their sum.
    pub ratings: i64,
    pub rating_sum: i64,
    /// Clients with an order placed in the period and another placed before its end.
    pub repeat_clients: i64,
    pub events: Vec<EventLine>,
}

/// Every occupation whose certificate qualifies for some domestic service.
fn domestic_occupations() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = DomesticService::iter()
        .flat_map(|s| qualifying_occupations(s).iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// The figures for the subtree of `org_unit_id` (default: the caller's unit) and
/// `from..=to` (CST; default this year to today). Workers are counted as they are now;
/// orders by the day they were taken, placed and closed; events by the day held. The
/// agency's readers read them.
pub async fn domestic_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<(org_unit::Model, NaiveDate, NaiveDate, DomesticStats)> {
    actor.require_any(AGENCY_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let (from, to) = period(state.clock.today(), from, to)?;
    let db = &state.db;

    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    let recorded = |col: &str| format!("{col} >= {start} AND {col} < {end}");
    let workers = format!(
        "FROM domestic_worker w WHERE {} AND w.active",
        scope("w.org_unit_id")
    );
    let orders = format!("FROM service_order o WHERE {}", scope("o.org_unit_id"));
    let closed = format!("o.closed_on >= {first} AND o.closed_on <= {last}");
    let figures = [
        format!("(SELECT COUNT(*) {workers})"),
        format!(
            "(SELECT COUNT(*) {workers} AND w.union_joined_on IS NOT NULL \
             AND w.union_joined_on <= {last})"
        ),
        format!(
            "(SELECT COUNT(*) {orders} AND {})",
            recorded("o.created_at")
        ),
        format!("(SELECT COUNT(*) {orders} AND {})", recorded("o.placed_at")),
        format!("(SELECT COUNT(*) {orders} AND {closed})"),
        format!("(SELECT COUNT(o.rating) {orders} AND {closed})"),
        format!("(SELECT COALESCE(SUM(o.rating), 0) {orders} AND {closed})"),
        format!(
            "(SELECT COUNT(*) FROM domestic_client c WHERE {} \
             AND EXISTS (SELECT 1 FROM service_order o WHERE o.client_id = c.id AND {}) \
             AND (SELECT COUNT(*) FROM service_order o WHERE o.client_id = c.id \
             AND o.placed_at < {end}) >= 2)",
            scope("c.org_unit_id"),
            recorded("o.placed_at")
        ),
    ];
    let select = figures
        .iter()
        .map(|f| format!("CAST({f} AS BIGINT)"))
        .collect::<Vec<_>>()
        .join(", ");
    let row = rows(db, format!("SELECT {select}"), p)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("an aggregate returned no row"))?;
    let v = (0..figures.len())
        .map(|i| int(&row, i))
        .collect::<ApiResult<Vec<_>>>()?;

    // Breakdowns, one statement: each row names its breakdown, a key and a count.
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    let recorded = |col: &str| format!("{col} >= {start} AND {col} < {end}");
    let sql = [
        format!(
            "SELECT 'W', s.service, CAST(COUNT(*) AS BIGINT) FROM domestic_worker_service s \
             JOIN domestic_worker w ON w.id = s.domestic_worker_id \
             WHERE {} AND w.active GROUP BY s.service",
            scope("w.org_unit_id")
        ),
        format!(
            "SELECT 'O', o.service, CAST(COUNT(*) AS BIGINT) FROM service_order o \
             WHERE {} AND {} GROUP BY o.service",
            scope("o.org_unit_id"),
            recorded("o.created_at")
        ),
        format!(
            "SELECT 'P', o.service, CAST(COUNT(*) AS BIGINT) FROM service_order o \
             WHERE {} AND {} GROUP BY o.service",
            scope("o.org_unit_id"),
            recorded("o.placed_at")
        ),
        format!(
            "SELECT 'E', e.kind, CAST(COUNT(*) AS BIGINT) FROM community_event e \
             WHERE {} AND e.held_on >= {first} AND e.held_on <= {last} GROUP BY e.kind",
            scope("e.org_unit_id")
        ),
        format!(
            "SELECT 'Q', e.kind, CAST(COUNT(*) AS BIGINT) FROM community_event_participant x \
             JOIN community_event e ON e.id = x.event_id \
             WHERE {} AND e.held_on >= {first} AND e.held_on <= {last} GROUP BY e.kind",
            scope("e.org_unit_id")
        ),
    ]
    .join(" UNION ALL ");
    let mut found: HashMap<(String, String), i64> = HashMap::new();
    for row in rows(db, sql, p).await? {
        let tag: String = row.try_get_by_index(0)?;
        let key: String = row.try_get_by_index(1)?;
        found.insert((tag, key), int(&row, 2)?);
    }
    let count = |tag: &str, key: String| found.get(&(tag.to_owned(), key)).copied().unwrap_or(0);
    let by_service = DomesticService::iter()
        .map(|service| ServiceLine {
            service,
            workers: count("W", db_key(service)),
            orders: count("O", db_key(service)),
            placed: count("P", db_key(service)),
        })
        .collect();
    let events = CommunityEventKind::iter()
        .map(|kind| EventLine {
            kind,
            events: count("E", db_key(kind)),
            participants: count("Q", db_key(kind)),
        })
        .collect();

    // Each worker's best level: the lowest level number among her qualifications.
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let kind = p.bind(db_key(CertificateKind::VocationalQualification));
    let occupations = domestic_occupations()
        .into_iter()
        .map(|o| p.bind(o))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT t.level, CAST(COUNT(*) AS BIGINT) FROM (SELECT (SELECT MIN(c.level) \
         FROM certificate c WHERE c.seeker_id = w.seeker_id AND c.kind = {kind} \
         AND c.occupation IN ({occupations})) AS level FROM domestic_worker w \
         WHERE w.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         AND w.active) t GROUP BY t.level"
    );
    let mut levels: HashMap<Option<i32>, i64> = HashMap::new();
    for row in rows(db, sql, p).await? {
        levels.insert(row.try_get_by_index(0)?, int(&row, 1)?);
    }
    let by_level = (1..=5)
        .map(Some)
        .chain([None])
        .map(|level| LevelLine {
            level,
            workers: levels.get(&level).copied().unwrap_or(0),
        })
        .collect();

    Ok((
        unit,
        from,
        to,
        DomesticStats {
            workers: v[0],
            union_members: v[1],
            by_service,
            by_level,
            orders: v[2],
            placed: v[3],
            closed: v[4],
            ratings: v[5],
            rating_sum: v[6],
            repeat_clients: v[7],
            events,
        },
    ))
}
