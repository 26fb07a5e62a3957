//! Employment agency (工会职业介绍所): job seekers, employers, postings and placements.

pub mod credit_code;
