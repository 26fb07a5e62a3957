//! Enumerations shared by the database and the GraphQL schema.

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Role of a user account (角色). A user may hold several roles.
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
pub enum Role {
    /// System administrator (系统管理员): org units, users, policy tables.
    #[sea_orm(string_value = "ADMIN")]
    Admin,
    /// Caseworker (综合部 / 工会干部): files workers, households, cases and applications; initial review; visits.
    #[sea_orm(string_value = "CASEWORKER")]
    Caseworker,
    /// Reviewer (帮扶工作领导小组): group review of cases and applications.
    #[sea_orm(string_value = "REVIEWER")]
    Reviewer,
    /// Approver (董事长 / 主任): final approval.
    #[sea_orm(string_value = "APPROVER")]
    Approver,
    /// Finance (财务部): fund income and payouts.
    #[sea_orm(string_value = "FINANCE")]
    Finance,
    /// Auditor (审查小组 / 审计): read-only access, audit log and ledger checks.
    #[sea_orm(string_value = "AUDITOR")]
    Auditor,
    /// Employment agency staff (职介所工作人员).
    #[sea_orm(string_value = "AGENCY_STAFF")]
    AgencyStaff,
    /// Employer portal user (用工单位): its own employer and postings only.
    #[sea_orm(string_value = "EMPLOYER")]
    Employer,
    /// Dashboard viewer (统计查看): reports only.
    #[sea_orm(string_value = "VIEWER")]
    Viewer,
}

/// Kind of org unit (组织类型) in the union's tree.
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
pub enum OrgKind {
    /// City federation of trade unions (市总工会), the root.
    #[sea_orm(string_value = "CITY_FEDERATION")]
    CityFederation,
    /// District or county union (区县工会).
    #[sea_orm(string_value = "DISTRICT_UNION")]
    DistrictUnion,
    /// Street assistance workstation (街道帮扶工作站).
    #[sea_orm(string_value = "STREET_WORKSTATION")]
    StreetWorkstation,
    /// Community contact point (社区联系点).
    #[sea_orm(string_value = "COMMUNITY_POINT")]
    CommunityPoint,
    /// Enterprise union (企业工会).
    #[sea_orm(string_value = "ENTERPRISE_UNION")]
    EnterpriseUnion,
    /// Branch union of an enterprise (分工会).
    #[sea_orm(string_value = "BRANCH_UNION")]
    BranchUnion,
}

/// Ownership of an enterprise (所有制性质), as in the seed's survey report.
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
pub enum Ownership {
    /// State-owned (国有).
    #[sea_orm(string_value = "STATE")]
    State,
    /// Collective (集体).
    #[sea_orm(string_value = "COLLECTIVE")]
    Collective,
    /// Foreign-invested (外商).
    #[sea_orm(string_value = "FOREIGN")]
    Foreign,
    /// Private (私营).
    #[sea_orm(string_value = "PRIVATE")]
    Private,
    /// Other (其它).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Industry of an enterprise (所属行业), as in the seed's survey report.
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
pub enum Industry {
    /// Machinery and metallurgy (机械冶金).
    #[sea_orm(string_value = "MACHINERY_METALLURGY")]
    MachineryMetallurgy,
    /// Construction (建筑).
    #[sea_orm(string_value = "CONSTRUCTION")]
    Construction,
    /// Textiles (纺织).
    #[sea_orm(string_value = "TEXTILES")]
    Textiles,
    /// Coal mining (煤炭).
    #[sea_orm(string_value = "COAL")]
    Coal,
    /// Defence industry (军工).
    #[sea_orm(string_value = "DEFENCE")]
    Defence,
    /// Transport (交通运输).
    #[sea_orm(string_value = "TRANSPORT")]
    Transport,
    /// Electricity and gas (电力、煤气).
    #[sea_orm(string_value = "POWER_GAS")]
    PowerGas,
    /// Commerce, catering and services (商业饮食服务).
    #[sea_orm(string_value = "COMMERCE_SERVICES")]
    CommerceServices,
    /// Science, education, culture, health and sport (科教文卫体).
    #[sea_orm(string_value = "SCIENCE_EDUCATION_HEALTH")]
    ScienceEducationHealth,
    /// Agriculture, forestry, husbandry and fishery (农林牧渔).
    #[sea_orm(string_value = "AGRICULTURE")]
    Agriculture,
    /// Government bodies and organisations (机关团体).
    #[sea_orm(string_value = "PUBLIC_BODIES")]
    PublicBodies,
    /// Other (其它).
    #[sea_orm(string_value = "OTHER")]
    Other,
}
