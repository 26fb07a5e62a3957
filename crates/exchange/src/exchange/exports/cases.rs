//! The case summary table (《汇总表》) and one worker's application form (《职工申请表》)
//! that 综合部 attaches when it reports to the leading group: 「综合部初核，审核汇总（附《职工
//! 申请表》及《汇总表》）」.

use std::collections::HashMap;

use chrono::NaiveDate;
use entity::{
    CaseStatus, EmploymentStatus, EmploymentType, Gender, HardshipLevel, Money, case_cause,
    case_document, case_evaluation, case_relief, case_transition, hardship_case, household,
    household_member, org_unit, worker,
};
use futures_util::{Stream, StreamExt, future, stream};
use rust_decimal::Decimal;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait, Select,
};
use uuid::Uuid;

use super::form::{Form, time};
use super::{Shown, Subject, chunks, subject};
use crate::app::AppState;
use crate::auth::{Actor, scope};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::exchange::labels::{self, Label};
use crate::exchange::sheet::{csv_head, csv_rows};
use crate::exchange::{Cell, Sheet};
use crate::org::service::find_in_scope;
use crate::registry::cases;
use crate::registry::lifecycle;
use crate::registry::service::READERS;
use crate::workflow::statuses::status_is;

/// Filter of the summary table, as in `cases(filter:)`.
#[derive(Debug, Default)]
pub struct SummaryFilter {
    /// Only cases in this unit's subtree.
    pub org_unit_id: Option<Uuid>,
    /// Only this status as of today.
    pub status: Option<CaseStatus>,
    /// Only this hardship level.
    pub level: Option<HardshipLevel>,
    /// Only cases filed (建档) in this year.
    pub year: Option<i32>,
}

/// Columns of the summary table.
pub const SUMMARY_HEADERS: &[&str] = &[
    "序号",
    "单位",
    "姓名",
    "性别",
    "身份证号",
    "联系电话",
    "人员类别",
    "就业状态",
    "困难类别",
    "家庭人口",
    "家庭月收入",
    "人均月收入",
    "致困原因",
    "已享受救助",
    "状态",
    "建档日期",
    "年审到期日",
];

#[derive(Debug, FromQueryResult)]
struct SummaryRow {
    case_id: Uuid,
    status: CaseStatus,
    level: Option<HardshipLevel>,
    notice_end: Option<NaiveDate>,
    activated_on: Option<NaiveDate>,
    review_due_on: Option<NaiveDate>,
    org_name: String,
    worker_name: String,
    gender: Gender,
    id_number: String,
    phone: Option<String>,
    employment_type: EmploymentType,
    employment_status: EmploymentStatus,
    member_count: Option<i32>,
    income_total: Option<Money>,
}

/// Monthly per-capita income (人均月收入), to the fen, as the filing criteria compute it.
fn per_capita(income: Money, members: i32) -> Option<Money> {
    (members > 0)
        .then(|| Money::rounded(income.amount() / Decimal::from(members)))
        .flatten()
}

/// The day a case was filed, shown only once it is filed (as `Case.activatedOn`).
fn filed_on(status: CaseStatus, activated_on: Option<NaiveDate>) -> Option<NaiveDate> {
    activated_on.filter(|_| matches!(status, CaseStatus::Active | CaseStatus::Exited))
}

/// What the summary table shows and to whom: the cases it selects, the day its statuses
/// are read on, and whether personal data is shown whole.
pub(crate) struct Summary {
    condition: Condition,
    today: NaiveDate,
    shown: Shown,
}

impl Summary {
    /// Checks the caller and the filter: every refusal comes from here, before any row.
    async fn new(state: &AppState, actor: &Actor, filter: SummaryFilter) -> ApiResult<Summary> {
        actor.require_any(READERS)?;
        let db = &state.db;
        let today = state.clock.today();
        let mut condition = Condition::all().add(scope::org_unit_column(
            hardship_case::Column::OrgUnitId,
            actor,
        ));
        if let Some(org) = filter.org_unit_id {
            let unit = find_in_scope(db, actor, org).await.or_refused(|| {
                ApiError::bad_input("orgUnitId", "no such org unit in your scope")
            })?;
            condition = condition.add(scope::subtree_column(
                hardship_case::Column::OrgUnitId,
                &unit.path,
            ));
        }
        if let Some(status) = filter.status {
            condition = condition.add(status_is(status, today));
        }
        if let Some(level) = filter.level {
            condition = condition.add(hardship_case::Column::Level.eq(level));
        }
        if let Some(year) = filter.year {
            let (first, last) = NaiveDate::from_ymd_opt(year, 1, 1)
                .zip(NaiveDate::from_ymd_opt(year, 12, 31))
                .filter(|_| (2000..=2100).contains(&year))
                .ok_or_else(|| ApiError::bad_input("year", "must be between 2000 and 2100"))?;
            condition = condition
                .add(hardship_case::Column::ActivatedOn.between(first, last.min(today)))
                .add(
                    Condition::any()
                        .add(status_is(CaseStatus::Active, today))
                        .add(status_is(CaseStatus::Exited, today)),
                );
        }
        Ok(Summary {
            condition,
            today,
            shown: Shown::for_actor(actor),
        })
    }

    /// The selected cases joined with their worker, org unit and household, no columns yet.
    fn joined(&self) -> Select<hardship_case::Entity> {
        hardship_case::Entity::find()
            .select_only()
            .join(JoinType::InnerJoin, hardship_case::Relation::Worker.def())
            .join(
                JoinType::InnerJoin,
                hardship_case::Entity::belongs_to(org_unit::Entity)
                    .from(hardship_case::Column::OrgUnitId)
                    .to(org_unit::Column::Id)
                    .into(),
            )
            .join(
                JoinType::LeftJoin,
                worker::Entity::belongs_to(household::Entity)
                    .from(worker::Column::Id)
                    .to(household::Column::WorkerId)
                    .into(),
            )
            .filter(self.condition.clone())
    }

    /// The columns of a row of the table.
    fn rows(&self) -> Select<hardship_case::Entity> {
        self.joined()
            .column_as(hardship_case::Column::Id, "case_id")
            .column_as(hardship_case::Column::Status, "status")
            .column_as(hardship_case::Column::Level, "level")
            .column_as(hardship_case::Column::NoticeEnd, "notice_end")
            .column_as(hardship_case::Column::ActivatedOn, "activated_on")
            .column_as(hardship_case::Column::ReviewDueOn, "review_due_on")
            .column_as(org_unit::Column::Name, "org_name")
            .column_as(worker::Column::Name, "worker_name")
            .column_as(worker::Column::Gender, "gender")
            .column_as(worker::Column::IdNumber, "id_number")
            .column_as(worker::Column::Phone, "phone")
            .column_as(worker::Column::EmploymentType, "employment_type")
            .column_as(worker::Column::EmploymentStatus, "employment_status")
            .column_as(household::Column::MemberCount, "member_count")
            .column_as(household::Column::IncomeTotal, "income_total")
    }

    /// The table's order: by org unit, then by case.
    fn ordered(select: Select<hardship_case::Entity>) -> Select<hardship_case::Entity> {
        select
            .order_by_asc(org_unit::Column::Path)
            .order_by_asc(hardship_case::Column::Id)
    }

    /// The table rows of `rows`, numbered from `first`: causes and reliefs loaded with one
    /// `IN (...)` query per kind and [`CHUNK`](super::CHUNK) cases.
    async fn cells(
        &self,
        db: &impl ConnectionTrait,
        rows: Vec<SummaryRow>,
        first: i64,
    ) -> ApiResult<Vec<Vec<Cell>>> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.case_id).collect();
        let mut causes: HashMap<Uuid, Vec<&'static str>> = HashMap::new();
        let mut reliefs: HashMap<Uuid, Vec<&'static str>> = HashMap::new();
        for chunk in chunks(&ids) {
            for c in case_cause::Entity::find()
                .filter(case_cause::Column::CaseId.is_in(chunk.iter().copied()))
                .order_by_asc(case_cause::Column::Cause)
                .all(db)
                .await?
            {
                causes.entry(c.case_id).or_default().push(c.cause.label());
            }
            for r in case_relief::Entity::find()
                .filter(case_relief::Column::CaseId.is_in(chunk.iter().copied()))
                .order_by_asc(case_relief::Column::Relief)
                .all(db)
                .await?
            {
                reliefs.entry(r.case_id).or_default().push(r.relief.label());
            }
        }

        let shown = self.shown;
        let mut cells = Vec::with_capacity(rows.len());
        for (n, row) in (first..).zip(rows) {
            let status = lifecycle::effective_status(row.status, row.notice_end, self.today);
            let income = row.income_total.filter(|_| shown.whole);
            let per_capita = income
                .zip(row.member_count)
                .and_then(|(i, m)| per_capita(i, m));
            cells.push(vec![
                n.into(),
                row.org_name.into(),
                shown.name(&row.worker_name).into(),
                row.gender.label().into(),
                shown.id_number(&row.id_number).into(),
                row.phone.as_deref().map(|p| shown.phone(p)).into(),
                row.employment_type.label().into(),
                row.employment_status.label().into(),
                row.level.map(|l| l.label()).into(),
                row.member_count.map(i64::from).into(),
                income.into(),
                per_capita.into(),
                labels::joined(causes.remove(&row.case_id).unwrap_or_default()).into(),
                labels::joined(reliefs.remove(&row.case_id).unwrap_or_default()).into(),
                status.label().into(),
                filed_on(status, row.activated_on).into(),
                row.review_due_on.into(),
            ]);
        }
        Ok(cells)
    }
}

/// The summary table (《汇总表》): one row per case of the caller's subtree, in org-unit
/// order. Readers of cases only; personal data masked for callers who may not see it.
/// The whole table is in memory: the `.xlsx` download (rust_xlsxwriter builds the file in
/// memory anyway); the `.csv` one is streamed by [`summary_csv`].
pub async fn summary(state: &AppState, actor: &Actor, filter: SummaryFilter) -> ApiResult<Sheet> {
    let summary = Summary::new(state, actor, filter).await?;
    let db = &state.db;
    let rows = Summary::ordered(summary.rows())
        .into_model::<SummaryRow>()
        .all(db)
        .await?;
    let mut sheet = Sheet::new("汇总表", SUMMARY_HEADERS);
    sheet.rows = summary.cells(db, rows, 1).await?;
    Ok(sheet)
}

/// The summary table as `.csv`, byte for byte what [`summary`] renders, sent
/// [`CHUNK`](super::CHUNK) cases at a time so that a city-wide table (about 100,000 rows)
/// never sits in memory whole.
///
/// The order is read first, as the case ids alone (16 bytes a case); each piece is then
/// one query for its rows (`id IN (...)`, the filter applied again) and one per kind of
/// child. No connection is held between pieces, so a slow client ties up none and a pool
/// of one connection (in-memory SQLite) still works, which a cursor held open for the
/// children's queries would not allow; and paging by key (`path, id`) would sort the
/// whole selection again for every page. A case changed meanwhile shows as it is when
/// its piece is read; one that no longer matches is left out.
///
/// Refusals and a failed read of the order come back as errors before the first byte;
/// a failure after that ends the stream with an error (see `download_stream`).
pub async fn summary_csv(
    state: &AppState,
    actor: &Actor,
    filter: SummaryFilter,
) -> ApiResult<impl Stream<Item = ApiResult<Vec<u8>>> + Send + 'static> {
    let summary = Summary::new(state, actor, filter).await?;
    let ids: Vec<Uuid> = Summary::ordered(summary.joined().column(hardship_case::Column::Id))
        .into_tuple()
        .all(&state.db)
        .await?;
    let head = csv_head(SUMMARY_HEADERS)?;
    let pieces = stream::try_unfold(
        (state.clone(), summary, ids, 0usize, 1i64),
        |(state, summary, ids, done, numbered)| async move {
            let end = (done + super::CHUNK).min(ids.len());
            let Some(piece) = ids.get(done..end).filter(|p| !p.is_empty()) else {
                return Ok(None);
            };
            let mut found: HashMap<Uuid, SummaryRow> = summary
                .rows()
                .filter(hardship_case::Column::Id.is_in(piece.iter().copied()))
                .into_model::<SummaryRow>()
                .all(&state.db)
                .await?
                .into_iter()
                .map(|r| (r.case_id, r))
                .collect();
            let rows: Vec<SummaryRow> = piece.iter().filter_map(|id| found.remove(id)).collect();
            let count = i64::try_from(rows.len()).map_err(ApiError::internal)?;
            let cells = summary.cells(&state.db, rows, numbered).await?;
            let bytes = csv_rows(&cells)?;
            Ok(Some((bytes, (state, summary, ids, end, numbered + count))))
        },
    );
    Ok(stream::once(future::ready(Ok(head))).chain(pieces))
}

fn codes(value: &serde_json::Value) -> String {
    labels::joined(
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(labels::criterion),
    )
}

/// One worker's application form (《职工申请表》) for a case of the caller's subtree:
/// the worker, the household and its members, the per-capita income against the line,
/// the criteria matched, the causes, the documents and every step with its actor, time
/// and comment. Readers of cases; NOT_FOUND outside the caller's subtree.
pub async fn application_form(
    state: &AppState,
    actor: &Actor,
    case_id: Uuid,
) -> ApiResult<(Sheet, String)> {
    let case = cases::get_case(state, actor, case_id).await?;
    let db = &state.db;
    let today = state.clock.today();
    let Subject {
        worker,
        org,
        household,
    } = subject(db, case.worker_id, case.org_unit_id).await?;
    let members = household_member::Entity::find()
        .filter(household_member::Column::WorkerId.eq(case.worker_id))
        .order_by_asc(household_member::Column::Position)
        .all(db)
        .await?;
    let evaluation = case_evaluation::Entity::find()
        .filter(case_evaluation::Column::CaseId.eq(case.id))
        .order_by_desc(case_evaluation::Column::At)
        .order_by_desc(case_evaluation::Column::Id)
        .one(db)
        .await?;
    let causes = case_cause::Entity::find()
        .filter(case_cause::Column::CaseId.eq(case.id))
        .order_by_asc(case_cause::Column::Cause)
        .all(db)
        .await?;
    let reliefs = case_relief::Entity::find()
        .filter(case_relief::Column::CaseId.eq(case.id))
        .order_by_asc(case_relief::Column::Relief)
        .all(db)
        .await?;
    let documents = case_document::Entity::find()
        .filter(case_document::Column::CaseId.eq(case.id))
        .order_by_asc(case_document::Column::CreatedAt)
        .order_by_asc(case_document::Column::Id)
        .all(db)
        .await?;
    let mut steps = case_transition::Entity::find()
        .filter(case_transition::Column::CaseId.eq(case.id))
        .order_by_asc(case_transition::Column::At)
        .order_by_asc(case_transition::Column::Id)
        .all(db)
        .await?;
    let status = lifecycle::effective_status(case.status, case.notice_end, today);
    if status == CaseStatus::Active && case.status == CaseStatus::InNotice {
        steps.extend(cases::activation_step(&case));
    }

    let shown = Shown::for_actor(actor);
    let personal = |value: Option<String>| value.filter(|_| shown.whole);
    let mut form = Form::new("职工申请表");

    form.section("职工基本情况");
    form.field("档案状态", status.label());
    form.field("单位", org.map(|o| o.name));
    form.field("姓名", shown.name(&worker.name));
    form.field("性别", worker.gender.label());
    form.field("出生日期", Some(worker.birth_date).filter(|_| shown.whole));
    form.field("身份证号", shown.id_number(&worker.id_number));
    form.field("联系电话", worker.phone.as_deref().map(|p| shown.phone(p)));
    form.field("人员类别", worker.employment_type.label());
    form.field("就业状态", worker.employment_status.label());
    form.field("文化程度", worker.education.label());
    form.field("职业", worker.occupation.label());
    form.field("工会会员", worker.union_member.label());
    form.field("参加帮扶基金捐款", worker.fund_contributor.label());

    form.section("家庭情况");
    if let Some(h) = &household {
        let income = Some(h.income_total).filter(|_| shown.whole);
        form.field("家庭人口", i64::from(h.member_count));
        form.field("家庭月收入", income);
        form.field(
            "人均月收入",
            income.and_then(|i| per_capita(i, h.member_count)),
        );
        form.field("享受低保", h.receives_minimum_allowance.label());
        form.field("住宅套数", i64::from(h.homes_owned));
        form.field("拥有商业店铺或雇佣他人经营", h.owns_business.label());
        form.field("非受雇佣经常使用机动车辆", h.uses_vehicles.label());
        form.field("单亲", h.single_parent.label());
        form.field("丧偶", h.widowed.label());
        form.field("单身一人", h.lives_alone.label());
        form.field("遭遇意外灾害", h.disaster_loss.label());
        form.field("其它特殊原因", personal(h.other_special_cause.clone()));
    } else {
        form.field("家庭人口", Cell::Empty);
    }
    let member_rows = members
        .into_iter()
        .map(|m| {
            let name = match (&m.name, m.kinship) {
                (Some(n), _) => Some(shown.name(n)),
                (None, entity::Kinship::Worker) => Some(shown.name(&worker.name)),
                (None, _) => None,
            };
            let birth = match m.kinship {
                entity::Kinship::Worker => m.birth_date.or(Some(worker.birth_date)),
                _ => m.birth_date,
            };
            let age = birth
                .filter(|_| shown.whole)
                .and_then(|b| today.years_since(b))
                .map(i64::from);
            vec![
                name.into(),
                m.kinship.label().into(),
                age.into(),
                Some(m.monthly_income).filter(|_| shown.whole).into(),
                Some(m.health.label()).filter(|_| shown.whole).into(),
                Some(m.disabled.label()).filter(|_| shown.whole).into(),
                m.schooling.label().into(),
            ]
        })
        .collect();
    form.table(
        "家庭成员",
        &[
            "姓名",
            "与职工关系",
            "年龄",
            "月收入",
            "健康状况",
            "残疾",
            "就学情况",
        ],
        member_rows,
    );

    form.section("困难认定");
    form.field("困难类别", case.level.map(|l| l.label()));
    if let Some(e) = &evaluation {
        form.field("符合建档条件", e.eligible.label());
        form.field("符合的标准", codes(&e.matched));
        form.field("不予建档情形", codes(&e.excluded));
        form.field(
            "认定人均月收入",
            Some(e.per_capita_income).filter(|_| shown.whole),
        );
        form.field("当地最低生活保障线", e.poverty_line);
        form.field("政策版本", e.policy_version.as_str());
        form.field("评估时间", time(e.at));
    }
    form.field(
        "致困原因",
        labels::joined(causes.iter().map(|c| c.cause.label())),
    );
    form.field(
        "已享受救助",
        labels::joined(reliefs.iter().map(|r| r.relief.label())),
    );

    form.section("五清及帮扶措施");
    let five = case.five_clears.clone();
    form.field("家庭状况清", personal(five.family_situation));
    form.field("致困原因清", personal(five.cause));
    form.field("技术特长清", personal(five.skills));
    form.field("就业要求清", personal(five.work_wish));
    form.field("思想状况清", personal(five.state_of_mind));
    form.field("帮扶措施", personal(case.assistance_plan.clone()));
    form.field(
        "联系户领导干部",
        case.paired_cadre_name
            .as_deref()
            .map(|name| match case.paired_cadre_position.as_deref() {
                Some(position) => format!("{name}（{position}）"),
                None => name.to_owned(),
            }),
    );
    form.field("备注", personal(case.notes.clone()));

    form.section("证明材料");
    let document_rows = documents
        .into_iter()
        .map(|d| {
            vec![
                d.kind.label().into(),
                d.issued_on.into(),
                personal(d.issuer).into(),
                d.qualified_issuer.label().into(),
                personal(d.note).into(),
            ]
        })
        .collect();
    form.table(
        "证明材料",
        &[
            "材料类型",
            "出具日期",
            "出具单位",
            "二级以上公立医院",
            "备注",
        ],
        document_rows,
    );

    form.section("审核流程");
    let step_rows = steps
        .into_iter()
        .map(|s| {
            vec![
                s.from_status.map(|f| f.label()).into(),
                s.to_status.label().into(),
                s.actor_username.into(),
                time(s.at).into(),
                s.comment.into(),
            ]
        })
        .collect();
    form.table(
        "流转记录",
        &["原状态", "新状态", "操作人", "时间", "意见"],
        step_rows,
    );
    form.field("公示开始日", case.notice_start);
    form.field("公示截止日", case.notice_end);
    form.field("建档日期", filed_on(status, case.activated_on));
    form.field("年审到期日", case.review_due_on);

    let file = format!("职工申请表-{}", shown.name(&worker.name));
    Ok((form.sheet, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_capita_income_is_rounded_to_the_fen() {
        assert_eq!(
            per_capita(Money::from_fen(240_000), 3),
            Some(Money::from_fen(80_000))
        );
        assert_eq!(
            per_capita(Money::from_fen(100_000), 3),
            Some(Money::from_fen(33_333))
        );
        assert_eq!(per_capita(Money::from_fen(100_000), 0), None);
    }

    #[test]
    fn the_filing_date_shows_once_filed() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 10);
        assert_eq!(filed_on(CaseStatus::Active, day), day);
        assert_eq!(filed_on(CaseStatus::InNotice, day), None);
    }
}
