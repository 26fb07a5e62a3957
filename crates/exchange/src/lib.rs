//! What the office exchanges and reports: spreadsheet exports (导出) and imports (导入)
//! of both domains, and the statistics (统计报表) with their downloads.

use bangfu_core::{
    app, audit, auth, clock, db, error, graphql, http, id_number, labels, org, privacy,
    spreadsheet, validate, workflow,
};
use bangfu_jobs::{domestic, employment};
use bangfu_relief::{assistance, bank, in_kind, payouts, registry};

pub mod exchange;
pub mod stats;
