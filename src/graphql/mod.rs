//! Schema assembly: the root types merged from each domain, with the abuse limits.

pub mod codes;
mod documents;
pub mod limits;
mod lookup;

pub use bangfu_core::graphql::{connection, context, list, loader, node, scalars};

use std::sync::Arc;

use async_graphql::futures_util::stream::{self, BoxStream, StreamExt};
use async_graphql::{
    Data, Executor, MergedObject, MergedSubscription, Request, Response, Schema, SchemaBuilder,
    ServerError,
};

use crate::app::AppState;
use crate::assistance::graphql::{AssistanceMutation, AssistanceQuery};
use crate::audit::graphql::{AuditQuery, AuditSubscription};
use crate::auth::graphql::{AuthMutation, AuthQuery};
use crate::bank::graphql::BankMutation;
use crate::calendar::graphql::{CalendarMutation, CalendarQuery};
use crate::campaigns::graphql::{CampaignMutation, CampaignQuery};
use crate::condolences::graphql::{CondolenceMutation, CondolenceQuery};
use crate::config::Config;
use crate::contacts::graphql::{ContactMutation, ContactQuery};
use crate::domestic::graphql::{DomesticMutation, DomesticQuery};
use crate::employment::graphql::{EmploymentMutation, EmploymentQuery, EmploymentSubscription};
use crate::exchange::import::graphql::ImportMutation;
use crate::fairs::graphql::{FairMutation, FairQuery};
use crate::funds::graphql::{FundMutation, FundQuery};
use crate::in_kind::graphql::{InKindMutation, InKindQuery};
use crate::legal_aid::graphql::{LegalAidMutation, LegalAidQuery};
use crate::model_workers::graphql::{ModelWorkerMutation, ModelWorkerQuery};
use crate::org::graphql::{OrgMutation, OrgQuery};
use crate::payouts::graphql::{PayoutMutation, PayoutQuery};
use crate::petitions::graphql::{PetitionMutation, PetitionQuery};
use crate::registry::case_graphql::{CaseMutation, CaseQuery};
use crate::registry::graphql::{RegistryMutation, RegistryQuery};
use crate::stats::graphql::StatsQuery;
use crate::training::graphql::{TrainingMutation, TrainingQuery};
use crate::users::graphql::{UserMutation, UserQuery};
use crate::women_rights::graphql::{WomenRightsMutation, WomenRightsQuery};

/// Queries (查询).
#[derive(MergedObject, Default)]
pub struct Query(
    lookup::NodeQuery,
    AuthQuery,
    OrgQuery,
    UserQuery,
    AuditQuery,
    CalendarQuery,
    RegistryQuery,
    CaseQuery,
    FundQuery,
    AssistanceQuery,
    PayoutQuery,
    CondolenceQuery,
    CampaignQuery,
    InKindQuery,
    EmploymentQuery,
    FairQuery,
    TrainingQuery,
    DomesticQuery,
    ContactQuery,
    PetitionQuery,
    LegalAidQuery,
    WomenRightsQuery,
    ModelWorkerQuery,
    StatsQuery,
);

/// Mutations (变更). Each takes one `input` and returns a payload. Each description ends
/// with who may call it: `Who may call: anyone (no token).`, `Who may call: any signed-in
/// user.` (`but` the roles it refuses), or the roles as `Role` spells them, each with a
/// qualifier in parentheses; `(root unit only)` refuses the role's holders in any other
/// unit. Org scope applies besides: a record outside the caller's subtree is NOT_FOUND.
#[derive(MergedObject, Default)]
pub struct Mutation(
    AuthMutation,
    OrgMutation,
    UserMutation,
    CalendarMutation,
    RegistryMutation,
    CaseMutation,
    FundMutation,
    AssistanceMutation,
    PayoutMutation,
    BankMutation,
    CondolenceMutation,
    CampaignMutation,
    InKindMutation,
    EmploymentMutation,
    FairMutation,
    TrainingMutation,
    DomesticMutation,
    ContactMutation,
    PetitionMutation,
    LegalAidMutation,
    WomenRightsMutation,
    ModelWorkerMutation,
    ImportMutation,
);

/// Subscriptions (订阅), over graphql-transport-ws at `/graphql/ws`.
#[derive(MergedSubscription, Default)]
pub struct Subscription(AuditSubscription, EmploymentSubscription);

/// The bangfu schema, with the document's limits and its text checked before an operation
/// runs, and GraphQL's own errors coded (over HTTP and over WebSocket alike). Documents
/// parsed before are not parsed again.
#[derive(Clone)]
pub struct BangfuSchema {
    schema: Schema<Query, Mutation, Subscription>,
    limits: limits::Limits,
    documents: Arc<documents::Documents>,
}

#[async_trait::async_trait]
impl Executor for BangfuSchema {
    async fn execute(&self, mut request: Request) -> Response {
        let query = (!request.variables.is_empty()).then(|| request.query.clone());
        let parsed = self.documents.reuse(&mut request);
        let mut response = match self.check(&mut request) {
            Ok(()) => {
                let response = self.schema.execute(request).await;
                if let Some(parsed) = parsed {
                    self.documents.keep(parsed, &response);
                }
                response
            }
            Err(e) => Response::from_errors(vec![e]),
        };
        codes::code_response(&mut response, query.as_deref());
        response
    }

    fn execute_stream(
        &self,
        mut request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let query = (!request.variables.is_empty()).then(|| request.query.clone());
        let responses = match self.check(&mut request) {
            Ok(()) => self
                .schema
                .execute_stream_with_session_data(request, session_data.unwrap_or_default())
                .boxed(),
            Err(e) => stream::once(async move { Response::from_errors(vec![e]) }).boxed(),
        };
        responses
            .map(move |mut response| {
                codes::code_response(&mut response, query.as_deref());
                response
            })
            .boxed()
    }
}

impl BangfuSchema {
    fn check(&self, request: &mut Request) -> Result<(), ServerError> {
        limits::check_document(request, self.limits)?;
        limits::check_text(request)
    }
}

fn builder() -> SchemaBuilder<Query, Mutation, Subscription> {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
}

/// The schema with its limits and the application state.
pub fn build(state: AppState) -> BangfuSchema {
    let config: &Config = &state.config;
    let limits = limits::Limits {
        max_aliases: config.max_aliases,
        max_depth: config.max_depth,
    };
    let schema = builder()
        .limit_complexity(config.max_complexity)
        .limit_directives(config.max_directives)
        .limit_recursive_depth(codes::MAX_DEPTH)
        .data(state)
        .finish();
    BangfuSchema {
        schema,
        limits,
        documents: Arc::default(),
    }
}

/// The SDL of the schema (checked in as `schema.graphql`).
pub fn sdl() -> String {
    builder().finish().sdl()
}
