//! Employment agency (工会职业介绍所): job seekers, employers, postings, referrals,
//! placements and matching, free for the disadvantaged, 4050 and hardship seekers first.

pub mod credit_code;
pub mod employers;
pub mod graphql;
pub mod matching;
pub mod postings;
pub mod referrals;
pub mod rules;
pub mod seekers;
