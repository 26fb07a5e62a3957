//! A client's order for a domestic service (家政服务订单): taken open, placed with one
//! domestic worker under a contract period, closed with the client's rating and a
//! follow-up.

use crate::{DomesticService, Money, ServiceArrangement, ServiceOrderStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "service_order")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub client_id: Uuid,
    /// The client's unit, for scope and reports.
    pub org_unit_id: Uuid,
    pub service: DomesticService,
    pub arrangement: ServiceArrangement,
    /// Hours a week, for hourly work.
    pub hours_per_week: Option<i32>,
    pub starts_on: Date,
    /// The end the client expects, when known.
    pub ends_on: Option<Date>,
    /// Per hour for hourly work, per month living in.
    pub wage_offered: Money,
    /// Lowest vocational-qualification level asked for (5 the lowest, 1 the highest).
    pub min_certificate_level: Option<i32>,
    pub note: Option<String>,
    pub status: ServiceOrderStatus,
    pub domestic_worker_id: Option<Uuid>,
    pub contract_from: Option<Date>,
    pub contract_to: Option<Date>,
    pub placed_by: Option<Uuid>,
    pub placed_at: Option<DateTimeUtc>,
    /// The client's rating, 1 to 5 (评价).
    pub rating: Option<i32>,
    pub comment: Option<String>,
    pub follow_up: Option<String>,
    pub closed_on: Option<Date>,
    pub closed_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
