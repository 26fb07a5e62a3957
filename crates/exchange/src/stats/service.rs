//! The report queries: a few grouped or conditional aggregate statements each, the org
//! subtree applied in the WHERE clause. Enum values are written into the SQL from the
//! entities' own constants; everything the caller gives is a bound parameter (`$n`, which
//! both PostgreSQL and SQLite accept, so a parameter can be used twice).

use chrono::{Datelike, NaiveDate};
use entity::{
    CampaignKind, Cause, CertificateKind, CondolenceKind, Education, EmploymentType, Gender,
    HardshipLevel, Industry, Money, Occupation, Ownership, Relief, Role, SeekerCategory,
    SubsidyItem, org_unit,
};
use sea_orm::{ConnectionTrait, DbBackend, Iterable, QueryResult, Statement, Value};
use uuid::Uuid;

use super::rules::{AgeBand, UNSTATED, cutoffs_4050, db_key};
use crate::app::AppState;
use crate::auth::Actor;
use crate::clock::start_of_day;
use crate::error::{ApiError, ApiResult};
use crate::labels::Label;
use crate::org::service::find_in_scope;

/// Who reads the hardship figures: dashboards, the audit group and the staff who file
/// and review cases.
pub const HARDSHIP_READERS: &[Role] = &[
    Role::Viewer,
    Role::Auditor,
    Role::Admin,
    Role::Reviewer,
    Role::Approver,
    Role::Caseworker,
];

/// Who reads the payout figures: the same, and FINANCE who pays.
pub const PAYOUT_READERS: &[Role] = &[
    Role::Viewer,
    Role::Auditor,
    Role::Admin,
    Role::Reviewer,
    Role::Approver,
    Role::Caseworker,
    Role::Finance,
];

/// Who reads the agency's figures: dashboards, the audit group, ADMIN and the agency.
pub const AGENCY_READERS: &[Role] = &[Role::Viewer, Role::Auditor, Role::Admin, Role::AgencyStaff];

/// One row of a breakdown: a bucket's key (the enum value), its Chinese label and the
/// number of people in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub key: String,
    pub label: String,
    pub count: i64,
}

/// Bound parameters, numbered `$1`, `$2`… in the order they are added.
pub(super) struct Params(pub(super) Vec<Value>);

impl Params {
    pub(super) fn bind(&mut self, value: impl Into<Value>) -> String {
        self.0.push(value.into());
        format!("${}", self.0.len())
    }
}

pub(super) async fn rows(
    db: &impl ConnectionTrait,
    sql: String,
    params: Params,
) -> ApiResult<Vec<QueryResult>> {
    Ok(db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            params.0,
        ))
        .await?)
}

pub(super) fn int(row: &QueryResult, i: usize) -> ApiResult<i64> {
    Ok(row.try_get_by_index::<Option<i64>>(i)?.unwrap_or(0))
}

/// `CAST(COALESCE(SUM(CASE WHEN cond THEN 1 ELSE 0 END), 0) AS BIGINT)`.
pub(super) fn count_if(cond: &str) -> String {
    format!("CAST(COALESCE(SUM(CASE WHEN {cond} THEN 1 ELSE 0 END), 0) AS BIGINT)")
}

/// A stored enum value as an SQL literal (our own constants, never user input).
fn lit<E: sea_orm::ActiveEnum<Value = String>>(value: E) -> String {
    format!("'{}'", db_key(value).replace('\'', "''"))
}

/// The unit the figures are for: `org_unit_id` or the caller's own unit, in the caller's
/// subtree (NOT_FOUND otherwise, as everywhere else).
pub(super) async fn root_unit(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
) -> ApiResult<org_unit::Model> {
    find_in_scope(&state.db, actor, org_unit_id.unwrap_or(actor.org_unit_id)).await
}

/// `from..=to`, by default this year up to today (CST); `from` after `to` is refused.
pub fn period(
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<(NaiveDate, NaiveDate)> {
    let to = to.unwrap_or(today);
    let from = match from {
        Some(from) => from,
        None => NaiveDate::from_ymd_opt(to.year(), 1, 1)
            .ok_or_else(|| ApiError::bad_input("to", "out of range"))?,
    };
    if from > to {
        return Err(ApiError::bad_input(
            "to",
            "the period ends before it starts",
        ));
    }
    Ok((from, to))
}

/// The first instant after business date `day`.
pub(super) fn end_of(day: NaiveDate) -> ApiResult<chrono::DateTime<chrono::Utc>> {
    day.succ_opt()
        .map(start_of_day)
        .ok_or_else(|| ApiError::bad_input("to", "out of range"))
}

// ---------------------------------------------------------------------------------------
// Hardship workers (困难职工)

/// Hardship workers on the registry on a date, with the survey report's breakdowns.
#[derive(Debug, Clone)]
pub struct HardshipStats {
    pub org_unit: org_unit::Model,
    pub as_of: NaiveDate,
    pub total: i64,
    pub extreme: i64,
    pub ordinary: i64,
    pub by_gender: Vec<Bucket>,
    pub by_age_band: Vec<Bucket>,
    pub by_education: Vec<Bucket>,
    pub by_employment_type: Vec<Bucket>,
    pub by_ownership: Vec<Bucket>,
    pub by_industry: Vec<Bucket>,
    pub by_occupation: Vec<Bucket>,
    pub by_cause: Vec<Bucket>,
    pub by_relief: Vec<Bucket>,
    pub older_4050: i64,
    pub seriously_ill: i64,
    pub child_in_school: i64,
    pub below_line: i64,
}

/// Conditional counts, each with the breakdown it belongs to.
struct Columns(Vec<(&'static str, String, String, String)>);

impl Columns {
    fn add(&mut self, section: &'static str, key: String, label: &str, cond: String) {
        self.0.push((section, key, label.to_owned(), cond));
    }

    fn enum_of<E>(&mut self, section: &'static str, column: &str)
    where
        E: sea_orm::ActiveEnum<Value = String> + Iterable + Label + Copy,
    {
        for value in E::iter() {
            self.add(
                section,
                db_key(value),
                value.report(),
                format!("{column} = {}", lit(value)),
            );
        }
    }

    fn section(&self, counts: &[i64], section: &str) -> Vec<Bucket> {
        self.0
            .iter()
            .zip(counts)
            .filter(|((s, ..), _)| *s == section)
            .map(|((_, key, label, _), n)| Bucket {
                key: key.clone(),
                label: label.clone(),
                count: *n,
            })
            .collect()
    }

    fn one(&self, counts: &[i64], section: &str) -> i64 {
        self.section(counts, section).first().map_or(0, |b| b.count)
    }
}

/// The ACTIVE-on-`as_of` condition on `hardship_case c` (see `hardship_stats`).
fn active_on(p: &mut Params, prefix: &str, as_of: NaiveDate) -> ApiResult<String> {
    let subtree = p.bind(format!("{prefix}%"));
    let day = p.bind(as_of);
    let next = p.bind(end_of(as_of)?);
    Ok(format!(
        "c.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         AND c.status IN ('IN_NOTICE', 'ACTIVE', 'EXITED') \
         AND c.activated_on <= {day} \
         AND (c.exited_at IS NULL OR c.exited_at >= {next})"
    ))
}

/// The figures of the workers whose case was ACTIVE (建档) on `as_of` in the subtree of
/// `org_unit_id` (default: the caller's unit; date default: today, CST).
///
/// A case is ACTIVE on a day when its public notice had ended by then without objection
/// (`activated_on`, the day after the notice, on or before the day: the notice sweep may
/// not have stored the status yet) and it had not exited by the end of that day
/// (`exited_at`). A case sent back by an objection has no activation date; rejected cases
/// never had one. One worker has at most one open or active case, so cases are people.
/// A city-wide count reads every case, so the result is kept until the next write
/// (`AppState::reports`).
pub async fn hardship_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    as_of: Option<NaiveDate>,
) -> ApiResult<HardshipStats> {
    actor.require_any(HARDSHIP_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let as_of = as_of.unwrap_or_else(|| state.clock.today());
    state
        .reports
        .of::<(Uuid, NaiveDate), HardshipStats>()
        .get_or_try((unit.id, as_of), count_hardship(&state.db, unit, as_of))
        .await
}

/// The statements of `hardship_stats`, for a unit the caller may read.
async fn count_hardship(
    db: &impl ConnectionTrait,
    unit: org_unit::Model,
    as_of: NaiveDate,
) -> ApiResult<HardshipStats> {
    let mut p = Params(Vec::new());
    let active = active_on(&mut p, &unit.path, as_of)?;
    let mut cols = Columns(Vec::new());
    cols.add("total", "TOTAL".into(), "合计", "1 = 1".into());
    cols.add(
        "extreme",
        "EXTREME".into(),
        HardshipLevel::Extreme.report(),
        "c.level = 'EXTREME'".into(),
    );
    cols.add(
        "ordinary",
        "ORDINARY".into(),
        HardshipLevel::Ordinary.report(),
        "c.level = 'ORDINARY'".into(),
    );
    cols.enum_of::<Gender>("gender", "w.gender");
    for band in AgeBand::ALL {
        let (after, until) = band.birth_range(as_of);
        let mut conds = Vec::new();
        if let Some(after) = after {
            conds.push(format!("w.birth_date > {}", p.bind(after)));
        }
        if let Some(until) = until {
            conds.push(format!("w.birth_date <= {}", p.bind(until)));
        }
        cols.add("age", band.key().into(), band.label(), conds.join(" AND "));
    }
    cols.enum_of::<Education>("education", "w.education");
    cols.enum_of::<EmploymentType>("employment", "w.employment_type");
    // Ownership and industry are the worker's unit's, or those of the nearest unit above
    // it that has them (a branch union takes its enterprise's).
    let ownership = "COALESCE(o.ownership, o1.ownership, o2.ownership, o3.ownership)";
    let industry = "COALESCE(o.industry, o1.industry, o2.industry, o3.industry)";
    cols.enum_of::<Ownership>("ownership", ownership);
    cols.add(
        "ownership",
        UNSTATED.0.into(),
        UNSTATED.1,
        format!("{ownership} IS NULL"),
    );
    cols.enum_of::<Industry>("industry", industry);
    cols.add(
        "industry",
        UNSTATED.0.into(),
        UNSTATED.1,
        format!("{industry} IS NULL"),
    );
    cols.enum_of::<Occupation>("occupation", "w.occupation");
    let (women, men) = cutoffs_4050(as_of);
    let (women, men) = (p.bind(women), p.bind(men));
    cols.add(
        "4050",
        "4050".into(),
        "4050人员",
        format!(
            "((w.gender = 'FEMALE' AND w.birth_date <= {women}) OR (w.gender = 'MALE' AND w.birth_date <= {men}))"
        ),
    );
    cols.add(
        "ill",
        "SERIOUSLY_ILL".into(),
        "看不起病",
        "h.seriously_ill_count > 0".into(),
    );
    cols.add(
        "school",
        "CHILD_IN_SCHOOL".into(),
        "上不起学",
        "h.children_in_school > 0".into(),
    );
    cols.add(
        "below",
        "BELOW_LINE".into(),
        "生活过不下去",
        "c.level = 'EXTREME'".into(),
    );

    let select = cols
        .0
        .iter()
        .map(|(.., cond)| count_if(cond))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {select} FROM hardship_case c \
         JOIN worker w ON w.id = c.worker_id \
         JOIN org_unit o ON o.id = w.org_unit_id \
         LEFT JOIN org_unit o1 ON o1.id = o.parent_id \
         LEFT JOIN org_unit o2 ON o2.id = o1.parent_id \
         LEFT JOIN org_unit o3 ON o3.id = o2.parent_id \
         LEFT JOIN household h ON h.worker_id = c.worker_id \
         WHERE {active}"
    );
    let row = rows(db, sql, p)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("an aggregate returned no row"))?;
    let counts = (0..cols.0.len())
        .map(|i| int(&row, i))
        .collect::<ApiResult<Vec<_>>>()?;

    // Causes and relief: one grouped statement over both link tables.
    let mut p = Params(Vec::new());
    let active = active_on(&mut p, &unit.path, as_of)?;
    let sql = format!(
        "SELECT 'C', x.cause, CAST(COUNT(*) AS BIGINT) FROM case_cause x \
         JOIN hardship_case c ON c.id = x.case_id WHERE {active} GROUP BY x.cause \
         UNION ALL \
         SELECT 'R', x.relief, CAST(COUNT(*) AS BIGINT) FROM case_relief x \
         JOIN hardship_case c ON c.id = x.case_id WHERE {active} GROUP BY x.relief"
    );
    let mut causes = Vec::new();
    let mut reliefs = Vec::new();
    for row in rows(db, sql, p).await? {
        let kind: String = row.try_get_by_index(0)?;
        let key: String = row.try_get_by_index(1)?;
        let n = int(&row, 2)?;
        if kind == "C" {
            causes.push((key, n));
        } else {
            reliefs.push((key, n));
        }
    }

    Ok(HardshipStats {
        org_unit: unit,
        as_of,
        total: cols.one(&counts, "total"),
        extreme: cols.one(&counts, "extreme"),
        ordinary: cols.one(&counts, "ordinary"),
        by_gender: cols.section(&counts, "gender"),
        by_age_band: cols.section(&counts, "age"),
        by_education: cols.section(&counts, "education"),
        by_employment_type: cols.section(&counts, "employment"),
        by_ownership: cols.section(&counts, "ownership"),
        by_industry: cols.section(&counts, "industry"),
        by_occupation: cols.section(&counts, "occupation"),
        by_cause: complete::<Cause>(&causes),
        by_relief: complete::<Relief>(&reliefs),
        older_4050: cols.one(&counts, "4050"),
        seriously_ill: cols.one(&counts, "ill"),
        child_in_school: cols.one(&counts, "school"),
        below_line: cols.one(&counts, "below"),
    })
}

/// Every value of `E` in order, with the count found for it (zero otherwise).
pub(super) fn complete<E>(found: &[(String, i64)]) -> Vec<Bucket>
where
    E: sea_orm::ActiveEnum<Value = String> + Iterable + Label + Copy,
{
    E::iter()
        .map(|v| {
            let key = db_key(v);
            let count = found
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, n)| *n)
                .sum();
            Bucket {
                key,
                label: v.report().to_owned(),
                count,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Payouts and condolences (帮扶资金发放 / 慰问)

/// What a payout paid for (资金用途).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutSource {
    /// An assistance application (困难救助).
    Subsidy,
    /// A condolence (慰问).
    Condolence,
    /// A seasonal care campaign (送温暖 / 送清凉 / 金秋助学).
    Campaign,
}

impl PayoutSource {
    pub const ALL: [PayoutSource; 3] = [Self::Subsidy, Self::Condolence, Self::Campaign];

    pub fn key(self) -> &'static str {
        match self {
            Self::Subsidy => "SUBSIDY",
            Self::Condolence => "CONDOLENCE",
            Self::Campaign => "CAMPAIGN",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Subsidy => "困难救助",
            Self::Condolence => "慰问",
            Self::Campaign => "季节性慰问",
        }
    }
}

/// A dimension payouts are grouped by (分组维度).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayoutDimension {
    Source,
    Item,
    Fund,
    Campaign,
    OrgUnit,
    Year,
    Month,
}

impl PayoutDimension {
    /// The dimension's column header.
    pub fn header(self) -> &'static str {
        match self {
            Self::Source => "类别",
            Self::Item => "项目",
            Self::Fund => "资金",
            Self::Campaign => "活动",
            Self::OrgUnit => "单位",
            Self::Year => "年度",
            Self::Month => "月份",
        }
    }
}

/// The key and label of a group in one dimension; `id` for the row dimensions (fund,
/// campaign, org unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupKey {
    pub dimension: PayoutDimension,
    pub key: String,
    pub label: String,
    pub id: Option<Uuid>,
}

/// Money paid and person-times (人次).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutLine {
    pub keys: Vec<GroupKey>,
    pub amount: Money,
    pub count: i64,
}

/// Money actually paid in a period.
#[derive(Debug, Clone)]
pub struct PayoutStats {
    pub org_unit: org_unit::Model,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub amount: Money,
    pub count: i64,
    pub by_source: Vec<PayoutLine>,
    pub by_item: Vec<PayoutLine>,
    pub group_by: Vec<PayoutDimension>,
    pub groups: Vec<PayoutLine>,
}

/// Every item key: the subsidy items, `CONDOLENCE_<kind>` and `CAMPAIGN_<kind>` (as in
/// the fund report), with its source and label.
pub fn item_keys() -> Vec<(String, PayoutSource, String)> {
    let mut out: Vec<(String, PayoutSource, String)> = SubsidyItem::iter()
        .map(|i| (db_key(i), PayoutSource::Subsidy, i.report().to_owned()))
        .collect();
    out.extend(CondolenceKind::iter().map(|k| {
        (
            format!("CONDOLENCE_{}", db_key(k)),
            PayoutSource::Condolence,
            k.report().to_owned(),
        )
    }));
    out.extend(CampaignKind::iter().map(|k| {
        (
            format!("CAMPAIGN_{}", db_key(k)),
            PayoutSource::Campaign,
            k.report().to_owned(),
        )
    }));
    out
}

const SOURCE_SQL: &str = "CASE WHEN pi.application_id IS NOT NULL THEN 'SUBSIDY' \
     WHEN pi.condolence_id IS NOT NULL THEN 'CONDOLENCE' ELSE 'CAMPAIGN' END";
const ITEM_SQL: &str = "COALESCE(a.item, 'CONDOLENCE_' || cd.kind, 'CAMPAIGN_' || cp.kind)";

/// Payout entries of the ledgers in the period, paid to people of the subtree, not
/// reversed (a reversal, whenever recorded, means the money came back).
fn payouts_from(
    p: &mut Params,
    prefix: &str,
    from: NaiveDate,
    to: NaiveDate,
    extra_join: &str,
) -> ApiResult<String> {
    let subtree = p.bind(format!("{prefix}%"));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    Ok(format!(
        "FROM ledger_entry e \
         JOIN payout_item pi ON pi.id = e.payout_item_id \
         JOIN fund f ON f.id = e.fund_id \
         LEFT JOIN assistance_application a ON a.id = pi.application_id \
         LEFT JOIN condolence cd ON cd.id = pi.condolence_id \
         LEFT JOIN campaign_recipient r ON r.id = pi.campaign_recipient_id \
         LEFT JOIN campaign cp ON cp.id = r.campaign_id \
         LEFT JOIN hardship_case rc ON rc.id = r.case_id \
         JOIN org_unit ru ON ru.id = COALESCE(a.org_unit_id, cd.org_unit_id, rc.org_unit_id) \
         {extra_join} \
         WHERE e.kind = 'PAYOUT' AND e.recorded_at >= {start} AND e.recorded_at < {end} \
         AND ru.path LIKE {subtree} \
         AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reverses_entry_id = e.id)"
    ))
}

/// The CST date-part `format` of `e.recorded_at` (`YYYY` or `YYYY-MM`).
fn local_part(backend: DbBackend, month: bool) -> String {
    match (backend, month) {
        (DbBackend::Postgres, false) => {
            "to_char(e.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY')".into()
        }
        (DbBackend::Postgres, true) => {
            "to_char(e.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')".into()
        }
        (_, false) => "strftime('%Y', e.recorded_at, '+8 hours')".into(),
        (_, true) => "strftime('%Y-%m', e.recorded_at, '+8 hours')".into(),
    }
}

/// Money paid (payouts of the funds' ledgers, net of reversals) for assistance,
/// condolences and campaigns to people of the subtree of `org_unit_id`, recorded from
/// `from` to `to` inclusive (CST): totals, by source and by item (every value, zero
/// included), and grouped by `group_by`.
pub async fn payout_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    group_by: Vec<PayoutDimension>,
) -> ApiResult<PayoutStats> {
    actor.require_any(PAYOUT_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let (from, to) = period(state.clock.today(), from, to)?;
    let mut group_by_unique = Vec::new();
    for d in group_by {
        if !group_by_unique.contains(&d) {
            group_by_unique.push(d);
        }
    }
    let group_by = group_by_unique;
    let db = &state.db;
    let backend = db.get_database_backend();

    // Totals by item; sources and the grand total are sums of these few lines.
    let mut p = Params(Vec::new());
    let from_sql = payouts_from(&mut p, &unit.path, from, to, "")?;
    let sql = format!(
        "SELECT {ITEM_SQL}, CAST(COALESCE(-SUM(e.amount), 0) AS BIGINT), CAST(COUNT(*) AS BIGINT) \
         {from_sql} GROUP BY {ITEM_SQL}"
    );
    let mut found: Vec<(String, i64, i64)> = Vec::new();
    for row in rows(db, sql, p).await? {
        let key: Option<String> = row.try_get_by_index(0)?;
        found.push((key.unwrap_or_default(), int(&row, 1)?, int(&row, 2)?));
    }
    let keys = item_keys();
    let line = |dimension, key: &str, label: &str, amount: i64, count: i64| PayoutLine {
        keys: vec![GroupKey {
            dimension,
            key: key.to_owned(),
            label: label.to_owned(),
            id: None,
        }],
        amount: Money::from_fen(amount),
        count,
    };
    let by_item: Vec<PayoutLine> = keys
        .iter()
        .map(|(key, _, label)| {
            let (amount, count) = found
                .iter()
                .filter(|(k, ..)| k == key)
                .fold((0, 0), |(a, c), (_, fa, fc)| (a + fa, c + fc));
            line(PayoutDimension::Item, key, label, amount, count)
        })
        .collect();
    let by_source: Vec<PayoutLine> = PayoutSource::ALL
        .iter()
        .map(|s| {
            let (amount, count) = keys
                .iter()
                .zip(&by_item)
                .filter(|((_, source, _), _)| source == s)
                .fold((0, 0), |(a, c), (_, l)| (a + l.amount.fen(), c + l.count));
            line(PayoutDimension::Source, s.key(), s.label(), amount, count)
        })
        .collect();
    let amount = by_source.iter().map(|l| l.amount.fen()).sum();
    let count = by_source.iter().map(|l| l.count).sum();

    let groups = if group_by.is_empty() {
        Vec::new()
    } else {
        grouped(db, backend, &unit, from, to, &group_by, &keys).await?
    };
    Ok(PayoutStats {
        org_unit: unit,
        from,
        to,
        amount: Money::from_fen(amount),
        count,
        by_source,
        by_item,
        group_by,
        groups,
    })
}

/// The grouped statement of `payout_stats`: one GROUP BY over the chosen dimensions.
async fn grouped(
    db: &impl ConnectionTrait,
    backend: DbBackend,
    unit: &org_unit::Model,
    from: NaiveDate,
    to: NaiveDate,
    group_by: &[PayoutDimension],
    items: &[(String, PayoutSource, String)],
) -> ApiResult<Vec<PayoutLine>> {
    let mut p = Params(Vec::new());
    let mut extra = String::new();
    if group_by.contains(&PayoutDimension::OrgUnit) {
        // The unit's child that holds the recipient's unit (a district of the city…).
        let root = p.bind(unit.id);
        extra = format!(
            "LEFT JOIN org_unit ch ON ch.parent_id = {root} \
             AND substr(ru.path, 1, length(ch.path)) = ch.path"
        );
    }
    let from_sql = payouts_from(&mut p, &unit.path, from, to, &extra)?;
    // Each dimension: a key column and a label column.
    let columns: Vec<(String, String)> = group_by
        .iter()
        .map(|d| match d {
            PayoutDimension::Source => (SOURCE_SQL.to_owned(), "''".to_owned()),
            PayoutDimension::Item => (ITEM_SQL.to_owned(), "''".to_owned()),
            PayoutDimension::Fund => ("f.id".to_owned(), "f.name".to_owned()),
            PayoutDimension::Campaign => ("cp.id".to_owned(), "cp.name".to_owned()),
            PayoutDimension::OrgUnit => ("ch.id".to_owned(), "ch.name".to_owned()),
            PayoutDimension::Year => (local_part(backend, false), "''".to_owned()),
            PayoutDimension::Month => (local_part(backend, true), "''".to_owned()),
        })
        .collect();
    let select = columns
        .iter()
        .map(|(k, l)| format!("{k}, {l}"))
        .collect::<Vec<_>>()
        .join(", ");
    // PostgreSQL refuses a constant in GROUP BY: the empty labels are left out.
    let group = columns
        .iter()
        .flat_map(|(k, l)| [k.clone(), l.clone()])
        .filter(|c| c != "''")
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {select}, CAST(COALESCE(-SUM(e.amount), 0) AS BIGINT), CAST(COUNT(*) AS BIGINT) \
         {from_sql} GROUP BY {group}"
    );
    let n = group_by.len();
    let mut out = Vec::new();
    for row in rows(db, sql, p).await? {
        let mut keys = Vec::with_capacity(n);
        for (i, d) in group_by.iter().enumerate() {
            keys.push(group_key(&row, 2 * i, *d, unit, items)?);
        }
        out.push(PayoutLine {
            keys,
            amount: Money::from_fen(int(&row, 2 * n)?),
            count: int(&row, 2 * n + 1)?,
        });
    }
    out.sort_by(|a, b| {
        a.keys
            .iter()
            .map(|k| (&k.label, &k.key))
            .cmp(b.keys.iter().map(|k| (&k.label, &k.key)))
    });
    Ok(out)
}

fn group_key(
    row: &QueryResult,
    i: usize,
    dimension: PayoutDimension,
    unit: &org_unit::Model,
    items: &[(String, PayoutSource, String)],
) -> ApiResult<GroupKey> {
    let text = |key: String, label: String| GroupKey {
        dimension,
        key,
        label,
        id: None,
    };
    Ok(match dimension {
        PayoutDimension::Source => {
            let key: String = row.try_get_by_index(i)?;
            let label = PayoutSource::ALL
                .iter()
                .find(|s| s.key() == key)
                .map_or("", |s| s.label());
            text(key, label.to_owned())
        }
        PayoutDimension::Item => {
            let key: String = row
                .try_get_by_index::<Option<String>>(i)?
                .unwrap_or_default();
            let label = items
                .iter()
                .find(|(k, ..)| *k == key)
                .map_or_else(String::new, |(.., l)| l.clone());
            text(key, label)
        }
        PayoutDimension::Year => {
            let key: String = row.try_get_by_index(i)?;
            let label = format!("{key}年");
            text(key, label)
        }
        PayoutDimension::Month => {
            let key: String = row.try_get_by_index(i)?;
            let label = match key.split_once('-') {
                Some((y, m)) => format!("{y}年{}月", m.trim_start_matches('0')),
                None => key.clone(),
            };
            text(key, label)
        }
        PayoutDimension::Fund | PayoutDimension::Campaign | PayoutDimension::OrgUnit => {
            let id: Option<Uuid> = row.try_get_by_index(i)?;
            let name: Option<String> = row.try_get_by_index(i + 1)?;
            match (dimension, id) {
                (_, Some(id)) => GroupKey {
                    dimension,
                    key: id.to_string(),
                    label: name.unwrap_or_default(),
                    id: Some(id),
                },
                // Paid to someone of the unit itself, not of a unit below it.
                (PayoutDimension::OrgUnit, None) => GroupKey {
                    dimension,
                    key: unit.id.to_string(),
                    label: unit.name.clone(),
                    id: Some(unit.id),
                },
                _ => text("NONE".into(), "无".into()),
            }
        }
    })
}

// ---------------------------------------------------------------------------------------
// The employment agency (职业介绍所)

/// The agency's figures for a period (职介工作统计).
#[derive(Debug, Clone, Default)]
pub struct AgencyStats {
    pub seekers: i64,
    pub seekers_by_category: Vec<Bucket>,
    pub employers: i64,
    pub postings: i64,
    pub positions: i64,
    pub referrals: i64,
    pub placements: i64,
    pub placements_4050: i64,
    pub placements_hardship: i64,
    pub fees_waived: i64,
    pub fees_waived_amount: Money,
    pub fairs: i64,
    pub fair_employers: i64,
    pub fair_positions: i64,
    pub fair_attendees: i64,
    pub fair_walk_ins: i64,
    pub fair_intents: i64,
    pub fair_placements: i64,
    pub trainees: i64,
    pub trainees_passed: i64,
    pub certificates: i64,
    pub certificates_by_kind: Vec<Bucket>,
    pub followed_up_3_months: i64,
    pub employed_at_3_months: i64,
    pub followed_up_6_months: i64,
    pub employed_at_6_months: i64,
}

/// The agency's figures for the subtree of `org_unit_id` and the period `from..=to`
/// (CST; default this year to today). What counts, by the day it was recorded:
/// seekers and employers filed (建档); postings published and their headcount (提供岗位);
/// referral letters issued; placements (介绍成功) made, of which 4050 people (on the last
/// day of the period) and hardship workers (category HARDSHIP_WORKER); fees waived;
/// fairs held in the period with their employers, positions, attendees (checked in and
/// walk-ins), intents and the placements their referrals led to (whenever made);
/// enrolments in the unit's courses (withdrawals excluded) and those passed;
/// certificates issued to the unit's seekers; and, of the period's placements, those
/// followed up at 3 and 6 months and those still employed then.
pub async fn agency_stats(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> ApiResult<(org_unit::Model, NaiveDate, NaiveDate, AgencyStats)> {
    actor.require_any(AGENCY_READERS)?;
    let unit = root_unit(state, actor, org_unit_id).await?;
    let (from, to) = period(state.clock.today(), from, to)?;
    let db = &state.db;

    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let (women, men) = cutoffs_4050(to);
    let (women, men) = (p.bind(women), p.bind(men));
    let scope = |col: &str| format!("{col} IN (SELECT id FROM org_unit WHERE path LIKE {subtree})");
    let recorded = |col: &str| format!("{col} >= {start} AND {col} < {end}");
    let sum = |expr: &str| format!("CAST(COALESCE(SUM({expr}), 0) AS BIGINT)");
    let placements = format!(
        "FROM placement pl JOIN job_seeker js ON js.id = pl.seeker_id WHERE {} AND {}",
        scope("pl.org_unit_id"),
        recorded("pl.created_at")
    );
    let fairs = format!(
        "{} AND jf.date >= {first} AND jf.date <= {last}",
        scope("jf.org_unit_id")
    );
    let figures = [
        format!(
            "(SELECT COUNT(*) FROM job_seeker s WHERE {} AND {})",
            scope("s.org_unit_id"),
            recorded("s.created_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM employer em WHERE {} AND {})",
            scope("em.org_unit_id"),
            recorded("em.created_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM posting po WHERE {} AND {})",
            scope("po.org_unit_id"),
            recorded("po.published_at")
        ),
        format!(
            "(SELECT {} FROM posting po WHERE {} AND {})",
            sum("po.headcount"),
            scope("po.org_unit_id"),
            recorded("po.published_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM referral rf WHERE {} AND {})",
            scope("rf.org_unit_id"),
            recorded("rf.created_at")
        ),
        format!("(SELECT COUNT(*) {placements})"),
        format!(
            "(SELECT {} {placements})",
            sum(&format!(
                "CASE WHEN (js.gender = 'FEMALE' AND js.birth_date <= {women}) \
                 OR (js.gender = 'MALE' AND js.birth_date <= {men}) THEN 1 ELSE 0 END"
            ))
        ),
        format!(
            "(SELECT {} {placements})",
            sum(
                "CASE WHEN EXISTS (SELECT 1 FROM seeker_category sc WHERE sc.seeker_id = js.id \
                 AND sc.category = 'HARDSHIP_WORKER') THEN 1 ELSE 0 END"
            )
        ),
        format!(
            "(SELECT COUNT(*) FROM fee_waiver fw WHERE {} AND {})",
            scope("fw.org_unit_id"),
            recorded("fw.created_at")
        ),
        format!(
            "(SELECT {} FROM fee_waiver fw WHERE {} AND {})",
            sum("fw.amount"),
            scope("fw.org_unit_id"),
            recorded("fw.created_at")
        ),
        format!("(SELECT COUNT(*) FROM job_fair jf WHERE {fairs})"),
        format!(
            "(SELECT COUNT(*) FROM fair_employer fe JOIN job_fair jf ON jf.id = fe.fair_id WHERE {fairs})"
        ),
        format!(
            "(SELECT {} FROM fair_posting fp JOIN job_fair jf ON jf.id = fp.fair_id \
             JOIN posting po ON po.id = fp.posting_id WHERE {fairs})",
            sum("po.headcount")
        ),
        format!(
            "(SELECT COUNT(*) FROM fair_attendee fa JOIN job_fair jf ON jf.id = fa.fair_id WHERE {fairs})"
        ),
        format!(
            "(SELECT {} FROM job_fair jf WHERE {fairs})",
            sum("jf.walk_ins")
        ),
        format!(
            "(SELECT COUNT(*) FROM fair_intent fi JOIN job_fair jf ON jf.id = fi.fair_id WHERE {fairs})"
        ),
        format!(
            "(SELECT COUNT(*) FROM placement pl JOIN referral rf ON rf.id = pl.referral_id \
             JOIN job_fair jf ON jf.id = rf.fair_id WHERE {fairs})"
        ),
        format!(
            "(SELECT COUNT(*) FROM enrollment en JOIN training_course tc ON tc.id = en.course_id \
             WHERE {} AND {} AND en.status <> 'DROPPED')",
            scope("tc.org_unit_id"),
            recorded("en.created_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM enrollment en JOIN training_course tc ON tc.id = en.course_id \
             WHERE {} AND {} AND en.status = 'PASSED')",
            scope("tc.org_unit_id"),
            recorded("en.created_at")
        ),
        format!(
            "(SELECT COUNT(*) FROM certificate ce JOIN job_seeker js ON js.id = ce.seeker_id \
             WHERE {} AND ce.issued_on >= {first} AND ce.issued_on <= {last})",
            scope("js.org_unit_id")
        ),
        format!(
            "(SELECT {} {placements})",
            sum("CASE WHEN pl.employed_at_3_months IS NOT NULL THEN 1 ELSE 0 END")
        ),
        format!(
            "(SELECT {} {placements})",
            sum("CASE WHEN pl.employed_at_3_months THEN 1 ELSE 0 END")
        ),
        format!(
            "(SELECT {} {placements})",
            sum("CASE WHEN pl.employed_at_6_months IS NOT NULL THEN 1 ELSE 0 END")
        ),
        format!(
            "(SELECT {} {placements})",
            sum("CASE WHEN pl.employed_at_6_months THEN 1 ELSE 0 END")
        ),
    ];
    let select = figures
        .iter()
        .map(|f| format!("CAST({f} AS BIGINT)"))
        .collect::<Vec<_>>()
        .join(", ");
    let row = rows(db, format!("SELECT {select}"), p)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::internal("an aggregate returned no row"))?;
    let v = (0..figures.len())
        .map(|i| int(&row, i))
        .collect::<ApiResult<Vec<_>>>()?;

    // Breakdowns: seekers filed by category, certificates by kind.
    let mut p = Params(Vec::new());
    let subtree = p.bind(format!("{}%", unit.path));
    let start = p.bind(start_of_day(from));
    let end = p.bind(end_of(to)?);
    let (first, last) = (p.bind(from), p.bind(to));
    let sql = format!(
        "SELECT 'S', sc.category, CAST(COUNT(*) AS BIGINT) FROM seeker_category sc \
         JOIN job_seeker s ON s.id = sc.seeker_id \
         WHERE s.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         AND s.created_at >= {start} AND s.created_at < {end} GROUP BY sc.category \
         UNION ALL \
         SELECT 'C', ce.kind, CAST(COUNT(*) AS BIGINT) FROM certificate ce \
         JOIN job_seeker js ON js.id = ce.seeker_id \
         WHERE js.org_unit_id IN (SELECT id FROM org_unit WHERE path LIKE {subtree}) \
         AND ce.issued_on >= {first} AND ce.issued_on <= {last} GROUP BY ce.kind"
    );
    let mut categories = Vec::new();
    let mut kinds = Vec::new();
    for row in rows(db, sql, p).await? {
        let which: String = row.try_get_by_index(0)?;
        let key: String = row.try_get_by_index(1)?;
        let n = int(&row, 2)?;
        if which == "S" {
            categories.push((key, n));
        } else {
            kinds.push((key, n));
        }
    }
    let stats = AgencyStats {
        seekers: v[0],
        seekers_by_category: complete::<SeekerCategory>(&categories),
        employers: v[1],
        postings: v[2],
        positions: v[3],
        referrals: v[4],
        placements: v[5],
        placements_4050: v[6],
        placements_hardship: v[7],
        fees_waived: v[8],
        fees_waived_amount: Money::from_fen(v[9]),
        fairs: v[10],
        fair_employers: v[11],
        fair_positions: v[12],
        fair_attendees: v[13] + v[14],
        fair_walk_ins: v[14],
        fair_intents: v[15],
        fair_placements: v[16],
        trainees: v[17],
        trainees_passed: v[18],
        certificates: v[19],
        certificates_by_kind: complete::<CertificateKind>(&kinds),
        followed_up_3_months: v[20],
        employed_at_3_months: v[21],
        followed_up_6_months: v[22],
        employed_at_6_months: v[23],
    };
    Ok((unit, from, to, stats))
}
