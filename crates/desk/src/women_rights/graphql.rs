//! GraphQL surface of women workers' rights (女职工维权). A case is reachable only by those
//! who may know of it; its reads are audited in the service.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{WomenRightsKind, WomenRightsStatus, women_rights_case};
use futures_util::future::try_join_all;

use super::service::{self, NewWomenRightsCase, WomenRightsFilter};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::{OrgUnitKey, WomenRightsHandlersKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use crate::org::graphql::OrgUnit;
use crate::users::graphql::{User, scoped_user};

pub struct WomenRightsCase(pub women_rights_case::Model);

/// A women workers' rights case (女职工维权案件), confidential: seen only by its handlers
/// and the women workers' committee.
#[Object]
impl WomenRightsCase {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("WomenRightsCase", self.0.id)
    }

    /// The org unit it belongs to (所属组织).
    async fn org_unit(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        Ok(load(ctx, OrgUnitKey(self.0.org_unit_id))
            .await?
            .map(OrgUnit))
    }

    /// The worker on file, if the complainant is one (职工).
    async fn worker_id(&self) -> Option<ID> {
        self.0.worker_id.map(|id| global_id("Worker", id))
    }

    /// The complainant (投诉人).
    async fn complainant_name(&self) -> &str {
        &self.0.complainant_name
    }

    /// The complainant's phone (联系电话).
    async fn complainant_phone(&self) -> Option<&str> {
        self.0.complainant_phone.as_deref()
    }

    /// Kind (类别).
    async fn kind(&self) -> WomenRightsKind {
        self.0.kind
    }

    /// What happened (案情).
    async fn details(&self) -> &str {
        &self.0.details
    }

    /// Status (状态).
    async fn status(&self) -> WomenRightsStatus {
        self.0.status
    }

    /// How it was resolved (办理结果).
    async fn outcome(&self) -> Option<&str> {
        self.0.outcome.as_deref()
    }

    /// The handlers (承办人), those in the caller's scope.
    async fn handlers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<User>> {
        let rows = load(ctx, WomenRightsHandlersKey(self.0.id))
            .await?
            .unwrap_or_default();
        // Side by side, so that the loader reads every handler in one batch.
        let users =
            try_join_all(rows.iter().map(|row| scoped_user(ctx, Some(row.user_id)))).await?;
        Ok(users.into_iter().flatten().collect())
    }

    /// When it was filed (立案时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Input of `createWomenRightsCase` (女职工维权立案).
#[derive(InputObject)]
pub struct CreateWomenRightsCaseInput {
    /// The open women workers' rights call it comes from (来电来访登记), which it closes
    /// (转办); the caller, her phone and unit are taken from it where not given.
    pub contact_id: Option<ID>,
    /// The complainant as a worker on file (职工), if she is one.
    pub worker_id: Option<ID>,
    /// The org unit it belongs to (所属组织); the worker's, else the caller's.
    pub org_unit_id: Option<ID>,
    /// The complainant (投诉人); the worker's name when omitted.
    pub complainant_name: Option<String>,
    /// The complainant's phone (联系电话).
    pub complainant_phone: Option<String>,
    /// Kind (类别).
    pub kind: WomenRightsKind,
    /// What happened (案情).
    pub details: String,
    /// Who handles it (承办人): users whose scope holds the case.
    #[graphql(default)]
    pub handler_ids: Vec<ID>,
}

/// Input of `closeWomenRightsCase` (办结).
#[derive(InputObject)]
pub struct CloseWomenRightsCaseInput {
    /// The case.
    pub case_id: ID,
    /// How it was resolved (办理结果).
    pub outcome: String,
}

/// Result of the women workers' rights mutations.
#[derive(SimpleObject)]
pub struct WomenRightsCasePayload {
    /// The case as saved.
    pub women_rights_case: WomenRightsCase,
}

#[derive(Default)]
pub struct WomenRightsQuery;

#[Object]
impl WomenRightsQuery {
    /// The women workers' rights cases the caller may know of (女职工维权案件): all of the
    /// scope for the women workers' committee, those they handle for anyone else (none
    /// for most). Every case returned is an audited read.
    async fn women_rights_cases(
        &self,
        ctx: &Context<'_>,
        status: Option<WomenRightsStatus>,
        kind: Option<WomenRightsKind>,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<WomenRightsCase>> {
        let page = page_args(ctx, after, None, first, None)?;
        service::list(
            ctx.state()?,
            ctx.actor()?,
            WomenRightsFilter { status, kind },
            &page,
        )
        .await
        .map(|p| connection(p, |m| m.id, WomenRightsCase))
        .extend()
    }
}

#[derive(Default)]
pub struct WomenRightsMutation;

#[Object]
impl WomenRightsMutation {
    /// Files a confidential women workers' rights case (女职工维权立案) with its handlers
    /// (NOT_A_HANDLER), from an open women workers' rights call if given
    /// (CONFIDENTIAL_CONTACT for any other call).
    /// Who may call: SERVICE_DESK, WOMEN_COMMITTEE.
    async fn create_women_rights_case(
        &self,
        ctx: &Context<'_>,
        input: CreateWomenRightsCaseInput,
    ) -> async_graphql::Result<WomenRightsCasePayload> {
        let handler_ids = input
            .handler_ids
            .iter()
            .map(|id| decode(id, "User", "handlerIds"))
            .collect::<Result<Vec<_>, _>>()
            .extend()?;
        let new = NewWomenRightsCase {
            contact_id: decode_opt(input.contact_id.as_ref(), "Contact", "contactId").extend()?,
            worker_id: decode_opt(input.worker_id.as_ref(), "Worker", "workerId").extend()?,
            org_unit_id: decode_opt(input.org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            complainant_name: input.complainant_name,
            complainant_phone: input.complainant_phone,
            kind: input.kind,
            details: input.details,
            handler_ids,
        };
        service::create(ctx.state()?, ctx.actor()?, new)
            .await
            .map(|c| WomenRightsCasePayload {
                women_rights_case: WomenRightsCase(c),
            })
            .extend()
    }

    /// Closes a case with how it was resolved (办结). Only its handlers and the women
    /// workers' committee know of a case: to anyone else it is NOT_FOUND.
    /// Who may call: any signed-in user.
    async fn close_women_rights_case(
        &self,
        ctx: &Context<'_>,
        input: CloseWomenRightsCaseInput,
    ) -> async_graphql::Result<WomenRightsCasePayload> {
        let id = decode(&input.case_id, "WomenRightsCase", "caseId").extend()?;
        service::close(ctx.state()?, ctx.actor()?, id, input.outcome)
            .await
            .map(|c| WomenRightsCasePayload {
                women_rights_case: WomenRightsCase(c),
            })
            .extend()
    }
}
