//! Household (家庭) of a worker: the facts the eligibility rules read. The member-derived
//! counts are kept on the row (rewritten with the members) so screening runs as SQL.

use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "household")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub worker_id: Uuid,
        pub receives_minimum_allowance: bool,
        pub homes_owned: i32,
        pub owns_business: bool,
        pub uses_vehicles: bool,
        pub single_parent: bool,
        pub widowed: bool,
        pub lives_alone: bool,
        pub disaster_loss: bool,
        pub other_special_cause: Option<String>,
        pub member_count: i32,
        /// Stored in fen (分).
        pub income_total: crate::Money,
        /// Members with a chronic, serious or terminal illness.
        pub ill_count: i32,
        /// Members with a serious or terminal illness (重病).
        pub seriously_ill_count: i32,
        pub disabled_count: i32,
        /// Children at school or university (子女上学).
        pub children_in_school: i32,
        pub children_at_university: i32,
        pub high_fee_schooling: bool,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::worker::Entity",
        from = "Column::WorkerId",
        to = "super::worker::Column::Id"
    )]
    Worker,
}

impl Related<super::worker::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Worker.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
