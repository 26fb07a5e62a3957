//! Model workers (劳模服务): a register of titles (national, provincial, city; year), each
//! model worker shown with their hardship cases and condolences, and a screening list of
//! those whose household meets the registry's criteria.

pub mod graphql;
pub mod service;
