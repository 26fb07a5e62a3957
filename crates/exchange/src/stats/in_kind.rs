//! In-kind help (实物帮扶) for an org subtree and a period, apart from cash: hand-outs
//! (人次) and their value at reference prices by hardship level, the stores' movements by
//! kind, and each store's movements of the period and stock on hand valued at today's
//! reference prices.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{HardshipLevel, Money, MovementKind, org_unit};
use sea_orm::Iterable;
use uuid::Uuid;

use super::rules::db_key;
use super::service::{PAYOUT_READERS, Params, end_of, int, period, root_unit, rows};
use crate::app::AppState;
use crate::auth::Actor;
use crate::clock::start_of_day;
use crate::error::ApiResult;

/// Hand-outs of one hardship level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelLine {
    pub level: HardshipLevel,
    /// Person-times (人次).
    pub hand_outs: i64,
    pub value: Money,
}

/// The movements of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovementLine {
    pub kind: MovementKind,
    /// Units, signed as the movements.
    pub quantity: i64,
    pub value: Money,
}

/// One store's stock on hand, and its movements in the period by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreLine {
    pub store_id: Uuid,
    pub name: String,
    pub units: i64,
    pub value: Money,
    pub movements: Vec<MovementLine>,
}

/// The in-kind figures of a period.
#[derive(Debug, Clone, Default)]
pub struct InKindStats {
    pub by_level: Vec<LevelLine>,
    pub movements: Vec<MovementLine>,
    pub stores: Vec<StoreLine>,
}

impl InKindStats {
    /// Hand-outs of every level (人次).
    pub fn hand_outs(&self) -> i64 {
        self.by_level.iter().map(|l| l.hand_outs).sum()
    }

    /// Their value (折价合计).
    pub fn value(&self) -> Money {
        Money::from_fen(self.by_level.iter().map(|l| l.value.fen()).sum())
    }
}

/// The figures for the subtree of `org_unit_id` (default: the caller's unit) and
/// `from..=to` (CST; default this year to today): hand-outs to the subtree's households by
/// the day they were made; movements of the subtree's stores by the day recorded; stock on
/// hand now. The readers of payouts read them.
pub async fn in_kind_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<(org_unit::Model, NaiveDate, NaiveDate, InKindStats)> {
    actor.require_any(PAYOUT_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let (from, to) = period(state.clock.today(), from, to)?;
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    // Each row: a tag, a key, a count or units, and a value in fen.
    let sql = format!(
        "SELECT 'L', h.level, CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(h.value), 0) AS BIGINT) \
         FROM hand_out h WHERE {} AND h.handed_at >= {start} AND h.handed_at < {end} \
         GROUP BY h.level \
         UNION ALL \
         SELECT 'M', m.kind, CAST(COALESCE(SUM(m.quantity), 0) AS BIGINT), \
         CAST(COALESCE(SUM(m.value), 0) AS BIGINT) \
         FROM stock_movement m JOIN store s ON s.id = m.store_id \
         WHERE {} AND m.recorded_at >= {start} AND m.recorded_at < {end} GROUP BY m.kind",
        scope("h.org_unit_id"),
        scope("s.org_unit_id"),
    );
    let mut levels = Vec::new();
    let mut kinds = Vec::new();
    for row in rows(&state.db, sql, p).await? {
        let tag: String = row.try_get_by_index(0)?;
        let key: String = row.try_get_by_index(1)?;
        let line = (key, int(&row, 2)?, int(&row, 3)?);
        if tag == "L" {
            levels.push(line);
        } else {
            kinds.push(line);
        }
    }
    let find = |found: &[(String, i64, i64)], key: String| {
        found
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or((0, 0), |(_, n, v)| (*n, *v))
    };
    let by_level = HardshipLevel::iter()
        .map(|level| {
            let (hand_outs, value) = find(&levels, db_key(level));
            LevelLine {
                level,
                hand_outs,
                value: Money::from_fen(value),
            }
        })
        .collect();
    let movements = MovementKind::iter()
        .map(|kind| {
            let (quantity, value) = find(&kinds, db_key(kind));
            MovementLine {
                kind,
                quantity,
                value: Money::from_fen(value),
            }
        })
        .collect();

    // Each store's movements of the period by kind, then its stock on hand.
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let sql = format!(
        "SELECT m.store_id, m.kind, CAST(COALESCE(SUM(m.quantity), 0) AS BIGINT), \
         CAST(COALESCE(SUM(m.value), 0) AS BIGINT) \
         FROM stock_movement m JOIN store s ON s.id = m.store_id \
         WHERE s.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         AND m.recorded_at >= {start} AND m.recorded_at < {end} GROUP BY m.store_id, m.kind"
    );
    let mut per_store: HashMap<(Uuid, String), (i64, i64)> = HashMap::new();
    for row in rows(&state.db, sql, p).await? {
        let store: Uuid = row.try_get_by_index(0)?;
        let kind: String = row.try_get_by_index(1)?;
        per_store.insert((store, kind), (int(&row, 2)?, int(&row, 3)?));
    }
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let sql = format!(
        "SELECT s.id, s.name, CAST(COALESCE(SUM(k.quantity), 0) AS BIGINT), \
         CAST(COALESCE(SUM(k.quantity * g.reference_price), 0) AS BIGINT) \
         FROM store s LEFT JOIN stock k ON k.store_id = s.id LEFT JOIN goods g ON g.id = k.goods_id \
         WHERE s.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         GROUP BY s.id, s.name ORDER BY s.id"
    );
    let mut stores = Vec::new();
    for row in rows(&state.db, sql, p).await? {
        let store_id: Uuid = row.try_get_by_index(0)?;
        let movements = MovementKind::iter()
            .map(|kind| {
                let (quantity, value) = per_store
                    .get(&(store_id, db_key(kind)))
                    .copied()
                    .unwrap_or((0, 0));
                MovementLine {
                    kind,
                    quantity,
                    value: Money::from_fen(value),
                }
            })
            .collect();
        stores.push(StoreLine {
            store_id,
            name: row.try_get_by_index(1)?,
            units: int(&row, 2)?,
            value: Money::from_fen(int(&row, 3)?),
            movements,
        });
    }
    Ok((
        unit,
        from,
        to,
        InKindStats {
            by_level,
            movements,
            stores,
        },
    ))
}
