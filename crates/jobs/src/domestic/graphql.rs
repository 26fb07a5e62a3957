//! GraphQL surface of the domestic-service station (家政服务站).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use bangfu_core::users::graphql::{User, scoped_user};
use chrono::{DateTime, Utc};
use entity::{
    CommunityEventKind, DomesticService, Money, ServiceArrangement, ServiceOrderStatus,
    community_event, community_event_participant, domestic_client, domestic_worker, service_order,
};

use super::events::{self, NewEvent};
use super::orders::{self, Candidate, Closing, NewClient, NewOrder, OrderFilter};
use super::workers::{self, NewDomesticWorker, WorkerFilter};
use crate::employment::graphql::JobSeeker;
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::{
    DomesticClientKey, DomesticServicesKey, DomesticWorkerKey, EventParticipantsKey, OrgUnitKey,
    PointWorkersKey, SeekerCertificatesKey, SeekerKey, UnitUsersKey,
};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;
use crate::privacy;
use crate::training::graphql::{Certificate, TimelineEvent};
use crate::training::timeline::TimelineKey;

pub struct DomesticWorker(pub domestic_worker::Model);

/// A domestic worker, if the service point that keeps her is in the caller's scope: an
/// order of the caller's district may be placed with a worker kept elsewhere, whose file
/// it does not read.
async fn scoped_worker(
    ctx: &Context<'_>,
    id: uuid::Uuid,
) -> async_graphql::Result<Option<DomesticWorker>> {
    let Some(worker) = load(ctx, DomesticWorkerKey(id)).await? else {
        return Ok(None);
    };
    let unit = load(ctx, OrgUnitKey(worker.org_unit_id)).await?;
    let actor = ctx.actor()?;
    Ok(unit
        .filter(|u| actor.reaches(&u.path))
        .map(|_| DomesticWorker(worker)))
}

/// A domestic worker (家政服务员): a job seeker registered with the station.
#[Object]
impl DomesticWorker {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("DomesticWorker", self.0.id)
    }

    /// The job seeker's file (求职档案): name, age, 4050, hardship, wishes.
    async fn seeker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<JobSeeker>> {
        Ok(load(ctx, SeekerKey(self.0.seeker_id))
            .await?
            .map(JobSeeker::new))
    }

    /// The community service point that keeps the file (社区服务点).
    async fn service_point(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// District served (服务区域), a region code.
    async fn district(&self) -> &str {
        &self.0.district
    }

    /// Services offered (服务项目).
    async fn services(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<DomesticService>> {
        Ok(load(ctx, DomesticServicesKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.service)
            .collect())
    }

    /// Certificates from training and skill assessment (培训合格证、职业资格证书).
    async fn certificates(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Certificate>> {
        Ok(load(ctx, SeekerCertificatesKey(self.0.seeker_id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Certificate::from)
            .collect())
    }

    /// A member of the domestic workers' union (家政服务员工会会员).
    async fn union_member(&self) -> bool {
        self.0.union_joined_on.is_some()
    }

    /// When she joined the union (入会日期).
    async fn union_joined_on(&self) -> Option<Date> {
        self.0.union_joined_on.map(Date)
    }

    /// Takes orders now (在岗可派).
    async fn active(&self) -> bool {
        self.0.active
    }

    /// Everything the agency and the station did with her, in date order (服务记录):
    /// training, certificates, placements with clients and their ratings, contests and
    /// public-good work.
    async fn timeline(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TimelineEvent>> {
        Ok(load(ctx, TimelineKey(self.0.seeker_id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(TimelineEvent::from)
            .collect())
    }

    /// When registered (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct ServicePoint(pub entity::org_unit::Model);

/// A community service point of the station (社区服务点): an org unit, with the staff who
/// keep it and the domestic workers it keeps.
#[Object]
impl ServicePoint {
    /// The org unit (组织).
    async fn org_unit(&self) -> OrgUnit {
        OrgUnit(self.0.clone())
    }

    /// The agency's staff filed in the unit, who keep the point (服务点工作人员).
    async fn keepers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        Ok(load(ctx, UnitUsersKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .filter(workers::keeps_point)
            .map(User)
            .collect())
    }

    /// Domestic workers whose files it keeps (服务员人数).
    async fn domestic_workers(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        Ok(load(ctx, PointWorkersKey(self.0.id)).await?.unwrap_or(0))
    }
}

pub struct DomesticClient(pub domestic_client::Model);

/// A client household of the station (家政客户). Name, phone and address are whole for
/// the agency's staff and auditors, masked for everyone else.
#[Object]
impl DomesticClient {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("DomesticClient", self.0.id)
    }

    /// The unit whose desk took the client (受理单位).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Name (姓名).
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(if ctx.actor()?.sees_seeker_data() {
            self.0.name.clone()
        } else {
            privacy::mask_name(&self.0.name)
        })
    }

    /// Phone (联系电话).
    async fn phone(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(if ctx.actor()?.sees_seeker_data() {
            self.0.phone.clone()
        } else {
            privacy::mask_phone(&self.0.phone)
        })
    }

    /// District of the address (所在区), a region code.
    async fn district(&self) -> &str {
        &self.0.district
    }

    /// Address (住址); null when masked.
    async fn address(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(if ctx.actor()?.sees_seeker_data() {
            self.0.address.as_deref()
        } else {
            None
        })
    }

    /// When filed (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct ServiceOrder(pub service_order::Model);

/// A client's order for a domestic service (家政服务订单).
#[Object]
impl ServiceOrder {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("ServiceOrder", self.0.id)
    }

    /// The client household (客户).
    async fn client(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DomesticClient>> {
        Ok(load(ctx, DomesticClientKey(self.0.client_id))
            .await?
            .map(DomesticClient))
    }

    /// Service asked for (服务项目).
    async fn service(&self) -> DomesticService {
        self.0.service
    }

    /// By the hour or living in (服务方式).
    async fn arrangement(&self) -> ServiceArrangement {
        self.0.arrangement
    }

    /// Hours a week of hourly work (每周工时).
    async fn hours_per_week(&self) -> Option<i32> {
        self.0.hours_per_week
    }

    /// First day of service wanted (开始日期).
    async fn starts_on(&self) -> Date {
        Date(self.0.starts_on)
    }

    /// Last day the client expects (预计结束日期).
    async fn ends_on(&self) -> Option<Date> {
        self.0.ends_on.map(Date)
    }

    /// Wage offered (工资): per hour for hourly work, per month living in; never below
    /// the local minimum.
    async fn wage_offered(&self) -> Money {
        self.0.wage_offered
    }

    /// Lowest certificate level asked for, 1 (highest) to 5 (证书等级要求).
    async fn min_certificate_level(&self) -> Option<i32> {
        self.0.min_certificate_level
    }

    /// The client's wishes (备注).
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    /// Where it stands (状态).
    async fn status(&self) -> ServiceOrderStatus {
        self.0.status
    }

    /// The domestic worker placed (服务员); null when none is, or when the service point
    /// that keeps her is outside the caller's scope.
    async fn domestic_worker(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<DomesticWorker>> {
        let Some(id) = self.0.domestic_worker_id else {
            return Ok(None);
        };
        scoped_worker(ctx, id).await
    }

    /// First day of the contract (合同开始).
    async fn contract_from(&self) -> Option<Date> {
        self.0.contract_from.map(Date)
    }

    /// Last day of the contract (合同结束).
    async fn contract_to(&self) -> Option<Date> {
        self.0.contract_to.map(Date)
    }

    /// When placed (派单时间).
    async fn placed_at(&self) -> Option<DateTime<Utc>> {
        self.0.placed_at
    }

    /// Who placed it (派单人).
    async fn placed_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.placed_by).await
    }

    /// The client's rating, 1 to 5 (客户评价).
    async fn rating(&self) -> Option<i32> {
        self.0.rating
    }

    /// The client's comment (客户意见).
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }

    /// The station's follow-up (回访记录).
    async fn follow_up(&self) -> Option<&str> {
        self.0.follow_up.as_deref()
    }

    /// When closed (结束日期).
    async fn closed_on(&self) -> Option<Date> {
        self.0.closed_on.map(Date)
    }

    /// When taken (下单时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// A domestic worker matched to an order (派单推荐).
pub struct DomesticMatch(Candidate);

/// A domestic worker offered for an order, with the fit and its reasons (推荐人选).
#[Object]
impl DomesticMatch {
    /// The domestic worker (家政服务员).
    async fn domestic_worker(&self) -> DomesticWorker {
        DomesticWorker(self.0.worker.clone())
    }

    /// The job seeker's file (求职档案), read with the match.
    async fn seeker(&self) -> JobSeeker {
        JobSeeker::new(self.0.seeker.clone())
    }

    /// Her best vocational-qualification level for the service, 1 (highest) to 5
    /// (证书等级).
    async fn certificate_level(&self) -> Option<i32> {
        self.0.level
    }

    /// Fit, 0–100 (匹配度): service 10, certificate 20 and 5 per level above the fifth,
    /// district 30 (city 15), wage 20.
    async fn score(&self) -> u32 {
        self.0.fit.score
    }

    /// Why (匹配原因), as codes; PRIORITY_4050 / PRIORITY_HARDSHIP mark the 两优先, which
    /// rank first among equal scores.
    async fn reasons(&self) -> &[&'static str] {
        &self.0.fit.reasons
    }
}

pub struct CommunityEvent(pub community_event::Model);

/// A contest or public-good event of the domestic workers' union (技能竞赛、公益活动).
#[Object]
impl CommunityEvent {
    /// Opaque global ID (全局标识).
    async fn id(&self) -> ID {
        global_id("CommunityEvent", self.0.id)
    }

    /// The organising unit (组织单位).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Kind (活动类型).
    async fn kind(&self) -> CommunityEventKind {
        self.0.kind
    }

    /// Title (活动名称).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Day held (活动日期).
    async fn held_on(&self) -> Date {
        Date(self.0.held_on)
    }

    /// Place (地点).
    async fn place(&self) -> Option<&str> {
        self.0.place.as_deref()
    }

    /// Who took part (参加人员).
    async fn participants(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<EventParticipant>> {
        Ok(load(ctx, EventParticipantsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(EventParticipant)
            .collect())
    }
}

pub struct EventParticipant(community_event_participant::Model);

/// A domestic worker taking part in an event (参加人员).
#[Object]
impl EventParticipant {
    /// The domestic worker (家政服务员); null when the service point that keeps her is
    /// outside the caller's scope.
    async fn domestic_worker(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<DomesticWorker>> {
        scoped_worker(ctx, self.0.domestic_worker_id).await
    }

    /// The award of a contest (获奖等次).
    async fn award(&self) -> Option<&str> {
        self.0.award.as_deref()
    }
}

/// Input of `registerDomesticWorker` (家政服务员登记).
#[derive(InputObject)]
pub struct RegisterDomesticWorkerInput {
    /// The job seeker's file (求职档案).
    pub seeker_id: ID,
    /// The community service point that keeps the file (社区服务点), an org unit.
    pub service_point_id: ID,
    /// Services offered (服务项目), at least one.
    pub services: Vec<DomesticService>,
    /// District served (服务区域), a region code; the seeker's wanted district, else the
    /// service point's region, when none.
    pub district: Option<String>,
    /// When she joined the domestic workers' union (入会日期), if a member.
    pub union_joined_on: Option<Date>,
}

/// Input of `createClient` (家政客户登记).
#[derive(InputObject)]
pub struct CreateClientInput {
    /// The unit whose desk takes the client (受理单位); the caller's own when none.
    pub org_unit_id: Option<ID>,
    /// Name (姓名).
    pub name: String,
    /// Phone (联系电话).
    pub phone: String,
    /// District of the address (所在区), a region code.
    pub district: String,
    /// Address (住址).
    pub address: Option<String>,
}

/// Input of `createServiceOrder` (家政服务下单).
#[derive(InputObject)]
pub struct CreateServiceOrderInput {
    /// The client household (客户).
    pub client_id: ID,
    /// Service asked for (服务项目).
    pub service: DomesticService,
    /// By the hour or living in (服务方式).
    pub arrangement: ServiceArrangement,
    /// Hours a week, for hourly work only (每周工时), 1 to 60.
    pub hours_per_week: Option<i32>,
    /// First day of service (开始日期), today or later.
    pub starts_on: Date,
    /// Last day the client expects (预计结束日期).
    pub ends_on: Option<Date>,
    /// Wage offered (工资): per hour for hourly work, per month living in; not below the
    /// local minimum (the monthly minimum over 174 paid hours, by the hour).
    pub wage_offered: Money,
    /// Lowest certificate level asked for, 1 (highest) to 5 (证书等级要求).
    pub min_certificate_level: Option<i32>,
    /// The client's wishes (备注).
    pub note: Option<String>,
}

/// Input of `placeServiceOrder` (派单上岗).
#[derive(InputObject)]
pub struct PlaceServiceOrderInput {
    /// The open order.
    pub order_id: ID,
    /// The domestic worker placed (服务员).
    pub domestic_worker_id: ID,
    /// First day of the contract (合同开始).
    pub contract_from: Date,
    /// Last day of the contract (合同结束).
    pub contract_to: Date,
}

/// Input of `closeServiceOrder` (服务评价与回访).
#[derive(InputObject)]
pub struct CloseServiceOrderInput {
    /// The placed order.
    pub order_id: ID,
    /// The client's rating, 1 to 5 (客户评价).
    pub rating: i32,
    /// The client's comment (客户意见).
    pub comment: Option<String>,
    /// The station's follow-up (回访记录).
    pub follow_up: String,
    /// When it ended (结束日期); today when none.
    pub closed_on: Option<Date>,
}

/// A participant of `recordCommunityEvent`.
#[derive(InputObject)]
pub struct ParticipantInput {
    /// The domestic worker (家政服务员).
    pub domestic_worker_id: ID,
    /// The award of a contest (获奖等次).
    pub award: Option<String>,
}

/// Input of `recordCommunityEvent` (记录技能竞赛或公益活动).
#[derive(InputObject)]
pub struct RecordCommunityEventInput {
    /// The organising unit (组织单位).
    pub org_unit_id: ID,
    /// Kind (活动类型).
    pub kind: CommunityEventKind,
    /// Title (活动名称).
    pub title: String,
    /// Day held (活动日期), today or earlier.
    pub held_on: Date,
    /// Place (地点).
    pub place: Option<String>,
    /// Who took part (参加人员), at least one.
    pub participants: Vec<ParticipantInput>,
}

/// Filter of `domesticWorkers`.
#[derive(InputObject, Default)]
pub struct DomesticWorkerFilter {
    /// Offering this service (服务项目).
    pub service: Option<DomesticService>,
    /// Kept by this service point (社区服务点).
    pub service_point_id: Option<ID>,
    /// Members of the domestic workers' union, or not (工会会员).
    pub union_member: Option<bool>,
}

/// Filter of `serviceOrders`.
#[derive(InputObject, Default)]
pub struct ServiceOrderFilter {
    /// Status (状态).
    pub status: Option<ServiceOrderStatus>,
    /// Of this client (客户).
    pub client_id: Option<ID>,
    /// Placed with this domestic worker (服务员).
    pub domestic_worker_id: Option<ID>,
    /// Service (服务项目).
    pub service: Option<DomesticService>,
}

/// Result of `registerDomesticWorker`.
#[derive(SimpleObject)]
pub struct DomesticWorkerPayload {
    /// The domestic worker registered.
    pub domestic_worker: DomesticWorker,
}

/// Result of `createClient`.
#[derive(SimpleObject)]
pub struct DomesticClientPayload {
    /// The client filed.
    pub client: DomesticClient,
}

/// Result of `createServiceOrder`, `placeServiceOrder` and `closeServiceOrder`.
#[derive(SimpleObject)]
pub struct ServiceOrderPayload {
    /// The order as it now stands.
    pub order: ServiceOrder,
}

/// Result of `recordCommunityEvent`.
#[derive(SimpleObject)]
pub struct CommunityEventPayload {
    /// The event recorded.
    pub event: CommunityEvent,
}

#[derive(Default)]
pub struct DomesticQuery;

#[Object]
impl DomesticQuery {
    /// Domestic workers in the caller's scope (家政服务员名册), newest first. AGENCY_STAFF,
    /// AUDITOR, ADMIN.
    async fn domestic_workers(
        &self,
        ctx: &Context<'_>,
        filter: Option<DomesticWorkerFilter>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<DomesticWorker>> {
        let f = filter.unwrap_or_default();
        let filter = WorkerFilter {
            service: f.service,
            service_point_id: decode_opt(
                f.service_point_id.as_ref(),
                "OrgUnit",
                "filter.servicePointId",
            )
            .extend()?,
            union_member: f.union_member,
        };
        let page = page_args(ctx, after, None, first, None)?;
        workers::list(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, DomesticWorker))
            .extend()
    }

    /// Community service points in the caller's scope (社区服务点): the org units of kind
    /// COMMUNITY_POINT with their keepers. AGENCY_STAFF, AUDITOR, ADMIN.
    async fn service_points(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<ServicePoint>> {
        let page = page_args(ctx, after, None, first, None)?;
        workers::service_points(ctx.state()?, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |m| m.id, ServicePoint))
            .extend()
    }

    /// Client households in the caller's scope (家政客户), newest first. AGENCY_STAFF,
    /// AUDITOR, ADMIN.
    async fn domestic_clients(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<DomesticClient>> {
        let page = page_args(ctx, after, None, first, None)?;
        orders::list_clients(ctx.state()?, ctx.actor()?, &page)
            .await
            .map(|p| connection(p, |m| m.id, DomesticClient))
            .extend()
    }

    /// Orders in the caller's scope (家政服务订单), newest first. AGENCY_STAFF, AUDITOR,
    /// ADMIN.
    async fn service_orders(
        &self,
        ctx: &Context<'_>,
        filter: Option<ServiceOrderFilter>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<ServiceOrder>> {
        let f = filter.unwrap_or_default();
        let filter = OrderFilter {
            status: f.status,
            client_id: decode_opt(f.client_id.as_ref(), "DomesticClient", "filter.clientId")
                .extend()?,
            domestic_worker_id: decode_opt(
                f.domestic_worker_id.as_ref(),
                "DomesticWorker",
                "filter.domesticWorkerId",
            )
            .extend()?,
            service: f.service,
        };
        let page = page_args(ctx, after, None, first, None)?;
        orders::list_orders(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, ServiceOrder))
            .extend()
    }

    /// Domestic workers for an open order, best first, with the fit and its reasons
    /// (派单推荐): only active workers who offer the service and are free in the order's
    /// period; 4050 and hardship first among equals. AGENCY_STAFF.
    async fn match_domestic_workers(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        #[graphql(default = 10)] first: u16,
    ) -> async_graphql::Result<Vec<DomesticMatch>> {
        let id = decode(&order_id, "ServiceOrder", "orderId").extend()?;
        let state = ctx.state()?;
        let n = usize::from(first.min(state.config.max_page_size));
        orders::match_workers(state, ctx.actor()?, id, n)
            .await
            .map(|v| v.into_iter().map(DomesticMatch).collect())
            .extend()
    }

    /// Contests and public-good events in the caller's scope (技能竞赛、公益活动), newest
    /// first. AGENCY_STAFF, AUDITOR, ADMIN.
    async fn community_events(
        &self,
        ctx: &Context<'_>,
        kind: Option<CommunityEventKind>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<CommunityEvent>> {
        let page = page_args(ctx, after, None, first, None)?;
        events::list(ctx.state()?, ctx.actor()?, kind, &page)
            .await
            .map(|p| connection(p, |m| m.id, CommunityEvent))
            .extend()
    }
}

#[derive(Default)]
pub struct DomesticMutation;

#[Object]
impl DomesticMutation {
    /// Registers a job seeker as a domestic worker (家政服务员登记), kept by a community
    /// service point in the caller's scope.
    ///
    /// Who may call: AGENCY_STAFF.
    async fn register_domestic_worker(
        &self,
        ctx: &Context<'_>,
        input: RegisterDomesticWorkerInput,
    ) -> async_graphql::Result<DomesticWorkerPayload> {
        let new = NewDomesticWorker {
            seeker_id: decode(&input.seeker_id, "JobSeeker", "seekerId").extend()?,
            service_point_id: decode(&input.service_point_id, "OrgUnit", "servicePointId")
                .extend()?,
            services: input.services,
            district: input.district,
            union_joined_on: input.union_joined_on.map(|d| d.0),
        };
        workers::register(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|w| DomesticWorkerPayload {
                domestic_worker: DomesticWorker(w),
            })
            .extend()
    }

    /// Files a client household (家政客户登记).
    ///
    /// Who may call: AGENCY_STAFF.
    async fn create_client(
        &self,
        ctx: &Context<'_>,
        input: CreateClientInput,
    ) -> async_graphql::Result<DomesticClientPayload> {
        let new = NewClient {
            org_unit_id: decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            name: input.name,
            phone: input.phone,
            district: input.district,
            address: input.address,
        };
        orders::create_client(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|c| DomesticClientPayload {
                client: DomesticClient(c),
            })
            .extend()
    }

    /// Takes a client's order for a service (家政服务下单); a wage below the local minimum
    /// is refused (BELOW_MINIMUM_WAGE), as for postings.
    ///
    /// Who may call: AGENCY_STAFF.
    async fn create_service_order(
        &self,
        ctx: &Context<'_>,
        input: CreateServiceOrderInput,
    ) -> async_graphql::Result<ServiceOrderPayload> {
        let new = NewOrder {
            client_id: decode(&input.client_id, "DomesticClient", "clientId").extend()?,
            service: input.service,
            arrangement: input.arrangement,
            hours_per_week: input.hours_per_week,
            starts_on: input.starts_on.0,
            ends_on: input.ends_on.map(|d| d.0),
            wage_offered: input.wage_offered,
            min_certificate_level: input.min_certificate_level,
            note: input.note,
        };
        orders::create_order(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|o| ServiceOrderPayload {
                order: ServiceOrder(o),
            })
            .extend()
    }

    /// Places a domestic worker on an open order for a contract period (派单上岗). A worker
    /// placed live-in serves no one else in that period (WORKER_NOT_AVAILABLE).
    ///
    /// Who may call: AGENCY_STAFF.
    async fn place_service_order(
        &self,
        ctx: &Context<'_>,
        input: PlaceServiceOrderInput,
    ) -> async_graphql::Result<ServiceOrderPayload> {
        let order = decode(&input.order_id, "ServiceOrder", "orderId").extend()?;
        let worker = decode(
            &input.domestic_worker_id,
            "DomesticWorker",
            "domesticWorkerId",
        )
        .extend()?;
        orders::place(
            ctx.state()?,
            ctx.actor()?,
            order,
            worker,
            (input.contract_from.0, input.contract_to.0),
        )
        .await
        .map(|o| ServiceOrderPayload {
            order: ServiceOrder(o),
        })
        .extend()
    }

    /// Closes a placed order with the client's rating and comment and the station's
    /// follow-up (服务评价与回访).
    ///
    /// Who may call: AGENCY_STAFF.
    async fn close_service_order(
        &self,
        ctx: &Context<'_>,
        input: CloseServiceOrderInput,
    ) -> async_graphql::Result<ServiceOrderPayload> {
        let order = decode(&input.order_id, "ServiceOrder", "orderId").extend()?;
        let closing = Closing {
            rating: input.rating,
            comment: input.comment,
            follow_up: input.follow_up,
            closed_on: input.closed_on.map(|d| d.0),
        };
        orders::close(ctx.state()?, ctx.actor()?, order, closing)
            .await
            .map(|o| ServiceOrderPayload {
                order: ServiceOrder(o),
            })
            .extend()
    }

    /// Records a skill contest or public-good event with its participants (记录技能竞赛或
    /// 公益活动); it shows on each participant's timeline.
    ///
    /// Who may call: AGENCY_STAFF.
    async fn record_community_event(
        &self,
        ctx: &Context<'_>,
        input: RecordCommunityEventInput,
    ) -> async_graphql::Result<CommunityEventPayload> {
        let mut participants = Vec::with_capacity(input.participants.len());
        for p in input.participants {
            participants.push((
                decode(
                    &p.domestic_worker_id,
                    "DomesticWorker",
                    "participants.domesticWorkerId",
                )
                .extend()?,
                p.award,
            ));
        }
        let new = NewEvent {
            org_unit_id: decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?,
            kind: input.kind,
            title: input.title,
            held_on: input.held_on.0,
            place: input.place,
            participants,
        };
        events::record(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|e| CommunityEventPayload {
                event: CommunityEvent(e),
            })
            .extend()
    }
}
