//! The report tables as downloads (统计报表导出): `GET /exports/stats/hardship.xlsx`,
//! `/exports/stats/payouts.csv`, `/exports/stats/agency.xlsx`, `/exports/stats/service.xlsx`,
//! `/exports/stats/in-kind.xlsx`, `/exports/stats/domestic.xlsx` (either extension), with
//! the same arguments as the GraphQL queries given in the query string (`orgUnitId`,
//! `asOf`, `from`, `to`, and `groupBy` as a comma-separated list such as `ITEM,MONTH`).

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::desk::ServiceStats;
use super::domestic::DomesticStats;
use super::in_kind::InKindStats;
use super::service::{self, AgencyStats, Bucket, HardshipStats, PayoutDimension, PayoutStats};
use crate::app::AppState;
use crate::error::{ApiError, ApiResult};
use crate::exchange::http::{caller, download, error_response, file_name};
use crate::exchange::{Cell, Sheet};
use crate::graphql::node::decode_opt;
use crate::graphql::scalars::Date;

/// The query string of a stats download.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsParams {
    pub org_unit_id: Option<String>,
    pub as_of: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub group_by: Option<String>,
}

fn date(field: &str, value: Option<&String>) -> ApiResult<Option<NaiveDate>> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| {
            Date::parse_exact(v)
                .ok_or_else(|| ApiError::bad_input(field, "a date is written YYYY-MM-DD"))
        })
        .transpose()
}

/// `groupBy=ITEM,MONTH`.
pub fn dimensions(value: Option<&str>) -> ApiResult<Vec<PayoutDimension>> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.to_ascii_uppercase().as_str() {
            "SOURCE" => Ok(PayoutDimension::Source),
            "ITEM" => Ok(PayoutDimension::Item),
            "FUND" => Ok(PayoutDimension::Fund),
            "CAMPAIGN" => Ok(PayoutDimension::Campaign),
            "ORG_UNIT" => Ok(PayoutDimension::OrgUnit),
            "YEAR" => Ok(PayoutDimension::Year),
            "MONTH" => Ok(PayoutDimension::Month),
            _ => Err(ApiError::bad_input(
                "groupBy",
                format!("unknown dimension {s}"),
            )),
        })
        .collect()
}

/// `GET /exports/stats/{report}.{xlsx|csv}`.
pub async fn stats_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(params): Query<StatsParams>,
    headers: HeaderMap,
) -> Response {
    match render(&state, &file, &params, &headers).await {
        Ok(response) => response,
        Err(err) => error_response(err),
    }
}

async fn render(
    state: &AppState,
    file: &str,
    params: &StatsParams,
    headers: &HeaderMap,
) -> ApiResult<Response> {
    let actor = caller(state, headers).await?;
    let (stem, format) = file_name(file)?;
    let org = params
        .org_unit_id
        .as_ref()
        .filter(|s| !s.is_empty())
        .map(|s| async_graphql::ID(s.clone()));
    let org = decode_opt(org.as_ref(), "OrgUnit", "orgUnitId")?;
    let from = date("from", params.from.as_ref())?;
    let to = date("to", params.to.as_ref())?;
    let sheet = match stem {
        "hardship" => {
            let as_of = date("asOf", params.as_of.as_ref())?;
            hardship_sheet(&service::hardship_stats(state, &actor, org, as_of).await?)
        }
        "payouts" => {
            let group_by = dimensions(params.group_by.as_deref())?;
            payout_sheet(&service::payout_stats(state, &actor, org, from, to, group_by).await?)
        }
        "agency" => {
            let (_, from, to, stats) = service::agency_stats(state, &actor, org, from, to).await?;
            agency_sheet(from, to, &stats)
        }
        "in-kind" => {
            let (_, from, to, stats) =
                super::in_kind::in_kind_stats(state, &actor, org, from, to).await?;
            in_kind_sheet(from, to, &stats)
        }
        "domestic" => {
            let (_, from, to, stats) =
                super::domestic::domestic_stats(state, &actor, org, from, to).await?;
            domestic_sheet(from, to, &stats)
        }
        "service" => {
            let (_, from, to, stats) =
                super::desk::service_stats(state, &actor, org, from, to).await?;
            service_sheet(from, to, &stats)
        }
        _ => return Err(ApiError::not_found("Report")),
    };
    let title = sheet.title.clone();
    Ok(download(&sheet, format, &title))
}

fn push_buckets(sheet: &mut Sheet, category: &str, list: &[Bucket]) {
    for b in list {
        sheet.push(vec![
            category.into(),
            b.label.as_str().into(),
            Cell::Int(b.count),
        ]);
    }
}

/// 困难职工统计: one row per bucket — 类别, 项目, 人数.
pub fn hardship_sheet(s: &HardshipStats) -> Sheet {
    use crate::labels::Label;
    use entity::HardshipLevel::{Extreme, Ordinary};
    let mut sheet = Sheet::new(
        format!("困难职工统计_{}", s.as_of.format("%Y-%m-%d")),
        &["类别", "项目", "人数"],
    );
    let one = |sheet: &mut Sheet, category: &str, item: &str, n: i64| {
        sheet.push(vec![category.into(), item.into(), Cell::Int(n)]);
    };
    one(&mut sheet, "合计", "困难职工总数", s.total);
    one(&mut sheet, "困难程度", Extreme.report(), s.extreme);
    one(&mut sheet, "困难程度", Ordinary.report(), s.ordinary);
    push_buckets(&mut sheet, "性别", &s.by_gender);
    push_buckets(&mut sheet, "年龄", &s.by_age_band);
    push_buckets(&mut sheet, "文化程度", &s.by_education);
    push_buckets(&mut sheet, "人员类别", &s.by_employment_type);
    push_buckets(&mut sheet, "所有制性质", &s.by_ownership);
    push_buckets(&mut sheet, "所属行业", &s.by_industry);
    push_buckets(&mut sheet, "职业", &s.by_occupation);
    push_buckets(&mut sheet, "致困原因", &s.by_cause);
    push_buckets(&mut sheet, "已享受救助", &s.by_relief);
    one(
        &mut sheet,
        "4050人员",
        "女40岁以上、男50岁以上",
        s.older_4050,
    );
    one(&mut sheet, "三不", "看不起病", s.seriously_ill);
    one(&mut sheet, "三不", "上不起学", s.child_in_school);
    one(&mut sheet, "三不", "生活过不下去", s.below_line);
    sheet
}

/// 帮扶资金发放统计: one row per group of `groupBy` (by source and item when none is
/// asked for) — the dimensions' headers, 人次, 金额 — and a 合计 row.
pub fn payout_sheet(s: &PayoutStats) -> Sheet {
    let title = format!(
        "帮扶资金发放统计_{}_{}",
        s.from.format("%Y%m%d"),
        s.to.format("%Y%m%d")
    );
    let (dims, lines): (Vec<PayoutDimension>, Vec<Vec<Cell>>) = if s.group_by.is_empty() {
        let sources: Vec<(String, String)> = service::item_keys()
            .into_iter()
            .map(|(key, source, _)| (key, source.label().to_owned()))
            .collect();
        let rows = s
            .by_item
            .iter()
            .map(|l| {
                let key = l.keys.first();
                let source = key
                    .and_then(|k| sources.iter().find(|(item, _)| *item == k.key))
                    .map_or("", |(_, label)| label.as_str());
                vec![
                    source.into(),
                    key.map_or("", |k| k.label.as_str()).into(),
                    Cell::Int(l.count),
                    Cell::Money(l.amount),
                ]
            })
            .collect();
        (vec![PayoutDimension::Source, PayoutDimension::Item], rows)
    } else {
        let rows = s
            .groups
            .iter()
            .map(|l| {
                let mut row: Vec<Cell> = l.keys.iter().map(|k| k.label.as_str().into()).collect();
                row.push(Cell::Int(l.count));
                row.push(Cell::Money(l.amount));
                row
            })
            .collect();
        (s.group_by.clone(), rows)
    };
    let mut headers: Vec<&str> = dims.iter().map(|d| d.header()).collect();
    headers.extend(["人次", "金额"]);
    let mut sheet = Sheet::new(title, &headers);
    for row in lines {
        sheet.push(row);
    }
    let mut total: Vec<Cell> = vec!["合计".into()];
    total.extend((1..dims.len()).map(|_| Cell::Empty));
    total.push(Cell::Int(s.count));
    total.push(Cell::Money(s.amount));
    sheet.push(total);
    sheet
}

/// 职介工作统计: 类别, 项目, 数量, 金额.
pub fn agency_sheet(from: NaiveDate, to: NaiveDate, s: &AgencyStats) -> Sheet {
    let mut sheet = Sheet::new(
        format!(
            "职介工作统计_{}_{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        &["类别", "项目", "数量", "金额"],
    );
    let mut one = |category: &str, item: &str, n: i64| {
        sheet.push(vec![
            category.into(),
            item.into(),
            Cell::Int(n),
            Cell::Empty,
        ]);
    };
    one("求职登记", "建立求职档案", s.seekers);
    for b in &s.seekers_by_category {
        one("求职人员类别", &b.label, b.count);
    }
    one("用工登记", "建立用工单位档案", s.employers);
    one("用工登记", "发布岗位信息", s.postings);
    one("用工登记", "提供岗位", s.positions);
    one("职业介绍", "开具介绍信", s.referrals);
    one("职业介绍", "介绍成功", s.placements);
    one("职业介绍", "其中4050人员", s.placements_4050);
    one("职业介绍", "其中困难职工", s.placements_hardship);
    one("专场招聘会", "举办场次", s.fairs);
    one("专场招聘会", "进场单位", s.fair_employers);
    one("专场招聘会", "提供岗位", s.fair_positions);
    one("专场招聘会", "进场求职者人次", s.fair_attendees);
    one("专场招聘会", "达成意向性协议", s.fair_intents);
    one("专场招聘会", "经过招聘会实现再就业", s.fair_placements);
    one("职业培训", "培训人次", s.trainees);
    one("职业培训", "培训合格", s.trainees_passed);
    one("证书", "发证", s.certificates);
    for b in &s.certificates_by_kind {
        one("证书", &b.label, b.count);
    }
    one("跟踪回访", "三个月回访", s.followed_up_3_months);
    one("跟踪回访", "三个月仍在岗", s.employed_at_3_months);
    one("跟踪回访", "六个月回访", s.followed_up_6_months);
    one("跟踪回访", "六个月仍在岗", s.employed_at_6_months);
    sheet.push(vec![
        "免费服务".into(),
        "减免费用".into(),
        Cell::Int(s.fees_waived),
        Cell::Money(s.fees_waived_amount),
    ]);
    sheet
}

/// 服务中心工作统计: 类别, 项目, 数量, 金额.
pub fn service_sheet(from: NaiveDate, to: NaiveDate, s: &ServiceStats) -> Sheet {
    let mut sheet = Sheet::new(
        format!(
            "服务中心工作统计_{}_{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        &["类别", "项目", "数量", "金额"],
    );
    let mut one = |category: &str, item: &str, n: i64| {
        sheet.push(vec![
            category.into(),
            item.into(),
            Cell::Int(n),
            Cell::Empty,
        ]);
    };
    one("来电来访", "登记总数", s.contacts);
    for b in &s.contacts_by_channel {
        one("来电来访渠道", &b.label, b.count);
    }
    for b in &s.contacts_by_topic {
        one("诉求类别", &b.label, b.count);
    }
    one("来电来访", "当场答复", s.answered_on_the_spot);
    one("来电来访", "转办", s.converted);
    for b in &s.converted_by_kind {
        one("转办去向", &b.label, b.count);
    }
    one("回访", "回访次数", s.callbacks);
    one("回访", "满意", s.callbacks_satisfied);
    one("信访", "收到", s.petitions_received);
    one("信访", "受理", s.petitions_accepted);
    one("信访", "不予受理", s.petitions_declined);
    one("信访", "办结", s.petitions_answered);
    one("信访", "按期办结", s.petitions_answered_on_time);
    one("信访", "超期未办结", s.petitions_overdue);
    one("法律援助", "申请", s.legal_aid_filed);
    for b in &s.legal_aid_by_claim {
        one("法律援助诉求", &b.label, b.count);
    }
    for b in &s.legal_aid_by_outcome {
        one("法律援助结案", &b.label, b.count);
    }
    one("女职工维权", "立案", s.women_rights_cases);
    for b in &s.women_rights_by_kind {
        one("女职工维权类别", &b.label, b.count);
    }
    sheet.push(vec![
        "法律援助".into(),
        "结案追回金额".into(),
        Cell::Int(s.legal_aid_closed),
        Cell::Money(s.amount_recovered),
    ]);
    sheet
}

/// 实物帮扶统计: 类别, 项目, 数量, 金额.
pub fn in_kind_sheet(from: NaiveDate, to: NaiveDate, s: &InKindStats) -> Sheet {
    use crate::labels::Label;
    let mut sheet = Sheet::new(
        format!(
            "实物帮扶统计_{}_{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        &["类别", "项目", "数量", "金额"],
    );
    let mut row = |category: &str, item: &str, n: i64, value: entity::Money| {
        sheet.push(vec![
            category.into(),
            item.into(),
            Cell::Int(n),
            Cell::Money(value),
        ]);
    };
    row("实物发放", "合计人次", s.hand_outs(), s.value());
    for l in &s.by_level {
        row("实物发放", l.level.label(), l.hand_outs, l.value);
    }
    for m in &s.movements {
        row("出入库", m.kind.label(), m.quantity, m.value);
    }
    for st in &s.stores {
        row("库存", &st.name, st.units, st.value);
    }
    for st in &s.stores {
        for m in st.movements.iter().filter(|m| m.quantity != 0) {
            row(
                &format!("出入库({})", st.name),
                m.kind.label(),
                m.quantity,
                m.value,
            );
        }
    }
    sheet
}

/// 家政服务统计: 类别, 项目, 数量.
pub fn domestic_sheet(from: NaiveDate, to: NaiveDate, s: &DomesticStats) -> Sheet {
    use crate::labels::Label;
    let mut sheet = Sheet::new(
        format!(
            "家政服务统计_{}_{}",
            from.format("%Y%m%d"),
            to.format("%Y%m%d")
        ),
        &["类别", "项目", "数量"],
    );
    let mut row = |category: &str, item: &str, n: Cell| {
        sheet.push(vec![category.into(), item.into(), n]);
    };
    row("家政服务员", "在册人数", Cell::Int(s.workers));
    row("家政服务员", "工会会员", Cell::Int(s.union_members));
    for l in &s.by_service {
        row("按服务项目(人数)", l.service.label(), Cell::Int(l.workers));
    }
    for l in &s.by_level {
        let level = match l.level {
            Some(n) => format!("{n}级"),
            None => "无等级证书".to_owned(),
        };
        row("按证书等级(人数)", &level, Cell::Int(l.workers));
    }
    row("订单", "受理", Cell::Int(s.orders));
    row("订单", "派单上岗", Cell::Int(s.placed));
    row("订单", "服务结束", Cell::Int(s.closed));
    row("订单", "评价次数", Cell::Int(s.ratings));
    let average = super::rules::average(s.rating_sum, s.ratings)
        .map_or_else(String::new, |a| format!("{a:.2}"));
    row("订单", "平均评价", Cell::Text(average));
    row("订单", "回头客", Cell::Int(s.repeat_clients));
    for l in &s.by_service {
        row("按服务项目(派单)", l.service.label(), Cell::Int(l.placed));
    }
    for e in &s.events {
        row("活动(场次)", e.kind.label(), Cell::Int(e.events));
        row("活动(人次)", e.kind.label(), Cell::Int(e.participants));
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_by_is_a_comma_separated_list() {
        assert_eq!(
            dimensions(Some("item, month")).unwrap(),
            vec![PayoutDimension::Item, PayoutDimension::Month]
        );
        assert!(dimensions(None).unwrap().is_empty());
        assert!(dimensions(Some("WEEK")).is_err());
    }
}
