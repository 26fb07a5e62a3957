//! The `node(id:)` lookup (按全局标识获取对象), assembled where the schema is: it knows every
//! type with a global ID, and nothing below the schema knows it.

use async_graphql::{Context, ErrorExtensions, ID, Interface, Object};

use super::context::ContextExt;
use super::node::parse;
use crate::audit::graphql::AuditEntry;
use crate::contacts::graphql::Contact;
use crate::domestic::graphql::{DomesticWorker, ServiceOrder};
use crate::error::ApiError;
use crate::legal_aid::graphql::LegalAidCase;
use crate::org::graphql::OrgUnit;
use crate::petitions::graphql::Petition;
use crate::registry::case_graphql::Case;
use crate::registry::types::Worker;
use crate::users::graphql::User;
use crate::women_rights::graphql::WomenRightsCase;

/// An object with a global ID (全局标识), fetchable with `node(id:)`.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "Opaque global ID (全局标识)."))]
pub enum Node {
    OrgUnit(OrgUnit),
    User(User),
    AuditEntry(AuditEntry),
    Worker(Worker),
    Case(Case),
    Contact(Contact),
    Petition(Petition),
    LegalAidCase(LegalAidCase),
    WomenRightsCase(WomenRightsCase),
    DomesticWorker(DomesticWorker),
    ServiceOrder(ServiceOrder),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Fetches any object by its global ID (按全局标识获取对象), within the caller's scope.
    async fn node(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Node>> {
        let Some((kind, uuid)) = parse(&id) else {
            return Err(ApiError::bad_input("id", "not a valid ID").extend());
        };
        let state = ctx.state()?;
        let actor = ctx.actor()?;
        let node = match kind.as_str() {
            "OrgUnit" => crate::org::service::get(state, actor, uuid)
                .await
                .map(|m| Node::OrgUnit(OrgUnit(m))),
            "User" => crate::users::service::get(state, actor, uuid)
                .await
                .map(|m| Node::User(User(m))),
            "AuditEntry" => crate::audit::service::get(state, actor, uuid)
                .await
                .map(|m| Node::AuditEntry(AuditEntry(m))),
            "Worker" => crate::registry::service::get_worker(state, actor, uuid)
                .await
                .map(|m| Node::Worker(Worker::from(m))),
            "Case" => crate::registry::cases::get_case(state, actor, uuid)
                .await
                .map(|m| Node::Case(Case::from(m))),
            "Contact" => crate::contacts::service::get(state, actor, uuid)
                .await
                .map(|m| Node::Contact(Contact(m))),
            "Petition" => crate::petitions::service::get(state, actor, uuid)
                .await
                .map(|m| Node::Petition(Petition(m))),
            "LegalAidCase" => crate::legal_aid::service::get(state, actor, uuid)
                .await
                .map(|m| Node::LegalAidCase(LegalAidCase(m))),
            "WomenRightsCase" => crate::women_rights::service::get(state, actor, uuid)
                .await
                .map(|m| Node::WomenRightsCase(WomenRightsCase(m))),
            "DomesticWorker" => crate::domestic::workers::get(state, actor, uuid)
                .await
                .map(|m| Node::DomesticWorker(DomesticWorker(m))),
            "ServiceOrder" => crate::domestic::orders::get(state, actor, uuid)
                .await
                .map(|m| Node::ServiceOrder(ServiceOrder(m))),
            _ => Err(ApiError::not_found("Node")),
        };
        match node {
            Ok(node) => Ok(Some(node)),
            Err(ApiError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.extend()),
        }
    }
}
