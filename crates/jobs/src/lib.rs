//! The employment agency (职业介绍所): employers and their postings, job seekers,
//! matching and referrals, job fairs, and training with its certificates.

use bangfu_core::{
    app, audit, auth, clock, db, error, events, graphql, id_number, labels, org, pagination,
    privacy, search, validate, workflow,
};

pub mod domestic;
pub mod employment;
pub mod fairs;
pub mod training;
