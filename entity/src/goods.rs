//! Goods of the catalogue (物资目录): name, unit, category and a reference price, the
//! value a hand-out is counted at.

use crate::{GoodsCategory, Money};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "goods")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        /// The unit counted in (袋, 桶, 件).
        pub unit: String,
        pub category: GoodsCategory,
        /// Reference price per unit (参考价).
        pub reference_price: Money,
        pub created_by: Uuid,
        pub created_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
