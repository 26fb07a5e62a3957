//! Moves the write epoch on after every mutation, so that results kept in memory (the
//! report cache) are not served past a write. After execution: by then the mutation's
//! transaction has committed or rolled back.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::parser::types::{ExecutableDocument, OperationType};
use async_graphql::{Response, ServerResult, Variables};

use crate::cache::WriteEpoch;

/// The extension factory: one per schema.
pub struct AdvanceOnMutation(pub WriteEpoch);

impl ExtensionFactory for AdvanceOnMutation {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(Advance {
            epoch: self.0.clone(),
            mutation: AtomicBool::new(false),
        })
    }
}

struct Advance {
    epoch: WriteEpoch,
    mutation: AtomicBool,
}

#[async_trait::async_trait]
impl Extension for Advance {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        // Any mutation in the document counts, whichever operation runs: over-counting
        // only costs a recomputation.
        let mutation = document
            .operations
            .iter()
            .any(|(_, op)| op.node.ty == OperationType::Mutation);
        self.mutation.store(mutation, Ordering::Relaxed);
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let response = next.run(ctx, operation_name).await;
        if self.mutation.load(Ordering::Relaxed) {
            self.epoch.advance();
        }
        response
    }
}
