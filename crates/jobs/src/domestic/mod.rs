//! The domestic-service station (家政服务站): domestic workers registered from the
//! agency's job seekers, kept by community service points; client households and their
//! orders, matched and placed; and the domestic workers' union's contests and public-good
//! work.
//!
//! 「成城市总工会职业介绍所领先在全市83个社区建立“成城市总工会职业介绍所家政服务”宣传问点」: a
//! service point is an org unit (usually a 社区联系点), kept by the staff filed under it.

pub mod events;
pub mod graphql;
pub mod orders;
pub mod rules;
pub mod workers;
