//! Chinese labels of the stored codes, as a union office writes them in its tables
//! (`EXTREME` → 特困, `SPOUSE` → 配偶). The GraphQL schema keeps the English codes; a
//! spreadsheet is read by people.

use entity::{
    ApplicationStatus, CampaignKind, CaseStatus, Cause, CondolenceKind, DocumentKind, Education,
    EmploymentStatus, EmploymentType, Gender, HardshipLevel, Health, Kinship, Occupation,
    PayoutItemStatus, PayoutOccasion, Relief, Schooling, SubsidyItem,
};

/// The Chinese label of a code.
pub trait Label {
    fn label(&self) -> &'static str;
}

impl Label for Gender {
    fn label(&self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

impl Label for HardshipLevel {
    fn label(&self) -> &'static str {
        match self {
            HardshipLevel::Extreme => "特困",
            HardshipLevel::Ordinary => "困难",
        }
    }
}

impl Label for CaseStatus {
    fn label(&self) -> &'static str {
        match self {
            CaseStatus::Draft => "草稿",
            CaseStatus::Submitted => "已提交",
            CaseStatus::InitialReviewed => "综合部初核通过",
            CaseStatus::GroupReviewed => "领导小组复核通过",
            CaseStatus::Approved => "审批通过",
            CaseStatus::InNotice => "公示中",
            CaseStatus::Active => "已建档",
            CaseStatus::Exited => "脱困撤档",
            CaseStatus::Rejected => "未通过",
            CaseStatus::Withdrawn => "已撤回",
        }
    }
}

impl Label for ApplicationStatus {
    fn label(&self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "草稿",
            ApplicationStatus::Submitted => "已提交",
            ApplicationStatus::InitialReviewed => "综合部初核通过",
            ApplicationStatus::GroupReviewed => "领导小组复核通过",
            ApplicationStatus::Approved => "批准",
            ApplicationStatus::InNotice => "公示中",
            ApplicationStatus::Payable => "待发放",
            ApplicationStatus::Paid => "已发放",
            ApplicationStatus::Rejected => "未通过",
            ApplicationStatus::Withdrawn => "已撤回",
        }
    }
}

impl Label for Cause {
    fn label(&self) -> &'static str {
        match self {
            Cause::LaidOff => "下岗失业",
            Cause::SeriousIllness => "大病",
            Cause::ChildSchooling => "子女上学",
            Cause::LowIncome => "收入低",
            Cause::Disaster => "天灾人祸",
            Cause::Disability => "残疾",
            Cause::SingleParent => "单亲",
            Cause::Other => "其他",
        }
    }
}

impl Label for Relief {
    fn label(&self) -> &'static str {
        match self {
            Relief::LivingAssistance => "生活救助",
            Relief::MinimumAllowance => "低保",
            Relief::MedicalAssistance => "医疗救助",
            Relief::EducationAssistance => "助学救助",
            Relief::HousingAssistance => "住房救助",
            Relief::ReemploymentPreference => "再就业优惠",
            Relief::Other => "其他",
        }
    }
}

impl Label for Kinship {
    fn label(&self) -> &'static str {
        match self {
            Kinship::Worker => "本人",
            Kinship::Spouse => "配偶",
            Kinship::Child => "子女",
            Kinship::Parent => "父母",
            Kinship::Other => "其他",
        }
    }
}

impl Label for Health {
    fn label(&self) -> &'static str {
        match self {
            Health::Healthy => "健康",
            Health::ChronicIllness => "长期慢性病",
            Health::SeriousIllness => "重病",
            Health::TerminalIllness => "癌症或其他绝症",
        }
    }
}

impl Label for Schooling {
    fn label(&self) -> &'static str {
        match self {
            Schooling::NotInSchool => "未就学",
            Schooling::School => "在校就读",
            Schooling::University => "大学就读",
            Schooling::HighFeePrivateSchool => "高收费私立学校",
            Schooling::SelfFundedAbroad => "自费出国留学",
        }
    }
}

impl Label for DocumentKind {
    fn label(&self) -> &'static str {
        match self {
            DocumentKind::IdAndHukouCopy => "身份证和户口本复印件",
            DocumentKind::IncomeCertificate => "工资收入证明和困难证明",
            DocumentKind::BankCardCopy => "银行卡复印件",
            DocumentKind::DiagnosisCertificate => "二级以上公立医院诊断证明",
            DocumentKind::DisabilityCertificate => "残疾人证",
        }
    }
}

impl Label for EmploymentType {
    fn label(&self) -> &'static str {
        match self {
            EmploymentType::Formal => "正式职工",
            EmploymentType::Dispatched => "劳务派遣",
            EmploymentType::InternalRetirement => "内退",
            EmploymentType::Retired => "退休",
            EmploymentType::WorkInjuryDeathFamily => "工亡家属",
            EmploymentType::DisabilityRetired => "伤残退休",
        }
    }
}

impl Label for EmploymentStatus {
    fn label(&self) -> &'static str {
        match self {
            EmploymentStatus::Employed => "在岗",
            EmploymentStatus::LaidOff => "下岗",
            EmploymentStatus::Unemployed => "失业",
        }
    }
}

impl Label for Education {
    fn label(&self) -> &'static str {
        match self {
            Education::Illiterate => "文盲",
            Education::Primary => "小学",
            Education::JuniorHigh => "初中",
            Education::SeniorHigh => "高中/中专",
            Education::CollegeOrAbove => "大专及以上",
        }
    }
}

impl Label for Occupation {
    fn label(&self) -> &'static str {
        match self {
            Occupation::Worker => "工人",
            Occupation::Manager => "经营管理人员",
            Occupation::Professional => "专业技术人员",
            Occupation::Other => "其他",
        }
    }
}

impl Label for SubsidyItem {
    fn label(&self) -> &'static str {
        match self {
            SubsidyItem::MinimumAllowanceHardship => "低保家庭生活困难救助",
            SubsidyItem::SeriousOrChronicIllness => "重大疾病住院或长期慢性病救助",
            SubsidyItem::TerminalIllness => "癌症或其他绝症一次性救助",
            SubsidyItem::Disaster => "意外灾害救助",
        }
    }
}

impl Label for CondolenceKind {
    fn label(&self) -> &'static str {
        match self {
            CondolenceKind::Hospitalization => "住院慰问",
            CondolenceKind::MajorDisease => "重大恶性疾病慰问",
            CondolenceKind::WorkInjury => "工伤慰问",
            CondolenceKind::DeathOfWorker => "在职员工去世慰问",
            CondolenceKind::DeathOfRelative => "直系亲属去世慰问",
        }
    }
}

impl Label for CampaignKind {
    fn label(&self) -> &'static str {
        match self {
            CampaignKind::Warmth => "送温暖",
            CampaignKind::Coolness => "送清凉",
            CampaignKind::SchoolAid => "金秋助学",
        }
    }
}

impl Label for PayoutOccasion {
    fn label(&self) -> &'static str {
        match self {
            PayoutOccasion::SpringFestival => "春节",
            PayoutOccasion::MidAutumn => "中秋节",
            PayoutOccasion::Campaign => "慰问活动",
        }
    }
}

impl Label for PayoutItemStatus {
    fn label(&self) -> &'static str {
        match self {
            PayoutItemStatus::Pending => "待发放",
            PayoutItemStatus::Paid => "已发放",
        }
    }
}

impl Label for bool {
    fn label(&self) -> &'static str {
        if *self { "是" } else { "否" }
    }
}

/// The label of a stored eligibility code (建档标准 / 不予建档情形); an unknown code is
/// shown as it is.
pub fn criterion(code: &str) -> &str {
    match code {
        "BELOW_LINE" => "家庭人均收入低于当地最低生活保障线",
        "NEAR_LINE_WITH_CAUSE" => "人均收入不高于低保线150%且因病、学、残、单亲等致困",
        "DISASTER" => "遭遇意外灾害，损失巨大",
        "SPECIAL_FAMILY" => "单亲丧偶、单身重病、两人重病或重病且子女上大学",
        "EXCLUDED_MULTIPLE_HOMES" => "拥有2套以上（含）住宅",
        "EXCLUDED_BUSINESS" => "拥有商业店铺或雇佣他人从事经营活动",
        "EXCLUDED_HIGH_FEE_SCHOOLING" => "子女进入高收费私立学校或自费出国留学",
        "EXCLUDED_VEHICLES" => "非受雇佣经常使用机动车辆、工程机械",
        "EXCLUDED_PERSON_TYPE" => "退休、工亡家属或伤残退休人员不纳入建档",
        other => other,
    }
}

/// Labels joined with the Chinese enumeration comma (`下岗失业、大病`).
pub fn joined<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    labels.into_iter().collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_a_union_office_writes_them() {
        assert_eq!(HardshipLevel::Extreme.label(), "特困");
        assert_eq!(HardshipLevel::Ordinary.label(), "困难");
        assert_eq!(Kinship::Worker.label(), "本人");
        assert_eq!(CaseStatus::Active.label(), "已建档");
        assert_eq!(true.label(), "是");
        assert_eq!(
            criterion("BELOW_LINE"),
            "家庭人均收入低于当地最低生活保障线"
        );
        assert_eq!(criterion("NEW_CODE"), "NEW_CODE");
        assert_eq!(
            joined([Cause::LaidOff.label(), Cause::SeriousIllness.label()]),
            "下岗失业、大病"
        );
    }
}
