//! Hardship registry (困难职工档案): workers, households, eligibility and cases.

pub mod id_number;
