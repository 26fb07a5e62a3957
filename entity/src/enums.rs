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
    /// Service-desk operator (12351 热线接线员 / 来访接待): logs contacts and opens their follow-ups.
    #[sea_orm(string_value = "SERVICE_DESK")]
    ServiceDesk,
    /// Legal-aid worker (法律援助工作者): handles legal-aid cases.
    #[sea_orm(string_value = "LEGAL_AID")]
    LegalAid,
    /// Women workers' committee (女职工委员会): confidential women workers' cases.
    #[sea_orm(string_value = "WOMEN_COMMITTEE")]
    WomenCommittee,
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

/// Gender (性别), derived from the ID number.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Gender {
    /// Male (男).
    #[sea_orm(string_value = "MALE")]
    Male,
    /// Female (女).
    #[sea_orm(string_value = "FEMALE")]
    Female,
}

/// Employment type (用工形式 / 人员类别). Retired, work-injury-death families and disability-retired people are not filed (不纳入建档); internal retirees are.
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EmploymentType {
    /// Formal employee (正式职工).
    #[sea_orm(string_value = "FORMAL")]
    Formal,
    /// Dispatched worker (劳务派遣).
    #[sea_orm(string_value = "DISPATCHED")]
    Dispatched,
    /// Internal retirement (内退), still filed.
    #[sea_orm(string_value = "INTERNAL_RETIREMENT")]
    InternalRetirement,
    /// Retired (退休), not filed.
    #[sea_orm(string_value = "RETIRED")]
    Retired,
    /// Family of a worker killed at work (工亡家属), not filed.
    #[sea_orm(string_value = "WORK_INJURY_DEATH_FAMILY")]
    WorkInjuryDeathFamily,
    /// Disability-retired (伤残退休), not filed.
    #[sea_orm(string_value = "DISABILITY_RETIRED")]
    DisabilityRetired,
}

/// Employment status (就业状态).
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
pub enum EmploymentStatus {
    /// Employed (在岗).
    #[sea_orm(string_value = "EMPLOYED")]
    Employed,
    /// Laid off (下岗).
    #[sea_orm(string_value = "LAID_OFF")]
    LaidOff,
    /// Unemployed (失业).
    #[sea_orm(string_value = "UNEMPLOYED")]
    Unemployed,
}

/// Education (文化程度), as in the seed's survey report.
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
pub enum Education {
    /// Illiterate (文盲).
    #[sea_orm(string_value = "ILLITERATE")]
    Illiterate,
    /// Primary school (小学).
    #[sea_orm(string_value = "PRIMARY")]
    Primary,
    /// Junior high school (初中).
    #[sea_orm(string_value = "JUNIOR_HIGH")]
    JuniorHigh,
    /// Senior high or secondary vocational school (高中/中专).
    #[sea_orm(string_value = "SENIOR_HIGH")]
    SeniorHigh,
    /// College or above (大专及以上).
    #[sea_orm(string_value = "COLLEGE_OR_ABOVE")]
    CollegeOrAbove,
}

/// Occupation (职业), as in the seed's survey report.
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
pub enum Occupation {
    /// Worker (工人).
    #[sea_orm(string_value = "WORKER")]
    Worker,
    /// Management staff (经营管理人员).
    #[sea_orm(string_value = "MANAGER")]
    Manager,
    /// Professional or technical staff (专业技术人员).
    #[sea_orm(string_value = "PROFESSIONAL")]
    Professional,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Relation of a household member to the worker (与职工关系).
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
pub enum Kinship {
    /// The worker themself (本人).
    #[sea_orm(string_value = "WORKER")]
    #[graphql(name = "SELF")]
    #[serde(rename = "SELF")]
    Worker,
    /// Spouse (配偶).
    #[sea_orm(string_value = "SPOUSE")]
    Spouse,
    /// Child (子女).
    #[sea_orm(string_value = "CHILD")]
    Child,
    /// Parent (父母).
    #[sea_orm(string_value = "PARENT")]
    Parent,
    /// Other relative living in the household (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Health of a household member (健康状况).
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
pub enum Health {
    /// Healthy (健康).
    #[sea_orm(string_value = "HEALTHY")]
    Healthy,
    /// Long-term chronic illness (长期慢性病).
    #[sea_orm(string_value = "CHRONIC_ILLNESS")]
    ChronicIllness,
    /// Serious illness (重大疾病 / 重病).
    #[sea_orm(string_value = "SERIOUS_ILLNESS")]
    SeriousIllness,
    /// Cancer or another terminal illness (癌症或其他绝症).
    #[sea_orm(string_value = "TERMINAL_ILLNESS")]
    TerminalIllness,
}

/// Schooling of a household member (就学情况).
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
pub enum Schooling {
    /// Not in school (未就学).
    #[sea_orm(string_value = "NONE")]
    #[graphql(name = "NONE")]
    #[serde(rename = "NONE")]
    NotInSchool,
    /// At school (在校就读).
    #[sea_orm(string_value = "SCHOOL")]
    School,
    /// At university (大学就读).
    #[sea_orm(string_value = "UNIVERSITY")]
    University,
    /// At a high-fee private school (高收费私立学校).
    #[sea_orm(string_value = "HIGH_FEE_PRIVATE_SCHOOL")]
    HighFeePrivateSchool,
    /// Self-funded study abroad (自费出国留学).
    #[sea_orm(string_value = "SELF_FUNDED_ABROAD")]
    SelfFundedAbroad,
}

/// Cause of hardship (致困原因), as in the seed's survey report.
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
pub enum Cause {
    /// Laid off or unemployed (下岗失业).
    #[sea_orm(string_value = "LAID_OFF")]
    LaidOff,
    /// Serious illness in the family (大病).
    #[sea_orm(string_value = "SERIOUS_ILLNESS")]
    SeriousIllness,
    /// Children's schooling (子女上学).
    #[sea_orm(string_value = "CHILD_SCHOOLING")]
    ChildSchooling,
    /// Low income (收入低).
    #[sea_orm(string_value = "LOW_INCOME")]
    LowIncome,
    /// Accident or disaster (天灾人祸).
    #[sea_orm(string_value = "DISASTER")]
    Disaster,
    /// Disability (残疾).
    #[sea_orm(string_value = "DISABILITY")]
    Disability,
    /// Single parent (单亲).
    #[sea_orm(string_value = "SINGLE_PARENT")]
    SingleParent,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Relief already received from government or others (已享受救助).
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Relief {
    /// Living assistance (生活救助).
    #[sea_orm(string_value = "LIVING_ASSISTANCE")]
    LivingAssistance,
    /// Minimum living allowance (低保).
    #[sea_orm(string_value = "MINIMUM_ALLOWANCE")]
    MinimumAllowance,
    /// Medical assistance (医疗救助).
    #[sea_orm(string_value = "MEDICAL_ASSISTANCE")]
    MedicalAssistance,
    /// Education assistance (助学救助).
    #[sea_orm(string_value = "EDUCATION_ASSISTANCE")]
    EducationAssistance,
    /// Housing assistance (住房救助).
    #[sea_orm(string_value = "HOUSING_ASSISTANCE")]
    HousingAssistance,
    /// Re-employment preferences (再就业优惠).
    #[sea_orm(string_value = "REEMPLOYMENT_PREFERENCE")]
    ReemploymentPreference,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Status of a hardship case (档案状态).
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
pub enum CaseStatus {
    /// Being prepared by the caseworker (草稿).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Submitted to 综合部, awaiting initial review (已提交).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Initial review passed, awaiting the leading group's review (综合部初核通过).
    #[sea_orm(string_value = "INITIAL_REVIEWED")]
    InitialReviewed,
    /// Group review passed, awaiting approval (领导小组复核通过).
    #[sea_orm(string_value = "GROUP_REVIEWED")]
    GroupReviewed,
    /// Approved (审批通过); the public notice starts at once.
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Publicly posted for objections (公示中).
    #[sea_orm(string_value = "IN_NOTICE")]
    InNotice,
    /// Filed in the registry (已建档).
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    /// Out of hardship, taken off the registry (脱困撤档).
    #[sea_orm(string_value = "EXITED")]
    Exited,
    /// Rejected at a review (未通过).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Withdrawn as a draft by its author or a caseworker (撤回); kept in the history, it
    /// counts toward nothing.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Hardship level (困难程度).
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
pub enum HardshipLevel {
    /// Extreme hardship (特困): per-capita income below the local poverty line.
    #[sea_orm(string_value = "EXTREME")]
    Extreme,
    /// Hardship (困难): eligible on another criterion.
    #[sea_orm(string_value = "ORDINARY")]
    Ordinary,
}

/// Decision at a review step (审核意见).
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
pub enum ReviewDecision {
    /// Pass to the next stage (同意).
    #[sea_orm(string_value = "APPROVE")]
    Approve,
    /// Reject the case (不同意).
    #[sea_orm(string_value = "REJECT")]
    Reject,
    /// Return to the caseworker for correction (退回补正).
    #[sea_orm(string_value = "RETURN")]
    Return,
}

/// Coded reason for taking a case off the registry (撤档原因).
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
pub enum ExitReason {
    /// Re-employed (再就业).
    #[sea_orm(string_value = "REEMPLOYED")]
    Reemployed,
    /// Income above the line (收入超过标准).
    #[sea_orm(string_value = "INCOME_ABOVE_LINE")]
    IncomeAboveLine,
    /// Moved away (迁出).
    #[sea_orm(string_value = "MOVED_AWAY")]
    MovedAway,
    /// Deceased (去世).
    #[sea_orm(string_value = "DECEASED")]
    Deceased,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Kind of supporting document (证明材料).
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentKind {
    /// Copy of ID card and household register (身份证和户口本复印件).
    #[sea_orm(string_value = "ID_AND_HUKOU_COPY")]
    IdAndHukouCopy,
    /// Income certificates of the worker and household members (工资收入证明和困难证明).
    #[sea_orm(string_value = "INCOME_CERTIFICATE")]
    IncomeCertificate,
    /// Copy of the worker's bank card (银行卡复印件).
    #[sea_orm(string_value = "BANK_CARD_COPY")]
    BankCardCopy,
    /// Diagnosis from a public hospital of grade 2 or above, within a year (二级以上公立医院诊断证明).
    #[sea_orm(string_value = "DIAGNOSIS_CERTIFICATE")]
    DiagnosisCertificate,
    /// Disability certificate (残疾人证).
    #[sea_orm(string_value = "DISABILITY_CERTIFICATE")]
    DisabilityCertificate,
}

/// Kind of calendar exception (日历例外).
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
pub enum DayKind {
    /// Public holiday, not a working day (法定节假日).
    #[sea_orm(string_value = "HOLIDAY")]
    Holiday,
    /// Weekend day worked in exchange for a holiday (调休上班日).
    #[sea_orm(string_value = "MAKEUP_WORKDAY")]
    MakeupWorkday,
}

/// Kind of fund (资金类型).
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
pub enum FundKind {
    /// Hardship assistance fund (帮扶资金), accounted separately by 财务部.
    #[sea_orm(string_value = "ASSISTANCE")]
    Assistance,
    /// Mutual-aid fund (帮扶基金): pays only contributors and their spouse, children and parents.
    #[sea_orm(string_value = "MUTUAL_AID")]
    MutualAid,
}

/// Category of fund income (资金来源).
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
pub enum IncomeCategory {
    /// Allocation from the union or the company (拨款).
    #[sea_orm(string_value = "ALLOCATION")]
    Allocation,
    /// Donation (捐款), with the donor recorded.
    #[sea_orm(string_value = "DONATION")]
    Donation,
    /// Adjustment of income distribution (收入分配调节).
    #[sea_orm(string_value = "PAYROLL_ADJUSTMENT")]
    PayrollAdjustment,
    /// Paid social services by staff (有偿社会服务).
    #[sea_orm(string_value = "PAID_SERVICES")]
    PaidServices,
    /// Income from investing idle funds (投资收益).
    #[sea_orm(string_value = "INVESTMENT_INCOME")]
    InvestmentIncome,
}

/// Kind of ledger entry (账目类型).
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
pub enum EntryKind {
    /// Money in (收入).
    #[sea_orm(string_value = "INCOME")]
    Income,
    /// Money out to a beneficiary (支出).
    #[sea_orm(string_value = "PAYOUT")]
    Payout,
    /// Correction that cancels an earlier entry (冲正).
    #[sea_orm(string_value = "REVERSAL")]
    Reversal,
    /// Money out for goods bought for in-kind aid (爱心超市采购支出).
    #[sea_orm(string_value = "PURCHASE")]
    Purchase,
}

/// Assistance item of the subsidy standards (救助项目).
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
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubsidyItem {
    /// 低保 family in hardship: 500 per time, at most twice a year (享受低保、生活困难).
    #[sea_orm(string_value = "MINIMUM_ALLOWANCE_HARDSHIP")]
    MinimumAllowanceHardship,
    /// 低保 family with serious illness in hospital or long chronic illness: 2000 per time, at most twice a year (重大疾病住院或长期慢性病).
    #[sea_orm(string_value = "SERIOUS_OR_CHRONIC_ILLNESS")]
    SeriousOrChronicIllness,
    /// 低保 family with cancer or another terminal illness: 5000 once (癌症或其他绝症, 一次性).
    #[sea_orm(string_value = "TERMINAL_ILLNESS")]
    TerminalIllness,
    /// Accident or disaster: at the reviewers' discretion, up to a cap (意外灾害, 酌情救助).
    #[sea_orm(string_value = "DISASTER")]
    Disaster,
}

/// Status of an assistance application (救助申请状态).
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
pub enum ApplicationStatus {
    /// Being prepared (草稿).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Submitted to 综合部, awaiting initial review (已提交).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Initial review passed, awaiting the leading group (综合部初核通过).
    #[sea_orm(string_value = "INITIAL_REVIEWED")]
    InitialReviewed,
    /// Group review passed, awaiting approval (领导小组复核通过).
    #[sea_orm(string_value = "GROUP_REVIEWED")]
    GroupReviewed,
    /// Approved (批准); the public notice starts at once.
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Publicly posted (公示中).
    #[sea_orm(string_value = "IN_NOTICE")]
    InNotice,
    /// Notice ended: to be paid in the next batch (待发放).
    #[sea_orm(string_value = "PAYABLE")]
    Payable,
    /// Paid (已发放).
    #[sea_orm(string_value = "PAID")]
    Paid,
    /// Rejected at a review (未通过).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Withdrawn as a draft by its author or a caseworker (撤回); kept in the history, it
    /// counts toward nothing.
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// When a payout batch is paid (发放时机): 「于每年春节和中秋节下拨」.
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
pub enum PayoutOccasion {
    /// Spring Festival (春节).
    #[sea_orm(string_value = "SPRING_FESTIVAL")]
    SpringFestival,
    /// Mid-Autumn Festival (中秋节).
    #[sea_orm(string_value = "MID_AUTUMN")]
    MidAutumn,
    /// A seasonal care campaign (送温暖 / 送清凉 / 金秋助学).
    #[sea_orm(string_value = "CAMPAIGN")]
    Campaign,
}

/// Status of a payout batch (发放批次状态).
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
pub enum BatchStatus {
    /// Prepared, awaiting approval (待审批).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Approved: items may be paid (已审批).
    #[sea_orm(string_value = "APPROVED")]
    Approved,
}

/// Status of one payout (发放状态).
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
pub enum PayoutItemStatus {
    /// Not yet paid (待发放).
    #[sea_orm(string_value = "PENDING")]
    Pending,
    /// Paid, with a bank reference (已发放).
    #[sea_orm(string_value = "PAID")]
    Paid,
}

/// Kind of condolence (慰问类型), by the company union's rules.
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
pub enum CondolenceKind {
    /// Hospital stay of a week or more (住院一周以上): 500 without surgery, 1000 with surgery up to a month, 1500 with surgery over a month.
    #[sea_orm(string_value = "HOSPITALIZATION")]
    Hospitalization,
    /// Major malignant disease (重大恶性疾病): 2000.
    #[sea_orm(string_value = "MAJOR_DISEASE")]
    MajorDisease,
    /// Injury at work (工伤): 1000, or 1500-2000 if serious.
    #[sea_orm(string_value = "WORK_INJURY")]
    WorkInjury,
    /// Death of the worker (在职员工去世): 2000.
    #[sea_orm(string_value = "DEATH_OF_WORKER")]
    DeathOfWorker,
    /// Death of a direct relative (直系亲属去世): 500-2000.
    #[sea_orm(string_value = "DEATH_OF_RELATIVE")]
    DeathOfRelative,
}

/// Status of a condolence (慰问状态).
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
pub enum CondolenceStatus {
    /// Listed by the branch union (分工会上报).
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    /// Approved by the company union (公司工会审定).
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Not approved (未通过).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Paid (已发放).
    #[sea_orm(string_value = "PAID")]
    Paid,
}

/// Kind of seasonal care campaign (季节性慰问).
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
pub enum CampaignKind {
    /// Send warmth at Spring Festival (送温暖).
    #[sea_orm(string_value = "WARMTH")]
    Warmth,
    /// Send coolness in summer (送清凉).
    #[sea_orm(string_value = "COOLNESS")]
    Coolness,
    /// Golden-autumn school aid (金秋助学).
    #[sea_orm(string_value = "SCHOOL_AID")]
    SchoolAid,
}

/// Category of a job seeker (求职人员类别); the first four are served free (免费服务).
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
pub enum SeekerCategory {
    /// Laid-off or unemployed (下岗失业人员), served free.
    #[sea_orm(string_value = "LAID_OFF_UNEMPLOYED")]
    LaidOffUnemployed,
    /// Landless farmer (失地农民), served free.
    #[sea_orm(string_value = "LANDLESS_FARMER")]
    LandlessFarmer,
    /// Migrant worker (农民工 / 进城务工人员), served free.
    #[sea_orm(string_value = "MIGRANT_WORKER")]
    MigrantWorker,
    /// Worker in hardship linked to a case (困难职工), served free.
    #[sea_orm(string_value = "HARDSHIP_WORKER")]
    HardshipWorker,
    /// Graduate (高校毕业生).
    #[sea_orm(string_value = "GRADUATE")]
    Graduate,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Status of a job seeker (求职状态).
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
pub enum SeekerStatus {
    /// Looking for work (求职中).
    #[sea_orm(string_value = "SEEKING")]
    Seeking,
    /// Placed in a job (已就业).
    #[sea_orm(string_value = "PLACED")]
    Placed,
    /// No longer looking (暂停求职).
    #[sea_orm(string_value = "INACTIVE")]
    Inactive,
}

/// Why an employer is flagged (用工单位警示).
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
pub enum FlagReason {
    /// Recorded wage arrears (拖欠工资).
    #[sea_orm(string_value = "WAGE_ARREARS")]
    WageArrears,
    /// Recorded labour dispute (劳动争议).
    #[sea_orm(string_value = "LABOUR_DISPUTE")]
    LabourDispute,
}

/// Status of a posting (岗位状态).
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
pub enum PostingStatus {
    /// Not yet published (草稿).
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    /// Published, taking referrals (招聘中).
    #[sea_orm(string_value = "OPEN")]
    Open,
    /// All positions filled (已招满).
    #[sea_orm(string_value = "FILLED")]
    Filled,
    /// Closed by the employer or the agency (已关闭).
    #[sea_orm(string_value = "CLOSED")]
    Closed,
    /// Past its expiry date (已过期).
    #[sea_orm(string_value = "EXPIRED")]
    Expired,
}

/// Status of a referral (推荐状态).
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
pub enum ReferralStatus {
    /// Referral letter issued (已开具介绍信).
    #[sea_orm(string_value = "REFERRED")]
    Referred,
    /// Interviewing (面试中).
    #[sea_orm(string_value = "INTERVIEWING")]
    Interviewing,
    /// Hired: a placement (介绍成功).
    #[sea_orm(string_value = "HIRED")]
    Hired,
    /// Not taken by the employer (未录用).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Did not attend (未到场).
    #[sea_orm(string_value = "NO_SHOW")]
    NoShow,
    /// Withdrawn by the seeker or the agency (撤回).
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Agency service whose fee was waived (减免项目).
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
pub enum WaivedService {
    /// Job-seeker registration (求职登记).
    #[sea_orm(string_value = "REGISTRATION")]
    Registration,
    /// Job referral (职业介绍).
    #[sea_orm(string_value = "REFERRAL")]
    Referral,
    /// Vocational training (职业培训).
    #[sea_orm(string_value = "TRAINING")]
    Training,
    /// Job fair admission (招聘会).
    #[sea_orm(string_value = "JOB_FAIR")]
    JobFair,
}

/// Kind of job fair (招聘会类型).
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
pub enum FairKind {
    /// Special fair for laid-off and unemployed workers (下岗失业人员专场).
    #[sea_orm(string_value = "LAID_OFF_SPECIAL")]
    LaidOffSpecial,
    /// Fair for migrant workers (农民工专场).
    #[sea_orm(string_value = "MIGRANT_WORKER")]
    MigrantWorker,
    /// Fair for 4050 workers (4050人员专场).
    #[sea_orm(string_value = "OLDER_WORKER_4050")]
    #[graphql(name = "OLDER_WORKER_4050")]
    #[serde(rename = "OLDER_WORKER_4050")]
    OlderWorker4050,
    /// General fair (综合招聘会).
    #[sea_orm(string_value = "GENERAL")]
    General,
}

/// Status of a training enrolment (培训状态).
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
pub enum EnrollmentStatus {
    /// Enrolled (在训).
    #[sea_orm(string_value = "ENROLLED")]
    Enrolled,
    /// Completed and passed (合格).
    #[sea_orm(string_value = "PASSED")]
    Passed,
    /// Completed, not passed (不合格).
    #[sea_orm(string_value = "FAILED")]
    Failed,
    /// Left the course (退训).
    #[sea_orm(string_value = "DROPPED")]
    Dropped,
}

/// Kind of certificate (证书类型).
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
pub enum CertificateKind {
    /// Training completion certificate (培训合格证).
    #[sea_orm(string_value = "TRAINING_COMPLETION")]
    TrainingCompletion,
    /// Vocational qualification certificate, levels 5 to 1 (职业资格等级证书).
    #[sea_orm(string_value = "VOCATIONAL_QUALIFICATION")]
    VocationalQualification,
}
