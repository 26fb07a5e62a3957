//! Working-day calendar (工作日历): weekends, public holidays and make-up working days,
//! for counting the public notice period (公示) in working days.

pub mod graphql;
pub mod rules;
pub mod service;
