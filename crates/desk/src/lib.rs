//! The service desk (帮扶服务中心前台), through which most people first reach the union:
//! 「开通了“12351”热线电话」, 「书面信访、口头表达、登门面谈」. Contacts are logged and
//! answered or turned into follow-ups: petitions (信访) with their deadlines, legal aid
//! (法律援助) for labour disputes, a screening for the hardship registry. Beside them, the
//! rights work of the 「女职工维权、劳模服务」: confidential women workers' cases and the
//! register of model workers.

use bangfu_core::{
    app, audit, auth, clock, db, error, graphql, org, pagination, users, validate, workflow,
};

pub mod contacts;
pub mod legal_aid;
pub mod model_workers;
pub mod petitions;
pub mod women_rights;
