//! Special job fairs (专场招聘会): employers and positions taking part, seekers attending,
//! on-site intent agreements (意向性协议), and placements that came from a fair.

pub mod graphql;
pub mod service;
pub mod types;
