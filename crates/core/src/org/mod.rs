//! Org units (组织): the union's tree, from the city federation down to community contact
//! points and enterprise branch unions. Every other record hangs off one of them.

pub mod graphql;
pub mod rules;
pub mod service;
