//! Payouts through the bank (银行代发): the accounts workers and their families are paid
//! into, kept sealed at rest; the file the bank pays from (代发文件) and the file it answers
//! with (回盘文件).

pub mod accounts;
pub use bangfu_core::cipher;
pub mod graphql;
pub mod reconcile;
pub mod returns;
pub mod rules;
