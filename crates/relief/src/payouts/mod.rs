//! Payouts (发放): batches of payable applications, approved condolences and campaign
//! recipients, paid from one fund with a bank reference each: 「由财务部于每年春节和中秋节
//! 下拨帮扶资金」.

pub mod graphql;
pub mod reversal;
pub mod rules;
pub mod service;
