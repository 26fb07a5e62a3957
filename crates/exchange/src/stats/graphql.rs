//! GraphQL surface of the reports (统计报表): `hardshipStats`, `payoutStats`,
//! `agencyStats`, `serviceStats`, `inKindStats`, `domesticServiceStats`.

use async_graphql::{
    Context, Enum, ID, InputValueError, InputValueResult, Object, ResultExt, Scalar, ScalarType,
    SimpleObject, Value,
};
use entity::{CommunityEventKind, DomesticService, HardshipLevel, Money, MovementKind};
use rust_decimal::Decimal;

use super::rules::{average, percent};
use super::service::{self, Bucket, GroupKey, PayoutDimension, PayoutLine};
use super::{desk, domestic, in_kind};
use crate::graphql::context::ContextExt;
use crate::graphql::node::{decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;

/// One row of a breakdown (分类统计): every value of the category is listed, zero
/// included, so dashboards get stable rows.
#[derive(SimpleObject)]
pub struct StatsBucket {
    /// The value (分类代码), e.g. `FEMALE`, `UP_TO_30`, `STATE`; `UNSTATED` (未注明) when
    /// the worker's unit has no enterprise with an ownership or industry above it.
    pub key: String,
    /// Its Chinese name (分类名称), as the reports print it.
    pub label: String,
    /// People (人数).
    pub count: i64,
}

impl From<Bucket> for StatsBucket {
    fn from(b: Bucket) -> Self {
        Self {
            key: b.key,
            label: b.label,
            count: b.count,
        }
    }
}

fn buckets(list: Vec<Bucket>) -> Vec<StatsBucket> {
    list.into_iter().map(Into::into).collect()
}

/// Hardship workers on the registry on a date (困难职工统计), as the survey report counts
/// them.
#[derive(SimpleObject)]
pub struct HardshipStats {
    /// The org unit whose subtree is counted (统计单位).
    pub org_unit: OrgUnit,
    /// The day counted (统计日期): cases ACTIVE (建档) on it — the public notice had ended
    /// without objection by then (activation date on or before it) and the case had not
    /// exited (脱困撤档) by the end of it.
    pub as_of: Date,
    /// Hardship workers (困难职工总数), one per ACTIVE case.
    pub total: i64,
    /// Extreme hardship (特困): per-capita income below the line.
    pub extreme: i64,
    /// Hardship (困难): eligible on another criterion.
    pub ordinary: i64,
    /// By gender (性别).
    pub by_gender: Vec<StatsBucket>,
    /// By age on the day (年龄段): 30 and under, 31-40, 41-50, 51-60, over 60.
    pub by_age_band: Vec<StatsBucket>,
    /// By education (文化程度).
    pub by_education: Vec<StatsBucket>,
    /// By employment type (人员类别).
    pub by_employment_type: Vec<StatsBucket>,
    /// By ownership of the enterprise (所有制性质): the worker's unit's, or that of the
    /// nearest unit above it that records one.
    pub by_ownership: Vec<StatsBucket>,
    /// By industry of the enterprise (所属行业), found the same way.
    pub by_industry: Vec<StatsBucket>,
    /// By occupation (职业).
    pub by_occupation: Vec<StatsBucket>,
    /// By cause of hardship (致困原因); a case may have several causes.
    pub by_cause: Vec<StatsBucket>,
    /// By relief already received (已享受救助); a case may receive several.
    pub by_relief: Vec<StatsBucket>,
    /// 「4050」 workers (4050人员): women 40 and over, men 50 and over, on the day.
    pub older_workers_4050: i64,
    /// 「三不」: households with a seriously ill member (看不起病).
    pub households_seriously_ill: i64,
    /// 「三不」: households with a child at school or university (上不起学).
    pub households_with_child_in_school: i64,
    /// 「三不」: households living below the line (生活过不下去), i.e. 特困.
    pub households_below_line: i64,
}

impl From<service::HardshipStats> for HardshipStats {
    fn from(s: service::HardshipStats) -> Self {
        Self {
            org_unit: OrgUnit(s.org_unit),
            as_of: Date(s.as_of),
            total: s.total,
            extreme: s.extreme,
            ordinary: s.ordinary,
            by_gender: buckets(s.by_gender),
            by_age_band: buckets(s.by_age_band),
            by_education: buckets(s.by_education),
            by_employment_type: buckets(s.by_employment_type),
            by_ownership: buckets(s.by_ownership),
            by_industry: buckets(s.by_industry),
            by_occupation: buckets(s.by_occupation),
            by_cause: buckets(s.by_cause),
            by_relief: buckets(s.by_relief),
            older_workers_4050: s.older_4050,
            households_seriously_ill: s.seriously_ill,
            households_with_child_in_school: s.child_in_school,
            households_below_line: s.below_line,
        }
    }
}

/// A dimension payouts are grouped by (分组维度).
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum PayoutGroupBy {
    /// What was paid for (类别): SUBSIDY (困难救助), CONDOLENCE (慰问), CAMPAIGN (季节性慰问).
    Source,
    /// The subsidy item, `CONDOLENCE_<kind>` or `CAMPAIGN_<kind>` (项目).
    Item,
    /// The fund paid from (资金).
    Fund,
    /// The campaign (活动); `NONE` for other payouts.
    Campaign,
    /// The unit directly below the counted unit that holds the recipient (下级单位); the
    /// counted unit itself for its own people.
    OrgUnit,
    /// Calendar year of payment, CST (年度).
    Year,
    /// Month of payment, CST, `YYYY-MM` (月份).
    Month,
}

impl From<PayoutGroupBy> for PayoutDimension {
    fn from(d: PayoutGroupBy) -> Self {
        match d {
            PayoutGroupBy::Source => Self::Source,
            PayoutGroupBy::Item => Self::Item,
            PayoutGroupBy::Fund => Self::Fund,
            PayoutGroupBy::Campaign => Self::Campaign,
            PayoutGroupBy::OrgUnit => Self::OrgUnit,
            PayoutGroupBy::Year => Self::Year,
            PayoutGroupBy::Month => Self::Month,
        }
    }
}

impl From<PayoutDimension> for PayoutGroupBy {
    fn from(d: PayoutDimension) -> Self {
        match d {
            PayoutDimension::Source => Self::Source,
            PayoutDimension::Item => Self::Item,
            PayoutDimension::Fund => Self::Fund,
            PayoutDimension::Campaign => Self::Campaign,
            PayoutDimension::OrgUnit => Self::OrgUnit,
            PayoutDimension::Year => Self::Year,
            PayoutDimension::Month => Self::Month,
        }
    }
}

/// A group's value in one dimension (分组取值).
#[derive(SimpleObject)]
pub struct PayoutGroupKey {
    /// The dimension (维度).
    pub dimension: PayoutGroupBy,
    /// The value (取值): an enum value, a year, a month, or the row's ID.
    pub key: String,
    /// Its Chinese name (名称).
    pub label: String,
    /// The global ID of the fund, campaign or org unit (全局标识), for drilling down.
    pub id: Option<ID>,
}

impl From<GroupKey> for PayoutGroupKey {
    fn from(k: GroupKey) -> Self {
        let kind = match k.dimension {
            PayoutDimension::Fund => "Fund",
            PayoutDimension::Campaign => "Campaign",
            _ => "OrgUnit",
        };
        let id = k.id.map(|id| global_id(kind, id));
        Self {
            dimension: k.dimension.into(),
            key: id.as_ref().map_or(k.key, |id| id.to_string()),
            label: k.label,
            id,
        }
    }
}

/// Money paid in one group (分组金额).
#[derive(SimpleObject)]
pub struct PayoutGroup {
    /// The group's value in each dimension asked for, in order (分组).
    pub keys: Vec<PayoutGroupKey>,
    /// Amount paid (金额), net of reversals.
    pub amount: Money,
    /// Person-times (人次).
    pub person_times: i64,
}

impl From<PayoutLine> for PayoutGroup {
    fn from(l: PayoutLine) -> Self {
        Self {
            keys: l.keys.into_iter().map(Into::into).collect(),
            amount: l.amount,
            person_times: l.count,
        }
    }
}

/// Money actually paid in a period (帮扶资金发放统计): assistance, condolences (慰问) and
/// seasonal campaigns, counted from the funds' ledgers — payouts not reversed (冲正).
#[derive(SimpleObject)]
pub struct PayoutStats {
    /// The org unit whose people's payouts are counted (统计单位): the recipient's case,
    /// application or condolence belongs to its subtree.
    pub org_unit: OrgUnit,
    /// First day of the period (起始日期), CST.
    pub from: Date,
    /// Last day of the period (截止日期), inclusive, CST.
    pub to: Date,
    /// Total paid (合计金额).
    pub amount: Money,
    /// Total person-times (合计人次).
    pub person_times: i64,
    /// By source (类别), every source listed.
    pub by_source: Vec<PayoutGroup>,
    /// By item (项目), every item listed.
    pub by_item: Vec<PayoutGroup>,
    /// The dimensions of `groups` (分组维度).
    pub group_by: Vec<PayoutGroupBy>,
    /// Groups by `groupBy`, only those with payouts (分组统计).
    pub groups: Vec<PayoutGroup>,
}

impl From<service::PayoutStats> for PayoutStats {
    fn from(s: service::PayoutStats) -> Self {
        let lines = |l: Vec<PayoutLine>| l.into_iter().map(Into::into).collect();
        Self {
            org_unit: OrgUnit(s.org_unit),
            from: Date(s.from),
            to: Date(s.to),
            amount: s.amount,
            person_times: s.count,
            by_source: lines(s.by_source),
            by_item: lines(s.by_item),
            group_by: s.group_by.into_iter().map(Into::into).collect(),
            groups: lines(s.groups),
        }
    }
}

/// The employment agency's figures for a period (职介工作统计), by the day each thing was
/// recorded.
#[derive(SimpleObject)]
pub struct AgencyStats {
    /// The org unit whose subtree is counted (统计单位).
    pub org_unit: OrgUnit,
    /// First day of the period (起始日期), CST.
    pub from: Date,
    /// Last day of the period (截止日期), inclusive, CST.
    pub to: Date,
    /// Job seekers filed (建立求职档案).
    pub seekers_filed: i64,
    /// Job seekers filed by category (求职人员类别); a seeker may be in several.
    pub seekers_by_category: Vec<StatsBucket>,
    /// Employers filed (建立用工单位档案).
    pub employers_filed: i64,
    /// Postings published (发布岗位信息).
    pub postings_published: i64,
    /// Positions provided (提供岗位): the headcount of the postings published.
    pub positions_provided: i64,
    /// Referral letters issued (职业介绍, 介绍信).
    pub referrals: i64,
    /// Placements (介绍成功).
    pub placements: i64,
    /// Placements of 「4050」 people (on the last day of the period).
    pub placements_4050: i64,
    /// Placements of hardship workers (困难职工), seekers of that category.
    pub placements_hardship: i64,
    /// Fees waived (减免费用笔数).
    pub fees_waived: i64,
    /// Amount of fees waived (减免费用金额).
    pub fees_waived_amount: Money,
    /// Special job fairs held (专场招聘会).
    pub fairs: i64,
    /// Employers taking part, unit-times (进场单位).
    pub fair_employers: i64,
    /// Positions offered at the fairs (提供岗位).
    pub fair_positions: i64,
    /// Job seekers at the fairs, person-times, checked in and walk-ins (进场求职者人次).
    pub fair_attendees: i64,
    /// Of which walk-ins not checked in by name (现场散客).
    pub fair_walk_ins: i64,
    /// Intent agreements signed on site (意向性协议).
    pub fair_intents: i64,
    /// Placements from the fairs' referrals, whenever made (经过招聘会实现再就业).
    pub fair_placements: i64,
    /// Trainees (培训人次): enrolments in the unit's courses, withdrawals excluded.
    pub trainees: i64,
    /// Trainees who passed (培训合格).
    pub trainees_passed: i64,
    /// Certificates issued to the unit's seekers (发证).
    pub certificates: i64,
    /// Certificates by kind (证书类型).
    pub certificates_by_kind: Vec<StatsBucket>,
    /// Placements of the period followed up at 3 months (三个月回访).
    pub followed_up_3_months: i64,
    /// Of which still employed (三个月仍在岗).
    pub employed_at_3_months: i64,
    /// Placements of the period followed up at 6 months (六个月回访).
    pub followed_up_6_months: i64,
    /// Of which still employed (六个月仍在岗).
    pub employed_at_6_months: i64,
}

impl AgencyStats {
    pub fn new(
        unit: entity::org_unit::Model,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        s: service::AgencyStats,
    ) -> Self {
        Self {
            org_unit: OrgUnit(unit),
            from: Date(from),
            to: Date(to),
            seekers_filed: s.seekers,
            seekers_by_category: buckets(s.seekers_by_category),
            employers_filed: s.employers,
            postings_published: s.postings,
            positions_provided: s.positions,
            referrals: s.referrals,
            placements: s.placements,
            placements_4050: s.placements_4050,
            placements_hardship: s.placements_hardship,
            fees_waived: s.fees_waived,
            fees_waived_amount: s.fees_waived_amount,
            fairs: s.fairs,
            fair_employers: s.fair_employers,
            fair_positions: s.fair_positions,
            fair_attendees: s.fair_attendees,
            fair_walk_ins: s.fair_walk_ins,
            fair_intents: s.fair_intents,
            fair_placements: s.fair_placements,
            trainees: s.trainees,
            trainees_passed: s.trainees_passed,
            certificates: s.certificates,
            certificates_by_kind: buckets(s.certificates_by_kind),
            followed_up_3_months: s.followed_up_3_months,
            employed_at_3_months: s.employed_at_3_months,
            followed_up_6_months: s.followed_up_6_months,
            employed_at_6_months: s.employed_at_6_months,
        }
    }
}

/// A percentage (百分比), exactly two decimals, as a string (`"62.50"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub Decimal);

#[Scalar(name = "Percent")]
/// A percentage (百分比) with two decimals, as a string: `"62.50"`.
impl ScalarType for Percent {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse::<Decimal>()
                .map(Percent)
                .map_err(|_| InputValueError::custom(format!("{s:?} is not a percentage"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(format!("{:.2}", self.0))
    }
}

/// An average (平均值), exactly two decimals, as a string (`"4.67"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Average(pub Decimal);

#[Scalar(name = "Average")]
/// An average (平均值) with two decimals, as a string: `"4.67"`.
impl ScalarType for Average {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => s
                .parse::<Decimal>()
                .map(Average)
                .map_err(|_| InputValueError::custom(format!("{s:?} is not an average"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(format!("{:.2}", self.0))
    }
}

/// The service desk's figures for a period (服务中心工作统计), by the day each thing
/// happened. Women workers' cases are counted only, as everywhere in the reports.
#[derive(SimpleObject)]
pub struct ServiceStats {
    /// The org unit whose subtree is counted (统计单位).
    pub org_unit: OrgUnit,
    /// First day of the period (起始日期), CST.
    pub from: Date,
    /// Last day of the period (截止日期), inclusive, CST.
    pub to: Date,
    /// Contacts received (来电来访总数).
    pub contacts: i64,
    /// Contacts by channel (按渠道).
    pub contacts_by_channel: Vec<StatsBucket>,
    /// Contacts by topic (按诉求类别).
    pub contacts_by_topic: Vec<StatsBucket>,
    /// Of the contacts, answered on the spot (当场答复).
    pub answered_on_the_spot: i64,
    /// Share answered on the spot (当场答复率); null without contacts.
    pub answered_on_the_spot_percent: Option<Percent>,
    /// Of the contacts, turned into a follow-up (转办).
    pub converted: i64,
    /// Follow-ups by kind (按转办去向).
    pub converted_by_kind: Vec<StatsBucket>,
    /// Call-backs made (回访次数).
    pub callbacks: i64,
    /// Of which the caller was satisfied (满意).
    pub callbacks_satisfied: i64,
    /// Share satisfied (满意率); null without call-backs.
    pub satisfied_percent: Option<Percent>,
    /// Petitions received (受理信访: 收到).
    pub petitions_received: i64,
    /// Petitions accepted (受理).
    pub petitions_accepted: i64,
    /// Petitions declined with the reason told (不予受理).
    pub petitions_declined: i64,
    /// Petitions answered (办结).
    pub petitions_answered: i64,
    /// Of which answered by the deadline, with any extension (按期办结).
    pub petitions_answered_on_time: i64,
    /// Petitions still pending whose deadline had passed by the period's last day, at most
    /// today (超期未办结).
    pub petitions_overdue: i64,
    /// Legal-aid cases filed (法律援助申请).
    pub legal_aid_filed: i64,
    /// Legal-aid cases filed by claim (按诉求类型).
    pub legal_aid_by_claim: Vec<StatsBucket>,
    /// Legal-aid cases closed (结案).
    pub legal_aid_closed: i64,
    /// Closed by outcome (按结案结果).
    pub legal_aid_by_outcome: Vec<StatsBucket>,
    /// Amount recovered by the cases closed (追回金额).
    pub amount_recovered: Money,
    /// Women workers' cases filed (女职工维权案件), a count only.
    pub women_rights_cases: i64,
    /// Women workers' cases by kind (按类别), counts only.
    pub women_rights_by_kind: Vec<StatsBucket>,
}

impl ServiceStats {
    pub fn new(
        unit: entity::org_unit::Model,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        s: desk::ServiceStats,
    ) -> Self {
        Self {
            org_unit: OrgUnit(unit),
            from: Date(from),
            to: Date(to),
            contacts: s.contacts,
            contacts_by_channel: buckets(s.contacts_by_channel),
            contacts_by_topic: buckets(s.contacts_by_topic),
            answered_on_the_spot: s.answered_on_the_spot,
            answered_on_the_spot_percent: percent(s.answered_on_the_spot, s.contacts).map(Percent),
            converted: s.converted,
            converted_by_kind: buckets(s.converted_by_kind),
            callbacks: s.callbacks,
            callbacks_satisfied: s.callbacks_satisfied,
            satisfied_percent: percent(s.callbacks_satisfied, s.callbacks).map(Percent),
            petitions_received: s.petitions_received,
            petitions_accepted: s.petitions_accepted,
            petitions_declined: s.petitions_declined,
            petitions_answered: s.petitions_answered,
            petitions_answered_on_time: s.petitions_answered_on_time,
            petitions_overdue: s.petitions_overdue,
            legal_aid_filed: s.legal_aid_filed,
            legal_aid_by_claim: buckets(s.legal_aid_by_claim),
            legal_aid_closed: s.legal_aid_closed,
            legal_aid_by_outcome: buckets(s.legal_aid_by_outcome),
            amount_recovered: s.amount_recovered,
            women_rights_cases: s.women_rights_cases,
            women_rights_by_kind: buckets(s.women_rights_by_kind),
        }
    }
}

/// Hand-outs of one hardship level (按困难程度).
#[derive(SimpleObject)]
pub struct InKindLevelLine {
    /// The level (困难程度).
    pub level: HardshipLevel,
    /// Hand-outs, person-times (人次).
    pub hand_outs: i64,
    /// Their value at reference prices (折价金额).
    pub value: Money,
}

/// The stores' movements of one kind (按出入库类型).
#[derive(SimpleObject)]
pub struct InKindMovementLine {
    /// The kind (类型).
    pub kind: MovementKind,
    /// Units, signed as the movements: in positive, out negative (数量).
    pub quantity: i64,
    /// Their value at reference prices, signed likewise (折价金额).
    pub value: Money,
}

impl From<in_kind::MovementLine> for InKindMovementLine {
    fn from(m: in_kind::MovementLine) -> Self {
        Self {
            kind: m.kind,
            quantity: m.quantity,
            value: m.value,
        }
    }
}

/// A store's stock on hand now, and its movements in the period (库存与出入库).
#[derive(SimpleObject)]
pub struct InKindStoreLine {
    /// The store's global ID (爱心超市).
    pub store_id: ID,
    /// Its name (名称).
    pub name: String,
    /// Units on hand (库存数量).
    pub units: i64,
    /// Their value at today's reference prices (库存折价).
    pub value: Money,
    /// The store's movements in the period, by kind (本店出入库).
    pub movements: Vec<InKindMovementLine>,
}

/// In-kind help for a period (实物帮扶统计), apart from cash.
#[derive(SimpleObject)]
pub struct InKindStats {
    /// The org unit whose subtree is counted (统计单位).
    pub org_unit: OrgUnit,
    /// First day of the period (起始日期), CST.
    pub from: Date,
    /// Last day of the period (截止日期), inclusive, CST.
    pub to: Date,
    /// Hand-outs to the subtree's households, person-times (发放人次).
    pub hand_outs: i64,
    /// Their value at reference prices (发放折价合计).
    pub value: Money,
    /// By the households' hardship level (按困难程度).
    pub by_level: Vec<InKindLevelLine>,
    /// The subtree's stores' movements in the period, by kind (出入库).
    pub movements: Vec<InKindMovementLine>,
    /// Each store's stock on hand now (库存).
    pub stores: Vec<InKindStoreLine>,
}

impl InKindStats {
    pub fn new(
        unit: entity::org_unit::Model,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        s: in_kind::InKindStats,
    ) -> Self {
        Self {
            org_unit: OrgUnit(unit),
            from: Date(from),
            to: Date(to),
            hand_outs: s.hand_outs(),
            value: s.value(),
            by_level: s
                .by_level
                .into_iter()
                .map(|l| InKindLevelLine {
                    level: l.level,
                    hand_outs: l.hand_outs,
                    value: l.value,
                })
                .collect(),
            movements: s.movements.into_iter().map(Into::into).collect(),
            stores: s
                .stores
                .into_iter()
                .map(|st| InKindStoreLine {
                    store_id: global_id("Store", st.store_id),
                    name: st.name,
                    units: st.units,
                    value: st.value,
                    movements: st.movements.into_iter().map(Into::into).collect(),
                })
                .collect(),
        }
    }
}

/// One domestic service (按服务项目).
#[derive(SimpleObject)]
pub struct DomesticServiceLine {
    /// The service (服务项目).
    pub service: DomesticService,
    /// Domestic workers offering it now (服务员人数).
    pub workers: i64,
    /// Orders for it taken in the period (受理订单).
    pub orders: i64,
    /// Orders for it placed in the period (派单上岗).
    pub placed: i64,
}

/// Domestic workers by their best certificate level (按证书等级).
#[derive(SimpleObject)]
pub struct CertificateLevelLine {
    /// The level, 1 (highest) to 5; null for workers without a vocational qualification
    /// for any domestic service (无等级证书).
    pub level: Option<i32>,
    /// Domestic workers (人数).
    pub workers: i64,
}

/// One kind of community event held in the period (按活动类型).
#[derive(SimpleObject)]
pub struct CommunityEventLine {
    /// The kind (活动类型).
    pub kind: CommunityEventKind,
    /// Events held (场次).
    pub events: i64,
    /// Participants, person-times (参加人次).
    pub participants: i64,
}

/// The domestic-service station's figures (家政服务统计) for a period.
#[derive(SimpleObject)]
pub struct DomesticServiceStats {
    /// The org unit whose subtree is counted (统计单位).
    pub org_unit: OrgUnit,
    /// First day of the period (起始日期), CST.
    pub from: Date,
    /// Last day of the period (截止日期), inclusive, CST.
    pub to: Date,
    /// Domestic workers on file and taking orders now (在册服务员).
    pub workers: i64,
    /// Of them, members of the domestic workers' union by the period's end (工会会员).
    pub union_members: i64,
    /// By service (按服务项目).
    pub by_service: Vec<DomesticServiceLine>,
    /// By best certificate level (按证书等级).
    pub by_certificate_level: Vec<CertificateLevelLine>,
    /// Orders taken in the period (受理订单).
    pub orders: i64,
    /// Orders placed in the period (派单上岗).
    pub placed: i64,
    /// Orders closed in the period (服务结束).
    pub closed: i64,
    /// Ratings given at the closings (评价次数).
    pub ratings: i64,
    /// Their average, 1 to 5 (平均评价); null without ratings.
    pub average_rating: Option<Average>,
    /// Clients with an order placed in the period and another placed before its end
    /// (回头客).
    pub repeat_clients: i64,
    /// Contests and public-good work held in the period (技能竞赛、公益活动).
    pub events: Vec<CommunityEventLine>,
}

impl DomesticServiceStats {
    pub fn new(
        unit: entity::org_unit::Model,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        s: domestic::DomesticStats,
    ) -> Self {
        Self {
            org_unit: OrgUnit(unit),
            from: Date(from),
            to: Date(to),
            workers: s.workers,
            union_members: s.union_members,
            by_service: s
                .by_service
                .into_iter()
                .map(|l| DomesticServiceLine {
                    service: l.service,
                    workers: l.workers,
                    orders: l.orders,
                    placed: l.placed,
                })
                .collect(),
            by_certificate_level: s
                .by_level
                .into_iter()
                .map(|l| CertificateLevelLine {
                    level: l.level,
                    workers: l.workers,
                })
                .collect(),
            orders: s.orders,
            placed: s.placed,
            closed: s.closed,
            ratings: s.ratings,
            average_rating: average(s.rating_sum, s.ratings).map(Average),
            repeat_clients: s.repeat_clients,
            events: s
                .events
                .into_iter()
                .map(|e| CommunityEventLine {
                    kind: e.kind,
                    events: e.events,
                    participants: e.participants,
                })
                .collect(),
        }
    }
}

#[derive(Default)]
pub struct StatsQuery;

#[Object]
impl StatsQuery {
    /// Hardship workers on the registry (困难职工统计) in the subtree of `orgUnitId`
    /// (default: your own unit) on `asOf` (default: today, CST). VIEWER, AUDITOR, ADMIN,
    /// REVIEWER, APPROVER, CASEWORKER; a unit outside your subtree is NOT_FOUND.
    async fn hardship_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        as_of: Option<Date>,
    ) -> async_graphql::Result<HardshipStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        service::hardship_stats(ctx.state()?, ctx.actor()?, org, as_of.map(|d| d.0))
            .await
            .map(Into::into)
            .extend()
    }

    /// Money paid (帮扶资金发放统计) to people of the subtree of `orgUnitId` (default: your
    /// own unit) from `from` (default: 1 January of `to`'s year) to `to` (default:
    /// today), grouped by `groupBy` (none by default). VIEWER, AUDITOR, ADMIN, REVIEWER, APPROVER,
    /// CASEWORKER, FINANCE.
    async fn payout_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        from: Option<Date>,
        to: Option<Date>,
        group_by: Option<Vec<PayoutGroupBy>>,
    ) -> async_graphql::Result<PayoutStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        service::payout_stats(
            ctx.state()?,
            ctx.actor()?,
            org,
            from.map(|d| d.0),
            to.map(|d| d.0),
            group_by
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        )
        .await
        .map(Into::into)
        .extend()
    }

    /// The employment agency's figures (职介工作统计) for the subtree of `orgUnitId`
    /// (default: your own unit) from `from` (default: 1 January of `to`'s year) to `to`
    /// (default: today). VIEWER, AUDITOR, ADMIN, AGENCY_STAFF.
    async fn agency_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> async_graphql::Result<AgencyStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        service::agency_stats(
            ctx.state()?,
            ctx.actor()?,
            org,
            from.map(|d| d.0),
            to.map(|d| d.0),
        )
        .await
        .map(|(unit, from, to, s)| AgencyStats::new(unit, from, to, s))
        .extend()
    }

    /// The service desk's figures (服务中心工作统计) for the subtree of `orgUnitId`
    /// (default: your own unit) from `from` (default: 1 January of `to`'s year) to `to`
    /// (default: today). VIEWER, AUDITOR, ADMIN, SERVICE_DESK, LEGAL_AID, WOMEN_COMMITTEE.
    async fn service_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> async_graphql::Result<ServiceStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        desk::service_stats(
            ctx.state()?,
            ctx.actor()?,
            org,
            from.map(|d| d.0),
            to.map(|d| d.0),
        )
        .await
        .map(|(unit, from, to, s)| ServiceStats::new(unit, from, to, s))
        .extend()
    }

    /// In-kind help (实物帮扶统计) for the subtree of `orgUnitId` (default: your own unit)
    /// from `from` (default: 1 January of `to`'s year) to `to` (default: today): hand-outs
    /// and their value by hardship level, the stores' movements, stock on hand. VIEWER,
    /// AUDITOR, ADMIN, REVIEWER, APPROVER, CASEWORKER, FINANCE.
    async fn in_kind_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> async_graphql::Result<InKindStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        in_kind::in_kind_stats(
            ctx.state()?,
            ctx.actor()?,
            org,
            from.map(|d| d.0),
            to.map(|d| d.0),
        )
        .await
        .map(|(unit, from, to, s)| InKindStats::new(unit, from, to, s))
        .extend()
    }

    /// The domestic-service station's figures (家政服务统计) for the subtree of `orgUnitId`
    /// (default: your own unit) from `from` (default: 1 January of `to`'s year) to `to`
    /// (default: today): workers by service and certificate level, orders taken, placed
    /// and closed, the average rating, repeat clients, contests and public-good work.
    /// VIEWER, AUDITOR, ADMIN, AGENCY_STAFF.
    async fn domestic_service_stats(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> async_graphql::Result<DomesticServiceStats> {
        let org = decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?;
        domestic::domestic_stats(
            ctx.state()?,
            ctx.actor()?,
            org,
            from.map(|d| d.0),
            to.map(|d| d.0),
        )
        .await
        .map(|(unit, from, to, s)| DomesticServiceStats::new(unit, from, to, s))
        .extend()
    }
}
