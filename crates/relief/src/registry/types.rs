//! The registry's object types that other domains' types point to (a case's or a payout's
//! worker), declared apart from their fields (resolved in `graphql`), so that pointing to
//! them does not make those domains depend on the registry's resolvers, nor the reverse.

use entity::{household, worker};

use crate::graphql::loader::ReadAhead;

/// A worker, with the household when it was read in the same statement.
pub struct Worker(pub worker::Model, pub ReadAhead<household::Model>);

impl From<worker::Model> for Worker {
    fn from(worker: worker::Model) -> Self {
        Self(worker, ReadAhead::Load)
    }
}
