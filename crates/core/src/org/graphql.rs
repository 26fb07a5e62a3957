//! GraphQL surface of org units.

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{Industry, OrgKind, Ownership, org_unit};

use super::service::{self, NewOrgUnit, OrgUnitChanges, OrgUnitFilter};
use crate::graphql::connection::{Conn, complexity, connection, page_args};
use crate::graphql::context::{ContextExt, load};
use crate::graphql::loader::OrgUnitKey;
use crate::graphql::node::{decode, decode_opt, global_id};

pub struct OrgUnit(pub org_unit::Model);

/// Org unit (组织): a union body in the tree 市总工会 → 区县工会 → 街道帮扶工作站 →
/// 社区联系点, or 企业工会 → 分工会.
// Plain data and at most one loaded field: in order is cheaper than joined.
#[Object(serial)]
impl OrgUnit {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("OrgUnit", self.0.id)
    }

    /// Name (名称).
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Kind of unit (组织类型).
    async fn kind(&self) -> OrgKind {
        self.0.kind
    }

    /// Administrative division code (行政区划代码), which selects the local poverty line.
    async fn region_code(&self) -> &str {
        &self.0.region_code
    }

    /// Ownership of the enterprise (所有制性质); enterprise and branch unions only.
    async fn ownership(&self) -> Option<Ownership> {
        self.0.ownership
    }

    /// Industry of the enterprise (所属行业); enterprise and branch unions only.
    async fn industry(&self) -> Option<Industry> {
        self.0.industry
    }

    /// Parent unit (上级组织); null at the root and above the caller's own unit.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<OrgUnit>> {
        let Some(parent_id) = self.0.parent_id else {
            return Ok(None);
        };
        let actor = ctx.actor()?;
        let parent = load(ctx, OrgUnitKey(parent_id)).await?;
        Ok(parent.filter(|p| actor.reaches(&p.path)).map(OrgUnit))
    }

    /// When the unit was created (创建时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the unit was last changed (更新时间).
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
}

/// Input of `createOrgUnit` (新建组织).
#[derive(InputObject)]
pub struct CreateOrgUnitInput {
    /// Name (名称).
    pub name: String,
    /// Kind of unit (组织类型); must fit under the parent's kind.
    pub kind: OrgKind,
    /// Parent unit (上级组织), in the caller's scope.
    pub parent_id: ID,
    /// Administrative division code (行政区划代码); the parent's when omitted.
    pub region_code: Option<String>,
    /// Ownership (所有制性质); required for an enterprise union.
    pub ownership: Option<Ownership>,
    /// Industry (所属行业); required for an enterprise union.
    pub industry: Option<Industry>,
}

/// Input of `updateOrgUnit` (修改组织); omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateOrgUnitInput {
    /// The unit to change.
    pub id: ID,
    /// New name (名称).
    pub name: Option<String>,
    /// New administrative division code (行政区划代码).
    pub region_code: Option<String>,
    /// New ownership (所有制性质).
    pub ownership: Option<Ownership>,
    /// New industry (所属行业).
    pub industry: Option<Industry>,
}

/// Result of `createOrgUnit` / `updateOrgUnit`.
#[derive(SimpleObject)]
pub struct OrgUnitPayload {
    /// The unit as saved.
    pub org_unit: OrgUnit,
}

/// Filter of `orgUnits`.
#[derive(InputObject, Default)]
pub struct OrgUnitFilterInput {
    /// Only the direct children of this unit (下级组织).
    pub parent_id: Option<ID>,
    /// Only units of this kind.
    pub kind: Option<OrgKind>,
    /// Only units whose name contains this text.
    pub name_contains: Option<String>,
}

#[derive(Default)]
pub struct OrgQuery;

#[Object]
impl OrgQuery {
    /// One org unit in the caller's subtree (组织).
    async fn org_unit(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<OrgUnit> {
        let id = decode(&id, "OrgUnit", "id").extend()?;
        service::get(ctx.state()?, ctx.actor()?, id)
            .await
            .map(OrgUnit)
            .extend()
    }

    /// Org units of the caller's subtree, oldest first (组织列表).
    #[graphql(complexity = "complexity(child_complexity, first, last)")]
    async fn org_units(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrgUnitFilterInput>,
        after: Option<String>,
        before: Option<String>,
        first: Option<i32>,
        last: Option<i32>,
    ) -> async_graphql::Result<Conn<OrgUnit>> {
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let filter = filter.unwrap_or_default();
        let page = page_args(ctx, after, before, first, last)?;
        let filter = OrgUnitFilter {
            parent_id: decode_opt(filter.parent_id.as_ref(), "OrgUnit", "filter.parentId")
                .extend()?,
            kind: filter.kind,
            name_contains: filter.name_contains,
        };
        service::list(state, actor, filter, &page)
            .await
            .map(|page| connection(page, |m| m.id, OrgUnit))
            .extend()
    }
}

#[derive(Default)]
pub struct OrgMutation;

#[Object]
impl OrgMutation {
    /// Creates an org unit under a parent in the caller's subtree (新建组织).
    /// Who may call: ADMIN.
    async fn create_org_unit(
        &self,
        ctx: &Context<'_>,
        input: CreateOrgUnitInput,
    ) -> async_graphql::Result<OrgUnitPayload> {
        let actor = ctx.actor()?;
        let input = NewOrgUnit {
            name: input.name,
            kind: input.kind,
            parent_id: decode(&input.parent_id, "OrgUnit", "parentId").extend()?,
            region_code: input.region_code,
            ownership: input.ownership,
            industry: input.industry,
        };
        service::create(ctx.state()?, actor, input)
            .await
            .map(|m| OrgUnitPayload {
                org_unit: OrgUnit(m),
            })
            .extend()
    }

    /// Changes an org unit's name, region code, ownership or industry (修改组织).
    /// Who may call: ADMIN.
    async fn update_org_unit(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrgUnitInput,
    ) -> async_graphql::Result<OrgUnitPayload> {
        let actor = ctx.actor()?;
        let id = decode(&input.id, "OrgUnit", "id").extend()?;
        let changes = OrgUnitChanges {
            name: input.name,
            region_code: input.region_code,
            ownership: input.ownership,
            industry: input.industry,
        };
        service::update(ctx.state()?, actor, id, changes)
            .await
            .map(|m| OrgUnitPayload {
                org_unit: OrgUnit(m),
            })
            .extend()
    }
}
