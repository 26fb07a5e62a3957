//! Enumerations of the service desk (帮扶服务中心前台): contacts to 12351 and visitors,
//! petitions (信访), legal aid (法律援助), women workers' rights (女职工维权) and model
//! workers (劳模).

use async_graphql::Enum;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// How a contact reached the service desk (来访渠道): 「书面信访、口头表达、登门面谈」 and the 12351 hotline.
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
pub enum ContactChannel {
    /// A call to the 12351 hotline (12351 热线来电).
    #[sea_orm(string_value = "HOTLINE")]
    Hotline,
    /// A visit in person (来访, 登门面谈).
    #[sea_orm(string_value = "VISIT")]
    Visit,
    /// A letter (来信, 书面信访).
    #[sea_orm(string_value = "LETTER")]
    Letter,
    /// A message left online (网上留言).
    #[sea_orm(string_value = "ONLINE")]
    Online,
}

/// Topic of a contact (诉求类别), from the desk's coded list.
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
pub enum ContactTopic {
    /// Wage arrears (欠薪).
    #[sea_orm(string_value = "WAGE_ARREARS")]
    WageArrears,
    /// Labour dispute (劳动争议).
    #[sea_orm(string_value = "LABOUR_DISPUTE")]
    LabourDispute,
    /// Help in hardship (困难帮扶).
    #[sea_orm(string_value = "HARDSHIP_HELP")]
    HardshipHelp,
    /// Looking for work (求职).
    #[sea_orm(string_value = "JOB_WANTED")]
    JobWanted,
    /// Legal advice (法律咨询).
    #[sea_orm(string_value = "LEGAL_ADVICE")]
    LegalAdvice,
    /// Women workers' rights (女职工维权).
    #[sea_orm(string_value = "WOMEN_RIGHTS")]
    WomenRights,
    /// Question on a policy (政策咨询).
    #[sea_orm(string_value = "POLICY_QUESTION")]
    PolicyQuestion,
    /// Complaint about the union (对工会的投诉).
    #[sea_orm(string_value = "UNION_COMPLAINT")]
    UnionComplaint,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Where a contact stands (处理状态).
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
pub enum ContactStatus {
    /// Logged, not yet answered or turned into anything (待处理).
    #[sea_orm(string_value = "OPEN")]
    Open,
    /// Answered on the spot (当场答复).
    #[sea_orm(string_value = "ANSWERED")]
    Answered,
    /// Turned into a follow-up: a screening, a job-seeker file, a legal-aid case or a petition (已转办).
    #[sea_orm(string_value = "CONVERTED")]
    Converted,
}

/// What a contact was turned into (转办去向).
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
pub enum ContactConversion {
    /// A screening of the worker for the hardship registry (困难职工摸底识别).
    #[sea_orm(string_value = "SCREENING")]
    Screening,
    /// A job-seeker registration (求职登记).
    #[sea_orm(string_value = "JOB_SEEKER")]
    JobSeeker,
    /// A legal-aid case (法律援助).
    #[sea_orm(string_value = "LEGAL_AID")]
    LegalAid,
    /// A petition (信访事项).
    #[sea_orm(string_value = "PETITION")]
    Petition,
    /// A confidential women workers' rights case (女职工维权案件), filed with
    /// `createWomenRightsCase`.
    #[sea_orm(string_value = "WOMEN_RIGHTS")]
    WomenRights,
}

/// Status of a petition (信访事项状态).
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
pub enum PetitionStatus {
    /// Received, awaiting the decision to accept (已登记, 待受理).
    #[sea_orm(string_value = "RECEIVED")]
    Received,
    /// Accepted, being handled (已受理, 办理中).
    #[sea_orm(string_value = "ACCEPTED")]
    Accepted,
    /// Not accepted, with the reason told to the petitioner (不予受理).
    #[sea_orm(string_value = "DECLINED")]
    Declined,
    /// Handled and answered (已办结答复).
    #[sea_orm(string_value = "ANSWERED")]
    Answered,
    /// The petitioner asked for a review of the answer (申请复查).
    #[sea_orm(string_value = "REVIEW_REQUESTED")]
    ReviewRequested,
    /// The review is answered (复查已答复).
    #[sea_orm(string_value = "REVIEWED")]
    Reviewed,
}

/// A period of the petition rules (信访办理期限), in calendar days.
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
pub enum PetitionPeriod {
    /// Days from receipt to the decision to accept or not (受理期限, 15 日).
    #[sea_orm(string_value = "ACCEPTANCE")]
    Acceptance,
    /// Days from acceptance to the answer (办理期限, 60 日).
    #[sea_orm(string_value = "ANSWER")]
    Answer,
    /// Most days the answer may be put off, once, with a reason (延长期限, 30 日).
    #[sea_orm(string_value = "EXTENSION")]
    Extension,
    /// Days after the answer within which a review may be asked (申请复查期限, 30 日).
    #[sea_orm(string_value = "REVIEW_REQUEST")]
    ReviewRequest,
    /// Days from the request to the review's answer (复查期限, 30 日).
    #[sea_orm(string_value = "REVIEW_ANSWER")]
    ReviewAnswer,
}

/// What a legal-aid case claims (诉求类型).
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
pub enum LegalClaim {
    /// Unpaid wages (追索劳动报酬).
    #[sea_orm(string_value = "UNPAID_WAGES")]
    UnpaidWages,
    /// Social insurance not paid (社会保险).
    #[sea_orm(string_value = "SOCIAL_INSURANCE")]
    SocialInsurance,
    /// Injury at work (工伤待遇).
    #[sea_orm(string_value = "WORK_INJURY")]
    WorkInjury,
    /// Unlawful dismissal (违法解除劳动合同).
    #[sea_orm(string_value = "DISMISSAL")]
    Dismissal,
    /// Other (其他).
    #[sea_orm(string_value = "OTHER")]
    Other,
}

/// Status of a legal-aid case (法律援助状态).
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
pub enum LegalAidStatus {
    /// Applied for, awaiting review (已申请, 待审查).
    #[sea_orm(string_value = "APPLIED")]
    Applied,
    /// Approved, awaiting a legal-aid worker (已批准, 待指派).
    #[sea_orm(string_value = "APPROVED")]
    Approved,
    /// Not approved (不予援助).
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    /// Assigned and being handled (办理中).
    #[sea_orm(string_value = "IN_PROGRESS")]
    InProgress,
    /// Closed with an outcome (已结案).
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// A step of a labour dispute (争议处理阶段), in the order a case may take them.
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
pub enum LegalAidStage {
    /// Consultation with the employer (协商).
    #[sea_orm(string_value = "CONSULTATION")]
    Consultation,
    /// Mediation (调解).
    #[sea_orm(string_value = "MEDIATION")]
    Mediation,
    /// Labour arbitration (劳动仲裁).
    #[sea_orm(string_value = "ARBITRATION")]
    Arbitration,
    /// Litigation in court (诉讼).
    #[sea_orm(string_value = "LITIGATION")]
    Litigation,
}

/// How a legal-aid case ended (结案结果).
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
pub enum LegalAidOutcome {
    /// Won (胜诉 / 裁决支持).
    #[sea_orm(string_value = "WON")]
    Won,
    /// Settled (和解 / 调解成功).
    #[sea_orm(string_value = "SETTLED")]
    Settled,
    /// Lost (败诉 / 裁决驳回).
    #[sea_orm(string_value = "LOST")]
    Lost,
    /// Withdrawn by the worker (撤回).
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// Kind of a women workers' rights case (女职工维权类别).
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
pub enum WomenRightsKind {
    /// Protection in pregnancy (孕期保护).
    #[sea_orm(string_value = "PREGNANCY")]
    Pregnancy,
    /// Protection in maternity leave (产期保护).
    #[sea_orm(string_value = "MATERNITY")]
    Maternity,
    /// Protection while nursing (哺乳期保护).
    #[sea_orm(string_value = "NURSING")]
    Nursing,
    /// Discrimination in hiring (招聘性别歧视).
    #[sea_orm(string_value = "HIRING_DISCRIMINATION")]
    HiringDiscrimination,
    /// Discrimination in pay (同工不同酬).
    #[sea_orm(string_value = "PAY_DISCRIMINATION")]
    PayDiscrimination,
    /// Sexual harassment (性骚扰).
    #[sea_orm(string_value = "SEXUAL_HARASSMENT")]
    SexualHarassment,
}

/// Status of a women workers' rights case (维权案件状态).
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
pub enum WomenRightsStatus {
    /// Being handled (办理中).
    #[sea_orm(string_value = "OPEN")]
    Open,
    /// Closed (已办结).
    #[sea_orm(string_value = "CLOSED")]
    Closed,
}

/// Level of a model worker's title (劳模级别).
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
pub enum ModelWorkerLevel {
    /// National (全国劳动模范).
    #[sea_orm(string_value = "NATIONAL")]
    National,
    /// Provincial (省级劳动模范).
    #[sea_orm(string_value = "PROVINCIAL")]
    Provincial,
    /// City (市级劳动模范).
    #[sea_orm(string_value = "CITY")]
    City,
}
