//! Chinese labels (中文名称) of the stored codes: one table per enum, read both ways. The
//! label is what exports and forms print (`EXTREME` → 特困, `SPOUSE` → 配偶); the report
//! word is what the survey report (统计报表) prints where it words a bucket differently
//! (高中(中专)); the accepted words are what imports (批量导入) read, the first of them
//! shown in an import's choices. The GraphQL schema keeps the English codes.

use entity::{
    ApplicationStatus, CampaignKind, CaseStatus, Cause, CertificateKind, CommunityEventKind,
    CondolenceKind, ContactChannel, ContactConversion, ContactTopic, DocumentKind, DomesticService,
    Education, EmploymentStatus, EmploymentType, Gender, GoodsCategory, HardshipLevel, Health,
    Industry, Kinship, LegalAidOutcome, LegalClaim, MovementKind, Occupation, Ownership,
    PayoutItemStatus, PayoutOccasion, Relief, Schooling, SeekerCategory, ServiceArrangement,
    SubsidyItem, WomenRightsKind,
};

/// One row of a table: a value and its words.
#[derive(Debug, Clone, Copy)]
pub struct Entry<T: 'static> {
    pub value: T,
    /// Printed by exports and forms (导出).
    pub label: &'static str,
    /// Printed by the survey report (统计报表).
    pub report: &'static str,
    /// Read by imports (导入); the first is shown in the choices.
    pub accepted: &'static [&'static str],
}

/// A value with a row in a table of Chinese words.
pub trait Label: Copy + PartialEq + 'static {
    /// Every value with its words, in the order they are listed.
    fn table() -> &'static [Entry<Self>];

    /// The row of this value.
    fn entry(self) -> Option<&'static Entry<Self>> {
        Self::table().iter().find(|e| e.value == self)
    }

    /// The label exports and forms print (导出).
    fn label(self) -> &'static str {
        self.entry().map_or("", |e| e.label)
    }

    /// The word the survey report prints (统计报表).
    fn report(self) -> &'static str {
        self.entry().map_or("", |e| e.report)
    }

    /// The value of a word an import accepts (see [`parse`]).
    fn parse(text: &str) -> Option<Self> {
        parse(Self::table(), text)
    }

    /// The words to suggest on an import error (see [`choices`]).
    fn choices() -> String {
        choices(Self::table())
    }
}

/// The value of a word an import accepts: trimmed, full-width brackets ignored
/// (`高中（中专）` reads as `高中中专`).
pub fn parse<T: Copy>(table: &[Entry<T>], text: &str) -> Option<T> {
    let text = without_brackets(text.trim());
    table
        .iter()
        .find(|e| e.accepted.iter().any(|w| without_brackets(w) == text))
        .map(|e| e.value)
}

/// The words to suggest on an import error: the first accepted word of each value
/// (`男/女`).
pub fn choices<T>(table: &[Entry<T>]) -> String {
    table
        .iter()
        .filter_map(|e| e.accepted.first().copied())
        .collect::<Vec<_>>()
        .join("/")
}

fn without_brackets(text: &str) -> String {
    text.replace(['（', '）'], "")
}

/// The first expression given, else the default after `;`.
macro_rules! or {
    (; $default:expr) => {
        $default
    };
    ($given:expr ; $default:expr) => {
        $given
    };
}

/// A table `$name` of `$ty` and its `Label` impl. Each row: `Variant => "label"`, then
/// optionally `report "word"` when the survey report words it otherwise, and `import
/// ["word", …]` when an import reads other words than the label alone (listed in full,
/// the shown one first).
macro_rules! table {
    ($(#[$doc:meta])* $name:ident: $ty:ident {
        $($variant:ident => $label:literal
            $(report $report:literal)?
            $(import [$($word:literal),+ $(,)?])?;)+
    }) => {
        $(#[$doc])*
        pub const $name: &[Entry<$ty>] = &[$(Entry {
            value: $ty::$variant,
            label: $label,
            report: or!($($report)? ; $label),
            accepted: or!($(&[$($word),+])? ; &[$label]),
        }),+];

        impl Label for $ty {
            fn table() -> &'static [Entry<Self>] {
                $name
            }
        }
    };
}

table! {
    /// 性别.
    GENDERS: Gender {
        Male => "男";
        Female => "女";
    }
}

table! {
    /// 困难类别.
    HARDSHIP_LEVELS: HardshipLevel {
        Extreme => "特困";
        Ordinary => "困难";
    }
}

table! {
    /// 档案状态.
    CASE_STATUSES: CaseStatus {
        Draft => "草稿";
        Submitted => "已提交";
        InitialReviewed => "综合部初核通过";
        GroupReviewed => "领导小组复核通过";
        Approved => "审批通过";
        InNotice => "公示中";
        Active => "已建档";
        Exited => "脱困撤档";
        Rejected => "未通过";
        Withdrawn => "已撤回";
    }
}

table! {
    /// 申请状态.
    APPLICATION_STATUSES: ApplicationStatus {
        Draft => "草稿";
        Submitted => "已提交";
        InitialReviewed => "综合部初核通过";
        GroupReviewed => "领导小组复核通过";
        Approved => "批准";
        InNotice => "公示中";
        Payable => "待发放";
        Paid => "已发放";
        Rejected => "未通过";
        Withdrawn => "已撤回";
    }
}

table! {
    /// 致困原因.
    CAUSES: Cause {
        LaidOff => "下岗失业";
        SeriousIllness => "大病";
        ChildSchooling => "子女上学";
        LowIncome => "收入低";
        Disaster => "天灾人祸";
        Disability => "残疾";
        SingleParent => "单亲";
        Other => "其他";
    }
}

table! {
    /// 已享受救助; the report writes 其它.
    RELIEFS: Relief {
        LivingAssistance => "生活救助";
        MinimumAllowance => "低保";
        MedicalAssistance => "医疗救助";
        EducationAssistance => "助学救助";
        HousingAssistance => "住房救助";
        ReemploymentPreference => "再就业优惠";
        Other => "其他" report "其它";
    }
}

table! {
    /// 与职工关系.
    KINSHIPS: Kinship {
        Worker => "本人";
        Spouse => "配偶";
        Child => "子女";
        Parent => "父母";
        Other => "其他" import ["其他", "其它"];
    }
}

table! {
    /// 健康状况. Imports read 癌症或绝症, not the label 癌症或其他绝症.
    HEALTH: Health {
        Healthy => "健康";
        ChronicIllness => "长期慢性病" import ["长期慢性病", "慢性病"];
        SeriousIllness => "重病" import ["重病", "重大疾病"];
        TerminalIllness => "癌症或其他绝症" import ["癌症或绝症", "癌症", "绝症"];
    }
}

table! {
    /// 就学情况.
    SCHOOLING: Schooling {
        NotInSchool => "未就学" import ["未就学", "无"];
        School => "在校就读" import ["在校", "在校就读"];
        University => "大学就读" import ["大学", "大学就读"];
        HighFeePrivateSchool => "高收费私立学校";
        SelfFundedAbroad => "自费出国留学";
    }
}

table! {
    /// 建档材料.
    DOCUMENT_KINDS: DocumentKind {
        IdAndHukouCopy => "身份证和户口本复印件";
        IncomeCertificate => "工资收入证明和困难证明";
        BankCardCopy => "银行卡复印件";
        DiagnosisCertificate => "二级以上公立医院诊断证明";
        DisabilityCertificate => "残疾人证";
    }
}

table! {
    /// 用工形式 (人员类别).
    EMPLOYMENT_TYPES: EmploymentType {
        Formal => "正式职工" import ["正式", "正式职工"];
        Dispatched => "劳务派遣";
        InternalRetirement => "内退";
        Retired => "退休";
        WorkInjuryDeathFamily => "工亡家属";
        DisabilityRetired => "伤残退休";
    }
}

table! {
    /// 就业状态.
    EMPLOYMENT_STATUSES: EmploymentStatus {
        Employed => "在岗";
        LaidOff => "下岗";
        Unemployed => "失业";
    }
}

table! {
    /// 文化程度, with the spellings offices use; the report writes 高中(中专), 大专以上.
    EDUCATION: Education {
        Illiterate => "文盲";
        Primary => "小学";
        JuniorHigh => "初中";
        SeniorHigh => "高中/中专" report "高中(中专)"
            import ["高中/中专", "高中", "中专", "高中中专", "职高", "技校"];
        CollegeOrAbove => "大专及以上" report "大专以上"
            import ["大专及以上", "大专", "本科", "研究生"];
    }
}

table! {
    /// 职业.
    OCCUPATIONS: Occupation {
        Worker => "工人";
        Manager => "经营管理人员";
        Professional => "专业技术人员";
        Other => "其他" import ["其他", "其它"];
    }
}

table! {
    /// 所有制性质. Imports show 外商 first.
    OWNERSHIPS: Ownership {
        State => "国有";
        Collective => "集体";
        Foreign => "外资" import ["外商", "外资"];
        Private => "私营" import ["私营", "民营"];
        Other => "其它" import ["其它", "其他"];
    }
}

table! {
    /// 所属行业.
    INDUSTRIES: Industry {
        MachineryMetallurgy => "机械冶金";
        Construction => "建筑";
        Textiles => "纺织";
        Coal => "煤炭";
        Defence => "军工";
        Transport => "交通运输";
        PowerGas => "电力、煤气" import ["电力、煤气", "电力煤气"];
        CommerceServices => "商业饮食服务";
        ScienceEducationHealth => "科教文卫体";
        Agriculture => "农林牧渔";
        PublicBodies => "机关团体";
        Other => "其它" import ["其它", "其他"];
    }
}

table! {
    /// 人员类别 of a job seeker. Imports show 下岗失业 first.
    SEEKER_CATEGORIES: SeekerCategory {
        LaidOffUnemployed => "下岗失业人员" import ["下岗失业", "下岗失业人员"];
        LandlessFarmer => "失地农民";
        MigrantWorker => "农民工" import ["农民工", "进城务工人员"];
        HardshipWorker => "困难职工";
        Graduate => "高校毕业生";
        Other => "其他" import ["其他", "其它"];
    }
}

table! {
    /// 证书类别.
    CERTIFICATE_KINDS: CertificateKind {
        TrainingCompletion => "培训合格证";
        VocationalQualification => "职业资格等级证书";
    }
}

table! {
    /// 来访渠道.
    CONTACT_CHANNELS: ContactChannel {
        Hotline => "12351热线";
        Visit => "来访";
        Letter => "来信";
        Online => "网上留言";
    }
}

table! {
    /// 诉求类别.
    CONTACT_TOPICS: ContactTopic {
        WageArrears => "欠薪";
        LabourDispute => "劳动争议";
        HardshipHelp => "困难帮扶";
        JobWanted => "求职";
        LegalAdvice => "法律咨询";
        WomenRights => "女职工维权";
        PolicyQuestion => "政策咨询";
        UnionComplaint => "对工会的投诉";
        Other => "其他";
    }
}

table! {
    /// 转办去向.
    CONTACT_CONVERSIONS: ContactConversion {
        Screening => "困难职工摸底识别";
        JobSeeker => "求职登记";
        LegalAid => "法律援助";
        Petition => "信访事项";
        WomenRights => "女职工维权案件";
    }
}

table! {
    /// 法律援助诉求类型.
    LEGAL_CLAIMS: LegalClaim {
        UnpaidWages => "追索劳动报酬";
        SocialInsurance => "社会保险";
        WorkInjury => "工伤待遇";
        Dismissal => "违法解除劳动合同";
        Other => "其他";
    }
}

table! {
    /// 法律援助结案结果.
    LEGAL_AID_OUTCOMES: LegalAidOutcome {
        Won => "胜诉";
        Settled => "和解调解";
        Lost => "败诉";
        Withdrawn => "撤回";
    }
}

table! {
    /// 女职工维权类别.
    WOMEN_RIGHTS_KINDS: WomenRightsKind {
        Pregnancy => "孕期保护";
        Maternity => "产期保护";
        Nursing => "哺乳期保护";
        HiringDiscrimination => "招聘性别歧视";
        PayDiscrimination => "同工不同酬";
        SexualHarassment => "性骚扰";
    }
}

table! {
    /// 物资类别.
    GOODS_CATEGORIES: GoodsCategory {
        GrainAndOil => "粮油";
        Clothing => "衣物" import ["衣物", "衣服", "服装"];
        DailyNecessities => "日用品";
        Other => "其他" import ["其他", "其它"];
    }
}

table! {
    /// 家政服务项目.
    DOMESTIC_SERVICES: DomesticService {
        Cooking => "做饭";
        Cleaning => "保洁";
        ElderlyCare => "养老护理";
        InfantCare => "育婴";
        PatientCare => "病患陪护";
        HourlyHelp => "钟点工";
    }
}

table! {
    /// 服务方式.
    SERVICE_ARRANGEMENTS: ServiceArrangement {
        Hourly => "计时";
        LiveIn => "住家";
    }
}

table! {
    /// 家政服务站活动类型.
    COMMUNITY_EVENT_KINDS: CommunityEventKind {
        CookingContest => "烹饪技能竞赛";
        IroningContest => "熨烫技能竞赛";
        WindowCleaningContest => "擦窗技能竞赛";
        PublicGood => "公益活动";
    }
}

table! {
    /// 出入库类型.
    MOVEMENT_KINDS: MovementKind {
        Donation => "捐赠入库";
        Purchase => "采购入库";
        HandOut => "发放出库";
        TransferOut => "调出";
        TransferIn => "调入";
        WriteOff => "报损";
    }
}

table! {
    /// 救助项目.
    SUBSIDY_ITEMS: SubsidyItem {
        MinimumAllowanceHardship => "低保家庭生活困难救助";
        SeriousOrChronicIllness => "重大疾病住院或长期慢性病救助";
        TerminalIllness => "癌症或其他绝症一次性救助";
        Disaster => "意外灾害救助";
    }
}

table! {
    /// 慰问类别; the report writes 员工去世慰问.
    CONDOLENCE_KINDS: CondolenceKind {
        Hospitalization => "住院慰问";
        MajorDisease => "重大恶性疾病慰问";
        WorkInjury => "工伤慰问";
        DeathOfWorker => "在职员工去世慰问" report "员工去世慰问";
        DeathOfRelative => "直系亲属去世慰问";
    }
}

table! {
    /// 慰问活动.
    CAMPAIGN_KINDS: CampaignKind {
        Warmth => "送温暖";
        Coolness => "送清凉";
        SchoolAid => "金秋助学";
    }
}

table! {
    /// 发放时节.
    PAYOUT_OCCASIONS: PayoutOccasion {
        SpringFestival => "春节";
        MidAutumn => "中秋节";
        Campaign => "慰问活动";
    }
}

table! {
    /// 发放状态.
    PAYOUT_ITEM_STATUSES: PayoutItemStatus {
        Pending => "待发放";
        Paid => "已发放";
    }
}

/// 是 / 否, and the other words an import reads for them (compared in upper case).
pub const YES_NO: &[Entry<bool>] = &[
    Entry {
        value: true,
        label: "是",
        report: "是",
        accepted: &["是", "Y", "YES", "1", "TRUE", "有"],
    },
    Entry {
        value: false,
        label: "否",
        report: "否",
        accepted: &["否", "N", "NO", "0", "FALSE", "无"],
    },
];

impl Label for bool {
    fn table() -> &'static [Entry<Self>] {
        YES_NO
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::Iterable;

    use super::*;

    /// Every value of `T` has one row, its label reads back as it (but for the
    /// `unread` ones, whose label no import accepts today), and no word is read as two
    /// values.
    fn round_trip<T: Label + Iterable + std::fmt::Debug>(unread: &[T]) {
        let values: Vec<T> = T::iter().collect();
        assert_eq!(T::table().len(), values.len());
        for v in values {
            assert_eq!(T::table().iter().filter(|e| e.value == v).count(), 1);
            assert!(!v.label().is_empty() && !v.report().is_empty(), "{v:?}");
            let expected = (!unread.contains(&v)).then_some(v);
            assert_eq!(T::parse(v.label()), expected, "{v:?} {}", v.label());
            for word in v.entry().map_or(&[][..], |e| e.accepted) {
                assert_eq!(T::parse(word), Some(v), "{v:?} {word}");
                assert_eq!(T::parse(&format!(" {word} ")), Some(v), "{v:?} {word}");
            }
        }
    }

    #[test]
    fn every_label_reads_back_as_its_value() {
        round_trip::<Gender>(&[]);
        round_trip::<HardshipLevel>(&[]);
        round_trip::<CaseStatus>(&[]);
        round_trip::<ApplicationStatus>(&[]);
        round_trip::<Cause>(&[]);
        round_trip::<Relief>(&[]);
        round_trip::<Kinship>(&[]);
        // Exports print 癌症或其他绝症; imports read 癌症或绝症, 癌症 and 绝症 only.
        round_trip::<Health>(&[Health::TerminalIllness]);
        round_trip::<Schooling>(&[]);
        round_trip::<DocumentKind>(&[]);
        round_trip::<EmploymentType>(&[]);
        round_trip::<EmploymentStatus>(&[]);
        round_trip::<Education>(&[]);
        round_trip::<Occupation>(&[]);
        round_trip::<Ownership>(&[]);
        round_trip::<Industry>(&[]);
        round_trip::<SeekerCategory>(&[]);
        round_trip::<CertificateKind>(&[]);
        round_trip::<SubsidyItem>(&[]);
        round_trip::<CondolenceKind>(&[]);
        round_trip::<CampaignKind>(&[]);
        round_trip::<PayoutOccasion>(&[]);
        round_trip::<PayoutItemStatus>(&[]);
        round_trip::<ContactChannel>(&[]);
        round_trip::<ContactTopic>(&[]);
        round_trip::<ContactConversion>(&[]);
        round_trip::<LegalClaim>(&[]);
        round_trip::<LegalAidOutcome>(&[]);
        round_trip::<WomenRightsKind>(&[]);
        round_trip::<MovementKind>(&[]);
        round_trip::<DomesticService>(&[]);
        round_trip::<GoodsCategory>(&[]);
        round_trip::<ServiceArrangement>(&[]);
        round_trip::<CommunityEventKind>(&[]);
        assert_eq!(bool::parse("是"), Some(true));
        assert_eq!(bool::parse("否"), Some(false));
        assert_eq!(true.label(), "是");
    }

    /// Every word the imports read before the tables were joined (`exchange::import`'s
    /// own lists), with the value it was read as.
    #[test]
    fn imports_read_every_word_they_read_before() {
        fn same<T: Label + std::fmt::Debug>(old: &[(&str, T)], choices: &str) {
            for (word, value) in old {
                assert_eq!(T::parse(word), Some(*value), "{word}");
            }
            let accepted: usize = T::table().iter().map(|e| e.accepted.len()).sum();
            assert_eq!(accepted, old.len(), "{old:?}");
            assert_eq!(T::choices(), choices);
        }
        use Education as E;
        same(&[("男", Gender::Male), ("女", Gender::Female)], "男/女");
        same(
            &[
                ("文盲", E::Illiterate),
                ("小学", E::Primary),
                ("初中", E::JuniorHigh),
                ("高中/中专", E::SeniorHigh),
                ("高中", E::SeniorHigh),
                ("中专", E::SeniorHigh),
                ("高中中专", E::SeniorHigh),
                ("职高", E::SeniorHigh),
                ("技校", E::SeniorHigh),
                ("大专及以上", E::CollegeOrAbove),
                ("大专", E::CollegeOrAbove),
                ("本科", E::CollegeOrAbove),
                ("研究生", E::CollegeOrAbove),
            ],
            "文盲/小学/初中/高中/中专/大专及以上",
        );
        use EmploymentType as T;
        same(
            &[
                ("正式", T::Formal),
                ("正式职工", T::Formal),
                ("劳务派遣", T::Dispatched),
                ("内退", T::InternalRetirement),
                ("退休", T::Retired),
                ("工亡家属", T::WorkInjuryDeathFamily),
                ("伤残退休", T::DisabilityRetired),
            ],
            "正式/劳务派遣/内退/退休/工亡家属/伤残退休",
        );
        use EmploymentStatus as S;
        same(
            &[
                ("在岗", S::Employed),
                ("下岗", S::LaidOff),
                ("失业", S::Unemployed),
            ],
            "在岗/下岗/失业",
        );
        use Occupation as O;
        same(
            &[
                ("工人", O::Worker),
                ("经营管理人员", O::Manager),
                ("专业技术人员", O::Professional),
                ("其他", O::Other),
                ("其它", O::Other),
            ],
            "工人/经营管理人员/专业技术人员/其他",
        );
        use Kinship as K;
        same(
            &[
                ("本人", K::Worker),
                ("配偶", K::Spouse),
                ("子女", K::Child),
                ("父母", K::Parent),
                ("其他", K::Other),
                ("其它", K::Other),
            ],
            "本人/配偶/子女/父母/其他",
        );
        use Health as H;
        same(
            &[
                ("健康", H::Healthy),
                ("长期慢性病", H::ChronicIllness),
                ("慢性病", H::ChronicIllness),
                ("重病", H::SeriousIllness),
                ("重大疾病", H::SeriousIllness),
                ("癌症或绝症", H::TerminalIllness),
                ("癌症", H::TerminalIllness),
                ("绝症", H::TerminalIllness),
            ],
            "健康/长期慢性病/重病/癌症或绝症",
        );
        use Schooling as Sc;
        same(
            &[
                ("未就学", Sc::NotInSchool),
                ("无", Sc::NotInSchool),
                ("在校", Sc::School),
                ("在校就读", Sc::School),
                ("大学", Sc::University),
                ("大学就读", Sc::University),
                ("高收费私立学校", Sc::HighFeePrivateSchool),
                ("自费出国留学", Sc::SelfFundedAbroad),
            ],
            "未就学/在校/大学/高收费私立学校/自费出国留学",
        );
        use SeekerCategory as C;
        same(
            &[
                ("下岗失业", C::LaidOffUnemployed),
                ("下岗失业人员", C::LaidOffUnemployed),
                ("失地农民", C::LandlessFarmer),
                ("农民工", C::MigrantWorker),
                ("进城务工人员", C::MigrantWorker),
                ("困难职工", C::HardshipWorker),
                ("高校毕业生", C::Graduate),
                ("其他", C::Other),
                ("其它", C::Other),
            ],
            "下岗失业/失地农民/农民工/困难职工/高校毕业生/其他",
        );
        use Ownership as W;
        same(
            &[
                ("国有", W::State),
                ("集体", W::Collective),
                ("外商", W::Foreign),
                ("外资", W::Foreign),
                ("私营", W::Private),
                ("民营", W::Private),
                ("其它", W::Other),
                ("其他", W::Other),
            ],
            "国有/集体/外商/私营/其它",
        );
        use Industry as I;
        same(
            &[
                ("机械冶金", I::MachineryMetallurgy),
                ("建筑", I::Construction),
                ("纺织", I::Textiles),
                ("煤炭", I::Coal),
                ("军工", I::Defence),
                ("交通运输", I::Transport),
                ("电力、煤气", I::PowerGas),
                ("电力煤气", I::PowerGas),
                ("商业饮食服务", I::CommerceServices),
                ("科教文卫体", I::ScienceEducationHealth),
                ("农林牧渔", I::Agriculture),
                ("机关团体", I::PublicBodies),
                ("其它", I::Other),
                ("其他", I::Other),
            ],
            "机械冶金/建筑/纺织/煤炭/军工/交通运输/电力、煤气/商业饮食服务/科教文卫体/农林牧渔/机关团体/其它",
        );
        // Full-width brackets are ignored; ASCII ones are not (as before).
        assert_eq!(Education::parse("高中（中专）"), Some(E::SeniorHigh));
        assert_eq!(Education::parse("高中(中专)"), None);
        assert_eq!(Education::parse("博士后"), None);
    }

    /// The words exports and the survey report print where they differ: both kept.
    #[test]
    fn exports_and_the_report_keep_their_own_words() {
        // 「被调查职工中文盲4人,小学XXX人,初中、高中(中专)XXX 人,大专以上XXX人」
        assert_eq!(Education::SeniorHigh.label(), "高中/中专");
        assert_eq!(Education::SeniorHigh.report(), "高中(中专)");
        assert_eq!(Education::CollegeOrAbove.label(), "大专及以上");
        assert_eq!(Education::CollegeOrAbove.report(), "大专以上");
        assert_eq!(Relief::Other.label(), "其他");
        assert_eq!(Relief::Other.report(), "其它");
        assert_eq!(CondolenceKind::DeathOfWorker.label(), "在职员工去世慰问");
        assert_eq!(CondolenceKind::DeathOfWorker.report(), "员工去世慰问");
        assert_eq!(Ownership::Foreign.report(), "外资");
        assert_eq!(SeekerCategory::LaidOffUnemployed.report(), "下岗失业人员");
        assert_eq!(HardshipLevel::Extreme.report(), "特困");
        assert_eq!(Kinship::Worker.label(), "本人");
    }
}
