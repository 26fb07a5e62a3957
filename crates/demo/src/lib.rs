//! `bangfu seed-demo`: the deterministic demo data set (演示数据) of both domains and the
//! service desk.

use bangfu_core::{auth, calendar, clock, db, error, id_number, org};
use bangfu_desk::petitions;
use bangfu_jobs::{domestic, employment};
use bangfu_relief::{assistance, condolences, funds, in_kind, registry};

pub mod demo;
