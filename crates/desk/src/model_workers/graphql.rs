//! GraphQL surface of model workers (劳模服务).

use async_graphql::{Context, ID, InputObject, Object, ResultExt, SimpleObject};
use chrono::{DateTime, Utc};
use entity::{ModelWorkerLevel, model_worker};

use super::service::{self, ModelWorkerFilter};
use crate::graphql::connection::{Conn, connection, page_args};
use crate::graphql::context::{ContextExt, in_scope, load};
use crate::graphql::loader::{WorkerCondolencesKey, WorkerKey};
use crate::graphql::node::{decode, decode_opt, global_id};
use bangfu_relief::condolences::graphql::Condolence;
use bangfu_relief::registry::types::Worker;

pub struct ModelWorker(pub model_worker::Model);

/// A model worker's title (劳动模范), with the worker's hardship cases (through `worker`)
/// and condolences shown together.
#[Object]
impl ModelWorker {
    /// Opaque global ID (全局标识).
    pub async fn id(&self) -> ID {
        global_id("ModelWorker", self.0.id)
    }

    /// The worker (职工), with their cases (困难档案) and household.
    async fn worker(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Worker>> {
        match load(ctx, WorkerKey(self.0.worker_id)).await? {
            Some(w) if in_scope(ctx, w.org_unit_id).await? => Ok(Some(Worker::from(w))),
            _ => Ok(None),
        }
    }

    /// The title (荣誉称号).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Its level (级别).
    async fn level(&self) -> ModelWorkerLevel {
        self.0.level
    }

    /// The year it was conferred (授予年份).
    async fn year(&self) -> i32 {
        self.0.year
    }

    /// The condolences paid to the worker (慰问), oldest first.
    async fn condolences(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Condolence>> {
        Ok(load(ctx, WorkerCondolencesKey(self.0.worker_id))
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Condolence)
            .collect())
    }

    /// When it was registered (登记时间).
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// Input of `registerModelWorker` (劳模登记).
#[derive(InputObject)]
pub struct RegisterModelWorkerInput {
    /// The worker (职工).
    pub worker_id: ID,
    /// The title (荣誉称号), e.g. 全国劳动模范.
    pub title: String,
    /// Its level (级别).
    pub level: ModelWorkerLevel,
    /// The year it was conferred (授予年份).
    pub year: i32,
}

/// Result of `registerModelWorker`.
#[derive(SimpleObject)]
pub struct ModelWorkerPayload {
    /// The title as registered.
    pub model_worker: ModelWorker,
}

#[derive(Default)]
pub struct ModelWorkerQuery;

#[Object]
impl ModelWorkerQuery {
    /// The register of model workers in the caller's scope, oldest first (劳模名册);
    /// `meetsCriteria: true` keeps those whose household meets a filing criterion of the
    /// registry (困难劳模筛查).
    async fn model_workers(
        &self,
        ctx: &Context<'_>,
        org_unit_id: Option<ID>,
        level: Option<ModelWorkerLevel>,
        #[graphql(default)] meets_criteria: bool,
        after: Option<String>,
        first: Option<i32>,
    ) -> async_graphql::Result<Conn<ModelWorker>> {
        let filter = ModelWorkerFilter {
            org_unit_id: decode_opt(org_unit_id.as_ref(), "OrgUnit", "orgUnitId").extend()?,
            level,
            meets_criteria,
        };
        let page = page_args(ctx, after, None, first, None)?;
        service::list(ctx.state()?, ctx.actor()?, filter, &page)
            .await
            .map(|p| connection(p, |m| m.id, ModelWorker))
            .extend()
    }
}

#[derive(Default)]
pub struct ModelWorkerMutation;

#[Object]
impl ModelWorkerMutation {
    /// Registers a worker's model-worker title (劳模登记); the same title of the same year
    /// twice is refused (DUPLICATE_TITLE).
    /// Who may call: CASEWORKER (whose scope holds the worker).
    async fn register_model_worker(
        &self,
        ctx: &Context<'_>,
        input: RegisterModelWorkerInput,
    ) -> async_graphql::Result<ModelWorkerPayload> {
        let worker = decode(&input.worker_id, "Worker", "workerId").extend()?;
        service::register(
            ctx.state()?,
            ctx.actor()?,
            worker,
            input.title,
            input.level,
            input.year,
        )
        .await
        .map(|m| ModelWorkerPayload {
            model_worker: ModelWorker(m),
        })
        .extend()
    }
}
