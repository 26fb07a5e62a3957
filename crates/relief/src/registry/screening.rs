//! Proactive screening (精准识别): workers whose recorded circumstances meet a filing
//! criterion but who have no open or filed case. The seed notes that help reaches only
//! those who come forward (「反映了情况的职工才能得到帮扶」); this finds the others.
//!
//! The shortlist is one SQL query over the household counts (scoped, paged, counted);
//! the criteria reported for each worker come from the same pure rules that decide a
//! case, run on that page only.

use chrono::Datelike;
use entity::{EmploymentType, worker};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ActiveEnum, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::lifecycle;
use super::rules::Evaluation;
use super::service::{READERS, assess_many};
use crate::app::AppState;
use crate::auth::{Actor, scope};
use crate::error::ApiResult;
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};

/// A worker the screening found, with the criteria met.
pub struct Candidate {
    pub worker: worker::Model,
    pub evaluation: Evaluation,
}

/// The SQL translation of the criteria and exclusions of `rules::evaluate`, on the
/// household counts (money in fen, so every comparison is exact). `year` selects the
/// poverty line: the region's own, else its city's, else its province's.
pub fn meets_a_criterion(year: i32) -> SimpleExpr {
    // `year` is an integer: inlined, it cannot inject anything, and the statement reads
    // the same on both backends (their placeholders differ).
    // The line is the latest set by `year` for the region, else its city, else its
    // province (as `service::assess_many` picks it); no line at all, no candidate.
    let region = "COALESCE(
        (SELECT p.region_code FROM poverty_line p WHERE p.year <= {year} AND p.region_code = o.region_code LIMIT 1),
        (SELECT p.region_code FROM poverty_line p WHERE p.year <= {year} AND p.region_code = substr(o.region_code, 1, 4) || '00' LIMIT 1),
        (SELECT p.region_code FROM poverty_line p WHERE p.year <= {year} AND p.region_code = substr(o.region_code, 1, 2) || '0000' LIMIT 1))"
        .replace("{year}", &year.to_string());
    Expr::cust(format!(
        r#"EXISTS (
            SELECT 1 FROM household h
            JOIN org_unit o ON o.id = worker.org_unit_id
            JOIN poverty_line l ON l.region_code = {region}
              AND l.year = (SELECT MAX(p.year) FROM poverty_line p WHERE p.region_code = l.region_code AND p.year <= {year})
            WHERE h.worker_id = worker.id
              AND h.homes_owned < 2 AND NOT h.owns_business AND NOT h.uses_vehicles AND NOT h.high_fee_schooling
              AND (
                h.disaster_loss
                OR h.single_parent OR h.widowed
                OR (h.lives_alone AND h.seriously_ill_count > 0)
                OR h.seriously_ill_count >= 2
                OR (h.seriously_ill_count >= 1 AND h.children_at_university > 0)
                OR h.income_total < l.monthly_amount * h.member_count
                OR (h.income_total * 2 <= l.monthly_amount * 3 * h.member_count
                    AND (h.ill_count > 0 OR h.children_in_school > 0 OR h.disabled_count > 0
                         OR h.single_parent OR h.other_special_cause IS NOT NULL))
              )
        )"#
    ))
}

/// Workers of an org subtree who meet a criterion and have no open or filed case.
pub async fn candidates(
    state: &AppState,
    actor: &Actor,
    org_unit_id: Uuid,
    page: &PageArgs,
) -> ApiResult<Page<Candidate>> {
    actor.require_any(READERS)?;
    let unit = find_in_scope(&state.db, actor, org_unit_id).await?;
    let today = state.clock.today();
    let select = worker::Entity::find()
        .filter(scope::subtree_column(worker::Column::OrgUnitId, &unit.path))
        .filter(worker::Column::EmploymentType.is_not_in([
            EmploymentType::Retired,
            EmploymentType::WorkInjuryDeathFamily,
            EmploymentType::DisabilityRetired,
        ]))
        .filter(Expr::cust(format!(
            "NOT EXISTS (SELECT 1 FROM hardship_case c WHERE c.worker_id = worker.id AND c.status NOT IN ({}))",
            lifecycle::CLOSED
                .map(|s| format!("'{}'", s.to_value()))
                .join(", "),
        )))
        .filter(meets_a_criterion(today.year()));
    let page = paginate(state, select, worker::Column::Id, page).await?;
    let mut assessed = assess_many(&state.db, &page.items, today).await?;
    let items = page
        .items
        .into_iter()
        .filter_map(|worker| match assessed.remove(&worker.id) {
            Some(Ok(a)) => Some(Candidate {
                worker,
                evaluation: a.evaluation,
            }),
            _ => None,
        })
        .collect();
    Ok(Page {
        items,
        has_previous_page: page.has_previous_page,
        has_next_page: page.has_next_page,
        total_count: page.total_count,
    })
}
