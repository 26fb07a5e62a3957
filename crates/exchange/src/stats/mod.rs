//! Reports (统计报告制度): every figure of the seed's reports, for an org subtree and a
//! date or a period — hardship workers by gender, age band, education, employment type,
//! ownership, industry, occupation, cause and relief received; payouts and condolences by
//! item, fund, campaign, org unit and month or year; and the employment agency's figures.
//! Counted in SQL (grouped and conditional aggregates, the subtree in the WHERE clause),
//! never by loading rows; downloadable as `.xlsx` and `.csv`.

pub mod export;
pub mod graphql;
pub mod rules;
pub mod service;
