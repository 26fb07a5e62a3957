//! The one review workflow (审核流程) of every item the union decides on — hardship cases,
//! assistance applications, and later petitions and legal aid: submission (提交), the three
//! review stages (综合部初核, 领导小组复核, 董事长审批) with four eyes (双人复核), the public
//! notice (公示) with its objections (异议), withdrawal (撤回) and the transition history
//! (流转记录). Each domain keeps its own status enum and history table and plugs them in
//! through `rules::Status` and `service::Flow`.

pub mod rules;
pub mod service;
pub mod statuses;
