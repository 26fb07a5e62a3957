//! Legal aid (法律援助): union members — hardship-registered workers first — ask for help in
//! a labour dispute; approved cases are assigned to a legal-aid worker, go through
//! consultation, mediation, arbitration and litigation as needed, each step dated, and
//! close with the outcome and the amount recovered (追回金额).

pub mod graphql;
pub mod rules;
pub mod service;
