//! GraphQL surface of hardship cases: filing, review, public notice, follow-up, exit.

use async_graphql::{Context, ID, InputObject, Json, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::hardship_case::FiveClears as FiveClearsModel;
use entity::{
    CaseStatus, Cause, DocumentKind, ExitReason, HardshipLevel, Money, Relief, ReviewDecision,
    case_document, case_evaluation, case_objection, case_transition, case_visit, hardship_case,
};

use super::cases::{
    self, CaseChanges, CaseFilter, CaseRelated, CaseRow, NewCase, NewDocument, NoticeEntry,
};
use super::lifecycle;
use super::types::Worker;
use crate::graphql::connection::{Conn, complexity, connection, nodes_select, page_args};
use crate::graphql::context::{ContextExt, load, personal};
use crate::graphql::loader::{
    CaseCausesKey, CaseDocumentsKey, CaseEvaluationsKey, CaseHandOutsKey, CaseHistoryKey,
    CaseObjectionsKey, CaseReliefsKey, CaseVisitsKey, OrgUnitKey, ReadAhead, WorkerKey,
};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::graphql::scalars::Date;
use crate::in_kind::graphql::HandOut;
use crate::org::graphql::OrgUnit;
use crate::privacy;
use crate::users::graphql::User;
use crate::users::graphql::scoped_user;

/// A case, with its org unit, worker and household when a list read them in its own
/// statement.
pub struct Case(pub hardship_case::Model, pub Option<Box<CaseRelated>>);

impl From<hardship_case::Model> for Case {
    fn from(case: hardship_case::Model) -> Self {
        Self(case, None)
    }
}

impl From<CaseRow> for Case {
    fn from(row: CaseRow) -> Self {
        Self(row.case, Some(Box::new(row.related)))
    }
}

impl Case {
    fn today(ctx: &Context<'_>) -> async_graphql::Result<chrono::NaiveDate> {
        Ok(ctx.state()?.clock.today())
    }

    fn effective_status(&self, ctx: &Context<'_>) -> async_graphql::Result<CaseStatus> {
        Ok(lifecycle::effective_status(
            self.0.status,
            self.0.notice_end,
            Self::today(ctx)?,
        ))
    }
}

/// Hardship case (困难职工档案): one filing of a worker, from draft through review and
/// public notice to the registry, and out again.
#[Object]
impl Case {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("Case", self.0.id)
    }

    /// The worker filed (职工).
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        if let Some(related) = &self.1 {
            let household = ReadAhead::Read(related.household.clone());
            return Ok(related.worker.clone().map(|w| Worker(w, household)));
        }
        Ok(load(ctx, WorkerKey(self.0.worker_id))
            .await?
            .map(Worker::from))
    }

    /// The org unit the case belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        if let Some(related) = &self.1 {
            return Ok(related.org_unit.clone().map(OrgUnit));
        }
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// Status (档案状态) as of today: a notice past its end without objection is ACTIVE.
    async fn status(&self, ctx: &Context<'_>) -> async_graphql::Result<CaseStatus> {
        self.effective_status(ctx)
    }

    /// Hardship level (困难程度) from the latest evaluation.
    async fn level(&self) -> Option<HardshipLevel> {
        self.0.level
    }

    /// Causes of hardship (致困原因).
    async fn causes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Cause>> {
        Ok(load(ctx, CaseCausesKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.cause)
            .collect())
    }

    /// Relief already received from government or others (已享受救助).
    async fn relief_received(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Relief>> {
        Ok(load(ctx, CaseReliefsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(|r| r.relief)
            .collect())
    }

    /// The five clears (五清) recorded about the family; null for callers who may not see
    /// personal data.
    async fn five_clears(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<FiveClears>> {
        personal(ctx, FiveClears::from(self.0.five_clears.clone()))
    }

    /// Assistance plan (帮扶措施); null for callers who may not see personal data.
    async fn assistance_plan(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.assistance_plan.as_deref())?.flatten())
    }

    /// Notes (备注); null for callers who may not see personal data.
    async fn notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.notes.as_deref())?.flatten())
    }

    /// The leading cadre paired with the family (干群心连心联系户), if any.
    async fn paired_cadre(&self) -> Option<PairedCadre> {
        self.0.paired_cadre_name.clone().map(|name| PairedCadre {
            name,
            position: self.0.paired_cadre_position.clone(),
        })
    }

    /// When the case was last submitted (提交时间).
    async fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.0.submitted_at
    }

    /// First working day of the public notice (公示开始日).
    async fn notice_start(&self) -> Option<Date> {
        self.0.notice_start.map(Date)
    }

    /// Last working day of the public notice (公示截止日).
    async fn notice_end(&self) -> Option<Date> {
        self.0.notice_end.map(Date)
    }

    /// The day the case was filed (建档日期), once the notice has ended.
    async fn activated_on(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Date>> {
        let filed = matches!(
            self.effective_status(ctx)?,
            CaseStatus::Active | CaseStatus::Exited
        );
        Ok(self.0.activated_on.filter(|_| filed).map(Date))
    }

    /// When the annual review (年审) falls due.
    async fn review_due_on(&self) -> Option<Date> {
        self.0.review_due_on.map(Date)
    }

    /// Proposed for exit after a re-evaluation found it no longer eligible (建议撤档).
    async fn exit_proposed(&self) -> bool {
        self.0.exit_proposed
    }

    /// Why the exit is proposed (建议撤档原因), as reason codes.
    async fn exit_proposal_reasons(&self) -> &[String] {
        &self.0.exit_proposal_reasons.0
    }

    /// Circumstances changed since the last evaluation (待重新评估).
    async fn needs_reevaluation(&self) -> bool {
        self.0.needs_reevaluation
    }

    /// Coded reason of the exit (撤档原因).
    async fn exit_reason(&self) -> Option<ExitReason> {
        self.0.exit_reason
    }

    /// Note on the exit (撤档说明).
    async fn exit_note(&self) -> Option<&str> {
        self.0.exit_note.as_deref()
    }

    /// When the case exited (撤档时间).
    async fn exited_at(&self) -> Option<DateTime<Utc>> {
        self.0.exited_at
    }

    /// Every stored evaluation, oldest first (评估记录): the evidence for audit and appeal.
    async fn evaluations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CaseEvaluation>> {
        Ok(load(ctx, CaseEvaluationsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(CaseEvaluation)
            .collect())
    }

    /// Every step of the case, in order (流转记录).
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CaseTransition>> {
        let mut steps = load(ctx, CaseHistoryKey(self.0.id))
            .await?
            .unwrap_or_default();
        if self.effective_status(ctx)? == CaseStatus::Active
            && self.0.status == CaseStatus::InNotice
        {
            steps.extend(cases::activation_step(&self.0));
        }
        Ok(steps.into_iter().map(CaseTransition).collect())
    }

    /// Supporting documents (证明材料).
    async fn documents(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CaseDocument>> {
        Ok(load(ctx, CaseDocumentsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(CaseDocument)
            .collect())
    }

    /// Objections lodged during public notices (公示异议).
    async fn objections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CaseObjection>> {
        Ok(load(ctx, CaseObjectionsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(CaseObjection)
            .collect())
    }

    /// Goods the household collected at the stores (实物帮扶, 爱心超市), oldest first:
    /// in-kind help, apart from the money paid.
    async fn hand_outs(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<HandOut>> {
        Ok(load(ctx, CaseHandOutsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(HandOut)
            .collect())
    }

    /// Visits to the family (走访记录).
    async fn visits(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CaseVisit>> {
        Ok(load(ctx, CaseVisitsKey(self.0.id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(CaseVisit)
            .collect())
    }

    /// When the case was opened (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the case last changed (更新时间).
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// The five clears (五清): family situation, cause, skills, wish to work, state of mind.
#[derive(SimpleObject, InputObject, Default)]
#[graphql(input_name = "FiveClearsInput")]
pub struct FiveClears {
    /// Family situation (家庭状况清).
    pub family_situation: Option<String>,
    /// Cause of hardship (致困原因清).
    pub cause: Option<String>,
    /// Skills (技术特长清).
    pub skills: Option<String>,
    /// Wish to work (就业要求清).
    pub work_wish: Option<String>,
    /// State of mind (思想状况清).
    pub state_of_mind: Option<String>,
}

impl From<FiveClearsModel> for FiveClears {
    fn from(m: FiveClearsModel) -> Self {
        Self {
            family_situation: m.family_situation,
            cause: m.cause,
            skills: m.skills,
            work_wish: m.work_wish,
            state_of_mind: m.state_of_mind,
        }
    }
}

impl From<FiveClears> for FiveClearsModel {
    fn from(f: FiveClears) -> Self {
        Self {
            family_situation: f.family_situation,
            cause: f.cause,
            skills: f.skills,
            work_wish: f.work_wish,
            state_of_mind: f.state_of_mind,
        }
    }
}

/// The leading cadre paired with a family (联系户领导干部).
#[derive(SimpleObject)]
pub struct PairedCadre {
    /// Name (姓名).
    pub name: String,
    /// Position (职务).
    pub position: Option<String>,
}

pub struct CaseEvaluation(pub case_evaluation::Model);

/// An evaluation stored with a case (评估记录).
#[Object]
impl CaseEvaluation {
    /// When it was made: SUBMISSION, INITIAL_REVIEW, GROUP_REVIEW, APPROVAL or REEVALUATION (评估环节).
    async fn stage(&self) -> &str {
        &self.0.stage
    }

    /// When (时间).
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who triggered it (操作人); null outside the caller's scope.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.actor_id).await
    }

    /// Whether the household met the criteria (符合建档条件).
    async fn eligible(&self) -> bool {
        self.0.eligible
    }

    /// Hardship level (困难程度).
    async fn level(&self) -> Option<HardshipLevel> {
        self.0.level
    }

    /// Criteria met (符合的标准).
    async fn matched(&self) -> Vec<String> {
        codes(&self.0.matched)
    }

    /// Exclusions that applied (不予建档情形).
    async fn excluded(&self) -> Vec<String> {
        codes(&self.0.excluded)
    }

    /// Monthly per-capita income (家庭人均月收入); null for callers who may not see incomes.
    async fn per_capita_income(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Money>> {
        Ok(ctx
            .actor()?
            .sees_personal_data()
            .then_some(self.0.per_capita_income))
    }

    /// The poverty line applied (低保线).
    async fn poverty_line(&self) -> Money {
        self.0.poverty_line
    }

    /// Version of the criteria applied (政策版本).
    async fn policy_version(&self) -> &str {
        &self.0.policy_version
    }

    /// The facts evaluated (评估依据), as JSON; null for callers who may not see personal data.
    async fn inputs(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Json<serde_json::Value>>> {
        Ok(ctx
            .actor()?
            .sees_personal_data()
            .then(|| Json(self.0.inputs.clone())))
    }
}

fn codes(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub struct CaseTransition(pub case_transition::Model);

/// One step of a case (流转记录).
#[Object]
impl CaseTransition {
    /// Status before (原状态); null for the first step.
    async fn from_status(&self) -> Option<CaseStatus> {
        self.0.from_status
    }

    /// Status after (新状态).
    async fn status(&self) -> CaseStatus {
        self.0.to_status
    }

    /// Who took the step (操作人); null for steps the system takes, and for accounts
    /// outside the caller's scope.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        scoped_user(ctx, self.0.actor_id).await
    }

    /// Username of who took the step, or `system` (操作人用户名).
    async fn actor_username(&self) -> &str {
        &self.0.actor_username
    }

    /// When (时间).
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Comment (意见).
    async fn comment(&self) -> Option<&str> {
        self.0.comment.as_deref()
    }
}

pub struct CaseDocument(pub case_document::Model);

/// A supporting document (证明材料).
#[Object]
impl CaseDocument {
    /// Kind (材料类型).
    async fn kind(&self) -> DocumentKind {
        self.0.kind
    }

    /// Date of issue (出具日期).
    async fn issued_on(&self) -> Option<Date> {
        self.0.issued_on.map(Date)
    }

    /// Issuer (出具单位); null for callers who may not see personal data.
    async fn issuer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.issuer.as_deref())?.flatten())
    }

    /// For a diagnosis: from a public hospital of grade 2 or above (公立二级以上医院).
    async fn qualified_issuer(&self) -> bool {
        self.0.qualified_issuer
    }

    /// Note (备注); null for callers who may not see personal data.
    async fn note(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        Ok(personal(ctx, self.0.note.as_deref())?.flatten())
    }

    /// When it was recorded (登记时间).
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct CaseObjection(pub case_objection::Model);

/// An objection lodged during a public notice (公示异议).
#[Object]
impl CaseObjection {
    /// The objection (异议内容).
    async fn reason(&self) -> &str {
        &self.0.reason
    }

    /// When it was lodged (提出时间).
    async fn lodged_at(&self) -> DateTime<Utc> {
        self.0.lodged_at
    }
}

pub struct CaseVisit(pub case_visit::Model);

/// A visit to the family (走访记录).
#[Object]
impl CaseVisit {
    /// Date of the visit (走访日期).
    async fn visited_on(&self) -> Date {
        Date(self.0.visited_on)
    }

    /// Who visited (走访人).
    async fn visitor(&self) -> &str {
        &self.0.visitor
    }

    /// What was found and done (走访情况); null for callers who may not see personal data.
    async fn notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        personal(ctx, self.0.notes.as_str())
    }

    /// When it was recorded (登记时间).
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

pub struct PublicNotice(pub NoticeEntry);

/// A case on the public notice board (公示): only what anyone may see.
#[Object]
impl PublicNotice {
    /// Global ID of the case, for lodging an objection (档案标识).
    async fn case_id(&self) -> ID {
        global_id("Case", self.0.case.id)
    }

    /// The worker's name, masked (姓名, 张*明).
    async fn masked_name(&self) -> String {
        privacy::mask_name(&self.0.worker_name)
    }

    /// The worker's org unit (所属单位).
    async fn org_unit_name(&self) -> &str {
        &self.0.org_unit_name
    }

    /// Hardship level (困难程度).
    async fn level(&self) -> Option<HardshipLevel> {
        self.0.case.level
    }

    /// First day of the notice (公示开始日).
    async fn notice_start(&self) -> Option<Date> {
        self.0.case.notice_start.map(Date)
    }

    /// Last day of the notice (公示截止日).
    async fn notice_end(&self) -> Option<Date> {
        self.0.case.notice_end.map(Date)
    }
}

/// Input of `createCase` (新建困难档案).
#[derive(InputObject)]
pub struct CreateCaseInput {
    /// The worker (职工).
    pub worker_id: ID,
    /// Causes of hardship (致困原因), at least one.
    pub causes: Vec<Cause>,
    /// Relief already received (已享受救助).
    #[graphql(default)]
    pub relief_received: Vec<Relief>,
    /// Notes (备注).
    pub notes: Option<String>,
    /// The five clears (五清).
    pub five_clears: Option<FiveClears>,
    /// Assistance plan (帮扶措施).
    pub assistance_plan: Option<String>,
    /// Leading cadre paired with the family (联系户领导干部).
    pub paired_cadre_name: Option<String>,
    /// The cadre's position (职务).
    pub paired_cadre_position: Option<String>,
}

/// Input of `updateCase` (修改困难档案); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateCaseInput {
    /// The case.
    pub case_id: ID,
    /// Causes of hardship (致困原因); only while a draft.
    pub causes: Option<Vec<Cause>>,
    /// Relief already received (已享受救助).
    pub relief_received: Option<Vec<Relief>>,
    /// Notes (备注).
    pub notes: Option<String>,
    /// The five clears (五清).
    pub five_clears: Option<FiveClears>,
    /// Assistance plan (帮扶措施).
    pub assistance_plan: Option<String>,
    /// Leading cadre paired with the family (联系户领导干部).
    pub paired_cadre_name: Option<String>,
    /// The cadre's position (职务).
    pub paired_cadre_position: Option<String>,
}

/// Input of `addCaseDocument` (登记证明材料).
#[derive(InputObject)]
pub struct AddCaseDocumentInput {
    /// The case.
    pub case_id: ID,
    /// Kind (材料类型).
    pub kind: DocumentKind,
    /// Date of issue (出具日期); a diagnosis counts for a year from it.
    pub issued_on: Option<Date>,
    /// Issuer (出具单位).
    pub issuer: Option<String>,
    /// For a diagnosis: from a public hospital of grade 2 or above (公立二级以上医院).
    #[graphql(default)]
    pub qualified_issuer: bool,
    /// Note (备注).
    pub note: Option<String>,
}

/// Input of the case steps that need only the case (`submitCase`, `reevaluateCase`).
#[derive(InputObject)]
pub struct CaseIdInput {
    /// The case.
    pub case_id: ID,
}

/// Input of `reviewCase` (审核).
#[derive(InputObject)]
pub struct ReviewCaseInput {
    /// The case.
    pub case_id: ID,
    /// Decision (审核意见).
    pub decision: ReviewDecision,
    /// Comment (意见说明); required to reject or return.
    pub comment: Option<String>,
}

/// Input of `lodgeObjection` (提出公示异议).
#[derive(InputObject)]
pub struct LodgeObjectionInput {
    /// The case on notice.
    pub case_id: ID,
    /// The objection (异议内容).
    pub reason: String,
}

/// Input of `withdrawCase` (撤回草稿档案).
#[derive(InputObject)]
pub struct WithdrawCaseInput {
    /// The draft case.
    pub case_id: ID,
    /// Why (撤回原因), kept in the history.
    pub reason: Option<String>,
}

/// Input of `recordVisit` (登记走访).
#[derive(InputObject)]
pub struct RecordVisitInput {
    /// The case.
    pub case_id: ID,
    /// Date of the visit (走访日期).
    pub visited_on: Date,
    /// Who visited (走访人).
    pub visitor: String,
    /// What was found and done (走访情况).
    pub notes: String,
}

/// Input of `exitCase` (脱困撤档).
#[derive(InputObject)]
pub struct ExitCaseInput {
    /// The case.
    pub case_id: ID,
    /// Coded reason (撤档原因).
    pub reason: ExitReason,
    /// Note (说明); required when the reason is OTHER.
    pub note: Option<String>,
}

/// Result of the case mutations.
#[derive(SimpleObject)]
pub struct CasePayload {
    /// The case as saved.
    pub case: Case,
}

/// Result of `lodgeObjection`: only what the objector needs, since anyone in scope may
/// object and not everyone may read the case.
#[derive(SimpleObject)]
pub struct LodgeObjectionPayload {
    /// The case objected to (档案标识).
    pub case_id: ID,
    /// Its status now: back with the leading group (INITIAL_REVIEWED).
    pub status: CaseStatus,
}

/// Result of `addCaseDocument`.
#[derive(SimpleObject)]
pub struct AddCaseDocumentPayload {
    /// The case.
    pub case: Case,
    /// The document as recorded.
    pub document: CaseDocument,
}

/// Result of `recordVisit`.
#[derive(SimpleObject)]
pub struct RecordVisitPayload {
    /// The case.
    pub case: Case,
    /// The visit as recorded.
    pub visit: CaseVisit,
}

/// Filter of `cases`.
#[derive(InputObject, Default)]
pub struct CaseFilterInput {
    /// Only cases in this unit's subtree.
    pub org_unit_id: Option<ID>,
    /// Only this status (as of today).
    pub status: Option<CaseStatus>,
    /// Only this worker's cases.
    pub worker_id: Option<ID>,
    /// Only cases proposed (true) or not proposed (false) for exit.
    pub exit_proposed: Option<bool>,
    /// Only cases flagged (true) or not flagged (false) for re-evaluation.
    pub needs_reevaluation: Option<bool>,
}

fn payload(case: hardship_case::Model) -> CasePayload {
    CasePayload {
        case: Case::from(case),
    }
}

#[derive(Default)]
pub struct CaseQuery;

#[Object]
impl CaseQuery {
    /// One case in the caller's subtree (困难档案).
    async fn case(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Case> {
        let id = decode(&id, "Case", "id").extend()?;
        cases::get_case(ctx.state()?, ctx.actor()?, id)
            .await
            .map(Case::from)
            .extend()
    }

    /// Cases of the caller's subtree, oldest first (困难档案列表).
    #[graphql(complexity = "complexity(child_complexity, first, last)")]
    async fn cases(
        &self,
        ctx: &Context<'_>,
        filter: Option<CaseFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> async_graphql::Result<Conn<Case>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, before, first, last)?;
        let filter = CaseFilter {
            org_unit_id: decode_opt(filter.org_unit_id.as_ref(), "OrgUnit", "filter.orgUnitId")
                .extend()?,
            status: filter.status,
            worker_id: decode_opt(filter.worker_id.as_ref(), "Worker", "filter.workerId")
                .extend()?,
            exit_proposed: filter.exit_proposed,
            needs_reevaluation: filter.needs_reevaluation,
        };
        // A list screen that shows the worker gets it, its household and the case's unit
        // in the page's own statement rather than one statement more per relation (the
        // unit alone is cheaper through its loader).
        if nodes_select(ctx, "worker") {
            return cases::list_cases_with_workers(state, actor, filter, &page)
                .await
                .map(|page| connection(page, |row| row.case.id, Case::from))
                .extend();
        }
        cases::list_cases(state, actor, filter, &page)
            .await
            .map(|page| connection(page, |m| m.id, Case::from))
            .extend()
    }

    /// Filed cases of an org subtree whose annual review (年审) is due within `withinDays`
    /// days (omitted or 0: due today or overdue).
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn cases_due_for_review(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        within_days: Option<u32>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<Case>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        cases::due_for_review(state, actor, org, within_days.unwrap_or(0), &page)
            .await
            .map(|page| connection(page, |m| m.id, Case::from))
            .extend()
    }

    /// Cases publicly posted now in an org subtree (公示栏). Needs no login; shows masked
    /// names, the unit, the level and the notice period only.
    #[graphql(complexity = "complexity(child_complexity, first, None)")]
    async fn public_notices(
        &self,
        ctx: &Context<'_>,
        org_unit_id: ID,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<PublicNotice>> {
        let state = ctx.state()?;
        let org = decode(&org_unit_id, "OrgUnit", "orgUnitId").extend()?;
        let page = page_args(ctx, after, None, first, None)?;
        cases::public_notices(state, org, &page)
            .await
            .map(|page| connection(page, |e| e.case.id, PublicNotice))
            .extend()
    }
}

#[derive(Default)]
pub struct CaseMutation;

#[Object]
impl CaseMutation {
    /// Opens a draft case for a worker (新建困难档案). One open or filed case per worker.
    /// Who may call: CASEWORKER.
    async fn create_case(
        &self,
        ctx: &Context<'_>,
        input: CreateCaseInput,
    ) -> async_graphql::Result<CasePayload> {
        let actor = ctx.actor()?;
        let input = NewCase {
            worker_id: decode(&input.worker_id, "Worker", "workerId").extend()?,
            causes: input.causes,
            relief_received: input.relief_received,
            notes: input.notes,
            five_clears: input.five_clears.map(Into::into),
            assistance_plan: input.assistance_plan,
            paired_cadre_name: input.paired_cadre_name,
            paired_cadre_position: input.paired_cadre_position,
        };
        cases::create_case(ctx.state()?, actor, input)
            .await
            .map(payload)
            .extend()
    }

    /// Changes what is recorded about a case (修改困难档案).
    /// Who may call: CASEWORKER.
    async fn update_case(
        &self,
        ctx: &Context<'_>,
        input: UpdateCaseInput,
    ) -> async_graphql::Result<CasePayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        let changes = CaseChanges {
            causes: input.causes,
            relief_received: input.relief_received,
            notes: input.notes,
            five_clears: input.five_clears.map(Into::into),
            assistance_plan: input.assistance_plan,
            paired_cadre_name: input.paired_cadre_name,
            paired_cadre_position: input.paired_cadre_position,
        };
        cases::update_case(ctx.state()?, actor, id, changes)
            .await
            .map(payload)
            .extend()
    }

    /// Records a supporting document (登记证明材料).
    /// Who may call: CASEWORKER.
    async fn add_case_document(
        &self,
        ctx: &Context<'_>,
        input: AddCaseDocumentInput,
    ) -> async_graphql::Result<AddCaseDocumentPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        let doc = NewDocument {
            kind: input.kind,
            issued_on: input.issued_on.map(|d| d.0),
            issuer: input.issuer,
            qualified_issuer: input.qualified_issuer,
            note: input.note,
        };
        let document = cases::add_document(state, actor, id, doc).await.extend()?;
        let case = cases::get_case(state, actor, id).await.extend()?;
        Ok(AddCaseDocumentPayload {
            case: Case::from(case),
            document: CaseDocument(document),
        })
    }

    /// Submits a draft to 综合部 (提交): refused with the reasons when the household is not
    /// eligible or a required document is missing.
    /// Who may call: CASEWORKER.
    async fn submit_case(
        &self,
        ctx: &Context<'_>,
        input: CaseIdInput,
    ) -> async_graphql::Result<CasePayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::submit_case(ctx.state()?, ctx.actor()?, id)
            .await
            .map(payload)
            .extend()
    }

    /// Decides at the stage the case awaits (审核), never by who submitted it or decided at
    /// another stage (双人复核). Approval starts the public notice of at least 5 working
    /// days.
    /// Who may call: CASEWORKER (initial review), REVIEWER (group review), APPROVER (approval).
    async fn review_case(
        &self,
        ctx: &Context<'_>,
        input: ReviewCaseInput,
    ) -> async_graphql::Result<CasePayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::review_case(
            ctx.state()?,
            ctx.actor()?,
            id,
            input.decision,
            input.comment,
        )
        .await
        .map(payload)
        .extend()
    }

    /// Lodges an objection during the public notice (提出异议): the case goes back to the
    /// leading group's review.
    /// Who may call: any signed-in user but EMPLOYER (a portal account).
    async fn lodge_objection(
        &self,
        ctx: &Context<'_>,
        input: LodgeObjectionInput,
    ) -> async_graphql::Result<LodgeObjectionPayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::lodge_objection(ctx.state()?, ctx.actor()?, id, input.reason)
            .await
            .map(|c| LodgeObjectionPayload {
                case_id: global_id("Case", c.id),
                status: c.status,
            })
            .extend()
    }

    /// Withdraws a draft case (撤回), one never submitted or returned for correction
    /// (退回): it stays in the history as WITHDRAWN and no longer counts as the worker's
    /// open case.
    /// Who may call: CASEWORKER, or the draft's author.
    async fn withdraw_case(
        &self,
        ctx: &Context<'_>,
        input: WithdrawCaseInput,
    ) -> async_graphql::Result<CasePayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::withdraw_case(ctx.state()?, ctx.actor()?, id, input.reason)
            .await
            .map(payload)
            .extend()
    }

    /// Records a visit to the family (登记走访).
    /// Who may call: CASEWORKER.
    async fn record_visit(
        &self,
        ctx: &Context<'_>,
        input: RecordVisitInput,
    ) -> async_graphql::Result<RecordVisitPayload> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        let visit = cases::record_visit(
            state,
            actor,
            id,
            input.visited_on.0,
            input.visitor,
            input.notes,
        )
        .await
        .extend()?;
        let case = cases::get_case(state, actor, id).await.extend()?;
        Ok(RecordVisitPayload {
            case: Case::from(case),
            visit: CaseVisit(visit),
        })
    }

    /// Evaluates a filed case again (重新评估 / 年审); no longer eligible, it is proposed
    /// for exit with the reasons.
    /// Who may call: CASEWORKER.
    async fn reevaluate_case(
        &self,
        ctx: &Context<'_>,
        input: CaseIdInput,
    ) -> async_graphql::Result<CasePayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::reevaluate_case(ctx.state()?, ctx.actor()?, id)
            .await
            .map(payload)
            .extend()
    }

    /// Takes a filed case off the registry (脱困撤档) with a coded reason.
    /// Who may call: CASEWORKER.
    async fn exit_case(
        &self,
        ctx: &Context<'_>,
        input: ExitCaseInput,
    ) -> async_graphql::Result<CasePayload> {
        let id = decode(&input.case_id, "Case", "caseId").extend()?;
        cases::exit_case(ctx.state()?, ctx.actor()?, id, input.reason, input.note)
            .await
            .map(payload)
            .extend()
    }
}
