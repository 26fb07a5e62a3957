//! Hardship registry (困难职工档案): workers, households, eligibility and cases.

pub mod household;
pub mod id_number;
pub mod lifecycle;
pub mod rules;
pub mod service;
