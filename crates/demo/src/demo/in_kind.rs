//! In-kind aid (爱心超市): 「建设了7个“爱心超市”」 — a store in each of the first seven
//! districts, the goods catalogue, donations received, the quotas per hardship level, and
//! hand-outs to filed households within them, the stock kept equal to its ledger.

use std::collections::HashMap;

use chrono::Duration;
use entity::{
    GoodsCategory, HardshipLevel, Kinship, Money, MovementKind, QuotaPeriod, goods, hand_out,
    in_kind_quota, stock, stock_movement, store,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::org::Tree;
use super::registry::Registry;
use super::{DemoResult, Gen};
use crate::in_kind::rules::period_start;

/// The catalogue: name, unit, category, reference price in fen.
const CATALOGUE: &[(&str, &str, GoodsCategory, i64)] = &[
    ("大米10kg", "袋", GoodsCategory::GrainAndOil, 4_550),
    ("面粉5kg", "袋", GoodsCategory::GrainAndOil, 2_800),
    ("菜籽油5L", "桶", GoodsCategory::GrainAndOil, 6_000),
    ("棉被", "床", GoodsCategory::Clothing, 12_000),
    ("羽绒服", "件", GoodsCategory::Clothing, 18_000),
    ("洗衣粉", "袋", GoodsCategory::DailyNecessities, 1_500),
    ("牙膏牙刷套装", "套", GoodsCategory::DailyNecessities, 1_200),
    ("文具礼包", "份", GoodsCategory::Other, 3_000),
];

/// Monthly quota per level, in fen: 特困 more than 困难.
const QUOTAS: &[(HardshipLevel, i64)] = &[
    (HardshipLevel::Extreme, 30_000),
    (HardshipLevel::Ordinary, 20_000),
];

pub async fn seed(
    db: &DatabaseConnection,
    g: &mut Gen,
    tree: &Tree,
    reg: &Registry,
) -> DemoResult<()> {
    let keeper = tree.users.caseworker.id;
    let admin = tree.users.admin.id;
    let opened = g.at(g.as_of - Duration::days(400));
    let stores: Vec<store::Model> = tree
        .districts
        .iter()
        .take(7)
        .map(|d| store::Model {
            id: g.uuid(opened),
            org_unit_id: d.id,
            name: format!("{}爱心超市", d.name.trim_end_matches('区')),
            address: Some(format!("{}帮扶中心一楼", d.name)),
            created_by: admin,
            created_at: opened,
        })
        .collect();
    let catalogue: Vec<goods::Model> = CATALOGUE
        .iter()
        .map(|(name, unit, category, price)| goods::Model {
            id: g.uuid(opened),
            name: (*name).to_owned(),
            unit: (*unit).to_owned(),
            category: *category,
            reference_price: Money::from_fen(*price),
            created_by: admin,
            created_at: opened,
        })
        .collect();
    let quotas: Vec<in_kind_quota::Model> = QUOTAS
        .iter()
        .map(|(level, value)| in_kind_quota::Model {
            level: *level,
            period: QuotaPeriod::Month,
            value: Money::from_fen(*value),
            updated_by: admin,
            updated_at: opened,
        })
        .collect();

    // Donations first, a year back, then hand-outs month by month from what is on hand.
    let mut on_hand: HashMap<(Uuid, Uuid), i64> = HashMap::new();
    let mut movements = Vec::new();
    let donated = g.at(g.as_of - Duration::days(365));
    for s in &stores {
        for item in &catalogue {
            let quantity = i64::try_from(g.scaled(200_000, 40)).unwrap_or(40);
            on_hand.insert((s.id, item.id), quantity);
            movements.push(stock_movement::Model {
                id: g.uuid(donated),
                store_id: s.id,
                goods_id: item.id,
                kind: MovementKind::Donation,
                quantity,
                value: Money::from_fen(item.reference_price.fen() * quantity),
                donor: Some("成都市慈善总会".into()),
                receipt_no: Some(format!("JZ-{}", g.range(10_000, 99_999))),
                ledger_entry_id: None,
                hand_out_id: None,
                other_store_id: None,
                reason: None,
                recorded_by: keeper,
                recorded_at: donated,
            });
        }
    }
    let mut hand_outs = Vec::new();
    let district_store: HashMap<usize, &store::Model> = stores.iter().enumerate().collect();
    let households = g.scaled(20_000, 20).min(reg.active_cases.len() as u64);
    for _ in 0..households {
        let case = &reg.active_cases[g.index(reg.active_cases.len())];
        let Some(s) = district_store.get(&case.district) else {
            continue;
        };
        let quota = QUOTAS
            .iter()
            .find(|(l, _)| *l == case.level)
            .map_or(0, |(_, v)| *v);
        let day = g.day_before(0, 300).max(case.activated_on);
        let at = g.at(day);
        // Goods within the quota: one to three lines, stopped before the quota is passed.
        let mut value = 0;
        let mut lines = Vec::new();
        for _ in 0..g.range(1, 4) {
            let item = &catalogue[g.index(catalogue.len())];
            let price = item.reference_price.fen();
            let left = on_hand.get(&(s.id, item.id)).copied().unwrap_or(0);
            if left == 0
                || value + price > quota
                || lines.iter().any(|(i, _): &(Uuid, i64)| *i == item.id)
            {
                continue;
            }
            value += price;
            lines.push((item.id, price));
            on_hand.insert((s.id, item.id), left - 1);
        }
        if lines.is_empty() {
            continue;
        }
        let h = hand_out::Model {
            id: g.uuid(at),
            store_id: s.id,
            case_id: case.case_id,
            worker_id: case.worker_id,
            org_unit_id: case.org_unit_id,
            level: case.level,
            value: Money::from_fen(value),
            period_start: period_start(QuotaPeriod::Month, day),
            collected_by_name: case.worker_name.clone(),
            collected_by_kinship: Kinship::Worker,
            handed_by: keeper,
            handed_at: at,
        };
        // One hand-out a household a month: the quota holds whatever the draw.
        if hand_outs
            .iter()
            .any(|o: &hand_out::Model| o.case_id == h.case_id && o.period_start == h.period_start)
        {
            for (item, _) in &lines {
                if let Some(left) = on_hand.get_mut(&(s.id, *item)) {
                    *left += 1;
                }
            }
            continue;
        }
        for (item, price) in lines {
            movements.push(stock_movement::Model {
                id: g.uuid(at),
                store_id: s.id,
                goods_id: item,
                kind: MovementKind::HandOut,
                quantity: -1,
                value: Money::from_fen(-price),
                donor: None,
                receipt_no: None,
                ledger_entry_id: None,
                hand_out_id: Some(h.id),
                other_store_id: None,
                reason: None,
                recorded_by: keeper,
                recorded_at: at,
            });
        }
        hand_outs.push(h);
    }
    let stock_rows: Vec<stock::Model> = on_hand
        .into_iter()
        .map(|((store_id, goods_id), quantity)| stock::Model {
            store_id,
            goods_id,
            quantity,
            updated_at: g.at(g.as_of),
        })
        .collect();
    let mut stock_rows = stock_rows;
    stock_rows.sort_by_key(|r| (r.store_id, r.goods_id));

    let txn = crate::db::begin_write(db).await?;
    g.insert::<store::Entity, _>(&txn, stores).await?;
    g.insert::<goods::Entity, _>(&txn, catalogue).await?;
    g.insert::<in_kind_quota::Entity, _>(&txn, quotas).await?;
    g.insert::<hand_out::Entity, _>(&txn, hand_outs).await?;
    g.insert::<stock_movement::Entity, _>(&txn, movements)
        .await?;
    g.insert::<stock::Entity, _>(&txn, stock_rows).await?;
    txn.commit().await?;
    Ok(())
}
