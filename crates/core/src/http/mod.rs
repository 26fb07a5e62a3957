//! What every HTTP route shares, whichever crate serves it.

pub mod answer;
