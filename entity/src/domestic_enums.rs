//! Enumerations of the domestic-service station (家政服务站): the services offered, how an
//! order is worked, where it stands, and the station's community events.

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A domestic service (家政服务项目).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    Enum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DomesticService {
    /// Cooking (做饭).
    #[sea_orm(string_value = "COOKING")]
    Cooking,
    /// Cleaning (保洁).
    #[sea_orm(string_value = "CLEANING")]
    Cleaning,
    /// Care of the elderly (养老护理).
    #[sea_orm(string_value = "ELDERLY_CARE")]
    ElderlyCare,
    /// Care of infants (育婴).
    #[sea_orm(string_value = "INFANT_CARE")]
    InfantCare,
    /// Care of patients (病患陪护).
    #[sea_orm(string_value = "PATIENT_CARE")]
    PatientCare,
    /// Hourly help (钟点工).
    #[sea_orm(string_value = "HOURLY_HELP")]
    HourlyHelp,
}

/// How an order is worked (服务方式): by the hour, or living in the client's home.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ServiceArrangement {
    /// By the hour (计时); the wage is per hour.
    #[sea_orm(string_value = "HOURLY")]
    Hourly,
    /// Living in (住家); the wage is per month, and the worker serves no one else.
    #[sea_orm(string_value = "LIVE_IN")]
    LiveIn,
}

/// Where a service order stands (订单状态).
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ServiceOrderStatus {
    /// Waiting for a domestic worker (待派单).
    #[sea_orm(string_value = "OPEN")]
    Open,
    /// A domestic worker is placed under a contract (已上岗).
    #[sea_orm(string_value = "PLACED")]
    Placed,
    /// Closed with the client's rating and a follow-up (已结束).
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// Kind of a community event of the domestic workers' union (活动类型): 「组织了烹饪、熨烫、
/// 擦窗等技能竞赛活动和到社区帮助孤寡老人、残疾人家打扫卫生等公益活动」.
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
pub enum CommunityEventKind {
    /// Cooking contest (烹饪技能竞赛).
    #[sea_orm(string_value = "COOKING_CONTEST")]
    CookingContest,
    /// Ironing contest (熨烫技能竞赛).
    #[sea_orm(string_value = "IRONING_CONTEST")]
    IroningContest,
    /// Window-cleaning contest (擦窗技能竞赛).
    #[sea_orm(string_value = "WINDOW_CLEANING_CONTEST")]
    WindowCleaningContest,
    /// Public-good work, such as cleaning for elderly and disabled people (公益服务).
    #[sea_orm(string_value = "PUBLIC_GOOD")]
    PublicGood,
}

impl CommunityEventKind {
    /// Whether it is a skill contest (技能竞赛) rather than public-good work.
    pub fn is_contest(self) -> bool {
        !matches!(self, Self::PublicGood)
    }
}
