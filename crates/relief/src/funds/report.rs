//! The annual fund report (资金年度报告) for the audit group (基金使用审查小组): opening
//! balance, income by category, payouts by item, closing balance, and a reconciliation
//! of every payout against an approved item. Counted in SQL.

use chrono::NaiveDate;
use entity::{Money, Role};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
use uuid::Uuid;

use super::service::find_fund;
use crate::app::AppState;
use crate::auth::Actor;
use crate::clock::start_of_day;
use crate::error::{ApiError, ApiResult};

/// One line of a grouped total.
pub struct Line {
    pub key: String,
    pub amount: Money,
    pub count: i64,
}

/// The report of one fund for one year.
pub struct FundReport {
    pub year: i32,
    pub opening_balance: Money,
    pub income_by_category: Vec<Line>,
    pub payouts_by_item: Vec<Line>,
    pub closing_balance: Money,
    pub payouts_checked: i64,
    pub unmatched_payout_entry_ids: Vec<Uuid>,
}

/// `n`-th placeholder of `backend`.
fn ph(backend: DbBackend, n: usize) -> String {
    match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".to_owned(),
    }
}

async fn scalar(db: &impl ConnectionTrait, sql: String, values: Vec<Value>) -> ApiResult<i64> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?
        .ok_or_else(|| ApiError::internal("a sum returned no row"))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn lines(db: &impl ConnectionTrait, sql: String, values: Vec<Value>) -> ApiResult<Vec<Line>> {
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            values,
        ))
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Line {
                key: r.try_get_by_index::<String>(0)?,
                amount: Money::from_fen(r.try_get_by_index::<i64>(1)?),
                count: r.try_get_by_index::<i64>(2)?,
            })
        })
        .collect()
}

/// The report (AUDITOR, FINANCE, ADMIN, and the leading group).
pub async fn fund_report(
    state: &AppState,
    actor: &Actor,
    fund_id: Uuid,
    year: i32,
) -> ApiResult<FundReport> {
    actor.require_any(&[
        Role::Auditor,
        Role::Finance,
        Role::Admin,
        Role::Reviewer,
        Role::Approver,
    ])?;
    let fund = find_fund(&state.db, actor, fund_id, false).await?;
    let (Some(first), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Err(ApiError::bad_input("year", "out of range"));
    };
    let (from, to) = (start_of_day(first), start_of_day(next));
    let db = &state.db;
    let b = db.get_database_backend();
    let (p1, p2, p3) = (ph(b, 1), ph(b, 2), ph(b, 3));
    let id = Value::from(fund.id);

    let opening = scalar(
        db,
        format!("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entry WHERE fund_id = {p1} AND recorded_at < {p2}"),
        vec![id.clone(), from.into()],
    )
    .await?;
    let during = scalar(
        db,
        format!("SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) FROM ledger_entry WHERE fund_id = {p1} AND recorded_at >= {p2} AND recorded_at < {p3}"),
        vec![id.clone(), from.into(), to.into()],
    )
    .await?;
    // Income and its corrections share a category.
    let income = lines(
        db,
        format!(
            "SELECT category, CAST(SUM(amount) AS BIGINT), \
             CAST(SUM(CASE WHEN kind = 'INCOME' THEN 1 ELSE -1 END) AS BIGINT) \
             FROM ledger_entry WHERE fund_id = {p1} AND recorded_at >= {p2} AND recorded_at < {p3} \
             AND category IS NOT NULL GROUP BY category ORDER BY category"
        ),
        vec![id.clone(), from.into(), to.into()],
    )
    .await?;
    // Payouts and their reversals, by what they paid: the subsidy item, the kind of
    // condolence, or the kind of campaign, the count person-times (人次); and the goods
    // bought for the 爱心超市 (IN_KIND_PURCHASE), the count purchases.
    let payouts = lines(
        db,
        format!(
            "SELECT COALESCE(CASE WHEN e.kind = 'PURCHASE' THEN 'IN_KIND_PURCHASE' END, \
             a.item, 'CONDOLENCE_' || c.kind, 'CAMPAIGN_' || cp.kind, 'UNMATCHED'), \
             CAST(-SUM(e.amount) AS BIGINT), \
             CAST(SUM(CASE WHEN e.kind IN ('PAYOUT', 'PURCHASE') THEN 1 ELSE -1 END) AS BIGINT) \
             FROM ledger_entry e \
             LEFT JOIN payout_item pi ON pi.id = e.payout_item_id \
             LEFT JOIN assistance_application a ON a.id = pi.application_id \
             LEFT JOIN condolence c ON c.id = pi.condolence_id \
             LEFT JOIN campaign_recipient r ON r.id = pi.campaign_recipient_id \
             LEFT JOIN campaign cp ON cp.id = r.campaign_id \
             WHERE e.fund_id = {p1} AND e.recorded_at >= {p2} AND e.recorded_at < {p3} \
             AND e.category IS NULL \
             GROUP BY 1 ORDER BY 1"
        ),
        vec![id.clone(), from.into(), to.into()],
    )
    .await?;
    // A payout is matched when it pays an item of an approved batch of this fund, for
    // the item's amount, and the item's source was approved.
    let checked = scalar(
        db,
        format!("SELECT CAST(COUNT(*) AS BIGINT) FROM ledger_entry WHERE fund_id = {p1} AND kind = 'PAYOUT' AND recorded_at >= {p2} AND recorded_at < {p3}"),
        vec![id.clone(), from.into(), to.into()],
    )
    .await?;
    let unmatched_rows = db
        .query_all_raw(Statement::from_sql_and_values(
            b,
            format!(
                "SELECT e.id FROM ledger_entry e \
                 LEFT JOIN payout_item pi ON pi.id = e.payout_item_id \
                 LEFT JOIN payout_batch pb ON pb.id = pi.batch_id \
                 LEFT JOIN assistance_application a ON a.id = pi.application_id \
                 LEFT JOIN condolence c ON c.id = pi.condolence_id \
                 LEFT JOIN campaign_recipient r ON r.id = pi.campaign_recipient_id \
                 WHERE e.fund_id = {p1} AND e.kind = 'PAYOUT' AND e.recorded_at >= {p2} AND e.recorded_at < {p3} \
                 AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reverses_entry_id = e.id) \
                 AND (pi.id IS NULL OR pb.status <> 'APPROVED' OR pb.fund_id <> e.fund_id OR pi.amount <> -e.amount \
                      OR (pi.application_id IS NOT NULL AND (a.id IS NULL OR a.status <> 'PAID' \
                          OR a.approved_amount IS NULL OR a.approved_amount <> pi.amount)) \
                      OR (pi.condolence_id IS NOT NULL AND (c.id IS NULL OR c.status <> 'PAID' OR c.amount <> pi.amount)) \
                      OR (pi.campaign_recipient_id IS NOT NULL AND (r.id IS NULL OR r.amount <> pi.amount))) \
                 ORDER BY e.sequence"
            ),
            vec![id, from.into(), to.into()],
        ))
        .await?;
    let unmatched = unmatched_rows
        .into_iter()
        .map(|r| r.try_get_by_index::<Uuid>(0))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(FundReport {
        year,
        opening_balance: Money::from_fen(opening),
        income_by_category: income,
        payouts_by_item: payouts,
        closing_balance: Money::from_fen(opening.saturating_add(during)),
        payouts_checked: checked,
        unmatched_payout_entry_ids: unmatched,
    })
}
