//! GraphQL surface of workers, households, poverty lines and eligibility.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{
    Education, EmploymentStatus, EmploymentType, Gender, HardshipLevel, Health, Kinship, Money,
    Occupation, Schooling, household, household_member, poverty_line,
};

use super::case_graphql::Case;
use super::rules::Evaluation;
use super::screening::{self, Candidate};
use super::service::{self, HouseholdInput, MemberInput, NewWorker, WorkerChanges, WorkerFilter};
use super::types::Worker;
use crate::auth::Actor;
use crate::bank::graphql::PayoutAccount;
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load, personal};
use crate::graphql::loader::{
    HouseholdKey, LatestPayoutKey, MembersKey, OrgUnitKey, PayoutAccountsKey, ReadAhead,
    WorkerCasesKey,
};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::org::graphql::OrgUnit;
use crate::payouts::{self, graphql::PayoutItem};
use crate::privacy;

/// Shows `value` whole to callers who may see personal data, masked to others.
fn shown(actor: &Actor, value: &str, mask: fn(&str) -> String) -> String {
    if actor.sees_personal_data() {
        value.to_owned()
    } else {
        mask(value)
    }
}

/// Worker (职工): a person the union may help, with household and cases.
#[Object]
impl Worker {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Worker", self.0.id)
    }

    /// Name (姓名); masked (张*明) for callers who may not see personal data.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(shown(ctx.actor()?, &self.0.name, privacy::mask_name))
    }

    /// Resident ID number (身份证号码); masked (510104********1234) for callers who may not
    /// see personal data.
    async fn id_number(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        Ok(shown(
            ctx.actor()?,
            &self.0.id_number,
            privacy::mask_id_number,
        ))
    }

    /// Gender (性别), from the ID number.
    async fn gender(&self) -> Gender {
        self.0.gender
    }

    /// Birth date (出生日期), from the ID number; null for callers who may not see
    /// personal data (with it, a masked ID number would be whole again).
    async fn birth_date(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Date>> {
        personal(ctx, Date(self.0.birth_date))
    }

    /// Phone (联系电话); masked for callers who may not see personal data.
    async fn phone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let actor = ctx.actor()?;
        Ok(self
            .0
            .phone
            .as_deref()
            .map(|p| shown(actor, p, privacy::mask_phone)))
    }

    /// The org unit the worker belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Employment type (人员类别).
    async fn employment_type(&self) -> EmploymentType {
        self.0.employment_type
    }

    /// Employment status (就业状态).
    async fn employment_status(&self) -> EmploymentStatus {
        self.0.employment_status
    }

    /// Education (文化程度).
    async fn education(&self) -> Education {
        self.0.education
    }

    /// Occupation (职业).
    async fn occupation(&self) -> Occupation {
        self.0.occupation
    }

    /// Union member (工会会员).
    async fn union_member(&self) -> bool {
        self.0.union_member
    }

    /// Contributes to the mutual-aid fund (参加帮扶基金捐款).
    async fn fund_contributor(&self) -> bool {
        self.0.fund_contributor
    }

    /// The household as last recorded (家庭情况); null until recorded.
    async fn household(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Household>> {
        let household = match &self.1 {
            ReadAhead::Read(household) => household.clone(),
            ReadAhead::Load => load(ctx, HouseholdKey(self.0.id)).await?,
        };
        Ok(household.map(Household))
    }

    /// The bank accounts the worker and their family are paid into (代发账户), numbers
    /// masked.
    async fn payout_accounts(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<PayoutAccount>> {
        Ok(load(ctx, PayoutAccountsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(PayoutAccount)
            .collect())
    }

    /// The worker's cases, oldest first (困难档案).
    async fn cases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Case>> {
        Ok(load(ctx, WorkerCasesKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Case::from)
            .collect())
    }

    /// The latest payout paid to the worker or the family (最近一次发放), by payment
    /// time; null if none. For the roles that read funds and for caseworkers.
    async fn latest_payout(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<PayoutItem>> {
        payouts::service::require_worker_payout_reader(ctx.actor()?).extend()?;
        Ok(load(ctx, LatestPayoutKey(self.0.id)).await?.map(PayoutItem))
    }

    /// When the worker was filed (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the worker's record last changed (更新时间).
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

pub struct Household(pub household::Model);

/// A worker's household (家庭): the facts the filing criteria (建档标准) read.
// Plain data and at most one loaded field: in order is cheaper than joined.
#[Object(serial)]
impl Household {
    /// Receives the minimum living allowance (享受低保).
    async fn receives_minimum_allowance(&self) -> bool {
        self.0.receives_minimum_allowance
    }

    /// Homes owned (住宅套数).
    async fn homes_owned(&self) -> i32 {
        self.0.homes_owned
    }

    /// Owns a shop or employs others in a business (拥有商业店铺或雇佣他人经营).
    async fn owns_business(&self) -> bool {
        self.0.owns_business
    }

    /// Regularly uses motor vehicles or machinery other than as an employee (非受雇佣经常使用机动车辆、工程机械).
    async fn uses_vehicles(&self) -> bool {
        self.0.uses_vehicles
    }

    /// Single-parent family (单亲).
    async fn single_parent(&self) -> bool {
        self.0.single_parent
    }

    /// Widowed (丧偶).
    async fn widowed(&self) -> bool {
        self.0.widowed
    }

    /// The worker lives alone (单身一人).
    async fn lives_alone(&self) -> bool {
        self.0.lives_alone
    }

    /// Suffered an accident or disaster with a large loss (遭遇意外灾害，损失巨大).
    async fn disaster_loss(&self) -> bool {
        self.0.disaster_loss
    }

    /// Another special cause of hardship, as stated (其它特殊原因); null for callers who
    /// may not see personal data.
    async fn other_special_cause(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.other_special_cause.as_deref())?.flatten())
    }

    /// Number of members, the worker included (家庭人口).
    async fn member_count(&self) -> i32 {
        self.0.member_count
    }

    /// Monthly household income (家庭月收入); null for callers who may not see incomes.
    async fn income_total(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Money>> {
        Ok(ctx
            .actor()?
            .sees_personal_data()
            .then_some(self.0.income_total))
    }

    /// Members (家庭成员), in entry order.
    async fn members(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<HouseholdMember>> {
        Ok(load(ctx, MembersKey(self.0.worker_id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(HouseholdMember)
            .collect())
    }

    /// When the household was last recorded (更新时间).
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

pub struct HouseholdMember(pub household_member::Model);

/// A household member (家庭成员).
// Plain data and at most one loaded field: in order is cheaper than joined.
#[Object(serial)]
impl HouseholdMember {
    /// Opaque global ID (全局标识), as recorded now: recording the household again
    /// gives its members new IDs.
    async fn id(&self) -> ID {
        global_id("HouseholdMember", self.0.id)
    }

    /// Name (姓名); masked for callers who may not see personal data.
    async fn name(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let actor = ctx.actor()?;
        Ok(self
            .0
            .name
            .as_deref()
            .map(|n| shown(actor, n, privacy::mask_name)))
    }

    /// Relation to the worker (与职工关系).
    async fn kinship(&self) -> Kinship {
        self.0.kinship
    }

    /// Birth date (出生日期); null for callers who may not see personal data.
    async fn birth_date(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Date>> {
        Ok(personal(ctx, self.0.birth_date.map(Date))?.flatten())
    }

    /// Monthly income (月收入); null for callers who may not see incomes.
    async fn monthly_income(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Money>> {
        Ok(ctx
            .actor()?
            .sees_personal_data()
            .then_some(self.0.monthly_income))
    }

    /// Health (健康状况); null for callers who may not see diagnoses.
    async fn health(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Health>> {
        personal(ctx, self.0.health)
    }

    /// Disabled (残疾); null for callers who may not see health data.
    async fn disabled(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<bool>> {
        personal(ctx, self.0.disabled)
    }

    /// Schooling (就学情况).
    async fn schooling(&self) -> Schooling {
        self.0.schooling
    }
}

pub struct Eligibility(pub Evaluation);

/// Result of evaluating a household against the filing criteria (建档标准评估).
#[Object]
impl Eligibility {
    /// Whether the household may be filed (符合建档条件).
    async fn eligible(&self) -> bool {
        self.0.eligible
    }

    /// Hardship level if eligible (困难程度): EXTREME (特困) below the line, else ORDINARY.
    async fn level(&self) -> Option<HardshipLevel> {
        self.0.level
    }

    /// Every criterion met (符合的标准): BELOW_LINE, NEAR_LINE_WITH_CAUSE, DISASTER,
    /// SPECIAL_FAMILY.
    async fn matched(&self) -> Vec<&'static str> {
        self.0.matched.iter().map(|c| c.code()).collect()
    }

    /// Every exclusion that applies (不予建档情形): EXCLUDED_MULTIPLE_HOMES,
    /// EXCLUDED_BUSINESS, EXCLUDED_HIGH_FEE_SCHOOLING, EXCLUDED_VEHICLES,
    /// EXCLUDED_PERSON_TYPE.
    async fn excluded(&self) -> Vec<&'static str> {
        self.0.excluded.iter().map(|e| e.code()).collect()
    }

    /// Why the household may not be filed: the exclusions, or NOT_ELIGIBLE; empty if
    /// eligible.
    async fn reasons(&self) -> Vec<&'static str> {
        self.0.refusal_reasons()
    }

    /// Monthly per-capita income (家庭人均月收入), to the fen; null for callers who may not
    /// see incomes.
    async fn per_capita_income(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Money>> {
        Ok(personal(ctx, Money::rounded(self.0.per_capita_income))?.flatten())
    }

    /// The local poverty line applied (当地最低生活保障线).
    async fn poverty_line(&self) -> Option<Money> {
        Money::rounded(self.0.poverty_line)
    }

    /// Version of the filing criteria applied (政策版本).
    async fn policy_version(&self) -> &str {
        self.0.policy_version
    }
}

pub struct ScreeningCandidate(pub Candidate);

/// A worker found by proactive screening (精准识别): meets a criterion, has no case.
#[Object]
impl ScreeningCandidate {
    /// The worker (职工).
    async fn worker(&self) -> Worker {
        Worker::from(self.0.worker.clone())
    }

    /// The evaluation of the worker's household today (建档标准评估).
    async fn eligibility(&self) -> Eligibility {
        Eligibility(self.0.evaluation.clone())
    }
}

/// Poverty line (最低生活保障线): monthly per-capita amount of a region for a year.
#[derive(SimpleObject)]
pub struct PovertyLine {
    /// Administrative division code (行政区划代码).
    pub region_code: String,
    /// Year (年度).
    pub year: i32,
    /// Monthly per-capita amount (月人均标准), yuan.
    pub monthly_amount: Money,
    /// When it was last set (更新时间).
    pub updated_at: DateTime<Utc>,
}

impl From<poverty_line::Model> for PovertyLine {
    fn from(m: poverty_line::Model) -> Self {
        Self {
            region_code: m.region_code,
            year: m.year,
            monthly_amount: m.monthly_amount,
            updated_at: m.updated_at,
        }
    }
}

/// Input of `createWorker` (新建职工档案).
#[derive(InputObject)]
pub struct CreateWorkerInput {
    /// Name (姓名).
    pub name: String,
    /// Resident ID number (身份证号码), 18 characters with a valid check digit; gender and
    /// birth date are taken from it.
    pub id_number: String,
    /// Phone (联系电话).
    pub phone: Option<String>,
    /// Org unit (所属组织), in the caller's scope.
    pub org_unit_id: ID,
    /// Employment type (人员类别).
    pub employment_type: EmploymentType,
    /// Employment status (就业状态).
    pub employment_status: EmploymentStatus,
    /// Education (文化程度).
    pub education: Education,
    /// Occupation (职业).
    pub occupation: Occupation,
    /// Union member (工会会员).
    pub union_member: bool,
    /// Contributes to the mutual-aid fund (参加帮扶基金捐款).
    pub fund_contributor: bool,
}

/// Input of `updateWorker` (修改职工信息); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateWorkerInput {
    /// The worker.
    pub id: ID,
    /// Name (姓名).
    pub name: Option<String>,
    /// A corrected ID number (身份证号码).
    pub id_number: Option<String>,
    /// Phone (联系电话); an empty string clears it.
    pub phone: Option<String>,
    /// Org unit (所属组织).
    pub org_unit_id: Option<ID>,
    /// Employment type (人员类别).
    pub employment_type: Option<EmploymentType>,
    /// Employment status (就业状态).
    pub employment_status: Option<EmploymentStatus>,
    /// Education (文化程度).
    pub education: Option<Education>,
    /// Occupation (职业).
    pub occupation: Option<Occupation>,
    /// Union member (工会会员).
    pub union_member: Option<bool>,
    /// Contributes to the mutual-aid fund (参加帮扶基金捐款).
    pub fund_contributor: Option<bool>,
}

/// A household member as entered (家庭成员).
#[derive(InputObject)]
pub struct HouseholdMemberInput {
    /// Name (姓名).
    pub name: Option<String>,
    /// Relation to the worker (与职工关系); the worker is SELF, listed exactly once.
    pub kinship: Kinship,
    /// Birth date (出生日期).
    pub birth_date: Option<Date>,
    /// Monthly income (月收入), yuan.
    pub monthly_income: Money,
    /// Health (健康状况).
    pub health: Health,
    /// Disabled (残疾).
    #[graphql(default)]
    pub disabled: bool,
    /// Schooling (就学情况).
    pub schooling: Schooling,
}

/// Input of `setHousehold` (登记家庭情况): the household as it is now; it replaces what was
/// recorded before.
#[derive(InputObject)]
pub struct SetHouseholdInput {
    /// The worker.
    pub worker_id: ID,
    /// Everyone in the household, the worker included (家庭成员).
    pub members: Vec<HouseholdMemberInput>,
    /// Receives the minimum living allowance (享受低保).
    pub receives_minimum_allowance: bool,
    /// Homes owned (住宅套数).
    pub homes_owned: i32,
    /// Owns a shop or employs others in a business (拥有商业店铺或雇佣他人经营).
    pub owns_business: bool,
    /// Regularly uses motor vehicles or machinery other than as an employee.
    pub uses_vehicles: bool,
    /// Single-parent family (单亲).
    pub single_parent: bool,
    /// Widowed (丧偶).
    #[graphql(default)]
    pub widowed: bool,
    /// The worker lives alone (单身一人).
    pub lives_alone: bool,
    /// Suffered an accident or disaster with a large loss (遭遇意外灾害，损失巨大).
    pub disaster_loss: bool,
    /// Another special cause of hardship (其它特殊原因), described.
    pub other_special_cause: Option<String>,
}

/// Input of `setPovertyLine` (设置低保线).
#[derive(InputObject)]
pub struct SetPovertyLineInput {
    /// Administrative division code (行政区划代码), 6 digits.
    pub region_code: String,
    /// Year (年度).
    pub year: i32,
    /// Monthly per-capita amount (月人均标准), yuan.
    pub monthly_amount: Money,
}

/// Result of `createWorker` / `updateWorker`.
#[derive(SimpleObject)]
pub struct WorkerPayload {
    /// The worker as saved.
    pub worker: Worker,
}

/// Result of `setHousehold`.
#[derive(SimpleObject)]
pub struct SetHouseholdPayload {
    /// The worker whose household was recorded.
    pub worker: Worker,
    /// The household as saved.
    pub household: Household,
}

/// Result of `setPovertyLine`.
#[derive(SimpleObject)]
pub struct SetPovertyLinePayload {
    /// The line as saved.
    pub poverty_line: PovertyLine,
}

/// Filter of `workers`.
#[derive(InputObject, Default)]
pub struct WorkerFilterInput {
    /// Only workers in this unit's subtree.
    pub org_unit_id: Option<ID>,
    /// Part of the name, or the start of the ID number.
    pub search: Option<String>,
    /// Only this employment type.
    pub employment_type: Option<EmploymentType>,
    /// Only this employment status.
    pub employment_status: Option<EmploymentStatus>,
}

#[derive(Default)]
pub struct RegistryQuery;

#[Object]
impl RegistryQuery {
    /// One worker in the caller's subtree (职工).
    async fn worker(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Worker> {
        let id = decode(&id, "Worker", "id").extend()?;
        service::get_worker(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Worker::from)
            .extend()
    }

    /// Workers of the caller's subtree, oldest first (职工列表).
    #[graphql(complexity = "complexity(child_complexity, first, last)")]
    async fn workers(
        &self,
        ctx: &Context<'_>,
        filter: Option<WorkerFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> async_graphql::Result<Conn<Worker>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, before, first, last)?;
        let filter = WorkerFilter {
            org_unit_id: decode_opt(filter.org_unit_id.as_ref(), "OrgUnit", "filter.orgUnitId")
                .extend()?,
            search: filter.search,
            employment_type: filter.employment_type,
            employment_status: filter.employment_status,
        };
        service::list_workers(state, actor, filter, &page)
            .await
            .map(|page| connection(page, |m| m.id, Worker::from))
            .extend()
    }

    /// Evaluates a worker's recorded household against the filing criteria today
    /// (建档标准评估). Writes nothing.
    async fn evaluate_eligibility(
        &self,
        ctx: &Context<'_>,
        worker_id: ID,
    ) -> async_graphql::Result<Eligibility> {
        let id = decode(&worker_id, "Worker", "workerId").extend()?;
        service::evaluate_worker(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Eligibility)
            .extend()
    }

    /// Workers of an org subtree whose recorded circumstances meet a filing criterion but
    /// who have no open or filed case (精准识别), oldest first, with the criteria met.
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn screening_candidates(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<ScreeningCandidate>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        screening::candidates(state, actor, org, &page)
            .await
            .map(|page| connection(page, |c| c.worker.id, ScreeningCandidate))
            .extend()
    }

    /// Poverty lines (低保线), newest year first.
    async fn poverty_lines(
        &self,
        ctx: &Context<'_>,
        region_code: Option<String>,
        year: Option<i32>,
    ) -> async_graphql::Result<Vec<PovertyLine>> {
        service::poverty_lines(ctx.state()?, ctx.actor()?, region_code, year)
            .await
            .map(|lines| lines.into_iter().map(PovertyLine::from).collect())
            .extend()
    }
}

#[derive(Default)]
pub struct RegistryMutation;

#[Object]
impl RegistryMutation {
    /// Files a worker (新建职工档案).
    /// Who may call: CASEWORKER.
    async fn create_worker(
        &self,
        ctx: &Context<'_>,
        input: CreateWorkerInput,
    ) -> async_graphql::Result<WorkerPayload> {
        let actor = ctx.actor()?;
        let input = NewWorker {
            name: input.name,
            id_number: input.id_number,
            phone: input.phone,
            org_unit_id: decode(&input.org_unit_id, "OrgUnit", "orgUnitId").extend()?,
            employment_type: input.employment_type,
            employment_status: input.employment_status,
            education: input.education,
            occupation: input.occupation,
            union_member: input.union_member,
            fund_contributor: input.fund_contributor,
        };
        service::create_worker(ctx.state()?, actor, input)
            .await
            .map(|w| WorkerPayload {
                worker: Worker::from(w),
            })
            .extend()
    }

    /// Changes a worker's record (修改职工信息).
    /// Who may call: CASEWORKER.
    async fn update_worker(
        &self,
        ctx: &Context<'_>,
        input: UpdateWorkerInput,
    ) -> async_graphql::Result<WorkerPayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.id, "Worker", "id").extend()?;
        let changes = WorkerChanges {
            name: input.name,
            id_number: input.id_number,
            phone: input.phone,
            org_unit_id: decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            employment_type: input.employment_type,
            employment_status: input.employment_status,
            education: input.education,
            occupation: input.occupation,
            union_member: input.union_member,
            fund_contributor: input.fund_contributor,
        };
        service::update_worker(ctx.state()?, actor, id, changes)
            .await
            .map(|w| WorkerPayload {
                worker: Worker::from(w),
            })
            .extend()
    }

    /// Records a worker's household as it is now (登记家庭情况): any change, any time
    /// (动态管理); an open or filed case is flagged for re-evaluation.
    /// Who may call: CASEWORKER.
    async fn set_household(
        &self,
        ctx: &Context<'_>,
        input: SetHouseholdInput,
    ) -> async_graphql::Result<SetHouseholdPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let worker_id = decode(&input.worker_id, "Worker", "workerId").extend()?;
        let household = HouseholdInput {
            members: input
                .members
                .into_iter()
                .map(|m| MemberInput {
                    name: m.name,
                    kinship: m.kinship,
                    birth_date: m.birth_date.map(|d| d.0),
                    monthly_income: m.monthly_income,
                    health: m.health,
                    disabled: m.disabled,
                    schooling: m.schooling,
                })
                .collect(),
            receives_minimum_allowance: input.receives_minimum_allowance,
            homes_owned: input.homes_owned,
            owns_business: input.owns_business,
            uses_vehicles: input.uses_vehicles,
            single_parent: input.single_parent,
            widowed: input.widowed,
            lives_alone: input.lives_alone,
            disaster_loss: input.disaster_loss,
            other_special_cause: input.other_special_cause,
        };
        let record = service::set_household(state, actor, worker_id, household)
            .await
            .extend()?;
        let worker = service::get_worker(state, actor, worker_id)
            .await
            .extend()?;
        Ok(SetHouseholdPayload {
            worker: Worker::from(worker),
            household: Household(record.household),
        })
    }

    /// Sets the poverty line (低保线) of a region for a year.
    /// Who may call: ADMIN (root unit only).
    async fn set_poverty_line(
        &self,
        ctx: &Context<'_>,
        input: SetPovertyLineInput,
    ) -> async_graphql::Result<SetPovertyLinePayload> {
        service::set_poverty_line(
            ctx.state()?,
            ctx.actor()?,
            input.region_code.trim(),
            input.year,
            input.monthly_amount,
        )
        .await
        .map(|l| SetPovertyLinePayload {
            poverty_line: l.into(),
        })
        .extend()
    }
}
