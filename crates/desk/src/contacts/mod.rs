//! Contacts (来电来访登记): every call to 12351, visit, letter or online message, its
//! caller, topic and unit; answered on the spot or turned into exactly one follow-up; and
//! the call-backs (回访) that ask whether the caller was satisfied.

pub mod graphql;
pub mod rules;
pub mod service;
