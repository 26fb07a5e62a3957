//! Enumerations of in-kind aid (爱心超市): the goods catalogue, the stock ledger and the
//! quotas of hand-outs.

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Category of goods in the 爱心超市 catalogue (物资类别): 「衣物架、粮油供应区」.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GoodsCategory {
    /// Grain and oil (粮油).
    #[sea_orm(string_value = "GRAIN_AND_OIL")]
    GrainAndOil,
    /// Clothing (衣物).
    #[sea_orm(string_value = "CLOTHING")]
    Clothing,
    /// Daily necessities (日用品).
    #[sea_orm(string_value = "DAILY_NECESSITIES")]
    DailyNecessities,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of a stock movement (出入库类型) in a store's append-only ledger.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MovementKind {
    /// Donated goods received (捐赠入库).
    #[sea_orm(string_value = "DONATION")]
    Donation,
    /// Goods bought with an assistance fund (采购入库).
    #[sea_orm(string_value = "PURCHASE")]
    Purchase,
    /// Goods handed out to a hardship household (发放出库).
    #[sea_orm(string_value = "HAND_OUT")]
    HandOut,
    /// Goods sent to another store (调出).
    #[sea_orm(string_value = "TRANSFER_OUT")]
    TransferOut,
    /// Goods received from another store (调入).
    #[sea_orm(string_value = "TRANSFER_IN")]
    TransferIn,
    /// Goods written off, with a reason (报损).
    #[sea_orm(string_value = "WRITE_OFF")]
    WriteOff,
}

/// The period an in-kind quota runs over (限额周期).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum QuotaPeriod {
    /// A calendar month (每月).
    #[sea_orm(string_value = "MONTH")]
    Month,
    /// A calendar year (每年).
    #[sea_orm(string_value = "YEAR")]
    Year,
}
