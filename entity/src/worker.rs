//! Worker (职工): a person the union may help. The ID number is unique; gender and birth
//! date are derived from it.

use crate::{Education, EmploymentStatus, EmploymentType, Gender, Occupation};
use sea_orm::entity::prelude::*;

crate::by_position! {
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "worker")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub org_unit_id: Uuid,
        pub name: String,
        #[sea_orm(unique)]
        pub id_number: String,
        pub gender: Gender,
        pub birth_date: Date,
        pub phone: Option<String>,
        pub employment_type: EmploymentType,
        pub employment_status: EmploymentStatus,
        pub education: Education,
        pub occupation: Occupation,
        pub union_member: bool,
        pub fund_contributor: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::org_unit::Entity",
        from = "Column::OrgUnitId",
        to = "super::org_unit::Column::Id"
    )]
    OrgUnit,
    #[sea_orm(has_one = "super::household::Entity")]
    Household,
}

impl Related<super::org_unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::OrgUnit.def()
    }
}

impl Related<super::household::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Household.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
