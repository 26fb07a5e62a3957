//! Client households and their orders (家政客户与订单): an order is taken open, matched with
//! domestic workers who offer the service and are free in its period, placed with one of
//! them under a contract period, and closed with the client's rating and a follow-up.
//!
//! A worker's placements are serialised on her row, so a live-in contract stays exclusive
//! whatever the race: two desks placing her at once get one placement and one refusal.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use entity::{
    CertificateKind, DomesticService, Money, ServiceArrangement, ServiceOrderStatus, certificate,
    domestic_client, domestic_worker, domestic_worker_service, job_seeker, service_order,
};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait,
    IntoActiveModel, Order, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::rules::{self, Held, OrderProfile, WorkerProfile};
use super::workers::{READERS, STAFF};
use crate::app::AppState;
use crate::audit::service::{self as audit, Change};
use crate::auth::{Actor, scope};
use crate::db::Tx;
use crate::employment::employers::minimum_wage_on;
use crate::employment::rules::{self as agency, Fit};
use crate::employment::seekers::{check_district, with_active_case};
use crate::error::{ApiError, ApiResult, OrRefused};
use crate::org::service::find_in_scope;
use crate::pagination::{Page, PageArgs, paginate};
use crate::validate;

/// How many candidates SQL hands to the scoring at most.
const SHORT_LIST: u64 = 500;

/// Input of `createClient`.
pub struct NewClient {
    pub org_unit_id: Option<Uuid>,
    pub name: String,
    pub phone: String,
    pub district: String,
    pub address: Option<String>,
}

/// Input of `createServiceOrder`.
pub struct NewOrder {
    pub client_id: Uuid,
    pub service: DomesticService,
    pub arrangement: ServiceArrangement,
    pub hours_per_week: Option<i32>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub wage_offered: Money,
    pub min_certificate_level: Option<i32>,
    pub note: Option<String>,
}

/// Input of `closeServiceOrder`.
pub struct Closing {
    pub rating: i32,
    pub comment: Option<String>,
    pub follow_up: String,
    pub closed_on: Option<NaiveDate>,
}

/// Filter of `serviceOrders`.
#[derive(Default)]
pub struct OrderFilter {
    pub status: Option<ServiceOrderStatus>,
    pub client_id: Option<Uuid>,
    pub domestic_worker_id: Option<Uuid>,
    pub service: Option<DomesticService>,
}

/// A domestic worker offered for an order, with why.
pub struct Candidate {
    pub worker: domestic_worker::Model,
    pub seeker: job_seeker::Model,
    /// Her best vocational-qualification level for the service.
    pub level: Option<i32>,
    pub fit: Fit,
}

fn refused(field: &'static str, reason: &'static str, message: String) -> ApiError {
    ApiError::BadUserInput {
        field: field.into(),
        message,
        reasons: vec![reason],
    }
}

fn not_in_state(message: &str, reason: &'static str) -> ApiError {
    ApiError::InvalidState {
        message: message.into(),
        reasons: vec![reason],
    }
}

async fn find_client(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> ApiResult<domestic_client::Model> {
    domestic_client::Entity::find_by_id(id)
        .filter(scope::org_unit_column(
            domestic_client::Column::OrgUnitId,
            actor,
        ))
        .one(db)
        .await?
        .ok_or(ApiError::not_found("DomesticClient"))
}

async fn find_order(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    lock: bool,
) -> ApiResult<service_order::Model> {
    let mut query = service_order::Entity::find_by_id(id).filter(scope::org_unit_column(
        service_order::Column::OrgUnitId,
        actor,
    ));
    if lock {
        query = query.lock_exclusive();
    }
    query
        .one(db)
        .await?
        .ok_or(ApiError::not_found("ServiceOrder"))
}

/// Files a client household (家政客户登记). AGENCY_STAFF.
pub async fn create_client(
    state: &AppState,
    actor: &Actor,
    input: NewClient,
) -> ApiResult<domestic_client::Model> {
    actor.require_any(STAFF)?;
    let name = validate::name("name", &input.name, 50)?;
    let phone = validate::phone("phone", Some(input.phone))?
        .ok_or_else(|| ApiError::bad_input("phone", "must not be empty"))?;
    let district = check_district("district", Some(input.district))?
        .ok_or_else(|| ApiError::bad_input("district", "must be a 6-digit region code"))?;
    let address = validate::text("address", input.address, 200)?;
    let mut tx = Tx::begin(state).await?;
    let unit = input.org_unit_id.unwrap_or(actor.org_unit_id);
    find_in_scope(&*tx, actor, unit)
        .await
        .or_refused(|| ApiError::bad_input("orgUnitId", "no such org unit in your scope"))?;
    let now = state.clock.now();
    let created = domestic_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        org_unit_id: Set(unit),
        name: Set(name),
        phone: Set(phone),
        district: Set(district),
        address: Set(address),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createClient",
            "DomesticClient",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// The client households in the caller's scope, newest first.
pub async fn list_clients(
    state: &AppState,
    actor: &Actor,
    page: &PageArgs,
) -> ApiResult<Page<domestic_client::Model>> {
    actor.require_any(READERS)?;
    let select = domestic_client::Entity::find().filter(scope::org_unit_column(
        domestic_client::Column::OrgUnitId,
        actor,
    ));
    paginate(state, select, domestic_client::Column::Id, page).await
}

/// Takes a client's order (家政服务下单). AGENCY_STAFF. A wage below the local minimum
/// (最低工资标准) of the client's district is refused, as for postings.
pub async fn create_order(
    state: &AppState,
    actor: &Actor,
    input: NewOrder,
) -> ApiResult<service_order::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let note = validate::text("note", input.note, 500)?;
    if input.starts_on < today {
        return Err(refused(
            "startsOn",
            "START_IN_PAST",
            "an order starts today or later".into(),
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let client = find_client(&*tx, actor, input.client_id)
        .await
        .or_refused(|| ApiError::bad_input("clientId", "no such client in your scope"))?;
    let minimum = minimum_wage_on(&*tx, &client.district, input.starts_on).await?;
    rules::check_order(
        input.arrangement,
        input.hours_per_week,
        input.starts_on,
        input.ends_on,
        input.wage_offered,
        minimum,
        input.min_certificate_level,
    )
    .map_err(|(field, reason)| {
        let message = match reason {
            "BELOW_MINIMUM_WAGE" => format!(
                "the local minimum wage (最低工资标准) is {minimum} a month, {} an hour",
                rules::wage_floor(ServiceArrangement::Hourly, minimum)
            ),
            "HOURS_MISSING" => "hourly work needs its hours a week".into(),
            "HOURS_OUT_OF_RANGE" => {
                format!("hours a week are 1 to {}", rules::MAX_HOURS_PER_WEEK)
            }
            "HOURS_OF_LIVE_IN" => "live-in work has no hours a week".into(),
            "PERIOD_INVERTED" => "the end is before the start".into(),
            _ => "a level is 1 (highest) to 5".into(),
        };
        refused(field, reason, message)
    })?;
    let now = state.clock.now();
    let created = service_order::ActiveModel {
        id: Set(Uuid::now_v7()),
        client_id: Set(client.id),
        org_unit_id: Set(client.org_unit_id),
        service: Set(input.service),
        arrangement: Set(input.arrangement),
        hours_per_week: Set(input.hours_per_week),
        starts_on: Set(input.starts_on),
        ends_on: Set(input.ends_on),
        wage_offered: Set(input.wage_offered),
        min_certificate_level: Set(input.min_certificate_level),
        note: Set(note),
        status: Set(ServiceOrderStatus::Open),
        domestic_worker_id: Set(None),
        contract_from: Set(None),
        contract_to: Set(None),
        placed_by: Set(None),
        placed_at: Set(None),
        rating: Set(None),
        comment: Set(None),
        follow_up: Set(None),
        closed_on: Set(None),
        closed_by: Set(None),
        created_by: Set(actor.user_id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "createServiceOrder",
            "ServiceOrder",
            created.id,
            Some(created.org_unit_id),
        )
        .after(&created),
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// The engagements that would collide with one of `arrangement` in `[from, to]`: every
/// order placed or closed whose contract overlaps it for live-in work, the live-in ones
/// for hourly. A closed order's contract ends the day it closed.
fn colliding(arrangement: ServiceArrangement, from: NaiveDate, to: NaiveDate) -> Condition {
    let mut c = engaged_in(from, to);
    if arrangement == ServiceArrangement::Hourly {
        c = c.add(service_order::Column::Arrangement.eq(ServiceArrangement::LiveIn));
    }
    c
}

/// The hourly engagements overlapping `[from, to]`: their hours a week, summed, bound
/// what more hourly work a worker can take (counted as if they all fell in one week).
fn hourly_overlapping(from: NaiveDate, to: NaiveDate) -> Condition {
    engaged_in(from, to).add(service_order::Column::Arrangement.eq(ServiceArrangement::Hourly))
}

/// The orders placed or closed whose contract overlaps `[from, to]`.
fn engaged_in(from: NaiveDate, to: NaiveDate) -> Condition {
    Condition::all()
        .add(
            service_order::Column::Status
                .is_in([ServiceOrderStatus::Placed, ServiceOrderStatus::Closed]),
        )
        .add(service_order::Column::ContractFrom.lte(to))
        .add(service_order::Column::ContractTo.gte(from))
}

/// Workers whose hourly work in `[from, to]` leaves room for `hours` more a week: for an
/// hourly order, those not already booked above the week's most less `hours`.
fn room_for(
    arrangement: ServiceArrangement,
    hours: Option<i32>,
    from: NaiveDate,
    to: NaiveDate,
) -> Condition {
    let Some(hours) = hours.filter(|_| arrangement == ServiceArrangement::Hourly) else {
        return Condition::all();
    };
    Condition::all().add(
        domestic_worker::Column::Id.not_in_subquery(
            Query::select()
                .column(service_order::Column::DomesticWorkerId)
                .from(service_order::Entity)
                .cond_where(hourly_overlapping(from, to))
                .and_where(service_order::Column::DomesticWorkerId.is_not_null())
                .group_by_col(service_order::Column::DomesticWorkerId)
                .and_having(
                    Expr::expr(Func::sum(Expr::col(service_order::Column::HoursPerWeek)))
                        .gt(rules::MAX_HOURS_PER_WEEK - hours),
                )
                .to_owned(),
        ),
    )
}

/// Workers holding a qualification for `service` of `min_level` or higher, before the
/// cut of the short list, so that the unqualified do not crowd it; everyone when no level
/// is asked for.
fn qualified(service: DomesticService, min_level: Option<i32>) -> Condition {
    let Some(min) = min_level else {
        return Condition::all();
    };
    Condition::all().add(
        domestic_worker::Column::SeekerId.in_subquery(
            Query::select()
                .column(certificate::Column::SeekerId)
                .from(certificate::Entity)
                .and_where(certificate::Column::Kind.eq(CertificateKind::VocationalQualification))
                .and_where(
                    certificate::Column::Occupation
                        .is_in(rules::qualifying_occupations(service).iter().copied()),
                )
                .and_where(certificate::Column::Level.lte(min))
                .to_owned(),
        ),
    )
}

/// The period an open order asks a worker to be free in.
fn wanted_period(o: &service_order::Model) -> (NaiveDate, NaiveDate) {
    (o.starts_on, o.ends_on.unwrap_or(o.starts_on))
}

/// Domestic workers for an order, best first (派单推荐). AGENCY_STAFF. Only active workers
/// in scope who offer the service and are free in the order's period are offered; a
/// worker placed live-in is offered to no one else for that period.
pub async fn match_workers(
    state: &AppState,
    actor: &Actor,
    order_id: Uuid,
    first: usize,
) -> ApiResult<Vec<Candidate>> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    let order = find_order(&state.db, actor, order_id, false).await?;
    if order.status != ServiceOrderStatus::Open {
        return Err(not_in_state(
            "only an open order is matched",
            "ORDER_NOT_OPEN",
        ));
    }
    if first == 0 {
        return Ok(Vec::new());
    }
    let client = domestic_client::Entity::find_by_id(order.client_id)
        .one(&state.db)
        .await?
        .ok_or(ApiError::not_found("DomesticClient"))?;
    let (from, to) = wanted_period(&order);
    let short = domestic_worker::Entity::find()
        .filter(scope::org_unit_column(
            domestic_worker::Column::OrgUnitId,
            actor,
        ))
        .filter(domestic_worker::Column::Active.eq(true))
        .filter(
            domestic_worker::Column::Id.in_subquery(
                Query::select()
                    .column(domestic_worker_service::Column::DomesticWorkerId)
                    .from(domestic_worker_service::Entity)
                    .and_where(domestic_worker_service::Column::Service.eq(order.service))
                    .to_owned(),
            ),
        )
        .filter(
            domestic_worker::Column::Id.not_in_subquery(
                Query::select()
                    .column(service_order::Column::DomesticWorkerId)
                    .from(service_order::Entity)
                    .cond_where(colliding(order.arrangement, from, to))
                    .and_where(service_order::Column::DomesticWorkerId.is_not_null())
                    .to_owned(),
            ),
        )
        .filter(qualified(order.service, order.min_certificate_level))
        .filter(room_for(order.arrangement, order.hours_per_week, from, to))
        .order_by(
            Expr::col(domestic_worker::Column::District).eq(client.district.clone()),
            Order::Desc,
        )
        .order_by_asc(domestic_worker::Column::Id)
        .limit(SHORT_LIST)
        .all(&state.db)
        .await?;
    let seekers: HashMap<Uuid, job_seeker::Model> = job_seeker::Entity::find()
        .filter(job_seeker::Column::Id.is_in(short.iter().map(|w| w.seeker_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut held: HashMap<Uuid, Vec<Held>> = HashMap::new();
    for c in certificate::Entity::find()
        .filter(certificate::Column::SeekerId.is_in(seekers.keys().copied()))
        .all(&state.db)
        .await?
    {
        held.entry(c.seeker_id).or_default().push(Held {
            kind: c.kind,
            occupation: c.occupation,
            level: c.level,
        });
    }
    let linked: Vec<Uuid> = seekers.values().filter_map(|s| s.worker_id).collect();
    let hardship: HashSet<Uuid> = with_active_case(&state.db, &linked, today).await?;
    let profile = OrderProfile {
        arrangement: order.arrangement,
        district: client.district,
        wage: order.wage_offered,
        min_certificate_level: order.min_certificate_level,
    };
    let mut levels = Vec::with_capacity(short.len());
    let mut fits = Vec::new();
    for (i, w) in short.iter().enumerate() {
        let Some(seeker) = seekers.get(&w.seeker_id) else {
            levels.push(None);
            continue;
        };
        let certs = held.get(&seeker.id).map(Vec::as_slice).unwrap_or_default();
        let level = rules::best_level(order.service, certs);
        levels.push(level);
        let worker = WorkerProfile {
            district: w.district.clone(),
            level,
            certified: rules::certified_for(order.service, certs),
            wanted_wage_min: seeker.wanted_wage_min,
            union_member: w.union_joined_on.is_some(),
            is_4050: agency::is_4050(seeker.gender, seeker.birth_date, today),
            hardship: seeker.worker_id.is_some_and(|id| hardship.contains(&id)),
        };
        if let Some(f) = rules::fit(&worker, &profile) {
            fits.push((i, f));
        }
    }
    let mut seekers = seekers;
    Ok(agency::rank(fits)
        .into_iter()
        .take(first)
        .filter_map(|(i, fit)| {
            let worker = short[i].clone();
            seekers.remove(&worker.seeker_id).map(|seeker| Candidate {
                worker,
                seeker,
                level: levels[i],
                fit,
            })
        })
        .collect())
}

/// Places a domestic worker on an open order for a contract period (派单上岗).
/// AGENCY_STAFF.
pub async fn place(
    state: &AppState,
    actor: &Actor,
    order_id: Uuid,
    worker_id: Uuid,
    contract: (NaiveDate, NaiveDate),
) -> ApiResult<service_order::Model> {
    actor.require_any(STAFF)?;
    let (from, to) = contract;
    if to < from {
        return Err(refused(
            "contractTo",
            "PERIOD_INVERTED",
            "the contract ends before it starts".into(),
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let order = find_order(&*tx, actor, order_id, true).await?;
    if order.status != ServiceOrderStatus::Open {
        return Err(not_in_state(
            "only an open order is placed",
            "ORDER_NOT_OPEN",
        ));
    }
    if from < order.starts_on || order.ends_on.is_some_and(|end| to > end) {
        return Err(refused(
            "contractFrom",
            "CONTRACT_OUTSIDE_ORDER",
            "the contract falls within the order's period".into(),
        ));
    }
    // Her row locked first: her placements are decided one at a time.
    let worker = domestic_worker::Entity::find_by_id(worker_id)
        .filter(scope::org_unit_column(
            domestic_worker::Column::OrgUnitId,
            actor,
        ))
        .lock_exclusive()
        .one(&*tx)
        .await?
        .ok_or_else(|| {
            ApiError::bad_input("domesticWorkerId", "no such domestic worker in your scope")
        })?;
    if !worker.active {
        return Err(not_in_state(
            "the domestic worker takes no orders now",
            "WORKER_INACTIVE",
        ));
    }
    let offers = domestic_worker_service::Entity::find_by_id((worker.id, order.service))
        .one(&*tx)
        .await?
        .is_some();
    if !offers {
        return Err(not_in_state(
            "the domestic worker does not offer this service",
            "SERVICE_NOT_OFFERED",
        ));
    }
    if let Some(min) = order.min_certificate_level {
        let held: Vec<Held> = certificate::Entity::find()
            .filter(certificate::Column::SeekerId.eq(worker.seeker_id))
            .all(&*tx)
            .await?
            .into_iter()
            .map(|c| Held {
                kind: c.kind,
                occupation: c.occupation,
                level: c.level,
            })
            .collect();
        if rules::best_level(order.service, &held).is_none_or(|l| l > min) {
            return Err(not_in_state(
                "the domestic worker holds no certificate of the level asked for",
                "CERTIFICATE_LEVEL_TOO_LOW",
            ));
        }
    }
    let busy = service_order::Entity::find()
        .filter(service_order::Column::DomesticWorkerId.eq(worker.id))
        .filter(colliding(order.arrangement, from, to))
        .one(&*tx)
        .await?;
    if busy.is_some() {
        return Err(not_in_state(
            "the domestic worker is placed live-in elsewhere in this period, or a live-in \
             order needs her free of other work",
            "WORKER_NOT_AVAILABLE",
        ));
    }
    if let Some(hours) = order.hours_per_week {
        let booked: Option<i64> = service_order::Entity::find()
            .select_only()
            .column_as(crate::db::sum_of("service_order.hours_per_week"), "booked")
            .filter(service_order::Column::DomesticWorkerId.eq(worker.id))
            .filter(hourly_overlapping(from, to))
            .into_tuple()
            .one(&*tx)
            .await?;
        let booked = i32::try_from(booked.unwrap_or(0)).unwrap_or(i32::MAX);
        if !rules::hours_fit(booked, hours) {
            return Err(not_in_state(
                "the domestic worker's hourly work in this period would pass the week's most",
                "WORKER_NOT_AVAILABLE",
            ));
        }
    }
    let now = state.clock.now();
    let before = order.clone();
    let mut active = order.into_active_model();
    active.status = Set(ServiceOrderStatus::Placed);
    active.domestic_worker_id = Set(Some(worker.id));
    active.contract_from = Set(Some(from));
    active.contract_to = Set(Some(to));
    active.placed_by = Set(Some(actor.user_id));
    active.placed_at = Set(Some(now));
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "placeServiceOrder",
            "ServiceOrder",
            after.id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Closes a placed order with the client's rating and comment and the station's
/// follow-up (服务评价与回访). AGENCY_STAFF.
pub async fn close(
    state: &AppState,
    actor: &Actor,
    order_id: Uuid,
    closing: Closing,
) -> ApiResult<service_order::Model> {
    actor.require_any(STAFF)?;
    let today = state.clock.today();
    rules::check_rating(closing.rating)
        .map_err(|reason| refused("rating", reason, "a rating is 1 to 5".into()))?;
    let comment = validate::text("comment", closing.comment, 500)?;
    let follow_up = validate::text("followUp", Some(closing.follow_up), 1000)?
        .ok_or_else(|| ApiError::bad_input("followUp", "must not be empty"))?;
    let closed_on = closing.closed_on.unwrap_or(today);
    if closed_on > today {
        return Err(refused(
            "closedOn",
            "CLOSED_IN_FUTURE",
            "an order is closed today or earlier".into(),
        ));
    }
    let mut tx = Tx::begin(state).await?;
    let order = find_order(&*tx, actor, order_id, true).await?;
    if order.status != ServiceOrderStatus::Placed {
        return Err(not_in_state(
            "only a placed order is closed",
            "ORDER_NOT_PLACED",
        ));
    }
    if order.contract_from.is_some_and(|f| closed_on < f) {
        return Err(refused(
            "closedOn",
            "CLOSED_BEFORE_CONTRACT",
            "the order cannot close before its contract starts".into(),
        ));
    }
    let now = state.clock.now();
    let before = order.clone();
    let mut active = order.into_active_model();
    active.status = Set(ServiceOrderStatus::Closed);
    active.rating = Set(Some(closing.rating));
    active.comment = Set(comment);
    active.follow_up = Set(Some(follow_up));
    active.closed_on = Set(Some(closed_on));
    // Ended early: the contract ends the day it closed, and frees the worker after it.
    if before.contract_to.is_some_and(|to| to > closed_on) {
        active.contract_to = Set(Some(closed_on));
    }
    active.closed_by = Set(Some(actor.user_id));
    let after = active.update(&*tx).await?;
    audit::record(
        &mut tx,
        actor,
        now,
        Change::new(
            "closeServiceOrder",
            "ServiceOrder",
            after.id,
            Some(after.org_unit_id),
        )
        .before(&before)
        .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The orders in the caller's scope, newest first.
pub async fn list_orders(
    state: &AppState,
    actor: &Actor,
    filter: OrderFilter,
    page: &PageArgs,
) -> ApiResult<Page<service_order::Model>> {
    actor.require_any(READERS)?;
    let mut select = service_order::Entity::find().filter(scope::org_unit_column(
        service_order::Column::OrgUnitId,
        actor,
    ));
    if let Some(s) = filter.status {
        select = select.filter(service_order::Column::Status.eq(s));
    }
    if let Some(c) = filter.client_id {
        select = select.filter(service_order::Column::ClientId.eq(c));
    }
    if let Some(w) = filter.domestic_worker_id {
        select = select.filter(service_order::Column::DomesticWorkerId.eq(w));
    }
    if let Some(s) = filter.service {
        select = select.filter(service_order::Column::Service.eq(s));
    }
    paginate(state, select, service_order::Column::Id, page).await
}

/// An order in the caller's scope, for `node`.
pub async fn get(state: &AppState, actor: &Actor, id: Uuid) -> ApiResult<service_order::Model> {
    actor.require_any(READERS)?;
    find_order(&state.db, actor, id, false).await
}
