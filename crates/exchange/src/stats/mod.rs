//! Reports (统计报告制度): every figure of the seed's reports, for an org subtree and a
//! date or a period — hardship workers by gender, age band, education, employment type,
//! ownership, industry, occupation, cause and relief received; payouts and condolences by
//! item, fund, campaign, org unit and month or year; the employment agency's figures;
//! the service desk's; and in-kind help (实物帮扶).
//! Counted in SQL (grouped and conditional aggregates, the subtree in the WHERE clause),
//! never by loading rows; downloadable as `.xlsx` and `.csv`.

pub mod desk;
pub mod domestic;
pub mod export;
pub mod graphql;
pub mod in_kind;
pub mod rules;
pub mod service;
