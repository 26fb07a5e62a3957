//! Vocational training and guidance (职业指导—职业培训—职业技能鉴定—职业介绍 "一条龙"):
//! courses, enrolments, results, skill assessments and certificates; guidance sessions;
//! a seeker's timeline; labour-export batches (外出务工).

pub mod graphql;
pub mod rules;
pub mod service;
pub mod timeline;
