//! Postings (岗位): created by the agency or by the employer's own portal accounts,
//! published to the public board, closed, filled or expired.

use chrono::NaiveDate;
use entity::{Education, Money, PostingStatus, Role, employer, posting};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityName, EntityTrait,
    QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::employers::{READERS, minimum_wage_on};
use super::rules::{self, PostingTerms};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::scope::find_employer;
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::events::Event;
use crate::pagination::{Page, PageArgs, paginate, paginate_at};
use crate::validate;

/// Who edits postings: the agency, and employers for their own.
const EDITORS: &[Role] = &[Role::AgencyStaff, Role::Employer];

/// Input of `createPosting`.
pub struct NewPosting {
    pub employer_id: Uuid,
    pub title: String,
    pub occupation: String,
    pub headcount: i32,
    pub wage_min: Money,
    pub wage_max: Money,
    pub district: String,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub education: Option<Education>,
    pub skills: Vec<String>,
    pub suitable_for_4050: bool,
    pub required_certificate: Option<String>,
    pub expires_on: NaiveDate,
}

/// The status a reader sees on `today`: an open posting past its date has expired.
pub fn effective_status(p: &posting::Model, today: NaiveDate) -> PostingStatus {
    match p.status {
        PostingStatus::Open | PostingStatus::Draft if p.expires_on < today => {
            PostingStatus::Expired
        }
        other => other,
    }
}

/// A posting the caller may edit: in scope, and for a portal account its own employer's.
pub async fn find_posting(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<posting::Model> {
    let mut query = posting::Entity::find_by_id(id)
        .filter(scope::org_unit_column(posting::Column::OrgUnitId, actor));
    if actor.has_role(Role::Employer) {
        query = query.filter(posting::Column::EmployerId.eq(actor.employer_id.unwrap_or_default()));
    }
    if lock {
        query = query.lock_exclusive();
    }
    query.one(db).await?.ok_or(ApiError::not_found("Posting"))
}

pub async fn create(
    state: &AppState,
    actor: &Actor,
    input: NewPosting,
) -> ApiResult<posting::Model> {
    actor.require_any(EDITORS)?;
    let today = state.clock.today();
    let title = validate::name("title", &input.title, 100)?;
    let occupation = validate::name("occupation", &input.occupation, 50)?;
    crate::org::rules::check_region_code(&input.district)
        .map_err(|_| ApiError::bad_input("district", "must be a 6-digit region code"))?;
    let skills = super::seekers::check_skills(input.skills)?;
    let mut tx = Tx::begin(state).await?;
    let employer = find_employer(&*tx, actor, input.employer_id)
        .await
        .or_refused(|| ApiError::bad_input("employerId", "no such employer in your scope"))?;
    let minimum = minimum_wage_on(&*tx, &input.district, today).await?;
    let terms = PostingTerms {
        headcount: input.headcount,
        wage_min: input.wage_min,
        wage_max: input.wage_max,
        age_min: input.age_min,
        age_max: input.age_max,
        expires_on: input.expires_on,
    };
    rules::check_terms(&terms, minimum, today).map_err(|(field, reason)| {
        ApiError::BadUserInput {
            field: field.into(),
            message: match reason {
                "BELOW_MINIMUM_WAGE" => {
                    format!("the local minimum wage (最低工资标准) is {minimum}")
                }
                _ => "the posting's terms are not valid".into(),
            },
            reasons: vec![reason],
        }
    })?;
    let now = state.clock.now();
    let created = posting::ActiveModel {
        id: Set(Uuid::now_v7()),
        employer_id: Set(employer.id),
        org_unit_id: Set(employer.org_unit_id),
        title: Set(title),
        occupation: Set(occupation),
        headcount: Set(input.headcount),
        filled: Set(0),
        wage_min: Set(input.wage_min),
        wage_max: Set(input.wage_max),
        district: Set(input.district),
        age_min: Set(input.age_min),
        age_max: Set(input.age_max),
        education: Set(input.education),
        skills: Set(skills),
        suitable_for_4050: Set(input.suitable_for_4050),
        required_certificate: Set(validate::text(
            "requiredCertificate",
            input.required_certificate,
            50,
        )?),
        expires_on: Set(input.expires_on),
        status: Set(PostingStatus::Draft),
        published_at: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createPosting",
            "Posting",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

async fn transition(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    to: PostingStatus,
) -> ApiResult<posting::Model> {
    actor.require_any(EDITORS)?;
    let today = state.clock.today();
    let mut tx = Tx::begin(state).await?;
    let before = find_posting(&*tx, actor, id, true).await?;
    let now_status = effective_status(&before, today);
    let (operation, allowed) = match to {
        PostingStatus::Open => ("publishPosting", now_status == PostingStatus::Draft),
        _ => (
            "closePosting",
            matches!(now_status, PostingStatus::Draft | PostingStatus::Open),
        ),
    };
    if !allowed {
        return Err(ApiError::invalid_state(format!(
            "a posting that is {now_status:?} cannot go to {to:?}"
        )));
    }
    if to == PostingStatus::Open {
        let employer = employer::Entity::find_by_id(before.employer_id)
            .one(&*tx)
            .await?
            .ok_or_else(|| ApiError::internal("posting without employer"))?;
        if !employer.verified {
            return Err(ApiError::InvalidState {
                message: "the agency verifies an employer before its postings go on the board"
                    .into(),
                reasons: vec!["EMPLOYER_NOT_VERIFIED"],
            });
        }
    }
    let now = state.clock.now();
    let mut active: posting::ActiveModel = before.clone().into();
    active.status = Set(to);
    if to == PostingStatus::Open {
        active.published_at = Set(Some(now));
        tx.publish(Event::PostingPublished(id));
    }
    active.updated_at = Set(now);
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(operation, "Posting", id, Some(after.org_unit_id))
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Publishes a draft to the board (发布). AGENCY_STAFF, or the employer's own account.
pub async fn publish(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<posting::Model> {
    transition(state, actor, id, PostingStatus::Open).await
}

/// Closes a posting (关闭). AGENCY_STAFF, or the employer's own account.
pub async fn close(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<posting::Model> {
    transition(state, actor, id, PostingStatus::Closed).await
}

pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<posting::Model> {
    actor.require_any(READERS)?;
    find_posting(&state.db, actor, id, false).await
}

pub async fn list(
    state: &AppState,
    actor: &Actor,
    employer_id: Option<Uuid>,
    page: &PageArgs,
) -> ApiResult<Page<posting::Model>> {
    actor.require_any(READERS)?;
    let mut select =
        posting::Entity::find().filter(scope::org_unit_column(posting::Column::OrgUnitId, actor));
    if actor.has_role(Role::Employer) {
        select =
            select.filter(posting::Column::EmployerId.eq(actor.employer_id.unwrap_or_default()));
    }
    if let Some(e) = employer_id {
        select = select.filter(posting::Column::EmployerId.eq(e));
    }
    paginate(state, select, posting::Column::Id, page).await
}

/// Filter of the public board.
#[derive(Default)]
pub struct BoardFilter {
    pub occupation: Option<String>,
    pub district: Option<String>,
    pub suitable_for_4050: Option<bool>,
    pub wage_at_least: Option<Money>,
}

/// SQL: postings taking referrals on `today` — open, not expired, not full, from an
/// employer that is not flagged.
pub fn open_on(today: NaiveDate) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(posting::Column::Status.eq(PostingStatus::Open))
        .add(posting::Column::ExpiresOn.gte(today))
        .add(Expr::col(posting::Column::Filled).lt(Expr::col(posting::Column::Headcount)))
        // NOT EXISTS rather than NOT IN: PostgreSQL estimates an anti-join from the
        // employers' statistics, and a NOT IN list as half the postings.
        .add(
            Expr::exists(
                Query::select()
                    .expr(Expr::val(1))
                    .from(employer::Entity.table_ref())
                    .and_where(
                        Expr::col((employer::Entity, employer::Column::Id))
                            .equals((posting::Entity, posting::Column::EmployerId)),
                    )
                    .and_where(Expr::col((employer::Entity, employer::Column::Flag)).is_not_null())
                    .to_owned(),
            )
            .not(),
        )
}

/// The public job board (招聘信息): no login, no contact data.
pub async fn board(
    state: &AppState,
    filter: BoardFilter,
    page: &PageArgs,
) -> ApiResult<Page<posting::Model>> {
    let select = board_select(filter, state.clock.today());
    paginate_at(state, select, posting::Column::Id, page).await
}

/// SQL: the postings of the public board on `today` that match `filter` (also the
/// newspaper bulletin's rows).
pub fn board_select(filter: BoardFilter, today: NaiveDate) -> sea_orm::Select<posting::Entity> {
    let mut select = posting::Entity::find().filter(open_on(today));
    if let Some(o) = filter
        .occupation
        .map(|o| o.trim().to_owned())
        .filter(|o| !o.is_empty())
    {
        select = select.filter(posting::Column::Occupation.eq(o));
    }
    if let Some(d) = filter
        .district
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
    {
        select = select.filter(posting::Column::District.eq(d));
    }
    if let Some(s) = filter.suitable_for_4050 {
        select = select.filter(posting::Column::SuitableFor4050.eq(s));
    }
    if let Some(w) = filter.wage_at_least {
        select = select.filter(posting::Column::WageMax.gte(w));
    }
    select
}

/// One posting of the public board, if it is on it.
pub async fn on_board(state: &AppState, id: Uuid) -> ApiResult<Option<posting::Model>> {
    Ok(posting::Entity::find_by_id(id)
        .filter(open_on(state.clock.today()))
        .one(&state.db)
        .await?)
}
