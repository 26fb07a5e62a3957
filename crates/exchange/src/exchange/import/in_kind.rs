//! Imports of in-kind aid (爱心超市): the goods catalogue (物资目录导入), matched on the
//! goods' name, and donations received by a store (捐赠入库导入), one row per goods of a
//! receipt. A donation is a stock movement like any other, written through the store's
//! ledger in the import's one transaction; a receipt's goods already received by the
//! store are refused by row, so a file imported twice does not count its goods twice.

use std::collections::{HashMap, HashSet};

use entity::{GoodsCategory, Money, goods, stock_movement};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::filing::{Refusals, Written};
use super::{
    Checker, Column, ImportFile, Outcome, Row, RowError, format_of, outcome, parse_unique, read,
};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::Actor;
use crate::db::{Tx, batch};
use crate::error::ApiResult;
use crate::in_kind::rules::check_quantity;
use crate::in_kind::service::{Donation, KEEPERS, lock_store, receive_donations};
use crate::labels::GOODS_CATEGORIES;

pub const NAME: &str = "物资名称";
pub const UNIT: &str = "计量单位";
pub const CATEGORY: &str = "类别";
pub const PRICE: &str = "参考价";
pub const QUANTITY: &str = "数量";
pub const DONOR: &str = "捐赠方";
pub const RECEIPT: &str = "收据号";

/// The columns of the catalogue's sheet (物资目录), in template order.
pub const GOODS_COLUMNS: &[Column] = &[
    Column {
        header: NAME,
        required: true,
        note: "必填，不超过100字；与目录中已有物资同名的更新其计量单位、类别和参考价",
        example: "大米10kg",
    },
    Column {
        header: UNIT,
        required: true,
        note: "必填，不超过10字，如袋、桶、件",
        example: "袋",
    },
    Column {
        header: CATEGORY,
        required: true,
        note: "必填：粮油/衣物/日用品/其他",
        example: "粮油",
    },
    Column {
        header: PRICE,
        required: true,
        note: "必填：每单位参考价（元），最多两位小数",
        example: "45.50",
    },
];

/// The columns of the donations' sheet (捐赠入库), in template order.
pub const DONATION_COLUMNS: &[Column] = &[
    Column {
        header: NAME,
        required: true,
        note: "必填：物资目录中的物资名称",
        example: "大米10kg",
    },
    Column {
        header: QUANTITY,
        required: true,
        note: "必填：正整数",
        example: "20",
    },
    Column {
        header: DONOR,
        required: true,
        note: "必填：捐赠的个人或企业，不超过100字",
        example: "锦城商会",
    },
    Column {
        header: RECEIPT,
        required: true,
        note: "必填：捐赠收据号，不超过50字；同一收据的每种物资一行",
        example: "JZ2026-0012",
    },
];

/// A goods' row, checked with the rules of `createGoods`.
pub struct GoodsRecord {
    pub row: u32,
    pub name: String,
    pub unit: String,
    pub category: GoodsCategory,
    pub reference_price: Money,
}

/// A donation's row.
pub struct DonationRecord {
    pub row: u32,
    pub goods_name: String,
    pub quantity: i64,
    pub donor: String,
    pub receipt_no: String,
    /// Goods and receipt: a row's key within the file.
    key: String,
}

pub fn parse_goods_row(row: &Row) -> Result<GoodsRecord, Vec<RowError>> {
    let mut c = Checker::new(row);
    let name = c.name(NAME, 100);
    let unit = c.name(UNIT, 10);
    let category = c.label(CATEGORY, GOODS_CATEGORIES, None);
    let price = c.money(PRICE, true);
    c.finish(|| {
        Some(GoodsRecord {
            row: row.number,
            name: name?,
            unit: unit?,
            category: category?,
            reference_price: price??,
        })
    })
}

pub fn parse_donation_row(row: &Row) -> Result<DonationRecord, Vec<RowError>> {
    let mut c = Checker::new(row);
    let goods_name = c.name(NAME, 100);
    let text = c.text(QUANTITY);
    let quantity = match text.parse::<i64>() {
        Ok(n) if check_quantity(n).is_ok() => Some(n),
        _ => {
            c.fail(QUANTITY, "须为正整数，且不超过单行上限");
            None
        }
    };
    let donor = c.name(DONOR, 100);
    let receipt_no = c.name(RECEIPT, 50);
    c.finish(|| {
        let goods_name = goods_name?;
        let receipt_no = receipt_no?;
        Some(DonationRecord {
            row: row.number,
            key: format!("{receipt_no}\u{1f}{goods_name}"),
            goods_name,
            quantity: quantity?,
            donor: donor?,
            receipt_no,
        })
    })
}

/// `importGoods`: adds the file's goods to the catalogue, or updates those of the same
/// name. ADMIN of the root unit.
pub async fn import_goods(state: &AppState, actor: &Actor, file: ImportFile) -> ApiResult<Outcome> {
    actor.require_policy_admin()?;
    let rows = read(
        &file.bytes,
        format_of(&file.file_name, &file.bytes)?,
        GOODS_COLUMNS,
    )?;
    let (records, errors, failed) = parse_unique(
        &rows,
        parse_goods_row,
        |r| (r.row, r.name.as_str()),
        NAME,
        "物资名称",
    );
    let refusals = Refusals { errors, failed };
    if !refusals.errors.is_empty() && !file.partial {
        return Ok(outcome(Written::default(), refusals));
    }
    let mut tx = Tx::begin(state).await?;
    let filed_goods: HashMap<String, goods::Model> = goods::Entity::find()
        .filter(goods::Column::Name.is_in(records.iter().map(|r| r.name.clone())))
        .all(&*tx)
        .await?
        .into_iter()
        .map(|g| (g.name.clone(), g))
        .collect();
    let now = state.clock.now();
    let mut written = Written::default();
    let (mut new, mut filed, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for r in records {
        let before = filed_goods.get(&r.name).cloned();
        let is_filed = before.is_some();
        let after = match &before {
            Some(old) => goods::Model {
                unit: r.unit,
                category: r.category,
                reference_price: r.reference_price,
                ..old.clone()
            },
            None => goods::Model {
                id: Uuid::now_v7(),
                name: r.name,
                unit: r.unit,
                category: r.category,
                reference_price: r.reference_price,
                created_by: actor.user_id,
                created_at: now,
            },
        };
        let change = Change::new("importGoods", "Goods", after.id, None).after(&after);
        changes.push(match before {
            Some(before) => change.before(&before),
            None => change,
        });
        if is_filed {
            written.updated += 1;
            filed.push(goods::ActiveModel::from(after));
        } else {
            written.created += 1;
            new.push(goods::ActiveModel::from(after));
        }
    }
    batch::insert_all(&*tx, new).await?;
    batch::upsert_all(
        &*tx,
        filed,
        OnConflict::column(goods::Column::Id)
            .update_columns([
                goods::Column::Unit,
                goods::Column::Category,
                goods::Column::ReferencePrice,
            ])
            .to_owned(),
    )
    .await?;
    audit::record_all(&mut tx, actor, now, changes).await?;
    tx.commit().await?;
    Ok(outcome(written, refusals))
}

/// `importDonations`: receives the file's donations into a store of the caller's scope,
/// each row a movement of its ledger. CASEWORKER. A row naming goods not in the
/// catalogue, or a receipt's goods the store has already received, is refused.
pub async fn import_donations(
    state: &AppState,
    actor: &Actor,
    store_id: Uuid,
    file: ImportFile,
) -> ApiResult<Outcome> {
    actor.require_any(KEEPERS)?;
    let rows = read(
        &file.bytes,
        format_of(&file.file_name, &file.bytes)?,
        DONATION_COLUMNS,
    )?;
    let (records, errors, failed) = parse_unique(
        &rows,
        parse_donation_row,
        |r| (r.row, r.key.as_str()),
        NAME,
        "收据号和物资",
    );
    let mut refusals = Refusals { errors, failed };
    let mut tx = Tx::begin(state).await?;
    let store = lock_store(&tx, actor, store_id).await?;
    let catalogue: HashMap<String, goods::Model> = goods::Entity::find()
        .filter(goods::Column::Name.is_in(records.iter().map(|r| r.goods_name.clone())))
        .all(&*tx)
        .await?
        .into_iter()
        .map(|g| (g.name.clone(), g))
        .collect();
    let received: HashSet<(String, Uuid)> = stock_movement::Entity::find()
        .filter(stock_movement::Column::StoreId.eq(store.id))
        .filter(
            stock_movement::Column::ReceiptNo.is_in(records.iter().map(|r| r.receipt_no.clone())),
        )
        .all(&*tx)
        .await?
        .into_iter()
        .filter_map(|m| m.receipt_no.map(|r| (r, m.goods_id)))
        .collect();
    let mut accepted = Vec::new();
    for r in records {
        match catalogue.get(&r.goods_name) {
            None => refusals.refuse(r.row, NAME, "物资目录中没有该物资，请先在目录中添加"),
            Some(g) if received.contains(&(r.receipt_no.clone(), g.id)) => {
                refusals.refuse(r.row, RECEIPT, "该收据的此物资已入库，不能重复导入")
            }
            Some(g) => accepted.push((r, g)),
        }
    }
    if !refusals.errors.is_empty() && !file.partial {
        return Ok(outcome(Written::default(), refusals));
    }
    let now = state.clock.now();
    let donations = accepted
        .into_iter()
        .map(|(r, g)| Donation {
            goods: g,
            quantity: r.quantity,
            donor: r.donor,
            receipt_no: r.receipt_no,
        })
        .collect();
    let moved = receive_donations(&tx, actor, store.id, donations, now).await?;
    let written = Written {
        created: moved.len(),
        updated: 0,
    };
    if !moved.is_empty() {
        audit::record(
            &mut tx,
            actor,
            now,
            Change::new(
                "importDonations",
                "Store",
                store.id,
                Some(store.org_unit_id),
            )
            .after(&moved),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(outcome(written, refusals))
}
